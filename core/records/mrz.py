"""The machine-readable zone of a passport (ICAO Doc 9303 Part 4, TD3: two lines of 44 characters): parsed into
identity fields with every check digit verified, so a passport number typed or read by OCR is caught when wrong.

Pure functions; `today` decides the century of two-digit years (a birth date is never in the future, an expiry
is at most 20 years ahead)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.errors import Problem
from core.i18n import _

TD3_LENGTH = 44
WEIGHTS = (7, 3, 1)
_ALLOWED = re.compile(r"[A-Z0-9<]+")


def char_value(ch: str) -> int:
    """Digits are their value, A-Z are 10-35, the filler '<' is 0 (Doc 9303 Part 3, 4.9)."""
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def check_digit(field: str) -> str:
    """The check digit of an MRZ field: the sum of values weighted 7, 3, 1 repeating, modulo 10."""
    return str(sum(char_value(ch) * WEIGHTS[i % 3] for i, ch in enumerate(field)) % 10)


def passport_number_field(number: str) -> str:
    """A passport number as printed in the MRZ: upper case, without spaces, padded to 9 with '<'."""
    return re.sub(r"[\s\-]", "", number).upper().ljust(9, "<")


def number_matches(number: str, digit: str) -> bool:
    """Does a typed passport number agree with the check digit printed after it in the MRZ?"""
    field = passport_number_field(number)
    return len(field) == 9 and bool(_ALLOWED.fullmatch(field)) and check_digit(field) == digit


@dataclass(frozen=True)
class MrzPassport:
    """What a TD3 zone says, every check digit verified."""

    document_code: str
    issuing_state: str
    family_name: str
    given_names: str
    number: str
    number_check: str
    nationality: str
    birth_date: dt.date | None
    sex: str  # "M", "F" or "" (unspecified '<' or 'X')
    expiry_date: dt.date
    personal_number: str
    lines: tuple[str, str] = ("", "")

    @property
    def iso_nationality(self) -> str:
        """ICAO writes Germany as "D"; every other state uses its ISO 3166 alpha-3 code."""
        return {"D": "DEU"}.get(self.nationality, self.nationality)


class MrzError(ValueError):
    """The lines are not a readable TD3 zone, or a check digit disagrees; carries Problems naming the field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


def fit_length(line: str, length: int = TD3_LENGTH) -> str:
    """OCR miscounts long runs of '<': lengthen or shorten the longest run so the line has `length` characters
    (the check digits decide afterwards whether the reading is right)."""
    if len(line) == length or "<" not in line:
        return line
    runs = [(m.end() - m.start(), m.start(), m.end()) for m in re.finditer(r"<+", line)]
    size, start, end = max(runs)
    wanted = size + length - len(line)
    if wanted < 1:
        return line
    return line[:start] + "<" * wanted + line[end:]


def find_td3_lines(text: str) -> tuple[str, str] | None:
    """The two TD3 lines in pasted or OCR'd text (spaces dropped, filler runs fitted to 44), or None."""
    lines = [re.sub(r"\s+", "", ln).upper().replace("«", "<") for ln in text.splitlines()]
    lines = [ln for ln in lines if len(ln) >= 20]
    for first, second in zip(lines, lines[1:], strict=False):
        if first.startswith("P") and "<<" in first and abs(len(second) - TD3_LENGTH) <= 4:
            one, two = fit_length(first), fit_length(second)
            if len(one) == TD3_LENGTH and len(two) == TD3_LENGTH:
                return one, two
    return None


def _date(text: str, field: str, problems: list[Problem], *, future_years: int, today: dt.date) -> dt.date | None:
    if not text.isdigit():
        problems.append(Problem("", None, field, _("not a date (YYMMDD)")))
        return None
    yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
    year = 2000 + yy if 2000 + yy <= today.year + future_years else 1900 + yy
    try:
        return dt.date(year, month, day)
    except ValueError:
        problems.append(Problem("", None, field, _("not a real date")))
        return None


def parse_td3(line1: str, line2: str, today: dt.date) -> MrzPassport:
    """Both lines of a passport's MRZ -> identity fields; MrzError naming each bad field or check digit."""
    line1, line2 = line1.strip().upper(), line2.strip().upper()
    problems: list[Problem] = []
    for n, line in ((1, line1), (2, line2)):
        if len(line) != TD3_LENGTH or not _ALLOWED.fullmatch(line):
            problems.append(Problem("", n, "mrz", _("line {n}: expected 44 characters A-Z, 0-9 or <").format(n=n)))
    if problems:
        raise MrzError(problems)
    if line1[0] != "P":
        raise MrzError([Problem("", 1, "mrz", _("not a passport zone (it must start with P)"))])
    family, _sep, given = line1[5:].partition("<<")
    checks = (("passport.number", line2[0:9], line2[9]), ("birth_date", line2[13:19], line2[19]),
              ("passport.expiry_date", line2[21:27], line2[27]))
    for field, value, digit in checks:
        if check_digit(value) != digit:
            problems.append(Problem("", 2, field, _("check digit {digit} does not match {value} (expected {expected})")
                                    .format(digit=digit, value=value, expected=check_digit(value))))
    optional, optional_digit = line2[28:42], line2[42]
    if not (optional_digit == "<" and optional.strip("<") == "") and check_digit(optional) != optional_digit:
        problems.append(Problem("", 2, "personal_number", _("check digit does not match")))
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    if check_digit(composite) != line2[43]:
        problems.append(Problem("", 2, "mrz", _("the final (composite) check digit does not match")))
    birth = _date(line2[13:19], "birth_date", problems, future_years=0, today=today)
    expiry = _date(line2[21:27], "passport.expiry_date", problems, future_years=20, today=today)
    if problems or expiry is None:
        raise MrzError(problems)
    return MrzPassport(
        document_code=line1[0:2].rstrip("<"), issuing_state=line1[2:5].replace("<", ""),
        family_name=_name(family), given_names=_name(given), number=line2[0:9].rstrip("<"),
        number_check=line2[9], nationality=line2[10:13].replace("<", ""), birth_date=birth,
        sex=line2[20] if line2[20] in "MF" else "", expiry_date=expiry, personal_number=optional.rstrip("<"),
        lines=(line1, line2))


def _name(part: str) -> str:
    """MRZ name part -> words: '<' separates words; trailing filler dropped."""
    return " ".join(w for w in part.split("<") if w).title()
