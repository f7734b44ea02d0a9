"""Forms as data: layout loaded and checked, values filled in with ticks and the form's date format."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from core.errors import InputError
from core.packets.forms import FORMS_DIR, fill_form, load_form
from core.ruledata.loader import RulesError


def _cells(form_id: str, values: dict[str, object]):  # type: ignore[no-untyped-def]
    filled = fill_form(load_form(form_id), values)
    return {(c.label.en, c.type): c for row in filled.rows for c in row.cells}


def test_replica_fills_text_dates_and_ticks() -> None:
    cells = _cells("visa_document_application", {
        "applicant": {"family_name": "WANG", "sex": "F", "birth_date": dt.date(1988, 3, 14)},
        "passport.expiry_date": "2031-05-01", "application.residence_type": "work",
        "application.changes": ["passport", "address"],
    })
    assert cells[("Surname", "text")].value == "WANG"
    assert cells[("Date of birth (Y/M/D)", "text")].value == "1988/03/14"
    sex = cells[("Sex", "choice")].options
    assert [(o.label.zh, o.checked) for o in sex] == [("男", False), ("女", True)]
    kinds = {o.label.en: o.checked for o in cells[("Type", "choice")].options}
    assert kinds == {"Employee": True, "Student": False, "Journalist": False, "Family reunion": False,
                     "Personal affair": False}
    changed = {o.label.en for o in cells[("Items changed", "choice")].options if o.checked}
    assert changed == {"Passport No.", "Address"}


def test_unknown_choice_names_the_value_path() -> None:
    with pytest.raises(InputError) as raised:
        fill_form(load_form("visa_document_application"), {"applicant.sex": "X"})
    problem = raised.value.problems[0]
    assert problem.field == "applicant.sex" and "'X' is not an option" in problem.message
    assert problem.source.endswith("visa_document_application.toml")


def test_prep_sheet_tables_keep_partial_dates_and_pad_to_minimum_rows() -> None:
    filled = fill_form(load_form("pr_application_prep"), {"resume": [
        {"from": "2006-09", "to": "2010-06", "place": "英国 伦敦 UCL", "position": "学生 Student"}]})
    tables = [c for row in filled.rows for c in row.cells if c.type == "table"]
    resume = next(t for t in tables if t.columns[-1].en == "Position or status")
    assert resume.rows[0] == ("2006-09", "2010-06", "英国 伦敦 UCL", "学生 Student")
    assert len(resume.rows) == 5 and resume.rows[1] == ("", "", "", "")
    assert [c.en for c in resume.columns] == ["From", "To", "Country, city and employer or school",
                                              "Position or status"]
    notice = fill_form(load_form("pr_application_prep"), {}).notice
    assert "not the official form" in notice.en and "并非官方表格" in notice.zh


def test_a_row_whose_spans_do_not_fill_the_grid_names_file_and_key(tmp_path: Path) -> None:
    directory = tmp_path / "forms"
    shutil.copytree(FORMS_DIR, directory)
    path = directory / "visa_document_application.toml"
    phone = 'source = "applicant.phone", required = true, span = {} }}'
    path.write_text(path.read_text(encoding="utf-8").replace(phone.format(6), phone.format(5), 1), encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        load_form("visa_document_application", directory)
    assert raised.value.path == str(path) and raised.value.key == "rows[2].cells"
    assert "add up to 18, expected 19" in raised.value.problem
