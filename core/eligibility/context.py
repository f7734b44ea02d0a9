"""What a check kind receives (the facts, the date, settings, presence) and how it reports a row."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from core.eligibility.facts import ApplicantFacts
from core.eligibility.inputs.presence_source import PresenceSource
from core.eligibility.money import WageTable
from core.eligibility.results import CriterionResult, JsonValue, Verdict
from core.eligibility.routes import Criterion
from core.i18n import _
from core.ruledata.loader import Settings

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Context:
    facts: ApplicantFacts
    day: dt.date  # the filing (or check) date
    settings: Settings
    wages: WageTable
    presence: PresenceSource | None  # None when the crossings are unknown
    # The principal's verdict on a route at a date, and the earliest date it could improve (dependants).
    principal_verdict: Callable[[str, dt.date], Verdict] | None = None
    principal_bound: Callable[[str, dt.date, bool], dt.date | None] | None = None

    def setting(self, key: str) -> Any:
        return self.settings[key]


def row(c: Criterion, verdict: Verdict, value: JsonValue, threshold: JsonValue, convention: str,
        note: str = "", missing: Sequence[str] = (), suffix: str = "", reading: str = "") -> CriterionResult:
    """One result row for criterion `c`; `suffix` tells apart the rows of a per-year criterion."""
    notes = " ".join(n for n in (note, c.note) if n)
    return CriterionResult(id=f"{c.id}[{suffix}]" if suffix else c.id, label_en=c.label_en, label_zh=c.label_zh,
                           verdict=verdict, value=value, threshold=threshold, convention=convention,
                           source=c.provenance.source, confidence=c.provenance.confidence, note=notes,
                           missing=tuple(missing), path=c.path, criterion=c.id, reading=reading)


def missing_text(what: str) -> str:
    """The data a verdict misses, in the user's language (`missing` keeps the plain name for programs)."""
    labels = {
        "good_tax_record": _("good tax record"), "investments": _("investments"),
        "talent_recommended": _("recommendation as a high-level talent"),
        "major_contribution_recommended": _("recommendation for a major contribution"),
        "zgc_recommended": _("Zhongguancun committee's recommendation (70 points)"),
        "gba_points_recommended": _("GBA points standard reached"), "retention_approval": _("approval to keep PR"),
        "chinese_origin": _("Chinese origin"), "no_relatives_abroad": _("no direct relatives abroad"),
        "livelihood_and_home": _("stable livelihood and a home"), "zone_zhongguancun": _("employer's zone"),
        "birth date": _("birth date"), "border crossings": _("border crossings"),
        "employment history": _("employment history"), "employer type": _("employer type"),
        "highest degree": _("highest degree"), "income records": _("income records"),
        "marital status": _("marital status"), "marriage": _("marriage"), "marriage date": _("marriage date"),
        "spouse's status": _("spouse's status"), "the principal's route": _("the principal's route"),
        "the principal's verdict": _("the principal's verdict"),
        "status of the relative in China": _("status of the relative in China"),
        "date since which the investment is stable": _("date since which the investment is stable"),
        "investment region or industry": _("investment region or industry"),
        "city or employer zone": _("city or employer zone"),
    }
    return labels.get(what, what)


def unknown(c: Criterion, what: str, threshold: JsonValue = None, convention: str = "",
            suffix: str = "") -> CriterionResult:
    note = _("Missing: {what}.").format(what=missing_text(what))
    return row(c, Verdict.UNKNOWN, None, threshold, convention, note=note, missing=(what,), suffix=suffix)


CheckFn = Callable[[Context, Criterion], list[CriterionResult]]
# A lower bound on the next date after ctx.day on which the criterion could reach the target (at least borderline,
# or met when `strong`), given its rows on ctx.day; None when it never can if nothing else changes.
BoundFn = Callable[[Context, Criterion, Sequence[CriterionResult], bool], dt.date | None]


@dataclass(frozen=True)
class Kind:
    check: CheckFn
    bound: BoundFn


def never(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    """Bound for criteria that time alone does not change (flags, statuses, documents)."""
    return None


def next_year(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    """Per-calendar-year tests (income) can only change when the filing year changes."""
    return dt.date(ctx.day.year + 1, 1, 1)
