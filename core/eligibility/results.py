"""Verdicts and explained results: what a route check hands to the CLI, the GUI and packets."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.i18n import current_locale

JsonScalar = str | int | bool | None
JsonValue = JsonScalar | dict[str, Any] | list[Any]


class Verdict(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    BORDERLINE = "borderline"  # passes under one reading or counting convention only
    UNKNOWN = "unknown"  # data is missing; the result names it


def all_of(verdicts: Iterable[Verdict]) -> Verdict:
    """AND: one failure fails; otherwise missing data leaves it open; otherwise any doubt makes it borderline."""
    found = set(verdicts)
    for v in (Verdict.NOT_MET, Verdict.UNKNOWN, Verdict.BORDERLINE):
        if v in found:
            return v
    return Verdict.MET


def any_of(verdicts: Iterable[Verdict]) -> Verdict:
    """OR over alternative paths: one success suffices."""
    found = set(verdicts)
    for v in (Verdict.MET, Verdict.BORDERLINE, Verdict.UNKNOWN):
        if v in found:
            return v
    return Verdict.NOT_MET


def merge_readings(verdicts: Iterable[Verdict]) -> Verdict:
    """One criterion under several readings of an open question (DOMAIN: how to use this file): the common verdict
    when they agree, unknown if one cannot be computed, otherwise borderline."""
    found = set(verdicts)
    if len(found) <= 1:
        return found.pop() if found else Verdict.MET
    return Verdict.UNKNOWN if Verdict.UNKNOWN in found else Verdict.BORDERLINE


def from_readings(passes: Iterable[bool]) -> Verdict:
    """Met if every reading passes, not met if none does, borderline in between (DOMAIN: how to use this file)."""
    values = list(passes)
    if all(values):
        return Verdict.MET
    return Verdict.BORDERLINE if any(values) else Verdict.NOT_MET


@dataclass(frozen=True)
class CriterionResult:
    """One checked condition, with the figures a reader needs to verify it by hand."""

    id: str
    label_en: str
    label_zh: str
    verdict: Verdict
    value: JsonValue
    threshold: JsonValue
    convention: str
    source: str
    confidence: str
    note: str = ""
    missing: tuple[str, ...] = ()  # the data whose absence makes the verdict unknown
    path: str = "main"
    criterion: str = ""  # the criterion's id (rows of a per-year criterion share it); "" = same as id
    reading: str = ""  # "rolling" or "calendar" for presence rows counted under both year readings
    estimate: bool = False  # the threshold rests on an illustrative (confidence L) figure: print it as an estimate

    @property
    def group(self) -> str:
        return self.criterion or self.id

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.id, "verdict": self.verdict.value, "value": self.value, "threshold": self.threshold,
                "convention": self.convention, "source": self.source, "note": self.note}
        if self.reading:
            data["reading"] = self.reading
        return data


def criterion_verdict(rows: Iterable[CriterionResult]) -> Verdict:
    """One criterion's verdict from its rows: all rows of a reading must pass; readings are then merged."""
    by_reading: dict[str, list[Verdict]] = {}
    for r in rows:
        by_reading.setdefault(r.reading, []).append(r.verdict)
    return merge_readings(all_of(v) for v in by_reading.values())


def year_readings(rows: Iterable[CriterionResult]) -> list[dict[str, Any]]:
    """Per criterion counted under both year readings (open question 1): each reading's verdict and windows,
    which one leads (the setting), and the merged verdict. What the CLI JSON, the tab and a packet's memo show."""
    groups: dict[str, list[CriterionResult]] = {}
    for r in rows:
        if r.reading:
            groups.setdefault(r.group, []).append(r)
    found = []
    for criterion, members in groups.items():
        readings: dict[str, dict[str, Any]] = {}
        for r in members:
            entry = readings.setdefault(r.reading, {"windows": []})
            entry["windows"].append({"id": r.id, "verdict": r.verdict.value, "value": r.value,
                                     "threshold": r.threshold})
        for entry in readings.values():
            entry["verdict"] = all_of(Verdict(w["verdict"]) for w in entry["windows"]).value
        found.append({"criterion": criterion, "lead": members[0].reading,
                      "verdict": criterion_verdict(members).value,
                      "differ": len({e["verdict"] for e in readings.values()}) > 1, "readings": readings})
    return found


@dataclass(frozen=True)
class RouteResult:
    route: str
    name_en: str
    name_zh: str
    kind: str
    verdict: Verdict
    earliest_date: dt.date | None
    earliest_verdict: Verdict | None
    criteria: tuple[CriterionResult, ...]
    source: str
    note: str = ""
    missing: tuple[str, ...] = ()  # the data whose absence leaves the verdict open
    decision_due: dt.date | None = None  # processing estimate if filed (accepted) on the date checked
    processing: str = ""  # how the estimate was computed

    def year_readings(self) -> list[dict[str, Any]]:
        return year_readings(self.criteria)

    def to_json(self) -> dict[str, Any]:
        return {"route": self.route, "verdict": self.verdict.value,
                "earliest_date": self.earliest_date.isoformat() if self.earliest_date else None,
                "criteria": [c.to_json() for c in self.criteria], "year_readings": self.year_readings(),
                "decision_due": self.decision_due.isoformat() if self.decision_due else None}


@dataclass(frozen=True)
class PointsLine:
    factor: str
    label_en: str
    label_zh: str
    input: JsonValue
    points: int | None  # None: the input is missing
    max_points: int
    source: str
    note: str = ""


@dataclass(frozen=True)
class PointsResult:
    """Work-permit points (DOMAIN §3.1): a line per factor; with missing inputs the total is a range."""

    lines: tuple[PointsLine, ...]
    total: int  # points from known factors
    max_total: int  # if every missing factor scored its maximum
    category: str  # "A", "B", "C", or "unknown" when the range spans two categories
    direct_a: bool
    thresholds: dict[str, int] = field(default_factory=dict)
    source: str = ""
    # The category by every route of DOMAIN §3: a core.eligibility.workpermit.category.CategoryResult (typed
    # loosely here, so that results does not import the module that builds on it).
    by_route: Any = None

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(line.factor for line in self.lines if line.points is None)

    def missing_labels(self) -> tuple[str, ...]:
        """The missing factors by their names in the current language (never their ids)."""
        zh = current_locale().startswith("zh")
        return tuple(line.label_zh if zh else line.label_en for line in self.lines if line.points is None)

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "max_total": self.max_total, "category": self.category,
                "direct_a": self.direct_a, "thresholds": self.thresholds, "source": self.source,
                "by_route": self.by_route.to_json() if self.by_route else None,
                "missing": [{"factor": x.factor, "label_en": x.label_en, "label_zh": x.label_zh}
                            for x in self.lines if x.points is None],
                "lines": [{"factor": x.factor, "label_en": x.label_en, "label_zh": x.label_zh, "input": x.input,
                           "points": x.points, "max": x.max_points, "source": x.source, "note": x.note}
                          for x in self.lines]}


@dataclass(frozen=True)
class EligibilityReport:
    """Everything the Eligibility tab shows for one applicant and one date."""

    as_of: dt.date
    applicant: str | int | None
    routes: tuple[RouteResult, ...]
    points: PointsResult | None = None

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "applicant": self.applicant,
                "routes": [r.to_json() for r in self.routes]}
