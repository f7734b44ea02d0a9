"""Importing crossings into an applicant: parse mapped rows, check every rule, then all rows or none.

Every problem is reported with its line: a bad date or time, an unknown direction, a future date on a row that is
not planned, an exact duplicate row, two crossings in the same direction in a row (the stored crossings included).
Rows identical to stored crossings are skipped and counted, so importing a file twice adds nothing the second time.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.errors import InputError, Problem
from core.exchange.crossings_csv import DIRECTIONS, direction_word, parse_planned, restore, two_in_a_row
from core.exchange.crossings_table import ColumnMapping, RawRow, RawTable, cell_text
from core.i18n import N_, _
from core.presence.days import sequence_problems as presence_sequence
from core.presence.days import sort_crossings
from core.records.identity import Crossing, Direction
from core.records.limits import check_date, text_problem

DIRECTION_WORDS = {  # the CSV contract's words, and what other tables (XLSX exports, border records) use
    **DIRECTIONS,
    "入": Direction.ENTRY, "出": Direction.EXIT, "in": Direction.ENTRY, "out": Direction.EXIT,
    "arrival": Direction.ENTRY, "departure": Direction.EXIT,
}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")

Key = tuple[dt.date, dt.time | None, Direction, str, str, bool]


def key(c: Crossing) -> Key:
    """What makes two crossings exact duplicates."""
    return (c.date, c.time, c.direction, c.port, c.note, c.planned)


def parse_date_cell(value: object) -> tuple[dt.date, dt.time | None]:
    """A date, with the time when the cell carries one: ISO, 2023/6/10, 2023.06.10, 2023年6月10日, Excel dates."""
    if isinstance(value, dt.datetime):
        return check_date(value.date()), (value.time().replace(second=0, microsecond=0)
                                          if value.time() != dt.time() else None)
    if isinstance(value, dt.date):
        return check_date(value), None
    text = cell_text(value)
    match = _DATE.match(text)
    if not match:
        raise ValueError(_("expected a date such as 2023-06-10, got {value}").format(value=repr(text)) if text
                         else _("required"))
    y, m, d, hh, mm = (match.group(i) for i in range(1, 6))
    try:
        day = dt.date(int(y), int(m), int(d))
    except ValueError:
        raise ValueError(_("not a real date: {value}").format(value=repr(text))) from None
    return check_date(day), (_time(int(hh), int(mm), text) if hh is not None else None)


def _time(hour: int, minute: int, text: str) -> dt.time:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(_("not a real time: {value}").format(value=repr(text)))
    return dt.time(hour, minute)


def parse_time_cell(value: object) -> dt.time | None:
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    text = cell_text(value)
    if not text:
        return None
    match = _TIME.match(text)
    if not match:
        raise ValueError(_("expected a time such as 08:30, got {value}").format(value=repr(text)))
    return _time(int(match.group(1)), int(match.group(2)), text)


def parse_direction_cell(value: object) -> Direction:
    text = cell_text(value)
    found = DIRECTION_WORDS.get(text.lower())
    if found is None:
        raise ValueError(_("unknown direction {value} (expected entry/exit, 入境/出境, 入/出)").format(
            value=repr(text)) if text else _("required"))
    return found


@dataclass(frozen=True)
class ImportRow:
    line: int
    crossing: Crossing | None  # None when a field could not be read
    status: str  # "new", "stored" (an exact duplicate of a stored crossing: skipped) or "problem"
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do; nothing is written unless `problems` is empty."""

    source: str
    rows: tuple[ImportRow, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def to_add(self) -> list[Crossing]:
        return sort_crossings(r.crossing for r in self.rows if r.status == "new" and r.crossing is not None)

    @property
    def read(self) -> int:
        return len(self.rows)

    @property
    def skipped(self) -> int:
        return sum(1 for r in self.rows if r.status == "stored")

    @property
    def rejected(self) -> int:
        bad_lines = {p.line for p in self.problems if p.line is not None}
        if self.problems and not bad_lines & {r.line for r in self.rows}:
            return self.read  # a problem with the file as a whole rejects every row
        return sum(1 for r in self.rows if r.line in bad_lines)

    @property
    def accepted(self) -> int:
        return len(self.to_add) if self.ok else 0


def plan_import(table: RawTable, mapping: ColumnMapping, stored: Sequence[Crossing], today: dt.date,
                all_planned: bool = False) -> ImportPlan:
    """Parse and check every row against the file itself and the applicant's stored crossings."""
    source = table.source
    if mapping.missing():
        problems = [Problem(source, table.header_line, f, N_("no column chosen for this field"))
                    for f in mapping.missing()]
        return ImportPlan(source, tuple(ImportRow(r.line, None, "problem") for r in table.rows), tuple(problems))
    if not table.rows:
        return ImportPlan(source, (), (Problem(source, None, "", N_("no crossings in the file (only a header)")),))
    stored_keys = {key(c) for c in stored}
    seen: dict[Key, int] = {}
    rows: list[ImportRow] = []
    for raw in table.rows:
        problems, crossing = _parse(source, raw, mapping, today, all_planned)
        if crossing is not None and not problems:
            if key(crossing) in seen:
                problems.append(Problem(source, raw.line, "row", _("exact duplicate of line {n}").format(
                    n=seen[key(crossing)])))
            seen.setdefault(key(crossing), raw.line)
        status = "problem" if problems else ("stored" if crossing is not None and key(crossing) in stored_keys
                                             else "new")
        rows.append(ImportRow(raw.line, crossing, status, tuple(problems)))
    sequence = sequence_problems(source, rows, stored)
    all_problems = sorted([p for r in rows for p in r.problems] + sequence,
                          key=lambda p: (p.line or 0, p.field))
    bad = {p.line for p in sequence}
    rows = [ImportRow(r.line, r.crossing, "problem", r.problems + tuple(p for p in sequence if p.line == r.line))
            if r.line in bad else r for r in rows]
    return ImportPlan(source, tuple(rows), tuple(all_problems))


def _parse(source: str, raw: RawRow, mapping: ColumnMapping, today: dt.date,
           all_planned: bool) -> tuple[list[Problem], Crossing | None]:
    problems: list[Problem] = []

    def attempt(name: str, parse: Callable[[object], object]) -> object:
        try:
            return parse(raw.cell(mapping.column(name)))
        except ValueError as exc:
            problems.append(Problem(source, raw.line, name, str(exc)))
            return None

    date_time = attempt("date", parse_date_cell)
    direction = attempt("direction", parse_direction_cell)
    time = attempt("time", parse_time_cell) if mapping.column("time") is not None else None
    planned = all_planned or bool(attempt("planned", lambda v: parse_planned(cell_text(v))))
    if problems or not isinstance(date_time, tuple) or not isinstance(direction, Direction):
        return problems, None
    day, time_in_date = date_time
    for name in ("port", "note"):
        bad = text_problem(cell_text(raw.cell(mapping.column(name))))
        if bad:
            problems.append(Problem(source, raw.line, name, bad))
    if problems:
        return problems, None
    crossing = Crossing(day, direction, time if isinstance(time, dt.time) else time_in_date,
                        restore(cell_text(raw.cell(mapping.column("port")))),
                        restore(cell_text(raw.cell(mapping.column("note")))),
                        planned)
    if day > today and not planned:
        problems.append(Problem(source, raw.line, "date", _("{day} is after today ({today}): mark the row as planned "
                                                           "or correct the date").format(day=day, today=today)))
    return problems, crossing


def sequence_problems(source: str, rows: Sequence[ImportRow], stored: Sequence[Crossing]) -> list[Problem]:
    """Two crossings in the same direction in a row, among stored and new ones, where a new one is involved."""
    new = [(r.line, r.crossing) for r in rows if r.status == "new" and r.crossing is not None]
    lines = {id(c): line for line, c in new}
    ordered = sort_crossings([*stored, *(c for _line, c in new)])
    problems = []
    for pair in presence_sequence(ordered):  # the one "same direction twice" check (core.presence.days)
        prev, cur = ordered[pair.first_index], ordered[pair.second_index]
        if id(prev) not in lines and id(cur) not in lines:
            continue
        line = lines.get(id(cur), lines.get(id(prev)))
        names = [_("line {n}").format(n=lines[id(c)]) if id(c) in lines else _("stored crossing")
                 for c in (prev, cur)]
        hint = ""
        if prev.date == cur.date and prev.time == cur.time and not (id(prev) in lines and id(cur) in lines):
            hint = _("; it differs from the stored crossing only in port, note or planned: edit that one instead")
        problems.append(Problem(source, line, "direction", two_in_a_row().format(
            direction=direction_word(cur.direction), first=names[0], first_date=prev.date, second=names[1],
            second_date=cur.date) + hint))
    return problems


def require_ok(plan: ImportPlan) -> ImportPlan:
    if not plan.ok:
        raise ImportRejected(plan)
    return plan


class ImportRejected(InputError):
    """An import refused whole; carries the plan so callers can report the counts."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(plan.problems)



def crossing_problems(crossings: Sequence[Crossing], today: dt.date | None,
                      name: Callable[[int], str] | None = None) -> list[tuple[int, str, str]]:
    """The crossing rules of an import over a list, as (index, field, message): exact duplicates, a future date on a
    crossing that is not planned (when `today` is given), and two crossings in the same direction in a row.
    `name(index)` says how a message refers to another crossing (a line, a JSON path)."""
    if name is None:
        def name(n: int) -> str:
            return _("crossing {n}").format(n=n + 1)
    problems: list[tuple[int, str, str]] = []
    seen: dict[Key, int] = {}
    for n, c in enumerate(crossings):
        if key(c) in seen:
            problems.append((n, "date", _("exact duplicate of {other}").format(other=name(seen[key(c)]))))
            continue
        seen[key(c)] = n
        if today is not None and c.date > today and not c.planned:
            problems.append((n, "date", _("{day} is after today ({today}): mark it as planned or correct the "
                                          "date").format(day=c.date, today=today)))
    index = {id(c): n for n, c in enumerate(crossings)}
    ordered = sort_crossings(crossings)
    for prev, cur in zip(ordered, ordered[1:], strict=False):
        if prev.direction is cur.direction and key(prev) != key(cur):
            problems.append((index[id(cur)], "direction", two_in_a_row().format(
                direction=direction_word(cur.direction), first=name(index[id(prev)]), first_date=prev.date,
                second=name(index[id(cur)]), second_date=cur.date)))
    return problems
