"""The Greater Bay Area "talent" residence-permit route (DOMAIN §1.4, ZS, M; rules/routes/68_pr_gba_talent_rp.toml):
a work-type residence permit annotated 人才 on the filing date and 3 consecutive years of work, in the 9 Guangdong
GBA cities only; from stored records the annotation is the permit's notes (人才)."""
from __future__ import annotations

import dataclasses

import pytest

from core.eligibility.engine import evaluate
from core.eligibility.facts import ApplicantFacts, Employment
from core.eligibility.results import Verdict
from core.records.model import DocumentKind
from core.services.facade import JuliuService
from tests.core.eligibility.helpers import D, settings, shipped_book
from tests.core.packet_cases import import_cases, person_id

ROUTE = "pr-gba-talent-rp"
FILING = D("2025-07-01")


def worker(since: str = "2021-03-01", **changes: object) -> ApplicantFacts:
    base = ApplicantFacts(id="t", city="深圳 Shenzhen", talent_rp=True,
                          employment=(Employment(D(since), None, employer="Qianhai Robotics"),))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def verdict(facts: ApplicantFacts) -> tuple[Verdict, dict[str, Verdict]]:
    (r,) = evaluate(facts, FILING, shipped_book(), settings(), [ROUTE])
    return r.verdict, {c.id: c.verdict for c in r.criteria}


def test_the_route_carries_its_source_cities_and_dates():
    route = next(r for r in shipped_book().routes.routes if r.id == ROUTE)
    assert (route.provenance.source, route.provenance.confidence, route.provenance.effective_from) == \
        ("ZS", "M", "2018-10-01")
    assert {"Shenzhen", "深圳", "Zhaoqing", "肇庆"} <= set(route.cities) and "Beijing" not in route.cities


@pytest.mark.parametrize("facts,expected,criterion,row", [
    (worker(), Verdict.MET, "work_3_years", Verdict.MET),
    (worker(since="2023-01-01"), Verdict.NOT_MET, "work_3_years", Verdict.NOT_MET),  # 2.5 years of work
    (worker(talent_rp=None), Verdict.UNKNOWN, "talent_rp", Verdict.UNKNOWN),  # the annotation not recorded
    (worker(talent_rp=False), Verdict.NOT_MET, "talent_rp", Verdict.NOT_MET),
    (worker(city="Beijing"), Verdict.NOT_MET, "locality", Verdict.NOT_MET),  # not a GBA city
])
def test_talent_permit_three_years_and_the_gba_cities(facts, expected, criterion, row):
    got, rows = verdict(facts)
    assert got is expected and rows[criterion] is row


def test_a_worker_short_of_three_years_gets_an_earliest_date():
    (r,) = evaluate(worker(since="2023-01-01"), FILING, shipped_book(), settings(), [ROUTE])
    assert r.earliest_date == D("2025-12-31") and r.earliest_verdict is Verdict.MET  # 3 years from 1 Jan 2023


def test_the_annotation_is_read_from_the_residence_permit_notes(service: JuliuService):
    import_cases(service)
    kim = person_id(service, "金敏俊")  # Shenzhen, work-type residence permit
    day = D("2026-11-22")

    def talent() -> bool | None:
        return service.eligibility.facts(kim, day).facts.talent_rp

    assert talent() is None  # a work-type permit without the remark: not recorded
    permit = next(d for d in service.records.list_documents(kim) if d.kind is DocumentKind.RESIDENCE_PERMIT
                  and d.subtype == "work" and (d.expiry_date is None or d.expiry_date >= day))
    service.records.save_document(dataclasses.replace(permit, notes="备注：人才"))
    assert talent() is True
    report = service.eligibility.assess(kim, day)
    assert any(r.route == ROUTE for r in report.routes)
