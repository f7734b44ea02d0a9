"""Fuzzing the crossings CSV and XLSX importers and the case-file importer through the CLI (issue 12 item 7)."""
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
from tests.fuzz.inputs import crossings_csv, hostile_cases, hostile_xlsx, xlsx_bytes
from tests.fuzz.mutations import mutated, mutated_case, mutated_workbook

ROOT = Path(__file__).resolve().parents[2]
SEED_CASE = json.loads((ROOT / "examples/cases/shenzhen-work-permit-renewal.json").read_text(encoding="utf-8"))
SEED_CSV = crossings_csv(30, 2019).encode("utf-8")
SEED_XLSX = xlsx_bytes(30)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder with one applicant (id 1), shared by a target's inputs."""
    folder = tmp_path_factory.mktemp("fuzz-store")
    seed = folder / "seed.json"
    seed.write_text(json.dumps({"schema": "juliu.case/1", "principal": {"key": "p", "family_name": "Fuzz"}}))
    assert judge("setup", ["case", "import", str(seed)], folder) == 0
    yield folder


def _file(store: Path, name: str, data: bytes) -> Path:
    path = store / "inputs" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


@FUZZ
@given(data=st.one_of(mutated(SEED_CSV), st.binary(max_size=512)), planned=st.booleans())
def test_crossings_csv_import(store: Path, data: bytes, planned: bool):
    path = _file(store, "crossings.csv", data)
    judge("crossings CSV", ["crossings", "import", "--applicant", "1", str(path), *(["--planned"] if planned else [])],
          store)


@FUZZ
@given(data=mutated_workbook(SEED_XLSX))
def test_crossings_xlsx_import(store: Path, data: bytes):
    judge("crossings XLSX", ["crossings", "import", "--applicant", "1", str(_file(store, "crossings.xlsx", data))],
          store)


@FUZZ
@given(data=mutated_case(SEED_CASE))
def test_case_import(store: Path, data: bytes):
    judge("case file", ["case", "import", str(_file(store, "case.json", data))], store)


@FUZZ
@given(data=mutated(SEED_CSV))
def test_presence_csv(store: Path, data: bytes):
    judge("presence CSV", ["presence", str(_file(store, "presence.csv", data)), "--json"], store)


@pytest.mark.parametrize("name,data", [*((f"{k}.xlsx", v) for k, v in hostile_xlsx().items()),
                                       *((f"{k}.json", v.encode()) for k, v in hostile_cases().items())])
def test_the_probe_inputs_end_cleanly(store: Path, name: str, data: Any):
    path = _file(store, name, data)
    argv = ["case", "import", str(path)] if name.endswith(".json") else [
        "crossings", "import", "--applicant", "1", str(path)]
    assert judge("probe inputs", argv, store) in (0, 2)
