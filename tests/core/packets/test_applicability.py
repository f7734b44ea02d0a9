"""Issue 10 §2: each kind says when it applies (data in templates/kinds); one that does not refuses with the reason."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.packets.kinds.layers import load_templates
from core.packets.kinds.templates import load_catalogue, load_kind, setting_keys
from core.packets.plan import refusals
from core.packets.records.facts import PacketFacts
from core.ruledata.loader import RulesError
from core.services.facade import JuliuService
from core.services.packets import KindRefused
from tests.cli.test_cli import run
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id

TAN, CLAIRE, LEO, ZHANG, KIM = "陈伟明", "杜可蕾", "张乐", "张伟", "金敏俊"
FILING = dt.date(2026, 12, 1)


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def reasons(kind: str, **facts: object) -> list[str]:
    template = load_templates().national[kind]
    return [r.reason.en for r in refusals(template, PacketFacts(kind=kind, filing_date=FILING, **facts))]  # type: ignore[arg-type]


def test_every_kind_declares_when_it_applies() -> None:
    for kind in load_templates().national.values():
        assert kind.applies, kind.id
        assert all(rule.provenance.source for rule in kind.applies)


def test_conditions_on_nationality_age_and_permits_held() -> None:
    worker = {"age": 40, "permits_held": ("rp_work", "work_permit")}
    assert reasons("rp_work_renewal", **worker) == []
    assert any("Chinese citizen" in r for r in reasons("rp_work_renewal", **worker, citizenship="chinese_citizen"))
    assert any("Under 18" in r for r in reasons("wp_extension", age=6, permits_held=("work_permit",)))
    assert any("Under 60" in r for r in reasons("pr_elderly", age=6, relationship="parent",
                                                 sponsor_is_chinese=True))
    # the order: a work permit before the work-type residence permit
    assert any("work permit comes first" in r for r in reasons("rp_work_renewal", age=40, permits_held=("rp_work",)))
    assert any("already a permanent resident" in r for r in reasons("pr_salary_tax", age=40,
                                                                      permits_held=("work_permit", "pr_card")))


def test_a_kind_that_does_not_apply_refuses_with_its_reasons(cases: JuliuService) -> None:
    refused = cases.packets.applicability(person_id(cases, ZHANG), TODAY)  # a Chinese citizen
    assert all(refused.values())
    leo = cases.packets.applicability(person_id(cases, LEO), TODAY)  # aged 7, Chinese father
    assert not leo["pr_child"] and not leo["rp_family_renewal"]
    assert leo["wp_extension"] and leo["pr_elderly"] and leo["rp_work_renewal"]
    with pytest.raises(KindRefused) as error:
        cases.packets.prepare(person_id(cases, ZHANG), "rp_work_renewal", today=TODAY)
    assert "Chinese citizen" in str(error.value)
    tan = cases.packets.applicability(person_id(cases, TAN), TODAY)
    assert not tan["rp_work_renewal"] and not tan["pr_salary_tax"] and tan["pr_spouse"]


def test_the_cli_exits_2_naming_the_reason(cases: JuliuService, data_dir: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.pdf"
    code, _, err = run(["--data-dir", str(data_dir), "packet", "--applicant", str(person_id(cases, LEO)),
                        "--kind", "wp_extension", "--out", str(out)], capsys)
    assert code == 2 and not out.exists()
    assert "Under 18" in err


def test_an_applies_rule_without_a_condition_is_named(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(Path("templates/items.toml"))
    bad = tmp_path / "x.toml"
    bad.write_text('[kind]\nzh="x"\nen="x"\ngroup="rp"\nroute=""\nforms=[]\nsource="EEAL"\nconfidence="H"\n'
                   'effective_from=""\n[[applies]]\nzh="a"\nen="b"\nsource="EEAL"\nconfidence="H"\n')
    with pytest.raises(RulesError, match=r"applies\[0\]\.when"):
        load_kind(bad, catalogue, setting_keys())


def test_a_pr_route_whose_years_in_china_plainly_fall_short_is_refused() -> None:
    """#10: 3 years' residence in the last 4 (position), 4 years of 6 months (salary), 5 years of 9 months (spouse)
    cannot be met when the first recorded entry is more recent than that; unknown (-1) refuses nothing."""
    worker = {"age": 40, "permits_held": ("work_permit", "rp_work")}
    for kind, short, enough in (("pr_position", 2, 3), ("pr_salary_tax", 2, 3)):
        assert any("less than 3 years" in r for r in reasons(kind, **worker, years_since_first_entry=short)), kind
        assert reasons(kind, **worker, years_since_first_entry=enough) == [], kind
        assert reasons(kind, **worker, years_since_first_entry=-1) == [], kind
    spouse = {"age": 40, "relationship": "spouse", "sponsor_is_chinese": True}
    assert any("less than 4 years" in r for r in reasons("pr_spouse", **spouse, years_since_first_entry=3))
    assert reasons("pr_spouse", **spouse, years_since_first_entry=4) == []


def test_a_worker_who_arrived_weeks_ago_is_not_offered_the_pr_work_routes(cases: JuliuService) -> None:
    """The Guangzhou example: Marco Rossi entered on 2026-11-20 with a Z visa and a work permit."""
    marco = person_id(cases, "罗马可")
    offered = cases.packets.applicability(marco, TODAY)
    for kind in ("pr_position", "pr_salary_tax"):
        assert any("first recorded entry is less than 3 years" in r.reason.en for r in offered[kind]), offered[kind]
        assert any("不足3年" in r.reason.zh for r in offered[kind])
    assert not offered["rp_work_renewal"] or all("less than" not in r.reason.en for r in offered["rp_work_renewal"])
    with pytest.raises(KindRefused) as error:
        cases.packets.prepare(marco, "pr_salary_tax", today=TODAY)
    assert "less than 3 years" in str(error.value)
    tan = cases.packets.applicability(person_id(cases, TAN), TODAY)  # in China since 2020: not refused for years
    assert all("first recorded entry" not in r.reason.en for r in tan["pr_salary_tax"])


def test_the_cli_refuses_the_pr_position_packet_of_a_new_arrival(cases: JuliuService, data_dir: Path,
                                                                   tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "p.pdf"
    code, _, err = run(["--data-dir", str(data_dir), "packet", "--applicant", str(person_id(cases, "罗马可")),
                        "--kind", "pr_position", "--out", str(out)], capsys)
    assert code == 2 and not out.exists()
    assert "first recorded entry is less than 3 years" in err and "不足3年" in err
