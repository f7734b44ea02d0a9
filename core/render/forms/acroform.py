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
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from core.errors import InputError, Problem
from core.i18n import N_, _
from core.packets.field_mapping import FieldMapping
from core.render.fonts import find_cjk_font, truetype_subset
from core.render.forms.acroform_fields import (
    PADDING,
    TextWidth,
    Widget,
    export_values,
    fitting_size,
    kind,
    paint_button,
    set_button,
    widgets,
)
from core.render.pypdf_compat import add_font_resource, font_from_truetype

FONT_RESOURCE = "/JuliuCJK"
_SAMPLE = "0123456789/-:. "


@dataclass(frozen=True)
class FilledPdf:
    data: bytes
    filled: tuple[str, ...]  # field names given a value that shows in full, or a tick
    unmapped: tuple[str, ...]  # fields of the PDF the mapping does not mention
    flattened: bool
    overflowing: tuple[str, ...] = ()  # text fields whose value does not fit even at MIN_FONT_SIZE (shown cut)
    xfa_removed: bool = False  # the PDF also carried an XFA form, removed so that viewers show the AcroForm


def _problem(mapping: FieldMapping, key: str, message: str) -> InputError:
    return InputError([Problem(str(mapping.path), None, key, message)])


def _open(pdf: bytes, mapping: FieldMapping) -> tuple[PdfWriter, dict[str, Any]]:
    try:
        reader = PdfReader(io.BytesIO(pdf))
        fields = reader.get_fields() or {}
    except (PdfReadError, ValueError, OSError) as exc:
        raise _problem(mapping, "", _("the form is not a readable PDF ({reason})").format(reason=exc)) from None
    if not fields:
        raise _problem(mapping, "", N_("the PDF has no fillable fields (AcroForm)"))
    return PdfWriter(clone_from=reader), fields


def _add_font(writer: PdfWriter, text: str, font_path: Path | None) -> bytes:
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
    return data


def _remove_xfa(writer: PdfWriter) -> bool:
    """Drop an XFA form riding along the AcroForm: viewers that read XFA would show it and ignore our values."""
    acro_form = cast(DictionaryObject, writer.root_object["/AcroForm"])
    if "/XFA" not in acro_form:
        return False
    del acro_form["/XFA"]
    if "/NeedsRendering" in writer.root_object:
        del writer.root_object["/NeedsRendering"]
    return True


def _buttons(writer: PdfWriter, mapping: FieldMapping, wanted: Mapping[str, str | bool]) -> dict[str, list[Widget]]:
    """Set every mapped button by export value; the groups, by field name. InputError for a value no option has."""
    groups: dict[str, list[Widget]] = {}
    for name, widget in widgets(writer):
        if kind(widget.field) in ("radio", "checkbox"):
            groups.setdefault(name, []).append(widget)
    for name, value in wanted.items():
        group = groups.get(name)
        if group is None:
            continue
        options = [v for w in group for v in export_values(w)]
        if isinstance(value, bool):  # a check box ticked by the mapping's `on`: its own export value
            set_button(group, options[0] if value and options else None)
        elif value in options:
            set_button(group, value)
        else:
            raise _problem(mapping, f'fields."{name}"', _("{value} is not one of the field's export values: "
                                                           "{options}").format(value=repr(value),
                                                                               options=", ".join(options)))
    return groups


def fill_acroform(pdf: bytes, mapping: FieldMapping, values: Mapping[str, Any], *, flatten: bool = False,
                  font_path: Path | None = None, font_size: float = 0) -> FilledPdf:
    """The form with the mapped values; InputError if the mapping names a field the PDF does not have.

    Text is drawn at `font_size` when given, else at the largest size up to MAX_FONT_SIZE that fits its field;
    text that does not fit at MIN_FONT_SIZE is listed in `overflowing` (not in `filled`). Radio groups and check
    boxes are set by export value."""
    writer, fields = _open(pdf, mapping)
    missing = [rule.field for rule in mapping.rules if rule.field not in fields]
    if missing:
        raise _problem(mapping, f'fields."{missing[0]}"', _("the PDF has no field of that name; its fields are: "
                                                            "{fields}").format(fields=", ".join(sorted(fields))))
    xfa_removed = _remove_xfa(writer)
    wanted = mapping.values(values)
    groups = _buttons(writer, mapping, wanted)
    texts = {k: v for k, v in wanted.items() if isinstance(v, str) and k not in groups}
    rects = {name: cast(ArrayObject, widget.annotation["/Rect"])
             for name, widget in widgets(writer) if kind(widget.field) == "text"}
    updates: dict[str, str | tuple[str, str, float]] = {}
    overflowing: list[str] = []
    if texts:
        width_of = TextWidth(_add_font(writer, "".join(texts.values()), font_path))
        for name, text in texts.items():
            size, fits = (font_size, width_of(text, font_size) <= _room(rects.get(name))) if font_size \
                else fitting_size(text, rects[name], width_of) if name in rects else (0, True)
            updates[name] = (text, FONT_RESOURCE, size)
            if not fits:
                overflowing.append(name)
    if updates:
        writer.update_page_form_field_values(None, updates, auto_regenerate=False, flatten=flatten)
    if flatten:
        number = 0
        for group in groups.values():
            for widget in group:
                number += 1
                paint_button(writer, widget, number)
        writer.remove_annotations(subtypes="/Widget")
        del writer.root_object["/AcroForm"]
    buffer = io.BytesIO()
    writer.write(buffer)
    filled = tuple(name for name, v in wanted.items() if v and name not in overflowing)
    unmapped = tuple(sorted(set(fields) - {rule.field for rule in mapping.rules}))
    return FilledPdf(buffer.getvalue(), filled, unmapped, flatten, tuple(overflowing), xfa_removed)


def _room(rect: Any) -> float:
    return float("inf") if rect is None else abs(float(rect[2]) - float(rect[0])) - 2 * PADDING
