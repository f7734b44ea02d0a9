"""A command loads only its own module (`case list` neither the packet nor the eligibility code); JSON rows print
one per line and read back unchanged (issue 15: start-up, `deadlines --json` at 10,000 clients)."""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

import cli
from cli.common import print_json
from core import about
from core.ruledata.loader import RULES_DIR

ROOT = Path(__file__).resolve().parents[2]


def loaded_after(argv: list[str], tmp_path: Path) -> set[str]:
    code = ("import sys, runpy; sys.argv = ['main.py', *sys.argv[1:]]\n"
            "try:\n    runpy.run_path('main.py', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code, "--data-dir", str(tmp_path), *argv], cwd=ROOT,
                         capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"})
    return set(out.stderr.split())


def test_case_list_loads_only_what_it_uses(tmp_path: Path) -> None:
    modules = loaded_after(["case", "list", "--json"], tmp_path)
    assert "cli.case_cmd" in modules and "core.services.facade" in modules
    unused = {"cli.packet_cmd", "cli.presence_cmd", "cli.check_cmd", "core.services.eligibility",
              "core.services.travel", "core.eligibility.engine", "core.packets.content", "cryptography",
              "babel.messages", "importlib.metadata", "reportlab", "pypdf",
              # issue 15, second pass: the case-file reader, the records' use cases, the undo snapshots, OpenSSL's
              # hashes (nothing is written), strptime's locale tables and platformdirs (--data-dir is given)
              "core.services.records", "core.exchange.case_batch", "core.exchange.casefile",
              "core.services.personal", "core.services.qualifications", "core.services.recovery.changes",
              "core.storage.snapshot", "_hashlib", "hmac", "_strptime", "platformdirs",
              # third pass: the record model (~40 frozen dataclasses) with the repositories that need it, the
              # checks, the duplicate finder and the day counts (core/storage/store.py, core/services/identity.py)
              "core.records.model", "core.records.documents", "core.records.validate", "core.records.duplicates",
              "core.presence.days", "core.storage.repositories.record_repositories",
              "core.storage.repositories.case_store", "core.storage.repositories.deadline_store",
              "decimal", "csv",
              # fifth pass: SQLCipher's driver (a plain store), the dialect's patterns (SQLite), the rules' settings
              # (nothing to purge), the history's CSV export, `--version`'s facts, re-keying
              "sqlcipher3", "core.storage.pg.dialect", "core.ruledata.loader", "tomllib",
              "core.services.recovery.history_export", "core.about", "core.storage.sqlite.rekey"}
    assert modules & unused == set()


@pytest.mark.parametrize(("argv", "wanted"), [
    (["--data-dir", "x", "case", "list"], ["cli.case_cmd"]),
    (["--lang", "zh_CN", "restore", "f"], ["cli.store.backup_cmd"]),
    (["--database", "postgresql://ann@office/juliu", "case", "list"], ["cli.case_cmd"]),
    (["--passphrase-file", "deadlines", "presence", "f.csv"], ["cli.presence_cmd"]),  # a value, not the command
    ([], []),  # the window starts: no command module
    (["--version"], []),
])
def test_the_named_command_alone_is_registered(argv: list[str], wanted: list[str]) -> None:
    assert [m.__name__ for m in cli.command_modules(argv)] == wanted


@pytest.mark.parametrize("argv", [None, ["--help"], ["case", "-h"], ["bogus"], ["--", "case"]])
def test_help_and_unknown_words_register_every_command(argv: list[str] | None) -> None:
    names = {m.__name__ for m in cli.command_modules(argv)}
    assert {"cli.case_cmd", "cli.packet_cmd", "cli.store.firm_cmd", "cli.store.crypt_cmd"} <= names


def test_an_unknown_command_is_a_usage_error_listing_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.parse(["bogus"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in err and "'packet'" in err and "'firm'" in err


@pytest.mark.parametrize("value", [
    {}, [], 3, "中文", None,
    {"as_of": "2026-11-30", "items": [{"a": 1, "b": "王五", "c": None, "d": True}, {"a": 2.5}]},
    {"nested": [{"rows": [{"x": 1}]}, [1, [2]], []], "empty": {}},
])
def test_print_json_reads_back_unchanged(value: object) -> None:
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        print_json(value)
    assert json.loads(buffer.getvalue()) == value and buffer.getvalue().endswith("\n")


def test_print_json_puts_each_row_on_one_line() -> None:
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        print_json({"as_of": "2026-11-30", "items": [{"a": 1, "b": "王五"}, {"a": 2, "b": None}]})
    assert buffer.getvalue() == ('{\n  "as_of": "2026-11-30",\n  "items": [\n    {"a": 1, "b": "王五"},\n'
                                 '    {"a": 2, "b": null}\n  ]\n}\n')


def test_the_version_is_read_only_when_asked(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Building the parser reads neither pyproject.toml nor rules/about.toml; `--version` still prints both."""
    def unread() -> str:
        raise AssertionError("the version was read without --version")

    monkeypatch.setattr(cli, "version_line", unread)
    parsed = cli.parse(["--data-dir", "x", "case", "list"])
    assert isinstance(parsed, argparse.Namespace) and parsed.command == "case"
    monkeypatch.undo()
    assert cli.parse(["--version"]) == cli.EXIT_OK
    assert capsys.readouterr().out == f"{about.version_line()}\n"
    assert about.version_line().startswith("Juliu ") and "rules data of 20" in about.version_line()


def test_about_names_the_rules_folder_the_loader_reads() -> None:
    assert about.ABOUT == RULES_DIR / "about.toml" and about.ABOUT.is_file()
