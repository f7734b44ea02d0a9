"""`presence` JSON contract of issue 3: rolling, absences, tax_years, projections; bad input exits 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run

HISTORY = ("date,direction,time,port\n"
           "2024-08-01,entry,,\n"  # unsorted on purpose
           "2018-12-01,entry,,PEK\n"
           "2022-07-01,exit,09:00,PEK\n"
           "2022-08-15,entry,18:00,PEK\n"
           "2024-07-01,exit,,\n"
           "2026-11-01,exit,,深圳湾\n")


def write(tmp_path: Path, text: str, name: str = "c.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_full_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = write(tmp_path, HISTORY)
    code, out, err = run(["presence", str(path), "--as-of", "2026-11-22", "--window-end", "2025-06-30",
                          "--windows", "2", "--json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["as_of", "years", "rolling", "absences", "tax_years"]
    assert data["rolling"] == [
        {"start": "2024-07-01", "end": "2025-06-30", "calendar_days": 335, "full_days": 333},
        {"start": "2023-07-01", "end": "2024-06-30", "calendar_days": 366, "full_days": 366}]
    assert data["absences"] == [
        {"exit": "2022-07-01", "entry": "2022-08-15", "full_days_outside": 44, "date_difference": 45},
        {"exit": "2024-07-01", "entry": "2024-08-01", "full_days_outside": 30, "date_difference": 31},
        {"exit": "2026-11-01", "entry": None, "full_days_outside": 21, "date_difference": 22}]
    years = {t["year"]: t for t in data["tax_years"]}
    assert list(years) == [y["year"] for y in data["years"]] == list(range(2018, 2027))
    assert years[2023] == {"year": 2023, "full_days": 365, "resident": True, "longest_absence_full_days": 0,
                           "six_year": {"qualifies": True, "consecutive": 1, "worldwide_taxable": False,
                                        "borderline": False, "note": ""}}
    assert years[2022]["longest_absence_full_days"] == 44 and not years[2022]["six_year"]["qualifies"]
    six_2024 = years[2024]["six_year"]
    assert (six_2024["qualifies"], six_2024["consecutive"], six_2024["borderline"]) == (True, 2, True)
    assert "31 days by date difference" in six_2024["note"]
    assert years[2026]["longest_absence_full_days"] == 21


def test_no_rolling_key_without_window_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    code, out, _err = run(["presence", str(write(tmp_path, HISTORY)), "--as-of", "2026-11-22", "--json"], capsys)
    assert code == 0
    assert list(json.loads(out)) == ["as_of", "years", "absences", "tax_years"]


def test_planned_rows_in_the_file_do_not_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = write(tmp_path, "date,direction,planned\n2026-01-01,entry,\n2026-12-01,exit,yes\n")
    code, out, _err = run(["presence", str(path), "--as-of", "2026-12-31", "--json"], capsys)
    assert code == 0 and json.loads(out)["years"] == [{"year": 2026, "calendar_days": 365, "full_days": 364}]


def test_projection_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    recorded = write(tmp_path, "date,direction\n2020-01-01,entry\n2025-01-10,exit\n")
    planned = write(tmp_path, "date,direction\n2027-01-01,入境\n", "planned.csv")
    code, out, err = run(["presence", str(recorded), "--planned", str(planned), "--as-of", "2026-11-22",
                          "--project", "rolling:1:calendar>=183,full>=183", "--json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["condition", "first_date", "reason"]
    assert (data["condition"], data["first_date"]) == ("rolling:1:calendar>=183,full>=183", "2027-07-03")
    code, out, _err = run(["presence", str(recorded), "--as-of", "2026-11-22", "--project", "rolling:1:full>=1",
                           "--within-years", "2", "--json"], capsys)
    assert code == 0 and json.loads(out)["first_date"] is None
    assert "not within 2 years of 2026-11-22" in json.loads(out)["reason"]


@pytest.mark.parametrize("condition,fragment", [
    ("rolling:4:calender>=183", "'calender'"),
    ("rolled:4:calendar>=183", "'rolled'"),
    ("rolling:x:calendar>=183", "'x'"),
    ("rolling:4:calendar>=7m", "'7m'"),
])
def test_bad_condition_exit_2_names_the_part(tmp_path: Path, capsys: pytest.CaptureFixture[str], condition: str,
                                             fragment: str):
    code, out, err = run(["presence", str(write(tmp_path, HISTORY)), "--project", condition, "--json"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("--project: Condition 条件:") and fragment in err


def test_planned_file_out_of_sequence_names_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    recorded = write(tmp_path, "date,direction\n2020-01-01,entry\n2025-01-10,exit\n")
    planned = write(tmp_path, "date,direction\n2027-01-01,exit\n", "planned.csv")
    code, out, err = run(["presence", str(recorded), "--planned", str(planned), "--project", "rolling:1:full>=1"],
                         capsys)
    assert code == 2 and out == ""
    assert f"{planned}:2: Direction: two exit crossings in a row ({recorded}:3 on 2025-01-10" in err


@pytest.mark.parametrize("argv,fragment", [
    (["--windows", "3"], "--windows: needs --window-end"),
    (["--window-end", "2025-02-30"], "YYYY-MM-DD"),
    (["--window-end", "2025-06-30", "--windows", "0"], "from 1 to 50"),
])
def test_bad_options_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str):
    code, out, err = run(["presence", str(write(tmp_path, HISTORY)), *argv], capsys)
    assert code == 2 and out == "" and fragment in err


def test_text_output_names_the_conventions(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    code, out, _err = run(["presence", str(write(tmp_path, HISTORY)), "--as-of", "2026-11-22", "--window-end",
                           "2025-06-30"], capsys)
    assert code == 0
    assert "2024-07-01  2024-08-01       30                 31" in out
    assert "departures measured as full days" in out and "(still outside)" in out
