"""Packet kinds as data: which items a filing needs, per kind, city and facts (DOMAIN §1.7, §2, §3, §5, §7.4)."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import InputError
from core.packets.kinds.layers import load_templates
from core.packets.plan import plan_packet
from core.packets.records.facts import PacketFacts, age_on
from core.ruledata.loader import Settings, load_setting_defs

FILING = dt.date(2026, 12, 1)
KINDS = {"rp_work_renewal", "rp_family_renewal", "wp_extension", "pr_salary_tax", "pr_position", "pr_spouse",
         "pr_child", "pr_elderly", "pr_card_renewal", "rp_work_first", "rp_personal_affairs", "rp_passport_change",
         "pr_dependant"}


def facts(kind: str, **kw: object) -> PacketFacts:
    values: dict[str, object] = {"age": 40, "permit_months": 24, "ncr_countries": ("GBR",)} | kw
    return PacketFacts(kind=kind, filing_date=FILING, **values)  # type: ignore[arg-type]


def applicable(kind: str, **kw: object) -> set[str]:
    return {item.key for item in plan_packet(facts(kind, **kw)).applicable}


def test_every_kind_loads_nationally_and_for_each_city() -> None:
    templates = load_templates()
    assert set(templates.national) == KINDS
    assert set(templates.cities) == {"beijing", "shanghai", "guangzhou", "shenzhen"}
    for kind in KINDS:
        for city in ("", *templates.cities):
            layered = templates.kind(kind, city)
            assert layered.items and all(rule.sources for rule in layered.items)
            names = [rule.name for rule in layered.items]
            assert all(n.zh and n.en for n in names), kind


@pytest.mark.parametrize("kind,kw,item,expected", [
    # A spouse-route packet lists the marriage certificate (MPS-spouse).
    ("pr_spouse", {}, "marriage_certificate", True),
    ("pr_spouse", {"marriage_registered_abroad": True}, "legalisation", True),
    ("pr_spouse", {"marriage_registered_abroad": False}, "legalisation", False),
    ("pr_spouse", {"sponsor_is_chinese": True}, "hukou", True),
    ("pr_spouse", {"sponsor_is_chinese": True}, "pr_card", False),
    ("pr_spouse", {"sponsor_is_chinese": False}, "pr_card", True),
    ("pr_salary_tax", {}, "marriage_certificate", False),
    # Work-RP renewal: medical check for a permit over one year, ages 18-70 (BJ-RP item 4).
    ("rp_work_renewal", {"age": 71}, "medical_verification", False),
    ("rp_work_renewal", {"age": 70}, "medical_verification", True),
    ("rp_work_renewal", {"age": 18}, "medical_verification", True),
    ("rp_work_renewal", {"age": 17}, "medical_verification", False),
    ("rp_work_renewal", {"permit_months": 12}, "medical_verification", False),
    ("rp_work_renewal", {"permit_months": 13}, "medical_verification", True),
    ("rp_work_renewal", {"medical_given_for_work_permit": True}, "medical_verification", False),
    ("rp_family_renewal", {"age": 71}, "medical_verification", False),
    ("rp_family_renewal", {"relationship": "spouse", "same_family_as_before": False}, "marriage_certificate",
     True),
    ("rp_family_renewal", {"relationship": "spouse"}, "marriage_certificate", False),
    ("rp_family_renewal", {"relationship": "child", "same_family_as_before": False}, "birth_certificate", True),
    ("pr_salary_tax", {"employer_is_fie": True}, "fie_certificate", True),
    ("pr_salary_tax", {}, "fie_certificate", False),
    ("pr_salary_tax", {"foreign_documents": False}, "translation", False),
    ("wp_extension", {"wp_category": "A"}, "category_a_evidence", True),
    ("wp_extension", {"wp_category": "B"}, "category_a_evidence", False),
    ("pr_elderly", {}, "no_relatives_abroad", True),
    ("pr_card_renewal", {}, "photo_receipt", True),
])
def test_conditions_of_each_kind(kind: str, kw: dict[str, object], item: str, expected: bool) -> None:
    assert (item in applicable(kind, **kw)) is expected


def test_an_ncr_for_each_country_lived_in_two_consecutive_years() -> None:
    plan = plan_packet(facts("pr_salary_tax", ncr_countries=("GBR", "FRA")))
    ncr = [item for item in plan.items if item.item == "ncr"]
    assert [(i.key, i.applies) for i in ncr] == [("ncr:GBR", True), ("ncr:FRA", True)]
    assert ncr[1].name.zh == "无犯罪记录证明（FRA）" and ncr[1].name.en.endswith("(FRA)")
    assert ncr[0].issued_within_months == 6
    nobody = plan_packet(facts("pr_salary_tax", ncr_countries=()))
    assert not nobody.item("ncr").applies and "ncr_countries" in nobody.item("ncr").reason.en


def test_not_applicable_items_say_which_condition_decided() -> None:
    item = plan_packet(facts("rp_work_renewal", age=71)).item("medical_verification")
    assert not item.applies and "18 <= age <= 70" in item.reason.en


def test_city_variants_change_photo_specs_and_copies() -> None:
    def photo(city: str, kind: str = "pr_salary_tax") -> tuple[int, str, str]:
        spec = plan_packet(facts(kind, city=city)).item("photos").photo
        assert spec is not None
        return spec.count, spec.size, spec.background.en

    assert photo("") == (4, "二寸 2-inch", "")
    assert photo("beijing") == (2, "二寸 2-inch", "white")
    assert photo("beijing", "pr_spouse") == (2, "二寸 2-inch", "white or light blue")
    assert photo("guangzhou") == photo("shenzhen") == (4, "48×33 mm", "blue")
    assert photo("shanghai") == photo("")
    beijing = applicable("pr_salary_tax", city="beijing")
    assert {"photo_cd", "employer_recommendation"} <= beijing
    assert not {"photo_cd", "employer_recommendation"} & applicable("pr_salary_tax")
    guangzhou = plan_packet(facts("pr_spouse", city="guangzhou"))
    assert guangzhou.item("passport").copies == 3 and guangzhou.item("photos").copies == 0
    assert "cv" in {i.key for i in guangzhou.applicable}
    assert any("triplicate" in n.en for n in guangzhou.notes)


def test_beijing_wants_the_ncr_and_its_apostille_within_six_months() -> None:
    ncr = plan_packet(facts("pr_salary_tax", city="beijing")).item("ncr:GBR")
    assert (ncr.issued_within_months, ncr.legalised_within_months) == (6, 6)
    assert [s.source for s in ncr.sources] == ["CD-PSB", "BJ-6x"]
    assert plan_packet(facts("pr_salary_tax")).item("ncr:GBR").legalised_within_months is None


def test_beijing_third_party_home_needs_the_owners_consent() -> None:
    assert "owner_consent" in applicable("pr_spouse", city="beijing", home="third_party")
    assert "owner_consent" not in applicable("pr_spouse", city="beijing", home="leased")


def test_shanghai_deposit_is_a_setting_and_the_note_says_the_value_used() -> None:
    livelihood = plan_packet(facts("pr_spouse", city="shanghai")).item("livelihood")
    assert any("RMB 200,000" in n.en for n in livelihood.notes)
    assert any(s.confidence == "L" for s in livelihood.sources)
    settings = Settings(load_setting_defs()).with_value("shanghai_spouse_deposit_cny", 300000)
    changed = plan_packet(facts("pr_spouse", city="shanghai"), settings=settings).item("livelihood")
    assert any("300,000元" in n.zh for n in changed.notes)


def test_shenzhen_work_permit_extension_over_sixty_needs_a_guarantee_letter() -> None:
    assert "guarantee_letter" in applicable("wp_extension", city="shenzhen", age=61)
    assert "guarantee_letter" not in applicable("wp_extension", city="shenzhen", age=60)
    assert "guarantee_letter" not in applicable("wp_extension", age=61)
    plan = plan_packet(facts("wp_extension", city="shenzhen"))
    assert any("45" in n.en for n in plan.notes)


def test_unknown_kind_or_city_is_bad_input() -> None:
    with pytest.raises(InputError, match="unknown packet kind"):
        plan_packet(facts("pr_investor"))
    with pytest.raises(InputError, match="no city layer 'hangzhou'"):
        plan_packet(facts("pr_spouse", city="hangzhou"))


@pytest.mark.parametrize("birth,day,age", [
    (dt.date(2008, 5, 1), dt.date(2026, 4, 30), 17),  # DOMAIN case 21
    (dt.date(2008, 5, 1), dt.date(2026, 5, 1), 18),
    (dt.date(2000, 2, 29), dt.date(2021, 2, 28), 20),
    (dt.date(2000, 2, 29), dt.date(2021, 3, 1), 21),
])
def test_age_on_the_filing_date(birth: dt.date, day: dt.date, age: int) -> None:
    assert age_on(birth, day) == age


def test_items_say_which_document_records_serve_them() -> None:
    plan = plan_packet(facts("pr_spouse", city="beijing", marriage_registered_abroad=True))
    assert plan.item("ncr:GBR").records == ("no_criminal_record",)
    assert plan.item("legalisation").records == ("apostille", "legalisation")
    assert plan.item("housing").records == ("lease", "property_certificate")
    assert plan.item("photos").records == ()  # ticked by hand
    assert plan.kind.route == "pr-spouse"  # the eligibility route id of core.eligibility
