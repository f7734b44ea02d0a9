"""The crossings CSV of DESIGN.md: reading with every problem named by file, line and field; writing atomically."""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputError, Problem
from core.exchange.text_files import csv_rows
from core.files import private_writer
from core.i18n import _
from core.presence.days import sequence_problems, sort_crossings
from core.records.identity import Crossing, Direction
from core.records.limits import check_date

REQUIRED = ("date", "direction")
OPTIONAL = ("time", "port", "note", "planned")
COLUMNS = ("date", "direction", "time", "port", "note", "planned")  # the order export writes
DIRECTIONS = {"entry": Direction.ENTRY, "exit": Direction.EXIT, "入境": Direction.ENTRY, "出境": Direction.EXIT}
PLANNED_WORDS = {"": False, "0": False, "no": False, "n": False, "false": False, "否": False,
                 "1": True, "yes": True, "y": True, "true": True, "planned": True, "是": True, "计划": True}


@dataclass(frozen=True)
class ParsedCrossing:
    line: int
    crossing: Crossing


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD only; impossible dates such as 2023-02-30 are errors."""
    text = text.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(_("expected YYYY-MM-DD, got {value}").format(value=repr(text)))
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("not a real date: {value}").format(value=repr(text))) from None
    return check_date(day)


def parse_time(text: str) -> dt.time | None:
    text = text.strip()
    if not text:
        return None
    parts = text.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[1]) != 2:
        raise ValueError(_("expected HH:MM, got {value}").format(value=repr(text)))
    hour, minute = int(parts[0]), int(parts[1])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(_("not a real time: {value}").format(value=repr(text)))
    return dt.time(hour, minute)


def parse_direction(text: str) -> Direction:
    key = text.strip().lower()
    if key not in DIRECTIONS:
        raise ValueError(_("expected entry/exit (入境/出境), got {value}").format(value=repr(text)))
    return DIRECTIONS[key]


def parse_planned(text: str) -> bool:
    """The optional `planned` column: empty means recorded; yes/1/true/planned/是/计划 mean a planned trip."""
    key = text.strip().lower()
    if key not in PLANNED_WORDS:
        raise ValueError(_("expected yes or no (是/否), got {value}").format(value=repr(text)))
    return PLANNED_WORDS[key]


def _parse_row(source: str, line: int, row: dict[str, str], problems: list[Problem]) -> Crossing | None:
    values = {k: (row.get(k) or "").strip() for k in (*REQUIRED, *OPTIONAL)}
    parsed: dict[str, object] = {}
    for field, parser in (("date", parse_date), ("direction", parse_direction), ("time", parse_time),
                          ("planned", parse_planned)):
        try:
            parsed[field] = parser(values[field])
        except ValueError as exc:
            problems.append(Problem(source, line, field, str(exc)))
    if len(parsed) < 4:
        return None
    return Crossing(date=parsed["date"], direction=parsed["direction"],  # type: ignore[arg-type]
                    time=parsed["time"], port=restore(values["port"]),  # type: ignore[arg-type]
                    note=restore(values["note"]),
                    planned=bool(parsed["planned"]))


def two_in_a_row() -> str:
    return _("two {direction} crossings in a row ({first} on {first_date}, {second} on {second_date}): a crossing "
             "is missing between them")


def direction_word(direction: Direction) -> str:
    return _("entry") if direction is Direction.ENTRY else _("exit")


def check_sequence(source: str, rows: Sequence[ParsedCrossing]) -> list[Problem]:
    """Two crossings in the same direction in a row mean a missing record between them."""
    ordered = sort_crossings_with_lines(rows)
    problems = []
    for pair in sequence_problems([r.crossing for r in ordered]):
        prev, cur = ordered[pair.first_index], ordered[pair.second_index]
        problems.append(Problem(
            source, cur.line, "direction",
            two_in_a_row().format(direction=direction_word(cur.crossing.direction),
                first=_("line {n}").format(n=prev.line), second=_("line {n}").format(n=cur.line),
                first_date=prev.crossing.date, second_date=cur.crossing.date)))
    return problems


def check_sequence_across(parts: Sequence[tuple[str, Sequence[ParsedCrossing]]]) -> list[Problem]:
    """Like check_sequence over several files read together (recorded and planned); messages name both files."""
    tagged = {id(r.crossing): (source, r) for source, rows in parts for r in rows}
    ordered = [tagged[id(c)] for c in sort_crossings(r.crossing for _s, rows in parts for r in rows)]
    problems = []
    for pair in sequence_problems([r.crossing for _source, r in ordered]):
        (prev_source, prev), (source, cur) = ordered[pair.first_index], ordered[pair.second_index]
        problems.append(Problem(
            source, cur.line, "direction",
            two_in_a_row().format(direction=direction_word(cur.crossing.direction),
                first=_("{file}:{line}").format(file=prev_source, line=prev.line),
                second=_("{file}:{line}").format(file=source, line=cur.line),
                first_date=prev.crossing.date, second_date=cur.crossing.date)))
    return problems


def _missing_column(source: str, line: int, column: str) -> Problem:
    return Problem(source, line, column, _("the header has no column {column}").format(column=repr(column)))


def sort_crossings_with_lines(rows: Sequence[ParsedCrossing]) -> list[ParsedCrossing]:
    by_identity = {id(r.crossing): r for r in rows}
    return [by_identity[id(c)] for c in sort_crossings(r.crossing for r in rows)]


def read_crossings_csv(path: Path) -> list[ParsedCrossing]:
    """All rows sorted, or InputError listing every problem; the header is line 1."""
    source = str(path)
    lines, _encoding = csv_rows(path)
    if not lines:
        raise InputError([_missing_column(source, 1, c) for c in REQUIRED])
    header_line, header_cells = lines[0]
    header = [str(h).strip().lower() for h in header_cells]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError([_missing_column(source, header_line, c) for c in missing])
    problems: list[Problem] = []
    rows = []
    for line, cells in lines[1:]:
        if not any(str(v).strip() for v in cells):
            continue
        row = {name: str(value) for name, value in zip(header, cells, strict=False)}
        crossing = _parse_row(source, line, row, problems)
        if crossing is not None:
            rows.append(ParsedCrossing(line, crossing))
    if not problems:
        problems = check_sequence(source, rows)
    if problems:
        raise InputError(problems)
    return sort_crossings_with_lines(rows)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets run as a formula (CSV injection)


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe, which spreadsheets show as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """The inverse of `neutralise` on import, so an export imports back to the same crossings."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def write_crossings_csv(crossings: Sequence[Crossing], path: Path) -> int:
    """The CSV contract, sorted, written atomically and privately (core.files); port and note neutralised."""
    ordered = sort_crossings(crossings)
    with private_writer(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for c in ordered:
            writer.writerow([c.date.isoformat(), c.direction.value, c.time.strftime("%H:%M") if c.time else "",
                             neutralise(c.port), neutralise(c.note), "yes" if c.planned else ""])
    return len(ordered)
