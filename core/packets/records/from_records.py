"""PacketFacts for one filing from stored records: what the checklist conditions ask, with every assumption said.

Pure: the caller (core/services/packets.py) reads the records; nothing here touches storage or the clock.
Where the records do not hold a fact a condition needs, the value used is the cautious one (more items apply)
and an info finding on the cover says so.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from core.packets.content import Finding, LabelledValue, Severity, Text
from core.packets.kinds.layers import TemplateSet
from core.packets.kinds.templates import KindTemplate
from core.packets.records.facts import PERMITS, PacketFacts, age_on
from core.records.documents import FAMILY_VISAS, WORK_VISAS
from core.records.identity import ApplicantId
from core.records.model import (
    Citizenship,
    Document,
    DocumentKind,
    EmployerType,
    Employment,
    FilingStatus,
    PersonProfile,
    PersonRecords,
    Relation,
)

FIE_TYPES = (EmployerType.ENCOURAGED_FIE, EmployerType.ADVANCED_TECH_FIE, EmployerType.EXPORT_FIE)
ASSUMED_AGE = 30  # only when no birth date is recorded: an adult age at which every age-bounded item applies
ASSUMED_TERM_MONTHS = 24  # only when neither a term is given nor a current permit has dates: over one year
CHINA = "CHN"
# The relative whose standing a kind's conditions ask about (sponsor_is_chinese), by the kind's route.
SPONSOR_BY_ROUTE = {"pr-spouse": ("spouse",), "pr-minor-child": ("parent",), "pr-elderly": ("child",),
                    "pr-dependant": ("spouse", "parent"), "rp-personal-affairs": ("spouse", "parent")}
# Routes that rest on the principal the family files with (NIA-12; BJ-FAM: the worker's family), whatever
# the citizenship of other relatives.
PRINCIPAL_ROUTES = ("pr-dependant", "rp-personal-affairs")
ADULT_AGE = 18  # the default of the packet_adult_age setting (DOMAIN open question 17)
UNDER_WAY = (FilingStatus.PREPARING, FilingStatus.SUBMITTED, FilingStatus.ACCEPTED)


@dataclass(frozen=True)
class Relative:
    """A family member's records and what they are to the applicant (spouse, child, parent, sibling, other)."""

    records: PersonRecords
    relation: str


@dataclass(frozen=True)
class FilingRecords:
    """Everything stored that a packet reads: the applicant's records and their family's."""

    person: PersonRecords
    relatives: tuple[Relative, ...] = ()

    @property
    def applicant_id(self) -> ApplicantId:
        assert self.person.applicant.id is not None
        return self.person.applicant.id


_INVERSE = {Relation.SPOUSE: "spouse", Relation.CHILD: "parent", Relation.PARENT: "child",
            Relation.GRANDPARENT: "grandchild"}
_BETWEEN_DEPENDANTS = {(Relation.CHILD, Relation.SPOUSE): "parent", (Relation.SPOUSE, Relation.CHILD): "child",
                       (Relation.CHILD, Relation.CHILD): "sibling"}


def relation_to(me: PersonProfile, other: PersonProfile) -> str:
    """What `other` is to `me`, both of one family (a principal and the dependants filed with them)."""
    if me.principal_id is None:
        return other.relation.value if other.relation is not None else "other"
    if other.principal_id is None:
        return _INVERSE[me.relation] if me.relation is not None else "other"
    if me.relation is None or other.relation is None:
        return "other"
    return _BETWEEN_DEPENDANTS.get((me.relation, other.relation), "other")


def city_id(text: str, templates: TemplateSet) -> str:
    """The city layer an applicant's free-text city names ("北京 Beijing" -> beijing), or "" when none does."""
    folded = text.casefold()
    if not folded.strip():
        return ""
    for key, layer in sorted(templates.cities.items()):
        names = (key, layer.name.zh.casefold(), layer.name.en.casefold())
        if any(name and name in folded for name in names):
            return key
    return ""


def _info(zh: str, en: str, key: str = "") -> Finding:
    return Finding(Severity.INFO, Text(zh, en), key)


def valid_on(doc: Document, day: dt.date) -> bool:
    return doc.expiry_date is None or doc.expiry_date >= day


def current(docs: Sequence[Document], kinds: Sequence[DocumentKind], day: dt.date) -> Document | None:
    """The document of these kinds that serves on `day`: issued by then and valid then if any is, the most
    recently issued first (one issued after `day` is chosen only when nothing else exists: "not yet issued")."""
    found = [d for d in docs if d.kind in kinds]
    if not found:
        return None
    return max(found, key=lambda d: (issued_by(d, day), valid_on(d, day), d.issue_date or dt.date.min,
                                     d.expiry_date or dt.date.max, d.id or 0))


def issued_by(doc: Document, day: dt.date) -> bool:
    return doc.issue_date is None or doc.issue_date <= day


def current_job(jobs: Sequence[Employment], day: dt.date) -> Employment | None:
    running = [j for j in jobs if (j.start_date is None or j.start_date <= day) and
               (j.end_date is None or j.end_date >= day)]
    pool = running or list(jobs)
    return max(pool, key=lambda j: (j.start_date or dt.date.min, j.id or 0)) if pool else None


def months_between(start: dt.date, end: dt.date) -> int:
    """A permit's term in whole months, rounded (2024-01-25 to 2027-01-10 is 36)."""
    return round((end - start).days / 30.44)


ASSUMED_TERM_TEXT = Text(
    f"未记录申请期限，按{ASSUMED_TERM_MONTHS}个月（一年以上）计，一年以上才需要的材料均列入",
    f"No requested term recorded: {ASSUMED_TERM_MONTHS} months assumed (over one year), so items needed "
    "only for permits over one year are listed")


def _term(kind: KindTemplate, person: PersonRecords, day: dt.date,
          given: int | None) -> tuple[int, list[Finding]]:
    if given is not None:
        return given, []
    if kind.group == "pr":
        return 0, []
    kinds = (DocumentKind.WORK_PERMIT,) if kind.group == "wp" else (DocumentKind.RESIDENCE_PERMIT,)
    doc = current(person.documents, kinds, day)
    if doc is not None and doc.issue_date and doc.expiry_date:
        months = months_between(doc.issue_date, doc.expiry_date)
        return months, [_info(f"申请期限按现持证件的期限计：{months}个月（可在“申请期限”或用 --months 指定）",
                              f"Requested term taken as the current permit's: {months} months (set it in the "
                              "wizard's term field or with --months)")]
    return ASSUMED_TERM_MONTHS, [Finding(Severity.WARNING, ASSUMED_TERM_TEXT)]


def _ncr_countries(person: PersonRecords) -> tuple[tuple[str, ...], list[Finding]]:
    """DOMAIN §5.2: an NCR from every country (not China) lived in 2+ consecutive years. The records keep no
    foreign addresses, so the countries are those of the NCRs held, or else the nationality."""
    held = sorted({d.issuing_country for d in person.documents
                   if d.kind is DocumentKind.NO_CRIMINAL_RECORD and d.issuing_country not in ("", CHINA)})
    if held:
        return tuple(held), [_info(
            f"无犯罪记录证明国家取自已记录的证明：{'、'.join(held)}；如曾在其他国家连续居住两年以上，请补充",
            f"NCR countries taken from the certificates recorded: {', '.join(held)}; add any other country "
            "lived in for 2+ consecutive years", "ncr")]
    nationality = person.applicant.nationality
    if not nationality or nationality == CHINA:
        return (), []
    return (nationality,), [_info(
        f"未记录无犯罪记录证明：按国籍国 {nationality} 列出；如曾在其他国家连续居住两年以上，请补充",
        f"No NCR recorded: listed for the country of nationality, {nationality}; add any other country lived in "
        "for 2+ consecutive years", "ncr")]


def sponsor_of(kind: KindTemplate, records: FilingRecords) -> Relative | None:
    """The relative in China a family route rests on: the one the route names, else a Chinese citizen, else a
    PR holder, else the principal the applicant files with."""
    family = list(records.relatives)
    wanted = SPONSOR_BY_ROUTE.get(kind.route)
    if wanted:
        family = [r for r in family if r.relation in wanted] or family
    if kind.route in PRINCIPAL_ROUTES:
        principal = [r for r in family if r.records.profile.principal_id is None]
        if principal:
            return principal[0]
    for status in (Citizenship.CHINESE, Citizenship.PR_HOLDER):
        found = [r for r in family if r.records.profile.citizenship is status]
        if found:
            return found[0]
    principal = [r for r in family if r.records.profile.principal_id is None]
    return principal[0] if principal else (family[0] if family else None)


def principal_line(kind: KindTemplate, records: FilingRecords) -> list[LabelledValue]:
    """The cover line naming the principal a dependant's packet is filed with (one packet per person, NIA-12)."""
    if kind.route not in PRINCIPAL_ROUTES:
        return []
    sponsor = sponsor_of(kind, records)
    if sponsor is None:
        return []
    a = sponsor.records.applicant
    return [LabelledValue(Text("随同申请的主申请人", "Filed with the principal"),
                          f"{a.chinese_name} {a.latin_name}".strip())]


def _marriage_abroad(records: FilingRecords) -> bool:
    """Registered abroad when the marriage certificate's issuing country is given and is not China (§1.7)."""
    people = [records.person, *(r.records for r in records.relatives if r.relation == "spouse")]
    certificates = [d for p in people for d in p.documents if d.kind is DocumentKind.MARRIAGE_CERTIFICATE]
    return any(d.issuing_country not in ("", CHINA) for d in certificates)


def _home(records: FilingRecords, day: dt.date) -> tuple[str, list[Finding]]:
    people = [records.person, *(r.records for r in records.relatives if r.relation == "spouse")]
    docs = [d for p in people for d in p.documents]
    if current(docs, (DocumentKind.PROPERTY_CERTIFICATE,), day) is not None:
        return "owned", []
    if current(docs, (DocumentKind.LEASE,), day) is not None:
        return "leased", []
    return "leased", [_info("未记录租房合同或房产证：按租住列出住房材料",
                            "No lease or property certificate recorded: housing listed as leased", "housing")]


def _medical_given(person: PersonRecords, day: dt.date) -> bool:
    """BJ-RP item 4: no new check when one was given for a work permit issued in the last 6 months."""
    permit = current(person.documents, (DocumentKind.WORK_PERMIT, DocumentKind.WORK_PERMIT_NOTICE), day)
    if permit is None or permit.issue_date is None or (day - permit.issue_date).days > 183:
        return False
    return any(d.kind is DocumentKind.MEDICAL_VERIFICATION and d.issue_date and d.issue_date <= permit.issue_date
               for d in person.documents)


def _foreign_documents(kind: KindTemplate, person: PersonRecords, ncr: Sequence[str]) -> bool:
    """§5.5: translations are needed when a document other than the passport was issued abroad."""
    abroad = any(d.issuing_country not in ("", CHINA) for d in person.documents)
    return abroad or (bool(ncr) and any(rule.item == "ncr" for rule in kind.items))


def last_entry(person: PersonRecords, day: dt.date) -> tuple[dt.date | None, str]:
    """The last entry on or before `day` and the letter of the visa valid that day ("" when none is recorded)."""
    entries = [c.date for c in person.crossings if c.direction.value == "entry" and not c.planned and c.date <= day]
    if not entries:
        return None, ""
    entry = max(entries)
    visas = [d for d in person.documents if d.kind is DocumentKind.VISA and issued_by(d, entry) and valid_on(d, entry)]
    visa = max(visas, key=lambda d: (d.issue_date or dt.date.min, d.id or 0), default=None)
    return entry, visa.subtype if visa is not None else ""


def years_since_first_entry(person: PersonRecords, day: dt.date) -> int:
    """Completed years from the first recorded crossing to `day` when it is an entry; -1 when nothing is recorded
    or the records start with an exit (the person was already in China: how long is not known)."""
    crossings = sorted((c for c in person.crossings if not c.planned and c.date <= day),
                       key=lambda c: (c.date, c.time or dt.time.min))
    if not crossings or crossings[0].direction.value != "entry":
        return -1
    return age_on(crossings[0].date, day)


def new_passport(person: PersonRecords, day: dt.date) -> tuple[bool, int]:
    """EEAL Art. 33 (CHANGE): whether the residence permit held on `day` sits in an older passport than the newest
    one issued by then, and the days since that newest passport was issued (-1 when its issue date is unknown)."""
    issued = [p for p in person.passports if p.issue_date is not None and p.issue_date <= day]
    if not issued:
        return False, -1
    newest = max(issued, key=lambda p: (p.issue_date or dt.date.min, p.id or 0))
    assert newest.issue_date is not None
    permit = current(person.documents, (DocumentKind.RESIDENCE_PERMIT,), day)
    moved = permit is not None and valid_on(permit, day) and permit.passport_id is not None \
        and permit.passport_id != newest.id
    return moved, (day - newest.issue_date).days


def packet_facts(kind: KindTemplate, records: FilingRecords, filing_date: dt.date, city: str,
                 permit_months: int | None = None, adult_age: int = ADULT_AGE) -> tuple[PacketFacts, list[Finding]]:
    """The facts of one filing and the assumptions made where the records are silent."""
    person, notes = records.person, []
    birth = person.applicant.birth_date
    if birth is None:
        notes.append(Finding(Severity.WARNING, Text(
            f"未记录出生日期：按{ASSUMED_AGE}岁计，与年龄有关的材料均列入",
            f"No birth date recorded: age taken as {ASSUMED_AGE}, so age-bounded items are listed")))
    months, term_notes = _term(kind, person, filing_date, permit_months)
    ncr, ncr_notes = _ncr_countries(person)
    home, home_notes = _home(records, filing_date)
    items = {rule.item for rule in kind.items}
    ncr_notes = ncr_notes if "ncr" in items else []
    home_notes = home_notes if "housing" in items else []
    sponsor = sponsor_of(kind, records)
    relationship = ""
    if sponsor is not None:
        relationship = {"spouse": "spouse", "parent": "child", "child": "parent"}.get(sponsor.relation, "other")
    job = current_job(person.employment, filing_date)
    permit = current(person.documents, (DocumentKind.WORK_PERMIT, DocumentKind.WORK_PERMIT_NOTICE), filing_date)
    entry, visa = last_entry(person, filing_date)
    changed, since_passport = new_passport(person, filing_date)
    age = age_on(birth, filing_date) if birth else ASSUMED_AGE
    facts = PacketFacts(
        kind=kind.id, filing_date=filing_date, city=city, route=kind.route, permit_months=months,
        age=age, ncr_countries=ncr,
        marriage_registered_abroad=_marriage_abroad(records),
        sponsor_is_chinese=sponsor is not None and sponsor.records.profile.citizenship is Citizenship.CHINESE,
        relationship=relationship,
        same_family_as_before=any(d.kind is DocumentKind.RESIDENCE_PERMIT and d.subtype == "family_reunion"
                                  for d in person.documents),
        medical_given_for_work_permit=_medical_given(person, filing_date), home=home,
        foreign_documents=_foreign_documents(kind, person, ncr),
        employer_is_fie=(job is not None and job.employer_type in FIE_TYPES) or any(
            d.kind is DocumentKind.FIE_APPROVAL for d in person.documents),
        chinese_origin=any(d.kind is DocumentKind.CHINESE_ORIGIN_PROOF for d in person.documents),
        wp_category=permit.subtype if permit is not None and permit.subtype in ("A", "B", "C") else "",
        citizenship=person.profile.citizenship.value, permits_held=permits_held(person, filing_date),
        family_permits_held=permits_held(sponsor.records, filing_date) if sponsor is not None else (),
        adult=age >= adult_age, entry_visa=visa, days_since_entry=(filing_date - entry).days if entry else -1,
        years_since_first_entry=years_since_first_entry(person, filing_date),
        passport_changed=changed, days_since_new_passport=since_passport,
        dependant=person.profile.principal_id is not None,
        family_filings=tuple(sorted({f.kind.value for f in sponsor.records.filings if f.status in UNDER_WAY}))
        if sponsor is not None else (),
    )
    return facts, [*notes, *term_notes, *ncr_notes, *home_notes]


def permits_held(person: PersonRecords, day: dt.date) -> tuple[str, ...]:
    """What the person holds on `day` (issued by then, not expired): the facts a kind's applicability tests."""
    held: set[str] = set()
    for d in person.documents:
        if not (issued_by(d, day) and valid_on(d, day)):
            continue
        if d.kind in (DocumentKind.WORK_PERMIT, DocumentKind.WORK_PERMIT_NOTICE):
            held.add("work_permit")
        elif d.kind is DocumentKind.RESIDENCE_PERMIT:
            held.add(f"rp_{d.subtype}" if f"rp_{d.subtype}" in PERMITS else "rp_other")
        elif d.kind is DocumentKind.PR_CARD:
            held.add("pr_card")
        elif d.kind is DocumentKind.VISA:
            held.add("visa_work" if d.subtype in WORK_VISAS else "visa_family" if d.subtype in FAMILY_VISAS
                     else "visa_other")
    if person.profile.citizenship is Citizenship.PR_HOLDER:
        held.add("pr_card")
    return tuple(sorted(held))


def _relatives_with_status(records: FilingRecords, relation: str) -> bool:
    return any(r.relation == relation and r.records.profile.citizenship in (Citizenship.CHINESE,
                                                                          Citizenship.PR_HOLDER)
               for r in records.relatives)


def suggested_kinds(records: FilingRecords, day: dt.date) -> list[str]:
    """The packet kinds the records point to: renewals of what is held, PR routes the person's situation opens."""
    person = records.person
    if person.profile.citizenship is Citizenship.CHINESE:
        return []
    docs, kinds = person.documents, []
    permit = current(docs, (DocumentKind.RESIDENCE_PERMIT,), day)
    if new_passport(person, day)[0]:
        kinds.append("rp_passport_change")
    _entry, visa = last_entry(person, day)
    if (permit is None or not valid_on(permit, day)) and visa in ("Z", "S1"):
        kinds.append("rp_work_first" if visa == "Z" else "rp_personal_affairs")
    if permit is not None and permit.subtype == "work":
        kinds.append("rp_work_renewal")
    elif permit is not None and permit.subtype in ("family_reunion", "personal_affairs"):
        kinds.append("rp_family_renewal")
    if current(docs, (DocumentKind.WORK_PERMIT, DocumentKind.WORK_PERMIT_NOTICE), day) is not None:
        kinds.append("wp_extension")
    if person.profile.citizenship is Citizenship.PR_HOLDER or current(docs, (DocumentKind.PR_CARD,), day):
        return [*kinds, "pr_card_renewal"]
    job = current_job(person.employment, day)
    if job is not None and (job.end_date is None or job.end_date >= day):
        kinds.append("pr_salary_tax")
        if job.title_level.value != "other":
            kinds.append("pr_position")
    age = age_on(person.applicant.birth_date, day) if person.applicant.birth_date else None
    if person.profile.principal_id is not None and any(
            r.records.profile.principal_id is None and any(f.kind.value == "pr_application" and f.status in UNDER_WAY
                                                           for f in r.records.filings) for r in records.relatives):
        kinds.append("pr_dependant")  # applying with a principal whose PR application is under way (NIA-12)
    if _relatives_with_status(records, "spouse"):
        kinds.append("pr_spouse")
    if age is not None and age < 18 and _relatives_with_status(records, "parent"):
        kinds.append("pr_child")
    if age is not None and age >= 60 and _relatives_with_status(records, "child"):
        kinds.append("pr_elderly")
    return kinds
