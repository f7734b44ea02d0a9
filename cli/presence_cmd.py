"""`presence FILE.csv`: days present per year from a crossings CSV, without touching the database."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from cli.common import iso_date, print_json, print_table
from core.crossings_csv import read_crossings_csv
from core.i18n import _
from core.presence import year_counts


def register(sub: Any) -> None:
    p = sub.add_parser("presence", help=_("days present in mainland China per year, from a crossings CSV"))
    p.add_argument("file", type=Path, help=_("crossings CSV (date, direction, time, port, note)"))
    p.add_argument("--as-of", type=iso_date, default=None, help=_("count up to this date (default: today)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, today: dt.date) -> int:
    as_of: dt.date = args.as_of or today
    rows = read_crossings_csv(args.file)
    years = year_counts([r.crossing for r in rows], as_of)
    if args.json:
        print_json({"as_of": as_of.isoformat(),
                    "years": [{"year": y.year, "calendar_days": y.calendar_days, "full_days": y.full_days}
                              for y in years]})
        return 0
    print(_("Days present in mainland China as of {date}").format(date=as_of.isoformat()))
    print_table([_("Year"), _("Calendar days"), _("Full days (24 h)")],
                [(y.year, y.calendar_days, y.full_days) for y in years])
    print(_("Calendar days count any presence on a date; full days need the whole 24 hours (TAX34)."))
    return 0
