"""Every character a packet can print, so the font subset (and the glyph check) covers all of it."""
from __future__ import annotations

import ast
import dataclasses
import functools
from collections.abc import Iterator
from pathlib import Path

from core.packets.content import PacketContent

# Modules whose string literals end up on the page (labels, legends, footers, status words).
_CORE = Path(__file__).resolve().parents[1]
_MODULES = tuple(_CORE / "render" / f"{name}.py" for name in (
    "packet_style", "packet_sections", "packet_summaries", "form_pdf", "packet_merge", "scans", "packet_pdf",
)) + (_CORE / "packets" / "content.py",)
_EXTRA = "0123456789 ·…—√%¥,.:-–/()（）"


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
