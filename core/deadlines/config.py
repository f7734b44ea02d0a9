"""The inputs of the deadline rules: rules/deadlines.toml and rules/documents.toml, plus the user's settings."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.records.documents import PrCardValidity, ValidityRule, load_pr_card_validity, load_validity_rules
from core.records.model import FilingKind
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, Settings, load_toml
from core.ruledata.loader import field as rule_field

UNITS = ("working_days", "months")


@dataclass(frozen=True)
class Processing:
    """How long an authority takes after acceptance (DOMAIN §8)."""

    amount: int
    unit: str
    provenance: Provenance


@dataclass(frozen=True)
class AfterEntry:
    """A duty that runs from an entry on a visa of some types (EEAL Art. 30; M2004 Art. 19)."""

    days: int
    visa_types: tuple[str, ...]
    lookback_days: int
    provenance: Provenance


@dataclass(frozen=True)
class DeadlineRules:
    urgent_days: int
    soon_days: int
    urgency: Provenance  # the [severity] table of rules/deadlines.toml (its name kept for edited files)
    rp_lead_days: int
    rp_extension: Provenance
    rp_change_days: int
    rp_change: Provenance
    accommodation_hours: int
    accommodation_lookback_days: int
    accommodation: Provenance
    passport_carries_permit: Provenance
    processing: dict[FilingKind, Processing]
    validity: list[ValidityRule]
    entry_residence_permit: AfterEntry | None = None
    pr_card_collection: AfterEntry | None = None
    stay_extension_days: int = 7
    stay_extension: Provenance | None = None
    pr_card: PrCardValidity | None = None


def _positive(table: dict[str, Any], key: str, path: Path, where: str) -> int:
    value: int = rule_field(table, key, int, path, where)
    if value <= 0:
        raise RulesError(path, f"{where}.{key}", "must be positive")
    return value


def _after_entry(table: dict[str, Any], path: Path, where: str) -> AfterEntry:
    types = rule_field(table, "visa_types", list, path, where)
    if not types or not all(isinstance(t, str) and t for t in types):
        raise RulesError(path, f"{where}.visa_types", "expected a non-empty list of visa types")
    return AfterEntry(_positive(table, "days", path, where), tuple(types),
                      _positive(table, "lookback_days", path, where), Provenance.read(table, path, where))


def load_deadline_rules(path: Path = RULES_DIR / "deadlines.toml",
                        documents: Path = RULES_DIR / "documents.toml") -> DeadlineRules:
    data = load_toml(path)

    def table(key: str) -> dict[str, Any]:
        value: dict[str, Any] = rule_field(data, key, dict, path, "")
        return value

    sev, rp, change, acc = table("severity"), table("rp_extension"), table("rp_change"), table("accommodation")
    processing = {}
    for kind, entry in table("processing").items():
        where = f"processing.{kind}"
        if kind not in {k.value for k in FilingKind}:
            raise RulesError(path, where, "not a filing kind")
        processing[FilingKind(kind)] = Processing(
            _positive(entry, "amount", path, where), rule_field(entry, "unit", str, path, where, choices=UNITS),
            Provenance.read(entry, path, where))
    urgent, soon = _positive(sev, "urgent_days", path, "severity"), _positive(sev, "soon_days", path, "severity")
    if urgent > soon:
        raise RulesError(path, "severity.urgent_days", "must not exceed soon_days")
    return DeadlineRules(
        urgent_days=urgent, soon_days=soon, urgency=Provenance.read(sev, path, "severity"),
        rp_lead_days=_positive(rp, "lead_days", path, "rp_extension"),
        rp_extension=Provenance.read(rp, path, "rp_extension"),
        rp_change_days=_positive(change, "days", path, "rp_change"),
        rp_change=Provenance.read(change, path, "rp_change"),
        accommodation_hours=_positive(acc, "hours", path, "accommodation"),
        accommodation_lookback_days=_positive(acc, "lookback_days", path, "accommodation"),
        accommodation=Provenance.read(acc, path, "accommodation"),
        passport_carries_permit=Provenance.read(table("passport_carries_permit"), path, "passport_carries_permit"),
        processing=processing, validity=load_validity_rules(documents),
        entry_residence_permit=_after_entry(table("entry_residence_permit"), path, "entry_residence_permit"),
        pr_card_collection=_after_entry(table("pr_card_collection"), path, "pr_card_collection"),
        stay_extension_days=_positive(table("stay_extension"), "days", path, "stay_extension"),
        stay_extension=Provenance.read(table("stay_extension"), path, "stay_extension"),
        pr_card=load_pr_card_validity(documents))


@dataclass(frozen=True)
class DeadlineSettings:
    """The user's choices the deadline rules read (rules/settings/records.toml, general.toml)."""

    wp_lead_days: int = 45  # the conservative reading (elig_wp_extension_days; open question 8)
    wp_lead_days_lenient: int = 30  # the national guide (elig_wp_extension_days_lenient)
    wp_lead_days_by_city: tuple[tuple[str, int], ...] = ()
    pr_min_days: int = 92  # 3 months, strict (elig_days_3_months)
    pr_min_days_lenient: int = 90  # elig_days_3_months_lenient
    passport_margin_months: int = 6
    count_acceptance_day: bool = False
    reminder_lead_days: tuple[int, ...] = (60, 45, 30, 14, 7)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_settings(cls, s: Settings) -> DeadlineSettings:
        notes: list[str] = []
        by_city = parse_city_days(str(s["wp_extension_lead_days_by_city"]), notes)
        leads = parse_days_list(str(s["reminder_lead_days"]), notes) or (60, 45, 30, 14, 7)
        return cls(wp_lead_days=int(s["elig_wp_extension_days"]),
                   wp_lead_days_lenient=int(s["elig_wp_extension_days_lenient"]), wp_lead_days_by_city=by_city,
                   pr_min_days=int(s["elig_days_3_months"]), pr_min_days_lenient=int(s["elig_days_3_months_lenient"]),
                   passport_margin_months=int(s["passport_min_remaining_months"]),
                   count_acceptance_day=bool(s["workdays_count_acceptance_day"]),
                   reminder_lead_days=leads, notes=tuple(notes))

    def wp_lead_for(self, city: str) -> tuple[int, int, str]:
        """(conservative, lenient) days before expiry to file a work-permit extension in `city`, and which settings
        gave them: a city whose practice is known has one figure; elsewhere open question 8 has two."""
        local = city_lead(self.wp_lead_days_by_city, city)
        if local is not None:
            days, name = local
            return days, days, f"wp_extension_lead_days_by_city: {name}={days}"
        lenient = min(self.wp_lead_days, self.wp_lead_days_lenient)
        return self.wp_lead_days, lenient, (f"elig_wp_extension_days = {self.wp_lead_days}, "
                                            f"elig_wp_extension_days_lenient = {lenient}")


def city_lead(by_city: tuple[tuple[str, int], ...], city: str) -> tuple[int, str] | None:
    """The lead days a city entry gives (matched within the city text, case-insensitively), with its name."""
    folded = city.casefold()
    for name, days in by_city:
        if name.casefold() and name.casefold() in folded:
            return days, name
    return None


def parse_city_days(text: str, notes: list[str]) -> tuple[tuple[str, int], ...]:
    """"Shenzhen=45, 深圳=45" → (("Shenzhen", 45), ("深圳", 45)); malformed entries are noted and skipped."""
    found = []
    for part in re.split(r"[,;，；]", text):
        if not part.strip():
            continue
        name, sep, days = part.partition("=")
        if not sep or not name.strip() or not days.strip().isdigit():
            notes.append(f"wp_extension_lead_days_by_city: ignored {part.strip()!r} (expected City=days)")
            continue
        found.append((name.strip(), int(days)))
    return tuple(found)


def parse_days_list(text: str, notes: list[str]) -> tuple[int, ...]:
    """"60, 45, 30" → (60, 45, 30), largest first, duplicates dropped."""
    days = set()
    for part in re.split(r"[,;，；\s]+", text):
        if part.isdigit() and int(part) > 0:
            days.add(int(part))
        elif part:
            notes.append(f"reminder_lead_days: ignored {part!r}")
    return tuple(sorted(days, reverse=True))
