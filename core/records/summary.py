"""What the one-page applicant summary says, in Chinese and English, kept apart from how it is drawn."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel.dates import format_date

from core.presence.days import YearCount
from core.records.identity import Applicant, Passport, Sex

SUPPORTED_LOCALES = ("en", "zh_CN")
EMPTY = "—"


@dataclass(frozen=True)
class Label:
    """A bilingual label: both languages are printed whatever the UI locale (DESIGN: bilingual packets)."""

    zh: str
    en: str

    @property
    def text(self) -> str:
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class Field:
    label: Label
    value: str


@dataclass(frozen=True)
class PassportRow:
    number: str
    country: str
    issue_date: str  # ISO YYYY-MM-DD, or EMPTY
    expiry_date: str


@dataclass(frozen=True)
class YearRow:
    year: int
    period: str  # "2026", or "2026 (至 to 2026-11-22)" for a year cut short by the as-of date
    calendar_days: int
    full_days: int


@dataclass(frozen=True)
class Note:
    zh: str
    en: str


@dataclass(frozen=True)
class SummaryContent:
    """Everything printed on the summary page, as plain strings and numbers."""

    locale: str
    today: dt.date
    as_of: dt.date
    title: Label
    subject: str  # the PDF metadata's subject: generic, never the applicant's names
    as_of_line: str
    identity_heading: Label
    identity: tuple[Field, ...]
    passports_heading: Label
    passport_columns: tuple[Label, ...]
    passports: tuple[PassportRow, ...]
    no_passports: Label
    presence_heading: Label
    presence_columns: tuple[Label, ...]
    years: tuple[YearRow, ...]
    no_years: Label
    note_heading: Label
    notes: tuple[Note, ...]
    generated_line: str


TITLE = Label("申请人概况", "Applicant summary")
PASSPORT_COLUMNS = (
    Label("护照号码", "Passport no."),
    Label("签发国", "Issuing country"),
    Label("签发日期", "Date of issue"),
    Label("有效期至", "Date of expiry"),
)
PRESENCE_COLUMNS = (
    Label("年份", "Year"),
    Label("日历在境天数", "Calendar days"),
    Label("满24小时天数", "Full days"),
)
# Source key TAX34 (DOMAIN §4): 财政部 税务总局公告2019年第34号 defines a day of residence as a full 24 hours.
NOTES = (
    Note(
        "日历在境天数：当天任何时间在中国大陆境内即计入，入境日和出境日均计入。",
        "Calendar days: any presence in mainland China on that date counts; entry and exit dates count.",
    ),
    Note(
        "满24小时天数：仅计入在中国大陆境内停留满24小时的日子，入境日、出境日不计入"
        "（财政部 税务总局公告2019年第34号）。",
        "Full days: only days with the whole 24 hours in mainland China count; entry and exit dates do not "
        "(Ministry of Finance and State Taxation Administration Announcement No. 34 of 2019).",
    ),
    Note(
        "天数依据已记录的出入境日期（中国当地日期）计算至统计截止日。",
        "Counts are computed from the recorded border crossings (local China dates) up to the as-of date.",
    ),
)
_SEX = {Sex.MALE: "男 Male", Sex.FEMALE: "女 Female"}


def format_long_date(day: dt.date, locale: str) -> str:
    """A date for running text in the reader's locale: "2026年11月22日" or "November 22, 2026"."""
    return format_date(day, format="long", locale=locale)


def iso(day: dt.date | None) -> str:
    """Tables use ISO dates so both readers parse them the same way."""
    return day.isoformat() if day else EMPTY


def identity_fields(applicant: Applicant) -> tuple[Field, ...]:
    """The identity block, in the order Chinese forms ask for it."""
    return (
        Field(Label("姓名（护照）", "Name (as in passport)"), applicant.latin_name or EMPTY),
        Field(Label("中文姓名", "Chinese name"), applicant.chinese_name or EMPTY),
        Field(Label("性别", "Sex"), _SEX[applicant.sex] if applicant.sex else EMPTY),
        Field(Label("出生日期", "Date of birth"), iso(applicant.birth_date)),
        Field(Label("国籍", "Nationality"), applicant.nationality or EMPTY),
        Field(Label("居住城市", "City of residence"), applicant.city or EMPTY),
    )


def passport_rows(passports: Iterable[Passport]) -> tuple[PassportRow, ...]:
    """Passports newest expiry first, the one a filing uses on top."""
    ordered = sorted(passports, key=lambda p: p.expiry_date, reverse=True)
    return tuple(
        PassportRow(p.number, p.issuing_country or EMPTY, iso(p.issue_date), iso(p.expiry_date))
        for p in ordered
    )


def year_rows(years: Sequence[YearCount], as_of: dt.date) -> tuple[YearRow, ...]:
    """One row per year; the as-of year says where its count stops, so a short year is not misread."""
    rows = []
    for y in sorted(years, key=lambda c: c.year):
        partial = y.year == as_of.year and as_of < dt.date(as_of.year, 12, 31)
        period = f"{y.year} (至 to {as_of.isoformat()})" if partial else str(y.year)
        rows.append(YearRow(y.year, period, y.calendar_days, y.full_days))
    return tuple(rows)


def build_summary(
    applicant: Applicant,
    passports: Iterable[Passport],
    years: Sequence[YearCount],
    today: dt.date,
    locale: str,
    *,
    as_of: dt.date | None = None,
) -> SummaryContent:
    """Assemble the summary page's content; `as_of` (default `today`) is the date the counts run to."""
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"locale must be one of {SUPPORTED_LOCALES}, not {locale!r}")
    as_of = today if as_of is None else as_of
    return SummaryContent(
        locale=locale,
        today=today,
        as_of=as_of,
        title=TITLE,
        subject=TITLE.text,  # no names in metadata: it shows in file managers and search indexes
        as_of_line=f"统计截止日 Counts as of: {format_long_date(as_of, locale)}",
        identity_heading=Label("身份信息", "Identity"),
        identity=identity_fields(applicant),
        passports_heading=Label("护照", "Passports"),
        passport_columns=PASSPORT_COLUMNS,
        passports=passport_rows(passports),
        no_passports=Label("无护照记录", "No passport on record"),
        presence_heading=Label("每年在中国大陆境内天数", "Days present in mainland China per year"),
        presence_columns=PRESENCE_COLUMNS,
        years=year_rows(years, as_of),
        no_years=Label("无出入境记录", "No border crossings on record"),
        note_heading=Label("计数说明", "How days are counted"),
        notes=NOTES,
        generated_line=f"生成日期 Generated on: {format_long_date(today, locale)}",
    )
