"""Bounds every entry point applies to dates, ids and sizes, so that no stored value can break a later computation.

A date far in the future (an expiry of 9999-12-31) is accepted by Python but overflows the first `+ timedelta` in
deadlines, calendars or packets; an id beyond SQLite's 64-bit INTEGER overflows the driver. These bounds are not
rules of the domain: they catch typing slips and hostile files before anything is written.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from core.errors import Problem
from core.i18n import _

EARLIEST_DATE = dt.date(1900, 1, 1)  # older birth dates do not occur among living applicants
LATEST_DATE = dt.date(2199, 12, 31)  # far beyond any document's validity; leaves room for date arithmetic
MAX_ID = 2**63 - 1  # SQLite INTEGER PRIMARY KEY
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # one scan; a guard against attaching the wrong file, not a rule


def date_range_problem(day: dt.date) -> str | None:
    """Why `day` is refused, or None when it is within the accepted range."""
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    return _("{date} is outside the accepted range {first} to {last}").format(
        date=day.isoformat(), first=EARLIEST_DATE, last=LATEST_DATE)


def check_date(day: dt.date) -> dt.date:
    """`day`, or ValueError naming the accepted range."""
    reason = date_range_problem(day)
    if reason:
        raise ValueError(reason)
    return day


def id_problem(value: int) -> str | None:
    return None if 1 <= value <= MAX_ID else f"expected an id from 1 to {MAX_ID}, got {value}"


def text_problem(text: str) -> str | None:
    """A NUL character cuts text short in C libraries and the database; nothing typed or read legitimately has one."""
    return _("contains a NUL character") if "\x00" in text else None


def record_problems(record: object) -> list[Problem]:
    """Out-of-range dates and NUL characters in any field of a record dataclass, named by field."""
    problems = []
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        reason = None
        if isinstance(value, dt.date):
            reason = date_range_problem(value)
        elif isinstance(value, str):
            reason = text_problem(value)
        if reason:
            problems.append(Problem("", None, f.name, reason))
    return problems
