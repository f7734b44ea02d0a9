"""Conversions between SQLite values and domain values (ISO text dates, HH:MM times)."""
from __future__ import annotations

import datetime as dt


def date_out(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def date_in(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def time_out(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def time_in(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None
