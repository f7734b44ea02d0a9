"""Years of work experience from dated periods (DOMAIN §3.1, the points table's work-experience factor; the B
category by degree plus experience): the resume's work periods (abroad too) and the jobs in China.

Full years only: each stretch of work counts its completed calendar years (1 March 2020 – 28 February 2023 is 3
years), and the days left over from all stretches together count a year per 365 days. How overlapping periods count
is the setting `elig_experience_overlap` (open question: no text says): "once" (default) merges them, so two jobs held
at the same time give one year a year; "each" adds every period as it is. An open end runs to the date checked; a
period without a start date cannot be counted and is named. Where no work period is recorded, the number of years
stored in the qualifications is used and said to be a recorded number, not periods.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from core.i18n import _
from core.ruledata.loader import setting_label

ONE_DAY = dt.timedelta(days=1)
OVERLAP_READINGS = ("once", "each")


@dataclass(frozen=True)
class WorkPeriod:
    """One stretch of work: an employer, its dates (end None: still there), the country (ISO alpha-3)."""

    employer: str
    start: dt.date | None
    end: dt.date | None = None
    country: str = ""


@dataclass(frozen=True)
class Experience:
    years: int | None  # None: nothing to count (no dated period and no stored number)
    note: str  # how the figure was found, in the interface's language
    from_periods: bool


def full_years(start: dt.date, end: dt.date) -> tuple[int, int]:
    """(completed years, days left) of the stretch from `start` to `end`, both included."""
    stop = end + ONE_DAY
    years = stop.year - start.year
    if _shift(start, years) > stop:
        years -= 1
    return years, (stop - _shift(start, years)).days


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return dt.date(day.year + years, 3, 1)


def stretches(periods: Sequence[WorkPeriod], as_of: dt.date, overlap: str) -> list[tuple[dt.date, dt.date]]:
    """The (start, end) stretches counted up to `as_of`: merged where they overlap or touch ("once"), else as
    recorded ("each"); periods starting after `as_of` do not count yet."""
    dated = sorted((p.start, min(p.end or as_of, as_of)) for p in periods
                   if p.start is not None and p.start <= as_of)
    if overlap == "each":
        return dated
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in dated:
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def experience_years(periods: Sequence[WorkPeriod], as_of: dt.date, overlap: str = "once") -> int:
    """Full years of work experience on `as_of` (see the module's docstring)."""
    years, days = 0, 0
    for start, end in stretches(periods, as_of, overlap):
        y, d = full_years(start, end)
        years, days = years + y, days + d
    return years + days // 365


def derive(periods: Sequence[WorkPeriod], stored: int | None, as_of: dt.date, overlap: str) -> Experience:
    """The years the rules use: from the periods when any is dated, else the stored number (a fallback, said so)."""
    dated = [p for p in periods if p.start is not None and p.start <= as_of]
    undated = [p.employer for p in periods if p.start is None]
    if not dated:
        if stored is None:
            return Experience(None, "", False)
        return Experience(stored, _("Work experience: {n} years as recorded in the qualifications (a number, not "
                                    "periods: record the work periods to have it counted).").format(n=stored), False)
    years = experience_years(dated, as_of, overlap)
    how = _("overlapping periods counted once") if overlap == "once" else _("overlapping periods each counted")
    note = _("Work experience: {n} full years from {k} dated work periods ({how}; see the setting “{setting}”)."
             ).format(n=years, k=len(dated), how=how, setting=setting_label("elig_experience_overlap"))
    if undated:
        note += " " + _("Not counted, no start date: {names}.").format(names=_(", ").join(undated))
    if stored is not None and stored != years:
        note += " " + _("The number recorded in the qualifications ({n}) is not used.").format(n=stored)
    return Experience(years, note, True)
