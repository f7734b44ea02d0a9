"""`history verify`, `history list` and `history export`: the tamper-evident record of every change, who made
it and what it changed (docs/security.md)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from cli.common import opened, print_json, print_table
from core.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("history", help=_("the history of changes to the records"))
    action = p.add_subparsers(dest="history_command", metavar="ACTION", required=True)
    v = action.add_parser("verify", help=_("check that the chain of history entries is intact"))
    v.add_argument("--json", action="store_true", help=_("machine-readable output"))
    v.set_defaults(handler=handle_verify)
    ls = action.add_parser("list", help=_("the newest history entries"))
    ls.add_argument("--applicant", type=int, help=_("only this applicant"))
    ls.add_argument("--limit", type=int, default=50, help=_("how many entries (default 50)"))
    ls.add_argument("--json", action="store_true", help=_("machine-readable output"))
    ls.set_defaults(handler=handle_list)
    ex = action.add_parser("export", help=_("write the history as CSV, one line per changed field"))
    ex.add_argument("file", metavar="FILE", type=Path, help=_("the CSV file to write"))
    ex.add_argument("--applicant", type=int, help=_("only this applicant"))
    ex.set_defaults(handler=handle_export)


def handle_verify(args: argparse.Namespace, today: dt.date) -> int:
    with opened(args) as service:
        report = service.verify_history()
    if args.json:
        print_json({"intact": report.intact, "entries": report.entries, "head": report.head,
                    "broken_at": report.broken_at, "reason": report.reason})
    elif report.intact:
        print(_("History intact: {n} entries; newest hash {head}").format(n=report.entries, head=report.head))
    else:
        print(_("History BROKEN at entry {id}: {reason}").format(id=report.broken_at, reason=report.reason),
              file=sys.stderr)
    return 0 if report.intact else 2


def handle_list(args: argparse.Namespace, today: dt.date) -> int:
    with opened(args) as service:
        found = service.history(args.applicant, max(1, min(args.limit, 100_000)))
    if args.json:
        print_json({"entries": [{"id": e.id, "at": e.at, "who": e.who, "applicant": e.applicant_id,
                                 "table": e.table, "row": e.row_id, "action": e.action, "before": e.before,
                                 "after": e.after, "hash": e.hash} for e in found]})
        return 0
    print_table([_("ID"), _("When"), _("Who"), _("Applicant"), _("Record"), _("Action")],
                [(e.id, e.at, e.who, e.applicant_id if e.applicant_id is not None else "", f"{e.table} #{e.row_id}",
                  e.action) for e in found])
    return 0


def handle_export(args: argparse.Namespace, today: dt.date) -> int:
    with opened(args) as service:
        if args.applicant is not None and not service.history(args.applicant, 1):
            service.require_applicant(args.applicant, "--applicant")  # exit 2 naming the option: no such client
        written = service.export_history(args.file, args.applicant)
    print(_("Wrote {n} history entries to {file}").format(n=written, file=args.file))
    return 0
