"""Document rules: validity windows at their edges (cases 23, 24), PR card validity (27) and numbers (28),
unified social credit codes, scan types by magic bytes, rules files with errors naming file and key."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.records.documents import (
    add_months,
    check_pr_card_number,
    credit_code_problem,
    load_pr_card_validity,
    load_validity_rules,
    pr_card_check_character,
    pr_card_expiry_warning,
    pr_card_validity_years,
    sniff_media_type,
    usable_on,
)
from core.records.identity import ApplicantId
from core.records.model import Document, DocumentKind, MediaType
from core.ruledata.loader import RulesError
from tests.core.records_factory import d

RULES = load_validity_rules()
A = ApplicantId(1)


@pytest.mark.parametrize("kind,issued,on,certified,expected", [
    # case 24: medical verification issued 2025-03-01, usable through 2025-09-01
    (DocumentKind.MEDICAL_VERIFICATION, "2025-03-01", "2025-08-30", None, True),
    (DocumentKind.MEDICAL_VERIFICATION, "2025-03-01", "2025-09-01", None, True),
    (DocumentKind.MEDICAL_VERIFICATION, "2025-03-01", "2025-09-02", None, False),
    # case 23: NCR issued 2025-01-10 -> 2025-07-10; accepted 2025-07-15 -> expired
    (DocumentKind.NO_CRIMINAL_RECORD, "2025-01-10", "2025-07-10", None, True),
    (DocumentKind.NO_CRIMINAL_RECORD, "2025-01-10", "2025-07-11", None, False),
    (DocumentKind.NO_CRIMINAL_RECORD, "2025-01-10", "2025-07-15", None, False),
    # its apostille of 2025-02-20 is within 6 months on 2025-07-15 (BJ-6x), but the NCR itself is not
    (DocumentKind.APOSTILLE, "2025-02-20", "2025-07-15", DocumentKind.NO_CRIMINAL_RECORD, True),
    (DocumentKind.APOSTILLE, "2025-02-20", "2025-08-21", DocumentKind.NO_CRIMINAL_RECORD, False),
    # an apostille of a degree has no 6-month rule and no printed expiry: nothing to say
    (DocumentKind.APOSTILLE, "2025-02-20", "2030-01-01", DocumentKind.DEGREE, None),
    (DocumentKind.HEALTH_CERTIFICATE, "2025-08-31", "2026-02-28", None, True),  # Aug 31 + 6 months = Feb 28
    (DocumentKind.HEALTH_CERTIFICATE, "2025-08-31", "2026-03-01", None, False),
    (DocumentKind.HEALTH_CERTIFICATE, "2025-08-31", "2025-08-30", None, False),  # not yet issued
])
def test_validity_windows_at_their_edges(kind, issued, on, certified, expected):
    doc = Document(A, kind, issue_date=d(issued))
    assert usable_on(doc, d(on), RULES, certified) is expected


def test_a_printed_expiry_earlier_than_the_rule_wins():
    doc = Document(A, DocumentKind.NO_CRIMINAL_RECORD, issue_date=d("2025-01-10"), expiry_date=d("2025-04-10"))
    assert usable_on(doc, d("2025-04-10"), RULES) is True
    assert usable_on(doc, d("2025-04-11"), RULES) is False


@given(st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)), st.integers(0, 60))
def test_add_months_against_a_month_by_month_reference(day, months):
    result = add_months(day, months)
    total = day.year * 12 + day.month - 1 + months
    assert (result.year * 12 + result.month - 1) == total
    assert result.day == day.day or (result.day < day.day and (result + dt.timedelta(days=1)).day == 1)


@pytest.mark.parametrize("birth,issued,years", [
    ("2008-05-01", "2026-04-30", 5),  # case 27: aged 17 at issue
    ("2008-05-01", "2026-05-01", 10),  # 18 on the day of issue
    ("1980-01-01", "2024-01-01", 10),
])
def test_case_27_pr_card_validity(birth, issued, years):
    assert pr_card_validity_years(d(birth), d(issued), load_pr_card_validity()) == years


def test_pr_card_expiry_that_contradicts_the_age_rule_is_warned():
    rule = load_pr_card_validity()
    card = Document(A, DocumentKind.PR_CARD, issue_date=d("2026-04-30"), expiry_date=d("2036-04-30"))
    assert "valid 5 years" in (pr_card_expiry_warning(card, d("2008-05-01"), rule) or "")
    assert pr_card_expiry_warning(card, d("1990-05-01"), rule) is None


def five_star(first17: str) -> str:
    return first17 + pr_card_check_character(first17)


@pytest.mark.parametrize("number,mode,fmt,errors,warnings", [
    (five_star("93311019900307001"), "warn", "five_star", 0, 0),  # case 28: starts with 9, 18 characters
    ("USA110019900307", "warn", "old", 0, 0),  # case 28: old 15-character number stays valid
    ("usa110019900307", "warn", "old", 0, 0),
    ("933110199003070010", "warn", "five_star", 0, 1),  # wrong check digit under the assumed rule: a warning
    ("933110199003070010", "enforce", "", 1, 0),
    ("933110199003070010", "ignore", "five_star", 0, 0),
    (five_star("13311019900307001"), "warn", "", 1, 0),  # must start with 9
    ("93311019900307001", "warn", "", 1, 0),  # 17 characters
    ("US1110019900307", "warn", "", 1, 0),
])
def test_case_28_pr_card_numbers(number, mode, fmt, errors, warnings):
    got_fmt, got_errors, got_warnings = check_pr_card_number(number, mode)
    assert (got_fmt, len(got_errors), len(got_warnings)) == (fmt, errors, warnings)


def test_resident_id_check_character_on_the_published_example():
    # GB 11643 worked example: 11010519491231002X
    assert pr_card_check_character("11010519491231002") == "X"


@pytest.mark.parametrize("code,ok", [
    ("91350100M000100Y43", True), ("914403001922038216", True), ("9144030071526726XG", True),
    ("91350100M000100Y44", False), ("91350100M000100Y4", False), ("91350100M000100I43", False),
    ("91ABCDEFM000100Y43", False)])
def test_unified_social_credit_code(code, ok):
    assert (credit_code_problem(code) is None) is ok


@pytest.mark.parametrize("data,expected", [
    (b"%PDF-1.7\n...", MediaType.PDF), (b"\xff\xd8\xff\xe0JFIF", MediaType.JPEG),
    (b"\x89PNG\r\n\x1a\n\0\0", MediaType.PNG), (b"GIF89a", None), (b"", None), (b"PK\x03\x04", None)])
def test_scan_type_from_magic_bytes(data, expected):
    assert sniff_media_type(data) is expected


def test_bad_validity_rules_name_file_and_key(tmp_path: Path):
    path = tmp_path / "documents.toml"
    path.write_text('[[validity]]\nkind = "health_certificate"\nmonths_from_issue = 0\nlabel_en = "x"\n'
                    'label_zh = "x"\nsource = "DOCVAL"\nconfidence = "H"\n', encoding="utf-8")
    with pytest.raises(RulesError, match=r"documents.toml: validity\[0\].months_from_issue: must be positive"):
        load_validity_rules(path)
    path.write_text('[[validity]]\nkind = "nope"\nmonths_from_issue = 6\n', encoding="utf-8")
    with pytest.raises(RulesError, match=r"validity\[0\].kind"):
        load_validity_rules(path)
