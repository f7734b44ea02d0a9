"""The cover (facts, pre-flight findings, contents) and the document checklist, as flowables."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from core.packets.content import (
    SEVERITY_TEXT,
    STATUS_TEXT,
    Checklist,
    ChecklistRow,
    ItemStatus,
    PacketContent,
    Severity,
    Text,
)
from core.render.packet_style import (
    BAD,
    GOOD,
    MUTED,
    SHADE,
    WARN,
    WIDTH,
    Styles,
    bilingual,
    grid,
    heading,
    identifier,
    inner,
    para,
    sub_heading,
)

FACT_WIDTHS = (42 * mm, WIDTH - 42 * mm)
FINDING_WIDTHS = (22 * mm, WIDTH - 22 * mm)
TOC_WIDTHS = (WIDTH - 22 * mm, 22 * mm)
CHECK_WIDTHS = (7 * mm, 66 * mm, 16 * mm, 24 * mm, 19 * mm, 19 * mm, WIDTH - 151 * mm)
STATUS_COLOUR = {ItemStatus.HAVE: GOOD, ItemStatus.MISSING: BAD, ItemStatus.EXPIRED: BAD,
                 ItemStatus.NOT_YET_ISSUED: BAD, ItemStatus.INCOMPLETE: WARN,
                 ItemStatus.NOT_APPLICABLE: MUTED}
SEVERITY_COLOUR = {Severity.BLOCKER: BAD, Severity.WARNING: WARN, Severity.INFO: MUTED}
NATIONAL = Text("全国通用清单", "National list")
EMPTY = "—"


@dataclass(frozen=True)
class TocEntry:
    title: Text
    key: str  # the part ("checklist") or attachment ("att:3") whose first page the entry shows
    level: int = 0


PageRef = Callable[[str, float], Flowable]  # (key, width) -> where the page number is drawn once known


def _fact_rows(content: PacketContent, s: Styles) -> list[list[Any]]:
    value_w = inner(FACT_WIDTHS[1])
    label_w = inner(FACT_WIDTHS[0])
    city = content.city or NATIONAL
    rows: list[list[Any]] = [
        [bilingual(Text("申请人", "Applicant"), s, label_w), para(content.applicant_name, s.value, value_w)],
        [bilingual(Text("申请类别", "Filing kind"), s, label_w), bilingual(content.kind, s, value_w)],
        [bilingual(Text("城市", "City"), s, label_w), para(f"{city.zh} {city.en}", s.value, value_w)],
        [bilingual(Text("拟申请日期", "Intended filing date"), s, label_w),
         para(content.filing_date.isoformat(), s.value, value_w)],
        [bilingual(Text("生成日期", "Generated on"), s, label_w),
         para(content.generated_on.isoformat(), s.value, value_w)],
    ]
    rows += [[bilingual(f.label, s, label_w), para(f.value or EMPTY, s.value, value_w)] for f in content.applicant]
    return rows


def cover_flowables(content: PacketContent, toc: list[TocEntry], s: Styles, page_ref: PageRef, *,
                    with_toc: bool = True) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(content.title.zh), s.title),
        Paragraph(escape(content.title.en), s.title_en),
        grid(_fact_rows(content, s), FACT_WIDTHS, s, header=False,
             extra=[("BACKGROUND", (0, 0), (0, -1), SHADE)]),
    ]
    if with_toc and toc:
        story += [*sub_heading(Text("目录", "Contents"), s), _toc(toc, s, page_ref)]
    if content.findings:  # the officer's set has none: it shows no pre-flight section at all
        story += [*sub_heading(content.findings_title, s), _findings(content, s)]
    if content.notes:
        story += [*sub_heading(Text("说明", "Notes"), s), *_notes(content.notes, s)]
    return story


def _findings(content: PacketContent, s: Styles) -> Flowable:
    if not content.findings:
        return para("未发现问题。 No findings.", s.value, WIDTH)
    rows = []
    for finding in content.findings:
        colour = SEVERITY_COLOUR[finding.severity]
        tag = bilingual(SEVERITY_TEXT[finding.severity], s, inner(FINDING_WIDTHS[0]), colour=colour)
        message = bilingual(finding.message, s, inner(FINDING_WIDTHS[1]))
        if finding.source:
            message.append(para(f"来源 Source: {finding.source}", s.small_en, inner(FINDING_WIDTHS[1])))
        rows.append([tag, message])
    return grid(rows, FINDING_WIDTHS, s, header=False)


def _toc(entries: list[TocEntry], s: Styles, page_ref: PageRef) -> Flowable:
    rows = []
    for entry in entries:
        indent = 10.0 * entry.level
        style = ParagraphStyle("toc", parent=s.value, leftIndent=indent)
        title = f"{escape(entry.title.zh)}  <font size=8 color='#5f6b7a'>{escape(entry.title.en)}</font>"
        rows.append([Paragraph(title, style), page_ref(entry.key, inner(TOC_WIDTHS[1]))])
    return grid(rows, TOC_WIDTHS, s, header=False)


def _notes(notes: tuple[Text, ...], s: Styles) -> list[Flowable]:
    """Each note's Chinese and English kept on one page."""
    return [KeepTogether([*bilingual(note, s, WIDTH, small=True), Spacer(1, 3)]) for note in notes]


def checklist_flowables(checklist: Checklist, s: Styles) -> list[Flowable]:
    city = checklist.city or NATIONAL
    meta = (f"{checklist.kind.zh} · {city.zh} · 申请日期 {checklist.filing_date.isoformat()}",
            f"{checklist.kind.en} · {city.en} · filing date {checklist.filing_date.isoformat()}")
    head = [bilingual(t, s, inner(w)) for t, w in zip(_COLUMNS, CHECK_WIDTHS, strict=True)]
    body = [_check_row(i + 1, row, s) for i, row in enumerate(checklist.rows)]
    story: list[Flowable] = [
        *heading(Text("材料核对清单", "Document checklist"), s),
        para(meta[0], s.zh, WIDTH), para(meta[1], s.en, WIDTH), Spacer(1, 4),
        grid([head, *body], CHECK_WIDTHS, s),
    ]
    if checklist.notes:
        story += [*sub_heading(Text("说明", "Notes"), s), *_notes(checklist.notes, s)]
    return story


_COLUMNS = (
    Text("序", "No."), Text("材料", "Item"), Text("状态", "Status"), Text("证件号码", "Number"),
    Text("签发日期", "Issued"), Text("有效期至", "Expires"), Text("申请日有效性", "Validity on filing date"),
)


def _check_row(n: int, row: ChecklistRow, s: Styles) -> list[Any]:
    w = [inner(x) for x in CHECK_WIDTHS]
    colour = STATUS_COLOUR[row.status]
    if row.status is ItemStatus.NOT_APPLICABLE:  # short and grey: why it is not needed, nothing to bring
        item: list[Flowable] = [*bilingual(row.name, s, w[1], colour=MUTED)]
        if row.reason.en:
            item.append(para(row.reason.en, s.small_en, w[1]))
        return [para(str(n), s.small_en, w[0]), item, bilingual(STATUS_TEXT[row.status], s, w[2], colour=colour),
                *[para(EMPTY, s.small_en, w[k]) for k in (3, 4, 5, 6)]]
    item = [*bilingual(row.name, s, w[1])]
    item.append(para(_handling(row), s.small_en, w[1]))
    for note in row.notes:
        item += bilingual(note, s, w[1], small=True)
    if row.sources:
        item.append(para("来源 Source: " + ", ".join(f"{p.source} ({p.confidence})" for p in row.sources),
                         s.small_en, w[1]))
    status = bilingual(STATUS_TEXT[row.status], s, w[2], colour=colour)
    if not row.required and row.status is ItemStatus.MISSING:
        status.append(para("可选 optional", s.small_en, w[2]))
    dates = [para(d.isoformat() if d else EMPTY, s.small_zh, w[k]) for d, k in ((row.issue_date, 4),
                                                                                 (row.expiry_date, 5))]
    return [para(str(n), s.small_zh, w[0]), item, status, identifier(row.document_number or EMPTY, s.small_zh, w[3]),
            *dates, bilingual(row.validity, s, w[6], small=True, colour=colour) or para(EMPTY, s.small_zh, w[6])]


def _handling(row: ChecklistRow) -> str:
    """How many of what to bring: originals, copies, photo prints and their specification."""
    parts = []
    if row.original:
        parts.append("原件 original")
    if row.copies:
        parts.append(f"复印件 {row.copies} 份 {row.copies} cop{'y' if row.copies == 1 else 'ies'}")
    if row.photo:
        photo = row.photo
        spec = " · ".join(x for x in (photo.size, f"{photo.background.zh}背景 {photo.background.en} background"
                                      if photo.background.zh else "") if x)
        kind = "电子版 digital file" if photo.digital else f"{photo.count} 张 {photo.count} prints"
        parts.append(f"{kind}{' · ' + spec if spec else ''}")
    return " · ".join(parts)
