"""Filling a fillable official PDF: Chinese values must show in poppler and (flattened) in Qt's PDF viewer."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas

from core.errors import InputError
from core.packets.field_mapping import load_field_mapping
from core.render.forms.acroform import FONT_RESOURCE, fill_acroform
from core.ruledata.loader import RulesError

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
# Field rectangles in points (x, y, width, height), as drawn by the form below.
FIELDS = {"FamilyName": (180, 750, 200, 20), "ChineseName": (180, 710, 200, 24), "Address": (180, 670, 300, 20),
          "BirthDate": (180, 630, 120, 20)}
BOXES = {"SexM": (180, 595, 14), "SexF": (270, 595, 14)}
MAPPING = """
[form]
name = "Test RP form"
date_format = "%Y/%m/%d"

[fields]
"FamilyName" = "applicant.family_name"
"ChineseName" = "applicant.chinese_name"
"Address" = "applicant.address"
"BirthDate" = "applicant.birth_date"
"SexM" = { source = "applicant.sex", on = "M" }
"SexF" = { source = "applicant.sex", on = "F" }
"""
VALUES = {"applicant": {"family_name": "WANG", "chinese_name": "王小明", "address": "北京市朝阳区建国路88号",
                        "birth_date": dt.date(1988, 3, 14), "sex": "M"}}


def fillable_form() -> bytes:
    """A small fillable form made with reportlab's AcroForm support (text fields and checkboxes)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for name, (x, y, w, h) in FIELDS.items():
        canvas.drawString(72, y + 5, name)
        canvas.acroForm.textfield(name=name, x=x, y=y, width=w, height=h, borderColor=black, fillColor=white)
    for name, (x, y, size) in BOXES.items():
        canvas.acroForm.checkbox(name=name, x=x, y=y, size=size)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def form() -> bytes:
    return fillable_form()


@pytest.fixture
def mapping(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "test-form.toml"
    path.write_text(MAPPING, encoding="utf-8")
    return load_field_mapping(path)


def test_values_ticks_and_an_embedded_subset_font(form: bytes, mapping) -> None:  # type: ignore[no-untyped-def]
    result = fill_acroform(form, mapping, VALUES)
    reader = PdfReader(io.BytesIO(result.data))
    fields = reader.get_fields()
    assert fields is not None
    assert fields["ChineseName"]["/V"] == "王小明" and fields["BirthDate"]["/V"] == "1988/03/14"
    assert fields["SexM"]["/V"] == "/Yes" and fields["SexF"]["/V"] == "/Off"
    states = {a["/T"]: a["/AS"] for a in (x.get_object() for x in reader.pages[0]["/Annots"]) if "/AS" in a}
    assert states == {"SexM": "/Yes", "SexF": "/Off"}
    font = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"][FONT_RESOURCE].get_object()
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    assert "/FontFile2" in descriptor and str(font["/BaseFont"])[7] == "+"  # subset tag
    assert result.filled == ("FamilyName", "ChineseName", "Address", "BirthDate", "SexM") and not result.unmapped


def _dark(png: Path, rect: tuple[float, float, float, float], dpi: int) -> int:
    """Dark pixels inside a field's rectangle, borders excluded."""
    x, y, w, h = rect
    with Image.open(png) as image:
        scale = dpi / 72
        top = image.height - (y + h) * scale
        box = (int(x * scale) + 3, int(top) + 3, int((x + w) * scale) - 3, int(top + h * scale) - 3)
        return sum(image.convert("L").crop(box).histogram()[:128])


@needs_poppler
@pytest.mark.parametrize("flatten", [False, True])
def test_poppler_shows_the_chinese_values(form: bytes, mapping, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          flatten: bool) -> None:
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(fill_acroform(form, mapping, VALUES, flatten=flatten).data)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(form)
    for pdf in (filled, empty):
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
                       check=True, capture_output=True)
    for name in ("ChineseName", "Address"):
        assert _dark(filled.with_suffix(".png"), FIELDS[name], 100) > 40, name
        assert _dark(empty.with_suffix(".png"), FIELDS[name], 100) == 0, name
    x, y, size = BOXES["SexM"]
    assert _dark(filled.with_suffix(".png"), (x, y, size, size), 100) > 5  # the tick
    x, y, size = BOXES["SexF"]
    assert _dark(filled.with_suffix(".png"), (x, y, size, size), 100) == 0


def test_flattening_paints_the_values_and_removes_the_fields(form: bytes, mapping) -> None:  # type: ignore[no-untyped-def]
    result = fill_acroform(form, mapping, VALUES, flatten=True)
    reader = PdfReader(io.BytesIO(result.data))
    assert "/AcroForm" not in reader.trailer["/Root"] and not reader.pages[0].get("/Annots")
    text = reader.pages[0].extract_text()
    assert "王小明" in text and "北京市朝阳区建国路88号" in text and "1988/03/14" in text


def test_qt_pdf_viewer_shows_the_flattened_chinese_values(form: bytes, mapping, qapp) -> None:  # type: ignore[no-untyped-def]
    qtpdf = pytest.importorskip("PySide6.QtPdf")

    def render(data: bytes) -> Image.Image:
        device = QBuffer()
        device.setData(QByteArray(data))
        device.open(QIODevice.OpenModeFlag.ReadOnly)
        document = qtpdf.QPdfDocument()
        document.load(device)
        image = document.render(0, QSize(595, 842))  # 72 dpi: one pixel per point
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        rgba = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")
        page = Image.new("RGBA", rgba.size, "white")
        page.alpha_composite(rgba)  # QtPdf leaves the page transparent
        return page.convert("L")

    filled = render(fill_acroform(form, mapping, VALUES, flatten=True).data)
    empty = render(form)
    for name in ("ChineseName", "Address"):
        x, y, w, h = FIELDS[name]
        box = (x + 3, 842 - y - h + 3, x + w - 3, 842 - y - 3)
        assert sum(filled.crop(box).histogram()[:128]) > 20, name
        assert sum(empty.crop(box).histogram()[:128]) == 0, name


def test_a_mapped_field_the_pdf_lacks_names_the_mapping_key(form: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(MAPPING.replace('"Address" =', '"Adress" ='), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        fill_acroform(form, load_field_mapping(path), VALUES)
    problem = raised.value.problems[0]
    assert problem.source == str(path) and problem.field == 'fields."Adress"'
    assert "no field of that name" in problem.message and "Address" in problem.message


def test_bad_mapping_file_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(MAPPING.replace('on = "F" }', 'on = "F", default = "x" }'), encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        load_field_mapping(path)
    assert raised.value.path == str(path) and raised.value.key == 'fields."SexF".default'


NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@needs_poppler
@pytest.mark.skipif(not NOTO.is_file(), reason="no Noto Sans CJK (CFF) font here")
def test_a_cff_font_is_converted_for_the_form(form: bytes, mapping, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    filled = tmp_path / "noto.pdf"
    filled.write_bytes(fill_acroform(form, mapping, VALUES, font_path=NOTO).data)
    font = PdfReader(filled).trailer["/Root"]["/AcroForm"]["/DR"]["/Font"][FONT_RESOURCE].get_object()
    assert "NotoSansCJK" in str(font["/BaseFont"])
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(filled), str(tmp_path / "noto")],
                   check=True, capture_output=True)
    assert _dark(tmp_path / "noto.png", FIELDS["ChineseName"], 100) > 40
