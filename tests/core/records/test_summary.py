"""The summary page's content: both languages always, per-year rows, dates formatted for the locale."""
from __future__ import annotations

import datetime as dt

import pytest

from core.presence.days import YearCount
from core.records.identity import Applicant, ApplicantId, Passport, Sex
from core.records.summary import EMPTY, Label, SummaryContent, build_summary

TODAY = dt.date(2026, 11, 22)
APPLICANT = Applicant(
    "Wang", "Xiaoming", "王小明", Sex.MALE, dt.date(1988, 3, 14), "GBR", "Beijing", id=ApplicantId(1)
)
PASSPORTS = [
    Passport(ApplicantId(1), "E01234567", "GBR", dt.date(2009, 5, 2), dt.date(2019, 5, 1)),
    Passport(ApplicantId(1), "E76543210", "GBR", dt.date(2019, 5, 2), dt.date(2029, 5, 1)),
]
YEARS = [YearCount(2025, 330, 318), YearCount(2024, 301, 290), YearCount(2026, 280, 270)]


def _summary(locale: str, as_of: dt.date | None = None) -> SummaryContent:
    return build_summary(APPLICANT, PASSPORTS, YEARS, TODAY, locale, as_of=as_of)


def _labels(content: SummaryContent) -> list[Label]:
    return [
        content.title, content.identity_heading, content.passports_heading, content.presence_heading,
        content.note_heading, *(f.label for f in content.identity), *content.passport_columns,
        *content.presence_columns,
    ]


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_every_label_carries_chinese_and_english_whatever_the_locale(locale: str) -> None:
    for label in _labels(_summary(locale)):
        assert any("\u4e00" <= c <= "\u9fff" for c in label.zh), label
        assert label.en.isascii() and any(c.isalpha() for c in label.en), label
        assert label.text == f"{label.zh} {label.en}"


def test_identity_values_and_bilingual_labels() -> None:
    fields = {f.label.text: f.value for f in _summary("en").identity}
    assert fields["姓名（护照） Name (as in passport)"] == "WANG Xiaoming"
    assert fields["中文姓名 Chinese name"] == "王小明"
    assert fields["性别 Sex"] == "男 Male"
    assert fields["出生日期 Date of birth"] == "1988-03-14"
    assert fields["国籍 Nationality"] == "GBR"
    assert fields["居住城市 City of residence"] == "Beijing"


def test_missing_identity_values_show_a_dash() -> None:
    content = build_summary(Applicant("Doe", "Jane"), [], [], TODAY, "en")
    values = {f.label.en: f.value for f in content.identity}
    assert values["Chinese name"] == values["Sex"] == values["Date of birth"] == EMPTY
    assert content.passports == () and content.years == ()


def test_passports_in_iso_dates_newest_expiry_first() -> None:
    rows = _summary("zh_CN").passports
    assert [(r.number, r.issue_date, r.expiry_date) for r in rows] == [
        ("E76543210", "2019-05-02", "2029-05-01"),
        ("E01234567", "2009-05-02", "2019-05-01"),
    ]


def test_one_row_per_year_ascending_and_the_as_of_year_marked() -> None:
    rows = _summary("en").years
    assert [(r.year, r.calendar_days, r.full_days) for r in rows] == [
        (2024, 301, 290), (2025, 330, 318), (2026, 280, 270),
    ]
    assert [r.period for r in rows] == ["2024", "2025", "2026 (至 to 2026-11-22)"]


def test_a_year_ending_on_the_as_of_date_is_not_marked_partial() -> None:
    rows = _summary("en", as_of=dt.date(2026, 12, 31)).years
    assert rows[-1].period == "2026"


def test_zh_cn_dates_in_running_text_use_chinese_format() -> None:
    content = _summary("zh_CN", as_of=dt.date(2026, 10, 1))
    assert content.as_of_line == "统计截止日 Counts as of: 2026年10月1日"
    assert content.generated_line == "生成日期 Generated on: 2026年11月22日"


def test_en_dates_in_running_text_use_english_format() -> None:
    content = _summary("en")
    assert content.as_of_line.endswith("November 22, 2026")
    assert content.generated_line == "生成日期 Generated on: November 22, 2026"
    assert content.today == TODAY and content.as_of == TODAY


def test_note_explains_both_conventions_in_both_languages() -> None:
    notes = _summary("en").notes
    zh = "".join(n.zh for n in notes)
    en = " ".join(n.en for n in notes)
    assert "当天任何时间在中国大陆境内即计入，入境日和出境日均计入" in zh
    assert "入境日、出境日不计入" in zh and "财政部 税务总局公告2019年第34号" in zh
    assert "entry and exit dates count" in en
    assert "whole 24 hours in mainland China" in en and "No. 34 of 2019" in en


def test_subject_does_not_name_the_applicant() -> None:
    """PDF metadata shows in file managers and search indexes: no personal data in it (issue 12)."""
    assert _summary("en").subject == "申请人概况 Applicant summary"


def test_unsupported_locale_is_refused() -> None:
    with pytest.raises(ValueError, match="locale"):
        _summary("fr")
