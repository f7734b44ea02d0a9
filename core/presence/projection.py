"""What-if projections: the first date on which a presence condition holds (DESIGN: "when do my absences roll out").

A condition is text in a small syntax (docs/presence.md), for example `rolling:4:calendar>=6m,full>=6m`:

    condition := clause (";" clause)*            every clause must hold
    clause    := "rolling" ":" N ":" terms        each of the N rolling years ending on the date
               | "rolling-sum" ":" N ":" terms    the N rolling years ending on the date, added up
               | "calendar-years" ":" N ":" terms each of the N whole calendar years before the date's year
               | "year-to-date" ":" terms         1 January of the date's year up to the date
    terms     := term ("," term)*                 every term must hold
    term      := ("calendar" | "full") ">=" amount
    amount    := DAYS | 3m | 6m | 9m | 1y | 3y    units converted to days by the presence settings

The projection assumes the recorded and planned crossings happen as given and the person stays where the last one
leaves them. Presence is tabulated once (presence.DayTable), so each candidate date costs a few lookups.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.errors import InputError, Problem
from core.i18n import _
from core.presence.days import DayTable, shift_years, sort_crossings, stays
from core.records.identity import Crossing, Direction

ROLLING, ROLLING_SUM, CALENDAR_YEARS, YEAR_TO_DATE = "rolling", "rolling-sum", "calendar-years", "year-to-date"
FORMS = (ROLLING, ROLLING_SUM, CALENDAR_YEARS, YEAR_TO_DATE)
COUNTS = ("calendar", "full")
MAX_YEARS_IN_CLAUSE = 50
DEFAULT_SEARCH_YEARS = 10
_TERM = re.compile(r"^\s*([A-Za-z_-]*)\s*(>=|=>|>|<=|<|=)?\s*(.*?)\s*$")
ONE_DAY = dt.timedelta(days=1)

Period = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Term:
    count: str  # "calendar" or "full"
    minimum: int  # days

    def holds(self, counts: tuple[int, int]) -> bool:
        return counts[COUNTS.index(self.count)] >= self.minimum


@dataclass(frozen=True)
class Clause:
    form: str
    years: int  # N; 0 for year-to-date
    terms: tuple[Term, ...]

    def periods(self, day: dt.date) -> list[Period]:
        """The periods this clause checks for a candidate date, most recent first."""
        if self.form == ROLLING:
            return [(shift_years(day, -k) + ONE_DAY, shift_years(day, -(k - 1))) for k in range(1, self.years + 1)]
        if self.form == ROLLING_SUM:
            return [(shift_years(day, -self.years) + ONE_DAY, day)]
        if self.form == CALENDAR_YEARS:
            return [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(day.year - 1, day.year - 1 - self.years, -1)]
        return [(dt.date(day.year, 1, 1), day)]


@dataclass(frozen=True)
class Condition:
    text: str
    clauses: tuple[Clause, ...]

    def earliest_needed(self, start: dt.date) -> dt.date:
        """The earliest date any period of a candidate on or after `start` can reach back to."""
        return min(p[0] for clause in self.clauses for p in clause.periods(start))


def _bad(text: str, part: str, message: str) -> InputError:
    return InputError([Problem("", None, "condition", _("{message} in {part} (condition {text})").format(
        message=message, part=repr(part), text=repr(text)))])


def parse_condition(text: str, units: Mapping[str, int]) -> Condition:
    """The parsed condition, or InputError naming the part that is wrong."""
    if not text.strip():
        raise InputError([Problem("", None, "condition", _("empty condition"))])
    clauses = tuple(_parse_clause(text, part.strip(), units) for part in text.split(";"))
    return Condition(text.strip(), clauses)


def _parse_clause(text: str, part: str, units: Mapping[str, int]) -> Clause:
    pieces = [p.strip() for p in part.split(":")]
    form = pieces[0].lower()
    if form not in FORMS:
        raise _bad(text, pieces[0] or part, _("unknown form (expected one of {forms})").format(
            forms=", ".join(FORMS)))
    if form == YEAR_TO_DATE:
        if len(pieces) != 2:
            raise _bad(text, part, _("expected year-to-date:TERMS"))
        return Clause(form, 0, _parse_terms(text, pieces[1], units))
    if len(pieces) != 3:
        raise _bad(text, part, _("expected {form}:N:TERMS").format(form=form))
    if not pieces[1].isdigit() or not 1 <= int(pieces[1]) <= MAX_YEARS_IN_CLAUSE:
        raise _bad(text, pieces[1], _("expected a number of years from 1 to {n}").format(
            n=MAX_YEARS_IN_CLAUSE))
    return Clause(form, int(pieces[1]), _parse_terms(text, pieces[2], units))


def _parse_terms(text: str, part: str, units: Mapping[str, int]) -> tuple[Term, ...]:
    if not part:
        raise _bad(text, part, _("expected at least one term such as calendar>=183"))
    return tuple(_parse_term(text, t.strip(), units) for t in part.split(","))


def _parse_term(text: str, part: str, units: Mapping[str, int]) -> Term:
    match = _TERM.match(part)
    assert match is not None  # the pattern accepts any text
    count, operator, amount = match.group(1).lower(), match.group(2), match.group(3).lower()
    if count not in COUNTS:
        raise _bad(text, match.group(1) or part, _("unknown count (expected calendar or full)"))
    if operator != ">=":
        raise _bad(text, part, _("expected >= (at least)"))
    if amount.isdigit():
        return Term(count, int(amount))
    if amount in units:
        return Term(count, units[amount])
    raise _bad(text, match.group(3) or part,
               _("expected a number of days or one of {units}").format(units=", ".join(sorted(units))))


@dataclass(frozen=True)
class Projection:
    condition: str
    first_date: dt.date | None
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"condition": self.condition,
                "first_date": self.first_date.isoformat() if self.first_date else None, "reason": self.reason}


def holds_on(condition: Condition, table: DayTable, day: dt.date) -> bool:
    return all(all(t.holds(table.counts(s, e)) for t in clause.terms)
               for clause in condition.clauses for s, e in clause.periods(day))


def project(crossings: Iterable[Crossing], condition: Condition, start: dt.date,
            max_years: int = DEFAULT_SEARCH_YEARS) -> Projection:
    """The first date on or after `start` on which `condition` holds, searching `max_years` ahead."""
    ordered = sort_crossings(crossings)
    end = shift_years(start, max_years)
    table = DayTable(stays(ordered, end), condition.earliest_needed(start), end)
    day = start
    while day <= end:
        if holds_on(condition, table, day):
            already = _("already holds on the start date") if day == start else _("first holds on {date}").format(
                date=day.isoformat())
            return Projection(condition.text, day, f"{already}: {describe(condition, table, day)}")
        day += ONE_DAY
    return Projection(condition.text, None, _not_found(ordered, start, end, max_years, condition, table))


def describe(condition: Condition, table: DayTable, day: dt.date) -> str:
    """The figures behind a verdict on one date, clause by clause."""
    texts = []
    for clause in condition.clauses:
        counts = [table.counts(s, e) for s, e in clause.periods(day)]
        figures = ", ".join(
            f"{t.count} {'/'.join(str(c[COUNTS.index(t.count)]) for c in counts)} (≥{t.minimum})"
            for t in clause.terms)
        texts.append(f"{_period_name(clause, day)}: {figures}")
    return "; ".join(texts)


def _period_name(clause: Clause, day: dt.date) -> str:
    if clause.form == ROLLING:
        return _("rolling years ending {date}, latest first").format(date=day.isoformat())
    if clause.form == ROLLING_SUM:
        return _("{n} rolling years ending {date} in total").format(n=clause.years, date=day.isoformat())
    if clause.form == CALENDAR_YEARS:
        return _("calendar years {first}–{last}, latest first").format(first=day.year - clause.years,
                                                                     last=day.year - 1)
    return _("{year} up to {date}").format(year=day.year, date=day.isoformat())


def _not_found(ordered: list[Crossing], start: dt.date, end: dt.date, max_years: int, condition: Condition,
               table: DayTable) -> str:
    where = (_("outside mainland China") if not ordered or ordered[-1].direction is Direction.EXIT
             else _("in mainland China"))
    last = (_("after the last crossing ({direction} on {date}) the person is taken to stay {where}").format(
        direction=ordered[-1].direction.value, date=ordered[-1].date.isoformat(), where=where)
        if ordered else _("no crossings are recorded"))
    return _("not within {n} years of {start} ({last}); on {end}: {figures}").format(
        n=max_years, start=start.isoformat(), last=last, end=end.isoformat(),
        figures=describe(condition, table, end))
