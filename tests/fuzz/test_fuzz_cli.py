"""Fuzzing the CLI's arguments: any mix of commands, options and hostile values ends in exit 0 or 2 (item 7)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import FUZZ
from tests.fuzz.harness import judge
from tests.fuzz.inputs import crossings_csv

COMMANDS = [["case", "list"], ["case", "export"], ["case", "import"], ["crossings", "import"],
            ["crossings", "export"], ["deadlines"], ["check"], ["points"], ["presence"], ["packet"], ["backup"]]
OPTIONS = ["--applicant", "--as-of", "--within", "--json", "--ics", "--window-end", "--windows", "--within-years",
           "--planned", "--project", "--route", "--kind", "--out", "--months", "--city", "--list-kinds",
           "--checklist-only", "--map", "--facts", "--content", "--strict", "--lang"]
VALUES = ["1", "2", "0", "-1", "99999999999999999999", "9223372036854775807", "9223372036854775808", "1e3", "٣",
          "2024-02-29", "2024-02-30", "9999-12-31", "0001-01-01", "2199-12-31", "1900-01-01", "", " ", "x" * 3000,
          "date=1", "direction=Z", "rolling:4:calendar>=183", "rolling:99999999:calendar>=1", "zh_CN", "en",
          "pr_salary_tax", "beijing", "{CSV}", "{OUT}", "{MISSING}", "{DIR}", "-", "--", "%s%n", "../../x"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("fuzz-cli")
    seed = folder / "seed.json"
    seed.write_text(json.dumps({"schema": "juliu.case/1", "principal": {"key": "p", "family_name": "Args"}}))
    (folder / "crossings.csv").write_text(crossings_csv(10, 2020), encoding="utf-8")
    assert judge("setup", ["case", "import", str(seed)], folder) == 0
    yield folder


def _fill(token: str, store: Path, n: int) -> str:
    return (token.replace("{CSV}", str(store / "crossings.csv")).replace("{OUT}", str(store / "out" / f"o{n}.x"))
            .replace("{MISSING}", str(store / "missing" / "none.csv")).replace("{DIR}", str(store)))


@FUZZ
@given(command=st.sampled_from(COMMANDS),
       rest=st.lists(st.one_of(st.sampled_from(OPTIONS), st.sampled_from(VALUES), st.text(max_size=8)), max_size=8))
def test_cli_arguments(store: Path, command: list[str], rest: list[Any]):
    argv = [*command, *(_fill(t, store, n) for n, t in enumerate(rest))]
    argv = [a.replace("\x00", "") for a in argv]  # an OS argument vector cannot hold NUL
    judge("CLI arguments", argv, store)
