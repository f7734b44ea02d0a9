"""The packet PDF read back with pypdf and drawn by poppler: parts, bookmarks, labels, footers, fonts, bytes."""
from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from core.errors import InputError
from core.packets.content import Attachment, PacketContent, Text
from core.packets.forms import fill_form, load_form
from core.render.forms.form_pdf import CHECK
from core.render.packet_pdf import PacketResult, render_packet, render_packet_bytes
from tests.render.packet_samples import FILING, FORM_VALUES, sample_content

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")


@pytest.fixture(autouse=True)
def _no_configured_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JULIU_CJK_FONT", raising=False)


@pytest.fixture(scope="module")
def content() -> PacketContent:
    return sample_content(scans=4)


@pytest.fixture(scope="module")
def packet(content: PacketContent) -> PacketResult:
    return render_packet_bytes(content)


def _reader(result: PacketResult) -> PdfReader:
    return PdfReader(io.BytesIO(result.data))


def _pages_by_prefix(reader: PdfReader) -> dict[str, list[int]]:
    parts: dict[str, list[int]] = {}
    for index, label in enumerate(reader.page_labels):
        parts.setdefault(label.split("-")[0], []).append(index)
    return parts


def test_page_labels_name_the_part_and_match_the_printed_numbers(packet: PacketResult) -> None:
    reader = _reader(packet)
    labels = reader.page_labels
    assert len(labels) == len(reader.pages) == packet.pages
    assert [int(label.split("-")[1]) for label in labels] == list(range(1, packet.pages + 1))
    prefixes = [label.split("-")[0] for label in labels]
    assert prefixes == sorted(prefixes, key="CFLSA".index)  # cover, forms, checklist, summaries, attachments
    assert set(prefixes) == set("CFLSA")
    assert prefixes.count("A") == 1 + 1 + 2 + 2  # a JPEG, a PNG, two 2-page PDFs


def test_outline_has_a_bookmark_per_part_and_per_attachment(packet: PacketResult) -> None:
    reader = _reader(packet)
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    assert titles == ["封面 Cover", "申请函 Letter of application",  # the forms and letters in filing order
                      "申请表：外国人在中国永久居留申请表 · 填表准备 Form: Application for permanent "
                      "residence in China · preparation sheet", "单位推荐函 Employer recommendation letter",
                      "材料核对清单 Document checklist",
                      "在境天数 Days present", "收入与纳税 Income and tax", "资格评估 Eligibility",
                      "附件 Attachments"]
    children = next(item for item in reader.outline if isinstance(item, list))
    assert [c.title for c in children] == ["1. 有效护照 第1份 Valid passport, scan 1",
                                           "2. 有效护照 第2份 Valid passport, scan 2",
                                           "3. 工作许可证 第3份 Work permit, scan 3",
                                           "4. 工作许可证 第4份 Work permit, scan 4"]
    pages = [reader.get_destination_page_number(c) for c in children]
    assert [reader.page_labels[p] for p in pages] == [f"A-{n}" for n in (pages[0] + 1, pages[0] + 2,
                                                                        pages[0] + 3, pages[0] + 5)]
    assert packet.bookmarks[-1] == "  4. 工作许可证 第4份 Work permit, scan 4"


@pytest.mark.parametrize("part,expected", [
    ("C", ["永久居留申请材料", "Permanent residence application packet", "WANG Xiaoming 王小明", "预检结果",
           "Pre-flight check", "目录", "Contents", "北京 Beijing", "2026-12-01", "缺少", "Missing:"]),
    ("F", ["外国人在中国永久居留申请表", "preparation sheet", "并非官方表格", "not the official form", "王小明", "WANG",
           "Surname", "1988-03-14", "University College London", "个人简历", "Resume from age 18"]),
    ("L", ["材料核对清单", "Document checklist", "有效护照", "Valid passport", "E76543210", "2029-05-01", "已备",
           "have", "缺少", "missing", "单位推荐函", "BJ-6x (H)", "无犯罪记录证明（GBR）"]),
    ("S", ["在中国大陆境内天数", "Days present in mainland China", "日历在境天数", "Calendar days", "¥1,200,000.00",
           "¥233,581.20", "不符合", "not met", "资格评估", "Eligibility", "NIA-12 (H)", "2027-03-01",
           "最早符合条件日期（估算）", "(estimate)"]),
])
def test_each_part_has_its_chinese_and_english_text(packet: PacketResult, part: str, expected: list[str]) -> None:
    reader = _reader(packet)
    text = "\n".join(reader.pages[i].extract_text() for i in _pages_by_prefix(reader)[part])
    flat = text.replace("\n", "")
    for snippet in expected:
        assert snippet in text or snippet in flat, snippet


def test_every_page_has_the_bilingual_page_footer(packet: PacketResult) -> None:
    reader = _reader(packet)
    total = len(reader.pages)
    for n, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"第 {n} 页 / 共 {total} 页" in text and f"Page {n} of {total}" in text, n
        assert "WANG Xiaoming 王小明" in text


def _fonts(resources: DictionaryObject | None, seen: set[int]) -> list[tuple[str, set[str]]]:
    """Every font in the resources, descending into form XObjects (merged scan pages, appearance streams)."""
    found: list[tuple[str, set[str]]] = []
    if not resources:
        return found
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant.get("/FontDescriptor")
        keys = set(descriptor.get_object().keys()) if descriptor else set()
        found.append((str(font["/BaseFont"]), keys & {"/FontFile", "/FontFile2", "/FontFile3"}))
    for xobject in (resources.get("/XObject") or {}).values():
        obj = xobject.get_object()
        if obj.get("/Subtype") == "/Form" and id(obj) not in seen:
            seen.add(id(obj))
            found += _fonts(obj.get("/Resources"), seen)
    return found


def embedded_fonts(data: bytes) -> list[tuple[str, set[str]]]:
    reader = PdfReader(io.BytesIO(data))
    seen: set[int] = set()
    return [f for page in reader.pages for f in _fonts(page.get("/Resources"), seen)]


def test_every_font_is_embedded(packet: PacketResult) -> None:
    fonts = embedded_fonts(packet.data)
    assert fonts
    for name, keys in fonts:
        assert keys & {"/FontFile2", "/FontFile3"}, f"{name} is not embedded"


def test_same_content_and_date_give_the_same_bytes(content: PacketContent, packet: PacketResult) -> None:
    assert render_packet_bytes(content).data == packet.data
    later = render_packet_bytes(dataclasses.replace(content, generated_on=FILING))
    assert later.data != packet.data
    info = PdfReader(io.BytesIO(later.data)).metadata
    assert info is not None and info["/CreationDate"].startswith("D:20261201")
    assert PdfReader(io.BytesIO(packet.data)).trailer["/ID"][0] == PdfReader(io.BytesIO(packet.data)).trailer["/ID"][1]


def _ticks(page_text_items: list[tuple[str, float, float]], label: str) -> bool:
    """Whether a tick is drawn in the box just left of the option `label`."""
    x, y = next((x, y) for text, x, y in page_text_items if text == label)
    return any(text == CHECK and abs(ty - y) < 3 and x - 16 < tx < x for text, tx, ty in page_text_items)


def _positions(page: object) -> list[tuple[str, float, float]]:
    """Each drawn string with its start; reportlab splits a string where its font subset changes, so pieces
    that start at the same point are joined again."""
    items: dict[tuple[float, float], str] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            key = (round(tm[4] * cm[0] + cm[4], 1), round(tm[5] * cm[3] + cm[5], 1))
            items[key] = items.get(key, "") + text.strip()

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return [(text, x, y) for (x, y), text in items.items()]


def test_form_replica_ticks_the_boxes_from_the_record() -> None:
    result = render_packet_bytes(dataclasses.replace(sample_content("rp_work_renewal", scans=0), letters=()))
    reader = _reader(result)
    form_page = _pages_by_prefix(reader)["F"][0]
    items = _positions(reader.pages[form_page])
    assert _ticks(items, "工作") and not _ticks(items, "学习") and not _ticks(items, "团聚")  # kind preset
    assert _ticks(items, "男") and not _ticks(items, "女")
    assert _ticks(items, "普通") and not _ticks(items, "外交")
    assert _ticks(items, "居留证件") and not _ticks(items, "签证")
    text = reader.pages[form_page].extract_text()
    assert "1988/03/14" in text and "2029/05/01" in text  # the form's own Y/M/D format
    assert len(_pages_by_prefix(reader)["F"]) == 1  # the replica fits one page like the official form


@needs_poppler
def test_poppler_draws_every_page_and_the_scans_fit_centred(packet: PacketResult, tmp_path: Path) -> None:
    pdf = tmp_path / "packet.pdf"
    pdf.write_bytes(packet.data)
    done = subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], capture_output=True,
                          text=True, check=True)
    assert done.stderr == ""
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == packet.pages
    for png in pngs:
        with Image.open(png) as image:
            low, high = image.convert("L").getextrema()
            assert low < 150 and high > 200, png.name  # something dark was drawn on a white page
    first_scan = _pages_by_prefix(_reader(packet))["A"][0]
    with Image.open(pngs[first_scan]) as image:
        grey = image.convert("L")
        page_w = grey.width
        band = grey.crop((0, int(grey.height * 0.1), page_w, int(grey.height * 0.9)))
        left, _, right, _ = ImageOps.invert(band).point(lambda v: 255 if v > 120 else 0).getbbox()
        assert abs(left - (page_w - right)) <= 2  # centred
        assert right - left > page_w * 0.55  # and enlarged to fit


def test_checklist_only_pdf_in_the_same_style(content: PacketContent) -> None:
    result = render_packet_bytes(content, checklist_only=True)
    reader = _reader(result)
    assert [item.title for item in reader.outline] == ["封面 Cover", "材料核对清单 Document checklist"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "材料核对清单" in text and "Valid passport" in text and "预检结果" in text
    assert "外国人在中国永久居留申请表 · 填表准备" not in text and "Attachment" not in text
    assert all(label[0] in "CL" for label in reader.page_labels)
    assert f"Page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()


def test_a_broken_scan_is_bad_input_and_nothing_is_written(content: PacketContent, tmp_path: Path) -> None:
    broken = Attachment("passport", Text("护照", "Passport"), "application/pdf", b"%PDF-1.4 not really")
    out = tmp_path / "packet.pdf"
    with pytest.raises(InputError, match="not a readable PDF"):
        render_packet(dataclasses.replace(content, attachments=(broken,)), out)
    assert not out.exists()


@pytest.mark.skipif(not NOTO.is_file(), reason="no Noto Sans CJK (CFF) font here")
def test_cff_noto_font_is_converted_embedded_and_has_a_bold_face(content: PacketContent) -> None:
    result = render_packet_bytes(dataclasses.replace(content, attachments=()), font_path=NOTO)
    fonts = embedded_fonts(result.data)
    assert any("Bold" in name for name, _ in fonts)
    assert all(keys & {"/FontFile2", "/FontFile3"} for _, keys in fonts)
    assert "no bold face" not in " ".join(result.warnings)
    text = _reader(result).pages[0].extract_text()
    assert "永久居留申请材料" in text and "王小明" in text


@pytest.mark.parametrize("kind,city", [
    ("rp_work_renewal", "beijing"), ("rp_family_renewal", "shanghai"), ("wp_extension", "shenzhen"),
    ("pr_salary_tax", "guangzhou"), ("pr_position", ""), ("pr_spouse", "shanghai"), ("pr_child", "shenzhen"),
    ("pr_elderly", "beijing"), ("pr_card_renewal", ""),
])
def test_every_kind_builds_a_packet(kind: str, city: str) -> None:
    content = sample_content(kind, city, scans=0)
    result = render_packet_bytes(dataclasses.replace(content, presence=None, income=None, eligibility=None))
    reader = _reader(result)
    assert content.checklist is not None
    text = "".join("".join(page.extract_text() for page in reader.pages).split())  # lines break at spaces

    def found(words: str) -> bool:
        return "".join(words.split()) in text

    assert found(content.kind.zh) and found(content.kind.en)
    for row in content.checklist.rows:
        assert found(row.name.zh) and found(row.name.en), row.key
    assert len(reader.outline) == 2 + len(content.forms) + len(content.letters)


@pytest.mark.skipif(not NOTO.exists(), reason="needs fonts-noto-cjk (a CFF font)")
def test_a_cff_font_is_converted_for_every_character_the_pages_draw(content: PacketContent) -> None:
    """A CFF font is converted for a known character set; the renderer's own labels (not in the content) are learnt
    while drawing, so the packet builds with no glyph missing (covered.py raises otherwise) and they extract."""
    result = render_packet_bytes(content, font_path=NOTO)
    text = "".join(page.extract_text() for page in _reader(result).pages)
    assert "附件" in text and "第" in text and "页" in text


def test_a_long_resume_flows_on_with_its_column_headings_repeated(content: PacketContent) -> None:
    values = {**FORM_VALUES, "resume": [{"from": f"{1990 + i}-01", "to": f"{1990 + i}-12", "place": f"城市 {i} Ltd",
                                         "position": "工程师 Engineer"} for i in range(30)]}
    form = fill_form(load_form("pr_application_prep"), values)
    result = render_packet_bytes(dataclasses.replace(content, forms=(form,), attachments=(), letters=()))
    reader = _reader(result)
    pages = [reader.pages[i].extract_text() for i in _pages_by_prefix(reader)["F"]]
    assert len(pages) == 2
    assert "1990-01" in pages[0] and "2019-12" in pages[1]
    assert all("Position or status" in page for page in pages)  # the table's headings on both pages
