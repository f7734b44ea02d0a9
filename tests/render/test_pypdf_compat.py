"""pypdf private members used by core/render/pypdf_compat.py: if pypdf changes them, this fails first and says so."""
from __future__ import annotations

import hashlib
import inspect
import io

import pypdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from core.render import pypdf_compat
from core.render.fonts import find_cjk_font, truetype_subset

UPGRADE = (f"pypdf {pypdf.__version__} changed a private member that core/render/pypdf_compat.py relies on: "
           "adapt that module (and only it), or keep the pin in pyproject.toml")


def test_the_private_members_are_still_there_with_the_same_shape() -> None:
    font_class = pypdf_compat.Font
    assert hasattr(font_class, "_add_to_writer"), UPGRADE
    assert list(inspect.signature(font_class._add_to_writer).parameters) == [  # noqa: SLF001 - what we check
        "self", "writer", "target_resource_dict", "font_resource_name"], UPGRADE
    assert callable(getattr(font_class, "from_truetype_font_file", None)), UPGRADE
    assert "_ID" in vars(PdfWriter()), UPGRADE


def test_a_fixed_file_id_is_what_the_written_pdf_carries() -> None:
    digest = hashlib.sha256(b"juliu").digest()[:16]
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    pypdf_compat.set_file_id(writer, digest)
    buffer = io.BytesIO()
    writer.write(buffer)
    file_id = PdfReader(io.BytesIO(buffer.getvalue())).trailer["/ID"]
    assert [part.original_bytes for part in file_id] == [digest, digest], UPGRADE


def test_a_truetype_subset_becomes_an_embedded_font_resource_with_unicode_map() -> None:
    data = truetype_subset(find_cjk_font(None, sample="王小明"), "王小明0123")
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    resources = DictionaryObject()
    pypdf_compat.add_font_resource(writer, pypdf_compat.font_from_truetype(data), resources, "/JuliuCJK")
    buffer = io.BytesIO()
    writer.write(buffer)
    font = resources[NameObject("/JuliuCJK")].get_object()
    assert font["/Type"] == "/Font", UPGRADE
    assert "/ToUnicode" in font, UPGRADE
    descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    descriptor = descendant["/FontDescriptor"].get_object()
    assert any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3")), UPGRADE
