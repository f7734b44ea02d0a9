"""Attached scans on A4 (issue 10 §8): every page, whatever its size, on an A4 page under the header
"附件 n / Attachment n — item", with the copy line "复印件与原件一致" and a place to sign above the footer.

A PDF page keeps its printed size when it fits (an A6 card stays card-sized) and is reduced when it does not
(US Letter, A4 itself, a large scan); a landscape page goes on a landscape A4. A JPEG/PNG has no printed size, so
it is enlarged or reduced to fill the space. The frames (header, copy line, footer, images) are drawn here with
reportlab; packet_merge lays each PDF page under its frame with pypdf.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from core.errors import InputError, Problem
from core.i18n import _
from core.packets.content import Attachment, Text
from core.render.fonts import RegisteredFonts
from core.render.packet_style import FOOTER_Y, INK, MARGIN_X, MUTED, PAGE_H, PAGE_W, RULE

MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png")
HEADER_Y = 14.0 + 9.0  # from the top edge to the header's baseline
BODY_TOP = 34.0  # from the top edge to the top of the space for the scan
COPY_Y = FOOTER_Y + 18  # baseline of the copy line, above the footer
BODY_BOTTOM = COPY_Y + 14  # the scan stays above the copy line
COPY_LINE = Text("复印件与原件一致", "This copy is identical to the original")
SIGN = Text("签名", "Signature")
DATE = Text("日期", "Date")


def attachment_header(number: int, title: Text, page: int = 1, pages: int = 1) -> str:
    """"附件 2 / Attachment 2 — 护照 Passport", with "(2/3)" on a scan of several pages."""
    name = f"{title.zh} {title.en}".strip()
    part = f"  ({page}/{pages})" if pages > 1 else ""
    return f"附件 {number} / Attachment {number} — {name}{part}"


@dataclass
class PreparedScan:
    attachment: Attachment
    reader: PdfReader | None  # PDF attachments
    image: bytes = b""  # image attachments, upright
    pages: int = 1
    note: str = ""  # e.g. "rotated upright from its EXIF orientation"
    sizes: list[tuple[float, float]] = field(default_factory=list)  # each page upright, in points (or pixels)


@dataclass(frozen=True)
class Placement:
    """Where one scanned page goes: the A4 page it is put on, its scale, and its lower-left corner there."""

    page_size: tuple[float, float]
    scale: float
    x: float
    y: float


def sheet_for(width: float, height: float) -> tuple[float, float]:
    """A4 upright, or A4 on its side for a landscape page."""
    return (PAGE_H, PAGE_W) if width > height else (PAGE_W, PAGE_H)


def place(width: float, height: float, *, enlarge: bool) -> Placement:
    """The page centred in the space between header and copy line; reduced to fit, enlarged only if asked."""
    sheet_w, sheet_h = sheet_for(width, height)
    box_w, box_h = sheet_w - 2 * MARGIN_X, sheet_h - BODY_TOP - BODY_BOTTOM
    scale = min(box_w / width, box_h / height)
    if not enlarge:
        scale = min(scale, 1.0)
    w, h = width * scale, height * scale
    return Placement((sheet_w, sheet_h), scale, (sheet_w - w) / 2, BODY_BOTTOM + (box_h - h) / 2)


def prepare(attachments: Sequence[Attachment]) -> list[PreparedScan]:
    """Open every attachment first, so a broken one stops the build before anything is written."""
    return [_prepare(a) for a in attachments]


def _bad(attachment: Attachment, message: str) -> InputError:
    return InputError([Problem(attachment.title.both, None, attachment.key, message)])


def _upright_size(page: object) -> tuple[float, float]:
    box = page.cropbox  # type: ignore[attr-defined]
    width, height = float(box.width), float(box.height)
    return (height, width) if page.rotation % 180 else (width, height)  # type: ignore[attr-defined]


def _prepare(attachment: Attachment) -> PreparedScan:
    if attachment.media_type not in MEDIA_TYPES:
        raise _bad(attachment, _("media type {media!r} is not one of {allowed}").format(
            media=attachment.media_type, allowed=", ".join(MEDIA_TYPES)))
    if attachment.media_type == "application/pdf":
        try:
            reader = PdfReader(io.BytesIO(attachment.data))
            sizes = [_upright_size(page) for page in reader.pages]
        except (PdfReadError, ValueError, OSError, KeyError) as exc:
            raise _bad(attachment, _("not a readable PDF ({reason})").format(reason=exc)) from None
        if not sizes:
            raise _bad(attachment, _("the PDF has no pages"))
        return PreparedScan(attachment, reader, pages=len(sizes), sizes=sizes)
    try:
        with Image.open(io.BytesIO(attachment.data)) as image:
            orientation = image.getexif().get(0x0112, 1)
            if orientation in (1, None):
                return PreparedScan(attachment, None, attachment.data, sizes=[image.size])
            upright = ImageOps.exif_transpose(image)
            buffer = io.BytesIO()
            upright.convert("RGB").save(buffer, "JPEG", quality=88)
            return PreparedScan(attachment, None, buffer.getvalue(), note=_("rotated upright (EXIF orientation)"),
                                sizes=[upright.size])
    except (UnidentifiedImageError, OSError) as exc:
        raise _bad(attachment, _("not a readable image ({reason})").format(reason=exc)) from None


def draw_frame(canvas: Canvas, header: str, fonts: RegisteredFonts, sheet: tuple[float, float]) -> None:
    """The attachment header at the top, and the copy line with a place to sign and date above the footer."""
    sheet_w, sheet_h = sheet
    canvas.saveState()
    canvas.setFont(fonts.bold, 9)
    canvas.setFillColor(INK)
    canvas.drawString(MARGIN_X, sheet_h - HEADER_Y, header)
    canvas.setFont(fonts.regular, 8)
    canvas.drawString(MARGIN_X, COPY_Y, f"{COPY_LINE.zh}  {COPY_LINE.en}")
    canvas.setFillColor(MUTED)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    x = sheet_w - MARGIN_X
    for label, blank in ((DATE, 22 * mm), (SIGN, 32 * mm)):  # drawn from the right: date, then signature
        x -= blank
        canvas.line(x, COPY_Y - 2, x + blank, COPY_Y - 2)
        text = f"{label.zh} {label.en}："
        x -= stringWidth(text, fonts.regular, 8) + 2
        canvas.drawString(x, COPY_Y, text)
        x -= 12
    canvas.restoreState()


def frames_pdf(scans: Sequence[PreparedScan], fonts: RegisteredFonts,
               footer: Callable[[Canvas, int, float], None]) -> bytes:
    """One page per attachment page, in order: the frame (and, for an image, the image itself);
    `footer(canvas, index, sheet_width)` numbers each page as the packet does."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1,
                    initialFontName=fonts.regular)
    index = 0
    for number, scan in enumerate(scans, 1):
        for page, (width, height) in enumerate(scan.sizes, 1):
            spot = place(width, height, enlarge=scan.reader is None)
            canvas.setPageSize(spot.page_size)
            if scan.reader is None:
                canvas.drawImage(ImageReader(io.BytesIO(scan.image)), spot.x, spot.y, width * spot.scale,
                                 height * spot.scale)
            draw_frame(canvas, attachment_header(number, scan.attachment.title, page, scan.pages), fonts,
                       spot.page_size)
            footer(canvas, index, spot.page_size[0])
            canvas.showPage()
            index += 1
    canvas.save()
    return buffer.getvalue()
