"""The firm store on a real PostgreSQL server (issue 13): the dialect layer and `firm init`.

Needs JULIU_TEST_DATABASE_URL (tools/pg-test-cluster.sh; .ci/run sets it); skipped with that message otherwise.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import psycopg
import pytest

from core.storage.pg.dialect import UntranslatableSQL, statements, to_postgres
from core.storage.pg.postgres import init_schema, redact, schema_version
from core.storage.sqlite.db import MIGRATIONS_DIR, migrations, open_database
from core.storage.sqlite.health import StorageError

_TYPES = {"INTEGER": "bigint", "TEXT": "text", "BLOB": "bytea"}


def _sqlite_columns(tmp_path: Path) -> dict[str, list[tuple[str, str, bool]]]:
    conn = open_database(tmp_path / "juliu.sqlite3")
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        # A primary key is NOT NULL in PostgreSQL; SQLite lets a non-integer one be NULL (a known quirk).
        return {t: [(c[1], _TYPES[c[2].upper()], bool(c[3]) or c[5] > 0)
                    for c in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    finally:
        conn.close()


def _pg_columns(url: str) -> dict[str, list[tuple[str, str, bool]]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable = 'NO' FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name <> 'juliu_schema' "
            "ORDER BY table_name, ordinal_position").fetchall()
    found: dict[str, list[tuple[str, str, bool]]] = {}
    for table, column, dtype, not_null in rows:
        found.setdefault(table, []).append((column, dtype, not_null))
    return found


def test_every_migration_applies_to_postgres_with_the_same_tables_and_columns(pg_url: str, tmp_path: Path) -> None:
    result = init_schema(pg_url)
    latest = migrations()[-1][0]
    assert (result.before, result.after) == (0, latest)
    assert len(result.applied) == latest
    sqlite_side, pg_side = _sqlite_columns(tmp_path), _pg_columns(pg_url)
    assert sorted(pg_side) == sorted(sqlite_side)
    for table, columns in sqlite_side.items():
        assert pg_side[table] == columns, table


def test_init_is_idempotent_and_records_the_version(pg_url: str) -> None:
    first = init_schema(pg_url)
    again = init_schema(pg_url)
    assert again.applied == () and again.before == again.after == first.after
    with psycopg.connect(pg_url) as conn:
        assert schema_version(conn) == first.after


def test_a_newer_schema_is_refused_and_left_unchanged(pg_url: str) -> None:
    latest = init_schema(pg_url).after
    with psycopg.connect(pg_url) as conn:
        conn.execute("INSERT INTO juliu_schema VALUES (%s, now())", (latest + 1,))
    with pytest.raises(StorageError, match="newer than this Juliu knows"):
        init_schema(pg_url)
    with psycopg.connect(pg_url) as conn:
        assert schema_version(conn) == latest + 1


def test_the_translated_constraints_still_hold(pg_url: str) -> None:
    init_schema(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        (aid,) = conn.execute("INSERT INTO applicant (family_name, birth_date) VALUES ('Müller', '1980-02-29') "
                              "RETURNING id").fetchone() or (None,)
        assert isinstance(aid, int)
        for bad in ("1981-02-29", "29.02.1980"):  # not a date / not ISO
            with pytest.raises(psycopg.Error):
                conn.execute("INSERT INTO applicant (family_name, birth_date) VALUES ('X', %s)", (bad,))
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("INSERT INTO crossing (applicant_id, date, time, direction) "
                         "VALUES (%s, '2026-01-01', '9:00', 'entry')", (aid,))
        conn.execute("INSERT INTO crossing (applicant_id, date, time, direction) "
                     "VALUES (%s, '2026-01-01', '09:00', 'entry')", (aid,))
        with pytest.raises(psycopg.Error):
            conn.execute("INSERT INTO setting (key, value) VALUES ('k', '{not json')")
        data = b"%PDF-1.4 scan \x00\xff"
        (did,) = conn.execute("INSERT INTO document (applicant_id, kind) VALUES (%s, 'visa') RETURNING id",
                              (aid,)).fetchone() or (None,)
        conn.execute("INSERT INTO attachment (document_id, name, media_type, size, sha256, data) "
                     "VALUES (%s, 'a.pdf', 'application/pdf', %s, %s, %s)",
                     (did, len(data), hashlib.sha256(data).hexdigest(), data))
        with pytest.raises(psycopg.errors.CheckViolation):  # size must equal the bytes' length
            conn.execute("INSERT INTO attachment (document_id, name, media_type, size, sha256, data) "
                         "VALUES (%s, 'b.pdf', 'application/pdf', 1, %s, %s)",
                         (did, "0" * 64, data))
        stored = conn.execute("SELECT data FROM attachment").fetchone()
        assert stored is not None and bytes(stored[0]) == data


def test_a_failing_migration_changes_nothing(pg_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "migrations"
    broken.mkdir()
    shutil.copytree(MIGRATIONS_DIR / "postgresql", broken / "postgresql")
    for _n, path in migrations():
        (broken / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (broken / f"{len(migrations()) + 1:04d}_broken.sql").write_text("CREATE TABLE zz (a TEXT REFERENCES nowhere(id));")
    with pytest.raises(StorageError, match="nothing was changed"):
        init_schema(pg_url, directory=broken)
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('applicant')").fetchone() == (None,)


def test_sqlite_constructs_without_a_rule_are_refused() -> None:
    assert to_postgres("PRAGMA foreign_keys = ON; CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB); -- x;y") == [
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, b BYTEA)"]
    with pytest.raises(UntranslatableSQL, match="0099_x.sql"):
        to_postgres("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END;", "0099_x.sql")
    with pytest.raises(UntranslatableSQL):
        to_postgres("SELECT strftime('%Y', 'now')")


def test_a_dollar_quoted_body_is_one_statement() -> None:
    """The PostgreSQL steps of a migration may hold a DO block: its semicolons do not end the statement."""
    assert statements("DO $$ BEGIN PERFORM 1; END $$; SELECT 'a;$$b'; SELECT 2") == [
        "DO $$ BEGIN PERFORM 1; END $$", "SELECT 'a;$$b'", "SELECT 2"]


def test_the_password_never_shows_in_messages() -> None:
    assert redact("postgresql://ann:s3cret@db.example:5432/firm") == "postgresql://ann:***@db.example:5432/firm"
    with pytest.raises(StorageError) as info:
        init_schema("mysql://ann:s3cret@x/y")
    assert "s3cret" not in str(info.value)

