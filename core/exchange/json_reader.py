"""Reading typed values out of parsed JSON while collecting problems that name the JSON path ($.a[2].b)."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from core.errors import InputError, Problem
from core.i18n import _
from core.records.limits import MAX_ID, date_range_problem, text_problem

E = TypeVar("E", bound=StrEnum)
MAX_JSON_BYTES = 256 * 1024 * 1024
MAX_PROBLEMS = 200


def load_json_file(path: Path, max_bytes: int = MAX_JSON_BYTES) -> Any:
    """The JSON value in `path`, or InputError naming the file for anything else: unreadable, too large, not
    UTF-8, not JSON, nested too deeply, a number of more than 4,300 digits, NaN or Infinity."""
    source = str(path)
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError([Problem(source, None, "", _("cannot read file: {reason}").format(
            reason=exc.strerror or exc))]) from exc
    if len(data) > max_bytes:
        raise InputError([Problem(source, None, "", _("larger than {mb} MB: too large to read").format(
            mb=max_bytes // 2**20))])
    return load_json_bytes(data, source)


def load_json_bytes(data: bytes, source: str) -> Any:
    """The JSON value in `data` (read from `source`), or InputError naming it (see load_json_file)."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise InputError([Problem(source, None, "", _("not UTF-8 text (byte {byte})").format(
            byte=exc.start))]) from exc
    except json.JSONDecodeError as exc:
        raise InputError([Problem(source, exc.lineno, "", _("not valid JSON: {reason}").format(
            reason=exc.msg))]) from exc
    except RecursionError as exc:
        raise InputError([Problem(source, None, "", _("not readable: nested too deeply"))]) from exc
    except ValueError as exc:  # an integer of more than 4,300 digits, NaN or Infinity
        reason = _("a number has too many digits") if "digits" in str(exc) else str(exc)[:120]
        raise InputError([Problem(source, None, "", _("not readable: {reason}").format(reason=reason))]) from exc


def _no_constant(name: str) -> Any:
    raise ValueError(_("{name} is not a JSON number").format(name=name))


class JsonReader:
    """Each getter returns a usable value (or None) and records a Problem when the input is wrong."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:  # a hostile file could name millions; the first ones say enough
            self.problems.append(Problem(self.source, None, path[:200], message))

    def obj(self, value: Any, path: str, allowed: Iterable[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, _("expected an object, got {what}").format(what=_kind(value)))
            return {}
        for key in sorted(set(value) - set(allowed)):
            self.fail(f"{path}.{key}", _("unknown field"))
        return value

    def items(self, d: dict[str, Any], key: str, path: str) -> list[tuple[str, Any]]:
        value = d.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", _("expected an array, got {what}").format(what=_kind(value)))
            return []
        return [(f"{path}.{key}[{n}]", v) for n, v in enumerate(value)]

    def text(self, d: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = d.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", _("required"))
            return ""
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", _("expected a string, got {what}").format(what=_kind(value)))
            return ""
        bad = text_problem(value)
        if bad:
            self.fail(f"{path}.{key}", bad)
            return ""
        if required and not value.strip():
            self.fail(f"{path}.{key}", _("must not be empty"))
        return value

    def date(self, d: dict[str, Any], key: str, path: str, *, required: bool = False) -> dt.date | None:
        text = self.text(d, key, path, required=required)
        if not text:
            return None
        try:
            day = dt.date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
        except ValueError:
            self.fail(f"{path}.{key}", _("expected a real date as YYYY-MM-DD, got {what}").format(what=_kind(text)))
            return None
        bad = date_range_problem(day)
        if bad:
            self.fail(f"{path}.{key}", bad)
            return None
        return day

    def time(self, d: dict[str, Any], key: str, path: str) -> dt.time | None:
        text = self.text(d, key, path)
        if not text:
            return None
        try:
            if len(text) != 5:
                raise ValueError(text)
            return dt.time.fromisoformat(text)
        except ValueError:
            self.fail(f"{path}.{key}", _("expected a time as HH:MM, got {what}").format(what=_kind(text)))
            return None

    def enum(self, d: dict[str, Any], key: str, path: str, kind: type[E], default: E | None = None) -> E | None:
        value = d.get(key)
        if value is None and default is not None:
            return default
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            return kind(value)
        except ValueError:
            allowed = ", ".join(repr(k.value) for k in kind)
            self.fail(f"{path}.{key}", _("expected one of {allowed}, got {what}").format(
                allowed=allowed, what=_kind(value)))
            return None

    def integer(self, d: dict[str, Any], key: str, path: str) -> int | None:
        value = d.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{path}.{key}", _("expected an integer, got {what}").format(what=_kind(value)))
            return None
        if abs(value) > MAX_ID:
            self.fail(f"{path}.{key}", _("number too large"))
            return None
        return value

    def boolean(self, d: dict[str, Any], key: str, path: str) -> bool:
        value = d.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", _("expected true or false, got {what}").format(what=_kind(value)))
            return False
        return value

    def money(self, d: dict[str, Any], key: str, path: str) -> Decimal | None:
        """CNY as a decimal string ("1200000.00") or an integer; floats are refused (they round)."""
        value = d.get(key)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.fail(f"{path}.{key}", _("expected an amount as a string such as \"1200000.00\", got {what}").format(
                what=_kind(value)))
            return None
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            self.fail(f"{path}.{key}", _("not an amount: {what}").format(what=_kind(value)))
            return None
        return amount


def _bad_date(text: str) -> dt.date:
    raise ValueError(text)


def _kind(value: Any) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, str) and len(value) > 60:
        return f"{value[:60]!r}…"
    return {bool: _("a boolean"), int: _("a number"), float: _("a number"), str: f"{value!r}", list: _("an array"),
            dict: _("an object")}.get(type(value), type(value).__name__)
