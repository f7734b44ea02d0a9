"""Looking at a service's database file from the side, through a second connection (no private members)."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from core.services.facade import JuliuService


def scalar(service: JuliuService, sql: str) -> Any:
    """The first column of the first row of `sql`, read from the committed state of the service's file."""
    with closing(sqlite3.connect(f"file:{service.path}?mode=ro", uri=True)) as conn:
        return conn.execute(sql).fetchone()[0]
