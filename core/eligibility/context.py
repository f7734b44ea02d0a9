"""What a check kind receives (the facts, the date, settings, presence) and how it reports a row."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from core.eligibility.facts import ApplicantFacts
from core.eligibility.inputs.presence_source import PresenceSource
from core.eligibility.labels import area_label, statistic_label, zh
from core.eligibility.money import WageTable
from core.eligibility.results import CriterionResult, JsonValue, Verdict
from core.eligibility.routes import Criterion
from core.i18n import N_, _
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
    notes = " ".join(n for n in (note, c.note_zh if c.note_zh and zh() else c.note) if n)
    return CriterionResult(id=f"{c.id}[{suffix}]" if suffix else c.id, label_en=c.label_en, label_zh=c.label_zh,
                           verdict=verdict, value=value, threshold=threshold, convention=convention,
                           source=c.provenance.source, confidence=c.provenance.confidence, note=notes,
                           missing=tuple(missing), path=c.path, criterion=c.id, reading=reading)


# What a check found missing, by the key it reports in `missing` (stable English, machine-readable in `check
# --json`); the notes show these labels in the interface's language, never the keys (issue 15).
MISSING_LABELS = {k: v for k, v in (
    ("highest degree", N_("highest degree")),
    ("status of the relative in China", N_("status of the relative in China")),
    ("marriage", N_("marriage")), ("spouse's status", N_("spouse's status")), ("marital status", N_("marital status")),
    ("the principal's route", N_("the principal's route")), ("the principal's verdict", N_("the principal's verdict")),
    ("the principal's data", N_("the principal's data")), ("income records", N_("income records")),
    ("border crossings", N_("border crossings")), ("birth date", N_("birth date")),
    ("marriage date", N_("marriage date")), ("employment history", N_("employment history")),
    ("employer type", N_("employer type")), ("investments", N_("investments")),
    ("date since which the investment is stable", N_("date since which the investment is stable")),
    ("investment region or industry", N_("investment region or industry")), ("position level", N_("position level")),
    ("city or employer zone", N_("city or employer zone")),
    # facts named by the rules (core.eligibility.facts FLAG_FACTS and DATE_FACTS)
    ("chinese_origin", N_("Chinese origin")), ("good_tax_record", N_("good tax record")),
    ("livelihood_and_home", N_("stable livelihood and a home")),
    ("no_relatives_abroad", N_("no direct relatives abroad")),
    ("major_contribution_recommended", N_("recommendation for a major contribution")),
    ("pr_holder", N_("permanent-residence holder")), ("residence_permit_expiry", N_("residence permit expiry")),
    ("residence permit expiry", N_("residence permit expiry")), ("work permit expiry", N_("work permit expiry")),
    ("work_permit_expiry", N_("work permit expiry")), ("retention_approval", N_("approval to keep PR")),
    ("talent_recommended", N_("recommendation as a high-level talent")),
    ("zhongguancun", N_("Zhongguancun recommendation")),
    ("zgc_recommended", N_("Zhongguancun committee's recommendation (70 points)")),
    ("gba_points_recommended", N_("GBA points standard reached")),
    ("talent_rp", N_("work-type residence permit annotated 人才 (talent)")),
    ("zone_zhongguancun", N_("employer's zone")),
    # work-permit category (core.eligibility.wp_category)
    ("annual salary", N_("annual salary")), ("local average wage", N_("local average wage")),
    ("degree", N_("degree")), ("experience_years", N_("years of work experience")), ("age", N_("age")),
)}
_WITH_YEAR = {"wage income": N_("wage income {year}"), "IIT paid": N_("IIT paid {year}"),
              "city of the income": N_("city of the income {year}")}


def missing_label(what: str) -> str:
    """The label of a `missing` key in the interface's language (an unknown key shows as it is, spaced)."""
    if what in MISSING_LABELS:
        return _(MISSING_LABELS[what])
    if (m := re.fullmatch(r"(.+) (\d{4})", what)) and m.group(1) in _WITH_YEAR:
        return _(_WITH_YEAR[m.group(1)]).format(year=m.group(2))
    if (m := re.fullmatch(r"documents held \((.+)\)", what)):
        return _("documents held ({document})").format(document=m.group(1))
    if (m := re.fullmatch(r"average wage (.*) (\d{4}) \((.+)\) in rules/wages.toml", what)):
        return _("the average wage of {area} for {year} ({statistic}) in rules/wages.toml").format(
            area=area_label(m.group(1)), year=m.group(2), statistic=statistic_label(m.group(3)))
    return what.replace("_", " ")


def missing_note(missing: Sequence[str]) -> str:
    return _("Missing: {what}.").format(what=_(", ").join(missing_label(m) for m in missing))


def unknown(c: Criterion, what: str, threshold: JsonValue = None, convention: str = "",
            suffix: str = "") -> CriterionResult:
    note = missing_note([what])
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
