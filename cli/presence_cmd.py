"""`presence FILE.csv`: days present, rolling years, absences, tax years and projections, without the database."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from cli.common import bounded_int, iso_date, print_json, print_table
from core.errors import InputError, Problem
from core.exchange.crossings_csv import ParsedCrossing, check_sequence_across, read_crossings_csv
from core.i18n import _
from core.presence.config import PresenceConfig
from core.presence.projection import DEFAULT_SEARCH_YEARS, MAX_YEARS_IN_CLAUSE, parse_condition, project
from core.presence.report import PresenceReport, presence_report
from core.presence.salary_days import Employer, work_days_from_counts
from core.records.identity import Crossing
from core.ruledata.loader import Settings, load_setting_defs, setting_label


def register(sub: Any) -> None:
    p = sub.add_parser("presence", help=_("days present in mainland China per year, from a crossings CSV"))
    p.add_argument("file", type=Path, help=_("crossings CSV (date, direction, time, port, note, planned)"))
    p.add_argument("--as-of", type=iso_date, default=None, help=_("count up to this date (default: today)"))
    p.add_argument("--window-end", type=iso_date, default=None,
                   help=_("also count rolling years ending on this date (e.g. the application date)"))
    p.add_argument("--windows", type=bounded_int(1, 50), default=None, help=_("how many rolling years (default 5)"))
    p.add_argument("--planned", type=Path, default=None, help=_("CSV of planned crossings, used only by --project"))
    p.add_argument("--project", metavar="CONDITION", default=None,
                   help=_("first date on or after --as-of on which the condition holds, e.g. "
                          "rolling:4:calendar>=183,full>=183 (see docs/presence.md)"))
    p.add_argument("--within-years", type=bounded_int(1, MAX_YEARS_IN_CLAUSE), default=DEFAULT_SEARCH_YEARS,
                   help=_("how far --project searches (default 10 years)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=handle)


def read_inputs(args: argparse.Namespace) -> tuple[list[ParsedCrossing], list[ParsedCrossing]]:
    """Recorded rows (the file's unplanned rows) and planned rows (marked so, or from --planned), checked together."""
    rows = read_crossings_csv(args.file)
    if args.planned is None:
        return rows, []
    planned = [dataclasses.replace(r, crossing=dataclasses.replace(r.crossing, planned=True))
               for r in read_crossings_csv(args.planned)]
    problems = check_sequence_across([(str(args.file), rows), (str(args.planned), planned)])
    if problems:
        raise InputError(problems)
    return rows, planned


def handle(args: argparse.Namespace, today: dt.date) -> int:
    as_of: dt.date = args.as_of or today
    if args.windows is not None and args.window_end is None:
        raise InputError([Problem("", None, "--windows", _("needs --window-end"))])
    rows, planned = read_inputs(args)
    config = PresenceConfig.from_settings(Settings(load_setting_defs()))
    if args.project is not None:
        return _project(args, [r.crossing for r in rows + planned], as_of, config)
    recorded = [r.crossing for r in rows if not r.crossing.planned]
    report = presence_report(recorded, as_of, config, args.window_end, args.windows or 5)
    if args.json:
        print_json(report.as_json())
    else:
        print_report(report, config)
    return 0


def _project(args: argparse.Namespace, crossings: list[Crossing], start: dt.date, config: PresenceConfig) -> int:
    try:
        condition = parse_condition(args.project, config.units)
    except InputError as exc:
        raise InputError([dataclasses.replace(p, source="--project") for p in exc.problems]) from None
    result = project(crossings, condition, start, args.within_years)
    if args.json:
        print_json(result.as_json())
    else:
        print(_("Condition: {condition}").format(condition=result.condition))
        print(_("First date: {date}").format(date=result.first_date.isoformat() if result.first_date else _("none")))
        print(result.reason)
    return 0


def print_report(report: PresenceReport, config: PresenceConfig) -> None:
    print(_("Days present in mainland China as of {date}").format(date=report.as_of.isoformat()))
    weight = load_setting_defs()["work_days_partial_day_weight"].default
    print_table([_("Year"), _("Calendar days"), _("Full days (24 h)"), _("Work days, foreign employer")],
                [(y.year, y.calendar_days, y.full_days,
                  work_days_from_counts(y.calendar_days, y.full_days, Employer.FOREIGN, weight).work_days)
                 for y in report.years])
    print(_("Calendar days count any presence on a date; full days need the whole 24 hours (TAX34)."))
    print(_("Work days (TAX35): a day with less than 24 hours in China counts {w} for a foreign or dual "
            "employer (the setting “{setting}”), 1 for a China-only employer.").format(
        w=weight, setting=setting_label("work_days_partial_day_weight")))
    if report.rolling is not None:
        print()
        print(_("Rolling years (window 1 ends on the window end)"))
        print_table([_("Window"), _("Start"), _("End"), _("Calendar days"), _("Full days (24 h)")],
                    [(k, w.start, w.end, w.calendar_days, w.full_days) for k, w in enumerate(report.rolling, 1)])
    print()
    print(_("Absences (full days outside = entry − exit − 1; date difference = entry − exit)"))
    print_table([_("Exit"), _("Entry"), _("Full days outside"), _("Date difference")],
                [(a.exit, a.entry or _("(still outside)"), a.full_days_outside, a.date_difference)
                 for a in report.absences])
    print()
    rules = config.rules
    print(_("Individual income tax: resident with ≥{days} full days ({source}); six-year rule from {first} "
            "({six}); departures measured as {reading}, counted in the {year}.").format(
        days=rules.tax_resident.days, source=rules.tax_resident.provenance.source, first=rules.six_year.first_year,
        six=rules.six_year.provenance.source, reading=config.departure_reading.replace("_", " "),
        year=config.departure_year.replace("_", " ")))
    print_table([_("Year"), _("Full days"), _("Resident"), _("≤90 days"), _("Longest absence"), _("Six-year run"),
                 _("Worldwide taxable"), _("Note")],
                [(t.year, t.full_days, _yes(t.resident), _yes(t.within_90_days), t.longest_absence_full_days,
                  t.six_year.consecutive, _yes(t.six_year.worldwide_taxable) + (" ?" if t.six_year.borderline else ""),
                  t.six_year.note) for t in report.tax_years])


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")
