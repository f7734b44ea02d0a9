"""IIT residence per calendar year: the 183-day test, the 90-day test and the six-year rule (DOMAIN §4.2).

Counts use full (24-hour) days (TAX34 para. 2). The six-year rule is evaluated under every reading of the two
questions the texts leave open: how a departure's length is measured (DOMAIN open question 2) and which year a
departure spanning New Year counts in. The chosen reading (settings) gives the result; a year whose result differs
under another reading is borderline, and its note says why.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.i18n import _
from core.presence.absences import FULL_DAYS, Absence, absences_sorted
from core.presence.config import ENTRY_YEAR, EVERY_YEAR, PresenceConfig
from core.presence.days import DayTable, sort_crossings, stays
from core.records.identity import Crossing, Direction

Reading = tuple[str, str]  # (measure, year attribution)


@dataclass(frozen=True)
class SixYear:
    qualifies: bool  # >=183 full days and no single departure over 30 days, from 2019 on
    consecutive: int  # qualifying years in a row ending with this one
    worldwide_taxable: bool  # resident, and each of the six preceding years qualified
    borderline: bool
    note: str


@dataclass(frozen=True)
class TaxYear:
    year: int
    calendar_days: int
    full_days: int
    resident: bool
    within_90_days: bool  # IITREG Art. 5
    longest_absence_full_days: int
    six_year: SixYear


@dataclass(frozen=True)
class _Outcome:
    qualifies: dict[int, bool]
    consecutive: dict[int, int]
    worldwide: dict[int, bool]
    long_departures: dict[int, list[Absence]]


def attributed_years(absence: Absence, attribution: str, as_of: dt.date) -> range:
    """The years a departure counts in: the exit's year, the return's, or every year it touches (open question 15)."""
    if attribution == EVERY_YEAR:
        return absence.years(as_of)
    year = absence.last_day(as_of).year if attribution == ENTRY_YEAR else absence.exit.year
    return range(year, year + 1)


def tax_years(crossings: Iterable[Crossing], as_of: dt.date, config: PresenceConfig) -> list[TaxYear]:
    """One TaxYear per calendar year from the first crossing's year to the as-of year (the years of `years`)."""
    ordered = sort_crossings(crossings)
    if not ordered or ordered[0].date.year > as_of.year:
        return []
    table = DayTable(stays(ordered, as_of), dt.date(first_counted_year(ordered, config), 1, 1), as_of)
    return tax_years_from(ordered, table, absences_sorted(ordered, as_of), as_of, config)


def first_counted_year(ordered: Sequence[Crossing], config: PresenceConfig) -> int:
    """The six-year count needs every year from 2019 (TAX34), even before the first crossing."""
    return min(ordered[0].date.year, config.rules.six_year.first_year)


def tax_years_from(ordered: Sequence[Crossing], table: DayTable, absence_list: Sequence[Absence], as_of: dt.date,
                   config: PresenceConfig) -> list[TaxYear]:
    """tax_years over a DayTable covering first_counted_year..as_of and the absences up to as_of."""
    if not ordered or ordered[0].date.year > as_of.year:
        return []
    first_listed = ordered[0].date.year
    counts = {y: table.counts(dt.date(y, 1, 1), min(dt.date(y, 12, 31), as_of))
              for y in range(first_counted_year(ordered, config), as_of.year + 1)}
    readings = config.readings()
    outcomes = {r: _six_year(counts, absence_list, r, as_of, config) for r in readings}
    chosen = outcomes[readings[0]]
    by_year = absences_by_year(absence_list, config.departure_year, as_of)
    result = []
    for year in range(first_listed, as_of.year + 1):
        calendar_days, full_days = counts[year]
        longest = max((a.full_days_outside for a in by_year.get(year, ())), default=0)
        differing = [r for r in readings[1:] if _result(outcomes[r], year) != _result(chosen, year)]
        note = _note(year, differing, outcomes, readings[0], by_year.get(year, []), ordered, as_of, config)
        result.append(TaxYear(
            year, calendar_days, full_days, full_days >= config.rules.tax_resident.days,
            full_days <= config.rules.ninety_day.days, longest,
            SixYear(chosen.qualifies[year], chosen.consecutive[year], chosen.worldwide[year], bool(differing), note)))
    return result


def absences_by_year(absence_list: Sequence[Absence], attribution: str, as_of: dt.date) -> dict[int, list[Absence]]:
    found: dict[int, list[Absence]] = {}
    for a in absence_list:
        for year in attributed_years(a, attribution, as_of):
            found.setdefault(year, []).append(a)
    return found


def _result(outcome: _Outcome, year: int) -> tuple[bool, bool]:
    return outcome.qualifies[year], outcome.worldwide[year]


def _six_year(counts: dict[int, tuple[int, int]], absence_list: Sequence[Absence], reading: Reading,
              as_of: dt.date, config: PresenceConfig) -> _Outcome:
    """TAX34 para. 1 under one reading: which years qualify, the run of them, and worldwide taxation."""
    rule, resident_days = config.rules.six_year, config.rules.tax_resident.days
    measure, attribution = reading
    long_departures = absences_by_year([a for a in absence_list if a.measure(measure) > rule.max_single_departure_days],
                                       attribution, as_of)
    qualifies, consecutive, worldwide = {}, {}, {}
    run = 0
    for year in sorted(counts):
        full_days = counts[year][1]
        worldwide[year] = full_days >= resident_days and run >= rule.years  # run = qualifying years before this one
        qualifies[year] = year >= rule.first_year and full_days >= resident_days and year not in long_departures
        run = run + 1 if qualifies[year] else 0
        consecutive[year] = run
    return _Outcome(qualifies, consecutive, worldwide, long_departures)


def _describe(a: Absence) -> str:
    back = a.entry.isoformat() if a.entry else _("still outside")
    return _("absence {exit} → {entry}: {full} full days outside, {diff} days by date difference").format(
        exit=a.exit.isoformat(), entry=back, full=a.full_days_outside, diff=a.date_difference)


def _reading_name(reading: Reading, chosen: Reading | None = None) -> str:
    """A reading in words; with `chosen`, only the parts in which it differs from the chosen one."""
    parts = []
    if chosen is None or reading[0] != chosen[0]:
        parts.append(_("measured in full days outside") if reading[0] == FULL_DAYS
                     else _("measured by date difference"))
    if chosen is None or reading[1] != chosen[1]:
        parts.append({EVERY_YEAR: _("counted in every year it touches"),
                      ENTRY_YEAR: _("counted in the year of return")}.get(reading[1], _("counted in the year of exit")))
    return ", ".join(parts)


def _others(readings: Sequence[Reading], chosen: Reading) -> str:
    """The differing readings, leaving out one whose differences include another's (the simpler one suffices)."""
    diffs = [frozenset(i for i in (0, 1) if r[i] != chosen[i]) for r in readings]
    kept = [r for r, d in zip(readings, diffs, strict=True) if not any(o < d for o in diffs)]
    return _(" or ").join(_reading_name(r, chosen) for r in kept)


def _note(year: int, differing: Sequence[Reading], outcomes: dict[Reading, _Outcome], chosen: Reading,
          in_year: Sequence[Absence], ordered: Sequence[Crossing], as_of: dt.date, config: PresenceConfig) -> str:
    """Why a year is borderline, and anything else the reader should check, in one line."""
    rule, parts, mine = config.rules.six_year, [], outcomes[chosen]
    if year < rule.first_year:
        parts.append(_("Years before {first} do not count for the six-year rule (TAX34).").format(
            first=rule.first_year))
    by_qualifying = [r for r in differing if outcomes[r].qualifies[year] != mine.qualifies[year]]
    if by_qualifying:
        cause = sorted({a for r in (chosen, *by_qualifying) for a in outcomes[r].long_departures.get(year, [])},
                       key=lambda a: a.exit)
        text = (_("Borderline: qualifies with departures {chosen} (the chosen reading) but not with departures "
                  "{others}") if mine.qualifies[year] else
                _("Borderline: does not qualify with departures {chosen} (the chosen reading) but does with "
                  "departures {others}"))
        parts.append(text.format(chosen=_reading_name(chosen), others=_others(by_qualifying, chosen))
                     + " (" + "; ".join(_describe(a) for a in cause) + _("; DOMAIN open question 2)."))
    by_worldwide = [r for r in differing if r not in by_qualifying]
    if by_worldwide:
        text = (_("Borderline: worldwide income taxable with departures {chosen} (the chosen reading) but exempt "
                  "with departures {others}, because an earlier year qualifies under one reading only.")
                if mine.worldwide[year] else
                _("Borderline: worldwide income exempt with departures {chosen} (the chosen reading) but taxable "
                  "with departures {others}, because an earlier year qualifies under one reading only."))
        parts.append(text.format(chosen=_reading_name(chosen), others=_others(by_worldwide, chosen)))
    review = [a for a in in_year if any(config.review_min_days <= n <= config.review_max_days
                                        for n in (a.full_days_outside, a.date_difference))]
    if review:
        parts.append(_("Review by hand: {what} (departures of {lo}–{hi} days are close to the 30-day limit).")
                     .format(what="; ".join(_describe(a) for a in review), lo=config.review_min_days,
                             hi=config.review_max_days))
    first = ordered[0]
    if (year == first.date.year and year > rule.first_year and first.direction is Direction.EXIT):
        parts.append(_("Assumes presence in China from {first} until the first recorded crossing (exit on {date}); "
                       "record earlier crossings if that is wrong.").format(first=rule.first_year,
                                                                          date=first.date.isoformat()))
    if year == as_of.year and as_of < dt.date(year, 12, 31):
        parts.append(_("Year not over: days counted up to {date}.").format(date=as_of.isoformat()))
    return " ".join(parts)
