"""`points`: the work-permit points score and category (DOMAIN §3.1), for a stored applicant or a facts file."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from cli.check_cmd import add_setting_option, applicant_id, facts_from_args, load
from cli.common import iso_date, opened, print_json, print_table, record_id
from core.eligibility.labels import points_input_text
from core.eligibility.workpermit.category import with_categories
from core.eligibility.workpermit.points import score
from core.i18n import _
from core.ruledata.loader import RulesError


def register(sub: Any) -> None:
    p = sub.add_parser("points", help=_("work-permit points and category A/B/C"))
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--applicant", type=record_id, metavar="ID",
                     help=_("a stored applicant (see `case list`), scored on their records"))
    who.add_argument("--facts", type=Path, metavar="FILE.json", help=_("applicant facts as JSON (docs/eligibility.md)"))
    p.add_argument("--as-of", type=iso_date, default=None, help=_("date for the age (default: today)"))
    add_setting_option(p)
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, today: dt.date) -> int:
    as_of: dt.date = args.as_of or today
    try:
        if args.applicant is not None:
            with opened(args) as service:
                who = applicant_id(service, args)
                facts, result = service.eligibility.facts(who, as_of).facts, service.eligibility.points(who, as_of)
        else:
            book, _settings = load(args)
            facts = facts_from_args(args)
            result = with_categories(score(facts, as_of, book.points), facts, as_of, book.wages, book.categories)
    except RulesError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 2
    if args.json:
        print_json({"as_of": as_of.isoformat(), "applicant": facts.id, **result.to_json()})
        return 0
    print(_("Work-permit points on {date}").format(date=as_of.isoformat())
          + (f" — {facts.name}" if facts.name else ""))
    print_table([_("Factor"), _("Input"), _("Points"), _("Max")],
                [(f"{x.label_zh} / {x.label_en}", points_input_text(x.input),
                  "?" if x.points is None else x.points, x.max_points) for x in result.lines])
    span = str(result.total) if result.total == result.max_total else f"{result.total}–{result.max_total}"
    print(_("Total {t}: category {c} (A ≥ {a}, B ≥ {b}; {s})").format(
        t=span, c=result.category, a=result.thresholds["A"], b=result.thresholds["B"], s=result.source))
    if result.direct_a:
        print(_("Category A directly (a category-A criterion is met, no points needed)."))
    if result.by_route is not None:
        decided = result.by_route.decided_by
        print(_("Category {c} by route {r}: {zh} / {en}{d} ({s})").format(
            c=result.by_route.category, r=decided.route.id, zh=decided.route.label_zh, en=decided.route.label_en,
            d=f" — {decided.detail}" if decided.detail else "", s=decided.route.provenance.source))
        if result.by_route.doubt:
            print(result.by_route.doubt)
    if result.missing:
        print(_("Missing for a total: {what}.").format(what=_(", ").join(result.missing_labels())))
    return 0
