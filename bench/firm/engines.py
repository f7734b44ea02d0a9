"""The same firm store on both engines (issue 13 item 6): the client list, search and client selection over
PostgreSQL against the SQLite file, as ratios in one run (target: PostgreSQL within 2x).

    .venv/bin/python -m bench.firm.engines --url postgresql://… [--clients 10000] [--work DIR]

The SQLite store is bench/firm/generate.py's (reused under --work); the same rows go into a fresh database on the
server (`firm init`, then COPY with the triggers off, so the history is copied as it is, not rewritten). Then, for
each engine in its own process, bench/firm/window_probe.py measures the real window: start to usable, the search
filter per keystroke, selecting clients. `--url` must allow CREATE DATABASE (the test cluster's postgres user).
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from bench.firm.run import ENV, ROOT, store
from core.services.facade import JuliuService
from core.storage.pg.postgres import init_schema
from core.storage.sqlite.db import DB_FILENAME

COMPARED = ("start to usable window s", "deadlines and search texts ready after s",
            "filter per keystroke, worst ms (<50)", "select a client, median ms (<150)", "select a client, worst ms",
            "save on the GUI thread, median ms (<100)")


def database_url(admin: str, name: str) -> str:
    """A fresh database `name` on the server of `admin`, emptied if it exists."""
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name)))
    params = {k: str(v) for k, v in conninfo_to_dict(admin).items() if v is not None}
    params["dbname"] = name
    return "postgresql:///?" + urlencode(params)


def copy_store(sqlite_path: Path, url: str) -> dict[str, int]:
    """Every row of the SQLite store into the firm database `url` (made current by `firm init`); row counts."""
    init_schema(url)
    src = sqlite3.connect(sqlite_path)
    counts: dict[str, int] = {}
    try:
        tables = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        with psycopg.connect(url) as pg:
            pg.execute("SET session_replication_role = replica")  # no triggers: history and keys copied as they are
            pg.execute(sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
                sql.SQL(", ").join(sql.Identifier(t) for t in tables)))
            for table in tables:
                columns = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
                names = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
                quoted = ", ".join(f'"{c}"' for c in columns)
                n = 0
                with pg.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), names)) as cp:
                    for row in src.execute(f'SELECT {quoted} FROM "{table}"'):
                        cp.write_row(row)
                        n += 1
                counts[table] = n
                if "id" in columns:
                    pg.execute(sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), "
                                       "coalesce((SELECT max(id) FROM {}), 0) + 1, false)").format(
                        sql.Literal(table), sql.Identifier(table)))
        with psycopg.connect(url, autocommit=True) as pg:
            pg.execute("VACUUM ANALYZE")
    finally:
        src.close()
    return counts


def probe(target: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-m", "bench.firm.window_probe", target], cwd=ROOT, env=ENV, check=True,
                         capture_output=True, text=True)
    return dict(json.loads(out.stdout))


def compare(folder: Path, url: str, rounds: int = 1) -> dict[str, object]:
    """The window's figures on the SQLite file and on PostgreSQL, and PostgreSQL / SQLite for each: the engines
    alternate, `rounds` times each, and each figure is the best of its rounds (the fairest on a shared machine)."""
    runs: dict[str, list[dict[str, float]]] = {"sqlite": [], "postgresql": []}
    for _ in range(rounds):
        runs["sqlite"].append(probe(str(folder)))
        runs["postgresql"].append(probe(url))
    lite, pg = (_best(runs[e]) for e in ("sqlite", "postgresql"))
    ratios = {k: pg[k] / lite[k] for k in COMPARED if k in lite and k in pg and lite[k]}
    return {"sqlite": lite, "postgresql": pg, "ratio postgresql / sqlite (<=2)": ratios}


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    best = dict(runs[0])
    for other in runs[1:]:
        for key in COMPARED:
            if key in other:
                best[key] = min(best[key], other[key])
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", required=True, help="a server where this login may CREATE DATABASE")
    p.add_argument("--clients", type=int, default=10_000)
    p.add_argument("--rounds", type=int, default=3, help="each engine's window measured this many times, alternating")
    p.add_argument("--work", type=Path, default=Path("/tmp/juliu-bench-firm"))
    args = p.parse_args(argv)
    folder = store(args.work, args.clients)
    JuliuService.open(folder, daily_backup=False).close()  # a store made by an older Juliu: migrated first
    url = database_url(args.url, f"juliu_bench_{args.clients}")
    start = time.perf_counter()
    counts = copy_store(folder / DB_FILENAME, url)
    result: dict[str, object] = {"clients": args.clients, "rows copied": sum(counts.values()),
                                 "copy to PostgreSQL s": time.perf_counter() - start}
    result.update(compare(folder, url, args.rounds))
    print(json.dumps(result, indent=2, ensure_ascii=False, default=lambda x: round(x, 3)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
