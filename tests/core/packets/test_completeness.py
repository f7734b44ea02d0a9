"""Issue 10 §4: blank required fields and timeline gaps are findings, and the form's row says "incomplete"."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.packets.completeness import form_gaps
from core.packets.content import FormCell, ItemStatus, Severity
from core.packets.forms import load_form
from core.records.background import PersonDetails
from core.services.facade import JuliuService
from core.services.packets import PreparedPacket
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id

TAN = "陈伟明"


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def _cells(prepared: PreparedPacket, form_id: str) -> dict[str, FormCell]:
    form = next(f for f in prepared.content.forms if f.form_id == form_id)
    cells: dict[str, FormCell] = {}
    for row in form.rows:
        for cell in row.cells:
            cells.setdefault(cell.label.en, cell)  # the first of a label (the agent's "Tel" comes last)
    return cells


def test_the_records_fill_the_replica_and_its_row_is_ready(cases: JuliuService) -> None:
    prepared = cases.packets.prepare(person_id(cases, TAN), "rp_work_renewal", today=TODAY)
    cells = _cells(prepared, "visa_document_application")
    assert cells["Birth place"].value == "SINGAPORE" and cells["Tel"].value == "+86 138 1046 2217"
    assert cells["Contact person & tel."].value == "Lim Hui Min 林慧敏（配偶 Spouse） +65 9123 4567"
    assert [o.label.en for o in cells["Passport type"].options if o.checked] == ["Ordinary"]
    assert prepared.content.checklist is not None
    row = next(r for r in prepared.content.checklist.rows if r.key == "application_form")
    assert row.status is ItemStatus.HAVE
    assert not [f for f in prepared.content.findings
                if f.item_key == "application_form" and f.severity is not Severity.INFO]


def test_blank_required_fields_are_named_and_the_form_row_is_incomplete(cases: JuliuService) -> None:
    tan = person_id(cases, TAN)
    cases.personal.save_details(PersonDetails(tan))  # birth place, phone and contact cleared
    passport = cases.list_passports(tan)[0]
    cases.save_passport(dataclasses.replace(passport, passport_type=None))
    prepared = cases.packets.prepare(tan, "rp_work_renewal", today=TODAY)
    assert prepared.content.checklist is not None
    row = next(r for r in prepared.content.checklist.rows if r.key == "application_form")
    assert row.status is ItemStatus.INCOMPLETE and "出生地" in row.validity.zh and "Passport type" in row.validity.en
    blank = [f for f in prepared.content.findings
             if f.item_key == "application_form" and "Blank on the application form" in f.message.en]
    assert len(blank) == 1 and blank[0].severity is Severity.WARNING
    for field in ("Birth place", "Tel", "Contact person", "Passport type"):
        assert field in blank[0].message.en


def test_the_pr_sheet_reads_the_recorded_resume_and_residence_history(cases: JuliuService) -> None:
    tan = person_id(cases, TAN)
    prepared = cases.packets.prepare(tan, "pr_salary_tax", today=TODAY, filing_date=dt.date(2026, 1, 15))
    gaps = [f for f in prepared.content.findings if f.item_key == "pr_application_form"
            and ("continuous" in f.message.en or "Blank" in f.message.en)]
    assert not gaps, [f.message.en for f in gaps]
    cells = _cells(prepared, "pr_application_prep")
    assert cells["Marital status"].options[1].checked  # married, as recorded
    resume = next(c for c in cells.values() if c.type == "table" and c.rows and "Singapore Armed Forces" in
                  " ".join(c.rows[0]))
    assert resume.rows[0][:2] == ("2002-03", "2004-03") and any("Beijing Yunqi" in r[2] for r in resume.rows)
    # a seven-year hole in the resume and a residence history that starts three years after the first entry
    for period in cases.personal.list_resume(tan):
        if period.start_date and dt.date(2008, 7, 1) <= period.start_date <= dt.date(2012, 8, 1):
            assert period.id is not None
            cases.personal.delete_resume(period.id)
    for place in cases.personal.list_residence(tan):
        if place.start_date and place.start_date < dt.date(2022, 4, 16):
            assert place.id is not None
            cases.personal.delete_residence(place.id)
    again = cases.packets.prepare(tan, "pr_salary_tax", today=TODAY, filing_date=dt.date(2026, 1, 15))
    texts = [f.message.en for f in again.content.findings if f.item_key == "pr_application_form"]
    assert any("Resume not continuous: a gap from 2008-06 to 2019-06 (133 months)" in t for t in texts), texts
    assert any("Residence history not continuous: nothing from 2019-07 to 2022-03 (33 months)" in t
               for t in texts), texts
    assert again.content.checklist is not None
    row = next(r for r in again.content.checklist.rows if r.key == "pr_application_form")
    assert row.status is ItemStatus.INCOMPLETE and row.validity.en.startswith("incomplete")


def test_a_resume_hole_and_a_late_residence_history_name_the_months() -> None:
    form = load_form("pr_application_prep")
    values = {
        "applicant": {"family_name": "TAN", "birth_date": dt.date(1984, 3, 17), "birth_place": "Singapore",
                      "nationality": "Singapore", "marital_status": "married", "address": "Beijing",
                      "phone": "138", "first_entry": dt.date(2016, 5, 2)},
        "passport": {"number": "K1"},
        "resume": [{"from": "2002-03", "to": "2008-06"}, {"from": "2015-09", "to": "至今 now"}],
        "residence": [{"from": "2019-07-01", "to": "至今 now"}],
    }
    gaps = form_gaps(form, values, dt.date(2026, 11, 22))
    assert gaps is not None and gaps.item == "pr_application_form"
    texts = [f.message.en for f in gaps.findings]
    assert any("2008-07 to 2015-08 (86 months)" in t for t in texts)  # a seven-year hole
    assert any("nothing from 2016-05 to 2019-06 (38 months)" in t for t in texts)  # starts 3 years after entry
    values["resume"] = [{"from": "", "to": "2008-06"}, {"from": "2008-07", "to": "至今 now"}]
    values["residence"] = [{"from": "2016-05-02", "to": "至今 now"}]
    again = form_gaps(form, values, dt.date(2026, 11, 22))
    assert again is not None and any("nothing from 2002-03 to 2008-06" in f.message.en for f in again.findings)
    values["resume"] = [{"from": "2002-03", "to": "至今 now"}]
    assert form_gaps(form, values, dt.date(2026, 11, 22)) is None


def test_a_period_without_a_start_date_is_named_and_a_child_needs_no_resume() -> None:
    form = load_form("pr_application_prep")
    values = {"applicant": {"family_name": "T", "birth_date": dt.date(1984, 3, 17), "birth_place": "X",
                            "nationality": "X", "marital_status": "single", "address": "X", "phone": "1"},
              "passport": {"number": "K1"},
              "resume": [{"from": "", "to": "2004-06"}, {"from": "2002-03", "to": "至今 now"}]}
    gaps = form_gaps(form, values, dt.date(2026, 11, 22))
    assert gaps is not None and [f.message.en for f in gaps.findings] == [
        "Resume not continuous: the period ending 2004-06 has no start date"]
    child = {**values, "applicant": {**values["applicant"], "birth_date": dt.date(2019, 5, 12)}, "resume": []}
    assert form_gaps(form, child, dt.date(2026, 11, 22)) is None
