"""Field mappings for user-supplied fillable official PDFs: PDF field name -> where its value comes from.

A mapping is TOML (docs/packets.md):
    [form]
    name = "Shanghai RP application"      # shown in messages
    date_format = "%Y-%m-%d"                # default for every date field
    [fields]
    "FamilyName" = "applicant.family_name"
    "BirthDate" = { source = "applicant.birth_date", date_format = "%Y/%m/%d" }
    "Sex_M" = { source = "applicant.sex", on = "M" }   # a checkbox, ticked when the value equals `on`
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.packets.forms import lookup
from core.packets.kinds.templates import TemplateReader
from core.ruledata.loader import load_toml


@dataclass(frozen=True)
class FieldRule:
    field: str  # the PDF field's fully qualified name
    source: str  # value path, as in forms/*.toml
    on: str | None = None  # checkboxes: the value that ticks the box
    date_format: str = ""


@dataclass(frozen=True)
class FieldMapping:
    path: Path
    name: str
    rules: tuple[FieldRule, ...]

    def values(self, values: Mapping[str, Any]) -> dict[str, str | bool]:
        """Text per text field, True/False per checkbox; fields whose value is absent are left out."""
        out: dict[str, str | bool] = {}
        for rule in self.rules:
            value = lookup(values, rule.source)
            if rule.on is not None:
                chosen = value if isinstance(value, list | tuple) else [value]
                out[rule.field] = rule.on in {str(v).lower() if isinstance(v, bool) else str(v) for v in chosen}
            elif value is not None:
                out[rule.field] = _text(value, rule.date_format)
        return out


def _text(value: Any, date_format: str) -> str:
    if isinstance(value, str) and date_format:
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    return str(value.strftime(date_format or "%Y-%m-%d")) if isinstance(value, dt.date) else str(value)


def load_field_mapping(path: Path) -> FieldMapping:
    """Read and check a mapping file; RulesError names the file and the key of any problem."""
    reader = TemplateReader(path, frozenset())
    data = reader.table(load_toml(path), "", frozenset({"form", "fields"}))
    form = reader.table(data.get("form", {}), "form", frozenset({"name", "date_format", "source", "confidence",
                                                                  "effective_from"}))
    default_format = reader.get(form, "date_format", str, "form", default="%Y-%m-%d")
    fields = reader.table(data.get("fields"), "fields")
    if not fields:
        raise reader.error("fields", "no fields are mapped")
    rules = []
    for name, raw in fields.items():
        where = f'fields."{name}"'
        if isinstance(raw, str):
            rules.append(FieldRule(name, raw, None, default_format))
            continue
        table = reader.table(raw, where, frozenset({"source", "on", "date_format"}))
        on = reader.get(table, "on", (str, bool), where, default=None)
        rules.append(FieldRule(name, reader.get(table, "source", str, where),
                               None if on is None else (str(on).lower() if isinstance(on, bool) else on),
                               reader.get(table, "date_format", str, where, default=default_format)))
    return FieldMapping(path, reader.get(form, "name", str, "form", default=path.stem), tuple(rules))
