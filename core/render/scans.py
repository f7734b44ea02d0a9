"""Attached scans: PDF pages as they are, JPEG/PNG images fitted and centred on A4 pages."""
from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from core.errors import InputError, Problem
from core.packets.content import Attachment
from core.render.fonts import RegisteredFonts
from core.render.packet_style import MARGIN_BOTTOM, MARGIN_X, MUTED, PAGE_H, PAGE_W

MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png")
HEADER_SPACE = 16.0


@dataclass
class PreparedScan:
    attachment: Attachment
    reader: PdfReader | None  # PDF attachments
    image: bytes = b""  # image attachments, upright
    pages: int = 1
    note: str = ""  # e.g. "rotated upright from its EXIF orientation"


def prepare(attachments: Sequence[Attachment]) -> list[PreparedScan]:
    """Open every attachment first, so a broken one stops the build before anything is written."""
    return [_prepare(a) for a in attachments]


def _bad(attachment: Attachment, message: str) -> InputError:
    return InputError([Problem(attachment.title.both, None, attachment.key, message)])


def _prepare(attachment: Attachment) -> PreparedScan:
    if attachment.media_type not in MEDIA_TYPES:
        raise _bad(attachment, f"media type {attachment.media_type!r} is not one of {', '.join(MEDIA_TYPES)}")
    if attachment.media_type == "application/pdf":
        try:
            reader = PdfReader(io.BytesIO(attachment.data))
            pages = len(reader.pages)
        except (PdfReadError, ValueError, OSError) as exc:
            raise _bad(attachment, f"not a readable PDF ({exc})") from None
        if not pages:
            raise _bad(attachment, "the PDF has no pages")
        return PreparedScan(attachment, reader, pages=pages)
    try:
        with Image.open(io.BytesIO(attachment.data)) as image:
            orientation = image.getexif().get(0x0112, 1)
            if orientation in (1, None):
                return PreparedScan(attachment, None, attachment.data)
            upright = ImageOps.exif_transpose(image)
            buffer = io.BytesIO()
            upright.convert("RGB").save(buffer, "JPEG", quality=88)
            return PreparedScan(attachment, None, buffer.getvalue(), note="rotated upright (EXIF orientation)")
    except (UnidentifiedImageError, OSError) as exc:
        raise _bad(attachment, f"not a readable image ({exc})") from None


def draw_image_page(canvas: Canvas, scan: PreparedScan, header: str, fonts: RegisteredFonts) -> None:
    """The image as large as fits between the header and the footer, centred; small scans are enlarged too."""
    reader = ImageReader(io.BytesIO(scan.image))
    width, height = reader.getSize()
    box_w = PAGE_W - 2 * MARGIN_X
    box_h = PAGE_H - MARGIN_BOTTOM - 12 - HEADER_SPACE - 14
    scale = min(box_w / width, box_h / height)
    w, h = width * scale, height * scale
    x = (PAGE_W - w) / 2
    y = MARGIN_BOTTOM + 4 + (box_h - h) / 2
    canvas.setFont(fonts.regular, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN_X, PAGE_H - 14 - 8, header)
    canvas.drawImage(reader, x, y, w, h)


def image_pages_pdf(scans: Sequence[tuple[PreparedScan, str]], fonts: RegisteredFonts,
                    footer: Callable[[Canvas, int], None]) -> bytes:
    """One A4 page per image, in order; `footer(canvas, index)` numbers each page as the packet does."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1,
                    initialFontName=fonts.regular)
    for index, (scan, header) in enumerate(scans):
        draw_image_page(canvas, scan, header, fonts)
        footer(canvas, index)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
