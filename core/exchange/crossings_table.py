"""Crossing files as they come (CSV in UTF-8, UTF-16, GB18030, Big5 or Shift-JIS; XLSX), and which column is which.

Headers are recognised in English and Chinese; whatever is not recognised is left to a column mapping chosen by
the user (the GUI's import dialog, or `crossings import --map FIELD=COLUMN`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import re
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import InputError, Problem
from core.exchange.text_files import csv_rows
from core.i18n import N_, _

FIELDS = ("date", "time", "direction", "port", "note", "planned")
REQUIRED_FIELDS = ("date", "direction")
MAX_XLSX_ROWS = 100_000  # a lifetime of crossings is a few thousand rows
MAX_XLSX_CELLS = 2_000_000
MAX_XLSX_PARTS = 10_000
MAX_XLSX_EXPANDED = 256 * 1024 * 1024
HEADER_SCAN_ROWS = 10  # a spreadsheet may start with a title row or two above the header

# Normalised header text -> field (see normalise_header). Order matters only for documentation.
HEADER_WORDS: dict[str, str] = {
    **dict.fromkeys(["date", "day", "crossingdate", "dateofcrossing", "datetime", "dateandtime", "日期", "出入境日期",
                     "通关日期", "日期时间", "出境入境日期", "日期時間"], "date"),
    **dict.fromkeys(["time", "localtime", "时间", "时刻", "出入境时间", "通关时间", "時間", "出入境時間"], "time"),
    **dict.fromkeys(["direction", "entryexit", "inout", "type", "movement", "出入境", "方向", "出入境方向",
                     "出入境类型", "出入境标志", "出入境标识", "类型", "出入", "出入境類型", "類型"], "direction"),
    **dict.fromkeys(["port", "borderport", "portofentry", "checkpoint", "crossingpoint", "口岸", "出入境口岸",
                     "通关口岸", "边检口岸"], "port"),
    **dict.fromkeys(["note", "notes", "remark", "remarks", "comment", "comments", "备注", "说明", "備註", "備注",
                     "說明"], "note"),  # traditional forms too: Big5 files come from Taiwan and Hong Kong
    **dict.fromkeys(["planned", "plan", "计划", "是否计划", "計劃", "計畫"], "planned"),
}
_PARENTHESES = re.compile(r"[(（\[【].*?[)）\]】]")
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_header(text: str) -> str:
    """'Date (YYYY-MM-DD)' -> 'date', '出入境 日期' -> '出入境日期': lower case, no brackets, spaces or punctuation."""
    return _NOT_WORD.sub("", _PARENTHESES.sub("", text).lower())


@dataclass(frozen=True)
class RawRow:
    line: int  # 1-based line (CSV) or row number (XLSX)
    cells: tuple[object, ...]  # str for CSV; str, int, float, date, datetime, time or None for XLSX

    def cell(self, column: int | None) -> object:
        return self.cells[column] if column is not None and column < len(self.cells) else None


@dataclass(frozen=True)
class RawTable:
    source: str
    headers: tuple[str, ...]
    header_line: int
    rows: tuple[RawRow, ...]
    encoding: str  # "utf-8", "utf-16", "gb18030", "big5", "shift-jis" or "xlsx"

    def samples(self, column: int, n: int = 3) -> list[str]:
        """The first non-empty values of a column, for the mapping step."""
        found = [cell_text(r.cell(column)) for r in self.rows if cell_text(r.cell(column))]
        return found[:n]


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (0-based) holds each field; required fields may be missing until the user maps them."""

    columns: Mapping[str, int] = field(default_factory=dict)

    def column(self, name: str) -> int | None:
        return self.columns.get(name)

    def missing(self) -> list[str]:
        return [f for f in REQUIRED_FIELDS if f not in self.columns]

    def with_column(self, name: str, column: int | None) -> ColumnMapping:
        columns = {k: v for k, v in self.columns.items() if k != name}
        if column is not None:
            columns[name] = column
        return ColumnMapping(columns)


def cell_text(value: object) -> str:
    """A cell as the user would read it: dates ISO, times HH:MM[:SS], whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()  # Excel stores dates as midnight datetimes
        return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes" if value.second == 0 else "seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Each field's column from the header words; a time-only header stands in for a missing date column."""
    columns: dict[str, int] = {}
    for i, header in enumerate(headers):
        name = HEADER_WORDS.get(normalise_header(header))
        if name is not None and name not in columns:
            columns[name] = i
    if "date" not in columns and "time" in columns:  # e.g. 出入境时间 holding "2023-06-10 08:00"
        columns["date"] = columns.pop("time")
    return ColumnMapping(columns)


def mapping_from_names(table: RawTable, names: Mapping[str, str]) -> ColumnMapping:
    """Start from the guess, then apply FIELD=COLUMN choices (header text, 1-based number or letter)."""
    mapping, problems = guess_mapping(table.headers), []
    for name, wanted in names.items():
        if name not in FIELDS:
            problems.append(Problem(table.source, None, name, _("unknown field (expected one of {fields})").format(
                fields=", ".join(FIELDS))))
            continue
        column = _find_column(table.headers, wanted)
        if column is None:
            problems.append(Problem(table.source, table.header_line, name,
                                    _("no column {wanted} (columns: {columns})").format(
                                        wanted=repr(wanted), columns=", ".join(table.headers))))
        mapping = mapping.with_column(name, column)
    if problems:
        raise InputError(problems)
    return mapping


def _find_column(headers: Sequence[str], wanted: str) -> int | None:
    text = wanted.strip()
    for i, h in enumerate(headers):
        if h.strip() == text:
            return i
    for i, h in enumerate(headers):
        if normalise_header(h) == normalise_header(text) and normalise_header(text):
            return i
    if text.isdigit() and 1 <= int(text) <= len(headers):
        return int(text) - 1
    if text.isalpha() and len(text) == 1 and ord(text.upper()) - ord("A") < len(headers):
        return ord(text.upper()) - ord("A")
    return None


def read_table(path: Path) -> RawTable:
    """The file's header and rows (blank rows dropped); InputError if it cannot be read at all."""
    source = str(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        lines, encoding = _xlsx_rows(path), "xlsx"
    elif path.suffix.lower() == ".xls":
        raise InputError([Problem(source, None, "", N_("old Excel .xls files are not read: save it as .xlsx or .csv"))])
    else:
        lines, encoding = _csv_rows(path)
    nonblank = [(n, cells) for n, cells in lines if any(cell_text(c) for c in cells)]
    if not nonblank:
        raise InputError([Problem(source, None, "", N_("the file is empty"))])
    header_at = _header_index(nonblank)
    header_line, header = nonblank[header_at]
    rows = tuple(RawRow(n, cells) for n, cells in nonblank[header_at + 1:])
    return RawTable(source, tuple(cell_text(h) for h in header), header_line, rows, encoding)


def _header_index(rows: Sequence[tuple[int, tuple[object, ...]]]) -> int:
    """The first row among the first few that names a date and a direction column; else the first row."""
    for i, (_n, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        if not guess_mapping([cell_text(c) for c in cells]).missing():
            return i
    return 0


def _csv_rows(path: Path) -> tuple[list[tuple[int, tuple[object, ...]]], str]:
    return csv_rows(path)


def _xlsx_rows(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    """The first worksheet's rows as stored (its stated dimension is not trusted), capped; every failure of the
    zip, XML or openpyxl layers becomes an InputError naming the file."""
    with warnings.catch_warnings():  # openpyxl warns on stderr about what it skips; the user gets an answer instead
        warnings.simplefilter("ignore")
        return _xlsx_rows_quietly(path)


def _xlsx_rows_quietly(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    source = str(path)
    _check_zip(path)
    import openpyxl  # imported here: only XLSX imports pay for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise InputError([Problem(source, None, "", _("cannot read file: {reason}").format(
            reason=exc.strerror or exc))]) from exc
    except Exception as exc:  # noqa: BLE001 - zip, XML and openpyxl raise many kinds on a damaged file
        raise _unreadable(source, exc) from exc
    try:
        return _sheet_rows(book, source)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - as above: the sheet's XML is parsed only while rows are read
        raise InputError([Problem(source, None, "",
                                  _("the worksheet cannot be read ({reason})").format(reason=_reason(exc)))]) from exc
    finally:
        with contextlib.suppress(Exception):
            book.close()


def _sheet_rows(book: Any, source: str) -> list[tuple[int, tuple[object, ...]]]:
    active = book.active
    sheet = active if hasattr(active, "iter_rows") else next(iter(book.worksheets), None)
    if sheet is None:
        raise InputError([Problem(source, None, "", _("the workbook has no worksheet to read"))])
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # the stated used range may understate (rows lost) or overstate (a hang)
    rows: list[tuple[int, tuple[object, ...]]] = []
    cells = 0
    for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if n > MAX_XLSX_ROWS:
            too_many = _("more than {n} rows: not a crossings sheet").format(n=f"{MAX_XLSX_ROWS:,}")
            raise InputError([Problem(source, n, "", too_many)])
        cells += len(row)
        if cells > MAX_XLSX_CELLS:
            too_many = _("more than {n} cells: not a crossings sheet").format(n=f"{MAX_XLSX_CELLS:,}")
            raise InputError([Problem(source, n, "", too_many)])
        rows.append((n, tuple(row)))
    return rows


def _check_zip(path: Path) -> None:
    """Refuse a workbook whose parts would expand past what a crossings sheet needs (a zip bomb) before parsing."""
    source = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except FileNotFoundError as exc:
        raise InputError([Problem(source, None, "", _("cannot read file: {reason}").format(
            reason=exc.strerror or exc))]) from exc
    except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise _unreadable(source, exc) from exc
    if len(infos) > MAX_XLSX_PARTS or sum(i.file_size for i in infos) > MAX_XLSX_EXPANDED:
        expands = _("the workbook expands to more than {mb} MB: not a crossings sheet").format(
            mb=MAX_XLSX_EXPANDED // 2**20)
        raise InputError([Problem(source, None, "", expands)])


def _unreadable(source: str, exc: BaseException) -> InputError:
    return InputError([Problem(source, None, "", _("not a readable .xlsx workbook ({reason})").format(
        reason=_reason(exc)))])


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:160]}" if text else type(exc).__name__
