"""Undo snapshots put the database back exactly: every table, every row, every rowid (example cases as data)."""
from __future__ import annotations

import dataclasses
import sqlite3
from decimal import Decimal

import pytest

from core.services.facade import JuliuService
from core.services.recovery.changes import ChangeConflict
from tests.core.packet_cases import import_cases, person_id

LOGS = {"history", "recycle_bin"}
pytestmark = pytest.mark.sqlite_only("undo snapshots work on SQLite rowids; on a firm database not yet")


def dump(service: JuliuService) -> dict[str, list[tuple[object, ...]]]:
    """Every record table of the database file, read through a connection of its own. The change history and
    the recycle bin are logs: an undo is a change they record, so they are left out. So is each row's
    version: an undo writes a new one (core/storage/repositories/versions.py), so that a save from the undone
    state is refused."""
    conn = sqlite3.connect(service.path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
                  if r[0] not in LOGS]
        found = {}
        for t in tables:
            columns = ", ".join(f'"{c[1]}"' for c in conn.execute(f'PRAGMA table_info("{t}")') if c[1] != "version")
            found[t] = [tuple(r) for r in conn.execute(f'SELECT rowid, {columns} FROM "{t}" ORDER BY rowid')]
        return found
    finally:
        conn.close()


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
    crossing = dump(cases)["crossing"][-1]
    state = cases.snapshots.delete("crossing", [int(crossing[0])])
    kim = person_id(cases, "金敏俊")
    cases.add_crossings(kim, [dataclasses.replace(cases.list_crossings(kim)[0], id=None)])  # takes the freed id
    before = dump(cases)
    with pytest.raises(ChangeConflict):
        cases.snapshots.restore(state)
    assert dump(cases) == before
    cases.add_crossings(kim, [dataclasses.replace(cases.list_crossings(kim)[0], id=None)])  # no transaction left open
