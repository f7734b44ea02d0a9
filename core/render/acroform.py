"""Fill a user-supplied fillable official PDF (AcroForm) so that Chinese values really show.

pypdf stores /V, but poppler drops hanzi when it regenerates appearances and flattening shows "??" (STACK-NOTES).
What works: add a subset CJK font (TrueType outlines) to the form's /DR and have pypdf write each field's
appearance stream with that font. Qt's PDF viewer draws no field appearances at all, so `flatten=True` paints
them into the page and removes the fields.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject, NameObject

from core.errors import InputError, Problem
from core.packets.field_mapping import FieldMapping
from core.render.fonts import find_cjk_font, truetype_subset
from core.render.pypdf_compat import add_font_resource, font_from_truetype

FONT_RESOURCE = "/JuliuCJK"
_SAMPLE = "0123456789/-:. "


@dataclass(frozen=True)
class FilledPdf:
    data: bytes
    filled: tuple[str, ...]  # field names given a value or a tick
    unmapped: tuple[str, ...]  # fields of the PDF the mapping does not mention
    flattened: bool


def _problem(mapping: FieldMapping, key: str, message: str) -> InputError:
    return InputError([Problem(str(mapping.path), None, key, message)])


def _open(pdf: bytes, mapping: FieldMapping) -> tuple[PdfWriter, dict[str, Any]]:
    try:
        reader = PdfReader(io.BytesIO(pdf))
        fields = reader.get_fields() or {}
    except (PdfReadError, ValueError, OSError) as exc:
        raise _problem(mapping, "", f"the form is not a readable PDF ({exc})") from None
    if not fields:
        raise _problem(mapping, "", "the PDF has no fillable fields (AcroForm)")
    return PdfWriter(clone_from=reader), fields


def _on_state(writer: PdfWriter, name: str) -> str:
    """A checkbox's "on" appearance name (often /Yes, sometimes /On or /1)."""
    for page in writer.pages:
        for annot in page.get("/Annots", []) or []:
            widget = annot.get_object()
            parent = widget.get("/Parent")
            title = widget.get("/T") or (parent.get_object().get("/T") if parent else None)
            if title == name and "/AP" in widget:
                states = [str(k) for k in widget["/AP"]["/N"] if k != "/Off"]
                if states:
                    return states[0]
    return "/Yes"


def _add_font(writer: PdfWriter, text: str, font_path: Path | None) -> None:
    """A subset of the CJK font holding exactly the characters of the values, in the form's /DR."""
    source = find_cjk_font(font_path, sample=text)
    data = truetype_subset(source, text + _SAMPLE)
    font = font_from_truetype(data)
    # A subset's PostScript name carries a six-letter tag (PDF 32000 §9.6.4), and no spaces.
    tag = "".join(chr(ord("A") + b % 26) for b in hashlib.sha256(data).digest()[:6])
    font.name = f"{tag}+{re.sub(r'[^A-Za-z0-9-]', '', font.name) or 'JuliuCJK'}"
    font.font_descriptor = dataclasses.replace(font.font_descriptor, name=font.name)
    acro_form = cast(DictionaryObject, writer.root_object["/AcroForm"])
    resources = cast(DictionaryObject, acro_form.setdefault(NameObject("/DR"), DictionaryObject()).get_object())
    fonts = cast(DictionaryObject, resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object())
    add_font_resource(writer, font, fonts, FONT_RESOURCE)  # pypdf's own helper (STACK-NOTES)


def fill_acroform(pdf: bytes, mapping: FieldMapping, values: Mapping[str, Any], *, flatten: bool = False,
                  font_path: Path | None = None, font_size: float = 0) -> FilledPdf:
    """The form with the mapped values; InputError if the mapping names a field the PDF does not have."""
    writer, fields = _open(pdf, mapping)
    missing = [rule.field for rule in mapping.rules if rule.field not in fields]
    if missing:
        raise _problem(mapping, f'fields."{missing[0]}"', f"the PDF has no field of that name; its fields are: "
                       f"{', '.join(sorted(fields))}")
    wanted = mapping.values(values)
    texts = {k: v for k, v in wanted.items() if isinstance(v, str)}
    updates: dict[str, str | tuple[str, str, float]] = {}
    if texts:
        _add_font(writer, "".join(texts.values()), font_path)
        updates.update({name: (text, FONT_RESOURCE, font_size) for name, text in texts.items()})
    for name, ticked in wanted.items():
        if isinstance(ticked, bool):
            updates[name] = _on_state(writer, name) if ticked else "/Off"
    writer.update_page_form_field_values(None, updates, auto_regenerate=False, flatten=flatten)
    if flatten:
        writer.remove_annotations(subtypes="/Widget")
        del writer.root_object["/AcroForm"]
    buffer = io.BytesIO()
    writer.write(buffer)
    filled = tuple(name for name, v in wanted.items() if v)
    unmapped = tuple(sorted(set(fields) - {rule.field for rule in mapping.rules}))
    return FilledPdf(buffer.getvalue(), filled, unmapped, flatten)
