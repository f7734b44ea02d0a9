"""Work-permit category by every route DOMAIN §3 gives (rules/wp_categories.toml): direct A, points, salary
multiples of the local average wage, degree plus experience; the highest category a route reaches, and which route
decided it. A route whose inputs are missing is "unknown" and names them; if such a route could give a higher
category than the one decided, the category is shown with that doubt."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from core.eligibility.facts import ApplicantFacts, Degree, WorkPermitFacts, age_on
from core.eligibility.money import WageFigure, WageTable, cny
from core.eligibility.results import PointsResult, Verdict
from core.i18n import _, current_locale
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, field, load_toml

CATEGORIES_FILE = RULES_DIR / "wp_categories.toml"
KINDS = ("direct", "points", "salary_multiple", "degree_experience", "otherwise")
DEGREE_RANK = {Degree.DOCTORATE: 3, Degree.MASTER: 2, Degree.BACHELOR: 1}


@dataclass(frozen=True)
class CategoryRoute:
    id: str
    category: str
    kind: str
    label_en: str
    label_zh: str
    params: dict[str, Any]
    provenance: Provenance


@dataclass(frozen=True)
class CategoryCheck:
    route: CategoryRoute
    verdict: Verdict
    detail: str
    missing: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"route": self.route.id, "category": self.route.category, "verdict": self.verdict.value,
                "label_en": self.route.label_en, "label_zh": self.route.label_zh, "detail": self.detail,
                "missing": list(self.missing), "source": self.route.provenance.source}


@dataclass(frozen=True)
class CategoryResult:
    category: str  # A, B or C; "unknown" when a route of a higher category than the one met lacks data
    decided_by: CategoryCheck
    checks: tuple[CategoryCheck, ...]
    doubt: str = ""  # a higher category some unknown route could still give

    def to_json(self) -> dict[str, Any]:
        return {"category": self.category, "decided_by": self.decided_by.route.id, "doubt": self.doubt,
                "routes": [c.to_json() for c in self.checks]}


def load_categories(path: Path = CATEGORIES_FILE) -> tuple[CategoryRoute, ...]:
    rows = field(load_toml(path), "route", list, path, "")
    routes = []
    for i, t in enumerate(rows):
        where = f"route[{i}]"
        if not isinstance(t, dict):
            raise RulesError(path, where, "expected a table")
        kind = field(t, "kind", str, path, where, choices=KINDS)
        params = {k: v for k, v in t.items() if k in ("min_points", "multiple", "min_experience", "degree", "max_age")}
        needed = {"points": ("min_points",), "salary_multiple": ("multiple", "min_experience"),
                  "degree_experience": ("degree", "min_experience", "max_age")}.get(kind, ())
        for key in needed:
            if key not in params:
                raise RulesError(path, f"{where}.{key}", "missing")
        if "degree" in params and params["degree"] not in DEGREE_RANK:
            raise RulesError(path, f"{where}.degree", f"expected one of {', '.join(d.value for d in DEGREE_RANK)}")
        routes.append(CategoryRoute(field(t, "id", str, path, where),
                                    field(t, "category", str, path, where, choices=("A", "B", "C")), kind,
                                    field(t, "label_en", str, path, where), field(t, "label_zh", str, path, where),
                                    params, Provenance.read(t, path, where)))
    if not routes or routes[-1].kind != "otherwise":
        raise RulesError(path, "route", "the last route must be of kind 'otherwise' (the fallback category)")
    return tuple(routes)


def local_wage(wages: WageTable, city: str | None, as_of: dt.date) -> WageFigure | None:
    """The latest average wage of the city up to the year before `as_of` (on-post, else non-private)."""
    if not city:
        return None
    areas = {f.area for f in wages.figures if f.area.casefold() in city.casefold()}
    for year in range(as_of.year - 1, as_of.year - 4, -1):
        for area in sorted(areas):
            for statistic in ("on_post", "non_private"):
                found = wages.find(area, year, statistic)
                if found is not None:
                    return found
    return None


def _check(r: CategoryRoute, facts: ApplicantFacts, as_of: dt.date, points: PointsResult,
           wages: WageTable) -> CategoryCheck:
    wp = facts.work_permit or WorkPermitFacts()
    if r.kind == "otherwise":
        return CategoryCheck(r, Verdict.MET, "")
    if r.kind == "direct":
        return CategoryCheck(r, Verdict.MET if wp.direct_a else Verdict.NOT_MET,
                             "" if wp.direct_a is not None else _("not recorded"))
    if r.kind == "points":
        need = int(r.params["min_points"])
        text = _("{low}–{high} points, needs {need}").format(low=points.total, high=points.max_total, need=need)
        if points.total >= need:
            return CategoryCheck(r, Verdict.MET, text)
        return CategoryCheck(r, Verdict.NOT_MET if points.max_total < need else Verdict.UNKNOWN, text,
                             points.missing_labels() if points.max_total >= need else ())
    experience = wp.experience_years
    min_exp = int(r.params["min_experience"])
    if r.kind == "salary_multiple":
        figure = local_wage(wages, facts.city, as_of)
        missing = tuple(m for m, v in ((_("annual salary"), wp.annual_salary_cny),
                                       (_("local average wage"), figure),
                                       (_("work experience (years)"), experience if min_exp else 0)) if v is None)
        if missing:
            return CategoryCheck(r, Verdict.UNKNOWN, "", missing)
        assert figure is not None and wp.annual_salary_cny is not None
        threshold = figure.value * Decimal(str(r.params["multiple"]))
        ok = wp.annual_salary_cny >= threshold and (experience or 0) >= min_exp
        text = _("salary {s} against {m} x {f} = {t}").format(s=cny(wp.annual_salary_cny), m=r.params["multiple"],
                                                              f=figure.describe(), t=cny(threshold))
        return CategoryCheck(r, Verdict.MET if ok else Verdict.NOT_MET, text)
    degree = wp.education or facts.highest_degree
    age = wp.age if wp.age is not None else (age_on(facts.birth_date, as_of) if facts.birth_date else None)
    missing = tuple(m for m, v in ((_("degree"), degree), (_("work experience (years)"), experience),
                                   (_("age (birth date)"), age)) if v is None)
    if missing:
        return CategoryCheck(r, Verdict.UNKNOWN, "", missing)
    assert degree is not None and experience is not None and age is not None
    ok = DEGREE_RANK.get(degree, 0) >= DEGREE_RANK[Degree(r.params["degree"])] and experience >= min_exp \
        and age <= int(r.params["max_age"])
    text = _("{d}, {e} years of experience, aged {a}").format(d=degree.value, e=experience, a=age)
    return CategoryCheck(r, Verdict.MET if ok else Verdict.NOT_MET, text)


def categorise(facts: ApplicantFacts, as_of: dt.date, points: PointsResult, wages: WageTable,
               routes: tuple[CategoryRoute, ...]) -> CategoryResult:
    checks = tuple(_check(r, facts, as_of, points, wages) for r in routes)
    decided = next(c for c in checks if c.verdict is Verdict.MET)
    higher = [c for c in checks if c.verdict is Verdict.UNKNOWN and c.route.category < decided.route.category]
    doubt = ""
    if higher:
        route = higher[0].route
        name = route.label_zh if current_locale().startswith("zh") else route.label_en
        doubt = _("Could be {c} by {r} once known: {m}.").format(c=route.category, r=name,
                                                                   m=_(", ").join(higher[0].missing))
    return CategoryResult("unknown" if higher else decided.route.category, decided, checks, doubt)


def with_categories(points: PointsResult, facts: ApplicantFacts, as_of: dt.date, wages: WageTable,
                    routes: tuple[CategoryRoute, ...]) -> PointsResult:
    """The points result with the category by every route; its category is then the one a route decided."""
    if not routes:
        return points
    found = categorise(facts, as_of, points, wages, routes)
    return dataclasses.replace(points, by_route=found, category=found.category)
