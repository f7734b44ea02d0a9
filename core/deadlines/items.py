"""What expires or falls due next, from a person's records (DOMAIN §2, §3, §5, §8): pure functions of records,
rules, settings and an as-of date. Each item says which rule (source key) and which setting value produced it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from core.deadlines.config import DeadlineRules, DeadlineSettings
from core.deadlines.item import DeadlineItem, DeadlineKind, Urgency, sort_items, within
from core.deadlines.working_days import add_working_days
from core.i18n import _
from core.presence import days as presence
from core.records.documents import (
    add_months,
    age_on,
    document_label,
    pr_card_validity_years,
    usable_until,
    validity_rule,
)
from core.records.identity import ApplicantId, Crossing, Direction, Passport
from core.records.model import (
    Citizenship,
    Document,
    DocumentKind,
    Filing,
    FilingKind,
    FilingStatus,
    PersonRecords,
)

ONE_DAY = dt.timedelta(days=1)
CERTIFYING = (DocumentKind.APOSTILLE, DocumentKind.LEGALISATION, DocumentKind.TRANSLATION)
PERMITS_IN_PASSPORT = (DocumentKind.RESIDENCE_PERMIT, DocumentKind.VISA)
__all__ = ["DeadlineItem", "DeadlineKind", "Urgency", "deadlines", "person_deadlines", "sort_items", "within"]


def urgency_for(days_left: int, rules: DeadlineRules) -> Urgency:
    if days_left < 0:
        return Urgency.OVERDUE
    if days_left <= rules.urgent_days:
        return Urgency.URGENT
    if days_left <= rules.soon_days:
        return Urgency.SOON
    return Urgency.LATER


def person_name(p: PersonRecords) -> str:
    return f"{p.applicant.chinese_name} {p.applicant.latin_name}".strip()


def current_documents(docs: Iterable[Document]) -> list[Document]:
    """The latest document of each kind (per country for NCRs; per certified document for apostilles):
    older ones were replaced and are history, not deadlines."""
    latest: dict[tuple[str, str], Document] = {}
    for d in docs:
        key = (d.kind.value, d.issuing_country if d.kind is DocumentKind.NO_CRIMINAL_RECORD
               else str(d.related_id or "") if d.kind in CERTIFYING else "")
        rank = (d.expiry_date or d.issue_date or dt.date.min, d.issue_date or dt.date.min, d.id or 0)
        old = latest.get(key)
        if old is None or rank > (old.expiry_date or old.issue_date or dt.date.min,
                                  old.issue_date or dt.date.min, old.id or 0):
            latest[key] = d
    return sorted(latest.values(), key=lambda d: d.id or 0)


def current_passport(passports: Sequence[Passport]) -> Passport | None:
    return max(passports, key=lambda p: (p.expiry_date, p.id or 0)) if passports else None


class _Collector:
    """Builds items for one person against one as-of date."""

    def __init__(self, person: PersonRecords, as_of: dt.date, rules: DeadlineRules, settings: DeadlineSettings):
        self.p, self.as_of, self.rules, self.settings = person, as_of, rules, settings
        self.items: list[DeadlineItem] = []

    def add(self, kind: DeadlineKind, title: str, document: str, due: dt.date, source: str, detail: str = "",
            due_time: dt.time | None = None, record: tuple[str, int] | None = None,
            lenient_due: dt.date | None = None, derived: bool = False) -> None:
        """`due` is the conservative date; a later `lenient_due` is shown beside it, never instead of it."""
        days_left = (due - self.as_of).days
        lenient = lenient_due if lenient_due is not None and lenient_due > due else None
        if lenient is not None:
            detail = "; ".join(x for x in (detail, f"latest by the lenient reading: {lenient}") if x)
        self.items.append(DeadlineItem(
            self.p.applicant.id or ApplicantId(0), person_name(self.p), kind, title, document, due, days_left,
            urgency_for(days_left, self.rules), source, detail, due_time, record, lenient, derived))


def _passport_label(p: Passport) -> str:
    return f"Passport 护照 {p.number}"


def _doc_items(c: _Collector, docs: list[Document], filing_date: dt.date | None) -> None:
    by_id = {d.id: d for d in c.p.documents}
    for d in docs:
        ref = ("document", int(d.id)) if d.id is not None else None
        label = document_label(d)
        certified = by_id[d.related_id].kind if d.related_id in by_id and d.related_id is not None else None
        rule = validity_rule(d, c.rules.validity, certified)
        usable = usable_until(d, c.rules.validity, certified)
        if rule is not None and usable is not None:
            until, used = usable
            prov = used.provenance if used else None
            why = (f"{used.label_en} ({used.provenance.confidence})" if used else "printed expiry date")
            if filing_date is not None and until < filing_date:
                title = _("No longer usable on the intended filing date {date}").format(date=filing_date)
                c.add(DeadlineKind.INVALID_ON_FILING, title,
                      label, until, prov.source if prov else "DOCVAL", why, record=ref)
            else:
                c.add(DeadlineKind.DOCUMENT_VALIDITY, _("Last day usable"), label, until,
                      prov.source if prov else "DOCVAL", why, record=ref)
        elif d.expiry_date is not None:
            c.add(DeadlineKind.EXPIRY, _("Expires"), label, d.expiry_date, "DOCVAL", record=ref)
        if d.kind is DocumentKind.PR_CARD:
            _pr_card_items(c, d, label, ref)
        if d.kind is DocumentKind.RESIDENCE_PERMIT and d.expiry_date is not None:
            lead = c.rules.rp_lead_days
            c.add(DeadlineKind.RP_FILING, _("Last day to file the renewal"), label,
                  d.expiry_date - dt.timedelta(days=lead), c.rules.rp_extension.source,
                  f"expiry − {lead} days (EEAL Art. 32)", record=ref)
        if d.kind is DocumentKind.WORK_PERMIT and d.expiry_date is not None:
            lead, lenient, used_setting = c.settings.wp_lead_for(c.p.applicant.city)
            c.add(DeadlineKind.WP_FILING, _("Last day to file the extension"), label,
                  d.expiry_date - dt.timedelta(days=lead), "WP-EXT",
                  f"expiry − {lead} days ({used_setting}; DOMAIN open question 8)", record=ref,
                  lenient_due=d.expiry_date - dt.timedelta(days=lenient))


def pr_card_expiry(c: _Collector, d: Document) -> tuple[dt.date, str] | None:
    """A PR card's expiry: as recorded, else derived from the holder's age at issue (M2004 Art. 21), with how."""
    if d.expiry_date is not None:
        return d.expiry_date, ""
    rule, birth = c.rules.pr_card, c.p.applicant.birth_date
    if rule is None or d.issue_date is None or birth is None:
        return None
    years = pr_card_validity_years(birth, d.issue_date, rule)
    how = (f"derived: issued {d.issue_date} at age {age_on(birth, d.issue_date)}, valid {years} years "
           f"({rule.provenance.source} Art. 21); no expiry recorded")
    return add_months(d.issue_date, 12 * years), how


def _pr_card_items(c: _Collector, d: Document, label: str, ref: tuple[str, int] | None) -> None:
    """A PR card's expiry when only derived, and the day to apply for renewal (about 3–4 months' processing)."""
    found = pr_card_expiry(c, d)
    if found is None:
        return
    expiry, how = found
    if how:
        c.add(DeadlineKind.EXPIRY, _("Expires (derived from the age at issue)"), label, expiry,
              c.rules.pr_card.provenance.source if c.rules.pr_card else "M2004", how, record=ref, derived=True)
    processing = c.rules.processing.get(FilingKind.PR_CARD_RENEWAL)
    if processing is not None and processing.unit == "months":
        detail = f"expiry {expiry} − {processing.amount} months' processing" + (f"; {how}" if how else "")
        c.add(DeadlineKind.PR_RENEWAL, _("Apply for the card's renewal by this day"), label,
              add_months(expiry, -processing.amount), processing.provenance.source, detail, record=ref,
              derived=bool(how))


def _passport_items(c: _Collector, docs: list[Document]) -> None:
    passport = current_passport(c.p.passports)
    if passport is None:
        return
    ref = ("passport", int(passport.id)) if passport.id is not None else None
    label = _passport_label(passport)
    c.add(DeadlineKind.EXPIRY, _("Expires"), label, passport.expiry_date, "DOCVAL", record=ref)
    months = c.settings.passport_margin_months
    title = _("Less than {months} months of validity left from this day").format(months=months)
    c.add(DeadlineKind.PASSPORT_MARGIN, title, label,
          add_months(passport.expiry_date, -months), "DOCVAL",
          f"setting passport_min_remaining_months = {months} (agent practice, L)", record=ref)
    for d in docs:
        if d.kind not in PERMITS_IN_PASSPORT or d.expiry_date is None:
            continue
        carrier = next((p for p in c.p.passports if p.id == d.passport_id), passport)
        if carrier.expiry_date < d.expiry_date:
            c.add(DeadlineKind.PASSPORT_BEFORE_PERMIT,
                  _("Passport expires before the {document} it carries (valid to {date})").format(
                      document=document_label(d), date=d.expiry_date),
                  _passport_label(carrier), carrier.expiry_date, c.rules.passport_carries_permit.source,
                  "a permit cannot outlast its passport", record=("passport", int(carrier.id or 0)))
        moved = d.kind is DocumentKind.RESIDENCE_PERMIT and passport.issue_date is not None and (
            (d.passport_id is not None and d.passport_id != passport.id)
            or (d.passport_id is None and d.issue_date is not None and d.issue_date < passport.issue_date))
        if moved and passport.issue_date is not None:
            days = c.rules.rp_change_days
            c.add(DeadlineKind.RP_CHANGE, _("Apply to move the residence permit to the new passport"),
                  document_label(d), passport.issue_date + dt.timedelta(days=days), c.rules.rp_change.source,
                  f"new passport {passport.number} issued {passport.issue_date} + {days} days (EEAL Art. 33)",
                  record=ref)


def _accommodation_items(c: _Collector) -> None:
    if c.p.profile.citizenship is Citizenship.CHINESE:
        return
    registered = [d.issue_date for d in c.p.documents
                  if d.kind is DocumentKind.ACCOMMODATION_REGISTRATION and d.issue_date is not None]
    since = c.as_of - dt.timedelta(days=c.rules.accommodation_lookback_days)
    hours = c.rules.accommodation_hours
    events: list[tuple[dt.date, dt.time | None, str, tuple[str, int] | None]] = []
    recorded = presence.sort_crossings(x for x in c.p.crossings if not x.planned and x.date <= c.as_of)
    if recorded and recorded[-1].direction is Direction.ENTRY:
        e = recorded[-1]
        events.append((e.date, e.time, f"Entry 入境 {e.date} {e.port}".strip(), ("crossing", int(e.id or 0))))
    moves = [a for a in c.p.addresses if a.moved_in <= c.as_of]
    if moves:
        m = max(moves, key=lambda a: (a.moved_in, a.id or 0))
        events.append((m.moved_in, m.time, f"Move 搬家 {m.address}", ("address", int(m.id or 0))))
    for day, time, label, ref in events:
        if day < since or any(r >= day for r in registered):
            continue
        due = dt.datetime.combine(day, time or dt.time(23, 59)) + dt.timedelta(hours=hours)
        title = _("Register the accommodation within {hours} hours").format(hours=hours)
        c.add(DeadlineKind.ACCOMMODATION, title, label,
              due.date(), c.rules.accommodation.source, "EEAL Art. 39" + ("" if time else "; time unknown"),
              due_time=due.time() if time else None, record=ref)


def _pr_presence_items(c: _Collector, docs: list[Document]) -> None:
    holder = c.p.profile.citizenship is Citizenship.PR_HOLDER or any(d.kind is DocumentKind.PR_CARD for d in docs)
    recorded = [x for x in c.p.crossings if not x.planned]
    if not holder or not recorded:
        return
    need, lenient = c.settings.pr_min_days, min(c.settings.pr_min_days, c.settings.pr_min_days_lenient)
    counts = {y.year: y.calendar_days for y in presence.year_counts(recorded, c.as_of)}
    setting = (f"settings elig_days_3_months = {need}, elig_days_3_months_lenient = {lenient} calendar days "
               "(3 months, M2004 Art. 20)")
    last = c.as_of.year - 1
    if last in counts and counts[last] < need:
        title = _("Only {days} days in China in {year}: provincial PSB approval needed, and 1 year in 5").format(
            days=counts[last], year=last)
        detail = setting + ("; enough by the lenient reading" if counts[last] >= lenient else "")
        c.add(DeadlineKind.PR_PRESENCE, title, "PR presence", dt.date(last, 12, 31), "M2004", detail)
    so_far = counts.get(c.as_of.year, 0)
    if so_far < need:
        year_end = dt.date(c.as_of.year, 12, 31)
        latest = year_end - dt.timedelta(days=need - so_far - 1)
        title = _("{days} of {need} days in China in {year}: be in China from this day on at the latest").format(
            days=so_far, need=need, year=c.as_of.year)
        c.add(DeadlineKind.PR_PRESENCE, title, "PR presence", latest, "M2004", setting,
              lenient_due=year_end - dt.timedelta(days=max(lenient - so_far - 1, 0)) if so_far < lenient else None)


def _in_china_since(c: _Collector) -> Crossing | None:
    """The last recorded entry, if the person has not left since."""
    recorded = presence.sort_crossings(x for x in c.p.crossings if not x.planned and x.date <= c.as_of)
    return recorded[-1] if recorded and recorded[-1].direction is Direction.ENTRY else None


def _visa_at(docs: Sequence[Document], day: dt.date) -> list[Document]:
    return [d for d in docs if d.kind is DocumentKind.VISA and (d.issue_date is None or d.issue_date <= day)
            and (d.expiry_date is None or day <= d.expiry_date)]


def _entry_items(c: _Collector) -> None:
    """Duties that run from an entry: a residence permit within 30 days on a Z/X1/Q1/S1/J1 visa (EEAL Art. 30),
    the PR card within 30 days on a D visa (M2004 Art. 19), and a visa holder's stay extension 7 days before the
    stay ends (EEAL Art. 29)."""
    entry = _in_china_since(c)
    if entry is None or c.p.profile.citizenship is Citizenship.CHINESE:
        return
    visas = _visa_at(c.p.documents, entry.date)
    after = [d for d in c.p.documents if d.issue_date is not None and d.issue_date >= entry.date]
    duties = ((c.rules.entry_residence_permit, DocumentKind.RESIDENCE_PERMIT, DeadlineKind.RP_AFTER_ENTRY,
               _("Apply for the residence permit within {days} days of entry")),
              (c.rules.pr_card_collection, DocumentKind.PR_CARD, DeadlineKind.PR_CARD_COLLECTION,
               _("Collect the PR card within {days} days of entry")))
    for rule, settles, kind, title in duties:
        if rule is None or (c.as_of - entry.date).days > rule.lookback_days:
            continue
        visa = next((v for v in visas if v.subtype in rule.visa_types), None)
        if visa is None or any(d.kind is settles for d in after):
            continue
        c.add(kind, title.format(days=rule.days), document_label(visa), entry.date + dt.timedelta(days=rule.days),
              rule.provenance.source, f"entry {entry.date} {entry.port}".strip() + f" on a {visa.subtype} visa",
              record=("document", int(visa.id)) if visa.id is not None else None)
    permit = any(d.kind is DocumentKind.RESIDENCE_PERMIT and (d.issue_date is None or d.issue_date <= c.as_of)
                 and (d.expiry_date is None or c.as_of <= d.expiry_date) for d in c.p.documents)
    current = [v for v in _visa_at(c.p.documents, c.as_of) if v.expiry_date is not None]
    if permit or not current or c.rules.stay_extension is None:
        return
    visa = max(current, key=lambda v: (v.expiry_date or dt.date.min, v.id or 0))
    assert visa.expiry_date is not None
    days = c.rules.stay_extension_days
    c.add(DeadlineKind.STAY_EXTENSION, _("Apply to extend the stay at least {days} days before it ends").format(
        days=days), document_label(visa), visa.expiry_date - dt.timedelta(days=days), c.rules.stay_extension.source,
        f"visa valid to {visa.expiry_date}, taken as the end of the stay (check the duration printed on the visa); "
        "EEAL Art. 29", record=("document", int(visa.id)) if visa.id is not None else None)


def expected_decision(f: Filing, rules: DeadlineRules, settings: DeadlineSettings) -> tuple[dt.date, str] | None:
    """When an accepted filing's decision is due (DOMAIN §8), and how that was computed, warnings included."""
    if f.accepted_date is None or f.kind not in rules.processing:
        return None
    rule = rules.processing[f.kind]
    detail = f"{rule.amount} {rule.unit.replace('_', ' ')} from acceptance {f.accepted_date}"
    if rule.unit == "months":
        return add_months(f.accepted_date, rule.amount), detail
    result = add_working_days(f.accepted_date, rule.amount, count_start_day=settings.count_acceptance_day)
    detail += "; counting " + ("the acceptance day" if settings.count_acceptance_day else "from the next day")
    if result.warning:
        detail += "; WARNING: " + result.warning
    return result.due, detail


def _decision_items(c: _Collector, filings: Sequence[Filing]) -> None:
    for f in filings:
        expected = expected_decision(f, c.rules, c.settings) if f.status is FilingStatus.ACCEPTED else None
        if expected is None:
            continue
        due, detail = expected
        c.add(DeadlineKind.DECISION_DUE, _("Decision expected"), f"Filing {f.kind.value} {f.city}".strip(), due,
              c.rules.processing[f.kind].provenance.source, detail, record=("filing", int(f.id or 0)))


def person_deadlines(person: PersonRecords, as_of: dt.date, rules: DeadlineRules,
                     settings: DeadlineSettings) -> list[DeadlineItem]:
    """All items for one person, sorted by due date."""
    c = _Collector(person, as_of, rules, settings)
    docs = current_documents(person.documents)
    planned = [f.filing_date for f in person.filings
               if f.status is FilingStatus.PREPARING and f.filing_date is not None and f.filing_date >= as_of]
    _doc_items(c, docs, min(planned) if planned else None)
    _passport_items(c, docs)
    _accommodation_items(c)
    _entry_items(c)
    _pr_presence_items(c, docs)
    _decision_items(c, person.filings)
    return sort_items(c.items)


def deadlines(people: Iterable[PersonRecords], as_of: dt.date, rules: DeadlineRules,
              settings: DeadlineSettings) -> list[DeadlineItem]:
    return sort_items([i for p in people for i in person_deadlines(p, as_of, rules, settings)])
