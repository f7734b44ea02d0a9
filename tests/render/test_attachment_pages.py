"""Issue 10 §8, measured: every attachment page is A4 with its header and copy line, each scan placed inside the
space between them (real size when it fits, reduced when not), footers that never overlap, a 33 x 48 mm photo box."""
from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream

from core.packets.content import Attachment, PacketContent, Text
from core.render.packet_pdf import render_packet_bytes
from core.render.packet_style import MARGIN_X, PAGE_H, PAGE_W
from core.render.scans import BODY_BOTTOM, BODY_TOP
from tests.render.packet_samples import sample_content, scan_pdf

MM = 72 / 25.4
A4 = (PAGE_W, PAGE_H)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _pdf_of_size(label: str, width: float, height: float, rotate: int = 0) -> bytes:
    """A one-page PDF scan with the given media box in points (A6, Letter, landscape), optionally turned."""
    reader = PdfReader(io.BytesIO(scan_pdf(label, 1)))
    writer = PdfWriter()
    page = writer.add_page(reader.pages[0])
    page.scale_to(width, height)
    if rotate:
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


SCANS = (  # key, title, size in points, rotation
    ("health_certificate", Text("健康证明", "Health certificate"), (105 * MM, 148 * MM), 0),  # A6
    ("ncr", Text("无犯罪记录证明", "No-criminal-record certificate"), (612.0, 792.0), 0),  # US Letter
    ("work_permit", Text("工作许可", "Work permit"), (297 * MM, 210 * MM), 0),  # A4 landscape
    ("passport", Text("护照", "Passport"), (210 * MM, 297 * MM), 90),  # an A4 page turned on its side
)


@pytest.fixture(scope="module")
def content() -> PacketContent:
    attachments = tuple(Attachment(key, title, "application/pdf", _pdf_of_size(key, w, h, rot))
                        for key, title, (w, h), rot in SCANS)
    return dataclasses.replace(sample_content(scans=0), attachments=attachments, presence=None, income=None,
                               eligibility=None)


@pytest.fixture(scope="module")
def reader(content: PacketContent) -> PdfReader:
    return PdfReader(io.BytesIO(render_packet_bytes(content).data))


def _attachment_pages(reader: PdfReader) -> list[int]:
    return [i for i, label in enumerate(reader.page_labels) if label.startswith("A")]


def _placed_box(reader: PdfReader, index: int, width: float, height: float) -> tuple[float, float, float, float]:
    """Where the scanned page (its media box 0 0 width height) landed: the first `cm` of the page's content
    applied to its corners; returns x0, y0, x1, y1."""
    page = reader.pages[index]
    ops = ContentStream(page.get_contents(), reader).operations
    a, b, c, d, e, f = (float(v) for v in next(operands for operands, op in ops if op == b"cm"))
    corners = [(a * x + c * y + e, b * x + d * y + f) for x in (0, width) for y in (0, height)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def test_every_attachment_page_is_a4_in_the_orientation_of_its_scan(reader: PdfReader) -> None:
    pages = _attachment_pages(reader)
    assert len(pages) == len(SCANS)
    sizes = [(round(float(reader.pages[i].mediabox.width)), round(float(reader.pages[i].mediabox.height)))
             for i in pages]
    portrait, landscape = (round(PAGE_W), round(PAGE_H)), (round(PAGE_H), round(PAGE_W))
    assert sizes == [portrait, portrait, landscape, landscape]
    assert all(reader.pages[i].rotation == 0 for i in pages)


def test_a_small_scan_keeps_its_size_and_a_large_one_is_reduced_to_fit(reader: PdfReader) -> None:
    pages = _attachment_pages(reader)
    for index, (_key, _title, (width, height), rotation) in zip(pages, SCANS, strict=True):
        x0, y0, x1, y1 = _placed_box(reader, index, width, height)
        if rotation % 180:
            width, height = height, width
        assert (x1 - x0) / (y1 - y0) == pytest.approx(width / height, rel=1e-3)  # upright, not distorted
        scale = (x1 - x0) / width
        sheet_w = float(reader.pages[index].mediabox.width)
        sheet_h = float(reader.pages[index].mediabox.height)
        box_w, box_h = sheet_w - 2 * MARGIN_X, sheet_h - BODY_TOP - BODY_BOTTOM
        if width <= box_w and height <= box_h:
            assert scale == pytest.approx(1.0)  # the A6 certificate prints at its real size
        else:
            assert scale < 1.0
            assert x1 - x0 == pytest.approx(box_w, abs=0.5) or y1 - y0 == pytest.approx(box_h, abs=0.5)
        assert x0 >= MARGIN_X - 0.5 and x1 <= sheet_w - MARGIN_X + 0.5
        assert y0 >= BODY_BOTTOM - 0.5 and y1 <= sheet_h - BODY_TOP + 0.5
        assert x0 == pytest.approx(sheet_w - x1, abs=0.5)  # centred


def test_each_attachment_page_has_its_header_and_the_copy_line(reader: PdfReader) -> None:
    for number, index in enumerate(_attachment_pages(reader), 1):
        page = reader.pages[index]
        found: dict[str, float] = {}

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  found: dict[str, float] = found) -> None:
            if text.strip():
                found[text.strip()] = tm[5] * cm[3] + cm[5]

        page.extract_text(visitor_text=visit)  # type: ignore[arg-type]
        title = SCANS[number - 1][1]
        header = f"附件 {number} / Attachment {number} — {title.zh} {title.en}"
        assert header in found, sorted(found)
        height = float(page.mediabox.height)
        assert found[header] > height - 30  # at the top
        copy = next(y for text, y in found.items() if text.startswith("复印件与原件一致"))
        assert "This copy is identical to the original" in next(t for t in found if t.startswith("复印件"))
        assert copy < BODY_BOTTOM  # below the scan
        assert any(text.startswith("签名 Signature") for text in found)


def _words(pdf: Path, page: int) -> list[tuple[str, float, float, float]]:
    """Each word of a page with xMin, xMax and yMin, as poppler lays it out."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = []
    for line in html.splitlines():
        line = line.strip()
        if line.startswith("<word"):
            attrs = dict(part.split("=", 1) for part in line[6:line.index(">")].split())
            text = line[line.index(">") + 1:line.rindex("</word>")]
            words.append((text, float(attrs["xMin"].strip('"')), float(attrs["xMax"].strip('"')),
                          float(attrs["yMin"].strip('"'))))
    return words


@needs_poppler
def test_a_long_name_in_the_footer_never_runs_into_the_page_number(content: PacketContent, tmp_path: Path) -> None:
    long_name = "VAN DER BERG-MONTGOMERY Alexandra Elisabeth Konstantina Maria 范德伯格蒙哥马利亚历山德拉"
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(render_packet_bytes(dataclasses.replace(content, applicant_name=long_name)).data)
    pages = len(PdfReader(pdf).pages)
    for page in (1, pages - 1, pages):  # the cover, and attachment pages (portrait and landscape)
        words = _words(pdf, page)
        footer_y = max(y for _, _, _, y in words)
        footer = [w for w in words if abs(w[3] - footer_y) < 2]
        number_start = min(x0 for text, x0, _, _ in footer if text == "第")
        name_end = max(x1 for text, x0, x1, _ in footer if x0 < number_start)
        assert "Juliu" in [text for text, *_ in footer]
        assert name_end < number_start - 6, (page, footer)


def test_the_photo_box_of_the_replica_is_33_by_48_mm() -> None:
    result = render_packet_bytes(sample_content("rp_work_renewal", scans=0))
    reader = PdfReader(io.BytesIO(result.data))
    form = next(i for i, label in enumerate(reader.page_labels)
                if label.startswith("F") and "外国人签证证件申请表" in reader.pages[i].extract_text())
    rects = [tuple(float(v) for v in operands[2:4])
             for operands, op in ContentStream(reader.pages[form].get_contents(), reader).operations if op == b"re"]
    assert any(w == pytest.approx(33 * MM, abs=0.2) and h == pytest.approx(48 * MM, abs=0.2) for w, h in rects)
