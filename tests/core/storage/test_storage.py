"""Storage on a real SQLite file: round trips, migrations, backups, damaged files."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from core.records.identity import Applicant, Crossing, Direction, Passport, Sex
from core.storage.repositories.repositories import (
    ApplicantRepository,
    CrossingRepository,
    NotFoundError,
    PassportRepository,
)
from core.storage.sqlite.db import MIGRATIONS_DIR, StorageError, data_dir, migrate, open_database


def test_round_trip(tmp_path: Path):
    conn = open_database(tmp_path / "j.sqlite3")
    apps, passports, crossings = ApplicantRepository(conn), PassportRepository(conn), CrossingRepository(conn)
    a = apps.add(Applicant("Wang", "Xiaoming", "王小明", Sex.MALE, dt.date(1985, 2, 28), "SGP", "Beijing"))
    assert a.id is not None
    p = passports.add(Passport(a.id, "K1234567", "SGP", dt.date(2020, 1, 2), dt.date(2030, 1, 1)))
    saved = crossings.add_many(a.id, [
        Crossing(dt.date(2024, 1, 5), Direction.ENTRY, dt.time(9, 30), "PEK", "出差"),
        Crossing(dt.date(2024, 2, 1), Direction.EXIT, planned=True)])
    conn.close()
    conn = open_database(tmp_path / "j.sqlite3")
    assert ApplicantRepository(conn).get(a.id) == a
    assert PassportRepository(conn).list_for(a.id) == [p]
    assert CrossingRepository(conn).list_for(a.id) == saved
    assert CrossingRepository(conn).list_for(a.id, planned=False) == saved[:1]


def test_update_and_delete_cascade(tmp_path: Path):
    conn = open_database(tmp_path / "j.sqlite3")
    apps = ApplicantRepository(conn)
    a = apps.add(Applicant("Smith", "Anna"))
    assert a.id is not None
    apps.update(Applicant("Smith", "Anna Maria", id=a.id))
    assert apps.get(a.id).given_names == "Anna Maria"
    CrossingRepository(conn).add(a.id, Crossing(dt.date(2024, 1, 1), Direction.ENTRY))
    apps.delete(a.id)
    assert conn.execute("SELECT count(*) FROM crossing").fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        apps.get(a.id)


def test_batch_insert_is_all_or_nothing(tmp_path: Path):
    conn = open_database(tmp_path / "j.sqlite3")
    a = ApplicantRepository(conn).add(Applicant("Smith", "Anna"))
    assert a.id is not None
    bad = Crossing(dt.date(2024, 1, 2), Direction.EXIT, port=None)  # type: ignore[arg-type]  # NOT NULL
    with pytest.raises(sqlite3.IntegrityError):
        CrossingRepository(conn).add_many(a.id, [Crossing(dt.date(2024, 1, 1), Direction.ENTRY), bad])
    assert CrossingRepository(conn).list_for(a.id) == []


def test_new_file_is_migrated_to_latest_without_backup(tmp_path: Path):
    path = tmp_path / "new.sqlite3"
    conn = open_database(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(list(MIGRATIONS_DIR.glob("*.sql")))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert not (tmp_path / "backups").exists()


def test_backup_is_taken_before_a_migration(tmp_path: Path):
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    shutil.copy(MIGRATIONS_DIR / "0001_initial.sql", migrations)
    path = tmp_path / "j.sqlite3"
    conn = open_database(path, directory=migrations)
    ApplicantRepository(conn).add(Applicant("Keep", "Me"))
    (migrations / "0002_add_column.sql").write_text("ALTER TABLE applicant ADD COLUMN email TEXT;")
    saved = migrate(conn, path, directory=migrations, now=dt.datetime(2026, 11, 22, 10, 0, 0))
    assert saved == tmp_path / "backups" / "j-20261122-100000-migrate-v1-to-v2.sqlite3"
    old = sqlite3.connect(saved)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT family_name FROM applicant").fetchall() == [("Keep",)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_failed_migration_changes_nothing(tmp_path: Path):
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    shutil.copy(MIGRATIONS_DIR / "0001_initial.sql", migrations)
    path = tmp_path / "j.sqlite3"
    conn = open_database(path, directory=migrations)
    (migrations / "0002_broken.sql").write_text("ALTER TABLE applicant ADD COLUMN x TEXT;\nNOT SQL;")
    with pytest.raises(StorageError, match="0002_broken.sql"):
        migrate(conn, path, directory=migrations)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(applicant)")]
    assert "x" not in columns


def test_corrupt_file_gives_a_clear_error(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match=str(path)):
        open_database(path)


def test_newer_schema_is_refused(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StorageError, match="newer"):
        open_database(path)


def test_data_dir_precedence(tmp_path: Path):
    assert data_dir("/x/y", env={"JULIU_DATA_DIR": "/a"}) == Path("/x/y")
    assert data_dir(None, env={"JULIU_DATA_DIR": "/a"}) == Path("/a")
    assert "Juliu" in str(data_dir(None, env={}))
