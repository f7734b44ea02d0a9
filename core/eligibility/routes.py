"""Loading the route rules (rules/routes/*.toml): each route a list of criteria with a check kind and parameters.

Every route and criterion carries a DOMAIN §0 source key, a confidence and effective dates; parameters that are
open questions name a setting (rules/settings/eligibility.toml) instead of holding a number. Errors name the file
and the dotted key. Routes with status "proposed" (the 2020 draft) are listed but never evaluated.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from decimal import Decimal
from pathlib import Path
from typing import Any

from core.eligibility.facts import (
    DATE_FACTS,
    FLAG_FACTS,
    Degree,
    EmployerType,
    MaritalStatus,
    PersonStatus,
    PositionLevel,
    Relation,
)
from core.eligibility.money import parse_amount
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, SettingDef, field, load_toml

ROUTE_KINDS = ("pr", "dependant", "retention", "deadline")
STATUSES = ("in_force", "proposed")
INVESTMENT_TIERS = ("encouraged", "western", "poverty_county", "central", "anywhere")

# A parameter spec: (type name, required). Types: int, decimal, setting, str, bool, flag, date_fact, routes,
# criterion, tiers, or "list:<enum>" for a list of enum values.
ENUMS: dict[str, tuple[str, ...]] = {
    "person_status": tuple(PersonStatus), "position_level": tuple(PositionLevel),
    "employer_type": tuple(EmployerType), "relation": tuple(Relation), "marital_status": tuple(MaritalStatus),
    "degree": tuple(Degree),
}
_PRESENCE = {"years": ("int", True), "min_days": ("setting", True), "lenient_days": ("setting", False)}
PARAMS: dict[str, dict[str, tuple[str, bool]]] = {
    "presence_rolling": _PRESENCE,
    "presence_rolling_sum": _PRESENCE,
    "presence_year": {"min_days": ("setting", True), "lenient_days": ("setting", False)},
    "presence_years_sum": _PRESENCE,
    "age_min": {"years": ("int", True)},
    "age_under": {"years": ("int", True)},
    "marriage_years": {"years": ("int", True)},
    "spouse_status": {"allowed": ("list:person_status", True)},
    "marital_status": {"allowed": ("list:marital_status", True)},
    "employment_years": {"years": ("int", True), "levels": ("list:position_level", False)},
    "employed_on": {},
    "employer_type": {"allowed": ("list:employer_type", True)},
    "wage_multiple": {"years": ("int", True), "multiple": ("decimal", True)},
    "tax_share": {"years": ("int", True), "multiple": ("decimal", True), "share": ("decimal", True)},
    "income_fixed": {"years": ("int", True), "min_wage": ("decimal", True), "min_tax": ("decimal", True),
                     "strict": ("bool", False)},
    "investment_amount": {"minimums": ("tiers", True)},
    "investment_years": {"years": ("int", True), "amount_from": ("criterion", True)},
    "flag": {"fact": ("flag", True)},
    "degree_min": {"level": ("degree", True)},
    "relation": {"allowed": ("list:relation", True)},
    "principal_route": {"routes": ("routes", True)},
    "principal_status": {"allowed": ("list:person_status", True)},
    "document": {"document": ("str", True)},
    "deadline": {"date_fact": ("date_fact", True), "days": ("int", False), "days_rule": ("str", False),
                 "days_setting": ("setting", False),
                 "lenient_days_setting": ("setting", False), "city_days_setting": ("str", False)},
}


@dataclass(frozen=True)
class Criterion:
    id: str
    label_en: str
    label_zh: str
    kind: str
    params: Mapping[str, Any]
    provenance: Provenance
    effective_to: str = ""
    path: str = "main"  # "main" criteria always apply; other paths are alternatives, one of which must pass
    when_relation: tuple[str, ...] = ()  # only for applicants with one of these relations to the principal
    note: str = ""
    note_zh: str = ""  # the note in Chinese (shown in the Chinese interface; `note` otherwise)

    def in_force(self, day: dt.date) -> bool:
        return _in_force(self.provenance.effective_from, self.effective_to, day)


@dataclass(frozen=True)
class Route:
    id: str
    name_en: str
    name_zh: str
    kind: str
    status: str
    provenance: Provenance
    criteria: tuple[Criterion, ...]
    effective_to: str = ""
    projection: bool = False  # compute the earliest date on which it is met
    summary_en: str = ""
    summary_zh: str = ""
    file: str = ""
    key: str = ""  # where in the file, e.g. route[0]
    cities: tuple[str, ...] = ()  # local and pilot routes: the cities where they apply (any name matches)
    zones: tuple[str, ...] = ()  # … or the development zones (the employer's zone)
    processing: tuple[int, str] | None = None  # (amount, "working_days" | "months") from acceptance (DOMAIN §8)

    def in_force(self, day: dt.date) -> bool:
        return self.status == "in_force" and _in_force(self.provenance.effective_from, self.effective_to, day)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.path for c in self.criteria))


def _in_force(effective_from: str, effective_to: str, day: dt.date) -> bool:
    start = dt.date.fromisoformat(effective_from) if effective_from else dt.date.min
    return start <= day and (not effective_to or day < dt.date.fromisoformat(effective_to))


@dataclass(frozen=True)
class RouteSet:
    routes: tuple[Route, ...]
    by_id: dict[str, Route] = dc_field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id.update({r.id: r for r in self.routes})

    def get(self, route_id: str) -> Route:
        return self.by_id[route_id]

    def evaluable(self) -> list[Route]:
        return [r for r in self.routes if r.status == "in_force"]


def load_routes(directory: Path = RULES_DIR / "routes",
                setting_defs: Mapping[str, SettingDef] | None = None,
                deadline_rules: Path = RULES_DIR / "deadlines.toml") -> RouteSet:
    """All route files of a folder, sorted by file name; cross-references checked once all are read.

    A deadline criterion's `days_rule` names a figure of `deadline_rules` (e.g. rp_extension.lead_days), so the
    figure the deadlines list uses and the one a route judges by are one value in one file."""
    routes: list[Route] = []
    seen: dict[str, Path] = {}
    figures: dict[str, Any] | None = None
    for path in sorted(directory.glob("*.toml")):
        for i, table in enumerate(_route_tables(path)):
            route = _read_route(table, path, f"route[{i}]", setting_defs)
            if any("days_rule" in c.params for c in route.criteria):
                figures = load_toml(deadline_rules) if figures is None else figures
                route = _with_rule_figures(route, figures, deadline_rules, path, f"route[{i}]")
            if route.id in seen:
                raise RulesError(path, f"route[{i}].id", f"route {route.id!r} already defined in {seen[route.id]}")
            seen[route.id] = path
            routes.append(route)
    if not routes:
        raise RulesError(directory, "", "no route files (*.toml) found")
    _check_route_references(routes)
    return RouteSet(tuple(routes))


def _with_rule_figures(route: Route, figures: Mapping[str, Any], source: Path, path: Path, where: str) -> Route:
    """The route with each `days_rule` resolved to its figure (kept in `days`; `days_rule` says where it came from)."""
    criteria = []
    for j, c in enumerate(route.criteria):
        if "days_rule" in c.params:
            name = c.params["days_rule"]
            value: Any = figures
            for part in name.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise RulesError(path, f"{where}.criteria[{j}].params.days_rule",
                                 f"no positive whole number {name!r} in {source.name}")
            c = replace(c, params={**c.params, "days": value})
        criteria.append(c)
    return replace(route, criteria=tuple(criteria))


def _route_tables(path: Path) -> list[dict[str, Any]]:
    data = load_toml(path)
    tables = data.get("route")
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise RulesError(path, "route", "missing: expected one or more [[route]] tables")
    return tables


def _read_route(t: Mapping[str, Any], path: Path, where: str, defs: Mapping[str, SettingDef] | None) -> Route:
    provenance = _provenance(t, path, where)
    effective_to = _date_text(t, "effective_to", path, where)
    raw = field(t, "criteria", list, path, where, default=[])
    status = field(t, "status", str, path, where, choices=STATUSES)
    if status == "in_force" and not raw:
        raise RulesError(path, f"{where}.criteria", "missing: a route in force needs criteria")
    criteria: list[Criterion] = []
    for j, ct in enumerate(raw):
        cwhere = f"{where}.criteria[{j}]"
        if not isinstance(ct, dict):
            raise RulesError(path, cwhere, "expected a table")
        criterion = _read_criterion(ct, path, cwhere, defs)
        if any(c.id == criterion.id for c in criteria):
            raise RulesError(path, f"{cwhere}.id", f"duplicate criterion id {criterion.id!r}")
        criteria.append(criterion)
    criteria = _resolve_sibling_references(criteria, path, where)
    return Route(id=_ident(t, "id", path, where), name_en=field(t, "name_en", str, path, where),
                 name_zh=field(t, "name_zh", str, path, where),
                 kind=field(t, "kind", str, path, where, choices=ROUTE_KINDS), status=status,
                 provenance=provenance, criteria=tuple(criteria), effective_to=effective_to,
                 projection=field(t, "projection", bool, path, where, default=False),
                 summary_en=field(t, "summary_en", str, path, where, default=""),
                 summary_zh=field(t, "summary_zh", str, path, where, default=""), file=str(path), key=where,
                 cities=_names(t, "cities", path, where), zones=_names(t, "zones", path, where),
                 processing=_processing(t, path, where))


def _names(t: Mapping[str, Any], key: str, path: Path, where: str) -> tuple[str, ...]:
    value = t.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RulesError(path, f"{where}.{key}", "expected a list of names")
    return tuple(value)


def _processing(t: Mapping[str, Any], path: Path, where: str) -> tuple[int, str] | None:
    if "processing_amount" not in t:
        return None
    amount = _positive_int(t["processing_amount"], path, f"{where}.processing_amount")
    unit = field(t, "processing_unit", str, path, where, choices=("working_days", "months"))
    return amount, unit


def _read_criterion(t: Mapping[str, Any], path: Path, where: str, defs: Mapping[str, SettingDef] | None) -> Criterion:
    kind = field(t, "kind", str, path, where, choices=tuple(PARAMS))
    raw = field(t, "params", dict, path, where, default={})
    params = _read_params(kind, raw, path, f"{where}.params", defs)
    when = field(t, "when_relation", list, path, where, default=[])
    for k, value in enumerate(when):
        if value not in ENUMS["relation"]:
            raise RulesError(path, f"{where}.when_relation[{k}]", f"expected one of {', '.join(ENUMS['relation'])}")
    return Criterion(id=_ident(t, "id", path, where), label_en=field(t, "label_en", str, path, where),
                     label_zh=field(t, "label_zh", str, path, where), kind=kind, params=params,
                     provenance=_provenance(t, path, where),
                     effective_to=_date_text(t, "effective_to", path, where),
                     path=field(t, "path", str, path, where, default="main"), when_relation=tuple(when),
                     note=field(t, "note", str, path, where, default=""),
                     note_zh=field(t, "note_zh", str, path, where, default=""))


def _read_params(kind: str, raw: Mapping[str, Any], path: Path, where: str,
                 defs: Mapping[str, SettingDef] | None) -> dict[str, Any]:
    spec = PARAMS[kind]
    for key in raw:
        if key not in spec:
            raise RulesError(path, f"{where}.{key}", f"unknown parameter for kind {kind!r}")
    params: dict[str, Any] = {}
    for key, (type_name, required) in spec.items():
        if key not in raw:
            if required:
                raise RulesError(path, f"{where}.{key}", "missing")
            continue
        params[key] = _param_value(type_name, raw[key], path, f"{where}.{key}", defs)
    if kind == "deadline" and sum(k in params for k in ("days", "days_rule", "days_setting")) != 1:
        raise RulesError(path, f"{where}.days", "give exactly one of days, days_rule or days_setting")
    return params


def _param_value(type_name: str, value: Any, path: Path, key: str, defs: Mapping[str, SettingDef] | None) -> Any:
    checkers: dict[str, Callable[[], Any]] = {
        "int": lambda: _positive_int(value, path, key),
        "decimal": lambda: _positive_decimal(value, path, key),
        "str": lambda: _nonempty_str(value, path, key),
        "criterion": lambda: _nonempty_str(value, path, key),
        "setting": lambda: _setting(value, path, key, defs),
        "flag": lambda: _choice(value, tuple(FLAG_FACTS), path, key),
        "date_fact": lambda: _choice(value, tuple(DATE_FACTS), path, key),
        "degree": lambda: _choice(value, ENUMS["degree"], path, key),
        "routes": lambda: tuple(_list(value, path, key)),
        "tiers": lambda: _tiers(value, path, key),
        "bool": lambda: _boolean(value, path, key),
    }
    if type_name.startswith("list:"):
        choices = ENUMS[type_name[5:]]
        return tuple(_choice(v, choices, path, f"{key}[{i}]") for i, v in enumerate(_list(value, path, key)))
    return checkers[type_name]()


def _boolean(value: Any, path: Path, key: str) -> bool:
    if not isinstance(value, bool):
        raise RulesError(path, key, f"expected true or false, got {value!r}")
    return value


def _positive_int(value: Any, path: Path, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise RulesError(path, key, f"expected a positive integer, got {value!r}")
    return value


def _positive_decimal(value: Any, path: Path, key: str) -> Decimal:
    amount = parse_amount(value, path, key)
    if amount == 0:
        raise RulesError(path, key, "must be greater than zero")
    return amount


def _nonempty_str(value: Any, path: Path, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RulesError(path, key, f"expected a non-empty string, got {value!r}")
    return value


def _setting(value: Any, path: Path, key: str, defs: Mapping[str, SettingDef] | None) -> str:
    name = _nonempty_str(value, path, key)
    if defs is not None:
        if name not in defs:
            raise RulesError(path, key, f"unknown setting {name!r} (rules/settings/*.toml)")
        if defs[name].kind != "int":
            raise RulesError(path, key, f"setting {name!r} is not a number of days")
    return name


def _choice(value: Any, choices: tuple[str, ...], path: Path, key: str) -> str:
    if value not in choices:
        raise RulesError(path, key, f"expected one of {', '.join(choices)}, got {value!r}")
    return str(value)


def _list(value: Any, path: Path, key: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise RulesError(path, key, f"expected a non-empty list, got {value!r}")
    return value


def _tiers(value: Any, path: Path, key: str) -> dict[str, Decimal]:
    if not isinstance(value, dict) or not value:
        raise RulesError(path, key, "expected a table of minimum amounts")
    for tier in value:
        if tier not in INVESTMENT_TIERS:
            raise RulesError(path, f"{key}.{tier}", f"expected one of {', '.join(INVESTMENT_TIERS)}")
    if "anywhere" not in value:
        raise RulesError(path, f"{key}.anywhere", "missing")
    return {tier: _positive_decimal(v, path, f"{key}.{tier}") for tier, v in value.items()}


def _ident(t: Mapping[str, Any], key: str, path: Path, where: str) -> str:
    value: str = field(t, key, str, path, where)
    if not value or not all(ch.isalnum() or ch in "-_" for ch in value):
        raise RulesError(path, f"{where}.{key}", f"expected letters, digits, '-' or '_', got {value!r}")
    return value


def _provenance(t: Mapping[str, Any], path: Path, where: str) -> Provenance:
    provenance = Provenance.read(t, path, where)
    _date_text(t, "effective_from", path, where, required=True)
    return provenance


def _date_text(t: Mapping[str, Any], key: str, path: Path, where: str, required: bool = False) -> str:
    if key not in t:
        if required:
            raise RulesError(path, f"{where}.{key}", "missing")
        return ""
    value = t[key]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise RulesError(path, f"{where}.{key}", f"expected a date YYYY-MM-DD, got {value!r}")


def _resolve_sibling_references(criteria: list[Criterion], path: Path, where: str) -> list[Criterion]:
    """`amount_from` names another criterion of the route; its minimums are copied so each check stands alone."""
    ids = {c.id: c for c in criteria}
    resolved = []
    for j, c in enumerate(criteria):
        ref = c.params.get("amount_from")
        if ref is not None:
            if ref not in ids or ids[ref].kind != "investment_amount":
                raise RulesError(path, f"{where}.criteria[{j}].params.amount_from",
                                 f"no investment_amount criterion {ref!r} in this route")
            c = replace(c, params={**c.params, "minimums": ids[ref].params["minimums"]})
        resolved.append(c)
    return resolved


def _check_route_references(routes: list[Route]) -> None:
    known = {r.id: r for r in routes}
    for route in routes:
        for j, c in enumerate(route.criteria):
            for k, ref in enumerate(c.params.get("routes", ())):
                target = known.get(ref)
                if target is None or target.status != "in_force" or target.id == route.id:
                    raise RulesError(route.file, f"{route.key}.criteria[{j}].params.routes[{k}]",
                                     f"{ref!r} is not another route in force")
