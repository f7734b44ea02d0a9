"""Issue 11 points 2-4: conservative lead times with the lenient date beside, derived expiries, and the statutory
duties that run from an entry (EEAL Art. 29-30, M2004 Art. 19), table-driven."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.deadlines.config import DeadlineSettings
from core.deadlines.ics import deadlines_ics
from core.deadlines.items import DeadlineKind, person_deadlines
from core.eligibility.engine import evaluate_route
from core.eligibility.facts import ApplicantFacts
from core.records.identity import ApplicantId, Crossing, Direction
from core.records.model import Citizenship, Document, DocumentId, DocumentKind
from tests.core.eligibility.helpers import settings as elig_settings
from tests.core.eligibility.helpers import shipped_book
from tests.core.records_factory import RULES, SETTINGS, d, person

A = ApplicantId(1)


def items_of(kind: DeadlineKind, p, as_of: str, s: DeadlineSettings = SETTINGS):
    return [i for i in person_deadlines(p, d(as_of), RULES, s) if i.kind is kind]


def born(p, birth: str):
    return dataclasses.replace(p, applicant=dataclasses.replace(p.applicant, birth_date=d(birth)))


# --- point 3: a PR card without an expiry gets one from the age at issue (M2004 Art. 21; case 27) -------------
@pytest.mark.parametrize("birth,issued,expiry,renew_by", [
    ("2008-05-01", "2025-03-01", "2030-03-01", "2029-11-01"),  # 16 at issue: 5 years
    ("2007-03-01", "2025-03-01", "2035-03-01", "2034-11-01"),  # 18 on the day of issue: 10 years
    ("1980-01-15", "2024-06-30", "2034-06-30", "2034-02-28"),
])
def test_pr_card_expiry_derived_from_the_age_at_issue(birth: str, issued: str, expiry: str, renew_by: str):
    card = Document(A, DocumentKind.PR_CARD, "9" * 18, issue_date=d(issued), id=DocumentId(3))
    p = born(person(documents=[card], citizenship=Citizenship.PR_HOLDER), birth)
    (item,) = [i for i in items_of(DeadlineKind.EXPIRY, p, "2026-01-01") if i.record == ("document", 3)]
    assert (item.due, item.derived, item.source) == (d(expiry), True, "M2004")
    assert "derived" in item.title and "no expiry recorded" in item.detail
    (renew,) = items_of(DeadlineKind.PR_RENEWAL, p, "2026-01-01")
    assert (renew.due, renew.derived) == (d(renew_by), True)


def test_pr_card_with_a_recorded_expiry_is_not_derived():
    card = Document(A, DocumentKind.PR_CARD, issue_date=d("2025-03-01"), expiry_date=d("2035-02-28"))
    p = born(person(documents=[card], citizenship=Citizenship.PR_HOLDER), "1980-01-15")
    (item,) = items_of(DeadlineKind.EXPIRY, p, "2026-01-01")
    assert (item.due, item.derived) == (d("2035-02-28"), False)
    (renew,) = items_of(DeadlineKind.PR_RENEWAL, p, "2026-01-01")
    assert (renew.due, renew.derived) == (d("2034-10-28"), False)


def test_pr_card_without_birth_date_or_issue_date_gets_no_invented_expiry():
    card = Document(A, DocumentKind.PR_CARD, issue_date=d("2025-03-01"))
    assert not items_of(DeadlineKind.EXPIRY, person(documents=[card]), "2026-01-01")
    undated = born(person(documents=[Document(A, DocumentKind.PR_CARD)]), "1980-01-15")
    assert not items_of(DeadlineKind.EXPIRY, undated, "2026-01-01")


# --- point 4: duties from an entry --------------------------------------------------------------------------
def visa(kind: str, issued: str, expires: str | None = None, vid: int = 5) -> Document:
    return Document(A, DocumentKind.VISA, "V1", issue_date=d(issued), expiry_date=d(expires) if expires else None,
                    subtype=kind, id=DocumentId(vid))


ENTRY = [Crossing(d("2025-03-10"), Direction.ENTRY, port="PEK")]


@pytest.mark.parametrize("visa_type,kind,due", [
    ("Z", DeadlineKind.RP_AFTER_ENTRY, "2025-04-09"),  # EEAL Art. 30: residence permit within 30 days
    ("S1", DeadlineKind.RP_AFTER_ENTRY, "2025-04-09"),
    ("Q1", DeadlineKind.RP_AFTER_ENTRY, "2025-04-09"),
    ("D", DeadlineKind.PR_CARD_COLLECTION, "2025-04-09"),  # M2004 Art. 19: collect the card within 30 days
])
def test_duties_after_an_entry(visa_type: str, kind: DeadlineKind, due: str):
    p = person(documents=[visa(visa_type, "2025-02-01", "2025-08-01")], crossings=ENTRY)
    (item,) = items_of(kind, p, "2025-03-20")
    assert item.due == d(due) and item.source in ("EEAL", "M2004") and "PEK" in item.detail
    assert item.record == ("document", 5)


@pytest.mark.parametrize("visa_type", ["L", "F", "M"])
def test_visitor_visas_need_no_residence_permit(visa_type: str):
    p = person(documents=[visa(visa_type, "2025-02-01", "2025-08-01")], crossings=ENTRY)
    assert not items_of(DeadlineKind.RP_AFTER_ENTRY, p, "2025-03-20")


def test_a_permit_issued_after_the_entry_settles_the_duty():
    permit = Document(A, DocumentKind.RESIDENCE_PERMIT, issue_date=d("2025-03-25"), expiry_date=d("2026-03-24"))
    card = Document(A, DocumentKind.PR_CARD, issue_date=d("2025-03-25"))
    p = person(documents=[visa("Z", "2025-02-01", "2025-08-01"), permit], crossings=ENTRY)
    assert not items_of(DeadlineKind.RP_AFTER_ENTRY, p, "2025-04-01")
    p = person(documents=[visa("D", "2025-02-01", "2025-08-01"), card], crossings=ENTRY)
    assert not items_of(DeadlineKind.PR_CARD_COLLECTION, p, "2025-04-01")


def test_no_duty_once_the_person_has_left_or_long_after():
    left = [*ENTRY, Crossing(d("2025-03-15"), Direction.EXIT)]
    assert not items_of(DeadlineKind.RP_AFTER_ENTRY, person(documents=[visa("Z", "2025-02-01")], crossings=left),
                        "2025-03-20")
    assert not items_of(DeadlineKind.RP_AFTER_ENTRY, person(documents=[visa("Z", "2025-02-01")], crossings=ENTRY),
                        "2025-09-20")


def test_stay_extension_seven_days_before_the_stay_ends():
    # EEAL Art. 29: a visa holder without a residence permit applies at least 7 days before the stay ends.
    p = person(documents=[visa("L", "2025-02-01", "2025-04-08")], crossings=ENTRY)
    (item,) = items_of(DeadlineKind.STAY_EXTENSION, p, "2025-03-20")
    assert (item.due, item.source) == (d("2025-04-01"), "EEAL")
    permit = Document(A, DocumentKind.RESIDENCE_PERMIT, issue_date=d("2025-03-12"), expiry_date=d("2026-03-11"))
    p = person(documents=[visa("L", "2025-02-01", "2025-04-08"), permit], crossings=ENTRY)
    assert not items_of(DeadlineKind.STAY_EXTENSION, p, "2025-03-20")


def test_entry_duties_go_into_the_ics_export():
    p = person(documents=[visa("Z", "2025-02-01", "2025-08-01")], crossings=ENTRY)
    items = person_deadlines(p, d("2025-03-20"), RULES, SETTINGS)
    text = deadlines_ics(items, (7,), dt.datetime(2025, 3, 20, tzinfo=dt.UTC)).decode()
    assert "Apply for the residence permit within 30 days of entry" in text
    assert "DTSTART;VALUE=DATE:20250409" in text


# --- point 2: PR presence, conservative with the lenient date beside ------------------------------------------
def test_pr_presence_latest_day_is_conservative_with_the_lenient_day_beside():
    p = person(crossings=[Crossing(d("2025-01-01"), Direction.ENTRY), Crossing(d("2025-01-10"), Direction.EXIT)],
               citizenship=Citizenship.PR_HOLDER)
    (item,) = [i for i in items_of(DeadlineKind.PR_PRESENCE, p, "2025-06-01") if i.due.year == 2025]
    # 10 days so far: 82 more by the strict 92 days (from 2025-10-11), 80 more by the lenient 90 (from 10-13)
    assert (item.due, item.lenient_due) == (d("2025-10-11"), d("2025-10-13"))


# --- `check` and `deadlines` agree on the work-permit lead time -----------------------------------------------
@pytest.mark.parametrize("city,due,lenient", [("北京 Beijing", "2026-10-17", "2026-11-01"),
                                              ("深圳 Shenzhen", "2026-10-17", "2026-10-17")])
def test_check_and_deadlines_agree_on_the_work_permit(city: str, due: str, lenient: str):
    expiry = d("2026-12-01")
    p = person(documents=[Document(A, DocumentKind.WORK_PERMIT, expiry_date=expiry)], city=city)
    (item,) = items_of(DeadlineKind.WP_FILING, p, "2026-06-01", DeadlineSettings.from_settings(elig_settings()))
    assert item.due == d(due) and (item.lenient_due or item.due) == d(lenient)
    book = shipped_book()
    facts = ApplicantFacts(city=city, work_permit_expiry=expiry)

    def verdict(day: str) -> str:
        return evaluate_route(book.routes.get("wp-extension"), facts, d(day), book, elig_settings()).verdict.value

    assert verdict(due) == "met"
    after = (d(due) + dt.timedelta(days=1)).isoformat()
    assert verdict(after) == ("borderline" if lenient != due else "not_met")
    assert verdict((d(lenient) + dt.timedelta(days=1)).isoformat()) == "not_met"

