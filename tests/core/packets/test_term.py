"""Issue 10 §3: the residence term requested is the earliest of the work permit, the contract and the passport."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from core.packets.content import Severity
from core.packets.records.values import form_values
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id

KIM, CLAIRE = "金敏俊", "杜可蕾"


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def application(service: JuliuService, name: str, kind: str, **kw: object) -> tuple[dict[str, Any], list[str]]:
    who = person_id(service, name)
    prepared = service.packets.prepare(who, kind, today=TODAY, **kw)  # type: ignore[arg-type]
    values = form_values(prepared.plan.kind, prepared.plan.facts, service.packets.filing_records(who))
    return values["application"], [f"{f.severity}: {f.message.en}" for f in prepared.content.findings]


def test_the_work_permit_sets_the_term_and_is_extended_first(cases: JuliuService) -> None:
    """Shenzhen example: the passport runs to 2027-04-30, the work permit only to 2027-01-10."""
    values, findings = application(cases, KIM, "rp_work_renewal", permit_months=24)
    assert values["residence_until"] == dt.date(2027, 1, 10)
    assert "set by the work permit" in str(values["notes"])
    extend = [f for f in findings if "extend the work permit first" in f]
    assert len(extend) == 1 and extend[0].startswith(Severity.WARNING)
    assert "2026-11-26" in extend[0]  # 45 days before 2027-01-10: Shenzhen's lead time


def test_a_contract_ending_earlier_sets_the_term_and_no_extension_is_asked(cases: JuliuService) -> None:
    kim = person_id(cases, KIM)
    job = cases.records.list_employment(kim)[0]
    cases.records.save_employment(dataclasses.replace(job, end_date=dt.date(2026, 12, 31)))
    values, findings = application(cases, KIM, "rp_work_renewal", permit_months=24)
    assert values["residence_until"] == dt.date(2026, 12, 31)
    assert "employment contract" in str(values["notes"])
    assert not [f for f in findings if "extend the work permit first" in f]


def test_a_short_request_stands_when_nothing_ends_before_it(cases: JuliuService) -> None:
    values, findings = application(cases, KIM, "rp_work_renewal", permit_months=1)
    assert values["residence_until"] == dt.date(2026, 12, 22)
    assert "the term requested" in str(values["notes"])
