"""Presence thresholds as data: rules/presence.toml (with provenance) plus the settings for DOMAIN's open questions."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.presence.absences import DATE_DIFFERENCE, FULL_DAYS, MEASURES
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, Settings, field, load_toml

PRESENCE_RULES = RULES_DIR / "presence.toml"
EXIT_YEAR = "exit_year"
EVERY_YEAR = "every_year"
ENTRY_YEAR = "entry_year"  # the year of the return (DOMAIN open question 15: the year the absence ends)
ATTRIBUTIONS = (EXIT_YEAR, ENTRY_YEAR, EVERY_YEAR)

# Unit tokens of the condition syntax -> the setting that converts them to days (DOMAIN §4.1 project convention).
UNIT_SETTINGS = {
    "3m": "presence_days_3_months",
    "6m": "presence_days_6_months",
    "9m": "presence_days_9_months",
    "1y": "presence_days_1_year",
    "3y": "presence_days_3_years",
}


@dataclass(frozen=True)
class Threshold:
    days: int
    provenance: Provenance


@dataclass(frozen=True)
class SixYearRule:
    first_year: int
    years: int
    max_single_departure_days: int
    provenance: Provenance


@dataclass(frozen=True)
class PrCondition:
    """A PR presence condition offered by the what-if projection."""

    key: str
    label_en: str
    label_zh: str
    condition: str
    provenance: Provenance


@dataclass(frozen=True)
class PresenceRules:
    tax_resident: Threshold
    ninety_day: Threshold
    six_year: SixYearRule
    pr_conditions: tuple[PrCondition, ...]


def load_presence_rules(path: Path = PRESENCE_RULES) -> PresenceRules:
    """Read and check rules/presence.toml; RulesError names the file and the key."""
    data = load_toml(path)

    def table(key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise RulesError(path, key, "missing table" if value is None else "expected a table")
        return value

    resident, ninety, six = table("tax_resident"), table("ninety_day_rule"), table("six_year_rule")
    conditions = []
    for key, entry in table("pr_conditions").items():
        where = f"pr_conditions.{key}"
        if not isinstance(entry, dict):
            raise RulesError(path, where, "expected a table")
        conditions.append(PrCondition(
            key, field(entry, "label_en", str, path, where), field(entry, "label_zh", str, path, where),
            field(entry, "condition", str, path, where), Provenance.read(entry, path, where)))
    return PresenceRules(
        tax_resident=Threshold(_days(resident, "min_full_days", path, "tax_resident"),
                               Provenance.read(resident, path, "tax_resident")),
        ninety_day=Threshold(_days(ninety, "max_full_days", path, "ninety_day_rule"),
                             Provenance.read(ninety, path, "ninety_day_rule")),
        six_year=SixYearRule(_days(six, "first_year", path, "six_year_rule"),
                             _days(six, "years", path, "six_year_rule"),
                             _days(six, "max_single_departure_days", path, "six_year_rule"),
                             Provenance.read(six, path, "six_year_rule")),
        pr_conditions=tuple(conditions))


def _days(table: Mapping[str, Any], key: str, path: Path, where: str) -> int:
    value: int = field(table, key, int, path, where)
    if value <= 0:
        raise RulesError(path, f"{where}.{key}", f"expected a positive number, got {value}")
    return value


@dataclass(frozen=True)
class PresenceConfig:
    """Everything a presence computation needs: the rules and the values chosen for the open questions."""

    rules: PresenceRules
    units: Mapping[str, int]  # "6m" -> 183 ...
    departure_reading: str  # FULL_DAYS or DATE_DIFFERENCE
    departure_year: str  # EXIT_YEAR or EVERY_YEAR
    review_min_days: int
    review_max_days: int

    @classmethod
    def from_settings(cls, settings: Settings, rules: PresenceRules | None = None) -> PresenceConfig:
        reading, year = settings["presence_six_year_departure_reading"], settings["presence_six_year_departure_year"]
        assert reading in MEASURES and year in ATTRIBUTIONS
        return cls(rules or load_presence_rules(), {unit: int(settings[key]) for unit, key in UNIT_SETTINGS.items()},
                   reading, year, int(settings["presence_six_year_review_min_days"]),
                   int(settings["presence_six_year_review_max_days"]))

    def readings(self) -> list[tuple[str, str]]:
        """Every (measure, year attribution) pair, the chosen one first; the others decide what is borderline."""
        chosen = (self.departure_reading, self.departure_year)
        others = [(m, y) for m in (FULL_DAYS, DATE_DIFFERENCE) for y in ATTRIBUTIONS if (m, y) != chosen]
        return [chosen, *others]
