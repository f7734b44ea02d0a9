"""One Relation, grandparent storable: the profile table is rebuilt (migration relation_grandparent) with its
rows, its checks and its history kept; a grandparent joins the family and the elderly route judges the tie."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from core.eligibility import facts as f
from core.eligibility.results import Verdict
from core.packets.records.from_records import relation_to
from core.packets.records.values import RELATION_TEXT
from core.records.identity import Applicant
from core.records.model import Citizenship, PersonProfile, Relation
from core.services.facade import JuliuService
from core.storage.sqlite.db import DB_FILENAME, MIGRATIONS_DIR, migrations, open_database

BEFORE = "relation_grandparent"


def store_before_the_rebuild(tmp_path: Path) -> Path:
    """A store at the schema just before the rebuild, holding a principal and a spouse married in 2019."""
    old = tmp_path / "old"
    old.mkdir()
    for _n, script in migrations():
        if BEFORE in script.name:
            break
        shutil.copy(script, old)
    data = tmp_path / "data"
    data.mkdir()
    conn = open_database(data / DB_FILENAME, directory=old)
    conn.execute("INSERT INTO applicant (id, family_name, given_names, chinese_name) VALUES (1, 'Wang', 'Lei', '王磊')")
    conn.execute("INSERT INTO applicant (id, family_name, given_names, chinese_name) VALUES (2, 'Li', 'Hua', '李华')")
    into = "INSERT INTO person_profile (applicant_id, citizenship, principal_id, relation, married_on) VALUES "
    conn.execute(into + "(1, 'pr_holder', NULL, NULL, NULL)")
    conn.execute(into + "(2, 'chinese_citizen', 1, 'spouse', '2019-06-01')")
    with pytest.raises(sqlite3.IntegrityError):  # the old table refuses a grandparent
        conn.execute("INSERT INTO applicant (id, family_name, given_names) VALUES (3, 'Wang', 'Da')")
        conn.execute(into + "(3, 'foreign', 1, 'grandparent', NULL)")
    conn.commit()
    conn.close()
    return data


def profile_columns(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return [tuple(r[1:]) for r in conn.execute("PRAGMA table_info(person_profile)")]


def test_the_rebuild_keeps_rows_checks_and_history(tmp_path: Path):
    assert any(BEFORE in s.name for _n, s in migrations(MIGRATIONS_DIR))
    data = store_before_the_rebuild(tmp_path)
    before = profile_columns(data / DB_FILENAME)
    service = JuliuService.open(data)
    assert profile_columns(data / DB_FILENAME) == before  # no column lost, renamed or retyped by the rebuild
    try:
        family = service.records.family(1)
        assert [(a.chinese_name, p.citizenship, p.relation, p.married_on) for a, p in family] == [
            ("王磊", Citizenship.PR_HOLDER, None, None),
            ("李华", Citizenship.CHINESE, Relation.SPOUSE, dt.date(2019, 6, 1))]
        grandpa = service.records.add_dependant(1, Applicant("Wang", "Da", "王大", nationality="CAN",
                                                             birth_date=dt.date(1950, 3, 1)), Relation.GRANDPARENT)
        assert grandpa.id is not None
        assert service.records.profile(grandpa.id).relation is Relation.GRANDPARENT
        service.records.save_profile(PersonProfile(2, Citizenship.CHINESE, 1, Relation.SPOUSE, dt.date(2019, 7, 1)))
        written = [(e.table, e.action, e.applicant_id) for e in service.history()[:3]]
        assert written == [("person_profile", "update", 2), ("person_profile", "insert", grandpa.id),
                           ("applicant", "insert", grandpa.id)]  # the rebuilt table is tracked as before
        assert service.verify_history().intact
        with sqlite3.connect(service.path) as side:
            assert side.execute("PRAGMA foreign_key_check").fetchall() == []
            with pytest.raises(sqlite3.IntegrityError):  # the checks came along: a date with a time, an unknown tie
                side.execute("UPDATE person_profile SET married_on = '2019-06-01 10:00' WHERE applicant_id = 2")
            with pytest.raises(sqlite3.IntegrityError):
                side.execute("UPDATE person_profile SET relation = 'cousin' WHERE applicant_id = 2")
    finally:
        service.close()


def test_a_stored_grandparent_is_judged_by_the_elderly_route(service: JuliuService):
    """The route's `joins_direct_relative` criterion allows parent and grandparent: the stored tie reaches it."""
    child = service.save_applicant(Applicant("Wang", "Lei", "王磊", nationality="CHN"))
    assert child.id is not None
    service.records.save_profile(PersonProfile(child.id, Citizenship.CHINESE))
    grandpa = service.records.add_dependant(child.id, Applicant("Wang", "Da", "王大", nationality="CAN",
                                                                birth_date=dt.date(1950, 3, 1)), Relation.GRANDPARENT)
    assert grandpa.id is not None
    day = dt.date(2026, 11, 30)
    facts = service.eligibility.facts(grandpa.id, day).facts
    assert facts.family is not None and facts.family.relation is f.Relation.GRANDPARENT is Relation.GRANDPARENT
    (elderly,) = service.eligibility.assess(grandpa.id, day, route_ids=["pr-elderly"]).routes
    tie = next(c for c in elderly.criteria if c.id == "joins_direct_relative")
    assert tie.verdict is Verdict.MET
    assert '"relation": "grandparent"' in json.dumps(service.records.case_json(child.id), ensure_ascii=False)


def test_a_packet_names_the_grandparent_tie_both_ways():
    principal = PersonProfile(1, Citizenship.CHINESE)
    grandpa = PersonProfile(3, Citizenship.FOREIGN, 1, Relation.GRANDPARENT)
    spouse = PersonProfile(2, Citizenship.FOREIGN, 1, Relation.SPOUSE)
    assert relation_to(principal, grandpa) == "grandparent" and relation_to(grandpa, principal) == "grandchild"
    assert relation_to(spouse, grandpa) == "other"  # a tie the records do not say (the spouse's parent-in-law?)
    assert RELATION_TEXT["grandparent"] == "祖父母 Grandparent" and RELATION_TEXT["grandchild"] == "孙子女 Grandchild"
