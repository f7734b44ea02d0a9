"""Work-permit points (DOMAIN §3.1, WP-POINTS): a line per factor, the total and category A (>=85) / B (>=60) / C.

The table is data (rules/work_permit_points.toml). A missing input scores nothing, and the total becomes a range up
to what that factor could add; the category is "unknown" when the range spans two categories.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from core.eligibility.facts import ApplicantFacts, WorkPermitFacts, age_on
from core.eligibility.results import PointsLine, PointsResult
from core.i18n import _, current_locale
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, field, load_toml

POINTS_FILE = RULES_DIR / "work_permit_points.toml"
FACTOR_KINDS = ("bands", "ranges", "map", "linear", "items", "chinese", "direct")
INPUTS = ("annual_salary_10k", "education", "experience_years", "months_in_china", "hsk_level", "region", "age",
          "elite", "local_points")


@dataclass(frozen=True)
class Factor:
    id: str
    label_en: str
    label_zh: str
    kind: str
    input: str
    max_points: int
    params: Mapping[str, Any]
    provenance: Provenance


@dataclass(frozen=True)
class PointsTable:
    name_en: str
    name_zh: str
    provenance: Provenance
    thresholds: dict[str, int]
    factors: tuple[Factor, ...]


def load_points(path: Path = POINTS_FILE) -> PointsTable:
    data = load_toml(path)
    table = field(data, "table", dict, path, "")
    limits = field(data, "thresholds", dict, path, "")
    thresholds = {k: field(limits, k, int, path, "thresholds") for k in ("A", "B")}
    if not thresholds["A"] > thresholds["B"] > 0:
        raise RulesError(path, "thresholds", "expected A > B > 0")
    Provenance.read(limits, path, "thresholds")
    rows = field(data, "factor", list, path, "")
    factors = tuple(_read_factor(r, path, f"factor[{i}]") for i, r in enumerate(rows))
    return PointsTable(field(table, "name_en", str, path, "table"), field(table, "name_zh", str, path, "table"),
                       Provenance.read(table, path, "table"), thresholds, factors)


def _read_factor(t: Any, path: Path, where: str) -> Factor:
    if not isinstance(t, dict):
        raise RulesError(path, where, "expected a table")
    kind = field(t, "kind", str, path, where, choices=FACTOR_KINDS)
    required = {"bands": ("bands",), "ranges": ("ranges",), "map": ("map",), "items": ("items",),
                "linear": ("from", "base", "per_year"), "chinese": ("hsk", "former_national", "chinese_degree"),
                "direct": ()}[kind]
    params = {}
    for key in required:
        if key not in t:
            raise RulesError(path, f"{where}.{key}", "missing")
        params[key] = t[key]
    for band_key, keys in (("bands", ("min", "points")), ("ranges", ("min", "max", "points"))):
        if band_key not in params:
            continue
        if not isinstance(params[band_key], list) or not params[band_key]:
            raise RulesError(path, f"{where}.{band_key}", "expected a non-empty list of tables")
        for j, band in enumerate(params[band_key]):
            if not isinstance(band, dict):
                raise RulesError(path, f"{where}.{band_key}[{j}]", "expected a table")
            for k in keys:
                field(band, k, (int, float), path, f"{where}.{band_key}[{j}]")
    for map_key in ("map", "items", "hsk"):
        for name, value in params.get(map_key, {}).items():
            field({name: value}, name, int, path, f"{where}.{map_key}")
    return Factor(id=field(t, "id", str, path, where), label_en=field(t, "label_en", str, path, where),
                  label_zh=field(t, "label_zh", str, path, where), kind=kind,
                  input=field(t, "input", str, path, where, choices=INPUTS),
                  max_points=field(t, "max", int, path, where), params=params,
                  provenance=Provenance.read(t, path, where))


def inputs(facts: ApplicantFacts, as_of: dt.date) -> dict[str, Any]:
    """The factor inputs from the facts; None where unknown."""
    wp = facts.work_permit or WorkPermitFacts()
    age = wp.age if wp.age is not None else (age_on(facts.birth_date, as_of) if facts.birth_date else None)
    salary = None if wp.annual_salary_cny is None else wp.annual_salary_cny / Decimal(10000)
    education = wp.education or facts.highest_degree
    return {"annual_salary_10k": salary, "education": education.value if education else None,
            "experience_years": wp.experience_years, "months_in_china": wp.months_in_china,
            "hsk_level": wp.hsk_level, "former_chinese_national": wp.former_chinese_national,
            "degree_taught_in_chinese": wp.degree_taught_in_chinese,
            "region": wp.region.value if wp.region else None, "age": age,
            "elite": list(wp.elite) if wp.elite is not None else None, "local_points": wp.local_points}


def score_factor(f: Factor, values: Mapping[str, Any]) -> tuple[int | None, int, Any]:
    """(points or None when unknown, the most it could score given what is known, the input shown)."""
    p, value = f.params, values[f.input]
    if f.kind == "chinese":
        hsk, former, degree = values["hsk_level"], values["former_chinese_national"], values["degree_taught_in_chinese"]
        shown = {"hsk": hsk, "former_chinese_national": former, "degree_taught_in_chinese": degree}
        if hsk is None and former is None and degree is None:
            return None, f.max_points, shown
        candidates = [0]
        if hsk:
            candidates.append(p["hsk"].get(str(min(int(hsk), 5)), 0))
        if former:
            candidates.append(p["former_national"])
        if degree:
            candidates.append(p["chinese_degree"])
        points = min(max(candidates), f.max_points)
        return points, f.max_points if None in (hsk, former, degree) else points, shown
    if value is None:
        return None, f.max_points, None
    if f.kind == "bands":
        points = next((b["points"] for b in sorted(p["bands"], key=lambda b: -b["min"]) if value >= b["min"]), 0)
    elif f.kind == "ranges":
        points = next((r["points"] for r in p["ranges"] if r["min"] <= value <= r["max"]), 0)
    elif f.kind == "map":
        points = p["map"].get(value, 0)
    elif f.kind == "linear":
        points = 0 if value < p["from"] else p["base"] + p["per_year"] * (int(value) - p["from"])
    elif f.kind == "items":
        points = sum(p["items"].get(item, 0) for item in value)
    else:
        points = int(value)
    points = max(0, min(int(points), f.max_points))
    return points, points, str(value) if isinstance(value, Decimal) else value


def category(total: int, thresholds: Mapping[str, int]) -> str:
    return "A" if total >= thresholds["A"] else "B" if total >= thresholds["B"] else "C"


def score(facts: ApplicantFacts, as_of: dt.date, table: PointsTable) -> PointsResult:
    values = inputs(facts, as_of)
    lines, total, best = [], 0, 0
    for f in table.factors:
        points, possible, shown = score_factor(f, values)
        label = f.label_zh if current_locale().startswith("zh") else f.label_en
        note = _("Not recorded: {what}.").format(what=label) if points is None else ""
        lines.append(PointsLine(f.id, f.label_en, f.label_zh, shown, points, f.max_points,
                                f.provenance.source, note))
        total += points or 0
        best += possible
    direct = bool(facts.work_permit and facts.work_permit.direct_a)
    low, high = category(total, table.thresholds), category(best, table.thresholds)
    result = "A" if direct else low if low == high else "unknown"
    return PointsResult(tuple(lines), total, best, result, direct, dict(table.thresholds),
                        table.provenance.source)
