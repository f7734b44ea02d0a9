"""Reading a passport scan's machine-readable zone with the tesseract program (Debian tesseract-ocr), when it is
installed; the lines found are parsed and check-digit verified by core.records.mrz, so OCR slips are refused,
never stored. Without tesseract the user pastes or types the two lines instead."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage

from core.errors import Problem
from core.i18n import _
from core.records.mrz import TD3_LENGTH, MrzError, MrzPassport, check_digit, find_td3_lines, parse_td3

WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
TIMEOUT_S = 30
# Line 2 positions that hold digits (dates and check digits); OCR reads O for 0, I for 1 and so on there.
DIGIT_POSITIONS = (9, *range(13, 20), *range(21, 28), 42, 43)
AS_DIGIT = str.maketrans("OQDIL|ZSBG", "0001112586")
LETTER_POSITIONS = (10, 11, 12)  # nationality: letters only
AS_LETTER = str.maketrans("0125869", "OIZSBGG")


def ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def _ocr(image: PilImage) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    done = subprocess.run(["tesseract", "stdin", "stdout", "--psm", "6", "-c", f"tessedit_char_whitelist={WHITELIST}"],
                          input=buffer.getvalue(), capture_output=True, timeout=TIMEOUT_S, check=False)
    return done.stdout.decode("utf-8", "replace")


def mend_line2(line: str) -> str:
    """Digits where the format requires them (a check digit still has to agree afterwards)."""
    chars = list(line)
    for i in DIGIT_POSITIONS:
        if i < len(chars) and chars[i] != "<":
            chars[i] = chars[i].translate(AS_DIGIT)
    for i in LETTER_POSITIONS:
        if i < len(chars):
            chars[i] = chars[i].translate(AS_LETTER)
    return "".join(chars)


CONFUSED = {"Z": "72", "7": "Z", "2": "Z", "O": "0D", "0": "OD", "D": "0O", "I": "1L", "1": "IL", "L": "1I",
            "B": "8", "8": "B", "S": "5", "5": "S", "G": "6", "6": "G"}
FIELDS = ((0, 9, 9), (28, 42, 42))  # (start, end, check position) of the alphanumeric fields of line 2


def repair_line2(line: str) -> str:
    """One OCR look-alike swap per alphanumeric field (number, personal number) where that makes its check digit
    agree; parse_td3 still verifies every digit, the composite included."""
    chars = list(line)
    for start, end, check in FIELDS:
        if len(line) != TD3_LENGTH or check_digit(line[start:end]) == line[check] or line[check] == "<":
            continue
        for i in range(start, end):
            for alternative in CONFUSED.get(chars[i], ""):
                trial = "".join(chars[start:i]) + alternative + "".join(chars[i + 1:end])
                if check_digit(trial) == line[check]:
                    chars[i] = alternative
                    break
            else:
                continue
            break
    return "".join(chars)


def mend_line1(line: str) -> str:
    """The issuing state (positions 2-4) is letters only."""
    return line[:2] + line[2:5].translate(AS_LETTER) + line[5:]


def mrz_from_image(data: bytes, today: dt.date) -> MrzPassport:
    """The passport data page's MRZ from a scan (PNG/JPEG/…); MrzError saying what could not be read."""
    if not ocr_available():
        raise MrzError([Problem("", None, "mrz", _(
            "no OCR program (tesseract) is installed: paste the two MRZ lines"))])
    from PIL import Image, ImageOps, UnidentifiedImageError  # only when a scan is read: start-up stays light

    try:
        image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    except (UnidentifiedImageError, OSError) as exc:
        raise MrzError([Problem("", None, "mrz", _("not an image: {reason}").format(reason=exc))]) from None
    grey = ImageOps.grayscale(image)
    if grey.width < 1200:  # tesseract reads small print better enlarged
        grey = grey.resize((1200, round(grey.height * 1200 / grey.width)))
    crops = [grey.crop((0, int(grey.height * top), grey.width, grey.height)) for top in (0.6, 0.35)]
    last: MrzError | None = None
    for candidate in (*crops, grey):
        try:
            text = _ocr(candidate)
        except (OSError, subprocess.SubprocessError) as exc:
            raise MrzError([Problem("", None, "mrz", _("OCR failed: {reason}").format(reason=exc))]) from None
        found = find_td3_lines(text)
        if found is None:
            continue
        try:
            return parse_td3(mend_line1(found[0]), repair_line2(mend_line2(found[1])), today)
        except MrzError as exc:
            last = exc
    raise last or MrzError([Problem("", None, "mrz", _("no two {length}-character MRZ lines found in the scan").format(
        length=TD3_LENGTH))])
