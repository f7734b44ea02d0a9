"""A packet kind applied to one filing's facts: which items apply, one row per NCR country, notes with settings."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from core.eligibility.money import income_years
from core.errors import InputError, Problem
from core.packets.content import NO_TEXT, PhotoSpec, Text
from core.packets.kinds.layers import TemplateSet, load_templates
from core.packets.kinds.templates import ItemRule, KindTemplate, Note
from core.packets.records.facts import PacketFacts, facts_values
from core.ruledata.loader import Provenance, Settings, load_setting_defs

MINOR_NOTE = Text("申请人未满{packet_adult_age}周岁：未成年人是否需要此项，各地做法不一，请向受理机关确认。",
                  "The applicant is under {packet_adult_age}: offices differ on whether a minor needs this; "
                  "ask the office.")


class SettingLookup(Protocol):
    def __getitem__(self, key: str) -> Any: ...


@dataclass(frozen=True)
class PlannedItem:
    """One checklist line for this filing: whether it applies, and why (the condition that decided it)."""

    key: str  # item id, or "ncr:GBR" for one row of an `each` item
    item: str
    name: Text
    applies: bool
    reason: Text
    copies: int
    original: bool
    required: bool
    issued_within_months: int | None
    legalised_within_months: int | None
    photo: PhotoSpec | None
    notes: tuple[Text, ...]
    sources: tuple[Provenance, ...]
    records: tuple[str, ...] = ()  # document-record kinds (core.records.model.DocumentKind) that serve this item
    judged_at: str = "decision"  # "acceptance": its issue window holds on the filing date only (templates.py)
    adult_only: bool = False  # an adult-only item for an applicant under the packet_adult_age setting: not required
    own_only: bool = False  # only the applicant's own documents serve it (items.toml `own`), never a relative's
    year: int | None = None  # a per-year row (`each_year`): the calendar year whose evidence it asks for
    tax_year: bool = False  # the item certifies one tax year (items.toml `period`), rather than being valid over it


@dataclass(frozen=True)
class PacketPlan:
    kind: KindTemplate
    facts: PacketFacts
    items: tuple[PlannedItem, ...]
    notes: tuple[Text, ...]

    @property
    def applicable(self) -> tuple[PlannedItem, ...]:
        return tuple(item for item in self.items if item.applies)

    def item(self, key: str) -> PlannedItem:
        return next(item for item in self.items if item.key == key)


def plan_packet(facts: PacketFacts, templates: TemplateSet | None = None,
                settings: SettingLookup | None = None) -> PacketPlan:
    """The kind (with the city's layer) evaluated on `facts`; InputError for an unknown kind or city."""
    templates = templates or load_templates()
    try:
        kind = templates.kind(facts.kind, facts.city)
    except KeyError as exc:
        field = "kind" if facts.kind not in templates.national else "city"
        raise InputError([Problem("", None, field, str(exc.args[0]))]) from None
    facts = dataclasses.replace(facts, route=facts.route or kind.route)
    values = facts_values(facts)
    settings = settings if settings is not None else Settings(load_setting_defs())
    items = tuple(dataclasses.replace(row, records=templates.records.get(row.item, ()),
                                      own_only=row.item in templates.own, tax_year=row.item in templates.tax_year)
                  for rule in kind.items for row in _rows(rule, values, settings, rule.item in templates.tax_year))
    notes = tuple(_format(n.text, settings) for n in kind.notes if n.when.holds(values))
    return PacketPlan(kind, facts, items, notes)


@dataclass(frozen=True)
class Refusal:
    """Why a kind does not apply to this filing: the reason its data gives, and the rule's source."""

    reason: Text
    source: str


def refusals(kind: KindTemplate, facts: PacketFacts) -> tuple[Refusal, ...]:
    """The kind's `applies` conditions that fail on these facts; empty when the kind applies."""
    values = facts_values(dataclasses.replace(facts, route=facts.route or kind.route))
    return tuple(Refusal(rule.reason, rule.provenance.source) for rule in kind.applies if not rule.when.holds(values))


def _rows(rule: ItemRule, facts: Mapping[str, object], settings: SettingLookup, tax_year: bool = False
          ) -> list[PlannedItem]:
    applies = rule.when.holds(facts)
    reason = Text(f"条件 Condition: {rule.when.text}", f"Condition: {rule.when.text}") if rule.when.text != "true" \
        else NO_TEXT
    base = PlannedItem(
        key=rule.item, item=rule.item, name=rule.name, applies=applies, reason=reason, copies=rule.copies,
        original=rule.original, required=rule.required, issued_within_months=rule.issued_within_months,
        legalised_within_months=rule.legalised_within_months, photo=rule.photo,
        notes=_notes(rule.notes, facts, settings), sources=rule.sources, judged_at=rule.judged_at,
    )
    if rule.adult_only and not facts["adult"]:  # DOMAIN open question 17: a warning for a minor, not a blocker
        base = dataclasses.replace(base, required=False, adult_only=True, notes=(*base.notes, _format(MINOR_NOTE,
                                                                                                    settings)))
        # the note stays in the memo and the client's list: the officer's set leaves out an optional paper not held
    if rule.each_year:
        return _yearly(base, rule.each_year, facts, settings, tax_year)
    if not rule.each:
        return [base]
    values = tuple(str(v) for v in facts[rule.each])  # type: ignore[attr-defined]
    if not values:
        empty = Text(f"无：{rule.each} 为空", f"None: {rule.each} is empty")
        return [dataclasses.replace(base, applies=False, reason=empty)]
    return [dataclasses.replace(base, key=f"{rule.item}:{v}", name=Text(f"{rule.name.zh}（{v}）",
                                                                         f"{rule.name.en} ({v})"))
            for v in values]


def _yearly(base: PlannedItem, count: int, facts: Mapping[str, object], settings: SettingLookup, tax_year: bool
            ) -> list[PlannedItem]:
    """One row per year of the last `count` (the kind's `each_year`), oldest first: the same calendar years the
    eligibility page tests the income of (income_years and the elig_income_years_end setting), so the checklist
    and the memo name the same years."""
    filing_date = facts["filing_date"]
    assert isinstance(filing_date, dt.date)
    years = income_years(filing_date.year, count, str(settings["elig_income_years_end"]))
    return [dataclasses.replace(base, key=f"{base.item}:{year}", year=year, name=year_name(base.name, year, tax_year),
                                notes=base.notes if n == 0 else ())  # the item's notes once, on its first year
            for n, year in enumerate(years)]


def year_name(name: Text, year: int, tax_year: bool) -> Text:
    """"2023年度个人所得税完税证明" for a certificate of a tax year; "…（2023年）" for a permit held in it."""
    if tax_year:
        return Text(f"{year}年度{name.zh}", f"{name.en}, {year}")
    return Text(f"{name.zh}（{year}年）", f"{name.en} ({year})")


def _notes(notes: tuple[Note, ...], facts: Mapping[str, object], settings: SettingLookup) -> tuple[Text, ...]:
    return tuple(_format(n.text, settings) for n in notes if n.when.holds(facts))


class _SettingValues(dict[str, Any]):
    def __init__(self, settings: SettingLookup):
        super().__init__()
        self.settings = settings

    def __missing__(self, key: str) -> Any:
        return self.settings[key]


def _format(text: Text, settings: SettingLookup) -> Text:
    """Fill {setting} placeholders with the value in use, so the packet says which value it assumed."""
    values = _SettingValues(settings)
    return Text(text.zh.format_map(values), text.en.format_map(values))
