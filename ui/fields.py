"""Small input widgets that parse their text into domain values or say what is wrong."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLineEdit

from core.errors import Problem
from core.exchange.crossings_csv import parse_date, parse_time


class DateField(QLineEdit):
    """An ISO date (YYYY-MM-DD) that may be left empty unless required."""

    def __init__(self, field: str, *, required: bool = False, parent: Any = None):
        super().__init__(parent)
        self.field = field
        self.required = required
        self.setPlaceholderText("YYYY-MM-DD")

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def value(self, problems: list[Problem]) -> dt.date | None:
        text = self.text().strip()
        if not text:
            if self.required:
                problems.append(Problem("", None, self.field, "required"))
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            problems.append(Problem("", None, self.field, str(exc)))
            return None


class TimeField(QLineEdit):
    """An optional local time (HH:MM)."""

    def __init__(self, field: str, parent: Any = None):
        super().__init__(parent)
        self.field = field
        self.setPlaceholderText("HH:MM")

    def set_time(self, value: dt.time | None) -> None:
        self.setText(value.strftime("%H:%M") if value else "")

    def value(self, problems: list[Problem]) -> dt.time | None:
        try:
            return parse_time(self.text())
        except ValueError as exc:
            problems.append(Problem("", None, self.field, str(exc)))
            return None
