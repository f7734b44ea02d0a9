"""Draw the bilingual applicant summary as one deterministic A4 PDF page with an embedded CJK font."""
from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.files import write_private
from core.records.summary import Label, SummaryContent
from core.render.cjk_text import CANNOT_END, CANNOT_START, break_cjk_lines, cjk_paragraph, strings
from core.render.covered import render_covered
from core.render.fonts import RegisteredFonts

AUTHOR = CREATOR = PRODUCER = "Juliu 居留"
FOOTER_BRAND = "Juliu 居留"
FOOTER_PAGE = "第 {n} 页 Page {n}"
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
PAD_LEFT, PAD_RIGHT = 5.0, 6.0
IDENTITY_WIDTHS = (36 * mm, 49 * mm, 36 * mm, 53 * mm)
PASSPORT_WIDTHS = (50 * mm, 40 * mm, 42 * mm, 42 * mm)
PRESENCE_WIDTHS = (74 * mm, 50 * mm, 50 * mm)
NOTE_GUTTER = 10.0
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#c5ccd6")
SHADE = colors.HexColor("#eef1f5")
# Re-exported: the line breaker lives in cjk_text, shared by every PDF.
__all__ = ["CANNOT_END", "CANNOT_START", "break_cjk_lines", "cjk_paragraph", "render_summary", "render_summary_bytes"]


@dataclasses.dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    meta: ParagraphStyle
    heading: ParagraphStyle
    label_zh: ParagraphStyle
    label_en: ParagraphStyle
    value: ParagraphStyle
    number: ParagraphStyle
    note_zh: ParagraphStyle
    note_en: ParagraphStyle


def _styles(fonts: RegisteredFonts) -> _Styles:
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=9.5, leading=13, textColor=INK)

    def make(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return _Styles(
        title=make("title", fontName=fonts.bold, fontSize=17, leading=22, spaceAfter=2),
        meta=make("meta", fontSize=9, textColor=MUTED),
        heading=make("heading", fontName=fonts.bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4),
        label_zh=make("label_zh", fontSize=9, leading=11.5, wordWrap="CJK"),
        label_en=make("label_en", fontSize=7.5, leading=9.5, textColor=MUTED),
        value=make("value", fontSize=10, leading=13, wordWrap="CJK"),
        number=make("number", fontSize=10, leading=13, alignment=TA_RIGHT),
        note_zh=make("note_zh", fontSize=8.8, leading=12.5, wordWrap="CJK"),
        note_en=make("note_en", fontSize=8.3, leading=11.5),
    )


def _label(label: Label, s: _Styles, column: float, *, right: bool = False) -> list[Flowable]:
    """Chinese above, English below in smaller grey type: both languages line up column by column."""
    align = {"alignment": TA_RIGHT} if right else {}
    zh = ParagraphStyle("zh", parent=s.label_zh, **align)
    en = ParagraphStyle("en", parent=s.label_en, **align)
    return [cjk_paragraph(label.zh, zh, column - PAD_LEFT - PAD_RIGHT), Paragraph(escape(label.en), en)]


def _value(text: str, s: _Styles, column: float) -> Paragraph:
    return cjk_paragraph(text, s.value, column - PAD_LEFT - PAD_RIGHT)


def _grid(rows: list[list[Any]], widths: Sequence[float], s: _Styles, *, header: bool) -> Table:
    table = Table(rows, colWidths=list(widths), hAlign="LEFT", repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), s.value.fontName),  # else Table selects an unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_LEFT),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_RIGHT),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK)]
    table.setStyle(TableStyle(commands))
    return table


def _identity(content: SummaryContent, s: _Styles) -> Table:
    """Two label/value pairs per row, so six facts take three rows."""
    rows: list[list[Any]] = []
    for i in range(0, len(content.identity), 2):
        row: list[Any] = []
        for j, field in enumerate(content.identity[i:i + 2]):
            label_w, value_w = IDENTITY_WIDTHS[2 * j], IDENTITY_WIDTHS[2 * j + 1]
            row += [_label(field.label, s, label_w), _value(field.value, s, value_w)]
        rows.append(row + [""] * (4 - len(row)))
    table = _grid(rows, IDENTITY_WIDTHS, s, header=False)
    table.setStyle(TableStyle([("BACKGROUND", (c, 0), (c, -1), SHADE) for c in (0, 2)]))
    return table


def _passports(content: SummaryContent, s: _Styles) -> Flowable:
    if not content.passports:
        return Paragraph(escape(content.no_passports.text), s.meta)
    head = [_label(c, s, w) for c, w in zip(content.passport_columns, PASSPORT_WIDTHS, strict=True)]
    body = [
        [_value(v, s, w) for v, w in zip((p.number, p.country, p.issue_date, p.expiry_date), PASSPORT_WIDTHS,
                                         strict=True)]
        for p in content.passports
    ]
    return _grid([head, *body], PASSPORT_WIDTHS, s, header=True)


def _presence(content: SummaryContent, s: _Styles) -> Flowable:
    if not content.years:
        return Paragraph(escape(content.no_years.text), s.meta)
    widths = PRESENCE_WIDTHS
    head = [_label(c, s, w, right=i > 0) for i, (c, w) in enumerate(zip(content.presence_columns, widths,
                                                                         strict=True))]
    body = [
        [_value(y.period, s, widths[0]), Paragraph(str(y.calendar_days), s.number),
         Paragraph(str(y.full_days), s.number)]
        for y in content.years
    ]
    return _grid([head, *body], widths, s, header=True)


def _notes(content: SummaryContent, s: _Styles) -> Table:
    """Each note in Chinese and English side by side, so a reader of either finds the same point."""
    text_w = WIDTH / 2 - NOTE_GUTTER
    rows = [
        [cjk_paragraph(n.zh, s.note_zh, text_w), Paragraph(escape(n.en), s.note_en)] for n in content.notes
    ]
    table = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), s.value.fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), NOTE_GUTTER),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _story(content: SummaryContent, s: _Styles) -> list[Flowable]:
    def heading(label: Label) -> list[Flowable]:
        # A heading starts a new page rather than sit alone at the bottom; tables below it may still split.
        return [CondPageBreak(35 * mm), Paragraph(f"{escape(label.zh)}  {escape(label.en)}", s.heading)]

    return [
        Paragraph(f"{escape(content.title.zh)}  {escape(content.title.en)}", s.title),
        Paragraph(escape(content.as_of_line), s.meta),
        Spacer(1, 4),
        *heading(content.identity_heading), _identity(content, s),
        *heading(content.passports_heading), _passports(content, s),
        *heading(content.presence_heading), _presence(content, s),
        KeepTogether([*heading(content.note_heading), _notes(content, s)]),  # the note reads as one block
    ]


def page_text(content: SummaryContent) -> str:
    """The content's characters; the page's own labels are found while drawing (core/render/covered.py)."""
    return "\n".join(strings(content))


def _footer(content: SummaryContent, fonts: RegisteredFonts) -> Any:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        # Fixed creation date from the content (time is a parameter); China time zone.
        canvas.setDateFormatter(lambda *_: f"D:{content.today:%Y%m%d}000000+08'00'")
        y = 12 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, y + 9, A4[0] - MARGIN, y + 9)
        canvas.setFont(fonts.regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, y, f"{FOOTER_BRAND} · {content.generated_line}")
        canvas.drawRightString(A4[0] - MARGIN, y, FOOTER_PAGE.format(n=doc.page))
        canvas.restoreState()

    return draw


def render_summary_bytes(content: SummaryContent, *, font_path: Path | None = None) -> bytes:
    """The PDF as bytes; the same content and font give the same bytes."""
    return render_covered(page_text(content), font_path, lambda fonts: _draw(content, fonts))


def _draw(content: SummaryContent, fonts: RegisteredFonts) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=16 * mm, bottomMargin=22 * mm,
        title=content.title.text, author=AUTHOR, subject=content.subject, creator=CREATOR, producer=PRODUCER,
        keywords=[], invariant=1, lang="zh-CN", initialFontName=fonts.regular, pageCompression=1,
    )
    footer = _footer(content, fonts)
    doc.build(_story(content, _styles(fonts)), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def render_summary(content: SummaryContent, out: Path, *, font_path: Path | None = None) -> None:
    """Write the summary PDF to `out` atomically: a reader never sees a half-written file."""
    write_atomically(Path(out), render_summary_bytes(content, font_path=font_path))


def write_atomically(out: Path, data: bytes) -> None:
    """Atomic and private (core.files): a reader never sees half a PDF, and only the user can read it."""
    write_private(Path(out), data)
