"""The whole presence picture of one history as plain values: the JSON of `presence --json` and the Travel tab."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from core.presence.absences import Absence, absences_sorted
from core.presence.config import PresenceConfig
from core.presence.days import DayTable, WindowCount, YearCount, rolling_windows, sort_crossings, stays
from core.presence.tax_residence import TaxYear, first_counted_year, tax_years_from
from core.records.identity import Crossing


@dataclass(frozen=True)
class PresenceReport:
    as_of: dt.date
    years: list[YearCount]
    rolling: list[WindowCount] | None  # None without a window end
    absences: list[Absence]
    tax_years: list[TaxYear]

    def as_json(self) -> dict[str, object]:
        """The JSON contract of issue 3: "years" as before, "rolling" only with a window end."""
        result: dict[str, object] = {
            "as_of": self.as_of.isoformat(),
            "years": [{"year": y.year, "calendar_days": y.calendar_days, "full_days": y.full_days}
                      for y in self.years]}
        if self.rolling is not None:
            result["rolling"] = [{"start": w.start.isoformat(), "end": w.end.isoformat(),
                                  "calendar_days": w.calendar_days, "full_days": w.full_days} for w in self.rolling]
        result["absences"] = [{"exit": a.exit.isoformat(), "entry": a.entry.isoformat() if a.entry else None,
                               "full_days_outside": a.full_days_outside, "date_difference": a.date_difference}
                              for a in self.absences]
        result["tax_years"] = [
            {"year": t.year, "full_days": t.full_days, "resident": t.resident,
             "longest_absence_full_days": t.longest_absence_full_days,
             "six_year": {"qualifies": t.six_year.qualifies, "consecutive": t.six_year.consecutive,
                          "worldwide_taxable": t.six_year.worldwide_taxable, "borderline": t.six_year.borderline,
                          "note": t.six_year.note}} for t in self.tax_years]
        return result


def rolling_counts(crossings: Iterable[Crossing], end: dt.date, n: int, as_of: dt.date) -> list[WindowCount]:
    """presence.window_counts through one DayTable: the same numbers in O(crossings + days)."""
    windows = rolling_windows(end, n)
    table = DayTable(stays(sort_crossings(crossings), as_of), windows[-1][0], end)
    return [WindowCount(s, e, *table.counts(s, e)) for s, e in windows]


def presence_report(crossings: Iterable[Crossing], as_of: dt.date, config: PresenceConfig,
                    window_end: dt.date | None = None, windows: int = 5) -> PresenceReport:
    """Counts per year, rolling years (with a window end), absences and tax years, all up to `as_of`.

    The crossings are sorted, turned into stays and tabulated once; every figure is then a lookup.
    """
    ordered = sort_crossings(crossings)
    periods = rolling_windows(window_end, windows) if window_end is not None else []
    absence_list = absences_sorted(ordered, as_of)
    starts = [p[0] for p in periods]
    if ordered and ordered[0].date.year <= as_of.year:
        starts.append(dt.date(first_counted_year(ordered, config), 1, 1))
    taxes: list[TaxYear] = []
    rolling: list[WindowCount] | None = None
    if starts:
        table = DayTable(stays(ordered, as_of), min(starts), max([as_of, *(p[1] for p in periods)]))
        taxes = tax_years_from(ordered, table, absence_list, as_of, config)
        if window_end is not None:
            rolling = [WindowCount(s, e, *table.counts(s, e)) for s, e in periods]
    years = [YearCount(t.year, t.calendar_days, t.full_days) for t in taxes]
    return PresenceReport(as_of, years, rolling, absence_list, taxes)
