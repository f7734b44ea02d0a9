"""Assemble a packet PDF: cover, forms, checklist, summaries, then every scan, with bookmarks, page labels and
"第 X 页 / 共 Y 页 · Page X of Y" on every page. Same content and date give the same bytes.

The generated pages are one reportlab document laid out once: pages are kept until the end, when the footers
(which need the page count) and the cover's contents (which need where each part starts) are drawn on them.
Scans are appended with pypdf; PDF scans get the footer as an overlay, images are drawn with it.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from core.packets.content import PacketContent, Text
from core.packets.filing.order import in_filing_order
from core.render.cjk_text import strings
from core.render.covered import render_covered
from core.render.fonts import RegisteredFonts
from core.render.forms.form_pdf import form_flowables
from core.render.forms.letter_pdf import letter_flowables
from core.render.packet_merge import PacketResult, Part, merge_packet
from core.render.packet_sections import TocEntry, checklist_flowables, cover_flowables
from core.render.packet_style import (
    INK,
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
        papers: list[tuple[str, Part, Callable[..., list[Flowable]]]] = []  # forms and letters, by filing order
        for i, form in enumerate(content.forms):
            title = Text(f"申请表：{form.title.zh}", f"Form: {form.title.en}")
            papers.append((form.item, Part(f"form{i}", title, "F"), lambda s, f=form: form_flowables(f, s)))
        for i, letter in enumerate(content.letters):
            papers.append((letter.item, Part(f"letter{i}", letter.title, "F"),
                           lambda s, x=letter: letter_flowables(x, s)))
        parts += [(part, make) for _, part, make in in_filing_order(papers, lambda p: p[0], content.filing_order)]
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


class _PageRef(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Where a page number of the contents goes; the number is drawn when the document is saved."""

    def __init__(self, key: str, refs: list[tuple[int, str, float, float]], width: float):
        super().__init__()
        self.key, self.refs, self.width = key, refs, width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, 11

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(self.width, 2)
        self.refs.append((self.canv.getPageNumber() - 1, self.key, x, y))


def _deferred_canvas(finish: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that keeps every page until save, then calls finish(canvas, index, page_count) on each, so
    footers know the page count and the contents know where each part starts, in a single layout pass."""

    class DeferredCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._kept: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._kept.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._kept)
            for index, state in enumerate(self._kept):
                self.__dict__.update(state)
                finish(self, index, count)
                Canvas.showPage(self)
            Canvas.save(self)

    return DeferredCanvas


def _layout(content: PacketContent, fonts: RegisteredFonts, toc: list[TocEntry], scan_pages: int,
            attachment_offsets: list[int], checklist_only: bool) -> tuple[bytes, dict[str, int], int]:
    """One reportlab pass over the generated pages; returns the PDF, where each part starts, and the page count."""
    s = make_styles(fonts)
    found: dict[str, int] = {}
    refs: list[tuple[int, str, float, float]] = []
    story: list[Flowable] = [_Mark("cover", found), *cover_flowables(
        content, toc, s, lambda key, width: _PageRef(key, refs, width), with_toc=not checklist_only)]
    for part, make in _parts(content, checklist_only):
        if checklist_only and part.key == "checklist":
            story += [_Mark(part.key, found), *make(s)]
        else:
            story += [PageBreak(), _Mark(part.key, found), *make(s)]
    pages: list[int] = []

    def finish(canvas: Canvas, index: int, count: int) -> None:
        pages[:] = [count]
        canvas.setDateFormatter(lambda *_: _pdf_date(content))
        draw_footer(canvas, index + 1, count + scan_pages, fonts, content.applicant_name, PAGE_W)
        canvas.setFont(fonts.regular, 9.5)
        canvas.setFillColor(INK)
        for page, key, x, y in refs:
            if page == index:
                number = found[key] + 1 if key in found else count + attachment_offsets[int(key[4:])] + 1
                canvas.drawRightString(x, y, str(number))

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, invariant=1, pageCompression=1,
                          initialFontName=fonts.regular, title=content.title.both, author=CREATOR,
                          creator=CREATOR, producer=CREATOR, lang="zh-CN")
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate("body", [frame])])
    doc.build(story, canvasmaker=_deferred_canvas(finish))
    return buffer.getvalue(), found, pages[0]


def _pdf_date(content: PacketContent) -> str:
    return f"D:{content.generated_on:%Y%m%d}000000+08'00'"


def _toc(parts: list[Part], scans: list[tuple[PreparedScan, int]]) -> list[TocEntry]:
    """Contents of the packet: each part, then each attachment under one heading."""
    entries = [TocEntry(p.title, p.key) for p in parts]
    if scans:
        entries.append(TocEntry(Text("附件", "Attachments"), "att:0"))
        entries += [TocEntry(scan.attachment.title, f"att:{i}", 1) for i, (scan, _) in enumerate(scans)]
    return entries


def render_packet_bytes(content: PacketContent, *, font_path: Path | None = None,
                        checklist_only: bool = False) -> PacketResult:
    """The packet as bytes; raises InputError for an unreadable attachment, FontNotFoundError without a font."""
    scans = [] if checklist_only else prepare(content.attachments)
    offsets, running = [], 0
    for scan in scans:
        offsets.append((scan, running))
        running += scan.pages
    parts = [part for part, _ in _parts(content, checklist_only)]
    toc = [] if checklist_only else _toc(parts, offsets)

    def draw(fonts: RegisteredFonts) -> PacketResult:
        data, starts, generated = _layout(content, fonts, toc, running, [o for _, o in offsets], checklist_only)
        return merge_packet(content, fonts, data, starts, parts, offsets, generated, _pdf_date(content))

    return render_covered("\n".join(strings(content)), font_path, draw)


def render_packet(content: PacketContent, out: Path, *, font_path: Path | None = None,
                  checklist_only: bool = False) -> PacketResult:
    """Write the packet to `out` atomically and say what was written."""
    result = render_packet_bytes(content, font_path=font_path, checklist_only=checklist_only)
    write_atomically(Path(out), result.data)
    return PacketResult(result.data, result.pages, result.bookmarks, result.warnings, Path(out))


