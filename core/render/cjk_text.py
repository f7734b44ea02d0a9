"""Chinese line breaking shared by every PDF we draw: no line starts with "，" nor ends with "（"."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

# Chinese line-breaking rules (GB/T 15834 punctuation; the kinsoku of Chinese typesetting): reportlab's own list
# is Japanese-oriented and lacks ，：；！？, and it hangs at most one mark, so "）。" at a line end left a lone "。".
CANNOT_START = frozenset(
    "，。、：；！？）］｝」』】》〉〕〗〙”’…·%％‰°℃"  # closing and trailing marks (Chinese)
    ",.:;!?)]}"  # their ASCII counterparts, which mixed Chinese/English text uses
)
CANNOT_END = frozenset("（［｛「『【《〈〔〖〘“‘([{")
# Whitespace, a Latin word (split after a hyphen between letters, as in double-barrelled names), or one char.
_UNITS = re.compile(r"\s+|[^\s\u2e80-\uffff]+?(?<=[A-Za-z]-)(?=[A-Za-z])|[^\s\u2e80-\uffff]+|.")
_EPSILON = 0.01


def _segments(units: list[str]) -> list[str]:
    """Glue units so that every boundary left between two segments is a place a line may break.

    A segment starts with a visible unit and carries the whitespace after it. A break before a unit is refused
    when the unit starts with closing punctuation or the last visible character before it is opening
    punctuation, whatever whitespace lies between them.
    """
    segments: list[str] = []
    last_visible = ""
    for unit in units:
        if unit.isspace():
            if segments:
                segments[-1] += unit
            continue  # leading whitespace of a paragraph is dropped, as at any line start
        if segments and (unit[0] in CANNOT_START or last_visible in CANNOT_END):
            segments[-1] += unit
        else:
            segments.append(unit)
        last_visible = unit[-1]
    return segments


def _pieces(paragraph: str, font: str, size: float, width: float) -> list[tuple[str, float, float]]:
    """Segments with their widths (with and without trailing space); a segment wider than the line is
    split between characters, still by the rules, and overflows only where no break is allowed at all."""
    pieces = []
    for segment in _segments(_UNITS.findall(paragraph)):
        parts = [segment]
        if stringWidth(segment.rstrip(), font, size) > width + _EPSILON:
            parts = _segments(list(segment))
        for part in parts:
            pieces.append((part, stringWidth(part, font, size), stringWidth(part.rstrip(), font, size)))
    return pieces


def break_cjk_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaks that never start a line with ，。） nor end one with （ (Chinese or mixed text)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, used = "", 0.0
        for part, full, visible in _pieces(paragraph, font, size, width):
            if current and used + visible > width + _EPSILON:
                lines.append(current.rstrip())
                current, used = "", 0.0
            current, used = current + part, used + full
        lines.append(current.rstrip())
    return lines


def cjk_paragraph(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    """A paragraph broken by Chinese rules for `width`; wordWrap='CJK' in the style stays as a safety net."""
    lines = break_cjk_lines(text, style.fontName, style.fontSize, width)
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def strings(value: object) -> Iterator[str]:
    """Every string in a content tree (dataclasses, tuples, dates and numbers as printed)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, bytes):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)
    elif value is not None:
        yield str(value)
