"""What-if input: planned trips typed as lines of dates, turned into planned crossings."""
from __future__ import annotations

import datetime as dt
import re

from core.errors import InputError, Problem
from core.i18n import N_
from core.records.identity import Crossing, Direction

_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def parse_planned_trips(text: str, source: str = "") -> list[Crossing]:
    """One trip abroad per line: the exit date, then the return date (optional), e.g. "2026-12-20 2027-01-05".

    Anything between the dates ("–", "to", ",") is ignored. Errors name the line.
    """
    crossings: list[Crossing] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _DATE.findall(line)
        leftover = _DATE.sub("", line).strip(" \t–—-~,;:to.")
        if not found or len(found) > 2 or leftover:
            problems.append(Problem(source, number, "trip", N_("expected an exit date and a return date as "
                                                                "YYYY-MM-DD YYYY-MM-DD")))
            continue
        try:
            dates = [dt.date.fromisoformat(_pad(d)) for d in found]
        except ValueError:
            problems.append(Problem(source, number, "trip", N_("not a real date")))
            continue
        if len(dates) == 2 and dates[1] < dates[0]:
            problems.append(Problem(source, number, "trip", N_("the return is before the exit")))
            continue
        crossings.append(Crossing(dates[0], Direction.EXIT, planned=True, note="what-if"))
        if len(dates) == 2:
            crossings.append(Crossing(dates[1], Direction.ENTRY, planned=True, note="what-if"))
    if problems:
        raise InputError(problems)
    return crossings


def _pad(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"
