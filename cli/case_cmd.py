"""`case list|import|export`: the applicants in the database, and case files in and out (docs/case-file.md)."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from cli import passphrase
from cli.common import open_service, print_json, print_table, record_id
from core.exchange.casefile import is_sealed_file
from core.i18n import _
from core.records.identity import ApplicantId
from core.services.lookup import stored


def register(sub: Any) -> None:
    p = sub.add_parser("case", help=_("applicants and their case files"))
    case_sub = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    lst = case_sub.add_parser("list", help=_("list the applicants"))
    lst.add_argument("--json", action="store_true", help=_("machine-readable output"))
    lst.set_defaults(handler=handle_list)
    imp = case_sub.add_parser("import", help=_("import a case file (JSON) as new applicants"))
    imp.add_argument("file", type=Path, help=_("case file (schema juliu.case/1)"))
    imp.add_argument("--json", action="store_true", help=_("machine-readable output"))
    imp.set_defaults(handler=handle_import)
    exp = case_sub.add_parser("export", help=_("write an applicant's family to a case file (JSON)"))
    exp.add_argument("id", type=record_id, help=_("applicant id (a dependant exports their principal's family)"))
    exp.add_argument("file", type=Path, help=_("case file to write"))
    exp.add_argument("--encrypt", action="store_true",
                     help=_("encrypt the case file with a passphrase (AES-256-GCM; recommended for e-mail)"))
    exp.set_defaults(handler=handle_export)


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


def handle_import(args: argparse.Namespace, today: dt.date) -> int:
    service = open_service(args)
    try:
        key = None
        if is_sealed_file(args.file):
            key = passphrase.obtain(args, _("Passphrase of the case file {path}: ").format(path=args.file))
        if service.list_applicants():
            service.auto_backup("before-import", dt.datetime.now())
        ids = service.records.import_case(args.file, today, key)
    finally:
        service.close()
    if args.json:
        print_json({"applicant": ids[0], "dependants": ids[1:]})
    else:
        print(ids[0])
    return 0


def handle_export(args: argparse.Namespace, today: dt.date) -> int:
    key = (passphrase.given(args) or passphrase.new_passphrase(args)) if args.encrypt else None
    service = open_service(args)
    try:
        service.require_sound()
        with stored("ID"):
            principal = service.records.export_case(ApplicantId(args.id), args.file, key)
    finally:
        service.close()
    print(_("Wrote the case of applicant {id} to {path}").format(id=principal, path=args.file))
    return 0
