"""Finding, converting and registering a CJK font: real font files of this machine, no mocks."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from core.about import BUNDLED_FONTS_DIR, bundled_font_files
from core.render.covered import render_covered
from core.render.fonts import (
    DEFAULT_SAMPLE,
    FontNotFoundError,
    RegisteredFonts,
    cff_to_truetype,
    describe_font,
    find_bold_companion,
    find_cjk_font,
    glyph_coverage,
    load_ttfont,
    register_fonts,
)

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NO_ENV: dict[str, str] = {}

needs_wqy = pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-microhei is not installed")
needs_noto = pytest.mark.skipif(not NOTO.is_file(), reason="no Noto Sans CJK font file (fonts-noto-cjk) here")


def _embedded_fonts(pdf: bytes) -> list[tuple[str, set[str]]]:
    """(BaseFont, font-file keys) of every font the PDF's pages use."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"]
            keys = set(descriptor.get_object().keys()) & {"/FontFile", "/FontFile2", "/FontFile3"}
            found.append((str(font["/BaseFont"]), keys))
    return found


@needs_wqy
def test_finds_wenquanyi_micro_hei_face_0_first() -> None:
    source = find_cjk_font(env=NO_ENV)
    assert source.path == WQY
    assert (source.subfont_index, source.outline, source.family) == (0, "truetype", "WenQuanYi Micro Hei")


@needs_noto
def test_configured_path_wins_and_picks_the_simplified_chinese_face_by_name() -> None:
    source = find_cjk_font(NOTO, env={"JULIU_CJK_FONT": str(WQY)})
    assert source.path == NOTO and source.outline == "cff"
    assert source.family == "Noto Sans CJK SC"
    with TTFont(str(NOTO), fontNumber=source.subfont_index, lazy=True) as face:
        assert face["name"].getDebugName(6) == "NotoSansCJKsc-Regular"


@needs_noto
def test_environment_variable_wins_over_system_fonts() -> None:
    assert find_cjk_font(env={"JULIU_CJK_FONT": str(NOTO)}).path == NOTO


@pytest.mark.parametrize("configured", [Path("/nonexistent/font.ttc"), DEJAVU])
def test_unusable_configured_font_says_what_to_install(configured: Path) -> None:
    with pytest.raises(FontNotFoundError) as raised:
        find_cjk_font(configured, env=NO_ENV)
    message = str(raised.value)
    assert str(configured) in message
    assert "apt-get install fonts-wqy-microhei" in message
    assert "Microsoft YaHei" in message and "STHeiti" in message
    assert "JULIU_CJK_FONT" in message and "font_path" in message


def test_unusable_font_from_the_environment_is_an_error_not_a_silent_fallback() -> None:
    with pytest.raises(FontNotFoundError, match=r"\$JULIU_CJK_FONT"):
        find_cjk_font(env={"JULIU_CJK_FONT": str(DEJAVU)})


@needs_wqy
def test_a_character_no_font_has_is_refused_rather_than_drawn_as_a_box() -> None:
    with pytest.raises(FontNotFoundError, match="no glyphs"):
        find_cjk_font(WQY, env=NO_ENV, sample="王\ue000")


@needs_wqy
def test_wenquanyi_registers_without_a_distinct_bold() -> None:
    fonts = register_fonts("王小明 WANG", env=NO_ENV)
    assert fonts.regular == fonts.bold and not fonts.bold_is_distinct


@needs_noto
def test_bold_companion_of_noto_is_its_bold_file_same_face() -> None:
    bold = find_bold_companion(find_cjk_font(NOTO))
    assert bold is not None
    assert bold.path.name == "NotoSansCJK-Bold.ttc" and bold.family == "Noto Sans CJK SC"


@needs_noto
def test_cff_font_converts_to_truetype_outlines_that_reportlab_embeds() -> None:
    source = find_cjk_font(NOTO)
    # The same characters load_ttfont subsets to, so the conversion below is reused, not repeated.
    converted = TTFont(io.BytesIO(cff_to_truetype(source, DEFAULT_SAMPLE + "王小明 WANG 0123")))
    assert "glyf" in converted and "CFF " not in converted and "VORG" not in converted
    assert converted["maxp"].tableVersion == 0x00010000 and converted["post"].formatType == 2.0
    assert {ord(c) for c in "王小明W0"} <= set(converted.getBestCmap())

    font = load_ttfont(source, "王小明 WANG 0123")
    assert load_ttfont(source, "王小明 WANG 0123") is font  # cached per (path, index, charset)
    fonts = register_fonts("王小明 WANG 0123", NOTO)
    assert fonts.bold_is_distinct
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=fonts.regular)
    canvas.setFont(fonts.regular, 14)
    canvas.drawString(72, 720, "王小明 WANG 0123")
    canvas.save()
    pdf = buffer.getvalue()
    assert _embedded_fonts(pdf) and all(keys for _, keys in _embedded_fonts(pdf))
    assert "王小明 WANG 0123" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@needs_noto
def test_two_charsets_of_one_cff_face_stay_distinct_fonts() -> None:
    """Reportlab aliases fonts by face name; each converted subset must keep its own glyphs."""
    first = register_fonts("王小明", NOTO)
    second = register_fonts("概况说明", NOTO)
    assert first.regular != second.regular
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=second.regular)
    canvas.setFont(second.regular, 14)
    canvas.drawString(72, 720, "概况说明")
    canvas.save()
    assert "概况说明" in PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()


@needs_noto
def test_characters_only_the_renderer_knows_are_covered_by_drawing_them() -> None:
    def draw(fonts: RegisteredFonts) -> RegisteredFonts:
        canvas = Canvas(io.BytesIO())
        canvas.setFont(fonts.regular, 10)
        canvas.drawString(0, 0, "附件证明函")  # not in the text given below
        canvas.save()
        return fonts

    fonts = render_covered("王小明", NOTO, draw)
    assert fonts.subset_to_text and set("附件证明函王小明") <= glyph_coverage(fonts)


@needs_wqy
def test_a_truetype_font_is_drawn_once_and_its_coverage_checked() -> None:
    passes: list[RegisteredFonts] = []

    def draw(fonts: RegisteredFonts) -> None:
        passes.append(fonts)
        canvas = Canvas(io.BytesIO())
        canvas.setFont(fonts.regular, 10)
        canvas.drawString(0, 0, "附件\ue000")  # a private-use character no font has
        canvas.save()

    with pytest.raises(FontNotFoundError, match="no glyphs"):
        render_covered("王小明", WQY, draw)
    assert len(passes) == 1 and not passes[0].subset_to_text


def test_a_bundle_lists_its_own_fonts_and_a_checkout_has_none(tmp_path: Path) -> None:
    assert not BUNDLED_FONTS_DIR.exists()  # only a bundle has <root>/fonts
    (tmp_path / "wqy-microhei.ttc").write_bytes(b"")
    (tmp_path / "README.txt").write_text("not a font")
    assert bundled_font_files(tmp_path) == [tmp_path / "wqy-microhei.ttc"]
    assert bundled_font_files(tmp_path / "missing") == []
    assert "installed on this computer" in describe_font()
