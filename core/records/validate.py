"""Checks on records before they are saved; each returns Problems naming the field, so dialogs and case-file
imports report the same messages (the case-file reader prefixes its JSON path)."""
from __future__ import annotations

from decimal import Decimal

from core.errors import Problem
from core.i18n import N_, _
from core.records.background import PersonDetails, ResidencePeriod, ResumePeriod
from core.records.documents import check_pr_card_number, credit_code_problem, subtype_choices
from core.records.identity import Applicant, Passport
from core.records.limits import record_problems
from core.records.model import (
    Address,
    Document,
    DocumentKind,
    Employment,
    Filing,
    FilingStatus,
    IncomeYear,
    PersonProfile,
    Relation,
)

MAX_MONEY = Decimal("1000000000000")  # CNY; a bound that catches typed-in garbage, not a rule


def _p(field: str, message: str) -> Problem:
    return Problem("", None, field, message)


def is_iso3(value: str) -> bool:
    """An ISO 3166-1 alpha-3 code as written in passports: three ASCII capitals."""
    return len(value) == 3 and value.isascii() and value.isalpha() and value.isupper()


def validate_applicant(a: Applicant) -> list[Problem]:
    problems = record_problems(a)
    if not a.family_name.strip():
        problems.append(_p("family_name", N_("required")))
    if a.nationality and not is_iso3(a.nationality):
        problems.append(_p("nationality", N_("expected a 3-letter ISO code such as GBR or USA")))
    return problems


def validate_passport(p: Passport) -> list[Problem]:
    problems = record_problems(p)
    if not p.number.strip():
        problems.append(_p("number", N_("required")))
    if p.issue_date and p.issue_date >= p.expiry_date:
        problems.append(_p("expiry_date", N_("must be after the issue date")))
    return problems


def validate_profile(profile: PersonProfile, principal: PersonProfile | None) -> list[Problem]:
    """A dependant links to a principal who is not a dependant themself, with a relation."""
    problems = record_problems(profile)
    if profile.principal_id is not None:
        if profile.relation is None:
            problems.append(_p("relation", N_("required for a dependant")))
        if profile.principal_id == profile.applicant_id:
            problems.append(_p("principal_id", N_("a person cannot be their own principal")))
        elif principal is not None and principal.principal_id is not None:
            problems.append(_p("principal_id", N_("the principal is a dependant of someone else")))
    elif profile.relation is not None:
        problems.append(_p("principal_id", N_("a relation needs a principal")))
    if profile.married_on is not None and profile.relation is not Relation.SPOUSE:
        problems.append(_p("married_on", N_("only for a spouse of the principal")))
    return problems


def validate_document(doc: Document, check_digit: str = "warn") -> tuple[list[Problem], list[str]]:
    """(problems, warnings); warnings do not block saving (e.g. an assumed check digit that differs)."""
    problems = record_problems(doc)
    warnings: list[str] = []
    if doc.issue_date and doc.expiry_date and doc.expiry_date < doc.issue_date:
        problems.append(_p("expiry_date", N_("is before the issue date")))
    choices = subtype_choices(doc.kind)
    if doc.subtype and doc.subtype not in choices:
        allowed = ", ".join(choices) if choices else _("none for this kind")
        problems.append(_p("subtype", _("expected one of: {allowed}").format(allowed=allowed)))
    if doc.issuing_country and not is_iso3(doc.issuing_country):
        problems.append(_p("issuing_country", N_("expected a 3-letter ISO code such as GBR or USA")))
    if doc.kind is DocumentKind.PR_CARD and doc.number:
        _fmt, errors, warns = check_pr_card_number(doc.number, check_digit)
        problems += [_p("number", e) for e in errors]
        warnings += warns
    if doc.kind in (DocumentKind.APOSTILLE, DocumentKind.LEGALISATION, DocumentKind.TRANSLATION) \
            and doc.related_id is not None and doc.related_id == doc.id:
        problems.append(_p("related_id", N_("a document cannot certify itself")))
    return problems, warnings


def validate_employment(job: Employment) -> list[Problem]:
    problems = record_problems(job)
    if not job.employer_zh.strip() and not job.employer_en.strip():
        problems.append(_p("employer_zh", N_("an employer name (Chinese or English) is required")))
    if job.credit_code:
        reason = credit_code_problem(job.credit_code)
        if reason:
            problems.append(_p("credit_code", reason))
    if job.start_date and job.end_date and job.end_date < job.start_date:
        problems.append(_p("end_date", N_("is before the start date")))
    return problems


def money_problem(value: Decimal) -> str | None:
    if not value.is_finite():
        return N_("not a number")
    if value < 0:
        return N_("must not be negative")
    if value > MAX_MONEY:
        return N_("implausibly large")
    if value != value.quantize(Decimal("0.01")):
        return N_("at most two decimals (fen)")
    return None


def validate_income(income: IncomeYear) -> list[Problem]:
    problems = record_problems(income)
    if not 1949 <= income.year <= 2200:
        problems.append(_p("year", N_("expected a calendar year such as 2024")))
    for name in ("wage_income", "iit_paid"):
        reason = money_problem(getattr(income, name))
        if reason:
            problems.append(_p(name, reason))
    if len(set(income.certificate_ids)) != len(income.certificate_ids):
        problems.append(_p("certificates", N_("the same certificate is linked twice")))
    return problems


def validate_filing(filing: Filing) -> list[Problem]:
    problems = record_problems(filing)
    if filing.status in (FilingStatus.ACCEPTED, FilingStatus.DECIDED) and filing.accepted_date is None:
        problems.append(_p("accepted_date", N_("required once the filing is accepted or decided")))
    if filing.filing_date and filing.accepted_date and filing.accepted_date < filing.filing_date:
        problems.append(_p("accepted_date", N_("is before the filing date")))
    if filing.accepted_date and filing.decision_date and filing.decision_date < filing.accepted_date:
        problems.append(_p("decision_date", N_("is before the accepted date")))
    if filing.decision.value and filing.status is not FilingStatus.DECIDED:
        problems.append(_p("decision", N_("only a decided filing has a decision")))
    return problems


def validate_address(address: Address) -> list[Problem]:
    return record_problems(address) + ([] if address.address.strip() else [_p("address", N_("required"))])


MAX_PHONE_DIGITS = 20  # E.164 allows 15 digits; room for an extension, a bound that catches pasted text


def _phone_problem(text: str) -> str | None:
    """Digits with the usual separators ("+86 138-0013-8000", "(010) 8888 6666 ext 12")."""
    if not text.strip():
        return None
    allowed = set("0123456789+-() ./xext")
    if not set(text.lower()) <= allowed:
        return N_("expected a phone number (digits, spaces, + - ( ))")
    digits = sum(ch.isdigit() for ch in text)
    return N_("expected a phone number (digits, spaces, + - ( ))") if not 5 <= digits <= MAX_PHONE_DIGITS else None


def validate_details(d: PersonDetails) -> list[Problem]:
    problems = record_problems(d)
    for name in ("phone", "contact_phone"):
        reason = _phone_problem(getattr(d, name))
        if reason:
            problems.append(_p(name, reason))
    if (d.contact_relation.strip() or d.contact_phone.strip()) and not d.contact_name.strip():
        problems.append(_p("contact_name", N_("required when a contact's relation or phone is given")))
    return problems


def _period_problems(start: object, end: object) -> list[Problem]:
    if start is not None and end is not None and end < start:  # type: ignore[operator]
        return [_p("end_date", N_("is before the start date"))]
    return []


def validate_resume(period: ResumePeriod) -> list[Problem]:
    problems = record_problems(period) + _period_problems(period.start_date, period.end_date)
    if not period.organisation.strip():
        problems.append(_p("organisation", N_("required")))
    if period.country and not is_iso3(period.country):
        problems.append(_p("country", N_("expected a 3-letter ISO code such as GBR or USA")))
    if period.work and period.start_date is None:
        problems.append(_p("start_date", N_("required for a work period (it counts towards work experience)")))
    return problems


def validate_residence(period: ResidencePeriod) -> list[Problem]:
    problems = record_problems(period) + _period_problems(period.start_date, period.end_date)
    if not period.address.strip():
        problems.append(_p("address", N_("required")))
    if period.country and not is_iso3(period.country):
        problems.append(_p("country", N_("expected a 3-letter ISO code such as GBR or USA")))
    return problems
