"""ApplicantFacts from a person's stored records (pure: records in, facts out, no storage and no clock).

Only what the records say becomes a fact; everything else stays None so a route that needs it says "unknown" and
names it. Where a fact is inferred (a marriage date from a certificate, a child's other parent), `RecordFacts.notes`
says how, so the reader can check it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.eligibility import facts as f
from core.eligibility.book import RuleBook
from core.eligibility.engine import evaluate
from core.eligibility.inputs.from_qualifications import current_job, read_qualifications
from core.eligibility.labels import value_text, verdict_text
from core.eligibility.results import Verdict
from core.i18n import _
from core.records.identity import Crossing
from core.records.model import Citizenship, DegreeLevel, Document, DocumentKind, PersonRecords, Relation
from core.ruledata.loader import Settings

TALENT_REMARK = "人才"  # the remark on a "talent" work-type residence permit (ZS; docs/eligibility.md)

STATUS = {Citizenship.FOREIGN: f.PersonStatus.FOREIGN, Citizenship.CHINESE: f.PersonStatus.CHINESE_CITIZEN,
          Citizenship.PR_HOLDER: f.PersonStatus.PR_HOLDER}
# Degree levels by the points they earn (DOMAIN §3.1): 3 = 20 points, 2 = 15, 1 = 10; academic first on a tie.
DEGREE_ORDER = (DegreeLevel.DOCTORATE, DegreeLevel.TOP_VOCATIONAL, DegreeLevel.MASTER, DegreeLevel.TECHNICIAN,
                DegreeLevel.BACHELOR, DegreeLevel.SENIOR_WORKER, DegreeLevel.OTHER)
HOME = (DocumentKind.LEASE, DocumentKind.PROPERTY_CERTIFICATE)
LIVELIHOOD = (DocumentKind.LIVELIHOOD_PROOF, DocumentKind.BANK_DEPOSIT)
NO_MARRIAGE_BEFORE = 16  # a child younger than this is taken as unmarried (no legal marriage age is lower)


@dataclass(frozen=True)
class RecordFacts:
    facts: f.ApplicantFacts
    notes: tuple[str, ...] = ()  # how inferred facts were read, for the reader to check

    def with_note(self, note: str) -> RecordFacts:
        return RecordFacts(self.facts, (*self.notes, note) if note else self.notes)


def locality(text: str, areas: Iterable[str]) -> str | None:
    """The wage-table area a free-text city names ("北京 Beijing" → "Beijing"), else the text itself."""
    text = text.strip()
    if not text:
        return None
    known = {a.casefold(): a for a in areas}
    if text.casefold() in known:
        return known[text.casefold()]
    for token in text.replace("/", " ").replace(",", " ").replace("·", " ").split():
        if token.casefold() in known:
            return known[token.casefold()]
    return text


def facts_from_records(person: PersonRecords, family: Sequence[PersonRecords], as_of: dt.date, *,
                       planned: Sequence[Crossing] = (), areas: Iterable[str] = (),
                       principal_route: str | None = None, experience_overlap: str = "once") -> RecordFacts:
    """The facts of `person` on `as_of`; `family` holds the principal and dependants (the person may be among
    them); `planned` adds what-if crossings; `areas` are the wage table's areas, to read cities."""
    reader = _Reader(person, family, as_of, tuple(areas), experience_overlap)
    facts = reader.facts(planned, principal_route)
    return RecordFacts(facts, tuple(reader.notes))


class _Reader:
    def __init__(self, person: PersonRecords, family: Sequence[PersonRecords], as_of: dt.date, areas: tuple[str, ...],
                 overlap: str = "once"):
        self.person, self.as_of, self.areas, self.overlap = person, as_of, areas, overlap
        self.family = [p for p in family if p.applicant.id != person.applicant.id]
        self.notes: list[str] = []
        self.held = [d for d in person.documents if d.issue_date is None or d.issue_date <= as_of]

    def facts(self, planned: Sequence[Crossing], principal_route: str | None) -> f.ApplicantFacts:
        a = self.person.applicant
        if self.person.profile.citizenship is Citizenship.CHINESE:
            self.notes.append(_("A Chinese citizen: permanent residence and residence permits do not apply."))
        job = current_job(self.person.employment, self.as_of)
        city = locality(a.city, self.areas) or (locality(job.city, self.areas) if job is not None else None)
        marriage, married = self._marriage()
        degree = self._degree()
        q = read_qualifications(self.person, self.as_of, self._work_permit(degree), self.overlap)
        self.notes.extend(q.notes)
        return f.ApplicantFacts(
            id=int(a.id) if a.id is not None else None, name=f"{a.chinese_name} {a.latin_name}".strip(),
            birth_date=a.birth_date, nationality=a.nationality or None, city=city,
            chinese_origin=True if self._has(DocumentKind.CHINESE_ORIGIN_PROOF) else None,
            highest_degree=degree, marital_status=married, crossings=self._crossings(planned),
            employment=self._employment(city), income=self._income(city), marriage=marriage,
            family=self._family(principal_route), livelihood_and_home=self._livelihood_and_home(),
            pr=self._pr(q.retention_approval), residence_permit_expiry=self._expiry(DocumentKind.RESIDENCE_PERMIT),
            work_permit_expiry=self._expiry(DocumentKind.WORK_PERMIT),
            documents=frozenset(d.kind.value for d in self.held) | self._shared_documents() | q.documents,
            work_permit=q.work_permit, zone=q.zone, investments=q.investments, talent_rp=self._talent_rp(), **q.flags)

    # --- documents -------------------------------------------------------------------------------------------
    def _has(self, *kinds: DocumentKind) -> bool:
        return any(d.kind in kinds for d in self.held)

    def _latest(self, kind: DocumentKind) -> Document | None:
        """The permit of this kind issued by the as-of date that runs longest (the current one)."""
        found = [d for d in self.held if d.kind is kind and d.expiry_date is not None]
        return max(found, key=lambda d: (d.expiry_date or dt.date.min, d.issue_date or dt.date.min), default=None)

    def _talent_rp(self) -> bool | None:
        """ZS: a work-type residence permit whose remark reads 人才 (recorded in the permit's notes), valid on the
        as-of date. Another type of permit held: no; a work permit without the remark: not recorded (unknown)."""
        valid = [d for d in self.held if d.kind is DocumentKind.RESIDENCE_PERMIT
                 and (d.expiry_date is None or self.as_of <= d.expiry_date)]
        if any(d.subtype == "work" and TALENT_REMARK in d.notes for d in valid):
            return True
        if valid and all(d.subtype and d.subtype != "work" for d in valid):
            return False
        return None

    def _expiry(self, kind: DocumentKind) -> dt.date | None:
        doc = self._latest(kind)
        return doc.expiry_date if doc else None

    def _pr(self, retention_approval: bool | None) -> f.PrStatus | None:
        card = self._latest(DocumentKind.PR_CARD) or next(
            (d for d in self.held if d.kind is DocumentKind.PR_CARD), None)
        if card is None and self.person.profile.citizenship is not Citizenship.PR_HOLDER:
            return None
        if card is None:
            self.notes.append(_("PR held (citizenship status), no PR card recorded: card issue date unknown."))
        return f.PrStatus(card.issue_date if card else None, retention_approval)

    def _degree(self) -> f.Degree | None:
        levels = [DegreeLevel(d.subtype) for d in self.held if d.kind is DocumentKind.DEGREE and d.subtype]
        if not levels:
            if self._has(DocumentKind.DEGREE):
                self.notes.append(_("Degree level unknown: no degree document records its level (type)."))
            return None
        return min(levels, key=DEGREE_ORDER.index)

    def _livelihood_and_home(self) -> bool | None:
        """Met when a current lease or property certificate and a livelihood proof are recorded (MPS-spouse list)."""
        home = any(d.kind in HOME and (d.expiry_date is None or d.expiry_date >= self.as_of) for d in self.held)
        if home and self._has(*LIVELIHOOD):
            self.notes.append(_("Stable livelihood and a home: taken from the lease or property certificate and the "
                                "livelihood proof recorded."))
            return True
        return None

    def _shared_documents(self) -> frozenset[str]:
        """A marriage certificate is both spouses' document, whichever of them it is recorded under."""
        spouse = self._spouse()
        if spouse is None or self._has(DocumentKind.MARRIAGE_CERTIFICATE):
            return frozenset()
        if any(d.kind is DocumentKind.MARRIAGE_CERTIFICATE for d in spouse.documents):
            return frozenset({DocumentKind.MARRIAGE_CERTIFICATE.value})
        return frozenset()

    # --- travel, work, income --------------------------------------------------------------------------------
    def _crossings(self, planned: Sequence[Crossing]) -> tuple[Crossing, ...] | None:
        """Recorded and planned crossings; none recorded at all is unknown presence, not zero days."""
        if not any(not c.planned for c in self.person.crossings):
            return None
        return (*self.person.crossings, *planned)

    def _employment(self, city: str | None) -> tuple[f.Employment, ...] | None:
        jobs = []
        for job in self.person.employment:
            fact = f.Employment.of(job, locality(job.city, self.areas) or city)
            if fact is None:
                self.notes.append(_("Employment history unknown: {e} has no start date.").format(
                    e=job.employer_zh or job.employer_en))
                return None
            jobs.append(fact)
        return tuple(jobs)

    def _income(self, city: str | None) -> tuple[f.IncomeYear, ...]:
        return tuple(f.IncomeYear.of(i, locality(i.city, self.areas) or city)
                     for i in sorted(self.person.income, key=lambda i: i.year))

    def _work_permit(self, degree: f.Degree | None) -> f.WorkPermitFacts:
        """Points inputs the records hold: the salary of the latest income year up to the as-of year, and the
        degree level; age comes from the birth date."""
        years = [i for i in self.person.income if i.year <= self.as_of.year]
        latest = max(years, key=lambda i: i.year, default=None)
        if latest is not None:
            self.notes.append(_("Work-permit points salary: wage income of {y}.").format(y=latest.year))
        return f.WorkPermitFacts(annual_salary_cny=latest.wage_income if latest else None, education=degree)

    # --- family ----------------------------------------------------------------------------------------------
    def _principal(self) -> PersonRecords | None:
        pid = self.person.profile.principal_id
        return next((p for p in self.family if p.applicant.id == pid), None) if pid is not None else None

    def _spouse(self) -> PersonRecords | None:
        """The principal's spouse dependant, or the principal of a spouse dependant."""
        if self.person.profile.relation is Relation.SPOUSE:
            return self._principal()
        if self.person.profile.principal_id is None:
            return next((p for p in self.family if p.profile.relation is Relation.SPOUSE), None)
        return None

    def _marriage(self) -> tuple[f.Marriage | None, f.MaritalStatus | None]:
        spouse = self._spouse()
        certificates = [d for d in (*self.held, *(spouse.documents if spouse else ()))
                        if d.kind is DocumentKind.MARRIAGE_CERTIFICATE]
        if spouse is None and not certificates:
            return None, self._unmarried_child()
        status = STATUS[spouse.profile.citizenship] if spouse else None
        tie = self.person.profile if self.person.profile.relation is Relation.SPOUSE else (
            spouse.profile if spouse else None)
        if tie is not None and tie.married_on is not None:
            return f.Marriage(tie.married_on, status), f.MaritalStatus.MARRIED
        dated = [d for d in certificates if d.issue_date is not None]
        if not dated:
            self.notes.append(_("Marriage date unknown: no marriage date and no dated marriage certificate."))
            return None, f.MaritalStatus.MARRIED
        first = min(dated, key=lambda d: d.issue_date or dt.date.max)
        assert first.issue_date is not None
        self.notes.append(_("Marriage date taken as the issue date of the marriage certificate {n} ({d}); record "
                            "the date of marriage on the spouse to override it.").format(
                                n=first.number or "", d=first.issue_date.isoformat()))
        if spouse is None:
            self.notes.append(_("Spouse not recorded as a family member: the spouse's status is unknown."))
        return f.Marriage(first.issue_date, status), f.MaritalStatus.MARRIED

    def _unmarried_child(self) -> f.MaritalStatus | None:
        birth = self.person.applicant.birth_date
        if birth is not None and f.age_on(birth, self.as_of) < NO_MARRIAGE_BEFORE:
            self.notes.append(_("Taken as unmarried: under {n} and no marriage recorded.").format(
                n=NO_MARRIAGE_BEFORE))
            return f.MaritalStatus.UNMARRIED
        return None

    def _family(self, principal_route: str | None) -> f.FamilyLink | None:
        """A dependant's tie to the principal, with the principal's own facts (M2004 Art. 6(4)–(7))."""
        principal, relation = self._principal(), self.person.profile.relation
        if principal is None or relation is None:
            return None
        status = STATUS[principal.profile.citizenship]
        if relation is Relation.CHILD and status is f.PersonStatus.FOREIGN:
            other = next((p for p in self.family if p.profile.relation is Relation.SPOUSE
                          and p.profile.citizenship is not Citizenship.FOREIGN), None)
            if other is not None:
                status = STATUS[other.profile.citizenship]
                self.notes.append(_("Parent's status: {name}, the principal's spouse, is taken as the child's other "
                                    "parent ({s}); check the birth certificate.").format(
                                        name=other.applicant.chinese_name or other.applicant.latin_name,
                                        s=value_text(status.value)))
        principal_facts = facts_from_records(principal, [self.person, *self.family], self.as_of,
                                             areas=self.areas, experience_overlap=self.overlap).facts
        return f.FamilyLink(relation, principal_route, status, None, principal_facts)


VERDICT_ORDER = (Verdict.MET, Verdict.BORDERLINE, Verdict.UNKNOWN, Verdict.NOT_MET)


def joinable_routes(book: RuleBook) -> list[str]:
    """Routes a spouse or minor child may join (the pr-dependant route's `principal_route` criterion)."""
    return [r for route in book.routes.evaluable() for c in route.criteria if c.kind == "principal_route"
            for r in c.params["routes"]]


def choose_principal_route(principal: f.ApplicantFacts, as_of: dt.date, book: RuleBook,
                           settings: Settings) -> tuple[str | None, str]:
    """The route a dependant joins when the records do not say: the principal's best on `as_of` (met, then
    borderline, then one with an earliest date; the earlier date first), with a note saying so. None when the
    principal has no such route: the dependant's check then names the principal's route as missing."""
    routes = joinable_routes(book)
    results = evaluate(principal, as_of, book, settings, routes) if routes else []
    usable = [r for r in results if r.verdict in (Verdict.MET, Verdict.BORDERLINE) or r.earliest_date]
    if not usable:
        return None, _("The principal qualifies under no route dependants may join, on {d} or later as far as "
                       "the records show ({routes}).").format(d=as_of.isoformat(), routes=", ".join(routes))
    best = min(usable, key=lambda r: (VERDICT_ORDER.index(r.verdict), r.earliest_date or dt.date.max,
                                      routes.index(r.route)))
    when = verdict_text(best.verdict)
    if best.earliest_date:
        when = _("{verdict}, earliest {date}").format(verdict=when, date=best.earliest_date.isoformat())
    return best.route, _("The principal's route is taken as {r}, the principal's best on {d} ({v}).").format(
        r=best.route, d=as_of.isoformat(), v=when)
