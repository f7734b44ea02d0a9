"""The engines benchmark, small (200 clients): the same store copied to PostgreSQL gives the window the same
clients, search result and deadlines as the SQLite file; no timing is asserted (bench/firm/README.md has the
figures). Needs JULIU_TEST_DATABASE_URL (skipped with that message otherwise)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.firm.engines import compare, copy_store
from bench.firm.generate import generate
from core.services.facade import JuliuService


def test_the_window_on_a_copied_firm_database_matches_the_sqlite_file(tmp_path: Path, pg_url: str) -> None:
    folder = tmp_path / "firm-200"
    path = generate(folder, 200)
    JuliuService.open(folder, daily_backup=False).close()
    counts = copy_store(path, pg_url)
    with sqlite3.connect(path) as lite:
        for table, n in counts.items():
            assert lite.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == n, table
    assert counts["applicant"] > 200 and counts["crossing"] > 10_000
    result = compare(folder, pg_url)
    lite_figures, pg_figures = result["sqlite"], result["postgresql"]
    assert isinstance(lite_figures, dict) and isinstance(pg_figures, dict)
    for key in ("clients", "deadline rows", "typing SMITH lands on"):
        assert pg_figures[key] == lite_figures[key], key
    assert pg_figures["clients"] == counts["applicant"]
    ratios = result["ratio postgresql / sqlite (<=2)"]
    assert isinstance(ratios, dict) and "select a client, median ms (<150)" in ratios
    service = JuliuService.open_url(pg_url)
    try:
        assert service.verify_history().intact  # the history copied as it is, its chain unbroken
    finally:
        service.close()
