"""Helpers shared by the CLI commands: opening the service, printing JSON and tables."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import sys
from collections.abc import Callable, Iterator, Sequence

from cli import passphrase
from core.errors import InputError, Problem
from core.i18n import _
from core.records.limits import MAX_ID, date_range_problem, id_problem
from core.services.facade import JuliuService
from core.storage.sqlite.cipher import needs_passphrase
from core.storage.sqlite.db import DB_FILENAME, data_dir, database_url


def store_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase of an encrypted store (asked for only when the store is encrypted)."""
    path = data_dir(args.data_dir) / DB_FILENAME
    if not needs_passphrase(path):
        return None
    return passphrase.obtain(args, _("Passphrase for {path}: ").format(path=path))


def open_service(args: argparse.Namespace) -> JuliuService:
    """The firm database named by --database or JULIU_DATABASE_URL, else the SQLite file (the default)."""
    url = database_url(getattr(args, "database", None))
    if url is not None:
        return JuliuService.open_url(url)
    return JuliuService.open(data_dir(args.data_dir), store_passphrase(args))


@contextlib.contextmanager
def opened(args: argparse.Namespace) -> Iterator[JuliuService]:
    """`open_service` for the length of a `with` block: the store is closed however the block ends."""
    service = open_service(args)
    try:
        yield service
    finally:
        service.close()


def require_file_store(args: argparse.Namespace, command: str) -> None:
    """Backups, restores and encryption are about the SQLite file; on a firm database the server does them."""
    if database_url(getattr(args, "database", None)) is not None:
        raise InputError([Problem("", None, command, _(
            "works on the SQLite file; a firm database is backed up with pg_dump and protected on its server "
            "(docs/firm.md); nothing was changed"))])


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a command builds many small acyclic objects (the deadlines of 10,000
    clients: 12,000 people's records and 113,000 items; the collector re-walked them all, ~10 % of the CPU)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def print_json(value: object) -> None:
    """Indented JSON, written in pieces; an object inside a list that holds only plain values (a row: a deadline, an
    applicant, a crossing) takes one line, written by json's C encoder. `deadlines --json` at 10,000 clients is
    113,000 rows: 49 MB and 0.9 s of CPU indented field by field, 0.3 s this way (issue 15)."""
    sys.stdout.writelines(_json_parts(value, ""))
    sys.stdout.write("\n")


def _json_parts(value: object, indent: str) -> list[str]:
    inner = indent + "  "
    if isinstance(value, dict) and value:
        parts = ["{"]
        for n, (key, item) in enumerate(value.items()):
            parts += [",\n" if n else "\n", inner, json.dumps(str(key), ensure_ascii=False), ": ",
                      *_json_parts(item, inner)]
        return [*parts, "\n", indent, "}"]
    if isinstance(value, list | tuple) and value:
        parts = ["["]
        for n, item in enumerate(value):
            parts += [",\n" if n else "\n", inner]
            parts += [json.dumps(item, ensure_ascii=False)] if _is_row(item) else _json_parts(item, inner)
        return [*parts, "\n", indent, "]"]
    return [json.dumps(value, ensure_ascii=False)]


def _is_row(value: object) -> bool:
    return isinstance(value, dict) and all(not isinstance(v, dict | list | tuple) for v in value.values())


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(h) for h in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        print("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip())


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def iso_date(text: str) -> dt.date:
    """A date argument within the range every stored date keeps to (core.records.limits)."""
    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(_("expected a date as YYYY-MM-DD, got {text}").format(text=repr(text[:40])))
    reason = date_range_problem(day)
    if reason:
        raise argparse.ArgumentTypeError(reason)
    return day


def record_id(text: str) -> int:
    """An id argument: a whole number SQLite can hold."""
    value = _whole(text)
    if value is None or id_problem(value):
        raise argparse.ArgumentTypeError(_("expected an id from 1 to {max}, got {text}").format(
            max=MAX_ID, text=repr(text[:40])))
    return value


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type for a whole number from `low` to `high`."""
    def parse(text: str) -> int:
        value = _whole(text)
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(_("expected a whole number from {low} to {high}, got {text}").format(
                low=low, high=high, text=repr(text[:40])))
        return value

    parse.__name__ = "whole number"
    return parse


def _whole(text: str) -> int | None:
    text = text.strip()
    digits = text.removeprefix("-")
    if not digits.isascii() or not digits.isdigit() or len(digits) > 25:
        return None
    return int(text)
