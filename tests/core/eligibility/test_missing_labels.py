"""What a verdict is missing is named by its label in the interface's language, never by a fact id or an English
key (issue 15: the Eligibility tab's note column showed "缺少：experience, months_in_china")."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.eligibility.context import MISSING_LABELS, missing_label, missing_note
from core.eligibility.facts import DATE_FACTS, FLAG_FACTS
from core.i18n import set_locale

CHECKS = Path(__file__).resolve().parents[3] / "core" / "eligibility"


@pytest.fixture
def chinese():  # type: ignore[no-untyped-def]
    set_locale("zh_CN")
    yield
    set_locale("en")


def test_every_fact_the_rules_can_name_has_a_label() -> None:
    assert set(FLAG_FACTS) - {""} <= set(MISSING_LABELS)
    assert set(DATE_FACTS) <= set(MISSING_LABELS)


def test_every_key_a_check_reports_missing_has_a_label() -> None:
    """The literal keys in the checks' unknown(...) calls and missing=(...) tuples."""
    keys = set()
    for path in [*CHECKS.glob("*.py"), *(CHECKS / "checks").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        keys |= set(re.findall(r'unknown\(c, "([^"]+)"', text))
        keys |= set(re.findall(r'missing=\("([^"]+)",\)', text))
        keys |= set(re.findall(r'missing = \("([^"]+)",\)', text))
    assert len(keys) >= 15
    assert sorted(k for k in keys if k not in MISSING_LABELS) == []


def test_labels_in_chinese(chinese: None) -> None:  # type: ignore[no-untyped-def]
    untranslated = [k for k, v in MISSING_LABELS.items() if missing_label(k) == v]
    assert untranslated == []
    assert missing_label("wage income 2026") == "2026年工资薪金收入"
    assert missing_label("IIT paid 2025") == "2025年已缴个人所得税"
    assert missing_label("experience_years") == "工作经验年限"
    assert missing_note(["birth date", "border crossings"]) == "缺少：出生日期、出入境记录。"


def test_labels_in_english() -> None:
    assert missing_note(["wage income 2026", "zone_zhongguancun"]) == (
        "Missing: wage income 2026, employer's zone.")
    assert missing_label("some_new_fact") == "some new fact"  # never an id with underscores
