"""`crossings import|export`: counts always reported, all or nothing, export round-trips into `presence`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.records.identity import Applicant
from tests.cli.test_cli import run
from tests.core.exchange.test_crossings_import import chinese_workbook
from tests.dbfile import open_as_cli, rows


@pytest.fixture
def applicant_id(data_dir: Path) -> int:
    service = open_as_cli(data_dir)
    saved = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明"))
    service.close()
    assert saved.id is not None
    return saved.id


def stored(data_dir: Path) -> list[tuple[object, ...]]:
    service = open_as_cli(data_dir)
    try:
        return rows(service, "SELECT date, time, direction, port, note, planned FROM crossing ORDER BY id")
    finally:
        service.close()


def crossings(data_dir: Path, applicant_id: int, *argv: str, capsys: pytest.CaptureFixture[str]):
    return run(["--data-dir", str(data_dir), "crossings", *argv, "--applicant", str(applicant_id)], capsys)


def test_import_xlsx_twice_then_export(data_dir: Path, applicant_id: int, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]):
    path = chinese_workbook(tmp_path / "记录.xlsx")
    code, out, err = crossings(data_dir, applicant_id, "import", str(path), "--json", capsys=capsys)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"file": str(path), "applicant": applicant_id, "read": 3, "accepted": 3,
                               "skipped": 0, "rejected": 0}
    code, out, _err = crossings(data_dir, applicant_id, "import", str(path), capsys=capsys)
    assert code == 0 and out.strip() == "Nothing new: all 3 rows are already stored (skipped 3)."
    assert len(stored(data_dir)) == 3
    target = tmp_path / "export.csv"
    code, out, _err = crossings(data_dir, applicant_id, "export", str(target), capsys=capsys)
    assert code == 0 and out.strip() == f"Wrote 3 crossings to {target}"
    assert target.read_text(encoding="utf-8").splitlines() == [
        "date,direction,time,port,note,planned",
        "2023-06-10,exit,08:00,深圳湾,香港出差,",
        "2023-06-11,entry,20:15,深圳湾,,",
        "2024-02-29,exit,07:05,首都机场,,"]
    code, out, _err = run(["presence", str(target), "--as-of", "2024-12-31", "--json"], capsys)
    assert code == 0 and json.loads(out)["absences"][0]["date_difference"] == 1


def test_failed_import_exits_2_and_changes_nothing(data_dir: Path, applicant_id: int, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "bad.csv"
    path.write_text("日期,出入境\n2024-06-20,出境\n2024-06-21,出境\n2024-07-01,入境\n", encoding="utf-8")
    code, out, err = crossings(data_dir, applicant_id, "import", str(path), capsys=capsys)
    assert code == 2 and out == ""
    assert f"{path}:3: Direction: two exit crossings in a row (line 2 on" in err
    assert "Nothing imported: 1 of 3 rows rejected (0 already stored)." in err
    assert stored(data_dir) == []


def test_map_option_for_unrecognised_headers(data_dir: Path, applicant_id: int, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "odd.csv"
    path.write_text("when,way,where\n2024-06-20,出,罗湖\n2024-06-21,入,罗湖\n", encoding="utf-8")
    code, _out, err = crossings(data_dir, applicant_id, "import", str(path), capsys=capsys)
    assert code == 2 and ":1: Date (local China date): no column chosen for this field" in err
    code, out, err = crossings(data_dir, applicant_id, "import", str(path), "--map", "date=when", "--map",
                               "direction=B", "--map", "port=where", capsys=capsys)
    assert (code, err) == (0, "") and "2 imported" in out
    assert stored(data_dir) == [("2024-06-20", None, "exit", "罗湖", "", 0),
                                ("2024-06-21", None, "entry", "罗湖", "", 0)]


def test_planned_flag_allows_future_rows(data_dir: Path, applicant_id: int, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "trip.csv"
    path.write_text("date,direction\n2027-01-01,exit\n2027-02-01,entry\n", encoding="utf-8")
    code, _out, err = crossings(data_dir, applicant_id, "import", str(path), capsys=capsys)
    assert code == 2 and "after today (2026-11-22)" in err
    code, _out, _err = crossings(data_dir, applicant_id, "import", str(path), "--planned", capsys=capsys)
    assert code == 0 and [row[-1] for row in stored(data_dir)] == [1, 1]


@pytest.mark.parametrize("argv,fragment", [
    (["import", "missing.csv"], "cannot read file"),
    (["import", "x.csv", "--map", "colour=A"], "expected FIELD=COLUMN"),
])
def test_bad_arguments_exit_2(data_dir: Path, applicant_id: int, capsys: pytest.CaptureFixture[str],
                              argv: list[str], fragment: str):
    code, out, err = crossings(data_dir, applicant_id, *argv, capsys=capsys)
    assert code == 2 and out == "" and fragment in err


def test_unknown_applicant(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    code, out, err = crossings(data_dir, 99, "export", str(tmp_path / "x.csv"), capsys=capsys)
    assert code == 2 and out == "" and "no applicant with id 99" in err
    assert not (tmp_path / "x.csv").exists()
