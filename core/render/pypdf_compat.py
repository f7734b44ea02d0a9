"""The pypdf internals Juliu relies on, in one place, so an upgrade of pypdf is checked here and nowhere else.

pyproject.toml pins pypdf below its next minor version; tests/render/test_pypdf_compat.py fails loudly when
one of these members changes. Before raising the pin, run that test against the new version.

- `pypdf.generic._font.Font`: builds a font resource (ToUnicode, widths, embedded file) from TrueType bytes, and
  `Font._add_to_writer` registers it as indirect objects in a resource dictionary. pypdf has no public API for
  this; filling AcroForm fields with Chinese values needs it (STACK-NOTES, pypdf).
- `PdfWriter._ID`: the trailer's /ID array. A packet must be byte-for-byte the same for the same content
  (DESIGN: deterministic output), and pypdf otherwise writes a random /ID.
"""
from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject
from pypdf.generic._font import Font

__all__ = ["Font", "add_font_resource", "font_from_truetype", "set_file_id"]


def font_from_truetype(data: bytes) -> Font:
    """A pypdf font built from TrueType (glyf-outline) font bytes, usually a subset."""
    return Font.from_truetype_font_file(io.BytesIO(data))


def add_font_resource(writer: PdfWriter, font: Font, resources: DictionaryObject, name: str) -> None:
    """Put `font` into the resource dictionary `resources` (e.g. an AcroForm's /DR /Font) under `name`."""
    font._add_to_writer(writer, resources, NameObject(name))  # noqa: SLF001 - no public API; this module's purpose


def set_file_id(writer: PdfWriter, digest: bytes) -> None:
    """A fixed trailer /ID (both halves `digest`) instead of pypdf's random one."""
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])  # noqa: SLF001 - as above
