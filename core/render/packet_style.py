"""The packet's look in one place: page geometry, colours, paragraph styles, bilingual cells and tables."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from core.packets.content import Text
from core.render.cjk_text import cjk_paragraph
from core.render.fonts import RegisteredFonts

PAGE_W, PAGE_H = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 20 * mm
WIDTH = PAGE_W - 2 * MARGIN_X
FOOTER_Y = 10 * mm
PAD = 4.0
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
RULE = colors.HexColor("#c5ccd6")
SHADE = colors.HexColor("#eef1f5")
ACCENT = colors.HexColor("#1d4e89")
GOOD = colors.HexColor("#1e7b45")
BAD = colors.HexColor("#b3261e")
WARN = colors.HexColor("#a15c00")
BRAND = "Juliu 居留"
FOOTER_SIZE = 7.5
FOOTER_GAP = 12.0  # at least this much space between the name and the page number
FOOTER_PAGE = "第 {n} 页 / 共 {total} 页 · Page {n} of {total}"


@dataclass(frozen=True)
class Styles:
    fonts: RegisteredFonts
    title: ParagraphStyle
    title_en: ParagraphStyle
    heading: ParagraphStyle
    heading_en: ParagraphStyle
    zh: ParagraphStyle
    en: ParagraphStyle
    small_zh: ParagraphStyle
    small_en: ParagraphStyle
    label_zh: ParagraphStyle
    label_en: ParagraphStyle
    value: ParagraphStyle
    number: ParagraphStyle
    centre: ParagraphStyle


def make_styles(fonts: RegisteredFonts) -> Styles:
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=9.5, leading=13, textColor=INK)

    def make(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        fonts=fonts,
        title=make("title", fontName=fonts.bold, fontSize=20, leading=26),
        title_en=make("title_en", fontSize=12, leading=16, textColor=MUTED, spaceAfter=8),
        heading=make("heading", fontName=fonts.bold, fontSize=13, leading=17, textColor=ACCENT),
        heading_en=make("heading_en", fontSize=9.5, leading=12, textColor=MUTED, spaceAfter=6),
        zh=make("zh", fontSize=9.5, leading=13.5),
        en=make("en", fontSize=8.5, leading=11, textColor=MUTED),
        small_zh=make("small_zh", fontSize=7.8, leading=10.5),
        small_en=make("small_en", fontSize=7.2, leading=9.5, textColor=MUTED),
        label_zh=make("label_zh", fontSize=8.5, leading=11),
        label_en=make("label_en", fontSize=7.2, leading=9, textColor=MUTED),
        value=make("value", fontSize=9.5, leading=12.5),
        number=make("number", fontSize=9.5, leading=12.5, alignment=TA_RIGHT),
        centre=make("centre", fontSize=8.5, leading=11, alignment=TA_CENTER),
    )


def para(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """Chinese line breaking for any text that may hold hanzi; `width` is the space inside the cell."""
    return cjk_paragraph(text, style, max(width, 10.0))


def identifier(text: str, style: ParagraphStyle, width: float, minimum: float = 5.0) -> Paragraph:
    """A passport, permit or document number on one line (issue 10 §8): the type shrinks until it fits, down to
    `minimum` points; only a number too long even then may wrap."""
    size = style.fontSize
    room = max(width, 10.0)
    while size > minimum and stringWidth(text, style.fontName, size) > room:
        size -= 0.25
    fitted = ParagraphStyle(f"{style.name}_id", parent=style, fontSize=size, leading=max(size * 1.3, 6.0))
    return cjk_paragraph(text, fitted, room)


def bilingual(text: Text, s: Styles, width: float, *, small: bool = False, colour: Any = None) -> list[Flowable]:
    """Chinese above, English below in smaller grey type, so either reader finds the same point."""
    zh_style, en_style = (s.small_zh, s.small_en) if small else (s.label_zh, s.label_en)
    if colour is not None:
        zh_style = ParagraphStyle("c_zh", parent=zh_style, textColor=colour)
        en_style = ParagraphStyle("c_en", parent=en_style, textColor=colour)
    out: list[Flowable] = []
    if text.zh:
        out.append(para(text.zh, zh_style, width))
    if text.en:
        out.append(para(text.en, en_style, width))
    return out


def heading(text: Text, s: Styles) -> list[Flowable]:
    """A section heading; it starts a new page rather than sit alone at the bottom of one."""
    return [CondPageBreak(40 * mm), Paragraph(escape(text.zh), s.heading), Paragraph(escape(text.en), s.heading_en)]


def sub_heading(text: Text, s: Styles) -> list[Flowable]:
    style = ParagraphStyle("sub", parent=s.zh, fontName=s.fonts.bold, spaceBefore=8)
    return [CondPageBreak(30 * mm), Paragraph(f"{escape(text.zh)}  <font size=8 color='#5f6b7a'>"
                                              f"{escape(text.en)}</font>", style), Spacer(1, 3)]


def grid(rows: list[list[Any]], widths: Sequence[float], s: Styles, *, header: bool = True,
         extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A ruled table in the packet's style; cells hold flowables sized to their column."""
    table = Table(rows, colWidths=list(widths), hAlign="LEFT", repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), s.fonts.regular),  # else Table picks an unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK)]
    table.setStyle(TableStyle([*commands, *extra]))
    return table


def inner(width: float) -> float:
    """The text width inside a grid cell of `width`."""
    return width - 2 * PAD


def draw_footer(canvas: Canvas, n: int, total: int, fonts: RegisteredFonts, left: str, page_w: float,
                *, backdrop: bool = False) -> None:
    """The footer on every page of the packet: who it is for, and "第 X 页 / 共 Y 页 · Page X of Y"."""
    canvas.saveState()
    text = FOOTER_PAGE.format(n=n, total=total)
    if backdrop:  # over a scanned page: a white band keeps the numbers readable
        canvas.setFillColor(colors.white)
        canvas.rect(MARGIN_X - 2, FOOTER_Y - 3, page_w - 2 * MARGIN_X + 4, 12, stroke=0, fill=1)
    else:
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, FOOTER_Y + 9, page_w - MARGIN_X, FOOTER_Y + 9)
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.regular, FOOTER_SIZE)
    canvas.drawRightString(page_w - MARGIN_X, FOOTER_Y, text)
    room = page_w - 2 * MARGIN_X - stringWidth(text, fonts.regular, FOOTER_SIZE) - FOOTER_GAP
    name, size = footer_name(f"{BRAND} · {left}", fonts.regular, room)
    canvas.setFont(fonts.regular, size)
    canvas.drawString(MARGIN_X, FOOTER_Y, name)
    canvas.restoreState()


def footer_name(text: str, font: str, room: float) -> tuple[str, float]:
    """The footer's name never runs into the page number (issue 10 §8): smaller type down to 6 pt, then cut
    with an ellipsis."""
    size = FOOTER_SIZE
    while size > 6.0 and stringWidth(text, font, size) > room:
        size -= 0.25
    while len(text) > 1 and stringWidth(text, font, size) > room:
        text = text[:-2] + "…"
    return text, size
