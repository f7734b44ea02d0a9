"""Working-day arithmetic for processing times (DOMAIN §8): China's statutory holidays and make-up workdays from
`chinesecalendar`; for years it has no data for, Monday to Friday with a warning (DOMAIN case 13)."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import chinese_calendar

from core.i18n import _

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class WorkdayResult:
    """The date the n-th working day falls on, and the years for which Mon–Fri was assumed."""

    due: dt.date
    fallback_years: tuple[int, ...] = ()

    @property
    def warning(self) -> str:
        if not self.fallback_years:
            return ""
        years = ", ".join(str(y) for y in self.fallback_years)
        return _("No official holiday calendar for {years} ({library} {version}); counted Monday to Friday as "
                 "working days. Update {library} when the State Council publishes the schedule.").format(
            years=years, library="chinesecalendar", version=chinese_calendar.__version__)


@functools.lru_cache(maxsize=4096)
def is_workday(day: dt.date) -> tuple[bool, bool]:
    """(is a working day, known from the official calendar); cached: a firm's deadlines ask for the same days."""
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_working_days(start: dt.date, n: int, *, count_start_day: bool = False) -> WorkdayResult:
    """The date of the n-th working day counted from `start` (by default from the day after, DOMAIN case 11)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    day = start if count_start_day else start + ONE_DAY
    counted = 0
    fallback: set[int] = set()
    while True:
        working, known = is_workday(day)
        if not known:
            fallback.add(day.year)
        if working:
            counted += 1
            if counted == n:
                return WorkdayResult(day, tuple(sorted(fallback)))
        day += ONE_DAY

