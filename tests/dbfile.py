"""Looking at a service's database from the side, through a second connection (no private members), on either
engine: the SQLite file, or the firm database on PostgreSQL (JULIU_TEST_ENGINE=postgresql). SQL uses `?`."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.services.facade import JuliuService

TABLES = ("applicant", "passport", "crossing", "setting", "person_profile", "address", "document", "attachment",
          "employment", "income_year", "income_certificate", "filing", "history", "recycle_bin")


@contextmanager
def side_connection(service: JuliuService) -> Iterator[Any]:
    """Another connection to the service's store; each statement commits at once."""
    if service.url is not None:
        from core.storage.pg.postgres import open_store  # noqa: PLC0415

        conn: Any = open_store(service.url)
    else:
        conn = sqlite3.connect(service.path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def scalar(service: JuliuService, sql: str, args: Sequence[object] = ()) -> Any:
    """The first column of the first row of `sql`, read from the committed state of the service's store."""
    with side_connection(service) as conn:
        return conn.execute(sql, tuple(args)).fetchone()[0]


def rows(service: JuliuService, sql: str, args: Sequence[object] = ()) -> list[tuple[object, ...]]:
    with side_connection(service) as conn:
        return [tuple(r) for r in conn.execute(sql, tuple(args)).fetchall()]


def dump(service: JuliuService) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the records, in a stable order (compare before and after a failed use case)."""
    with side_connection(service) as conn:
        return {t: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {t}").fetchall()), key=repr)
                for t in TABLES}


def refuse_inserts_into(service: JuliuService, table: str) -> type[BaseException]:
    """Make the store refuse every INSERT into `table` with 'refused by the test' (as a full disk or a constraint
    would); returns the exception type the engine raises."""
    with side_connection(service) as conn:
        if service.url is not None:
            import psycopg  # noqa: PLC0415

            conn.execute("CREATE OR REPLACE FUNCTION juliu_test_refuse() RETURNS trigger LANGUAGE plpgsql AS "
                         "$f$ BEGIN RAISE EXCEPTION 'refused by the test'; END $f$")
            conn.execute(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW "
                         "EXECUTE FUNCTION juliu_test_refuse()")
            return psycopg.errors.RaiseException
        conn.execute(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                     "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        return sqlite3.IntegrityError


def open_as_cli(data_dir: Path) -> JuliuService:
    """The store the commands of a test open: the firm database of the PostgreSQL pass (JULIU_DATABASE_URL, set by
    tests/cli/conftest.py), else the SQLite file in `data_dir`."""
    url = os.environ.get("JULIU_DATABASE_URL")
    return JuliuService.open_url(url) if url else JuliuService.open(data_dir)
