"""Issue 10 §4: blank required fields and timeline gaps are findings, and the form's row says "incomplete"."""
from __future__ import annotations

import datetime as dt

import pytest

from core.packets.completeness import form_gaps
from core.packets.content import ItemStatus, Severity
from core.packets.forms import load_form
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id

TAN = "陈伟明"


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def test_blank_required_fields_are_named_and_the_form_row_is_incomplete(cases: JuliuService) -> None:
    prepared = cases.packets.prepare(person_id(cases, TAN), "rp_work_renewal", today=TODAY)
    assert prepared.content.checklist is not None
    row = next(r for r in prepared.content.checklist.rows if r.key == "application_form")
    assert row.status is ItemStatus.INCOMPLETE and "出生地" in row.validity.zh and "Passport type" in row.validity.en
    blank = [f for f in prepared.content.findings
             if f.item_key == "application_form" and "Blank on the application form" in f.message.en]
    assert len(blank) == 1 and blank[0].severity is Severity.WARNING
    for field in ("Birth place", "Tel", "Contact person", "Passport type"):
        assert field in blank[0].message.en


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
