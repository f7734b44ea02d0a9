"""`case list`: the applicants in the database."""
from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from cli.common import open_service, print_json, print_table
from core.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("case", help=_("applicants and their case files"))
    case_sub = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    lst = case_sub.add_parser("list", help=_("list the applicants"))
    lst.add_argument("--json", action="store_true", help=_("machine-readable output"))
    lst.set_defaults(handler=handle_list)


def handle_list(args: argparse.Namespace, today: dt.date) -> int:
    service = open_service(args)
    try:
        applicants = service.list_applicants()
    finally:
        service.close()
    if args.json:
        print_json({"applicants": [
            {"id": a.id, "family_name": a.family_name, "given_names": a.given_names,
             "chinese_name": a.chinese_name, "sex": a.sex.value if a.sex else None,
             "birth_date": a.birth_date.isoformat() if a.birth_date else None,
             "nationality": a.nationality, "city": a.city} for a in applicants]})
        return 0
    print_table([_("ID"), _("Name"), _("Chinese name"), _("Nationality"), _("City")],
                [(a.id, a.latin_name, a.chinese_name, a.nationality, a.city) for a in applicants])
    return 0
