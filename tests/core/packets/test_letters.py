"""Issue 10 §7: letters as data, filled from the records, with the places to sign and seal; and the officer's
filing order as data (§6)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.packets.audiences import officer_set
from core.packets.content import ItemStatus
from core.packets.filing.letters import BLANK, load_letters
from core.packets.filing.order import filing_order, in_filing_order, load_filing_orders
from core.packets.kinds.templates import TEMPLATES_DIR
from core.records.background import PersonDetails
from core.ruledata.loader import RulesError
from core.services.facade import JuliuService
from tests.core.packet_cases import person_id
from tests.core.packets.test_records import (
    KIM,
    KIM_PR_FILING,
    LEO,
    TAN,
    cases,
    extend_kims_work_permit,
    prepare,
    rows,
)

__all__ = ["cases"]  # the fixture, used by name
HANZI = tuple(chr(c) for c in range(0x4E00, 0x9FFF))


def test_every_letter_prints_chinese_with_english_beneath_and_a_place_to_sign() -> None:
    letters = {letter.id: letter for letter in load_letters()}
    assert set(letters) == {"submission_letter", "employer_verification", "employer_recommendation"}
    for letter in letters.values():
        for paragraph in letter.paragraphs:
            assert any(ch in paragraph.text.zh for ch in HANZI) and paragraph.text.en, letter.id
        types = {mark.type for mark in letter.marks}
        assert "signature" in types and "date" in types
    assert {m.type for m in letters["employer_verification"].marks} >= {"seal"}
    assert [m.label.en for m in letters["employer_verification"].marks if m.type == "seal"] == ["Company seal here"]


def test_letters_are_filled_from_the_records(cases: JuliuService) -> None:
    prepared = prepare(cases, KIM, "rp_work_renewal")
    letters = {letter.item: letter for letter in prepared.content.letters}
    assert set(letters) == {"submission_letter", "employer_verification"}
    employer = letters["employer_verification"]
    text = "\n".join(f"{p.zh}\n{p.en}" for p in employer.paragraphs)
    for expected in ("金敏俊（KIM Minjun）", "韩国国籍", "M73019425", "2024年01月15日", "15 January 2024",
                     "440300202401000877", "2027年01月10日", "深圳市海岸线电子有限公司", "91440300MA5G2RTK8X",
                     "硬件工程师", "currently as Hardware Engineer", "工作类居留许可延期"):
        assert expected in text, expected
    assert employer.to.zh == "深圳市公安局出入境管理部门："
    submission = letters["submission_letter"]
    assert [m.label.zh for m in submission.marks] == ["申请人签名", "日期"]
    assert "+86 186 8821 3470" in submission.paragraphs[3].zh and submission.blanks == 0  # the recorded phone
    assert list(rows(prepared))[0] == "submission_letter"
    cases.personal.save_details(PersonDetails(person_id(cases, KIM)))  # no phone recorded: written by hand
    prepared = prepare(cases, KIM, "rp_work_renewal")
    submission = next(letter for letter in prepared.content.letters if letter.item == "submission_letter")
    assert BLANK in submission.paragraphs[3].zh and submission.blanks == 1
    table = rows(prepared)
    assert table["submission_letter"].status is ItemStatus.INCOMPLETE and table["submission_letter"].copies == 0
    assert list(table)[0] == "submission_letter"
    # the employer's letter is missing (a blocker) until the sealed one is recorded, and its row says it is ready
    assert table["employer_verification"].status is ItemStatus.MISSING
    assert "sign and seal" in table["employer_verification"].validity.en


def test_a_childs_letter_has_the_guardians_signature(cases: JuliuService) -> None:
    prepared = prepare(cases, LEO, "rp_family_renewal")
    submission = next(letter for letter in prepared.content.letters if letter.item == "submission_letter")
    assert [m.label.zh for m in submission.marks] == ["监护人签名", "日期"]


def test_the_recommendation_letter_comes_where_the_route_asks_for_it(cases: JuliuService) -> None:
    with_record = prepare(cases, TAN, "pr_salary_tax")  # Beijing asks for it; TAN's is recorded: no template
    assert "employer_recommendation" in rows(with_record)
    assert "employer_recommendation" not in {letter.item for letter in with_record.content.letters}
    national = prepare(cases, TAN, "pr_salary_tax", city="")  # the national list does not ask for it
    assert "employer_recommendation" not in rows(national)
    # KIM first entered on 2024-01-15: the salary route is offered from 2027-01-15, when 3 years have passed (#10)
    extend_kims_work_permit(cases)
    kim = prepare(cases, KIM, "pr_salary_tax", city="beijing", filing_date=KIM_PR_FILING)
    letter = next(x for x in kim.content.letters if x.item == "employer_recommendation")
    assert max(letter.lines) >= 5 and any(m.type == "seal" for m in letter.marks)  # room for the reasons


def test_the_officer_set_follows_the_kinds_filing_order(cases: JuliuService) -> None:
    content = officer_set(prepare(cases, KIM, "rp_work_renewal").content)
    order = filing_order("rp_work_renewal")
    assert content.checklist is not None
    keys = [row.key for row in content.checklist.rows]
    listed = [k for k in keys if k in order]
    assert listed == sorted(listed, key=order.index) and keys[:3] == ["submission_letter", "passport",
                                                                       "application_form"]
    attached = [a.key for a in content.attachments]
    assert attached == [k for k in keys if k in attached]  # attachments in the same order as the rows
    assert all(letter.notice.zh == "" for letter in content.letters)  # no instructions on the officer's copies


def test_filing_order_sorts_listed_items_first_and_keeps_the_rest_in_place() -> None:
    things = ["cv", "ncr:GBR", "passport", "degree", "ncr:FRA", "photos"]
    assert in_filing_order(things, str, ("photos", "passport", "ncr")) == [
        "photos", "passport", "ncr:GBR", "ncr:FRA", "cv", "degree"]
    assert set(load_filing_orders()) >= {"default", "rp_work_renewal", "pr_salary_tax"}
    assert filing_order("pr_card_renewal") == load_filing_orders()["default"][0]


def _copy_templates(tmp_path: Path) -> Path:
    shutil.copy(TEMPLATES_DIR / "items.toml", tmp_path / "items.toml")
    shutil.copytree(TEMPLATES_DIR / "letters", tmp_path / "letters")
    return tmp_path / "letters"


@pytest.mark.parametrize("change,where", [
    (("item = \"employer_verification\"", "item = \"employer_verificaton\""), "letter.item"),
    (("en = \"Company seal here\"", "colour = \"red\""), "marks[0].colour"),
    (("type = \"seal\"", "type = \"stamp\""), "marks[0].type"),
    (("en = \"We confirm that the above is true.\"", "en = \"\""), "paragraphs[2]"),
])
def test_a_broken_letter_names_its_file_and_key(tmp_path: Path, change: tuple[str, str], where: str) -> None:
    folder = _copy_templates(tmp_path)
    path = folder / "employer_verification.toml"
    if where == "paragraphs[2]":
        path = folder / "employer_recommendation.toml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(RulesError) as error:
        load_letters(folder)
    assert error.value.path == str(path) and error.value.key.startswith(where)


def test_a_filing_order_naming_an_unknown_item_is_refused(tmp_path: Path) -> None:
    shutil.copy(TEMPLATES_DIR / "items.toml", tmp_path / "items.toml")
    path = tmp_path / "filing_order.toml"
    path.write_text('[default]\norder = ["passport", "pasport"]\nsource = "BJ-RP"\nconfidence = "M"\n',
                    encoding="utf-8")
    with pytest.raises(RulesError, match="pasport"):
        load_filing_orders(path)
