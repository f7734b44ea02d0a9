"""Loading rules data (TOML under rules/) with errors that name the file and the key, and the settings registry.

Every threshold whose confidence is L, and every open question of DOMAIN.md, is a setting with a stated default
(rules/settings/*.toml); the user may override it, and results show which value was used.
"""
from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.i18n import N_, _, current_locale

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"
CONFIDENCES = ("H", "M", "L")
SETTING_KINDS: dict[str, type | tuple[type, ...]] = {
    "int": int, "float": (int, float), "str": str, "bool": bool, "choice": str}
KIND_WORDS = {"int": N_("a whole number"), "float": N_("a number"), "str": N_("text"), "bool": N_("yes or no"),
              "choice": N_("one of the choices")}


class RulesError(ValueError):
    """A rules file that cannot be used; names the file, the key and the problem."""

    def __init__(self, path: Path | str, key: str, problem: str):
        self.path, self.key, self.problem = str(path), key, problem
        super().__init__(f"{path}: {key}: {problem}" if key else f"{path}: {problem}")


def load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RulesError(path, "", f"cannot read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(path, "", f"not valid TOML: {exc}") from exc


def field(table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], path: Path, where: str,
          *, default: Any = ..., choices: tuple[Any, ...] | None = None) -> Any:
    """One value of a rules table, type-checked; `where` is the dotted path of the table for messages."""
    full = f"{where}.{key}" if where else key
    if key not in table:
        if default is ...:
            raise RulesError(path, full, "missing")
        return default
    value = table[key]
    if isinstance(value, bool) and kind is not bool and bool not in (kind if isinstance(kind, tuple) else ()):
        raise RulesError(path, full, f"expected {_kind_name(kind)}, got {value!r}")
    if not isinstance(value, kind):
        raise RulesError(path, full, f"expected {_kind_name(kind)}, got {value!r}")
    if choices is not None and value not in choices:
        raise RulesError(path, full, f"expected one of {', '.join(map(str, choices))}, got {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


@dataclass(frozen=True)
class Provenance:
    """Where a rule comes from: a DOMAIN.md §0 source key, how sure we are, and since when it applies."""

    source: str
    confidence: str
    effective_from: str  # ISO date, or "" when unknown

    @classmethod
    def read(cls, table: Mapping[str, Any], path: Path, where: str) -> Provenance:
        return cls(source=field(table, "source", str, path, where),
                   confidence=field(table, "confidence", str, path, where, choices=CONFIDENCES),
                   effective_from=str(table.get("effective_from", "")))


@dataclass(frozen=True)
class SettingDef:
    key: str
    kind: str
    default: Any
    label_en: str
    label_zh: str
    note: str
    provenance: Provenance
    choices: tuple[Any, ...] = ()
    note_zh: str = ""  # the note in Chinese, shown in the Chinese interface

    def note_for(self, locale: str) -> str:
        """The note in the interface language: Chinese for a zh locale when there is one, else the English."""
        return self.note_zh if locale.startswith("zh") and self.note_zh else self.note

    def label_for(self, locale: str) -> str:
        """The label the settings dialog shows, in the interface language."""
        return self.label_zh if locale.startswith("zh") and self.label_zh else self.label_en

    def check(self, value: Any) -> Any:
        """The value if it fits this setting, else ValueError saying why."""
        expected = SETTING_KINDS[self.kind]
        if isinstance(value, bool) and self.kind != "bool" or not isinstance(value, expected):
            raise ValueError(f"{self.key}: " + _("expected {kind}, got {value}").format(
                kind=_(KIND_WORDS[self.kind]), value=repr(value)))
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.key}: " + _("expected one of {choices}, got {value}").format(
                choices=", ".join(map(str, self.choices)), value=repr(value)))
        return value


@lru_cache(maxsize=1)
def _shipped_setting_defs() -> dict[str, SettingDef]:
    return load_setting_defs()


def setting_label(key: str) -> str:
    """What File > Settings calls the setting `key`, in the interface language: a note names a setting by this,
    never by its key (the key itself when the rules do not declare it)."""
    found = _shipped_setting_defs().get(key)
    return found.label_for(current_locale()) if found else key


def load_setting_defs(directory: Path = RULES_DIR / "settings") -> dict[str, SettingDef]:
    defs: dict[str, SettingDef] = {}
    for path in sorted(directory.glob("*.toml")):
        for key, table in load_toml(path).items():
            if not isinstance(table, dict):
                raise RulesError(path, key, "expected a table")
            if key in defs:
                raise RulesError(path, key, "defined twice")
            kind = field(table, "kind", str, path, key, choices=tuple(SETTING_KINDS))
            choices = tuple(field(table, "choices", list, path, key, default=[]))
            definition = SettingDef(
                key=key, kind=kind, default=table.get("default"),
                label_en=field(table, "label_en", str, path, key), label_zh=field(table, "label_zh", str, path, key),
                note=field(table, "note", str, path, key, default=""),
                note_zh=field(table, "note_zh", str, path, key, default=""),
                provenance=Provenance.read(table, path, key), choices=choices)
            if "default" not in table:
                raise RulesError(path, f"{key}.default", "missing")
            try:
                definition.check(definition.default)
            except ValueError as exc:
                raise RulesError(path, f"{key}.default", str(exc).split(": ", 1)[1]) from None
            defs[key] = definition
    return defs


def setting_groups(directory: Path = RULES_DIR / "settings") -> dict[str, tuple[str, ...]]:
    """Setting keys by the file that defines them (file stem, e.g. "eligibility"), in file order, for editors."""
    return {path.stem: tuple(k for k, v in load_toml(path).items() if isinstance(v, dict))
            for path in sorted(directory.glob("*.toml"))}


class Settings:
    """Rule defaults overlaid with the user's stored choices."""

    def __init__(self, defs: Mapping[str, SettingDef], stored: Mapping[str, str] | None = None):
        self.defs = dict(defs)
        self._values: dict[str, Any] = {k: d.default for k, d in self.defs.items()}
        for key, text in (stored or {}).items():
            if key in self.defs:
                try:
                    self._values[key] = self.defs[key].check(json.loads(text))
                except (ValueError, RecursionError):
                    pass  # a stored value that no longer fits falls back to the stated default

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def is_default(self, key: str) -> bool:
        return bool(self._values[key] == self.defs[key].default)

    def with_value(self, key: str, value: Any) -> Settings:
        """A copy with one value changed (for what-if computations); raises ValueError if it does not fit."""
        if key not in self.defs:
            raise ValueError(f"unknown setting {key!r}")
        copy = Settings(self.defs)
        copy._values = {**self._values, key: self.defs[key].check(value)}
        return copy
