"""One use case, one transaction: a failure midway leaves the database exactly as it was (compared as a dump).

The failure is real: a trigger the test adds makes the database (SQLite or PostgreSQL) refuse one table's INSERT,
as a full disk or a constraint would, after other rows of the same use case were already written.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from core.records.identity import Applicant, Crossing, Direction, Passport
from core.records.model import Relation
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.dbfile import dump, refuse_inserts_into, scalar

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "cases"


def principal_with_records(service: JuliuService) -> Applicant:
    a = service.save_applicant(Applicant("Wang", "Lei", "王磊", nationality="CAN"))
    assert a.id is not None
    service.save_passport(Passport(a.id, "P1234567", "CAN", None, TODAY.replace(year=TODAY.year + 5)))
    service.add_crossings(a.id, [Crossing(TODAY.replace(month=1, day=3), Direction.ENTRY)])
    return a


def test_add_dependant_that_fails_at_the_profile_leaves_no_person_behind(service: JuliuService) -> None:
    principal = principal_with_records(service)
    assert principal.id is not None
    refused = refuse_inserts_into(service, "person_profile")
    before = dump(service)
    with pytest.raises(refused, match="refused by the test"):
        service.records.add_dependant(principal.id, Applicant("Wang", "Xiaoming", "王小明"), Relation.CHILD)
    assert dump(service) == before
    assert [a.family_name for a in service.list_applicants()] == ["Wang"]


@pytest.mark.parametrize("table", ["passport", "attachment", "crossing", "filing"])
def test_a_case_import_that_fails_midway_leaves_the_database_as_it_was(service: JuliuService, table: str) -> None:
    principal_with_records(service)
    service.records.import_case(EXAMPLES / "shenzhen-work-permit-renewal.json")  # ids and sequences in use
    refused = refuse_inserts_into(service, table)
    before = dump(service)
    with pytest.raises(refused, match="refused by the test"):
        service.records.import_case(EXAMPLES / "shanghai-family.json")
    assert dump(service) == before
    assert len(service.list_applicants()) == 2


def test_the_use_case_commits_once_and_a_later_one_still_works(service: JuliuService) -> None:
    principal = principal_with_records(service)
    assert principal.id is not None
    child = service.records.add_dependant(principal.id, Applicant("Wang", "Xiaoming", "王小明"), Relation.CHILD)
    assert [a.id for a, _p in service.records.family(principal.id)] == [principal.id, child.id]
    assert scalar(service, "SELECT count(*) FROM person_profile") == 1  # committed: another connection sees it
