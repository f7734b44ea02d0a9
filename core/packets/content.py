"""What a filing packet says, as frozen dataclasses: every string final and bilingual, every verdict decided.

The renderer (core/render/packet_pdf.py) only lays this out; it makes no rule decisions. The lead's adapter fills
it from records and the eligibility engine; `packet --content FILE.json` reads it from JSON (docs/packets.md).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from core.eligibility.results import Verdict as Verdict  # one Verdict: the engine's, re-exported
from core.i18n import current_locale
from core.ruledata.loader import Provenance


@dataclass(frozen=True)
class Text:
    """The same words in Chinese and English; a packet always prints both (DESIGN: bilingual by construction)."""

    zh: str
    en: str = ""

    @property
    def both(self) -> str:
        return f"{self.zh} {self.en}".strip()

    @property
    def shown(self) -> str:
        """The words in the interface's language (a message on screen, not a packet)."""
        return (self.zh or self.en) if current_locale().startswith("zh") else (self.en or self.zh)


NO_TEXT = Text("", "")
ESTIMATE = Text("估算", "estimate")  # the mark every estimated figure carries wherever it prints (issue 10 §6)


class ItemStatus(StrEnum):
    HAVE = "have"
    MISSING = "missing"
    EXPIRED = "expired"
    INCOMPLETE = "incomplete"  # a pre-filled form with blank required fields or timeline gaps (forms/*.toml)
    NOT_YET_ISSUED = "not_yet_issued"  # issued (or legalised) after the filing date: it cannot be handed in then
    NOT_APPLICABLE = "not_applicable"


STATUS_TEXT = {
    ItemStatus.HAVE: Text("已备", "have"),
    ItemStatus.MISSING: Text("缺少", "missing"),
    ItemStatus.EXPIRED: Text("已过期", "expired"),
    ItemStatus.NOT_YET_ISSUED: Text("尚未出具", "not yet issued"),
    ItemStatus.INCOMPLETE: Text("未填完整", "incomplete"),
    ItemStatus.NOT_APPLICABLE: Text("不适用", "not applicable"),
}


VERDICT_TEXT = {
    Verdict.MET: Text("符合", "met"),
    Verdict.NOT_MET: Text("不符合", "not met"),
    Verdict.BORDERLINE: Text("临界", "borderline"),
    Verdict.UNKNOWN: Text("无法判断", "unknown"),
}


class Severity(StrEnum):
    BLOCKER = "blocker"  # --strict refuses to build while one remains
    WARNING = "warning"
    INFO = "info"


SEVERITY_TEXT = {
    Severity.BLOCKER: Text("须处理", "must fix"),
    Severity.WARNING: Text("请注意", "warning"),
    Severity.INFO: Text("提示", "note"),
}


@dataclass(frozen=True)
class LabelledValue:
    label: Text
    value: str


@dataclass(frozen=True)
class Finding:
    """One pre-flight finding, listed on the cover; `item_key` points at the checklist row it concerns."""

    severity: Severity
    message: Text
    item_key: str = ""
    source: str = ""


@dataclass(frozen=True)
class PhotoSpec:
    count: int
    size: str = ""
    background: Text = NO_TEXT
    digital: bool = False


@dataclass(frozen=True)
class ChecklistRow:
    key: str  # item id, or "ncr:GBR" for one of several
    name: Text
    status: ItemStatus
    required: bool = True
    document_number: str = ""
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    validity: Text = NO_TEXT  # e.g. "申请日有效 / valid on the filing date", decided by the builder
    copies: int = 1
    original: bool = True
    photo: PhotoSpec | None = None
    notes: tuple[Text, ...] = ()
    reason: Text = NO_TEXT  # why the item applies, or why not
    sources: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class Checklist:
    kind: Text
    city: Text | None
    filing_date: dt.date
    rows: tuple[ChecklistRow, ...]
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class PresenceRow:
    period: str  # "2025", or "2024-06-16 – 2025-06-15" for a rolling year
    calendar_days: int
    full_days: int
    required_days: int | None = None
    verdict: Verdict | None = None


@dataclass(frozen=True)
class PresenceSummary:
    calendar_years: tuple[PresenceRow, ...]
    rolling_years: tuple[PresenceRow, ...] = ()
    threshold: Text = NO_TEXT  # e.g. "每年不少于6个月（183天）/ at least 6 months a year (183 days)"
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class IncomeRow:
    year: int
    wage: Decimal  # CNY
    tax: Decimal  # CNY
    wage_threshold: Decimal | None = None
    tax_threshold: Decimal | None = None
    wage_verdict: Verdict | None = None
    tax_verdict: Verdict | None = None
    estimate: bool = False  # the thresholds rest on an illustrative (confidence L) wage figure: 估算 / estimate


@dataclass(frozen=True)
class IncomeSummary:
    rows: tuple[IncomeRow, ...]
    basis: tuple[Text, ...] = ()  # which average wage, which reading of the 20% test, with sources
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Criterion:
    name: Text
    verdict: Verdict
    detail: Text = NO_TEXT
    sources: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class EligibilitySummary:
    route: Text
    verdict: Verdict
    criteria: tuple[Criterion, ...]
    earliest_date: dt.date | None = None
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class FormOption:
    label: Text
    checked: bool


@dataclass(frozen=True)
class FormCell:
    """One box of a form: a labelled value, a checkbox group, a table, a heading, static text or a signature."""

    type: str  # text | choice | table | heading | static | signature
    label: Text
    span: int
    value: str = ""
    options: tuple[FormOption, ...] = ()
    columns: tuple[Text, ...] = ()
    column_spans: tuple[int, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class FormRow:
    cells: tuple[FormCell, ...]


@dataclass(frozen=True)
class FilledForm:
    form_id: str
    style: str  # "replica": the official form's grid, one page; "prep": a preparation sheet that may flow on
    title: Text
    notice: Text  # what this sheet is, printed on its face
    instruction: Text
    columns: int  # grid units across the page
    rows: tuple[FormRow, ...]
    photo_rows: int = 0  # the photo box sits right of the first photo_rows rows
    photo_span: int = 0
    photo_label: Text = NO_TEXT
    sources: tuple[Provenance, ...] = ()
    item: str = ""  # the checklist item the form is, when it is one (forms/*.toml `item`)


@dataclass(frozen=True)
class LetterMark:
    """Where the letter is signed, sealed or dated: "签名 / Signature here", "盖章 / Company seal here"."""

    type: str  # signature | seal | date
    label: Text


@dataclass(frozen=True)
class FilledLetter:
    """A letter filled from the records (issue 10 §7): each paragraph in Chinese with its English beneath;
    `lines` ruled blank lines after a paragraph for what the signer writes by hand."""

    letter_id: str
    item: str  # the checklist item the letter is (submission_letter, employer_verification, …)
    title: Text
    to: Text
    paragraphs: tuple[Text, ...]
    marks: tuple[LetterMark, ...]
    lines: tuple[int, ...] = ()  # blank lines to write on after each paragraph (0 for none), same length
    notice: Text = NO_TEXT  # who prints it on which paper, e.g. "print on the employer's letterhead"
    blanks: int = 0  # values the records did not hold, printed as a line to fill in by hand
    sources: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A scan to merge in: PDF pages as they are, JPEG/PNG on A4 pages; bookmarked under its checklist row."""

    key: str
    title: Text
    media_type: str  # application/pdf | image/jpeg | image/png
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class PacketContent:
    title: Text
    kind_id: str
    kind: Text
    city: Text | None
    applicant_name: str  # "WANG Xiaoming 王小明": cover and footer (PDF metadata only with personal_metadata)
    applicant: tuple[LabelledValue, ...]
    filing_date: dt.date
    generated_on: dt.date  # the "today" parameter: the PDF's dates come from it, never from the clock
    document_id: str = ""  # seeds the PDF /ID; "" derives it from the content
    notes: tuple[Text, ...] = ()
    findings: tuple[Finding, ...] = ()
    forms: tuple[FilledForm, ...] = ()
    checklist: Checklist | None = None
    presence: PresenceSummary | None = None
    income: IncomeSummary | None = None
    eligibility: EligibilitySummary | None = None
    attachments: tuple[Attachment, ...] = ()
    letters: tuple[FilledLetter, ...] = ()
    filing_order: tuple[str, ...] = ()  # item ids in the order the office takes the papers (templates/filing_order)
    findings_title: Text = Text("预检结果", "Pre-flight check")  # the cover's heading over the findings
    personal_metadata: bool = False  # the name in the PDF's Title and the kind in its Subject, only when asked
