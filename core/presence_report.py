"""The whole presence picture of one history as plain values: the JSON of `presence --json` and the Travel tab."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from core.absences import Absence, absences_sorted
from core.model import Crossing
from core.presence import DayTable, WindowCount, YearCount, rolling_windows, sort_crossings, stays
from core.presence_rules import PresenceConfig
from core.tax_residence import TaxYear, tax_years


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


def rolling_counts(ordered: list[Crossing], end: dt.date, n: int, as_of: dt.date) -> list[WindowCount]:
    """presence.window_counts through one DayTable: the same numbers in O(crossings + days)."""
    windows = rolling_windows(end, n)
    table = DayTable(stays(ordered, as_of), windows[-1][0], end)
    return [WindowCount(s, e, *table.counts(s, e)) for s, e in windows]


def presence_report(crossings: Iterable[Crossing], as_of: dt.date, config: PresenceConfig,
                    window_end: dt.date | None = None, windows: int = 5) -> PresenceReport:
    """Counts per year, rolling years (with a window end), absences and tax years, all up to `as_of`."""
    ordered = sort_crossings(crossings)
    taxes = tax_years(ordered, as_of, config)
    years = [YearCount(t.year, t.calendar_days, t.full_days) for t in taxes]
    rolling = rolling_counts(ordered, window_end, windows, as_of) if window_end is not None else None
    return PresenceReport(as_of, years, rolling, absences_sorted(ordered, as_of), taxes)
