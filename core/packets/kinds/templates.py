"""Packet kinds as data (templates/): the loader, which names the file and key of every problem it finds.

templates/items.toml names the documents; templates/kinds/<kind>.toml lists what a kind needs nationally, with
conditions; templates/common/<base>.toml holds lists several kinds share; templates/cities/<city>.toml layers
local practice on top (core/packets/kinds/layers.py). docs/packets.md describes every key.
"""
from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.packets.content import NO_TEXT, PhotoSpec, Text
from core.packets.kinds.conditions import ALWAYS, Condition, ConditionError, parse_condition
from core.packets.records.facts import fact_types
from core.records.model import DocumentKind
from core.ruledata.loader import CONFIDENCES, Provenance, RulesError, field, load_setting_defs, load_toml

TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "templates"
GROUPS = ("rp", "wp", "pr")
UNITS = ("working", "calendar")
ITEM_KEYS = frozenset({
    "item", "when", "each", "copies", "original", "required", "issued_within_months", "legalised_within_months",
    "photo", "notes", "zh", "en", "source", "confidence", "effective_from", "setting", "judged_at", "adult_only",
    "each_year",
})
WINDOWS = ("", "entry", "new_passport")  # entry: [entry_residence_permit]; new_passport: [rp_change]
JUDGED_AT = ("decision", "acceptance")  # when an issue window must still hold: to the decision, or only at filing
PERIODS = ("validity", "tax_year")  # items.toml `period`: what a per-year row of the item matches (plan.py)


@dataclass(frozen=True)
class Note:
    text: Text
    when: Condition = ALWAYS
    provenance: Provenance | None = None


@dataclass(frozen=True)
class ItemRule:
    """One checklist item as a template states it, before the facts of a filing are known."""

    item: str
    name: Text
    sources: tuple[Provenance, ...]
    when: Condition = ALWAYS
    each: str = ""  # a list fact: one row per value (an NCR per country)
    copies: int = 1
    original: bool = True
    required: bool = True
    issued_within_months: int | None = None
    legalised_within_months: int | None = None
    photo: PhotoSpec | None = None
    notes: tuple[Note, ...] = ()
    setting: str = ""  # the setting an L-confidence rule reads its value from
    judged_at: str = "decision"  # "acceptance": the issue window is judged on the filing date only
    adult_only: bool = False  # below the packet_adult_age setting: not required, a warning to ask the office
    each_year: int = 0  # evidence for each of the last N years (PR routes: 4): one row per year (plan.py)


@dataclass(frozen=True)
class Processing:
    days: int
    unit: str  # working | calendar
    provenance: Provenance


TERM_CAPS = ("work_permit", "employment_contract", "passport", "principal_permit", "current_permit")


@dataclass(frozen=True)
class TermRule:
    """What bounds the residence term a kind requests (issue 10 §3): the earliest end of these documents, the
    passport's less `passport_margin_days`."""

    caps: tuple[str, ...]
    passport_margin_days: int
    provenance: Provenance


@dataclass(frozen=True)
class AppliesRule:
    """One condition a kind needs of the applicant (nationality, age, what they hold); `reason` says why the
    kind does not apply when it fails, on the CLI and beside the kind in the wizard."""

    when: Condition
    reason: Text
    provenance: Provenance


@dataclass(frozen=True)
class KindTemplate:
    id: str
    name: Text
    group: str
    route: str
    forms: tuple[str, ...]
    provenance: Provenance
    items: tuple[ItemRule, ...]
    notes: tuple[Note, ...] = ()
    processing: Processing | None = None
    form_values: tuple[tuple[str, Any], ...] = ()
    city: Text | None = None  # set once a city layer is applied
    applies: tuple[AppliesRule, ...] = ()  # every one must hold, or the kind refuses (docs/packets.md)
    term: TermRule | None = None  # what caps the requested residence term (rp kinds)
    window: str = ""  # the filing period the kind runs in: "entry" or "new_passport" (rules/deadlines.toml)
    family_kind: str = ""  # the kind the principal's spouse and children file with this one (core/packets/family.py)


class TemplateReader:
    """Shared checks for one file: unknown keys, types, conditions, notes, provenance, settings."""

    def __init__(self, path: Path, settings: frozenset[str]):
        self.path, self.settings = path, settings

    def error(self, where: str, problem: str) -> RulesError:
        return RulesError(self.path, where, problem)

    def table(self, value: Any, where: str, allowed: frozenset[str] | None = None) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(where, "expected a table")
        unknown = sorted(set(value) - allowed) if allowed is not None else []
        if unknown:
            raise self.error(f"{where}.{unknown[0]}" if where else unknown[0], "unknown key")
        return value

    def get(self, table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str,
            **kw: Any) -> Any:
        return field(table, key, kind, self.path, where, **kw)

    def condition(self, table: Mapping[str, Any], where: str) -> Condition:
        text = self.get(table, "when", str, where, default="")
        try:
            return parse_condition(text) if text else ALWAYS
        except ConditionError as exc:
            raise self.error(f"{where}.when", str(exc)) from None

    def provenance(self, table: Mapping[str, Any], where: str, inherit: str = "") -> Provenance:
        prov = Provenance.read({"effective_from": inherit, **table}, self.path, where)
        if prov.confidence == "L":
            key = self.get(table, "setting", str, where, default="")
            if key not in self.settings:
                raise self.error(f"{where}.setting", "a rule of confidence L must name the setting (rules/"
                                 "settings) that holds its value, so the user sees and may change it")
        return prov

    def notes(self, table: Mapping[str, Any], where: str, *, sourced: bool = False) -> tuple[Note, ...]:
        allowed = frozenset({"zh", "en", "when", "source", "confidence", "effective_from"})
        notes = []
        for i, raw in enumerate(self.get(table, "notes", list, where, default=[])):
            at = f"{where}.notes[{i}]"
            note = self.table(raw, at, allowed)
            text = Text(self.get(note, "zh", str, at), self.get(note, "en", str, at))
            self.placeholders(text, at)
            prov = Provenance.read(note, self.path, at) if sourced or "source" in note else None
            notes.append(Note(text, self.condition(note, at), prov))
        return tuple(notes)

    def placeholders(self, text: Text, where: str) -> None:
        """Notes may quote a setting's value, e.g. {shanghai_spouse_deposit_cny:,}; the setting must exist."""
        for part in (text.zh, text.en):
            try:
                names = [name for _, name, _, _ in string.Formatter().parse(part) if name is not None]
            except ValueError as exc:
                raise self.error(where, f"braces must enclose a setting name, as in {{key}}: {exc}") from None
            for name in names:
                if name not in self.settings:
                    raise self.error(where, f"{{{name}}} is not a setting of rules/settings")

    def photo(self, table: Mapping[str, Any], where: str) -> PhotoSpec | None:
        if "photo" not in table:
            return None
        allowed = frozenset({"count", "size", "background_zh", "background_en", "digital"})
        raw = self.table(table["photo"], f"{where}.photo", allowed)
        at = f"{where}.photo"
        background = Text(self.get(raw, "background_zh", str, at, default=""),
                          self.get(raw, "background_en", str, at, default=""))
        return PhotoSpec(self.get(raw, "count", int, at), self.get(raw, "size", str, at, default=""),
                         background, self.get(raw, "digital", bool, at, default=False))

    def months(self, table: Mapping[str, Any], key: str, where: str) -> int | None:
        value: int | None = self.get(table, key, int, where, default=None)
        if value is not None and value <= 0:
            raise self.error(f"{where}.{key}", "must be a positive number of months")
        return value

    def item_fields(self, table: Mapping[str, Any], where: str, catalogue: Mapping[str, Text]) -> dict[str, Any]:
        """The item fields present in `table`, validated; used both for whole items and for layer changes."""
        out: dict[str, Any] = {}
        if "when" in table:
            out["when"] = self.condition(table, where)
        if "each" in table:
            out["each"] = self.get(table, "each", str, where)
            if fact_types().get(out["each"]) != "list":
                raise self.error(f"{where}.each", f"{out['each']!r} is not a list fact")
        for key, kind in (("copies", int), ("original", bool), ("required", bool), ("adult_only", bool)):
            if key in table:
                out[key] = self.get(table, key, kind, where)
        if out.get("copies", 0) < 0:
            raise self.error(f"{where}.copies", "cannot be negative")
        if "each_year" in table:
            out["each_year"] = self.get(table, "each_year", int, where)
            if not 1 <= out["each_year"] <= 10:
                raise self.error(f"{where}.each_year", "expected a number of years from 1 to 10")
        for key in ("issued_within_months", "legalised_within_months"):
            if key in table:
                out[key] = self.months(table, key, where)
        if "photo" in table:
            out["photo"] = self.photo(table, where)
        if "judged_at" in table:
            out["judged_at"] = self.get(table, "judged_at", str, where, choices=JUDGED_AT)
        if "zh" in table or "en" in table:
            name = catalogue.get(str(table.get("item", "")), NO_TEXT)
            out["name"] = Text(self.get(table, "zh", str, where, default=name.zh),
                               self.get(table, "en", str, where, default=name.en))
        if "notes" in table:
            out["notes"] = self.notes(table, where)
        return out

    def item(self, table: Any, where: str, catalogue: Mapping[str, Text], inherit: str) -> ItemRule:
        raw = self.table(table, where, ITEM_KEYS)
        item = self.get(raw, "item", str, where)
        if item not in catalogue:
            raise self.error(f"{where}.item", f"{item!r} is not in templates/items.toml")
        values = {"name": catalogue[item], **self.item_fields(raw, where, catalogue)}
        return ItemRule(item=item, sources=(self.provenance(raw, where, inherit),), **values)


def load_catalogue(path: Path) -> tuple[dict[str, Text], dict[str, tuple[str, ...]]]:
    """Item names, and the document-record kinds that serve each item (checked against DocumentKind)."""
    reader = TemplateReader(path, frozenset())
    catalogue, records = {}, {}
    known = {kind.value for kind in DocumentKind} | {"passport"}
    for key, raw in load_toml(path).items():
        table = reader.table(raw, key, frozenset({"zh", "en", "names", "records", "own", "period"}))
        reader.get(table, "own", bool, key, default=False)
        reader.get(table, "period", str, key, default="validity", choices=PERIODS)
        reader.get(table, "names", str, key, choices=CONFIDENCES)
        catalogue[key] = Text(reader.get(table, "zh", str, key), reader.get(table, "en", str, key))
        kinds = reader.get(table, "records", list, key, default=[])
        unknown = [k for k in kinds if k not in known]
        if unknown:
            raise reader.error(f"{key}.records", f"{unknown[0]!r} is not a document kind of core.records.model")
        records[key] = tuple(kinds)
    return catalogue, records


def load_own_items(path: Path) -> frozenset[str]:
    """Items only the applicant's own documents serve (`own = true`: a relative's NCR is never the applicant's)."""
    return frozenset(key for key, raw in load_toml(path).items() if isinstance(raw, dict) and raw.get("own") is True)


def load_tax_year_items(path: Path) -> frozenset[str]:
    """Items that certify one tax year (`period = "tax_year"`: a wage or IIT certificate), as opposed to a
    document whose validity covers a year (a permit): a per-year row takes the certificate of that year."""
    return frozenset(key for key, raw in load_toml(path).items()
                     if isinstance(raw, dict) and raw.get("period") == "tax_year")


def load_items(path: Path, catalogue: Mapping[str, Text], settings: frozenset[str], inherit: str = "",
               data: Mapping[str, Any] | None = None) -> tuple[ItemRule, ...]:
    """The [[items]] of a kind or base file; one item id at most once per list."""
    reader = TemplateReader(path, settings)
    data = load_toml(path) if data is None else data
    raw_items = reader.get(data, "items", list, "", default=[])
    items = tuple(reader.item(raw, f"items[{i}]", catalogue, inherit) for i, raw in enumerate(raw_items))
    _unique(items, path)
    return items


def _unique(items: tuple[ItemRule, ...], path: Path) -> None:
    seen: set[str] = set()
    for i, rule in enumerate(items):
        if rule.item in seen:
            raise RulesError(path, f"items[{i}].item", f"{rule.item!r} is listed twice")
        seen.add(rule.item)


def load_kind(path: Path, catalogue: Mapping[str, Text], settings: frozenset[str]) -> KindTemplate:
    reader = TemplateReader(path, settings)
    data = reader.table(load_toml(path), "", frozenset({"kind", "form_values", "items", "applies"}))
    allowed = frozenset({"zh", "en", "group", "route", "base", "forms", "source", "confidence", "effective_from",
                         "processing", "notes", "term", "window", "family_kind"})
    kind = reader.table(data.get("kind"), "kind", allowed)
    provenance = reader.provenance(kind, "kind")
    items = load_items(path, catalogue, settings, provenance.effective_from, data)
    base = reader.get(kind, "base", str, "kind", default="")
    if base:
        base_path = path.parent.parent / "common" / f"{base}.toml"
        if not base_path.is_file():
            raise reader.error("kind.base", f"no file {base_path}")
        items = _merge(load_items(base_path, catalogue, settings), items)
    forms = reader.get(kind, "forms", list, "kind")
    if not all(isinstance(f, str) for f in forms):
        raise reader.error("kind.forms", "expected a list of form ids")
    return KindTemplate(
        id=path.stem, name=Text(reader.get(kind, "zh", str, "kind"), reader.get(kind, "en", str, "kind")),
        group=reader.get(kind, "group", str, "kind", choices=GROUPS), route=reader.get(kind, "route", str, "kind"),
        forms=tuple(forms), provenance=provenance, items=items, notes=reader.notes(kind, "kind", sourced=True),
        processing=_processing(reader, kind),
        form_values=tuple(sorted(reader.table(data.get("form_values", {}), "form_values").items())),
        applies=_applies(reader, data), term=_term(reader, kind),
        window=reader.get(kind, "window", str, "kind", default="", choices=WINDOWS),
        family_kind=reader.get(kind, "family_kind", str, "kind", default=""),
    )


def _term(reader: TemplateReader, kind: Mapping[str, Any]) -> TermRule | None:
    if "term" not in kind:
        return None
    allowed = frozenset({"caps", "passport_margin_days", "source", "confidence", "effective_from"})
    raw = reader.table(kind["term"], "kind.term", allowed)
    caps = reader.get(raw, "caps", list, "kind.term")
    unknown = [c for c in caps if c not in TERM_CAPS]
    if unknown or not caps:
        raise reader.error("kind.term.caps", f"expected some of {', '.join(TERM_CAPS)}; got {unknown or caps!r}")
    margin = reader.get(raw, "passport_margin_days", int, "kind.term", default=0)
    return TermRule(tuple(caps), margin, reader.provenance(raw, "kind.term"))


def _applies(reader: TemplateReader, data: Mapping[str, Any]) -> tuple[AppliesRule, ...]:
    allowed = frozenset({"when", "zh", "en", "source", "confidence", "effective_from"})
    rules = []
    for i, raw in enumerate(reader.get(data, "applies", list, "", default=[])):
        at = f"applies[{i}]"
        table = reader.table(raw, at, allowed)
        if "when" not in table:
            raise reader.error(f"{at}.when", "missing: the condition the kind needs")
        rules.append(AppliesRule(reader.condition(table, at), Text(reader.get(table, "zh", str, at),
                                                                    reader.get(table, "en", str, at)),
                                 reader.provenance(table, at)))
    return tuple(rules)


def _merge(base: tuple[ItemRule, ...], own: tuple[ItemRule, ...]) -> tuple[ItemRule, ...]:
    """The kind's own items replace the base's of the same id in place; the rest follow the base list."""
    replacing = {rule.item: rule for rule in own}
    merged = [replacing.pop(rule.item, rule) for rule in base]
    return tuple(merged + [rule for rule in own if rule.item in replacing])


def _processing(reader: TemplateReader, kind: Mapping[str, Any]) -> Processing | None:
    if "processing" not in kind:
        return None
    allowed = frozenset({"days", "unit", "source", "confidence", "effective_from"})
    raw = reader.table(kind["processing"], "kind.processing", allowed)
    return Processing(reader.get(raw, "days", int, "kind.processing"),
                      reader.get(raw, "unit", str, "kind.processing", choices=UNITS),
                      reader.provenance(raw, "kind.processing"))


def setting_keys(directory: Path | None = None) -> frozenset[str]:
    return frozenset(load_setting_defs(directory) if directory else load_setting_defs())
