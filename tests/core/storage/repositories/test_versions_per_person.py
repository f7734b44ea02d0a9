"""No lost update on the records the window edits beyond the person and the passport (issue 13): family status,
personal details and qualifications (one row per person), investments, recommendation letters, resume and
residence periods. Two sessions with their own connections on one SQLite file, or on the firm database on the
PostgreSQL pass (`make test-postgresql`): a save or a delete from an older version is refused, nothing is written."""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import ConflictError
from core.records.background import MaritalStatus, PersonDetails, ResidencePeriod, ResumePeriod
from core.records.identity import Applicant
from core.records.model import Citizenship, PersonProfile, Relation
from core.records.qualifications import (
    Investment,
    Qualifications,
    Recommendation,
    RecommendationPurpose,
    Recommender,
)
from core.services.facade import JuliuService
from tests.dbfile import side_connection


@pytest.fixture
def second(data_dir: Path, service: JuliuService) -> Iterator[JuliuService]:
    """Another staff member's session on the same store (file or firm database): its own connection."""
    other = JuliuService.open_url(service.url) if service.url else JuliuService.open(data_dir, daily_backup=False)
    yield other
    other.close()


def _person(service: JuliuService) -> Applicant:
    person = service.save_applicant(Applicant("Park", "Jiwoo"))
    assert person.id is not None
    return person


def _stored(service: JuliuService, sql: str) -> tuple[object, ...]:
    with side_connection(service) as conn:
        return tuple(conn.execute(sql).fetchone())


def test_family_status_details_and_qualifications_refuse_a_stale_save(
        service: JuliuService, second: JuliuService) -> None:
    principal = _person(service)
    spouse = service.records.add_dependant(ApplicantIdOf(principal), Applicant("Park", "Minji"), Relation.SPOUSE)
    assert spouse.id is not None
    service.personal.save_details(PersonDetails(spouse.id, birth_place="Seoul"))
    service.qualifications.save(Qualifications(spouse.id, experience_years=3))
    cases: list[tuple[str, Callable[[JuliuService], object], Callable[[JuliuService, object, str], object]]] = [
        ("person_profile", lambda s: s.records.profile(spouse.id),  # type: ignore[arg-type]
         lambda s, r, v: s.records.save_profile(dataclasses.replace(
             r, married_on=dt.date(2020, 1, 1) if v == "theirs" else dt.date(2021, 2, 2)))),  # type: ignore[type-var]
        ("person_details", lambda s: s.personal.details(spouse.id),  # type: ignore[arg-type]
         lambda s, r, v: s.personal.save_details(dataclasses.replace(
             r, phone="+86 10 1111" if v == "theirs" else "+86 21 2222"))),  # type: ignore[type-var]
        ("qualifications", lambda s: s.qualifications.get(spouse.id),  # type: ignore[arg-type]
         lambda s, r, v: s.qualifications.save(dataclasses.replace(
             r, hsk_level=4 if v == "theirs" else 5))),  # type: ignore[type-var]
    ]
    for table, load, save in cases:
        mine, theirs = load(service), load(second)
        assert getattr(mine, "version") >= 1  # noqa: B009
        saved = save(second, theirs, "theirs")
        assert getattr(saved, "version") == getattr(theirs, "version") + 1  # noqa: B009
        before = _stored(service, f"SELECT * FROM {table} WHERE applicant_id = {spouse.id}")
        with pytest.raises(ConflictError) as caught:
            save(service, mine, "mine")
        err = caught.value
        assert err.table == table and err.record_id == spouse.id and err.stored_version == getattr(saved, "version")  # noqa: B009
        assert err.stored == saved and err.who and err.at  # the colleague's version, and who saved it when
        assert _stored(service, f"SELECT * FROM {table} WHERE applicant_id = {spouse.id}") == before  # nothing written
        # Overwrite knowingly: from the version the conflict named.
        again = save(service, dataclasses.replace(mine, version=err.stored_version), "mine")  # type: ignore[type-var]
        assert getattr(again, "version") == getattr(saved, "version") + 1  # noqa: B009
        assert load(second) == again
    assert service.records.profile(spouse.id).married_on == dt.date(2021, 2, 2)
    assert service.personal.details(spouse.id).phone == "+86 21 2222"
    assert service.qualifications.get(spouse.id).hsk_level == 5


def ApplicantIdOf(person: Applicant):  # noqa: N802, ANN201 - a short name in the tests above
    assert person.id is not None
    return person.id


def test_a_first_row_is_created_and_an_unchanged_save_keeps_its_version(service: JuliuService) -> None:
    person = _person(service)
    assert person.id is not None
    details = service.personal.details(person.id)
    assert details.version == 0  # no row yet
    first = service.personal.save_details(dataclasses.replace(details, marital_status=MaritalStatus.SINGLE))
    assert first.version == 1
    assert service.personal.save_details(first).version == 1  # nothing changed: no new version
    q = service.qualifications.save(Qualifications(person.id, hsk_level=3))
    assert q.version == 1 and service.qualifications.get(person.id).version == 1
    profile = service.records.save_profile(PersonProfile(person.id, Citizenship.PR_HOLDER))
    assert service.records.profile(person.id) == profile and profile.version >= 1


def test_list_records_refuse_a_stale_save_and_a_stale_delete(service: JuliuService, second: JuliuService) -> None:
    person = _person(service)
    assert person.id is not None
    pid = person.id
    investment = service.qualifications.save_investment(Investment(pid, Decimal("500000"), dt.date(2020, 1, 1)))
    letter = service.qualifications.save_recommendation(
        Recommendation(pid, Recommender.NATIONAL_AUTHORITY, RecommendationPurpose.HIGH_LEVEL_TALENT, issuer="MOST"))
    resume = service.personal.save_resume(ResumePeriod(pid, "Samsung", start_date=dt.date(2010, 1, 1)))
    residence = service.personal.save_residence(ResidencePeriod(pid, "Seoul", dt.date(2000, 1, 1)))
    records: list[tuple[object, Callable[[JuliuService, object], object], Callable[[JuliuService, int, int], None]]] = [
        (investment, lambda s, r: s.qualifications.save_investment(r),  # type: ignore[arg-type]
         lambda s, i, v: s.qualifications.delete("investment", i, v)),
        (letter, lambda s, r: s.qualifications.save_recommendation(r),  # type: ignore[arg-type]
         lambda s, i, v: s.qualifications.delete("recommendation", i, v)),
        (resume, lambda s, r: s.personal.save_resume(r),  # type: ignore[arg-type]
         lambda s, i, v: s.personal.delete_resume(i, v)),  # type: ignore[arg-type]
        (residence, lambda s, r: s.personal.save_residence(r),  # type: ignore[arg-type]
         lambda s, i, v: s.personal.delete_residence(i, v)),  # type: ignore[arg-type]
    ]
    for record, save, delete in records:
        assert getattr(record, "version") == 1  # noqa: B009
        field = "notes" if isinstance(record, Investment | Recommendation) else (
            "position" if isinstance(record, ResumePeriod) else "country")
        theirs = save(second, dataclasses.replace(record, **{field: "KOR"}))  # type: ignore[type-var]
        with pytest.raises(ConflictError) as caught:
            save(service, dataclasses.replace(record, **{field: "JPN"}))  # type: ignore[type-var]
        assert caught.value.stored == theirs and caught.value.stored_version == 2
        record_id = int(getattr(record, "id"))  # noqa: B009
        with pytest.raises(ConflictError):  # deleting what the user saw at version 1 would drop theirs unseen
            delete(service, record_id, 1)
        delete(service, record_id, 2)
    assert service.qualifications.list_investments(pid) == [] and service.personal.list_resume(pid) == []
    assert service.qualifications.list_recommendations(pid) == [] and service.personal.list_residence(pid) == []


def _race(loaded: list[tuple[JuliuService, PersonDetails]], phone: str) -> list[object]:
    """Each session saves its loaded copy with another phone at the same moment: what each one got back."""
    start = threading.Barrier(len(loaded))
    outcome: list[object] = [None] * len(loaded)

    def save(i: int) -> None:
        svc, base = loaded[i]
        start.wait()
        try:
            outcome[i] = svc.personal.save_details(dataclasses.replace(base, phone=f"{phone}{i}"))
        except ConflictError as exc:
            outcome[i] = exc

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(loaded))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcome


def test_two_sessions_saving_a_persons_details_at_once_one_wins_the_other_is_told(
        service: JuliuService, second: JuliuService) -> None:
    person = _person(service)
    assert person.id is not None
    pid = person.id
    service.personal.save_details(PersonDetails(pid, phone="+86 0000"))
    for round_ in range(10):
        outcome = _race([(s, s.personal.details(pid)) for s in (service, second)], f"+86 21 {round_}00 000")
        saved = [o for o in outcome if isinstance(o, PersonDetails)]
        refused = [o for o in outcome if isinstance(o, ConflictError)]
        assert len(saved) == 1 and len(refused) == 1, outcome
        assert _stored(service, f"SELECT phone FROM person_details WHERE applicant_id = {pid}") == (saved[0].phone,)
