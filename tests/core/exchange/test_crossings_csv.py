"""The crossings CSV contract: columns, directions in two languages, ordering, and errors naming line and field."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.errors import InputError
from core.exchange.crossings_csv import read_crossings_csv
from core.i18n import set_locale
from core.records.identity import Direction


def write(tmp_path: Path, text: str, name: str = "c.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_sorts_and_keeps_line_numbers(tmp_path: Path):
    path = write(tmp_path, "date,direction,time,port,note\n"
                           "2023-06-11,入境,,深圳湾,回\n"
                           "2023-06-10,出境,08:00,Shenzhen Bay,HK\n"
                           "2023-01-01,entry,,,\n")
    rows = read_crossings_csv(path)
    assert [r.line for r in rows] == [4, 3, 2]
    assert [r.crossing.direction for r in rows] == [Direction.ENTRY, Direction.EXIT, Direction.ENTRY]
    assert rows[1].crossing.time == dt.time(8, 0)
    assert rows[2].crossing.port == "深圳湾" and rows[2].crossing.note == "回"


def test_byte_order_mark_and_header_case_are_accepted(tmp_path: Path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffDate,Direction\n2023-01-01,EXIT\n".encode())
    assert read_crossings_csv(path)[0].crossing.direction is Direction.EXIT


def test_missing_header_column(tmp_path: Path):
    with pytest.raises(InputError) as err:
        read_crossings_csv(write(tmp_path, "day,direction\n2023-01-01,entry\n"))
    assert str(err.value) == f"{tmp_path / 'c.csv'}:1: Date (local China date): the header has no column 'date'"


@pytest.mark.parametrize("row,field,fragment", [
    ("2023-02-30,entry,", "date", "not a real date"),
    ("2023/02/01,entry,", "date", "expected YYYY-MM-DD"),
    ("2023-02-01,sideways,", "direction", "expected entry/exit"),
    ("2023-02-01,entry,25:00", "time", "not a real time"),
    ("2023-02-01,entry,8h", "time", "expected HH:MM"),
])
def test_bad_values_name_line_and_field(tmp_path: Path, row: str, field: str, fragment: str):
    path = write(tmp_path, f"date,direction,time\n2023-01-01,exit,\n{row}\n")
    with pytest.raises(InputError) as err:
        read_crossings_csv(path)
    (problem,) = err.value.problems
    assert (problem.source, problem.line, problem.field) == (str(path), 3, field)
    assert fragment in problem.message


def test_every_problem_is_reported(tmp_path: Path):
    path = write(tmp_path, "date,direction\n2023-13-01,entry\n2023-01-01,up\n")
    with pytest.raises(InputError) as err:
        read_crossings_csv(path)
    assert [(p.line, p.field) for p in err.value.problems] == [(2, "date"), (3, "direction")]


def test_two_in_the_same_direction_names_both_lines(tmp_path: Path):
    path = write(tmp_path, "date,direction\n2023-01-01,entry\n2023-03-01,exit\n2023-02-01,entry\n")
    with pytest.raises(InputError) as err:
        read_crossings_csv(path)
    (problem,) = err.value.problems
    assert problem.line == 4 and problem.field == "direction"
    assert "line 2 on 2023-01-01, line 4 on 2023-02-01" in problem.message


def test_unreadable_file(tmp_path: Path):
    with pytest.raises(InputError, match="cannot read file"):
        read_crossings_csv(tmp_path / "missing.csv")
    path = tmp_path / "latin1.csv"
    path.write_bytes("date,direction,note\n2023-01-01,entry,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="save the file as UTF-8"):
        read_crossings_csv(path)


@pytest.mark.parametrize("lang,direction,planned", [
    ("en", "expected entry/exit (入境/出境), got 'sideways'", "expected yes or no (是/否), got 'maybe'"),
    ("zh_CN", "应为“入境”或“出境”（entry/exit），实际为 'sideways'", "应为“是”或“否”（yes/no），实际为 'maybe'"),
])
def test_bad_direction_and_planned_read_in_the_interface_language(tmp_path: Path, lang: str, direction: str,
                                                                  planned: str):
    path = write(tmp_path, "date,direction,planned\n2023-01-01,sideways,\n2023-01-02,entry,maybe\n")
    set_locale(lang)
    try:
        with pytest.raises(InputError) as err:
            read_crossings_csv(path)
    finally:
        set_locale("en")
    assert [(p.line, p.field, p.message) for p in err.value.problems] == [(2, "direction", direction),
                                                                          (3, "planned", planned)]
