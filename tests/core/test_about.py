"""One version number (pyproject.toml) and the rules data's date, as `--version` and Help > About show them."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from core.about import app_version, rules_data_date, version_line
from core.ruledata.loader import RulesError

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_pyprojects() -> None:
    assert app_version() == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_the_rules_data_date_is_read_and_checked(tmp_path: Path) -> None:
    assert rules_data_date() == dt.date(2026, 11, 29)
    bad = tmp_path / "about.toml"
    bad.write_text('data_date = "29.11.2026"\n')
    with pytest.raises(RulesError, match="data_date"):
        rules_data_date(bad)
    bad.write_text("other = 1\n")
    with pytest.raises(RulesError, match="data_date: missing"):
        rules_data_date(bad)


def test_main_prints_version_and_rules_date() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout == version_line() + "\n"
    assert done.stdout.startswith(f"Juliu {app_version()} (rules data of 2026-11-29)")
