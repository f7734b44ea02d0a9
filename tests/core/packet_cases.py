"""The example cases imported into a real database, and lookups of their people by Chinese name."""
from __future__ import annotations

from pathlib import Path

from core.records.identity import Applicant, ApplicantId
from core.services.facade import JuliuService

CASES = Path(__file__).resolve().parents[2] / "examples" / "cases"


def import_cases(service: JuliuService) -> None:
    for path in sorted(CASES.glob("*.json")):
        service.records.import_case(path)


def person(service: JuliuService, chinese_name: str) -> Applicant:
    return next(a for a in service.list_applicants() if a.chinese_name == chinese_name)


def person_id(service: JuliuService, chinese_name: str) -> ApplicantId:
    found = person(service, chinese_name).id
    assert found is not None
    return found
