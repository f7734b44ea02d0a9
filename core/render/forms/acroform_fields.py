"""The widgets of an AcroForm as pypdf sees them: buttons set by export value, text sized to its field.

pypdf (7.x) sets a radio group's kids one by one and, when flattening, names every kid's painted appearance after
the group, so the first kid's picture is drawn for all of them ("both options look ticked"). Buttons are therefore
set and flattened here: the group's /V and each kid's /AS, and exactly the appearance each kid shows.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from fontTools.ttLib import TTFont
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

RADIO_FLAG = 1 << 15
PUSH_FLAG = 1 << 16
MAX_FONT_SIZE = 12.0  # points; a field lower than this gets a smaller size
MIN_FONT_SIZE = 6.0  # points; text that needs less than this to fit is reported as overflowing, not shrunk further
PADDING = 2.0  # points left free at each side of a text field (pypdf draws from x = 2)


@dataclass(frozen=True)
class Widget:
    page: Any  # pypdf PageObject
    annotation: DictionaryObject
    field: DictionaryObject  # the annotation itself or its /Parent, the dictionary holding /T, /FT, /V


def widgets(writer: PdfWriter) -> Iterator[tuple[str, Widget]]:
    for page in writer.pages:
        for ref in page.get("/Annots", []) or []:
            annotation = cast(DictionaryObject, ref.get_object())
            if annotation.get("/Subtype") != "/Widget":
                continue
            field = annotation
            if "/T" not in annotation and "/Parent" in annotation:
                field = cast(DictionaryObject, annotation["/Parent"].get_object())
            if "/T" in field:
                yield str(field["/T"]), Widget(page, annotation, field)


def kind(field: DictionaryObject) -> str:
    """'text', 'radio', 'checkbox', 'push' or 'other'."""
    if field.get("/FT") == "/Tx":
        return "text"
    if field.get("/FT") != "/Btn":
        return "other"
    flags = int(field.get("/Ff", 0))
    return "push" if flags & PUSH_FLAG else "radio" if flags & RADIO_FLAG else "checkbox"


def export_values(widget: Widget) -> list[str]:
    """The 'on' states of a button widget's normal appearances, without the slash (e.g. 'Yes', 'Male')."""
    appearance = widget.annotation.get("/AP")
    normal = appearance.get_object().get("/N") if appearance is not None else None
    if not isinstance(normal, DictionaryObject):
        return []
    return [str(k)[1:] for k in normal if k != "/Off"]


def set_button(group: list[Widget], value: str | None) -> None:
    """Tick the widget whose export value is `value` (None: none of them), untick the others."""
    chosen = NameObject(f"/{value}") if value is not None else NameObject("/Off")
    for widget in group:
        widget.annotation[NameObject("/AS")] = chosen if value in export_values(widget) else NameObject("/Off")
    group[0].field[NameObject("/V")] = chosen


def paint_button(writer: PdfWriter, widget: Widget, number: int) -> None:
    """Draw the appearance the widget shows (its /AS) into the page, as flattening does for text."""
    appearance = widget.annotation.get("/AP")
    normal = appearance.get_object().get("/N") if appearance is not None else None
    if isinstance(normal, DictionaryObject):
        normal = normal.get(widget.annotation.get("/AS", "/Off"))
    if normal is None or not isinstance(normal.get_object(), StreamObject):
        return
    rect = cast(ArrayObject, widget.annotation["/Rect"])
    writer._add_apstream_object(widget.page, normal.get_object(),  # noqa: SLF001 - pypdf's flattening helper
                                f"JuliuButton{number}", float(rect[0]), float(rect[1]))


class TextWidth:
    """Widths of text in a TrueType font, in points at a given size."""

    def __init__(self, font_data: bytes) -> None:
        font = TTFont(io.BytesIO(font_data))
        self._cmap = font.getBestCmap() or {}
        self._advances = {name: advance for name, (advance, _) in font["hmtx"].metrics.items()}
        self._units = int(font["head"].unitsPerEm)
        self._fallback = self._advances.get(".notdef", self._units)

    def __call__(self, text: str, size: float) -> float:
        total = sum(self._advances.get(self._cmap.get(ord(c), ".notdef"), self._fallback) for c in text)
        return float(total * size / self._units)


def fitting_size(text: str, rect: ArrayObject, width_of: TextWidth) -> tuple[float, bool]:
    """The largest size up to MAX_FONT_SIZE at which the text fits its field, and whether it fits at all
    (at MIN_FONT_SIZE when it does not)."""
    width = abs(float(rect[2]) - float(rect[0])) - 2 * PADDING
    height = abs(float(rect[3]) - float(rect[1]))
    size = min(MAX_FONT_SIZE, max(MIN_FONT_SIZE, height * 0.7))
    natural = width_of(text, size)
    if natural <= width:
        return size, True
    shrunk = size * width / natural
    if shrunk >= MIN_FONT_SIZE:
        return round(shrunk - 0.05, 1), True
    return MIN_FONT_SIZE, False
