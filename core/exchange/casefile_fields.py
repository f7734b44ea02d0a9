"""Field-by-field mapping between records and case-file JSON objects (schema juliu.case/1)."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from core.errors import Problem
from core.exchange.casefile_qualifications import FIELDS as QUALIFICATION_FIELDS
from core.exchange.casefile_qualifications import READERS as QUALIFICATION_READERS
from core.exchange.casefile_qualifications import WRITERS as QUALIFICATION_WRITERS
from core.exchange.json_reader import JsonReader
from core.field_labels import table_label
from core.i18n import N_, _
from core.records.background import MaritalStatus, PersonDetails, ResidencePeriod, ResumePeriod
from core.records.identity import Applicant, ApplicantId, Crossing, Direction, Passport, PassportId, PassportType, Sex
from core.records.model import (
    Address,
    Citizenship,
    Decision,
    Document,
    DocumentId,
    DocumentKind,
    EmployerType,
    Employment,
    Filing,
    FilingKind,
    FilingStatus,
    IncomeYear,
    PersonProfile,
    PersonRecords,
    Relation,
    TitleLevel,
)
from core.records.validate import (
    validate_address,
    validate_applicant,
    validate_details,
    validate_document,
    validate_employment,
    validate_filing,
    validate_income,
    validate_passport,
    validate_residence,
    validate_resume,
)

DETAIL_FIELDS = ("birth_place", "phone", "marital_status", "contact_name", "contact_relation", "contact_phone")
QUALIFICATION_SECTIONS = tuple(QUALIFICATION_FIELDS)
PEOPLE_FIELDS = ("key", "family_name", "given_names", "chinese_name", "sex", "birth_date", "nationality", "city",
                 *DETAIL_FIELDS, "citizenship", "relation", "married_on")
PRINCIPAL_FIELDS = PEOPLE_FIELDS[:-2]  # relation and married_on describe a dependant's tie to the principal
SECTION_FIELDS = ("passports", "documents", "crossings", "addresses", "employment", "income", "filings", "resume",
                  "residence_history", *QUALIFICATION_SECTIONS)
FIELDS: dict[str, tuple[str, ...]] = {
    "passports": ("key", "person", "number", "issuing_country", "issue_date", "expiry_date", "type"),
    "documents": ("key", "person", "kind", "subtype", "number", "issuing_country", "issuing_authority",
                  "issue_date", "expiry_date", "notes", "passport", "related"),
    "crossings": ("person", "date", "time", "direction", "port", "note", "planned"),
    "addresses": ("person", "moved_in", "time", "address", "city"),
    "employment": ("person", "employer_zh", "employer_en", "credit_code", "position", "title_level",
                   "employer_type", "start_date", "end_date", "city", "zone"),
    "income": ("person", "year", "wage_income", "iit_paid", "city", "certificates"),
    "filings": ("person", "kind", "city", "status", "filing_date", "accepted_date", "decision", "decision_date",
                "notes"),
    "resume": ("person", "start_date", "end_date", "organisation", "position", "place", "work", "country"),
    "residence_history": ("person", "start_date", "end_date", "address", "country"),
    **QUALIFICATION_FIELDS,
}
Links = dict[str, dict[str, int]]
Keys = dict[tuple[str, int], str]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _report(r: JsonReader, path: str, problems: list[Problem]) -> None:
    named = {p.field for p in r.problems}  # a field the reader has already refused is not named twice
    for p in problems:
        where = f"{path}.{p.field.split('.')[-1]}" if p.field else path
        if where not in named:
            r.fail(where, p.message)


# --- people -----------------------------------------------------------------------------------------------------
def write_person(p: PersonRecords, keys: Keys) -> dict[str, Any]:
    a = p.applicant
    out: dict[str, Any] = {
        "key": keys[("person", int(a.id or 0))], "family_name": a.family_name, "given_names": a.given_names,
        "chinese_name": a.chinese_name, "sex": a.sex.value if a.sex else None, "birth_date": _iso(a.birth_date),
        "nationality": a.nationality, "city": a.city, "citizenship": p.profile.citizenship.value}
    if p.profile.principal_id is not None:
        out["relation"] = p.profile.relation.value if p.profile.relation else None
    if p.profile.married_on is not None:
        out["married_on"] = p.profile.married_on.isoformat()
    if p.details is not None:
        d = p.details
        out.update(birth_place=d.birth_place, phone=d.phone,
                   marital_status=d.marital_status.value if d.marital_status else None, contact_name=d.contact_name,
                   contact_relation=d.contact_relation, contact_phone=d.contact_phone)
    return out


def _details(r: JsonReader, d: dict[str, Any], path: str, local_id: int) -> PersonDetails | None:
    """The person's form details, when the file gives any of their fields."""
    if not any(name in d for name in DETAIL_FIELDS):
        return None
    status = r.enum(d, "marital_status", path, MaritalStatus) if d.get("marital_status") is not None else None
    details = PersonDetails(ApplicantId(local_id), r.text(d, "birth_place", path), r.text(d, "phone", path), status,
                            r.text(d, "contact_name", path), r.text(d, "contact_relation", path),
                            r.text(d, "contact_phone", path))
    _report(r, path, validate_details(details))
    return details


def read_person(r: JsonReader, raw: Any, path: str, local_id: int, *, principal: bool) -> PersonRecords | None:
    d = r.obj(raw, path, PEOPLE_FIELDS if not principal else PRINCIPAL_FIELDS)
    before = len(r.problems)
    r.text(d, "key", path, required=True)
    sex_text = d.get("sex")
    sex = r.enum(d, "sex", path, Sex) if sex_text is not None else None
    applicant = Applicant(
        family_name=r.text(d, "family_name", path, required=True), given_names=r.text(d, "given_names", path),
        chinese_name=r.text(d, "chinese_name", path), sex=sex, birth_date=r.date(d, "birth_date", path),
        nationality=r.text(d, "nationality", path), city=r.text(d, "city", path), id=ApplicantId(local_id))
    citizenship = r.enum(d, "citizenship", path, Citizenship, Citizenship.FOREIGN)
    relation = None if principal else r.enum(d, "relation", path, Relation)
    married_on = None if principal else r.date(d, "married_on", path)
    _report(r, path, validate_applicant(applicant))
    if married_on is not None and relation is not Relation.SPOUSE:
        r.fail(f"{path}.married_on", N_("only for a spouse of the principal"))
    details = _details(r, d, path, local_id)
    if len(r.problems) > before or citizenship is None:
        return None
    return PersonRecords(applicant, PersonProfile(ApplicantId(local_id), citizenship,
                                                  None if principal else ApplicantId(0), relation, married_on),
                         details=details)


# --- records ----------------------------------------------------------------------------------------------------
def write_record(section: str, rec: Any, person: PersonRecords, keys: Keys) -> dict[str, Any]:
    owner = keys[("person", int(person.applicant.id or 0))]
    return {"person": owner, **_WRITERS[section](rec, keys)}


def _ref(keys: Keys, table: str, value: int | None) -> str | None:
    return keys[(table, int(value))] if value is not None else None


_WRITERS: dict[str, Callable[[Any, Keys], dict[str, Any]]] = {
    "passports": lambda p, k: {
        "key": k[("passport", int(p.id or 0))], "number": p.number, "issuing_country": p.issuing_country,
        "issue_date": _iso(p.issue_date), "expiry_date": _iso(p.expiry_date),
        **({"type": p.passport_type.value} if p.passport_type else {})},
    "documents": lambda d, k: {
        "key": k[("document", int(d.id or 0))], "kind": d.kind.value, "subtype": d.subtype, "number": d.number,
        "issuing_country": d.issuing_country, "issuing_authority": d.issuing_authority,
        "issue_date": _iso(d.issue_date), "expiry_date": _iso(d.expiry_date), "notes": d.notes,
        "passport": _ref(k, "passport", d.passport_id), "related": _ref(k, "document", d.related_id)},
    "crossings": lambda c, k: {
        "date": _iso(c.date), "time": c.time.strftime("%H:%M") if c.time else None, "direction": c.direction.value,
        "port": c.port, "note": c.note, "planned": c.planned},
    "addresses": lambda a, k: {
        "moved_in": _iso(a.moved_in), "time": a.time.strftime("%H:%M") if a.time else None, "address": a.address,
        "city": a.city},
    "employment": lambda e, k: {
        "employer_zh": e.employer_zh, "employer_en": e.employer_en, "credit_code": e.credit_code,
        "position": e.position, "title_level": e.title_level.value, "employer_type": e.employer_type.value,
        "start_date": _iso(e.start_date), "end_date": _iso(e.end_date),
        **{k: v for k, v in (("city", e.city), ("zone", e.zone)) if v}},
    "income": lambda i, k: {
        "year": i.year, "wage_income": _money(i.wage_income), "iit_paid": _money(i.iit_paid), "city": i.city,
        "certificates": [k[("document", int(c))] for c in i.certificate_ids]},
    "filings": lambda f, k: {
        "kind": f.kind.value, "city": f.city, "status": f.status.value, "filing_date": _iso(f.filing_date),
        "accepted_date": _iso(f.accepted_date), "decision": f.decision.value, "decision_date": _iso(f.decision_date),
        "notes": f.notes},
    "resume": lambda p, k: {
        "start_date": _iso(p.start_date), "end_date": _iso(p.end_date), "organisation": p.organisation,
        "position": p.position, "place": p.place, "work": p.work, "country": p.country},
    "residence_history": lambda p, k: {
        "start_date": _iso(p.start_date), "end_date": _iso(p.end_date), "address": p.address, "country": p.country},
    **QUALIFICATION_WRITERS,
}


def _link(r: JsonReader, d: dict[str, Any], key: str, path: str, table: str, links: Links) -> int | None:
    value = d.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or value not in links[table]:
        r.fail(f"{path}.{key}", _("no {what} with key {key} in this file").format(what=table_label(
            "applicant" if table == "person" else table), key=repr(value)))
        return None
    return links[table][value]


def read_record(r: JsonReader, section: str, raw: Any, path: str, n: int,
                links: Links) -> tuple[str, Any] | None:
    """(owner person key, record with local ids) or None after recording problems."""
    d = r.obj(raw, path, FIELDS[section])
    owner = r.text(d, "person", path, required=True)
    if owner and owner not in links["person"]:
        r.fail(f"{path}.person", _("no {what} with key {key} in this file").format(what=table_label("applicant"),
                                                                                     key=repr(owner)))
    before = len(r.problems)
    record, problems = _READERS[section](r, d, path, n, links)
    _report(r, path, problems)
    if len(r.problems) > before or record is None or owner not in links["person"]:
        return None
    if section == "passports":
        links["owner_of_passport"][str(n)] = links["person"][owner]
    elif section == "documents":
        links["owner_of_document"][str(n)] = links["person"][owner]
    return owner, record


def _passport(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    expiry = r.date(d, "expiry_date", path, required=True)
    if expiry is None:
        return None, []
    kind = r.enum(d, "type", path, PassportType) if d.get("type") is not None else None
    p = Passport(ApplicantId(0), r.text(d, "number", path, required=True), r.text(d, "issuing_country", path),
                 r.date(d, "issue_date", path), expiry, id=PassportId(n), passport_type=kind)
    return p, validate_passport(p)


def _document(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    kind = r.enum(d, "kind", path, DocumentKind)
    passport, related = _link(r, d, "passport", path, "passport", links), _link(r, d, "related", path, "document",
                                                                               links)
    if kind is None:
        return None, []
    doc = Document(ApplicantId(0), kind, r.text(d, "number", path), r.text(d, "issuing_country", path),
                   r.text(d, "issuing_authority", path), r.date(d, "issue_date", path),
                   r.date(d, "expiry_date", path), r.text(d, "notes", path), r.text(d, "subtype", path),
                   PassportId(passport) if passport is not None else None,
                   DocumentId(related) if related is not None else None, DocumentId(n))
    return doc, validate_document(doc)[0]


def _crossing(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    day, direction = r.date(d, "date", path, required=True), r.enum(d, "direction", path, Direction)
    if day is None or direction is None:
        return None, []
    return Crossing(day, direction, r.time(d, "time", path), r.text(d, "port", path), r.text(d, "note", path),
                    r.boolean(d, "planned", path)), []


def _address(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    day = r.date(d, "moved_in", path, required=True)
    if day is None:
        return None, []
    a = Address(ApplicantId(0), day, r.text(d, "address", path), r.text(d, "city", path), r.time(d, "time", path))
    return a, validate_address(a)


def _employment(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    level = r.enum(d, "title_level", path, TitleLevel, TitleLevel.OTHER)
    kind = r.enum(d, "employer_type", path, EmployerType, EmployerType.OTHER)
    if level is None or kind is None:
        return None, []
    e = Employment(ApplicantId(0), r.text(d, "employer_zh", path), r.text(d, "employer_en", path),
                   r.text(d, "credit_code", path), r.text(d, "position", path), level, kind,
                   r.date(d, "start_date", path), r.date(d, "end_date", path), r.text(d, "city", path),
                   r.text(d, "zone", path))
    return e, validate_employment(e)


def _income(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    year, wage, tax = r.integer(d, "year", path), r.money(d, "wage_income", path), r.money(d, "iit_paid", path)
    certificates = []
    for cpath, value in r.items(d, "certificates", path):
        if not isinstance(value, str) or value not in links["document"]:
            r.fail(cpath, _("no {what} with key {key} in this file").format(what=table_label("document"),
                                                                                key=repr(value)))
        else:
            certificates.append(DocumentId(links["document"][value]))
    if year is None or wage is None or tax is None:
        return None, []
    i = IncomeYear(ApplicantId(0), year, wage, tax, r.text(d, "city", path), tuple(certificates))
    return i, validate_income(i)


def _filing(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    kind = r.enum(d, "kind", path, FilingKind)
    status = r.enum(d, "status", path, FilingStatus, FilingStatus.PREPARING)
    decision = r.enum(d, "decision", path, Decision, Decision.NONE)
    if kind is None or status is None or decision is None:
        return None, []
    f = Filing(ApplicantId(0), kind, r.text(d, "city", path), status, r.date(d, "filing_date", path),
               r.date(d, "accepted_date", path), decision, r.date(d, "decision_date", path),
               r.text(d, "notes", path))
    return f, validate_filing(f)


def _resume(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    p = ResumePeriod(ApplicantId(0), r.text(d, "organisation", path), r.date(d, "start_date", path),
                     r.date(d, "end_date", path), r.text(d, "position", path), r.text(d, "place", path),
                     work=r.boolean(d, "work", path), country=r.text(d, "country", path).upper())
    return p, validate_resume(p)


def _residence(r: JsonReader, d: dict[str, Any], path: str, n: int, links: Links) -> tuple[Any, list[Problem]]:
    p = ResidencePeriod(ApplicantId(0), r.text(d, "address", path), r.date(d, "start_date", path),
                        r.date(d, "end_date", path), r.text(d, "country", path))
    return p, validate_residence(p)


_READERS: dict[str, Callable[[JsonReader, dict[str, Any], str, int, Links], tuple[Any, list[Problem]]]] = {
    "passports": _passport, "documents": _document, "crossings": _crossing, "addresses": _address,
    "employment": _employment, "income": _income, "filings": _filing, "resume": _resume,
    "residence_history": _residence, **QUALIFICATION_READERS}
