"""A letter of the packet on its own page (issue 10 §7): title, addressee, each paragraph in Chinese with the
English beneath, ruled lines where the signer writes, then the places to seal, sign and date."""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from core.packets.content import FilledLetter, LetterMark, Text
from core.render.packet_style import INK, MUTED, RULE, WIDTH, Styles, para

SEAL_D = 40 * mm  # a Chinese company seal is a circle of about 40 mm
LINE_GAP = 20.0
MARK_H = 46.0  # a place to sign: its label, then room to write above the line


class RuledLines(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Blank lines to write on."""

    def __init__(self, count: int, width: float):
        super().__init__()
        self.count, self.width = count, width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.count * LINE_GAP

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        for i in range(self.count):
            y = i * LINE_GAP + 2
            self.canv.line(0, y, self.width, y)


class MarksBlock(Flowable):  # type: ignore[misc]
    """The places to sign and date on the right, each with its label in both languages, and the seal's circle to
    their left: "盖章 / Company seal here", "签名 / Signature here"."""

    def __init__(self, marks: tuple[LetterMark, ...], font: str, width: float):
        super().__init__()
        self.lines = [m for m in marks if m.type != "seal"]
        self.seals = [m for m in marks if m.type == "seal"]
        self.font, self.width = font, width
        self.height = max(len(self.lines) * MARK_H, SEAL_D + 8 if self.seals else 0.0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _label(self, x: float, y: float, label: Text, *, centre: bool = False) -> None:
        c = self.canv
        for text, size, colour, dy in ((label.zh, 9.5, INK, 0.0), (label.en, 7.5, MUTED, -10.0)):
            c.setFont(self.font, size)
            c.setFillColor(colour)
            (c.drawCentredString if centre else c.drawString)(x, y + dy, text)

    def draw(self) -> None:
        c = self.canv
        x = self.width * 0.52
        y = self.height - 14
        for mark in self.lines:  # the label, then the line to sign (or the date to write) beneath it
            self._label(x, y, mark.label)
            c.setStrokeColor(INK)
            c.setLineWidth(0.6)
            if mark.type == "date":
                c.setFont(self.font, 9.5)
                c.setFillColor(INK)
                c.drawString(x + 40, y, "          年          月          日")
            else:
                c.line(x, y - 26, self.width, y - 26)
            y -= MARK_H
        for i, seal in enumerate(self.seals):
            cx, cy = x - SEAL_D / 2 - 12 - i * (SEAL_D + 6), self.height - SEAL_D / 2 - 4
            c.saveState()
            c.setDash(3, 3)
            c.setStrokeColor(MUTED)
            c.circle(cx, cy, SEAL_D / 2, stroke=1, fill=0)
            c.restoreState()
            self._label(cx, cy + 2, seal.label, centre=True)


def letter_flowables(letter: FilledLetter, s: Styles) -> list[Flowable]:
    """The letter's page: Chinese on every line, the English beneath it."""
    title = ParagraphStyle("letter_title", parent=s.title, alignment=TA_CENTER)
    title_en = ParagraphStyle("letter_title_en", parent=s.title_en, alignment=TA_CENTER)
    body_zh = ParagraphStyle("letter_zh", parent=s.zh, fontSize=10.5, leading=17)
    body_en = ParagraphStyle("letter_en", parent=s.en, fontSize=8.8, leading=12)
    story: list[Flowable] = [para(letter.title.zh, title, WIDTH), para(letter.title.en, title_en, WIDTH)]
    if letter.notice.zh:
        story += [para(letter.notice.zh, s.small_en, WIDTH), para(letter.notice.en, s.small_en, WIDTH)]
    story += [Spacer(1, 10), para(letter.to.zh, body_zh, WIDTH), para(letter.to.en, body_en, WIDTH), Spacer(1, 8)]
    for paragraph, lines in zip(letter.paragraphs, letter.lines or (0,) * len(letter.paragraphs), strict=True):
        story += [para(paragraph.zh, body_zh, WIDTH), para(paragraph.en, body_en, WIDTH), Spacer(1, 7)]
        if lines:
            story += [RuledLines(lines, WIDTH), Spacer(1, 6)]
    story += [Spacer(1, 18), MarksBlock(letter.marks, s.fonts.regular, WIDTH)]
    return story
