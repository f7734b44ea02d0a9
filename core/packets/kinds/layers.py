"""City layers (templates/cities/<city>.toml): local practice added to, changed in, or removed from national lists.

DOMAIN: "Local practice differs by city. Checklists carry a city/variant layer on top of the national list."
Every layer entry names the kinds it touches (globs like "pr_*"), the item, and its own source and confidence.
"""
from __future__ import annotations

import dataclasses
import fnmatch
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.packets.content import Text
from core.packets.kinds.templates import (
    ITEM_KEYS,
    TEMPLATES_DIR,
    ItemRule,
    KindTemplate,
    Note,
    TemplateReader,
    load_catalogue,
    load_kind,
    load_own_items,
    load_tax_year_items,
    setting_keys,
)
from core.ruledata.loader import Provenance, RulesError, load_toml

OPS = ("add", "change", "remove", "note")
_LAYER_KEYS = {
    "add": ITEM_KEYS | {"kinds", "after"},
    "change": ITEM_KEYS | {"kinds", "except"},
    "remove": frozenset({"kinds", "item", "source", "confidence", "effective_from", "setting"}),
    "note": frozenset({"kinds", "zh", "en", "when", "source", "confidence", "effective_from", "setting"}),
}


@dataclass(frozen=True)
class LayerOp:
    op: str
    where: str  # "change[2]": for messages
    kinds: tuple[str, ...]
    item: str
    provenance: Provenance
    values: tuple[tuple[str, Any], ...] = ()  # change: the fields to set
    rule: ItemRule | None = None  # add: the new item
    after: str = ""  # add: insert after this item (default: at the end)
    excluded: tuple[str, ...] = ()  # change of "*": items left alone
    note: Note | None = None  # note: a note for the kind


@dataclass(frozen=True)
class CityLayer:
    id: str
    name: Text
    path: Path
    ops: tuple[LayerOp, ...]


def load_city(path: Path, catalogue: Mapping[str, Text], settings: frozenset[str]) -> CityLayer:
    reader = TemplateReader(path, settings)
    data = reader.table(load_toml(path), "", frozenset({"city", *OPS}))
    city = reader.table(data.get("city"), "city", frozenset({"zh", "en"}))
    ops = []
    for op in OPS:
        for i, raw in enumerate(reader.get(data, op, list, "", default=[])):
            where = f"{op}[{i}]"
            table = reader.table(raw, where, _LAYER_KEYS[op])
            ops.append(_read_op(reader, op, where, table, catalogue))
    return CityLayer(path.stem, Text(reader.get(city, "zh", str, "city"), reader.get(city, "en", str, "city")),
                     path, tuple(ops))


def _read_op(reader: TemplateReader, op: str, where: str, table: dict[str, Any],
             catalogue: Mapping[str, Text]) -> LayerOp:
    kinds = reader.get(table, "kinds", list, where)
    if not kinds or not all(isinstance(k, str) for k in kinds):
        raise reader.error(f"{where}.kinds", "expected a non-empty list of kind ids or globs")
    provenance = reader.provenance(table, where)
    base = LayerOp(op, where, tuple(kinds), str(table.get("item", "")), provenance)
    if op == "note":
        text = Text(reader.get(table, "zh", str, where), reader.get(table, "en", str, where))
        reader.placeholders(text, where)
        return dataclasses.replace(base, note=Note(text, reader.condition(table, where), provenance))
    item = reader.get(table, "item", str, where)
    if item != "*" and item not in catalogue:
        raise reader.error(f"{where}.item", f"{item!r} is not in templates/items.toml")
    if op == "add":
        rule = reader.item({k: v for k, v in table.items() if k not in ("kinds", "after")}, where, catalogue, "")
        return dataclasses.replace(base, rule=rule, after=reader.get(table, "after", str, where, default=""))
    if op == "change":
        values = reader.item_fields(table, where, catalogue)
        excluded = tuple(reader.get(table, "except", list, where, default=[]))
        return dataclasses.replace(base, values=tuple(values.items()), excluded=excluded)
    return base


def apply_layer(kind: KindTemplate, layer: CityLayer) -> KindTemplate:
    """The kind as practised in the layer's city; raises RulesError for an entry that does not fit the kind."""
    items = list(kind.items)
    notes = list(kind.notes)
    for op in layer.ops:
        if any(fnmatch.fnmatchcase(kind.id, pattern) for pattern in op.kinds):
            if op.note is not None:
                notes.append(op.note)
            else:
                items = _apply(items, op, kind.id, layer.path)
    return dataclasses.replace(kind, items=tuple(items), notes=tuple(notes), city=layer.name)


def _apply(items: list[ItemRule], op: LayerOp, kind_id: str, path: Path) -> list[ItemRule]:
    ids = [rule.item for rule in items]
    if op.op == "add":
        assert op.rule is not None
        if op.item in ids:
            raise RulesError(path, f"{op.where}.item", f"{op.item!r} is already an item of {kind_id}; use change")
        if op.after and op.after not in ids:
            raise RulesError(path, f"{op.where}.after", f"{op.after!r} is not an item of {kind_id}")
        at = ids.index(op.after) + 1 if op.after else len(items)
        return [*items[:at], op.rule, *items[at:]]
    if op.item != "*" and op.item not in ids:
        raise RulesError(path, f"{op.where}.item", f"{op.item!r} is not an item of {kind_id}")
    if op.op == "remove":
        return [rule for rule in items if rule.item != op.item]
    return [_changed(rule, op) if op.item in ("*", rule.item) and rule.item not in op.excluded else rule
            for rule in items]


def _changed(rule: ItemRule, op: LayerOp) -> ItemRule:
    """Fields the layer sets replace the national ones; its notes and its source are added to them."""
    values = dict(op.values)
    values["notes"] = rule.notes + values.get("notes", ())
    values["sources"] = rule.sources if op.provenance in rule.sources else (*rule.sources, op.provenance)
    return dataclasses.replace(rule, **values)


@dataclass(frozen=True)
class TemplateSet:
    """Every kind, national and layered for every city, checked when loaded."""

    directory: Path
    catalogue: Mapping[str, Text]
    records: Mapping[str, tuple[str, ...]]  # item id -> the document-record kinds that serve it
    national: Mapping[str, KindTemplate]
    cities: Mapping[str, CityLayer]
    layered: Mapping[tuple[str, str], KindTemplate]
    own: frozenset[str] = frozenset()  # items only the applicant's own documents serve (items.toml `own`)
    tax_year: frozenset[str] = frozenset()  # items certifying one tax year (items.toml `period = "tax_year"`)

    def kind(self, kind_id: str, city: str = "") -> KindTemplate:
        if kind_id not in self.national:
            raise KeyError(f"unknown packet kind {kind_id!r}; known: {', '.join(sorted(self.national))}")
        if city and city not in self.cities:
            raise KeyError(f"no city layer {city!r}; known: {', '.join(sorted(self.cities))}")
        return self.layered[(kind_id, city)] if city else self.national[kind_id]

    def cities_for(self, kind_id: str) -> list[str]:
        """The cities whose layer changes this kind."""
        return sorted(c for c, layer in self.cities.items()
                      if any(fnmatch.fnmatchcase(kind_id, pattern) for op in layer.ops for pattern in op.kinds))


def load_templates(directory: Path = TEMPLATES_DIR, settings_dir: Path | None = None) -> TemplateSet:
    return _load(Path(directory).resolve(), settings_dir)


@functools.lru_cache(maxsize=8)
def _load(directory: Path, settings_dir: Path | None) -> TemplateSet:
    settings = setting_keys(settings_dir)
    catalogue, records = load_catalogue(directory / "items.toml")
    kinds = {p.stem: load_kind(p, catalogue, settings) for p in sorted((directory / "kinds").glob("*.toml"))}
    if not kinds:
        raise RulesError(directory / "kinds", "", "no packet kinds (*.toml) found")
    for kind in kinds.values():
        if kind.family_kind and kind.family_kind not in kinds:
            raise RulesError(directory / "kinds" / f"{kind.id}.toml", "kind.family_kind",
                             f"no packet kind {kind.family_kind!r}; known: {', '.join(sorted(kinds))}")
    cities = {p.stem: load_city(p, catalogue, settings) for p in sorted((directory / "cities").glob("*.toml"))}
    for city in cities.values():
        for op in city.ops:
            if not any(fnmatch.fnmatchcase(k, pattern) for pattern in op.kinds for k in kinds):
                raise RulesError(city.path, f"{op.where}.kinds", f"no packet kind matches {list(op.kinds)}")
    layered = {(k, c): apply_layer(kind, city) for k, kind in kinds.items() for c, city in cities.items()}
    return TemplateSet(directory, catalogue, records, kinds, cities, layered, load_own_items(directory / "items.toml"),
                       load_tax_year_items(directory / "items.toml"))
