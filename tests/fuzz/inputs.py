"""Valid seed files and the hostile variants the issue 12 probe found, shared by the regression and fuzz tests."""
from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

HEADER = "date,direction,time,port,note\n"


def crossings_csv(n: int = 20, start_year: int = 2023) -> str:
    """`n` alternating crossings, one a week from the year's start."""
    day = dt.date(start_year, 1, 2)
    rows = [f"{day + dt.timedelta(days=7 * i)},{'entry' if i % 2 == 0 else 'exit'},,PEK,\n" for i in range(n)]
    return HEADER + "".join(rows)


def xlsx_bytes(rows: int = 30) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["date", "direction"])
    for i in range(1, rows):
        sheet.append([f"2023-03-{i:02d}" if i < 29 else f"2023-04-{i - 27:02d}", "entry" if i % 2 else "exit"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite_zip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The workbook with each part passed through `change` (None drops the part)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = change(info.filename, zin.read(info.filename))
            if part is not None:
                zout.writestr(info.filename, part)
    return out.getvalue()


def _sheet(change: Callable[[bytes], bytes | None]) -> Callable[[str, bytes], bytes | None]:
    return lambda name, data: change(data) if name.endswith("worksheets/sheet1.xml") else data


def chartsheet_first() -> bytes:
    """A workbook whose active sheet is a chartsheet, before the worksheet."""
    book = openpyxl.Workbook()
    book.create_chartsheet("Chart", 0)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def chartsheet_only() -> bytes:
    book = openpyxl.Workbook()
    book.create_chartsheet("Chart")
    first = book.worksheets[0]
    book.remove(first)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bad_deflate(data: bytes) -> bytes:
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    for k in range(start, start + 20):
        raw[k] ^= 0x5A
    return bytes(raw)


def hostile_xlsx() -> dict[str, bytes]:
    """The probe's classes of unreadable or hanging workbooks."""
    ok = xlsx_bytes()
    return {
        "understated-dimension": rewrite_zip(ok, _sheet(lambda b: b.replace(b'ref="A1:B30"', b'ref="A1:B3"'))),
        "overstated-dimension": rewrite_zip(ok, _sheet(lambda b: b.replace(b'ref="A1:B30"',
                                                                           b'ref="A1:XFD1048576"'))),
        "cell-at-XFD1048576": rewrite_zip(ok, _sheet(lambda b: b.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                             b"</sheetData>"))),
        "nul-in-xml": rewrite_zip(ok, _sheet(lambda b: b.replace(b"<row", b"<r\x00ow", 1))),
        "malformed-xml": rewrite_zip(ok, _sheet(lambda b: b[: len(b) // 2])),
        "missing-sheet": rewrite_zip(ok, _sheet(lambda b: None)),
        "unknown-dimension-attribute": rewrite_zip(ok, _sheet(lambda b: b.replace(b'ref="A1:B30"',
                                                                                  b'ref="A1:B30" foo="x"'))),
        "bad-deflate": bad_deflate(ok),
        "not-a-zip": b"PK\x03\x04" + b"\x00" * 60,
        "chartsheet-first": chartsheet_first(),
        "only-a-chartsheet": chartsheet_only(),
    }


def case_value(**extra: Any) -> dict[str, Any]:
    value: dict[str, Any] = {"schema": "juliu.case/1", "principal": {"key": "p", "family_name": "Smith"}}
    value.update(extra)
    return value


def hostile_cases() -> dict[str, str]:
    """Case files the probe found ending in a traceback or accepted wrongly."""
    passport = {"key": "x", "person": "p", "number": "E12345", "expiry_date": "2030-01-01"}
    return {
        "deep-nesting": "[" * 1000,
        "4301-digit-number": json.dumps(case_value(income=[{"person": "p", "year": 1}])).replace(
            '"year": 1', '"year": ' + "9" * 4301),
        "nul-in-name": json.dumps(case_value(principal={"key": "p", "family_name": "A\x00B"})),
        "nul-in-passport": json.dumps(case_value(passports=[{**passport, "number": "E1\x002"}])),
        "expiry-9999-12-31": json.dumps(case_value(passports=[{**passport, "expiry_date": "9999-12-31"}])),
        "birth-0001-01-01": json.dumps(case_value(principal={"key": "p", "family_name": "A",
                                                             "birth_date": "0001-01-01"})),
        "two-entries-in-a-row": json.dumps(case_value(crossings=[
            {"person": "p", "date": "2023-01-01", "direction": "entry"},
            {"person": "p", "date": "2023-02-01", "direction": "entry"}])),
        "unplanned-2090": json.dumps(case_value(crossings=[
            {"person": "p", "date": "2023-01-01", "direction": "entry"},
            {"person": "p", "date": "2090-02-01", "direction": "exit"}])),
        "nan": json.dumps(case_value(income=[{"person": "p", "year": 2024, "wage_income": "1", "iit_paid": "1"}]))
        .replace('"year": 2024', '"year": NaN'),
        "huge-money": json.dumps(case_value(income=[{"person": "p", "year": 2024, "wage_income": "1e999999",
                                                     "iit_paid": "NaN"}])),
    }


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path
