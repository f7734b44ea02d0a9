"""Reading a text file of unknown encoding into CSV rows, refusing whatever would import wrongly.

Encodings (a stated heuristic, in this order): a byte-order mark (UTF-8, UTF-16); strict UTF-8; UTF-16 without a
mark when NUL is the high byte of at least a third of the characters (dates and commas are ASCII); otherwise
charset-normalizer chooses among GB18030, Big5 and Shift-JIS, the encodings Chinese, Taiwanese/Hong Kong and
Japanese software saves CSV in. A decoding that looks wrong (control characters, private-use or replacement
characters, or text charset-normalizer finds chaotic) is refused with the encoding named: mojibake is never imported.

CSV is read strictly: a quote left open is reported with the line where the field began, a field longer than
csv's limit is reported with its line, and since no crossing field spans lines, a cell holding a line break (which
is what a stray quote makes of the following rows) is refused too.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from core.errors import InputError, Problem
from core.i18n import _

MAX_CSV_BYTES = 32 * 1024 * 1024  # a lifetime of crossings is well under 1 MB
MAX_CSV_ROWS = 100_000
MAX_FIELD_CHARS = csv.field_size_limit()  # 131,072 by default
LEGACY_ENCODINGS = ("gb18030", "big5", "shift_jis")
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
         "gb18030": "GB18030", "big5": "Big5", "shift_jis": "Shift-JIS"}
MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a decoding is called garbled

_STRANGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd"
                      "\U000f0000-\U0010ffff]")
Rows = list[tuple[int, tuple[object, ...]]]


def _fail(source: str, message: str, line: int | None = None) -> InputError:
    return InputError([Problem(source, line, "", message)])


def read_bytes(path: Path, limit: int = MAX_CSV_BYTES) -> bytes:
    source = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise _fail(source, _("cannot read file: {reason}").format(reason=exc.strerror or exc)) from exc
    if len(data) > limit:
        raise _fail(source, _("larger than {mb} MB: not a crossings file").format(mb=limit // 2**20))
    return data


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding name) or InputError naming the encoding that was tried and why it was refused."""
    encoding = _bom_encoding(data)
    if encoding is None:
        try:
            return _checked(data.decode("utf-8"), "utf-8", source), "utf-8"
        except UnicodeDecodeError:
            encoding = _utf16_without_bom(data) or _legacy_guess(data, source)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _fail(source, _("not valid {encoding} text (byte {byte}): save the file as UTF-8").format(
            encoding=NAMES.get(encoding, encoding), byte=exc.start)) from exc
    return _checked(text.removeprefix("\ufeff"), encoding, source), NAMES.get(encoding, encoding).lower()


def _bom_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    odd, even = sample[1::2], sample[0::2]  # dates, commas and line ends are ASCII: a NUL half of each character
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _legacy_guess(data: bytes, source: str) -> str:
    import charset_normalizer  # imported here: only files that are not UTF-8 pay for it

    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    tried = "UTF-8, UTF-16, " + ", ".join(NAMES[e] for e in LEGACY_ENCODINGS)
    if best is None:
        raise _fail(source, _("cannot tell the text encoding (tried {tried}): save the file as UTF-8").format(
            tried=tried))
    encoding = codecs.lookup(best.encoding).name  # "big5", "gb18030", "shift_jis"
    if best.chaos > MAX_CHAOS:
        raise _fail(source, _("read as {encoding} the text looks garbled: save the file as UTF-8").format(
            encoding=NAMES.get(encoding, encoding)))
    return encoding


def _checked(text: str, encoding: str, source: str) -> str:
    """Refuse a decoding that produced characters no crossings file holds (NUL, controls, private use, U+FFFD)."""
    found = _STRANGE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        message = _("read as {encoding} the text has character {char}, which no crossings file holds: is it "
                    "the right file, saved as text (UTF-8)?").format(encoding=NAMES.get(encoding, encoding),
                                                                    char=f"U+{ord(found.group()):04X}")
        raise _fail(source, message, line)
    return text


def csv_rows(path: Path) -> tuple[Rows, str]:
    """Every record of a CSV file with the line it starts on, and the encoding it was read in."""
    source = str(path)
    text, encoding = decode_text(read_bytes(path), source)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: Rows = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _fail(source, _csv_message(str(exc), start, reader.line_num), start) from exc
        for cell in cells:
            if "\n" in cell or "\r" in cell:
                raise _fail(source, _("a quoted field runs from line {start} to line {end}: is a closing quote "
                                      "missing?").format(start=start, end=reader.line_num), start)
        rows.append((start, tuple(cells)))
        if len(rows) > MAX_CSV_ROWS:
            raise _fail(source, _("more than {n} rows: not a crossings file").format(n=f"{MAX_CSV_ROWS:,}"))
        start = reader.line_num + 1
    return rows, encoding


def _csv_message(reason: str, start: int, end: int) -> str:
    if "field limit" in reason:
        return _("a field longer than {n} characters: is a closing quote missing?").format(n=f"{MAX_FIELD_CHARS:,}")
    if "end of data" in reason:
        return _("a quote opened on line {line} is never closed").format(line=start)
    return _("not valid CSV between lines {start} and {end} ({reason}): a stray quote?").format(
        start=start, end=end, reason=reason)
