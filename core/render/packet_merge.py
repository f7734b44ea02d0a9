"""The pypdf half of packet assembly: scans appended with footers, bookmarks, page labels, fixed metadata and /ID."""
from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.constants import PageLabelStyle

from core.i18n import _, ngettext
from core.packets.content import PacketContent, Severity, Text
from core.render.fonts import RegisteredFonts
from core.render.packet_style import draw_footer
from core.render.pypdf_compat import set_file_id
from core.render.scans import PreparedScan, frames_pdf, place

CREATOR = "Juliu 居留"
COVER = Text("封面", "Cover")
ATTACHMENTS = Text("附件", "Attachments")


@dataclass(frozen=True)
class Part:
    """A run of generated pages with one bookmark and one page-label prefix."""

    key: str
    title: Text
    label: str  # page-label prefix: F forms, L checklist, S summaries (C cover, A attachments)


@dataclass(frozen=True)
class PacketResult:
    data: bytes
    pages: int
    bookmarks: tuple[str, ...]  # outline titles in order; an attachment's is indented by two spaces
    warnings: tuple[str, ...]
    path: Path | None = None

PRIVATE_TITLE = "Juliu 居留"  # the metadata title of a packet when no personal data is asked for


def _append_scans(writer: PdfWriter, content: PacketContent, fonts: RegisteredFonts,
                  scans: Sequence[tuple[PreparedScan, int]], generated: int, total: int) -> None:
    """Every attachment page on A4 under its frame (scans.py): an image is drawn in its frame, a PDF page is laid
    under it, turned upright, moved and scaled to its placement."""
    prepared = [scan for scan, _ in scans]
    frames = PdfReader(io.BytesIO(frames_pdf(
        prepared, fonts,
        lambda canvas, k, width: draw_footer(canvas, generated + k + 1, total, fonts, content.applicant_name,
                                             width))))
    frame_pages = iter(frames.pages)
    for scan in prepared:
        if scan.reader is None:
            writer.add_page(next(frame_pages))
            continue
        for source in scan.reader.pages:
            page = writer.add_page(next(frame_pages))
            box = source.cropbox
            width, height = float(box.width), float(box.height)
            turn = Transformation().translate(-float(box.left), -float(box.bottom))
            turn, width, height = _upright(turn, source.rotation % 360, width, height)
            spot = place(width, height, enlarge=False)
            page.merge_transformed_page(source, turn.scale(spot.scale).translate(spot.x, spot.y), over=False)


def _upright(move: Transformation, rotation: int, width: float, height: float
             ) -> tuple[Transformation, float, float]:
    """The page's /Rotate (clockwise, as a viewer shows it) applied to its content, with the origin kept at the
    lower left: the transformation and the upright width and height."""
    if rotation == 90:
        return move.rotate(-90).translate(0, width), height, width
    if rotation == 180:
        return move.rotate(180).translate(width, height), width, height
    if rotation == 270:
        return move.rotate(90).translate(height, 0), height, width
    return move, width, height


def merge_packet(content: PacketContent, fonts: RegisteredFonts, generated_pdf: bytes, starts: dict[str, int],
                 parts: Sequence[Part], scans: Sequence[tuple[PreparedScan, int]], generated: int,
                 pdf_date: str) -> PacketResult:
    total = generated + sum(scan.pages for scan, _ in scans)
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(generated_pdf)).pages:
        writer.add_page(page)
    _append_scans(writer, content, fonts, scans, generated, total)
    bookmarks = _outline(writer, starts, parts, scans, generated)
    _labels(writer, starts, parts, scans, generated)
    writer.add_metadata(_metadata(content, pdf_date))
    digest = hashlib.sha256((content.document_id or _fingerprint(content)).encode()).digest()[:16]
    set_file_id(writer, digest)  # fixed, not random (DESIGN)
    buffer = io.BytesIO()
    writer.write(buffer)
    return PacketResult(buffer.getvalue(), total, tuple(bookmarks), tuple(_warnings(content, fonts, scans)))


def _metadata(content: PacketContent, pdf_date: str) -> dict[str, str]:
    """Metadata shows in file managers, search indexes and mail previews: no name and no route unless asked."""
    fixed = {"/Author": CREATOR, "/Creator": CREATOR, "/Producer": CREATOR, "/CreationDate": pdf_date,
             "/ModDate": pdf_date}
    if not content.personal_metadata:
        return {"/Title": PRIVATE_TITLE, **fixed}
    return {"/Title": f"{content.title.both} · {content.applicant_name}", "/Subject": content.kind.both,
            "/Keywords": content.kind_id, **fixed}


def _fingerprint(content: PacketContent) -> str:
    """The content's identity when no document id is given: its fields and every attachment's bytes."""
    attachments = hashlib.sha256(b"".join(hashlib.sha256(a.data).digest() for a in content.attachments))
    return repr(content) + attachments.hexdigest()


def _outline(writer: PdfWriter, starts: dict[str, int], parts: Sequence[Part],
             scans: Sequence[tuple[PreparedScan, int]], generated: int) -> list[str]:
    titles = [COVER.both]
    writer.add_outline_item(title=COVER.both, page_number=0)
    for part in parts:
        writer.add_outline_item(title=part.title.both, page_number=starts[part.key])
        titles.append(part.title.both)
    if scans:
        parent = writer.add_outline_item(title=ATTACHMENTS.both, page_number=generated)
        titles.append(ATTACHMENTS.both)
        for i, (scan, offset) in enumerate(scans):
            title = f"{i + 1}. {scan.attachment.title.both}"
            writer.add_outline_item(title=title, page_number=generated + offset, parent=parent)
            titles.append("  " + title)
    return titles


def _labels(writer: PdfWriter, starts: dict[str, int], parts: Sequence[Part],
            scans: Sequence[tuple[PreparedScan, int]], generated: int) -> None:
    """Page labels carry the part's letter and the printed page number, e.g. "L-5" on checklist page 5."""
    runs = [(0, "C")] + [(starts[p.key], p.label) for p in parts] + ([(generated, "A")] if scans else [])
    ends = [start - 1 for start, _ in runs[1:]] + [len(writer.pages) - 1]
    for (start, prefix), end in zip(runs, ends, strict=True):
        if end >= start:
            writer.set_page_label(start, end, style=PageLabelStyle.DECIMAL, prefix=f"{prefix}-", start=start + 1)


def _warnings(content: PacketContent, fonts: RegisteredFonts, scans: Sequence[tuple[PreparedScan, int]]) -> list[str]:
    warnings = [f"{scan.attachment.title.both}: {scan.note}" for scan, _ in scans if scan.note]
    if not fonts.bold_is_distinct:
        warnings.append(_("no bold face of the CJK font was found: bold text prints in the regular face"))
    blockers = sum(f.severity is Severity.BLOCKER for f in content.findings)
    if blockers:
        warnings.append(ngettext("{n} pre-flight finding must be fixed before filing (listed on the cover)",
                                 "{n} pre-flight findings must be fixed before filing (listed on the cover)",
                                 blockers).format(n=blockers))
    return warnings
