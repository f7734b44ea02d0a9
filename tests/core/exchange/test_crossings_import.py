"""Importing crossings: header recognition (English/Chinese), CSV and XLSX, every validation rule with its line,
duplicates of stored crossings skipped, atomic writes checked on the real database, export round trip."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from core.errors import InputError
from core.exchange.crossings_import import (
    ImportRejected,
    parse_date_cell,
    parse_direction_cell,
    plan_import,
    require_ok,
)
from core.exchange.crossings_table import ColumnMapping, guess_mapping, mapping_from_names, normalise_header, read_table
from core.records.identity import Applicant, ApplicantId, Crossing, Direction
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.dbfile import rows

D = dt.date.fromisoformat
IN, OUT = Direction.ENTRY, Direction.EXIT


def write(tmp_path: Path, text: str, name: str = "c.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def plan(path: Path, stored: list[Crossing] | None = None, all_planned: bool = False):
    table = read_table(path)
    return plan_import(table, guess_mapping(table.headers), stored or [], TODAY, all_planned)


def problems(path: Path, stored: list[Crossing] | None = None) -> list[tuple[int | None, str, str]]:
    return [(p.line, p.field, p.message) for p in plan(path, stored).problems]


def db_rows(service: JuliuService) -> list[tuple[object, ...]]:
    """What the database holds, read through a separate connection."""
    return rows(service, "SELECT applicant_id, date, time, direction, port, note, planned FROM crossing ORDER BY id")


def applicant(service: JuliuService, chinese: str = "王小明") -> ApplicantId:
    saved = service.save_applicant(Applicant("Wang", "Xiaoming", chinese))
    assert saved.id is not None
    return saved.id


# --- headers and values ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("headers,expected", [
    (["date", "direction", "time", "port", "note"], {"date": 0, "direction": 1, "time": 2, "port": 3, "note": 4}),
    (["日期", "时间", "出入境", "口岸", "备注"], {"date": 0, "time": 1, "direction": 2, "port": 3, "note": 4}),
    (["序号", "出入境日期", "方向", "出入境口岸"], {"date": 1, "direction": 2, "port": 3}),
    (["Date (YYYY-MM-DD)", "Entry/Exit", "Border port", "Remarks", "Planned"],
     {"date": 0, "direction": 1, "port": 2, "note": 3, "planned": 4}),
    (["出入境时间", "出入境类型"], {"date": 0, "direction": 1}),  # a time-only header stands in for the date
    (["when", "which way"], {}),
])
def test_header_recognition(headers: list[str], expected: dict[str, int]):
    assert dict(guess_mapping(headers).columns) == expected


def test_normalise_header():
    assert normalise_header(" 出入境 日期（YYYY/MM/DD）") == "出入境日期"
    assert normalise_header("Entry_Exit") == "entryexit"


@pytest.mark.parametrize("word,direction", [
    ("entry", IN), ("Exit", OUT), ("入境", IN), ("出境", OUT), ("入", IN), ("出", OUT), (" ENTRY ", IN)])
def test_direction_words(word: str, direction: Direction):
    assert parse_direction_cell(word) is direction


@pytest.mark.parametrize("cell,expected", [
    ("2023-06-10", (D("2023-06-10"), None)),
    ("2023/6/10", (D("2023-06-10"), None)),
    ("2023.06.10", (D("2023-06-10"), None)),
    ("2023年6月10日", (D("2023-06-10"), None)),
    ("2023-06-10 08:05:59", (D("2023-06-10"), dt.time(8, 5))),
    (dt.datetime(2023, 6, 10, 20, 30), (D("2023-06-10"), dt.time(20, 30))),
    (dt.datetime(2023, 6, 10), (D("2023-06-10"), None)),
    (D("2024-02-29"), (D("2024-02-29"), None)),
])
def test_date_cells(cell: object, expected: tuple[dt.date, dt.time | None]):
    assert parse_date_cell(cell) == expected


# --- validation: every rule, with its line ---------------------------------------------------------------------

@pytest.mark.parametrize("body,expected", [
    ("2023-02-30,entry,", (2, "date", "not a real date: '2023-02-30'")),
    ("10/06/2023,entry,", (2, "date", "expected a date such as 2023-06-10, got '10/06/2023'")),
    (",entry,", (2, "date", "required")),
    ("2023-02-01,entry,25:00", (2, "time", "not a real time: '25:00'")),
    ("2023-02-01,entry,8h", (2, "time", "expected a time such as 08:30, got '8h'")),
    ("2023-02-01,sideways,", (2, "direction", "unknown direction 'sideways' (expected entry/exit, 入境/出境, 入/出)")),
    ("2026-11-23,entry,", (2, "date", "2026-11-23 is after today (2026-11-22): mark the row as planned or correct "
                                      "the date")),
])
def test_bad_rows(tmp_path: Path, body: str, expected: tuple[int, str, str]):
    assert problems(write(tmp_path, f"date,direction,time\n{body}\n")) == [expected]


def test_every_problem_is_reported_and_nothing_accepted(tmp_path: Path):
    path = write(tmp_path, "date,direction,time\n"
                           "2023-01-01,entry,\n"  # 2 fine
                           "2023-13-01,up,\n"  # 3 date and direction
                           "2023-02-01,exit,9-30\n"  # 4 time
                           "2023-03-01,exit,\n"  # 5 two exits in a row after line 4's exit? (4 is rejected)
                           "2023-03-01,exit,\n"  # 6 exact duplicate of 5
                           "2027-01-01,entry,\n")  # 7 future
    result = plan(path)
    assert [(p.line, p.field) for p in result.problems] == [
        (3, "date"), (3, "direction"), (4, "time"), (6, "row"), (7, "date")]
    assert (result.read, result.accepted, result.skipped, result.rejected) == (6, 0, 0, 4)


def test_future_rows_are_fine_when_planned(tmp_path: Path):
    path = write(tmp_path, "date,direction,planned\n2026-12-01,exit,yes\n2027-01-01,entry,计划\n")
    assert [c.planned for c in plan(path, [Crossing(D("2020-01-01"), IN)]).to_add] == [True, True]
    plain = write(tmp_path, "date,direction\n2026-12-01,exit\n", "p.csv")
    assert plan(plain, all_planned=True).ok
    bad = write(tmp_path, "date,direction,planned\n2026-12-01,exit,maybe\n", "b.csv")
    assert problems(bad) == [(2, "planned", "expected yes or no (是/否), got 'maybe'")]


def test_same_direction_twice_within_the_file_and_against_stored(tmp_path: Path):
    within = write(tmp_path, "date,direction\n2023-01-01,entry\n2023-02-01,exit\n2023-03-01,exit\n")
    assert problems(within) == [(4, "direction", "two exit crossings in a row (line 3 on 2023-02-01, line 4 on "
                                                 "2023-03-01): a crossing is missing between them")]
    stored = [Crossing(D("2023-01-01"), IN), Crossing(D("2023-05-01"), OUT)]
    after = write(tmp_path, "date,direction\n2023-06-01,exit\n", "a.csv")
    assert problems(after, stored) == [(2, "direction", "two exit crossings in a row (stored crossing on "
                                                        "2023-05-01, line 2 on 2023-06-01): a crossing is missing "
                                                        "between them")]
    before = write(tmp_path, "date,direction\n2022-12-01,entry\n", "b.csv")
    assert problems(before, stored)[0][:2] == (2, "direction")
    same_day = write(tmp_path, "date,direction,note\n2023-05-01,exit,typo\n", "s.csv")
    assert "differs from the stored crossing only in port, note or planned" in problems(same_day, stored)[0][2]


def test_rows_already_stored_are_skipped_and_counted(tmp_path: Path):
    stored = [Crossing(D("2023-01-01"), IN, port="PEK")]
    result = plan(write(tmp_path, "date,direction,port\n2023-01-01,entry,PEK\n2023-02-01,exit,PEK\n"), stored)
    assert result.ok and (result.read, result.accepted, result.skipped, result.rejected) == (2, 1, 1, 0)
    assert [r.status for r in result.rows] == ["stored", "new"]


def test_empty_files_are_refused(tmp_path: Path):
    with pytest.raises(InputError, match="the file is empty"):
        read_table(write(tmp_path, "\n\n"))
    result = plan(write(tmp_path, "date,direction\n", "header.csv"))
    assert [p.message for p in result.problems] == ["no crossings in the file (only a header)"]
    with pytest.raises(ImportRejected):
        require_ok(result)


def test_unmapped_required_fields_are_problems(tmp_path: Path):
    path = write(tmp_path, "when,which way\n2023-01-01,入\n")
    table = read_table(path)
    result = plan_import(table, guess_mapping(table.headers), [], TODAY)
    assert [(p.line, p.field) for p in result.problems] == [(1, "date"), (1, "direction")]
    assert result.rejected == 1
    mapped = mapping_from_names(table, {"date": "when", "direction": "2"})
    assert mapped == ColumnMapping({"date": 0, "direction": 1})
    assert plan_import(table, mapped, [], TODAY).ok
    assert mapping_from_names(table, {"date": "A", "direction": "B"}) == mapped
    with pytest.raises(InputError, match="no column 'where'"):
        mapping_from_names(table, {"port": "where"})
    with pytest.raises(InputError, match="unknown field"):
        mapping_from_names(table, {"colour": "A"})


def test_gb18030_csv_and_unreadable_files(tmp_path: Path):
    path = write(tmp_path, "日期,出入境,口岸\n2023-01-01,入境,罗湖\n", encoding="gb18030")
    result = plan(path)
    assert result.ok and result.to_add[0].port == "罗湖"
    with pytest.raises(InputError, match="cannot read file"):
        read_table(tmp_path / "missing.csv")
    with pytest.raises(InputError, match=r"\.xls files are not read"):
        read_table(write(tmp_path, "x", "old.xls"))
    with pytest.raises(InputError, match="not a readable .xlsx workbook"):
        read_table(write(tmp_path, "not a zip", "broken.xlsx"))


def chinese_workbook(path: Path) -> Path:
    """An XLSX as a relocation firm might keep it: a title row, Chinese headers, real Excel dates and times."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["王小明 出入境记录"])
    sheet.append(["序号", "日期", "时间", "出入境", "口岸", "备注"])
    sheet.append([1, dt.datetime(2023, 6, 10), dt.time(8, 0), "出境", "深圳湾", "香港出差"])
    sheet.append([2, dt.datetime(2023, 6, 11), dt.time(20, 15), "入境", "深圳湾", None])
    sheet.append([None, None, None, None, None, None])
    sheet.append([3, "2024/2/29", "7:05", "出", "首都机场", ""])
    book.save(path)
    return path


def test_xlsx_with_a_title_row_and_chinese_headers(tmp_path: Path):
    table = read_table(chinese_workbook(tmp_path / "记录.xlsx"))
    assert table.header_line == 2 and table.headers[1] == "日期" and table.encoding == "xlsx"
    result = plan_import(table, guess_mapping(table.headers), [Crossing(D("2020-01-01"), IN)], TODAY)
    assert result.ok
    assert [(c.date, c.time, c.direction, c.port, c.note) for c in result.to_add] == [
        (D("2023-06-10"), dt.time(8, 0), OUT, "深圳湾", "香港出差"),
        (D("2023-06-11"), dt.time(20, 15), IN, "深圳湾", ""),
        (D("2024-02-29"), dt.time(7, 5), OUT, "首都机场", "")]
    assert [r.line for r in result.rows] == [3, 4, 6]  # sheet row numbers; the blank row is not counted


# --- through the service, on the real database -----------------------------------------------------------------

def test_import_twice_adds_nothing_the_second_time(service: JuliuService, tmp_path: Path):
    who = applicant(service)
    path = chinese_workbook(tmp_path / "记录.xlsx")
    service.add_crossings(who, [Crossing(D("2020-01-01"), IN)])
    first = service.travel.import_file(who, path, TODAY)
    assert (first.read, first.accepted, first.skipped, first.rejected) == (3, 3, 0, 0)
    before = db_rows(service)
    second = service.travel.import_file(who, path, TODAY)
    assert (second.read, second.accepted, second.skipped, second.rejected) == (3, 0, 3, 0)
    assert db_rows(service) == before and len(before) == 4


def test_a_failed_import_leaves_the_database_unchanged(service: JuliuService, tmp_path: Path):
    who = applicant(service)
    service.add_crossings(who, [Crossing(D("2020-01-01"), IN)])
    before = db_rows(service)
    path = write(tmp_path, "date,direction\n2023-01-01,exit\n2023-02-01,entry\n2023-03-01,sideways\n")
    with pytest.raises(ImportRejected) as err:
        service.travel.import_file(who, path, TODAY)
    assert (err.value.plan.read, err.value.plan.accepted, err.value.plan.rejected) == (3, 0, 1)
    # the good rows 2-3 were not added either
    assert f"{path}:4: Direction: unknown direction 'sideways'" in str(err.value)
    assert db_rows(service) == before


def test_export_then_import_round_trips(service: JuliuService, tmp_path: Path):
    first, second = applicant(service), applicant(service, "王大明")
    crossings = [Crossing(D("2023-06-10"), OUT, dt.time(8, 0), "深圳湾", "香港, \"出差\""),
                 Crossing(D("2023-06-10"), IN, dt.time(20, 0), "深圳湾"),
                 Crossing(D("2027-01-05"), OUT, None, "PVG", "", planned=True)]
    service.add_crossings(first, crossings)
    out = tmp_path / "out" / "crossings.csv"
    assert service.travel.export_csv(first, out) == 3
    assert out.read_text(encoding="utf-8").splitlines()[0] == "date,direction,time,port,note,planned"
    assert [p.name for p in out.parent.iterdir()] == ["crossings.csv"]  # no temporary file left behind
    report = service.travel.import_file(second, out, TODAY)
    assert report.accepted == 3
    strip = [(c.date, c.time, c.direction, c.port, c.note, c.planned) for c in service.list_crossings(first)]
    assert [(c.date, c.time, c.direction, c.port, c.note, c.planned) for c in service.list_crossings(second)] == strip
    assert service.travel.import_file(first, out, TODAY).skipped == 3


def test_export_failure_keeps_the_old_file(service: JuliuService, tmp_path: Path):
    who = applicant(service)
    target = tmp_path / "dir.csv"
    target.mkdir()
    with pytest.raises(OSError):
        service.travel.export_csv(who, target)
    assert target.is_dir() and list(tmp_path.glob(".dir.csv.*")) == []
