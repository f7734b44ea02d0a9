"""Issue 12 item 6: every importer is total. The probe's failing inputs end in an InputError naming the file, in
bounded time, and the files it accepted wrongly are either read right or refused."""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

import core.exchange.casefile as casefile_module
import core.exchange.crossings_table as table_module
from core.errors import InputError
from core.exchange.casefile import read_case_file
from core.exchange.crossings_csv import read_crossings_csv
from core.exchange.crossings_import import plan_import
from core.exchange.crossings_table import guess_mapping, read_table
from core.exchange.text_files import decode_text
from tests.fuzz.inputs import HEADER, case_value, crossings_csv, hostile_cases, hostile_xlsx, write, xlsx_bytes

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("name", sorted(hostile_xlsx()))
def test_hostile_workbooks_are_refused_naming_the_file_or_read_whole(tmp_path: Path, name: str):
    path = write(tmp_path, f"{name}.xlsx", hostile_xlsx()[name])
    started = time.monotonic()
    try:
        table = read_table(path)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert len(table.rows) == 29  # the real rows, whatever the stated dimension says
    assert time.monotonic() - started < 5


def test_understated_dimension_reads_every_row(tmp_path: Path):
    table = read_table(write(tmp_path, "cut.xlsx", hostile_xlsx()["understated-dimension"]))
    assert [r.line for r in table.rows][-1] == 30 and len(table.rows) == 29


def test_workbook_row_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(table_module, "MAX_XLSX_ROWS", 10)
    with pytest.raises(InputError, match="more than 10 rows"):
        read_table(write(tmp_path, "many.xlsx", xlsx_bytes(30)))


def test_unbalanced_quote_is_reported_with_its_line(tmp_path: Path):
    text = crossings_csv(20).splitlines(keepends=True)
    text[3] = text[3].rstrip("\n") + '"stray\n'
    text[3] = text[3].replace(',"stray', ',"stray')
    path = write(tmp_path, "quote.csv", "".join(text[:3]) + text[3].replace("PEK,", 'PEK,"', 1) + "".join(text[4:]))
    for reader in (read_table, read_crossings_csv):
        with pytest.raises(InputError) as caught:
            reader(path)
        assert caught.value.problems[0].line == 4 and "quote" in str(caught.value)


def test_quote_closed_many_lines_later_is_refused(tmp_path: Path):
    lines = crossings_csv(10).splitlines(keepends=True)
    lines[2] = lines[2].replace("PEK,", 'PEK,"', 1)
    lines[6] = lines[6].replace("PEK,", 'PEK,"', 1)
    with pytest.raises(InputError, match="runs from line 3 to line 7") as caught:
        read_table(write(tmp_path, "swallow.csv", "".join(lines)))
    assert caught.value.problems[0].line == 3


def test_a_field_over_the_csv_limit_names_its_line(tmp_path: Path):
    path = write(tmp_path, "big.csv", HEADER + "2023-01-01,entry,,PEK," + "x" * 140_000 + "\n")
    with pytest.raises(InputError, match="longer than 131,072 characters") as caught:
        read_table(path)
    assert caught.value.problems[0].line == 2


SAMPLE = "日期,出入境,口岸,备注\n2023-01-01,入境,罗湖,出差回来\n2023-02-01,出境,罗湖,探亲\n"
TRADITIONAL = "日期,出入境,口岸,備註\n2023-01-01,入境,羅湖,臺灣同胞回鄉\n2023-02-01,出境,羅湖,謝謝\n"
JAPANESE = "date,direction,port,note\n2023-01-01,entry,成田,東京へ行きます\n2023-02-01,exit,成田,ありがとう\n"


@pytest.mark.parametrize("text,encoding,expected", [
    (SAMPLE, "utf-8", "utf-8"), (SAMPLE, "utf-8-sig", "utf-8"), (SAMPLE, "utf-16", "utf-16"),
    (SAMPLE, "utf-16-le", "utf-16"), (SAMPLE, "gb18030", "gb18030"), (TRADITIONAL, "big5", "big5"),
    (JAPANESE, "shift_jis", "shift-jis"),
])
def test_encodings_are_detected_and_read_right(tmp_path: Path, text: str, encoding: str, expected: str):
    table = read_table(write(tmp_path, "x.csv", text.encode(encoding)))
    assert table.encoding == expected
    assert not guess_mapping(table.headers).missing() and guess_mapping(table.headers).column("note") == 3
    assert [str(c) for c in table.rows[0].cells] == text.splitlines()[1].split(",")


def test_a_garbled_decoding_is_refused_with_the_encoding_named():
    with pytest.raises(InputError, match=r"read as UTF-8 the text has character U\+0001") as caught:
        decode_text(b"date,direction\n2023-01-01,entry\n2023-02-01,exit\x01\n", "x.csv")
    assert caught.value.problems[0].line == 3
    with pytest.raises(InputError, match="save the file as UTF-8"):
        decode_text(bytes(range(128, 256)) * 4, "noise.csv")


def test_nul_in_a_csv_is_refused(tmp_path: Path):
    with pytest.raises(InputError, match="U\\+0000"):
        read_table(write(tmp_path, "nul.csv", HEADER + "2023-01-01,entry,,PE\x00K,\n"))


@pytest.mark.parametrize("name", sorted(hostile_cases()))
def test_hostile_case_files_are_refused_naming_the_file(tmp_path: Path, name: str):
    path = write(tmp_path, f"{name}.json", hostile_cases()[name])
    with pytest.raises(InputError) as caught:
        read_case_file(path, TODAY)
    assert str(path) in str(caught.value)


def test_case_import_applies_the_crossing_checks(tmp_path: Path):
    cases = hostile_cases()
    with pytest.raises(InputError, match=r"Border crossing 出入境 2 · Direction: two entry crossings in a row "
                                         r"\(Border crossing 出入境 1 on"):
        read_case_file(write(tmp_path, "a.json", cases["two-entries-in-a-row"]), TODAY)
    with pytest.raises(InputError, match=r"Border crossing 出入境 2 · Date \(local China date\): "
                                         r"2090-02-01 is after today"):
        read_case_file(write(tmp_path, "b.json", cases["unplanned-2090"]), TODAY)
    with pytest.raises(InputError, match="outside the accepted range"):
        read_case_file(write(tmp_path, "c.json", cases["expiry-9999-12-31"]), TODAY)
    with pytest.raises(InputError, match="NUL"):
        read_case_file(write(tmp_path, "d.json", cases["nul-in-passport"]), TODAY)


def test_case_scans_are_capped_at_the_windows_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(casefile_module, "MAX_ATTACHMENT_TEXT", 16)
    value = case_value(passports=[{"key": "x", "person": "p", "number": "E1", "expiry_date": "2030-01-01"}],
                       attachments=[{"owner": "x", "name": "a.png", "media_type": "image/png", "size": 30,
                                     "sha256": "0", "data": "A" * 40}])
    with pytest.raises(InputError, match=r"Scan 扫描件 1 · File content 文件内容: larger than 50 MB"):
        read_case_file(write(tmp_path, "scan.json", json.dumps(value)), TODAY)


def test_crossing_dates_outside_the_range_are_refused_with_their_line(tmp_path: Path):
    path = write(tmp_path, "far.csv", HEADER + "2023-01-01,entry,,,\n9999-12-31,exit,,,\n")
    with pytest.raises(InputError, match="outside the accepted range") as caught:
        read_crossings_csv(path)
    assert caught.value.problems[0].line == 3
    table = read_table(path)
    plan = plan_import(table, guess_mapping(table.headers), [], TODAY, all_planned=True)
    assert not plan.ok and plan.problems[0].line == 3 and "outside the accepted range" in plan.problems[0].message
