"""AcroForm filling: text shrinks to fit or is reported as overflowing; buttons by export value; XFA removed."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas

from core.errors import InputError
from core.packets.field_mapping import load_field_mapping
from core.render.forms.acroform import fill_acroform
from core.render.forms.acroform_fields import MIN_FONT_SIZE
from tests.cli.test_packet_cmd import run

TEXTS = {"Short": (180, 750, 200, 20), "Long": (180, 710, 120, 20), "Tiny": (180, 670, 40, 20)}
RADIOS = {"Male": (180, 630), "Female": (260, 630)}  # one group "Sex", two export values
CHECK = (180, 590)
MAPPING = """
[fields]
"Short" = "name"
"Long" = "address"
"Tiny" = "note"
"Sex" = "sex"
"Married" = { source = "married", on = "yes" }
"""
VALUES = {"name": "WANG Xiaoming", "address": "北京市朝阳区建国路88号院3号楼", "note": "北京市朝阳区建国路88号院",
          "sex": "Female", "married": "yes"}
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")


def form(xfa: bool = False) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for name, (x, y, w, h) in TEXTS.items():
        canvas.drawString(72, y + 5, name)
        canvas.acroForm.textfield(name=name, x=x, y=y, width=w, height=h, borderColor=black, fillColor=white)
    for value, (x, y) in RADIOS.items():
        canvas.drawString(x + 20, y + 3, value)
        canvas.acroForm.radio(name="Sex", value=value, selected=False, x=x, y=y, size=14, buttonStyle="check",
                              borderColor=black, fillColor=white)
    canvas.acroForm.checkbox(name="Married", x=CHECK[0], y=CHECK[1], size=14)
    canvas.showPage()
    canvas.save()
    if not xfa:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(buffer))
    acro_form = writer.root_object["/AcroForm"].get_object()
    acro_form[NameObject("/XFA")] = TextStringObject("<xdp:xdp/>")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def mapping(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "map.toml"
    path.write_text(MAPPING, encoding="utf-8")
    return load_field_mapping(path)


def _sizes(data: bytes) -> dict[str, float]:
    """The font size each text field's appearance was drawn at (its 'Tf' operator)."""
    sizes = {}
    for ref in PdfReader(io.BytesIO(data)).pages[0]["/Annots"]:
        annotation = ref.get_object()
        if annotation.get("/FT") == "/Tx" and "/AP" in annotation:
            content = annotation["/AP"]["/N"].get_object().get_data().decode("latin-1")
            operands = content.split(" Tf")[0].split()
            sizes[str(annotation["/T"])] = float(operands[-1])
    return sizes


def test_text_shrinks_to_fit_and_overflow_is_reported_not_filled(mapping) -> None:  # type: ignore[no-untyped-def]
    result = fill_acroform(form(), mapping, VALUES)
    sizes = _sizes(result.data)
    assert sizes["Short"] == 12  # fits at the full size
    assert MIN_FONT_SIZE < sizes["Long"] < 12  # 15 hanzi in 116 pt: shrunk
    assert sizes["Tiny"] == MIN_FONT_SIZE and result.overflowing == ("Tiny",)
    assert "Tiny" not in result.filled and {"Short", "Long"} <= set(result.filled)
    fields = PdfReader(io.BytesIO(result.data)).get_fields() or {}
    assert fields["Tiny"]["/V"] == VALUES["note"]  # the whole value is kept in the field, never cut


def _states(data: bytes) -> dict[str, str]:
    states = {}
    for ref in PdfReader(io.BytesIO(data)).pages[0]["/Annots"]:
        annotation = ref.get_object()
        if annotation.get("/AS") is not None:
            options = [str(k) for k in annotation["/AP"]["/N"] if k != "/Off"]
            states[options[0]] = str(annotation["/AS"])
    return states


@pytest.mark.parametrize("sex", ["Male", "Female"])
def test_radio_group_and_check_box_are_set_by_export_value(mapping, sex: str) -> None:  # type: ignore[no-untyped-def]
    result = fill_acroform(form(), mapping, {**VALUES, "sex": sex})
    other = "Female" if sex == "Male" else "Male"
    assert _states(result.data) == {f"/{sex}": f"/{sex}", f"/{other}": "/Off", "/Yes": "/Yes"}
    fields = PdfReader(io.BytesIO(result.data)).get_fields() or {}
    assert fields["Sex"]["/V"] == f"/{sex}" and fields["Married"]["/V"] == "/Yes"
    unticked = fill_acroform(form(), mapping, {**VALUES, "married": "no"})
    assert _states(unticked.data)["/Yes"] == "/Off" and "Married" not in unticked.filled


def test_a_value_no_option_exports_names_the_field_and_the_options(mapping) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as raised:
        fill_acroform(form(), mapping, {**VALUES, "sex": "F"})
    problem = raised.value.problems[0]
    assert problem.field == 'fields."Sex"' and "Male" in problem.message and "Female" in problem.message


def _dark(png: Path, x: float, y: float, size: float, dpi: int = 100) -> int:
    scale = dpi / 72
    with Image.open(png) as image:
        top = image.height - (y + size) * scale
        box = (int(x * scale) + 3, int(top) + 3, int((x + size) * scale) - 3, int(top + size * scale) - 3)
        return sum(image.convert("L").crop(box).histogram()[:128])


@needs_poppler
def test_flattening_draws_exactly_the_chosen_option(mapping, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "flat.pdf"
    pdf.write_bytes(fill_acroform(form(), mapping, VALUES, flatten=True).data)
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(fill_acroform(form(), mapping, {**VALUES, "sex": None, "married": "no"}, flatten=True).data)
    assert not PdfReader(pdf).pages[0].get("/Annots")
    for path in (pdf, blank):
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(path), str(path.with_suffix(""))],
                       check=True, capture_output=True)
    ticked, empty = pdf.with_suffix(".png"), blank.with_suffix(".png")
    male, female = RADIOS["Male"], RADIOS["Female"]
    assert _dark(ticked, *female, 14) > _dark(empty, *female, 14) + 5  # the tick of the chosen option
    assert _dark(ticked, *male, 14) == _dark(empty, *male, 14)  # the other option as it is when nothing is chosen
    assert _dark(ticked, *CHECK, 14) > _dark(empty, *CHECK, 14) + 5


def test_an_xfa_form_is_removed_and_said(mapping) -> None:  # type: ignore[no-untyped-def]
    result = fill_acroform(form(xfa=True), mapping, VALUES)
    assert result.xfa_removed and not fill_acroform(form(), mapping, VALUES).xfa_removed
    acro_form = PdfReader(io.BytesIO(result.data)).trailer["/Root"]["/AcroForm"]
    assert isinstance(acro_form.get_object(), DictionaryObject) and "/XFA" not in acro_form


def test_cli_reports_overflow_and_xfa(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "form.pdf").write_bytes(form(xfa=True))
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "values.json").write_text(json.dumps(VALUES, ensure_ascii=False), encoding="utf-8")
    args = ["packet", "--fill-form", str(tmp_path / "form.pdf"), "--mapping", str(tmp_path / "map.toml"),
            "--values", str(tmp_path / "values.json"), "--out", str(tmp_path / "out.pdf")]
    code, out, err = run([*args, "--json"], capsys)
    report = json.loads(out)
    assert code == 0 and report["overflowing"] == ["Tiny"] and report["xfa_removed"] is True
    assert "Tiny" not in report["filled"] and "Tiny" in err and "XFA" in err
