"""Render with CJK fonts covering every character the pages print, learnt while drawing, never from a list by hand.

A TrueType font is embedded by reportlab from the glyphs actually used, so one pass suffices and the coverage is checked
afterwards. A CFF font (Noto Sans CJK, the Linux default) must be converted to TrueType for a known character set: a
first pass with a probe font (reportlab's Vera) records what the pages draw, then the font is converted for exactly
the content's text plus those characters and the pages are drawn again. The same content always gives the same bytes.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from core.i18n import _
from core.render.fonts import (
    FontNotFoundError,
    RegisteredFonts,
    converted_per_text,
    glyph_coverage,
    probe_fonts,
    recording_drawn,
    register_fonts,
)

T = TypeVar("T")
_MAX_PASSES = 3


def render_covered(text: str, configured: Path | None, draw: Callable[[RegisteredFonts], T]) -> T:
    """`draw(fonts)` with fonts covering `text` (what the caller knows it prints) and every character drawn."""
    if converted_per_text(text, configured):
        with recording_drawn() as drawn:
            draw(probe_fonts())  # a probe pass: its bytes are thrown away
        text += "".join(sorted(drawn))
    for _attempt in range(_MAX_PASSES):
        fonts = register_fonts(text, configured)
        with recording_drawn() as drawn:
            result = draw(fonts)
        missing = sorted(drawn - glyph_coverage(fonts))
        if not missing:
            return result
        if not fonts.subset_to_text:
            raise FontNotFoundError(_("The font {regular} has no glyphs for {characters}").format(
                                      regular=fonts.regular, characters=repr("".join(missing[:12]))))
        text += "".join(missing)
    raise FontNotFoundError(_("The font {regular} could not be made to cover {characters}").format(
                              regular=fonts.regular, characters=repr("".join(missing[:12]))))
