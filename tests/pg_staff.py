"""Members of staff on the test server (issue 13 staff roles): login roles in the groups `firm init` made, each
with its own connection URL; dropped after the test. Role names carry the process id (roles belong to the whole
server, which several test runs may share)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlencode

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from core.services.facade import JuliuService
from core.storage.pg.roles import add_staff
from tests.core.packet_cases import import_cases


def as_user(url: str, user: str) -> str:
    """`url` with another login (the test server trusts its unix socket: no password asked)."""
    params = {k: str(v) for k, v in conninfo_to_dict(url).items() if v is not None}
    params["user"] = user
    return "postgresql:///?" + urlencode(params)


@pytest.fixture(name="staff")
def staff_fixture(pg_store_url: str) -> Iterator[dict[str, str]]:
    """{"viewer": URL, "consultant": URL, "administrator": URL} on the emptied firm database."""
    names = {role: f"{role[:5]}_{os.getpid()}" for role in ("viewer", "consultant", "administrator")}
    with psycopg.connect(pg_store_url, autocommit=True) as conn:
        for role, name in names.items():
            conn.execute(f'DROP ROLE IF EXISTS "{name}"'.encode())
            add_staff(conn, name, role, "correct horse battery")
    try:
        yield {role: as_user(pg_store_url, name) for role, name in names.items()}
    finally:
        with psycopg.connect(pg_store_url, autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP ROLE IF EXISTS "{name}"'.encode())


@pytest.fixture(name="firm")
def firm_fixture(staff: dict[str, str], pg_store_url: str) -> dict[str, str]:
    """The staff's URLs (as `staff`) on a firm database that holds the example cases."""
    owner = JuliuService.open_url(pg_store_url)
    try:
        import_cases(owner)
    finally:
        owner.close()
    return staff
