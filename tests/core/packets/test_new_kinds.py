"""Issue 10 §10: the first work permit after a Z visa, the personal-affairs permit for a worker's family, the change
after a new passport, and PR for a spouse and children with the principal; adult-only items and guardians (§2)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from core.errors import InputError
from core.packets.audiences import Audience, for_audience
from core.packets.content import ItemStatus, Severity
from core.packets.forms import MINOR, fill_form, load_form
from core.packets.kinds.layers import load_templates
from core.packets.plan import plan_packet, refusals
from core.packets.records.facts import PacketFacts
from core.packets.records.values import form_values
from core.services.facade import JuliuService
from core.services.packets import KindRefused, PreparedPacket
from tests.cli.test_cli import run
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id

MARCO, GIULIA, LUCA, SOFIA = "罗马可", "罗朱莉", "罗卢卡", "罗索菲"  # Guangzhou: entered 2026-11-20 on Z / S1 visas
BENNETT = "班奥利"  # Beijing: new passport 2026-11-24, the work permit in the old one
LIM, CHUA, KAI = "林俊豪", "蔡慧敏", "林凯轩"  # Beijing: PR principal, his wife and son (11) applying with him
ARRIVALS, CHANGE, PR_DAY = dt.date(2026, 12, 8), dt.date(2026, 12, 2), dt.date(2027, 1, 15)
NEW_KINDS = ("rp_work_first", "rp_personal_affairs", "rp_passport_change", "pr_dependant")


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def prepare(service: JuliuService, name: str, kind: str, day: dt.date) -> PreparedPacket:
    return service.packets.prepare(person_id(service, name), kind, today=TODAY, filing_date=day)


def offered(service: JuliuService, name: str, day: dt.date) -> set[str]:
    refused = service.packets.applicability(person_id(service, name), day)
    return {k for k in NEW_KINDS if not refused[k]}


def reasons(kind: str, **facts: object) -> list[str]:
    template = load_templates().national[kind]
    return [r.reason.en for r in refusals(template, PacketFacts(kind=kind, filing_date=ARRIVALS, **facts))]  # type: ignore[arg-type]


def rows(prepared: PreparedPacket) -> dict[str, Any]:
    assert prepared.content.checklist is not None
    return {r.key: r for r in prepared.content.checklist.rows}


def messages(prepared: PreparedPacket) -> list[str]:
    return [f"{f.severity}: {f.message.en}" for f in prepared.content.findings]


def test_each_example_person_is_offered_the_new_kind_that_fits_them(cases: JuliuService) -> None:
    assert offered(cases, MARCO, ARRIVALS) == {"rp_work_first"}
    for dependant in (GIULIA, LUCA, SOFIA):
        assert offered(cases, dependant, ARRIVALS) == {"rp_personal_affairs"}
    assert offered(cases, BENNETT, CHANGE) == {"rp_passport_change"}
    assert offered(cases, CHUA, PR_DAY) == offered(cases, KAI, PR_DAY) == {"pr_dependant"}
    assert offered(cases, LIM, PR_DAY) == set()  # the principal files his own route


def test_the_reasons_come_from_the_kinds_data(cases: JuliuService) -> None:
    luca = cases.packets.applicability(person_id(cases, LUCA), ARRIVALS)
    assert "Under 18" in luca["rp_work_first"][0].reason.en
    marco = cases.packets.applicability(person_id(cases, MARCO), ARRIVALS)
    assert "not recorded as the spouse or child" in marco["rp_personal_affairs"][0].reason.en
    assert "nothing to change" in marco["rp_passport_change"][0].reason.en
    bennett = cases.packets.applicability(person_id(cases, BENNETT), CHANGE)
    assert "renew it instead" in bennett["rp_work_first"][0].reason.en
    lim = cases.packets.applicability(person_id(cases, LIM), PR_DAY)
    assert "not recorded as the principal's spouse or child" in lim["pr_dependant"][0].reason.en
    with pytest.raises(KindRefused) as error:
        prepare(cases, GIULIA, "rp_work_first", ARRIVALS)
    assert "not on a Z visa" in str(error.value)


@pytest.mark.parametrize(("kind", "facts", "reason"), [
    ("rp_work_first", {"age": 30, "entry_visa": "S1", "permits_held": ("work_permit",)}, "not on a Z visa"),
    ("rp_work_first", {"age": 30, "entry_visa": "Z", "permits_held": ()}, "work permit comes first"),
    ("rp_work_first", {"age": 30, "entry_visa": "Z", "permits_held": ("work_permit",),
                       "citizenship": "pr_holder"}, "permanent resident"),
    ("rp_personal_affairs", {"age": 19, "entry_visa": "S1", "dependant": True, "relationship": "child",
                             "family_permits_held": ("work_permit",)}, "18 or older"),
    ("rp_personal_affairs", {"age": 30, "entry_visa": "S1", "dependant": True, "relationship": "spouse",
                             "family_permits_held": ()}, "holds no valid work-type residence permit"),
    ("rp_personal_affairs", {"age": 30, "entry_visa": "S1", "dependant": True, "relationship": "spouse",
                             "sponsor_is_chinese": True, "family_permits_held": ("work_permit",)},
     "family-reunion permit"),
    ("rp_passport_change", {"age": 30, "permits_held": ("rp_work",)}, "recorded in the newest passport"),
    ("rp_passport_change", {"age": 30, "passport_changed": True}, "nothing to change"),
    ("pr_dependant", {"age": 18, "dependant": True, "relationship": "child",
                      "family_filings": ("pr_application",)}, "18 or older"),
    ("pr_dependant", {"age": 30, "dependant": True, "relationship": "spouse"}, "no permanent-residence application"),
    ("pr_dependant", {"age": 30, "dependant": True, "relationship": "parent",
                      "family_filings": ("pr_application",)}, "not recorded as the principal's spouse"),
])
def test_a_condition_that_fails_refuses_with_its_reason(kind: str, facts: dict[str, object], reason: str) -> None:
    assert any(reason in r for r in reasons(kind, **facts)), reasons(kind, **facts)


@pytest.mark.parametrize(("kind", "facts"), [
    ("rp_work_first", {"age": 30, "entry_visa": "Z", "permits_held": ("work_permit", "visa_work")}),
    ("rp_personal_affairs", {"age": 8, "entry_visa": "S1", "dependant": True, "relationship": "child",
                             "family_permits_held": ("work_permit",)}),
    ("rp_passport_change", {"age": 30, "permits_held": ("rp_family_reunion",), "passport_changed": True}),
    ("pr_dependant", {"age": 17, "dependant": True, "relationship": "child", "family_filings": ("pr_application",)}),
])
def test_the_kind_applies_when_every_condition_holds(kind: str, facts: dict[str, object]) -> None:
    assert reasons(kind, **facts) == []


def test_a_first_work_permit_runs_to_the_work_permit_and_is_filed_within_30_days_of_entry(
        cases: JuliuService) -> None:
    prepared = prepare(cases, MARCO, "rp_work_first", ARRIVALS)
    values = form_values(prepared.plan.kind, prepared.plan.facts, cases.packets.filing_records(
        person_id(cases, MARCO)))
    assert values["application"]["residence_until"] == dt.date(2028, 11, 26)  # the work permit, before the contract
    assert prepared.plan.facts.permit_months == 23 and not prepared.plan.facts.term_requested
    found = messages(prepared)
    assert "info: File by 2026-12-20 (within 30 days of entry on 2026-11-20)" in found
    assert not [f for f in found if "extend the work permit first" in f or "No requested term" in f]
    form = prepared.content.forms[0]
    ticked = {o.label.en for row in form.rows for cell in row.cells for o in cell.options if o.checked}
    assert "Employee" in ticked and not {"Renew", "Reissue"} & ticked  # a first permit: no renewal box
    assert rows(prepared)["visa"].status is ItemStatus.HAVE


def test_a_late_filing_is_a_warning_naming_the_last_day(cases: JuliuService) -> None:
    on_time = messages(prepare(cases, BENNETT, "rp_passport_change", CHANGE))
    assert "info: File by 2026-12-04 (within 10 days of the new passport's issue on 2026-11-24)" in on_time
    late = messages(prepare(cases, BENNETT, "rp_passport_change", dt.date(2026, 12, 8)))
    assert any(f.startswith("warning: The filing date is 4 days after the last day, 2026-12-04") for f in late)


def test_the_passport_change_ticks_the_passport_and_keeps_the_permits_term(cases: JuliuService) -> None:
    prepared = prepare(cases, BENNETT, "rp_passport_change", CHANGE)
    by_key = rows(prepared)
    assert by_key["passport"].document_number == "147720593"  # the new passport
    assert by_key["residence_permit"].document_number == "Y110105250087"
    assert by_key["old_passport"].status is ItemStatus.MISSING  # brought by hand: a "to prepare" warning
    form = prepared.content.forms[0]
    ticked = {o.label.en for row in form.rows for cell in row.cells for o in cell.options if o.checked}
    assert "Passport No." in ticked and "Residence permit" in ticked and "Renew" not in ticked
    assert any("Term to 2027-03-14, set by the residence permit held" in f for f in messages(prepared))


def test_a_childs_papers_never_borrow_a_parents_certificate_and_a_guardian_signs(cases: JuliuService) -> None:
    child = prepare(cases, KAI, "pr_dependant", PR_DAY)
    ncr = rows(child)["ncr:SGP"]
    assert ncr.status is ItemStatus.MISSING and not ncr.required  # the father's SGP certificate is not the son's
    minor = [f for f in child.content.findings if f.item_key == "ncr:SGP"]
    assert [f.severity for f in minor] == [Severity.WARNING]
    assert "Certificate of No Criminal Record" in minor[0].message.en
    assert any("under 18" in n.en for n in ncr.notes)
    labels = {c.label.en for form in child.content.forms for row in form.rows for c in row.cells
              if c.type == "signature"}
    assert "Guardian's signature" in labels and "Applicant's signature" not in labels
    assert [line.value for line in child.content.applicant if line.label.en == "Filed with the principal"] == [
        "林俊豪 LIM Jun Hao"]
    wife = prepare(cases, CHUA, "pr_dependant", PR_DAY)
    assert rows(wife)["ncr:SGP"].required and rows(wife)["ncr:SGP"].status is ItemStatus.HAVE
    assert rows(wife)["marriage_certificate"].status is ItemStatus.HAVE
    assert not [f for f in wife.content.findings if f.severity is Severity.BLOCKER]


def test_the_adult_age_is_a_setting(cases: JuliuService) -> None:
    plan = plan_packet(PacketFacts(kind="pr_dependant", filing_date=PR_DAY, age=16, adult=False,
                                   ncr_countries=("SGP",)))
    assert not plan.item("ncr:SGP").required
    assert "under 18" in plan.item("ncr:SGP").notes[-1].en
    adult = plan_packet(PacketFacts(kind="pr_dependant", filing_date=PR_DAY, age=16, ncr_countries=("SGP",)))
    assert adult.item("ncr:SGP").required
    cases.set_setting("packet_adult_age", 11)  # DOMAIN open question 17: the user may change the threshold
    son = prepare(cases, KAI, "pr_dependant", PR_DAY)
    assert son.plan.facts.adult and rows(son)["ncr:SGP"].required
    assert [f.severity for f in son.content.findings if f.item_key == "ncr:SGP"] == [Severity.BLOCKER]


def test_a_signature_cell_names_the_guardian_for_a_minor() -> None:
    form = load_form("visa_document_application")
    labels = [c.label.zh for row in fill_form(form, {MINOR: True}).rows for c in row.cells if c.type == "signature"]
    assert "监护人签字" in labels and "申请人签字" not in labels
    labels = [c.label.zh for row in fill_form(form, {MINOR: False}).rows for c in row.cells if c.type == "signature"]
    assert "申请人签字" in labels and "监护人签字" not in labels


def test_the_cli_refuses_a_new_kind_that_does_not_apply(cases: JuliuService, data_dir: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.pdf"
    code, _, err = run(["--data-dir", str(data_dir), "packet", "--applicant", str(person_id(cases, SOFIA)),
                        "--kind", "rp_work_first", "--as-of", ARRIVALS.isoformat(), "--out", str(out)], capsys)
    assert code == 2 and not out.exists()
    assert "Under 18" in err and "未满18周岁" in err
    code, _, err = run(["--data-dir", str(data_dir), "packet", "--applicant", str(person_id(cases, LIM)),
                        "--kind", "pr_dependant", "--as-of", PR_DAY.isoformat(), "--out", str(out)], capsys)
    assert code == 2 and "principal's spouse or child" in err and "Traceback" not in err


def test_the_officer_set_leaves_out_a_minors_certificate_not_held(cases: JuliuService) -> None:
    child = prepare(cases, KAI, "pr_dependant", PR_DAY).content
    officer = for_audience(child, Audience.OFFICER)
    assert officer.checklist is not None and child.checklist is not None
    assert "ncr:SGP" in {r.key for r in child.checklist.rows}
    assert "ncr:SGP" not in {r.key for r in officer.checklist.rows}
    assert "birth_certificate" in {r.key for r in officer.checklist.rows}


def test_the_change_ticks_the_type_of_the_permit_held(cases: JuliuService) -> None:
    form = prepare(cases, BENNETT, "rp_passport_change", CHANGE).content.forms[0]
    ticked = {o.label.en for row in form.rows for cell in row.cells for o in cell.options if o.checked}
    assert "Employee" in ticked and "Personal affair" not in ticked


def test_a_childs_resume_from_18_is_not_a_gap(cases: JuliuService) -> None:
    child = messages(prepare(cases, KAI, "pr_dependant", PR_DAY))
    assert not [f for f in child if "Resume" in f]
    assert not [f for f in messages(prepare(cases, CHUA, "pr_dependant", PR_DAY)) if "Resume" in f]  # recorded
    for period in cases.personal.list_resume(person_id(cases, CHUA)):  # an adult's resume is checked: none, a gap
        assert period.id is not None
        cases.personal.delete_resume(period.id)
    assert [f for f in messages(prepare(cases, CHUA, "pr_dependant", PR_DAY)) if "Resume not continuous" in f]


def test_a_family_files_together_principal_spouse_then_children(cases: JuliuService) -> None:
    members = cases.packets.family(person_id(cases, MARCO), "rp_work_first", today=TODAY, filing_date=ARRIVALS)
    assert [(m.relation, m.kind) for m in members] == [
        ("principal", "rp_work_first"), ("spouse", "rp_personal_affairs"), ("child", "rp_personal_affairs"),
        ("child", "rp_personal_affairs")]
    assert [m.name.split()[-1] for m in members] == [MARCO, GIULIA, SOFIA, LUCA]  # children eldest first
    assert all(m.prepared is not None and not m.refusals for m in members)


def test_a_member_the_family_kind_does_not_fit_is_listed_with_the_reason(service: JuliuService,
                                                                          tmp_path: Path) -> None:
    case = json.loads(Path("examples/cases/guangzhou-new-arrivals.json").read_text(encoding="utf-8"))
    case["dependants"][2]["birth_date"] = "2006-09-01"  # Sofia is 20: not a minor child any more
    changed = tmp_path / "family.json"
    changed.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    ids = service.records.import_case(changed)
    members = service.packets.family(ids[0], "rp_work_first", today=TODAY, filing_date=ARRIVALS)
    sofia = next(m for m in members if SOFIA in m.name)
    assert sofia.prepared is None and "18 or older" in sofia.refusals[0].reason.en
    with pytest.raises(InputError) as error:
        service.packets.family(ids[1], "rp_personal_affairs", today=TODAY, filing_date=ARRIVALS)
    assert "--family" in str(error.value)



def test_the_officer_takes_the_visa_after_the_passport_and_the_old_passport_with_the_new(cases: JuliuService) -> None:
    first = for_audience(prepare(cases, MARCO, "rp_work_first", ARRIVALS).content, Audience.OFFICER)
    assert first.checklist is not None
    keys = [r.key for r in first.checklist.rows]
    assert keys.index("visa") == keys.index("passport") + 1 < keys.index("application_form"), keys
    change = for_audience(prepare(cases, BENNETT, "rp_passport_change", CHANGE).content, Audience.OFFICER)
    assert change.checklist is not None
    keys = [r.key for r in change.checklist.rows]
    assert keys.index("old_passport") == keys.index("passport") + 1
