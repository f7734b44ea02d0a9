"""Assemble a packet PDF: cover, forms, checklist, summaries, then every scan, with bookmarks, page labels and
"第 X 页 / 共 Y 页 · Page X of Y" on every page. Same content and date give the same bytes.

The generated pages are one reportlab document laid out twice (the cover's contents need the page numbers);
scans are appended with pypdf, PDF scans get the footer as an overlay, images are drawn with it.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from core.packets.content import PacketContent, Text
from core.render.fonts import RegisteredFonts, register_fonts
from core.render.form_pdf import form_flowables
from core.render.packet_merge import PacketResult, Part, merge_packet
from core.render.packet_sections import TocEntry, checklist_flowables, cover_flowables
from core.render.packet_style import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    WIDTH,
    draw_footer,
    make_styles,
)
from core.render.packet_summaries import eligibility_flowables, income_flowables, presence_flowables
from core.render.packet_text import packet_text
from core.render.scans import PreparedScan, prepare
from core.render.summary_pdf import write_atomically

CREATOR = "Juliu 居留"


class _Mark(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Zero-size marker that records the page a part starts on."""

    def __init__(self, key: str, found: dict[str, int]):
        super().__init__()
        self.key, self.found = key, found

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.found[self.key] = self.canv.getPageNumber() - 1


def _parts(content: PacketContent, checklist_only: bool) -> list[tuple[Part, Callable[..., list[Flowable]]]]:
    """The generated parts in order, each with the function that lays it out."""
    parts: list[tuple[Part, Callable[..., list[Flowable]]]] = []
    if not checklist_only:
        for i, form in enumerate(content.forms):
            title = Text(f"申请表：{form.title.zh}", f"Form: {form.title.en}")
            parts.append((Part(f"form{i}", title, "F"), lambda s, f=form: form_flowables(f, s)))
    if content.checklist:
        checklist = content.checklist
        parts.append((Part("checklist", Text("材料核对清单", "Document checklist"), "L"),
                      lambda s: checklist_flowables(checklist, s)))
    if not checklist_only:
        for key, title, value, make in (
            ("presence", Text("在境天数", "Days present"), content.presence, presence_flowables),
            ("income", Text("收入与纳税", "Income and tax"), content.income, income_flowables),
            ("eligibility", Text("资格评估", "Eligibility"), content.eligibility, eligibility_flowables),
        ):
            if value is not None:
                parts.append((Part(key, title, "S"), lambda s, v=value, m=make: m(v, s)))
    return parts


def _layout(content: PacketContent, fonts: RegisteredFonts, toc: list[TocEntry], total: int,
            checklist_only: bool) -> tuple[bytes, dict[str, int], int]:
    """One reportlab pass over the generated pages; returns the PDF, where each part starts, and the page count."""
    s = make_styles(fonts)
    found: dict[str, int] = {}
    story: list[Flowable] = [_Mark("cover", found), *cover_flowables(content, toc, s, with_toc=not checklist_only)]
    for part, make in _parts(content, checklist_only):
        if checklist_only and part.key == "checklist":
            story += [_Mark(part.key, found), *make(s)]
        else:
            story += [PageBreak(), _Mark(part.key, found), *make(s)]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, invariant=1, pageCompression=1,
                          initialFontName=fonts.regular, title=content.title.both, author=CREATOR,
                          creator=CREATOR, producer=CREATOR, lang="zh-CN")
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0, id="body")

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        canvas.setDateFormatter(lambda *_: _pdf_date(content))
        draw_footer(canvas, document.page, total or 0, fonts, content.applicant_name, PAGE_W)

    doc.addPageTemplates([PageTemplate("body", [frame], onPage=on_page)])
    doc.build(story)
    return buffer.getvalue(), found, doc.page


def _pdf_date(content: PacketContent) -> str:
    return f"D:{content.generated_on:%Y%m%d}000000+08'00'"


def _toc(parts: list[Part], starts: dict[str, int] | None, scans: list[tuple[PreparedScan, int]],
         generated: int) -> list[TocEntry]:
    """Contents of the packet: each part, then each attachment under one heading; pages are 1-based."""
    def page(key: str) -> int | None:
        return starts[key] + 1 if starts and key in starts else None

    entries = [TocEntry(p.title, page(p.key)) for p in parts]
    if scans:
        first = generated + 1 if starts else None
        entries.append(TocEntry(Text("附件", "Attachments"), first))
        for scan, offset in scans:
            entries.append(TocEntry(scan.attachment.title, generated + offset + 1 if starts else None, 1))
    return entries


def render_packet_bytes(content: PacketContent, *, font_path: Path | None = None,
                        checklist_only: bool = False) -> PacketResult:
    """The packet as bytes; raises InputError for an unreadable attachment, FontNotFoundError without a font."""
    fonts = register_fonts(packet_text(content), font_path)
    scans = [] if checklist_only else prepare(content.attachments)
    offsets, running = [], 0
    for scan in scans:
        offsets.append((scan, running))
        running += scan.pages
    parts = [part for part, _ in _parts(content, checklist_only)]
    data, starts, generated = _layout(content, fonts, _toc(parts, None, offsets, 0), 0, checklist_only)
    for _ in range(3):  # the contents' page numbers may move pages; stop once the layout is stable
        toc = [] if checklist_only else _toc(parts, starts, offsets, generated)
        data, new_starts, pages = _layout(content, fonts, toc, generated + running, checklist_only)
        if pages == generated and new_starts == starts:
            break
        starts, generated = new_starts, pages
    return merge_packet(content, fonts, data, starts, parts, offsets, generated, _pdf_date(content))


def render_packet(content: PacketContent, out: Path, *, font_path: Path | None = None,
                  checklist_only: bool = False) -> PacketResult:
    """Write the packet to `out` atomically and say what was written."""
    result = render_packet_bytes(content, font_path=font_path, checklist_only=checklist_only)
    write_atomically(Path(out), result.data)
    return PacketResult(result.data, result.pages, result.bookmarks, result.warnings, Path(out))


