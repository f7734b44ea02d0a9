"""ApplicantFacts from a small JSON document (docs/eligibility.md), with errors naming the file and the field.

Used by `check --facts FILE.json` and `points --facts FILE.json` until facts come from the records. Money is
given as a decimal string or an integer (never a float); dates as YYYY-MM-DD; every field may be left out (unknown).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from core.eligibility.facts import (
    ApplicantFacts,
    Degree,
    EmployerType,
    Employment,
    FamilyLink,
    IncomeYear,
    Investment,
    MaritalStatus,
    Marriage,
    PersonStatus,
    PositionLevel,
    PrStatus,
    Region,
    Relation,
    WorkPermitFacts,
)
from core.eligibility.results import Verdict
from core.errors import InputError, Problem
from core.exchange.crossings_csv import parse_direction
from core.exchange.json_reader import load_json_file
from core.i18n import _
from core.records.identity import Crossing

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class _Reader:
    """Reads typed values out of nested JSON objects, collecting every problem before failing."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.source, None, where, message))

    def get(self, obj: Mapping[str, Any], key: str, where: str, convert: Callable[[Any, str], T]) -> T | None:
        if key not in obj or obj[key] is None:
            return None
        path = f"{where}.{key}" if where else key
        try:
            return convert(obj[key], path)
        except ValueError as exc:
            self.fail(path, str(exc))
            return None

    def need(self, obj: Mapping[str, Any], key: str, where: str, convert: Callable[[Any, str], T]) -> T | None:
        if key not in obj or obj[key] is None:
            self.fail(f"{where}.{key}" if where else key, _("required"))
            return None
        return self.get(obj, key, where, convert)

    def items(self, obj: Mapping[str, Any], key: str, where: str,
              read: Callable[[Mapping[str, Any], str], T | None]) -> tuple[T, ...] | None:
        if key not in obj or obj[key] is None:
            return None
        path = f"{where}.{key}" if where else key
        if not isinstance(obj[key], list):
            self.fail(path, _("expected a list"))
            return None
        out = []
        for i, item in enumerate(obj[key]):
            if not isinstance(item, dict):
                self.fail(f"{path}[{i}]", _("expected an object"))
                continue
            value = read(item, f"{path}[{i}]")
            if value is not None:
                out.append(value)
        return tuple(out)


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(_("expected a date as YYYY-MM-DD, got {value}").format(value=repr(value)))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("not a real date as YYYY-MM-DD: {value}").format(value=repr(value))) from None


def _money(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(_("expected an amount as a string such as \"1234.50\" or an integer, got {value}").format(
            value=repr(value)))
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError(_("not an amount: {value}").format(value=repr(value))) from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(_("expected a non-negative amount, got {value}").format(value=repr(value)))
    return amount


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(_("expected a whole number, got {value}").format(value=repr(value)))
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("expected true or false, got {value}").format(value=repr(value)))
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(_("expected text, got {value}").format(value=repr(value)))
    return value


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(_("expected a list of names, got {value}").format(value=repr(value)))
    return tuple(value)


def _enum(kind: type[E]) -> Callable[[Any, str], E]:
    def convert(value: Any, where: str) -> E:
        try:
            return kind(value)
        except ValueError:
            raise ValueError(_("expected one of {choices}, got {value}").format(
                choices=", ".join(kind), value=repr(value))) from None
    return convert


def _time(value: Any, where: str) -> dt.time:
    try:
        return dt.time.fromisoformat(_str(value, where))
    except ValueError:
        raise ValueError(_("expected a time as HH:MM, got {value}").format(value=repr(value))) from None


def _crossing(r: _Reader, o: Mapping[str, Any], w: str) -> Crossing | None:
    day = r.need(o, "date", w, _date)
    direction = r.need(o, "direction", w, lambda v, _w: parse_direction(_str(v, _w)))
    if day is None or direction is None:
        return None
    return Crossing(day, direction, r.get(o, "time", w, _time), r.get(o, "port", w, _str) or "",
                    r.get(o, "note", w, _str) or "", bool(r.get(o, "planned", w, _bool)))


def _employment(r: _Reader, o: Mapping[str, Any], w: str) -> Employment | None:
    start = r.need(o, "start", w, _date)
    end = r.get(o, "end", w, _date)
    if start is not None and end is not None and end < start:
        r.fail(f"{w}.end", _("before the start"))
    if start is None:
        return None
    return Employment(start, end, r.get(o, "position_level", w, _enum(PositionLevel)),
                      r.get(o, "employer_type", w, _enum(EmployerType)), r.get(o, "city", w, _str),
                      r.get(o, "employer", w, _str) or "")


def _income(r: _Reader, o: Mapping[str, Any], w: str) -> IncomeYear | None:
    year = r.need(o, "year", w, _int)
    if year is None:
        return None
    return IncomeYear(year, r.get(o, "wage_income", w, _money), r.get(o, "iit_paid", w, _money),
                      r.get(o, "city", w, _str), bool(r.get(o, "expected", w, _bool)))


def _investment(r: _Reader, o: Mapping[str, Any], w: str) -> Investment | None:
    amount = r.need(o, "amount_usd", w, _money)
    if amount is None:
        return None
    return Investment(amount, r.get(o, "region", w, _enum(Region)), r.get(o, "encouraged", w, _bool),
                      r.get(o, "stable_since", w, _date))


def _object(r: _Reader, o: Mapping[str, Any], key: str, w: str) -> Mapping[str, Any] | None:
    value = o.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        r.fail(f"{w}.{key}" if w else key, _("expected an object"))
        return None
    return value


def _family(r: _Reader, o: Mapping[str, Any], w: str, depth: int) -> FamilyLink | None:
    relation = r.need(o, "relation", w, _enum(Relation))
    principal_obj = _object(r, o, "principal", w)
    principal = None
    if principal_obj is not None:
        if depth >= 1:
            r.fail(f"{w}.principal", _("a principal cannot itself have a principal here"))
        else:
            principal = _facts(r, principal_obj, f"{w}.principal", depth + 1)
    if relation is None:
        return None
    return FamilyLink(relation, r.get(o, "principal_route", w, _str),
                      r.get(o, "principal_status", w, _enum(PersonStatus)),
                      r.get(o, "principal_verdict", w, _enum(Verdict)), principal)


def _work_permit(r: _Reader, o: Mapping[str, Any], w: str) -> WorkPermitFacts:
    elite = r.get(o, "elite", w, _str_list)
    return WorkPermitFacts(
        r.get(o, "annual_salary_cny", w, _money), r.get(o, "education", w, _enum(Degree)),
        r.get(o, "experience_years", w, _int), r.get(o, "months_in_china", w, _int), r.get(o, "hsk_level", w, _int),
        r.get(o, "former_chinese_national", w, _bool), r.get(o, "degree_taught_in_chinese", w, _bool),
        r.get(o, "region", w, _enum(Region)), elite, r.get(o, "local_points", w, _int),
        r.get(o, "direct_a", w, _bool), r.get(o, "age", w, _int))


def _facts(r: _Reader, o: Mapping[str, Any], w: str, depth: int = 0) -> ApplicantFacts:
    known = {"id", "name", "birth_date", "nationality", "city", "zone", "chinese_origin", "highest_degree",
             "marital_status",
             "crossings", "employment", "income", "marriage", "family", "investments", "good_tax_record",
             "talent_recommended", "major_contribution_recommended", "no_relatives_abroad", "livelihood_and_home",
             "zgc_recommended", "gba_points_recommended", "talent_rp", "pr", "residence_permit_expiry",
             "work_permit_expiry", "documents", "work_permit", "schema", "$comment"}
    for key in o:
        if key not in known:
            r.fail(f"{w}.{key}" if w else key, _("unknown field"))
    marriage_obj, family_obj = _object(r, o, "marriage", w), _object(r, o, "family", w)
    pr_obj, wp_obj = _object(r, o, "pr", w), _object(r, o, "work_permit", w)
    marriage_date = r.need(marriage_obj, "date", f"{w}.marriage" if w else "marriage", _date) \
        if marriage_obj is not None else None
    flag = {k: r.get(o, k, w, _bool) for k in ("chinese_origin", "good_tax_record", "talent_recommended",
                                               "major_contribution_recommended", "no_relatives_abroad",
                                               "livelihood_and_home", "zgc_recommended",
                                               "gba_points_recommended", "talent_rp")}
    documents = r.get(o, "documents", w, _str_list)

    def sub(key: str) -> str:
        return f"{w}.{key}" if w else key

    return ApplicantFacts(
        id=_ident(r, o, w), name=r.get(o, "name", w, _str) or "",
        birth_date=r.get(o, "birth_date", w, _date), nationality=r.get(o, "nationality", w, _str),
        city=r.get(o, "city", w, _str), zone=r.get(o, "zone", w, _str),
        highest_degree=r.get(o, "highest_degree", w, _enum(Degree)),
        marital_status=r.get(o, "marital_status", w, _enum(MaritalStatus)),
        crossings=r.items(o, "crossings", w, lambda x, p: _crossing(r, x, p)),
        employment=r.items(o, "employment", w, lambda x, p: _employment(r, x, p)),
        income=r.items(o, "income", w, lambda x, p: _income(r, x, p)),
        marriage=Marriage(marriage_date, r.get(marriage_obj, "spouse_status", sub("marriage"),
                                               _enum(PersonStatus))) if marriage_obj and marriage_date else None,
        family=_family(r, family_obj, sub("family"), depth) if family_obj is not None else None,
        investments=r.items(o, "investments", w, lambda x, p: _investment(r, x, p)),
        pr=PrStatus(r.get(pr_obj, "card_issue_date", sub("pr"), _date),
                    r.get(pr_obj, "retention_approval", sub("pr"), _bool)) if pr_obj is not None else None,
        residence_permit_expiry=r.get(o, "residence_permit_expiry", w, _date),
        work_permit_expiry=r.get(o, "work_permit_expiry", w, _date),
        documents=frozenset(documents) if documents is not None else None,
        work_permit=_work_permit(r, wp_obj, sub("work_permit")) if wp_obj is not None else None, **flag)


def _ident(r: _Reader, o: Mapping[str, Any], w: str) -> str | int | None:
    value = o.get("id")
    if value is None or (isinstance(value, str | int) and not isinstance(value, bool)):
        return value
    r.fail(f"{w}.id" if w else "id", _("expected text or a whole number, got {value}").format(
        value=repr(value)))
    return None


def facts_from_json(data: Any, source: str = "") -> ApplicantFacts:
    r = _Reader(source)
    if not isinstance(data, dict):
        raise InputError([Problem(source, None, "", _("expected a JSON object"))])
    facts = _facts(r, data, "")
    if r.problems:
        raise InputError(r.problems)
    return facts


MAX_FACTS_BYTES = 16 * 1024 * 1024  # facts are a page of values


def read_facts(path: Path) -> ApplicantFacts:
    """An ApplicantFacts JSON file; unreadable or invalid input raises InputError naming the file and field."""
    return facts_from_json(load_json_file(path, MAX_FACTS_BYTES), str(path))
