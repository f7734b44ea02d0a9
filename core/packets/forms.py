"""Forms as data (forms/*.toml): load a form's layout, and fill it from a values mapping into a FilledForm.

A cell's `source` is a path like "applicant.family_name" into the values: a flat key of that name, or nested
mappings. Dates print in the form's own format; a choice ticks the options whose value matches.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import InputError, Problem
from core.packets.content import NO_TEXT, FilledForm, FormCell, FormOption, FormRow, Text
from core.packets.kinds.templates import TemplateReader
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, field, load_toml

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
CELL_TYPES = ("text", "choice", "table", "heading", "static", "signature")
STYLES = ("replica", "prep")
_CELL_KEYS = frozenset({"type", "zh", "en", "source", "span", "format", "options", "multiple", "columns",
                        "min_rows", "required", "timeline", "guardian_zh", "guardian_en"})
MINOR = "applicant.minor"  # true when the applicant is under the packet_adult_age setting: a guardian signs
TIMELINES = RULES_DIR / "timelines.toml"


@dataclass(frozen=True)
class Timeline:
    """How continuous a table of periods must be (rules/timelines.toml)."""

    name: Text
    gap_months: int
    provenance: Provenance
    from_age: int | None = None
    starts_by: str = ""


@functools.lru_cache(maxsize=4)
def load_timelines(path: Path = TIMELINES) -> dict[str, Timeline]:
    found = {}
    for key, table in load_toml(path).items():
        if not isinstance(table, dict):
            raise RulesError(path, key, "expected a table")
        unknown = sorted(set(table) - {"zh", "en", "gap_months", "from_age", "starts_by", "source", "confidence",
                                       "effective_from"})
        if unknown:
            raise RulesError(path, f"{key}.{unknown[0]}", "unknown key")
        found[key] = Timeline(Text(field(table, "zh", str, path, key), field(table, "en", str, path, key)),
                              field(table, "gap_months", int, path, key), Provenance.read(table, path, key),
                              field(table, "from_age", int, path, key, default=None),
                              field(table, "starts_by", str, path, key, default=""))
    return found
_FORM_KEYS = frozenset({"zh", "en", "style", "item", "prepares", "columns", "date_format", "notice_zh", "notice_en",
                        "instruction_zh", "instruction_en", "source", "confidence", "effective_from", "photo"})


@dataclass(frozen=True)
class OptionDef:
    value: str
    label: Text


@dataclass(frozen=True)
class ColumnDef:
    key: str
    label: Text
    span: int
    format: str = ""


@dataclass(frozen=True)
class CellDef:
    type: str
    label: Text
    span: int
    source: str = ""
    format: str = ""  # "date": an ISO date string prints in the form's date format
    options: tuple[OptionDef, ...] = ()
    multiple: bool = False
    columns: tuple[ColumnDef, ...] = ()
    min_rows: int = 0
    required: bool = False  # a blank value is a finding naming the field, and the form's row is "incomplete"
    timeline: Timeline | None = None  # a table of periods (from/to) that must be continuous (rules/timelines.toml)
    guardian: Text = NO_TEXT  # a signature cell's label when the applicant is a minor (监护人签名)


@dataclass(frozen=True)
class FormDef:
    id: str
    path: Path
    title: Text
    style: str
    columns: int
    date_format: str
    notice: Text
    instruction: Text
    provenance: Provenance
    rows: tuple[tuple[CellDef, ...], ...]
    photo_rows: int = 0
    photo_span: int = 0
    photo_label: Text = NO_TEXT
    item: str = ""  # the checklist item this form, once signed, is (the replica is the application form)
    prepares: str = ""  # the checklist item a preparation sheet prepares (its gaps make that row "incomplete")
    timelines: tuple[Provenance, ...] = ()  # the sources of its timeline rules, printed with the form's own

    def sources(self) -> list[str]:
        """Every value path the form reads, for the adapter that builds the values mapping."""
        return [cell.source for row in self.rows for cell in row if cell.source]


def form_ids(directory: Path = FORMS_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.toml"))


@functools.lru_cache(maxsize=16)
def load_form(form_id: str, directory: Path = FORMS_DIR) -> FormDef:
    path = directory / f"{form_id}.toml"
    if not path.is_file():
        raise RulesError(path, "", f"no form {form_id!r}; known: {', '.join(form_ids(directory))}")
    r = TemplateReader(path, frozenset())
    data = r.table(load_toml(path), "", frozenset({"form", "rows"}))
    form = r.table(data.get("form"), "form", _FORM_KEYS)
    columns = r.get(form, "columns", int, "form")
    photo = r.table(form.get("photo", {}), "form.photo", frozenset({"rows", "span", "zh", "en"}))
    photo_rows = r.get(photo, "rows", int, "form.photo", default=0)
    photo_span = r.get(photo, "span", int, "form.photo", default=0)
    rows = []
    for i, raw in enumerate(r.get(data, "rows", list, "")):
        row = r.table(raw, f"rows[{i}]", frozenset({"cells"}))
        cells = tuple(_cell(r, c, f"rows[{i}].cells[{j}]") for j, c in enumerate(r.get(row, "cells", list,
                                                                                           f"rows[{i}]")))
        width = columns - (photo_span if i < photo_rows else 0)
        if sum(c.span for c in cells) != width:
            raise r.error(f"rows[{i}].cells", f"spans add up to {sum(c.span for c in cells)}, expected {width}")
        rows.append(cells)
    return FormDef(
        id=form_id, path=path, title=_text(r, form, "form"), style=r.get(form, "style", str, "form", choices=STYLES),
        columns=columns, date_format=r.get(form, "date_format", str, "form"),
        notice=Text(r.get(form, "notice_zh", str, "form"), r.get(form, "notice_en", str, "form")),
        instruction=Text(r.get(form, "instruction_zh", str, "form", default=""),
                         r.get(form, "instruction_en", str, "form", default="")),
        provenance=Provenance.read(form, path, "form"), rows=tuple(rows), photo_rows=photo_rows,
        photo_span=photo_span, photo_label=Text(photo.get("zh", ""), photo.get("en", "")),
        item=r.get(form, "item", str, "form", default=""),
        prepares=r.get(form, "prepares", str, "form", default=""),
        timelines=tuple(dict.fromkeys(c.timeline.provenance for row in rows for c in row if c.timeline)),
    )


def _text(r: TemplateReader, table: Mapping[str, Any], where: str) -> Text:
    return Text(r.get(table, "zh", str, where), r.get(table, "en", str, where, default=""))


def _cell(r: TemplateReader, raw: Any, where: str) -> CellDef:
    cell = r.table(raw, where, _CELL_KEYS)
    kind = r.get(cell, "type", str, where, choices=CELL_TYPES)
    needs_source = kind in ("text", "choice", "table")
    options = tuple(OptionDef(str(r.get(o, "value", (str, bool), f"{where}.options[{k}]")),
                              _text(r, o, f"{where}.options[{k}]"))
                    for k, o in enumerate(r.get(cell, "options", list, where, default=[])))
    if kind == "choice" and not options:
        raise r.error(f"{where}.options", "a choice needs options")
    columns = tuple(ColumnDef(r.get(c, "key", str, f"{where}.columns[{k}]"), _text(r, c, f"{where}.columns[{k}]"),
                              r.get(c, "span", int, f"{where}.columns[{k}]"),
                              r.get(c, "format", str, f"{where}.columns[{k}]", default="", choices=("", "date")))
                    for k, c in enumerate(r.get(cell, "columns", list, where, default=[])))
    if kind == "table" and sum(c.span for c in columns) != r.get(cell, "span", int, where):
        raise r.error(f"{where}.columns", "column spans must add up to the table's span")
    return CellDef(
        type=kind, label=_text(r, cell, where), span=r.get(cell, "span", int, where),
        source=r.get(cell, "source", str, where) if needs_source else "",
        format=r.get(cell, "format", str, where, default="", choices=("", "date")), options=options,
        multiple=r.get(cell, "multiple", bool, where, default=False), columns=columns,
        min_rows=r.get(cell, "min_rows", int, where, default=0),
        required=r.get(cell, "required", bool, where, default=False),
        timeline=_timeline(r, cell, where),
        guardian=Text(r.get(cell, "guardian_zh", str, where, default=""),
                      r.get(cell, "guardian_en", str, where, default="")),
    )


def _timeline(r: TemplateReader, cell: Mapping[str, Any], where: str) -> Timeline | None:
    name = r.get(cell, "timeline", str, where, default="")
    if not name:
        return None
    timelines = load_timelines()
    if name not in timelines:
        raise r.error(f"{where}.timeline", f"no timeline {name!r} in {TIMELINES.name}; known: "
                      f"{', '.join(sorted(timelines))}")
    return timelines[name]


_MISSING = object()


def lookup(values: Mapping[str, Any], path: str) -> Any:
    """A flat key "applicant.sex" first, else nested mappings; None when absent."""
    if path in values:
        return values[path]
    node: Any = values
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def fill_form(form: FormDef, values: Mapping[str, Any]) -> FilledForm:
    """The form with every value in place; InputError naming the value path for a choice no option matches."""
    rows = tuple(FormRow(tuple(_fill(form, cell, values) for cell in row)) for row in form.rows)
    return FilledForm(form.id, form.style, form.title, form.notice, form.instruction, form.columns, rows,
                      form.photo_rows, form.photo_span, form.photo_label, (form.provenance, *form.timelines),
                      form.item or form.prepares)


def _fill(form: FormDef, cell: CellDef, values: Mapping[str, Any]) -> FormCell:
    value = lookup(values, cell.source) if cell.source else None
    if cell.type == "signature" and cell.guardian.zh and lookup(values, MINOR) is True:
        return FormCell(cell.type, cell.guardian, cell.span)
    base = FormCell(cell.type, cell.label, cell.span)
    if cell.type == "text":
        return FormCell(cell.type, cell.label, cell.span, value=_format(form, value, cell.format))
    if cell.type == "choice":
        given = value if isinstance(value, list | tuple) else [value]
        chosen = {_choice_text(v) for v in given if v is not None and v != ""}  # blank: nothing ticked
        unknown = chosen - {o.value for o in cell.options}
        if unknown:
            allowed = ", ".join(o.value for o in cell.options)
            problem = f"{sorted(unknown)[0]!r} is not an option of this form field ({allowed})"
            raise InputError([Problem(str(form.path), None, cell.source, problem)])
        options = tuple(FormOption(o.label, o.value in chosen) for o in cell.options)
        return FormCell(cell.type, cell.label, cell.span, options=options)
    if cell.type == "table":
        entries: Sequence[Any] = value if isinstance(value, list | tuple) else []
        rows = [tuple(_format(form, lookup(e, c.key) if isinstance(e, Mapping) else None, c.format)
                      for c in cell.columns) for e in entries]
        rows += [tuple("" for _ in cell.columns)] * max(0, cell.min_rows - len(rows))
        return FormCell(cell.type, cell.label, cell.span, columns=tuple(c.label for c in cell.columns),
                        column_spans=tuple(c.span for c in cell.columns), rows=tuple(rows))
    return base


def _choice_text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _format(form: FormDef, value: Any, fmt: str) -> str:
    """Dates in the form's own format (a form may say Y/M/D); everything else as text."""
    if value is None:
        return ""
    if isinstance(value, str) and fmt == "date" and value:
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)  # a partial date such as "2019-09" (resume rows) prints as given
    if isinstance(value, dt.date):
        return value.strftime(form.date_format)
    return str(value)
