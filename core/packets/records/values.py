"""Form values and the cover's applicant lines from stored records: every value path the forms read
(FormDef.sources(), docs/packets.md "Form values"), filled where the records hold it and left blank where not.

Blank is deliberate: a box the records do not fill (no birth place, phone or passport type recorded) is for the
applicant to write in, never a guess, and the form's completeness check names it. Pure: values in, a mapping out.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from babel import Locale
from babel.core import get_global

from core.packets.checklist import add_months
from core.packets.content import LabelledValue, Text
from core.packets.kinds.templates import KindTemplate
from core.packets.records.documents import best_passport
from core.packets.records.facts import PacketFacts
from core.packets.records.from_records import FilingRecords, current, current_job
from core.packets.records.term import Term, residence_term
from core.records.background import PersonDetails
from core.records.documents import DEGREE_NAMES, KIND_NAMES, RP_TYPE_NAMES
from core.records.model import Address, DocumentKind, PersonRecords, ResidencePermitType

NOW = "至今 now"
CATEGORY_BY_ROUTE = {"pr-salary-tax": "salary_tax", "pr-position": "position", "pr-spouse": "spouse",
                     "pr-minor-child": "child", "pr-elderly": "elderly"}
RELATION_TEXT = {"spouse": "配偶 Spouse", "child": "子女 Child", "parent": "父母 Parent", "sibling": "兄弟姐妹 Sibling",
                 "grandparent": "祖父母 Grandparent", "grandchild": "孙子女 Grandchild", "other": "亲属 Relative"}
DEGREE_TEXT = {level.value: f"{zh} {en}" for level, (zh, en) in DEGREE_NAMES.items()}  # highest first
CURRENT_KINDS = (DocumentKind.RESIDENCE_PERMIT, DocumentKind.VISA, DocumentKind.PR_CARD)
_ZH = Locale.parse("zh_Hans_CN")


def country(code: str) -> str:
    """"新加坡 SGP": the Chinese name an officer reads, with the passport's ISO code."""
    alpha2 = get_global("territory_aliases").get(code, [""])[0]
    name = _ZH.territories.get(alpha2, "") if alpha2 else ""
    return f"{name} {code}".strip()


def _month(day: dt.date | None) -> str:
    return f"{day:%Y-%m}" if day else ""


def current_address(addresses: tuple[Address, ...], day: dt.date) -> Address | None:
    moved = [a for a in addresses if a.moved_in <= day] or list(addresses)
    return max(moved, key=lambda a: (a.moved_in, a.id or 0)) if moved else None


def _current_permit(person: PersonRecords, day: dt.date) -> dict[str, Any]:
    for kind in CURRENT_KINDS:
        doc = current(person.documents, (kind,), day)
        if doc is None:
            continue
        zh, en = KIND_NAMES[kind]
        if kind is DocumentKind.RESIDENCE_PERMIT and doc.subtype:
            type_zh, type_en = RP_TYPE_NAMES[ResidencePermitType(doc.subtype)]
            zh, en = f"{type_zh}类居留许可", f"{type_en} residence permit"
        return {"type": {DocumentKind.VISA: "visa", DocumentKind.RESIDENCE_PERMIT: "residence"}.get(kind, ""),
                "number": doc.number, "expiry_date": doc.expiry_date, "description": f"{zh} {en}"}
    return {}


def _resume(person: PersonRecords) -> list[dict[str, str]]:
    """DOMAIN §7.3: studies and work from age 18: the recorded resume and the jobs in China (Employment); the
    degrees stand in for the studies only while no resume is recorded."""
    rows = []
    for period in person.resume:
        rows.append((period.start_date or dt.date.min, {
            "from": _month(period.start_date), "to": _month(period.end_date) if period.end_date else NOW,
            "place": f"{period.place} {period.organisation}".strip(), "position": period.position}))
    for doc in person.documents if not person.resume else ():
        if doc.kind is DocumentKind.DEGREE:
            level = DEGREE_TEXT.get(doc.subtype, "")
            rows.append((doc.issue_date or dt.date.min, {
                "from": "", "to": _month(doc.issue_date), "place": f"{country(doc.issuing_country)} "
                f"{doc.issuing_authority}".strip(), "position": f"学生 Student {level}".strip()}))
    for job in person.employment:
        rows.append((job.start_date or dt.date.min, {
            "from": _month(job.start_date), "to": _month(job.end_date) if job.end_date else NOW,
            "place": f"中国 {job.employer_zh} {job.employer_en}".strip(), "position": job.position}))
    return [row for _key, row in sorted(rows, key=lambda r: r[0])]


def _residence(person: PersonRecords) -> list[dict[str, str]]:
    """The recorded residence history (abroad and in China); without one, the homes in China (Address)."""
    if person.residence_history:
        return [{"from": p.start_date.isoformat() if p.start_date else "",
                 "to": p.end_date.isoformat() if p.end_date else NOW,
                 "country": country(p.country) if p.country else "", "address": p.address}
                for p in sorted(person.residence_history, key=lambda p: (p.start_date or dt.date.min, p.id or 0))]
    ordered = sorted(person.addresses, key=lambda a: (a.moved_in, a.id or 0))
    rows = []
    for i, address in enumerate(ordered):
        until = (ordered[i + 1].moved_in - dt.timedelta(days=1)).isoformat() if i + 1 < len(ordered) else NOW
        rows.append({"from": address.moved_in.isoformat(), "to": until, "country": country("CHN"),
                     "address": address.address})
    return rows


def _contact(details: PersonDetails) -> str:
    """联系人姓名和电话: "姓名（关系）电话"."""
    relation = f"（{details.contact_relation}）" if details.contact_relation.strip() else ""
    return f"{details.contact_name}{relation} {details.contact_phone}".strip() if details.contact_name else ""


def _family(records: FilingRecords, day: dt.date) -> list[dict[str, Any]]:
    rows = []
    for relative in records.relatives:
        a = relative.records.applicant
        job = current_job(relative.records.employment, day)
        rows.append({"relationship": RELATION_TEXT.get(relative.relation, RELATION_TEXT["other"]),
                     "name": f"{a.chinese_name} {a.latin_name}".strip(), "birth_date": a.birth_date,
                     "nationality": country(a.nationality) if a.nationality else "",
                     "occupation": job.position if job else "", "residence": a.city})
    return rows


def _dependents(records: FilingRecords) -> list[dict[str, Any]]:
    """The replica's "dependents on the same passport": children with no passport of their own recorded."""
    return [{"name": r.records.applicant.latin_name, "sex": r.records.applicant.sex.value
             if r.records.applicant.sex else "", "birth_date": r.records.applicant.birth_date,
             "relationship": RELATION_TEXT["child"]}
            for r in records.relatives if r.relation == "child" and not r.records.passports]


def _application(kind: KindTemplate, facts: PacketFacts, passport_expiry: dt.date | None,
                 term: Term | None) -> dict[str, Any]:
    values: dict[str, Any] = {"date": facts.filing_date}
    if kind.group == "rp":
        values["residence_action"] = "renew"
        if term is not None:  # the earliest of what the kind's term data names, and which one it was (§3)
            values["residence_until"] = term.until
            values["notes"] = f"{term.note.zh} {term.note.en}"
        elif facts.permit_months:
            until = add_months(facts.filing_date, facts.permit_months)
            values["residence_until"] = min(until, passport_expiry) if passport_expiry else until
    if kind.route in CATEGORY_BY_ROUTE:
        values["category"] = CATEGORY_BY_ROUTE[kind.route]
    return values


def _held_type(person: PersonRecords, facts: PacketFacts) -> dict[str, str]:
    """The type of the residence permit held (ticked on a change or a family renewal; a kind's own preset, as on a
    work renewal, wins). With none recorded, a family member's purpose follows whom they join: a Chinese citizen
    or a permanent resident, family reunion (团聚); a foreigner working in China, personal affairs (私人事务)."""
    permit = current(person.documents, (DocumentKind.RESIDENCE_PERMIT,), facts.filing_date)
    if permit is not None and permit.subtype in {t.value for t in ResidencePermitType}:
        return {"residence_type": permit.subtype}
    if facts.relationship and (facts.sponsor_is_chinese or "pr_card" in facts.family_permits_held):
        return {"residence_type": ResidencePermitType.FAMILY_REUNION.value}
    if facts.relationship and {"work_permit", "rp_work"} & set(facts.family_permits_held):
        return {"residence_type": ResidencePermitType.PERSONAL_AFFAIRS.value}
    return {}


def form_values(kind: KindTemplate, facts: PacketFacts, records: FilingRecords) -> dict[str, Any]:
    """The values mapping every form of the kind reads."""
    person, day = records.person, facts.filing_date
    a = person.applicant
    passport = best_passport(person.passports, day)
    address = current_address(person.addresses, day)
    job = current_job(person.employment, day)
    married = any(r.relation == "spouse" for r in records.relatives) or any(
        d.kind is DocumentKind.MARRIAGE_CERTIFICATE for d in person.documents)
    degrees = [d.subtype for d in person.documents if d.kind is DocumentKind.DEGREE and d.subtype in DEGREE_TEXT]
    details = person.details or PersonDetails(person.applicant.id or a.id)  # type: ignore[arg-type]
    marital = details.marital_status.value if details.marital_status else "married" if married else ""
    entries = sorted(c.date for c in person.crossings if c.direction.value == "entry" and not c.planned)
    return {
        "applicant": {
            "family_name": a.family_name.upper(), "given_names": a.given_names, "chinese_name": a.chinese_name,
            "sex": a.sex.value if a.sex else "", "birth_date": a.birth_date,
            "nationality": country(a.nationality) if a.nationality else "", "birth_place": details.birth_place,
            "address": address.address if address else "", "phone": details.phone,
            "employer": f"{job.employer_zh} {job.employer_en}".strip() if job else "", "contact": _contact(details),
            "former_names": "", "marital_status": marital,
            "education": DEGREE_TEXT[min(degrees, key=list(DEGREE_TEXT).index)] if degrees else "",
            "occupation": job.position if job else "", "first_entry": entries[0] if entries else None,
        },
        "passport": {"type": passport.passport_type.value if passport and passport.passport_type else "",
                     "number": passport.number if passport else "",
                     "expiry_date": passport.expiry_date if passport else None},
        "current": _current_permit(person, day),
        "dependents": _dependents(records),
        "application": {**_application(kind, facts, passport.expiry_date if passport else None,
                                       residence_term(kind, facts, records)), **_held_type(person, facts)},
        "resume": _resume(person), "family": _family(records, day), "residence": _residence(person),
    }


def applicant_lines(values: dict[str, Any]) -> list[LabelledValue]:
    """The cover's facts about the applicant, as the forms give them."""
    a, person = values["applicant"], values["passport"]
    lines = [  # the name heads the cover already
        (Text("国籍", "Nationality"), a["nationality"]),
        (Text("出生日期", "Date of birth"), a["birth_date"].isoformat() if a["birth_date"] else ""),
        (Text("护照号码", "Passport no."), f"{person['number']}（至 {person['expiry_date'].isoformat()}）"
         if person["number"] and person["expiry_date"] else person["number"]),
        (Text("现持证件", "Current permit"), " ".join(str(x) for x in (
            values["current"].get("description", ""), values["current"].get("number", "")) if x)),
    ]  # address and employer are on the forms; the cover keeps room for the contents and the findings
    return [LabelledValue(label, value) for label, value in lines if value]
