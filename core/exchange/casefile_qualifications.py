"""Case-file sections for core.records.qualifications: `qualifications` (at most one per person), `investments` and
`recommendations` (docs/case-file.md). Absent fields read as "not recorded" (null), so older files stay valid."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from core.errors import Problem
from core.exchange.json_reader import JsonReader
from core.i18n import _
from core.records.identity import ApplicantId
from core.records.qualifications import (
    CategoryABasis,
    EliteItem,
    Investment,
    InvestmentKind,
    Qualifications,
    Recommendation,
    RecommendationPurpose,
    Recommender,
    Region,
    validate_investment,
    validate_qualifications,
    validate_recommendation,
)

E = TypeVar("E", bound=StrEnum)
Links = dict[str, dict[str, int]]
Keys = dict[tuple[str, int], str]

_NUMBERS = ("experience_years", "months_in_china", "hsk_level", "local_points")
_FLAGS = ("former_chinese_national", "degree_taught_in_chinese", "good_tax_record", "retention_approval")
FIELDS: dict[str, tuple[str, ...]] = {
    "qualifications": ("person", *_NUMBERS, *_FLAGS, "work_region", "elite", "category_a", "investments_complete",
                       "recommendations_complete"),
    "investments": ("person", "amount_usd", "since", "region", "kind", "encouraged", "company", "city", "notes"),
    "recommendations": ("person", "recommender", "purpose", "issuer", "issue_date", "notes"),
}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _value(e: StrEnum | None) -> str | None:
    return e.value if e is not None else None


def write_qualifications(q: Qualifications, keys: Keys) -> dict[str, Any]:
    out: dict[str, Any] = {k: getattr(q, k) for k in (*_NUMBERS, *_FLAGS)}
    out.update(work_region=_value(q.work_region), elite=None if q.elite is None else [i.value for i in q.elite],
               category_a=_value(q.category_a), investments_complete=q.investments_complete,
               recommendations_complete=q.recommendations_complete)
    return out


def write_investment(i: Investment, keys: Keys) -> dict[str, Any]:
    return {"amount_usd": str(i.amount_usd.quantize(Decimal("0.01"))), "since": _iso(i.since),
            "region": _value(i.region), "kind": i.kind.value, "encouraged": i.encouraged, "company": i.company,
            "city": i.city, "notes": i.notes}


def write_recommendation(r: Recommendation, keys: Keys) -> dict[str, Any]:
    return {"recommender": r.recommender.value, "purpose": r.purpose.value, "issuer": r.issuer,
            "issue_date": _iso(r.issue_date), "notes": r.notes}


def _optional_enum(r: JsonReader, d: dict[str, Any], key: str, path: str, kind: type[E]) -> E | None:
    return r.enum(d, key, path, kind) if d.get(key) is not None else None


def _optional_int(r: JsonReader, d: dict[str, Any], key: str, path: str) -> int | None:
    return r.integer(d, key, path) if d.get(key) is not None else None


def _optional_bool(r: JsonReader, d: dict[str, Any], key: str, path: str) -> bool | None:
    return r.boolean(d, key, path) if d.get(key) is not None else None


def read_qualifications(r: JsonReader, d: dict[str, Any], path: str, n: int,
                        links: Links) -> tuple[Any, list[Problem]]:
    elite: tuple[EliteItem, ...] | None = None
    if d.get("elite") is not None:
        found = []
        for ipath, value in r.items(d, "elite", path):
            try:
                found.append(EliteItem(value))
            except ValueError:
                allowed = ", ".join(repr(e.value) for e in EliteItem)
                r.fail(ipath, _("expected one of {allowed}").format(allowed=allowed))
        elite = tuple(found)
    numbers = {k: _optional_int(r, d, k, path) for k in _NUMBERS}
    flags = {k: _optional_bool(r, d, k, path) for k in _FLAGS}
    q = Qualifications(ApplicantId(0), experience_years=numbers["experience_years"],
                       months_in_china=numbers["months_in_china"], hsk_level=numbers["hsk_level"],
                       local_points=numbers["local_points"],
                       former_chinese_national=flags["former_chinese_national"],
                       degree_taught_in_chinese=flags["degree_taught_in_chinese"],
                       good_tax_record=flags["good_tax_record"], retention_approval=flags["retention_approval"],
                       work_region=_optional_enum(r, d, "work_region", path, Region), elite=elite,
                       category_a=_optional_enum(r, d, "category_a", path, CategoryABasis),
                       investments_complete=r.boolean(d, "investments_complete", path),
                       recommendations_complete=r.boolean(d, "recommendations_complete", path))
    return q, validate_qualifications(q)


def read_investment(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    amount = r.money(d, "amount_usd", path)
    kind = r.enum(d, "kind", path, InvestmentKind, InvestmentKind.CASH)
    region = _optional_enum(r, d, "region", path, Region)
    if amount is None or kind is None:
        return None, []
    i = Investment(ApplicantId(0), amount, r.date(d, "since", path), region, kind,
                   _optional_bool(r, d, "encouraged", path), r.text(d, "company", path), r.text(d, "city", path),
                   r.text(d, "notes", path))
    return i, validate_investment(i)


def read_recommendation(r: JsonReader, d: dict[str, Any], path: str, n: int,
                        links: Links) -> tuple[Any, list[Problem]]:
    who = r.enum(d, "recommender", path, Recommender)
    purpose = r.enum(d, "purpose", path, RecommendationPurpose)
    if who is None or purpose is None:
        return None, []
    letter = Recommendation(ApplicantId(0), who, purpose, r.text(d, "issuer", path), r.date(d, "issue_date", path),
                            r.text(d, "notes", path))
    return letter, validate_recommendation(letter)


Writer = Callable[[Any, Keys], dict[str, Any]]
WRITERS: dict[str, Writer] = {"qualifications": write_qualifications, "investments": write_investment,
           "recommendations": write_recommendation}
READERS = {"qualifications": read_qualifications, "investments": read_investment,
           "recommendations": read_recommendation}
