"""`points`: the work-permit points score and category (DOMAIN §3.1), from an ApplicantFacts JSON file."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from cli.check_cmd import add_setting_option, facts_from_args, load
from cli.common import iso_date, print_json, print_table
from core.eligibility.points import score
from core.i18n import _
from core.rules import RulesError


def register(sub: Any) -> None:
    p = sub.add_parser("points", help=_("work-permit points and category A/B/C"))
    p.add_argument("--facts", type=Path, metavar="FILE.json", required=True,
                   help=_("applicant facts as JSON (docs/eligibility.md)"))
    p.add_argument("--as-of", type=iso_date, default=None, help=_("date for the age (default: today)"))
    add_setting_option(p)
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, today: dt.date) -> int:
    try:
        book, _settings = load(args)
    except RulesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    facts = facts_from_args(args)
    as_of: dt.date = args.as_of or today
    result = score(facts, as_of, book.points)
    if args.json:
        print_json({"as_of": as_of.isoformat(), "applicant": facts.id, **result.to_json()})
        return 0
    print(_("Work-permit points on {date}").format(date=as_of.isoformat()))
    print_table([_("Factor"), _("Input"), _("Points"), _("Max")],
                [(f"{x.label_zh} / {x.label_en}", "—" if x.input is None else x.input,
                  "?" if x.points is None else x.points, x.max_points) for x in result.lines])
    span = str(result.total) if result.total == result.max_total else f"{result.total}–{result.max_total}"
    print(_("Total {t}: category {c} (A ≥ {a}, B ≥ {b}; {s})").format(
        t=span, c=result.category, a=result.thresholds["A"], b=result.thresholds["B"], s=result.source))
    if result.direct_a:
        print(_("Category A directly (a category-A criterion is met, no points needed)."))
    return 0
