"""Every character a packet can print, so the font subset (and the glyph check) covers all of it."""
from __future__ import annotations

import ast
import functools
from pathlib import Path

from core.packets.content import PacketContent
from core.render.cjk_text import strings

# Modules whose string literals end up on the page (labels, legends, footers, status words).
_CORE = Path(__file__).resolve().parents[1]
_MODULES = tuple(_CORE / "render" / f"{name}.py" for name in (
    "packet_style", "packet_sections", "packet_summaries", "form_pdf", "packet_merge", "scans", "packet_pdf",
)) + (_CORE / "packets" / "content.py",)
_EXTRA = "0123456789 ·…—√%¥,.:-–/()（）"


@functools.cache
def static_text() -> str:
    """The non-ASCII characters of the renderer's own string literals (found by parsing, never by hand)."""
    chars: set[str] = set()
    for path in _MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                chars.update(node.value)
    return "".join(sorted(chars)) + _EXTRA


def packet_text(content: PacketContent) -> str:
    return "\n".join([*strings(content), static_text()])
