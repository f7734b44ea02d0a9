"""The slim deadline loader gives the same items as loading every person's whole record."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from bench.firm.generate import family_case
from core.deadlines import items as dl
from core.deadlines.config import DeadlineSettings, load_deadline_rules
from core.records.identity import ApplicantId, Crossing, Direction
from core.records.model import Citizenship, PersonProfile
from core.storage.repositories.case_store import CaseRepository
from core.storage.repositories.deadline_store import load_for_deadlines
from core.storage.repositories.record_repositories import ProfileRepository
from core.storage.repositories.repositories import ApplicantRepository, CrossingRepository
from core.storage.sqlite.db import open_database


@pytest.fixture
def firm(tmp_path: Path):  # type: ignore[no-untyped-def]
    conn = open_database(tmp_path / "juliu.sqlite3")
    rng = random.Random(7)
    for _ in range(40):
        CaseRepository(conn).insert(family_case(rng, dt.date(2026, 11, 29)))
    for a in ApplicantRepository(conn).list()[:6]:  # PR holders who were mostly abroad: PR presence items
        assert a.id is not None
        ProfileRepository(conn).save(PersonProfile(a.id, Citizenship.PR_HOLDER))
        crossings = CrossingRepository(conn)
        crossings.delete([c.id for c in crossings.list_for(a.id) if c.id is not None and c.date.year >= 2024])
        crossings.add_many(a.id, [Crossing(dt.date(2025, 5, 1), Direction.ENTRY),
                                  Crossing(dt.date(2025, 5, 20), Direction.EXIT)])
    yield conn
    conn.close()


@pytest.mark.parametrize("as_of", [dt.date(2026, 11, 29), dt.date(2025, 3, 1), dt.date(2026, 1, 1)])
def test_same_items_as_the_whole_records(firm, as_of: dt.date) -> None:  # type: ignore[no-untyped-def]
    rules, settings = load_deadline_rules(), DeadlineSettings()
    ids = [a.id for a in ApplicantRepository(firm).list() if a.id is not None]
    whole = dl.deadlines([CaseRepository(firm).load_person(i) for i in ids], as_of, rules, settings)
    slim_people = load_for_deadlines(firm, as_of)
    assert len(slim_people) == len(ids) > 40
    assert dl.deadlines(slim_people, as_of, rules, settings) == whole
    assert any(i.kind is dl.DeadlineKind.PR_PRESENCE for i in whole)
    assert sum(len(p.crossings) for p in slim_people) < sum(
        len(CaseRepository(firm).load_person(i).crossings) for i in ids) / 10


def test_only_the_given_applicants(firm) -> None:  # type: ignore[no-untyped-def]
    ids = [ApplicantId(a.id) for a in ApplicantRepository(firm).list() if a.id is not None][:3]
    people = load_for_deadlines(firm, dt.date(2026, 11, 29), [ids[2], ids[0]])
    assert [p.applicant.id for p in people] == sorted([ids[0], ids[2]])


def test_crossings_on_one_date_keep_their_order(firm) -> None:  # type: ignore[no-untyped-def]
    """An exit and a re-entry on the last date: the entry (stored second) is the last crossing."""
    a = ApplicantRepository(firm).list()[0]
    assert a.id is not None
    day = dt.date(2026, 11, 28)
    CrossingRepository(firm).add_many(a.id, [Crossing(day, Direction.EXIT), Crossing(day, Direction.ENTRY)])
    person = load_for_deadlines(firm, day, [a.id])[0]
    assert [c.direction for c in person.crossings][-2:] == [Direction.EXIT, Direction.ENTRY]
    rules, settings = load_deadline_rules(), DeadlineSettings()
    assert dl.person_deadlines(person, day, rules, settings) == dl.person_deadlines(
        CaseRepository(firm).load_person(a.id), day, rules, settings)
