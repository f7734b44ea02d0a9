"""Undo snapshots put the database back exactly: every table, every row, every id (example cases as data), on the
SQLite file and on the firm database of the PostgreSQL pass (rows found by their primary keys)."""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import ConflictError
from core.records.identity import Applicant
from core.services.facade import JuliuService
from core.services.recovery.changes import ChangeConflict
from core.storage.pg.dialect import table_columns
from tests.core.packet_cases import import_cases, person_id
from tests.dbfile import side_connection

LOGS = {"history", "recycle_bin", "juliu_schema", "sqlite_sequence"}


def dump(service: JuliuService) -> dict[str, list[tuple[object, ...]]]:
    """Every record table of the store (file or firm database), read through a connection of its own. The change
    history and the recycle bin are logs: an undo is a change they record, so they are left out. So is each row's
    version: an undo writes a new one (core/storage/repositories/versions.py), so that a save from the undone
    state is refused."""
    with side_connection(service) as conn:
        if service.url is not None:
            tables = [r[0] for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                " AND table_type = 'BASE TABLE'").fetchall()]
        else:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = {}
        for t in sorted(set(tables) - LOGS):
            columns = [c for c, _kind in table_columns(conn, t) if c != "version"]
            found[t] = sorted((tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in conn.execute(
                f'SELECT {", ".join(columns)} FROM "{t}"').fetchall()), key=repr)  # the id first, where there is one
        return found


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def test_deleting_a_principal_and_restoring_gives_back_every_row(cases: JuliuService) -> None:
    before = dump(cases)
    claire = person_id(cases, "杜可蕾")
    dependants = [m for m, p in cases.records.family(claire) if p.principal_id == claire]
    assert dependants, "the example family has dependants whose link to the principal a deletion clears"
    state = cases.snapshots.delete("applicant", [claire])
    after = dump(cases)
    assert after != before
    assert {t for t in before if before[t] != after[t]} >= {"applicant", "passport", "document", "attachment",
                                                            "crossing", "person_profile"}
    assert all(p.principal_id is None for m in dependants for p in [cases.records.profile(m.id)])  # type: ignore[arg-type]
    cases.snapshots.restore(state)
    assert dump(cases) == before


@pytest.mark.parametrize("table", ["document", "passport", "income_year", "crossing", "filing", "employment"])
def test_deleting_any_record_and_restoring_it(cases: JuliuService, table: str) -> None:
    ids = [int(r[0]) for r in dump(cases)[table][:3]]
    assert ids
    before = dump(cases)
    state = cases.snapshots.delete(table, ids)
    assert dump(cases) != before
    cases.snapshots.restore(state)
    assert dump(cases) == before
    cases.snapshots.restore(cases.snapshots.delete(table, ids))  # again: the snapshot does not depend on history
    assert dump(cases) == before


def test_an_edit_and_its_links_are_written_back(cases: JuliuService) -> None:
    tan = person_id(cases, "陈伟明")
    (income, *_rest) = [i for i in cases.records.list_income(tan) if i.certificate_ids]
    before_dump = dump(cases)
    before = cases.snapshots.of(income)
    assert before is not None
    cases.records.save_income(dataclasses.replace(income, wage_income=Decimal("1.00"), certificate_ids=()))
    after = cases.snapshots.of(income)
    assert after is not None and dump(cases) != before_dump
    cases.snapshots.put(before)
    assert dump(cases) == before_dump
    cases.snapshots.put(after)
    (changed,) = [i for i in cases.records.list_income(tan) if i.id == income.id]
    assert (changed.wage_income, changed.certificate_ids) == (Decimal("1.00"), ())


def test_a_snapshot_whose_id_was_taken_again_changes_nothing(cases: JuliuService) -> None:
    crossing = max(dump(cases)["crossing"], key=lambda r: int(str(r[0])))
    state = cases.snapshots.delete("crossing", [int(str(crossing[0]))])
    kim = person_id(cases, "金敏俊")
    with side_connection(cases) as conn:  # another program takes the freed id (a server's ids never come back)
        conn.execute("INSERT INTO crossing (id, applicant_id, date, direction) VALUES (?, ?, '2026-01-05', 'entry')",
                     (crossing[0], kim))
    before = dump(cases)
    with pytest.raises(ChangeConflict):
        cases.snapshots.restore(state)
    assert dump(cases) == before
    cases.add_crossings(kim, [dataclasses.replace(cases.list_crossings(kim)[0], id=None)])  # no transaction left open


def test_undo_over_a_colleagues_newer_change_is_refused_and_changes_nothing(cases: JuliuService,
                                                                           data_dir: Path) -> None:
    colleague = JuliuService.open_url(cases.url) if cases.url else JuliuService.open(data_dir, daily_backup=False)
    try:
        tan = person_id(cases, "陈伟明")
        applicant = cases.get_applicant(tan)
        before = cases.snapshots.of(applicant)
        assert before is not None
        cases.save_applicant(dataclasses.replace(applicant, city="Suzhou"))  # my step
        after = cases.snapshots.row("applicant", tan)
        colleague.save_applicant(dataclasses.replace(colleague.get_applicant(tan), chinese_name="陈伟铭"))
        stored = dump(cases)
        with pytest.raises(ConflictError) as caught:
            cases.snapshots.put(before, after)  # undo my step: it would revert the colleague's name unseen
        err = caught.value
        assert err.table == "applicant" and err.record_id == tan and err.who and err.at
        assert isinstance(err.stored, dict) and err.stored["chinese_name"] == "陈伟铭"
        assert isinstance(err.mine, dict) and err.mine["city"] == applicant.city
        assert dump(cases) == stored  # nothing written
        # Undoing an add the colleague has since edited is refused the same way.
        added = cases.save_applicant(Applicant("Roe", "Jo"))
        assert added.id is not None
        added_state = cases.snapshots.row("applicant", added.id)
        colleague.save_applicant(dataclasses.replace(colleague.get_applicant(added.id), city="Xi'an"))
        with pytest.raises(ConflictError):
            cases.snapshots.delete("applicant", [added.id], expected=added_state)
        assert cases.get_applicant(added.id).city == "Xi'an"
    finally:
        colleague.close()


def test_undo_and_redo_of_two_steps_on_one_record_check_each_other(cases: JuliuService) -> None:
    tan = person_id(cases, "陈伟明")
    first = cases.get_applicant(tan)
    s0 = cases.snapshots.of(first)
    second = cases.save_applicant(dataclasses.replace(first, city="Suzhou"))
    s1 = cases.snapshots.of(second)
    cases.save_applicant(dataclasses.replace(second, city="Wuxi"))
    s2 = cases.snapshots.row("applicant", tan)
    assert s0 is not None and s1 is not None
    cases.snapshots.put(s1, s2)  # undo the second step
    cases.snapshots.put(s0, s1)  # undo the first: the record holds what the first step left, versions aside
    assert cases.get_applicant(tan).city == first.city
    cases.snapshots.put(s1, s0)  # redo both
    cases.snapshots.put(s2, s1)
    assert cases.get_applicant(tan).city == "Wuxi" and cases.get_applicant(tan).version == first.version + 6
