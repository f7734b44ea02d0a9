"""Every date column refuses what is not a real ISO date, on both engines (migration NNNN_date_checks.sql), and the
migration keeps every row, column, foreign key and index of a store made before it.

The PostgreSQL half needs JULIU_TEST_DATABASE_URL (tools/pg-test-cluster.sh; .ci/run sets it) and is skipped with
that message otherwise.
"""
from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from core.services.facade import JuliuService
from core.storage.pg.postgres import init_schema
from core.storage.sqlite.db import MIGRATIONS_DIR, migrations, open_database
from core.storage.sqlite.health import StorageError

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "cases"
# The date columns of the schema (a later one must be added here and to ROWS).
DATE_COLUMNS = {
    ("applicant", "birth_date"), ("passport", "issue_date"), ("passport", "expiry_date"), ("crossing", "date"),
    ("address", "moved_in"), ("document", "issue_date"), ("document", "expiry_date"),
    ("employment", "start_date"), ("employment", "end_date"), ("filing", "filing_date"),
    ("filing", "accepted_date"), ("filing", "decision_date"), ("investment", "since"),
    ("recommendation", "issue_date"), ("person_profile", "married_on"), ("resume_period", "start_date"),
    ("resume_period", "end_date"), ("residence_period", "start_date"), ("residence_period", "end_date"),
}
# A row each table accepts (applicant_id filled in), so a refusal below can only come from the date.
ROWS: dict[str, dict[str, object]] = {
    "applicant": {"family_name": "Müller"},
    "passport": {"number": "P1", "expiry_date": "2030-01-01"},
    "crossing": {"date": "2020-01-01", "direction": "entry"},
    "address": {"moved_in": "2020-01-01", "address": "朝阳区 1 号"},
    "document": {"kind": "visa"},
    "employment": {"employer_en": "Acme"},
    "filing": {"kind": "pr", "status": "preparing"},
    "investment": {"amount_cents": 100},
    "recommendation": {"recommender": "R", "purpose": "P"},
    "person_profile": {},
    "resume_period": {"organisation": "Acme"},
    "residence_period": {"address": "Berlin"},
}
MALFORMED = ["2019-13-01", "2019-02-30", "2019-02-29", "abc", "", "2019-1-01", "2019-01-01 ", "20190101",
             "2019-01-01T00:00", "infinity", "2019-01-01 BC", "10000-01-01"]
GOOD = ["2020-02-29", "1999-12-31", "2019-01-31"]


def checks_migration() -> int:
    return next(n for n, path in migrations() if path.name.endswith("_date_checks.sql"))


def migrations_up_to(last: int, target: Path) -> Path:
    """A copy of the migrations directory with the steps up to `last` (and their PostgreSQL steps)."""
    (target / "postgresql").mkdir(parents=True)
    for number, path in migrations():
        if number <= last:
            shutil.copy(path, target / path.name)
            own = MIGRATIONS_DIR / "postgresql" / path.name
            if own.is_file():
                shutil.copy(own, target / "postgresql" / path.name)
    return target


class Engine:
    """A raw connection in autocommit mode, `?` placeholders on both engines, and what a refused row raises."""

    def __init__(self, conn: Any, postgres: bool) -> None:
        self.conn, self.postgres = conn, postgres
        self.refused: type[Exception] = psycopg.errors.CheckViolation if postgres else sqlite3.IntegrityError

    def run(self, sql: str, params: tuple[object, ...] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s") if self.postgres else sql, params)

    def insert(self, table: str, row: dict[str, object]) -> None:
        names = ", ".join(row)
        self.run(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in row)})", tuple(row.values()))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        conn: Any = open_database(tmp_path / "juliu.sqlite3")
    else:
        url = request.getfixturevalue("pg_url")
        init_schema(url)
        conn = psycopg.connect(url, autocommit=True)
    try:
        yield Engine(conn, request.param == "postgresql")
    finally:
        conn.close()


def date_checked_columns(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    found = set()
    for table, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        found |= {(table, column) for column in re.findall(r"\bdate\((\w+)", sql)}
    return found


def test_the_schema_checks_every_date_column_the_new_way(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "juliu.sqlite3")
    try:
        assert date_checked_columns(conn) == DATE_COLUMNS
        sql = " ".join(r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table'"))
        assert not re.search(r"\bdate\(\w+\)", sql), "a date check without the '+0 days' modifier is left"
    finally:
        conn.close()


@pytest.mark.parametrize("table,column", sorted(DATE_COLUMNS))
def test_a_malformed_or_impossible_date_is_refused_by_the_database(engine: Engine, table: str, column: str) -> None:
    engine.insert("applicant", {"id": 1, **ROWS["applicant"]})

    def row(value: object) -> dict[str, object]:
        base = dict(ROWS[table]) if table == "applicant" else {"applicant_id": 1, **ROWS[table]}
        return {**base, "id": 2, column: value} if table == "applicant" else {**base, column: value}

    for value in MALFORMED:
        with pytest.raises(engine.refused):
            engine.insert(table, row(value))
    for value in GOOD:  # the same row with a real date goes in: the refusals above are about the date alone
        engine.insert(table, row(value))
        engine.run(f"DELETE FROM {table} WHERE {column} = ?", (value,))
    assert engine.run(f"SELECT count(*) FROM {table}").fetchone()[0] == (1 if table == "applicant" else 0)


# --- the migration keeps the data ---------------------------------------------------------------------------------
def dump(conn: Any, tables: list[str]) -> dict[str, list[tuple[object, ...]]]:
    return {t: sorted((tuple(r) for r in conn.execute(f'SELECT * FROM "{t}"')), key=repr) for t in tables}


def shape(conn: sqlite3.Connection, tables: list[str]) -> dict[str, object]:
    """Columns, foreign keys and indexes of each table: everything but the CHECK text."""
    out: dict[str, object] = {}
    for t in tables:
        indexes = [(r[1], r[2], [c[2] for c in conn.execute(f'PRAGMA index_info("{r[1]}")')])
                   for r in conn.execute(f'PRAGMA index_list("{t}")')]
        out[t] = (list(conn.execute(f'PRAGMA table_info("{t}")')),
                  list(conn.execute(f'PRAGMA foreign_key_list("{t}")')), sorted(indexes))
    return out


def tables_of(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def dated_row(table: str, applicant_id: int) -> dict[str, object]:
    """A row of `table` for the applicant with every date column filled."""
    return {"applicant_id": applicant_id, **ROWS[table], **{c: "2021-03-04" for t, c in DATE_COLUMNS if t == table}}


def full_store(data_dir: Path) -> Path:
    """A store with every example case imported and a row in every table with a date column."""
    service = JuliuService.open(data_dir)
    try:
        for case in sorted(EXAMPLES.glob("*.json")):
            service.records.import_case(case)
        path = service.path
    finally:
        service.close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        first = conn.execute("SELECT min(id) FROM applicant").fetchone()[0]
        for table in ROWS:
            if table != "applicant" and not conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
                values = dated_row(table, first)
                conn.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                             tuple(values.values()))
    finally:
        conn.close()
    return path


def store_before_the_checks(source: Path, tmp_path: Path) -> Path:
    """The same rows in a store made by the migrations before the date checks."""
    before = checks_migration() - 1
    path = tmp_path / "old" / "juliu.sqlite3"
    open_database(path, directory=migrations_up_to(before, tmp_path / f"m{before}")).close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS src", (str(source),))
        conn.execute("BEGIN")
        for t in tables_of(conn):
            conn.execute(f'DELETE FROM main."{t}"')  # rows the migrations seed, if any
            columns = ", ".join(f'"{r[1]}"' for r in conn.execute(f'PRAGMA table_info("{t}")'))
            conn.execute(f'INSERT INTO main."{t}" ({columns}) SELECT {columns} FROM src."{t}"')
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


def test_a_store_made_before_the_checks_migrates_with_every_row_kept(data_dir: Path, tmp_path: Path) -> None:
    old = store_before_the_checks(full_store(data_dir), tmp_path)
    conn = sqlite3.connect(old)
    try:
        tables = tables_of(conn)
        before, shape_before = dump(conn, tables), shape(conn, tables)
    finally:
        conn.close()
    assert all(before[t] for t, _ in DATE_COLUMNS), "every dated table holds rows"
    number = checks_migration()
    conn = open_database(old, directory=migrations_up_to(number, tmp_path / f"m{number}"))
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == number
        assert dump(conn, tables) == before
        assert shape(conn, tables) == shape_before
        assert date_checked_columns(conn) == DATE_COLUMNS
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # on again after the migration
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE applicant SET birth_date = '2019-02-30'")
        conn.execute("DELETE FROM applicant")  # the children still follow their applicant (ON DELETE CASCADE)
        assert conn.execute("SELECT count(*) FROM crossing").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_migration_that_would_orphan_rows_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    """Migrations run with foreign keys off (to rebuild tables); one that leaves a row without its parent is rolled
    back whole, with the count in the message."""
    source = full_store(data_dir)
    steps = migrations_up_to(migrations()[-1][0], tmp_path / "broken")
    (steps / f"{len(migrations()) + 1:04d}_orphans.sql").write_text("DELETE FROM applicant;", encoding="utf-8")
    conn = sqlite3.connect(source)
    tables = tables_of(conn)
    before = dump(conn, tables)
    conn.close()
    with pytest.raises(StorageError, match=r"rows lose their applicant .*nothing was changed"):
        open_database(source, directory=steps)
    conn = sqlite3.connect(source)
    try:
        assert dump(conn, tables) == before
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations()[-1][0]
    finally:
        conn.close()


def foreign_keys(conn: psycopg.Connection[Any]) -> list[tuple[object, ...]]:
    return conn.execute("SELECT conrelid::regclass::text, confrelid::regclass::text, pg_get_constraintdef(oid) "
                        "FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2, 3").fetchall()


def test_a_firm_database_made_before_the_checks_migrates_with_every_row_kept(pg_url: str, tmp_path: Path) -> None:
    number = checks_migration()
    init_schema(pg_url, directory=migrations_up_to(number - 1, tmp_path / "before"))
    with psycopg.connect(pg_url, autocommit=True) as conn:
        pg = Engine(conn, postgres=True)
        pg.insert("applicant", {"family_name": "Müller", "birth_date": "1980-02-29"})
        aid = pg.run("SELECT id FROM applicant").fetchone()[0]
        for table in ROWS:
            if table != "applicant":
                pg.insert(table, dated_row(table, aid))
        tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables "
                                             "WHERE table_schema = current_schema() ORDER BY 1")]
        tables = [t for t in tables if t != "juliu_schema"]
        before, foreign_before = dump(conn, tables), foreign_keys(conn)
    result = init_schema(pg_url, directory=migrations_up_to(number, tmp_path / "after"))
    assert result.applied == (migrations()[number - 1][1].name,)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        pg = Engine(conn, postgres=True)
        assert dump(conn, tables) == before
        assert foreign_keys(conn) == foreign_before
        old_checks = conn.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'c' "
                                  "AND pg_get_constraintdef(oid) LIKE '%::date)::text%'").fetchone()
        assert old_checks == (0,)
        pg.insert("applicant", {"family_name": "Li"})  # the identity sequence carries on after the kept rows
        with pytest.raises(psycopg.errors.CheckViolation):
            pg.run("UPDATE applicant SET birth_date = 'infinity'")
