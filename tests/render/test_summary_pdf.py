"""The applicant summary PDF read back: text, embedded fonts, determinism, rendering by poppler."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.presence.days import YearCount
from core.records.identity import Applicant, ApplicantId, Passport, Sex
from core.records.summary import NOTES, SummaryContent, build_summary
from core.render.fonts import FontNotFoundError, register_fonts
from core.render.summary_pdf import CANNOT_END, CANNOT_START, break_cjk_lines, render_summary

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _no_configured_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JULIU_CJK_FONT", raising=False)


def _content(chinese_name: str = "王小明", locale: str = "zh_CN") -> SummaryContent:
    applicant = Applicant(
        "Wang", "Xiaoming", chinese_name, Sex.MALE, dt.date(1988, 3, 14), "GBR", "Beijing", id=ApplicantId(7)
    )
    passports = [Passport(ApplicantId(7), "E76543210", "GBR", dt.date(2019, 5, 2), dt.date(2029, 5, 1))]
    years = [YearCount(2024, 301, 290), YearCount(2025, 330, 318), YearCount(2026, 280, 270)]
    return build_summary(applicant, passports, years, TODAY, locale)


def _fonts(pdf: Path) -> list[tuple[str, set[str]]]:
    found = []
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"]
            found.append((str(font["/BaseFont"]), set(descriptor.get_object().keys())))
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("summary") / "summary.pdf"
    render_summary(_content(), out)
    return out


def test_names_and_bilingual_labels_are_extractable(rendered: Path) -> None:
    reader = PdfReader(rendered)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    expected_texts = (
        "申请人概况", "Applicant summary", "王小明", "WANG Xiaoming", "E76543210", "2029-05-01",
        "Passport no.", "日历在境天数", "Calendar days", "满24小时天数", "Full days", "Date of birth",
        "2026年11月22日", "How days are counted",
    )
    for expected in expected_texts:
        assert expected in text, expected
    assert "财政部税务总局公告2019年第34号" in text.replace("\n", "").replace(" ", "")  # wrapped over lines


def test_every_font_is_embedded(rendered: Path) -> None:
    fonts = _fonts(rendered)
    assert fonts
    for name, keys in fonts:
        assert keys & {"/FontFile2", "/FontFile3"}, f"{name} is not embedded"


def test_metadata_is_fixed_and_dated_from_today(rendered: Path) -> None:
    info = PdfReader(rendered).metadata
    assert info is not None
    assert info.title == "申请人概况 Applicant summary"
    assert info.author == "Juliu 居留" and info.creator == "Juliu 居留"
    assert info["/CreationDate"].startswith("D:20261122")


def test_same_content_gives_the_same_bytes(rendered: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    render_summary(_content(), again)
    assert again.read_bytes() == rendered.read_bytes()


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"old")
    render_summary(_content(locale="en"), out)
    assert out.read_bytes().startswith(b"%PDF") and [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]


def test_a_character_without_a_glyph_raises_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    with pytest.raises(FontNotFoundError):
        render_summary(_content(chinese_name="王\ue000明"), out)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_poppler_renders_the_page(rendered: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(rendered), str(tmp_path / "page")], check=True)
    pngs = list(tmp_path.glob("page*.png"))
    assert len(pngs) == 1 and pngs[0].read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(not NOTO.is_file(), reason="no Noto Sans CJK file (fonts-noto-cjk) on this machine")
def test_cff_noto_font_renders_embedded(tmp_path: Path) -> None:
    out = tmp_path / "noto.pdf"
    render_summary(_content(locale="en"), out, font_path=NOTO)
    fonts = _fonts(out)
    assert any("NotoSansCJKsc-Bold" in name for name, _ in fonts)
    assert all(keys & {"/FontFile2", "/FontFile3"} for _, keys in fonts)
    text = PdfReader(out).pages[0].extract_text()
    assert "王小明" in text and "Applicant summary" in text and "November 22, 2026" in text


@pytest.mark.parametrize("width", [40.0 + 7 * i for i in range(30)])
def test_chinese_lines_never_start_with_closing_punctuation(width: float) -> None:
    fonts = register_fonts("".join(n.zh for n in NOTES))
    for note in NOTES:
        lines = break_cjk_lines(note.zh, fonts.regular, 8.8, width)
        assert "".join(lines).replace(" ", "") == note.zh.replace(" ", "")  # spaces at a break are dropped
        assert all(line and line[0] not in CANNOT_START for line in lines[1:]), lines
        assert all(line[-1] not in CANNOT_END for line in lines[:-1]), lines


def test_a_long_double_barrelled_name_breaks_after_its_hyphen() -> None:
    fonts = register_fonts("PAPADOPOULOU-VASILAKOPOULOU 2026-11-22")
    lines = break_cjk_lines("PAPADOPOULOU-VASILAKOPOULOU", fonts.regular, 10, 100)
    assert lines == ["PAPADOPOULOU-", "VASILAKOPOULOU"]
    assert break_cjk_lines("2026-11-22", fonts.regular, 10, 100) == ["2026-11-22"]
