"""`deadlines`: what expires or falls due, for one applicant or all (the firm view), as a table, JSON or .ics."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from cli.common import bounded_int, gc_paused, iso_date, opened, print_json, print_table, record_id
from core.deadlines.items import DeadlineItem
from core.files import write_private
from core.i18n import _
from core.records.identity import ApplicantId


def register(sub: Any) -> None:
    p = sub.add_parser("deadlines", help=_("expiries and filing deadlines, sorted by due date"))
    p.add_argument("--applicant", type=record_id, default=None, help=_("only this applicant id"))
    p.add_argument("--as-of", type=iso_date, default=None, help=_("compute as of this date (default: today)"))
    p.add_argument("--within", type=bounded_int(0, 36500), default=None, metavar="DAYS",
                   help=_("only items due within DAYS days (overdue ones included)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument("--ics", type=Path, default=None, metavar="FILE.ics",
                   help=_("also write an iCalendar file with a reminder at each lead time"))
    p.set_defaults(handler=handle)


def item_json(i: DeadlineItem) -> dict[str, object]:
    return {"applicant": i.applicant_id, "name": i.name, "kind": i.kind.value, "document": i.document,
            "due": i.due.isoformat(), "days_left": i.days_left, "severity": i.urgency.value, "source": i.source,
            "title": i.title, "detail": i.detail,
            "lenient_due": i.lenient_due.isoformat() if i.lenient_due else None, "derived": i.derived}


def handle(args: argparse.Namespace, today: dt.date) -> int:
    as_of: dt.date = args.as_of or today
    with opened(args) as service:
        applicant = ApplicantId(args.applicant) if args.applicant is not None else None
        if applicant is not None:
            service.require_applicant(applicant, "--applicant")
        with gc_paused():
            report = service.records.deadlines(as_of, applicant, args.within)
        if args.ics is not None:
            write_private(args.ics, service.records.deadlines_ics(report))
    if args.json:
        with gc_paused():
            print_json({"as_of": as_of.isoformat(), "items": [item_json(i) for i in report.items]})
        return 0
    print(_("Deadlines as of {date}").format(date=as_of.isoformat()))
    print_table([_("Due"), _("Lenient reading"), _("Days"), _("Severity"), _("Applicant"), _("What"),
                 _("Document"), _("Source")],
                [(i.due.isoformat() + (f" {i.due_time:%H:%M}" if i.due_time else "") + (" *" if i.derived else ""),
                  i.lenient_due.isoformat() if i.lenient_due else "", i.days_left, i.urgency.word, i.name, i.title,
                  i.document, i.source) for i in report.items])
    if any(i.derived for i in report.items):
        print(_("* derived from a rule (e.g. a PR card's validity from the age at issue), not recorded"))
    for note in report.notes:
        print(_("Note: {note}").format(note=note))
    if args.ics is not None:
        print(_("Wrote {count} events to {path}").format(count=len(report.items), path=args.ics))
    return 0
