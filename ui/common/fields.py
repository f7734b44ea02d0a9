"""Small input widgets that parse their text into domain values or say what is wrong."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit

from core.errors import Problem
from core.exchange.crossings_csv import parse_date, parse_time
from core.i18n import N_, _, current_locale
from ui.common.widgets import named


def calendar_icon() -> QIcon:
    """A small drawn calendar (no icon theme is needed, so it looks the same on every system)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#b3261e"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(QRect(x, y, 2, 2), QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """An ISO date (YYYY-MM-DD): typed, or picked from a calendar that pops up from the button at its end.
    Empty is allowed unless the field is required."""

    def __init__(self, field: str, *, required: bool = False, parent: Any = None):
        super().__init__(parent)
        self.field = field
        self.required = required
        self.setPlaceholderText(_("YYYY-MM-DD"))
        self.calendar_action = QAction(calendar_icon(), _("Choose a date from the calendar"), self)
        self.calendar_action.setObjectName(f"{field}_calendar")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def show_calendar(self) -> QCalendarWidget:
        """A calendar under the field, on the typed date (or today); a click puts that date in the field."""
        if self.calendar is None:
            self.calendar = named(QCalendarWidget(self), f"{self.field}_popup")
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            if current_locale().startswith("zh"):  # month and weekday names in the interface's language
                self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        try:
            day = parse_date(self.text().strip()) if self.text().strip() else dt.date.today()
        except ValueError:
            day = dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        return self.calendar

    def _picked(self, day: QDate) -> None:
        self.setText(f"{day.year():04d}-{day.month():02d}-{day.day():02d}")
        if self.calendar is not None:
            self.calendar.hide()
        self.editingFinished.emit()

    def value(self, problems: list[Problem]) -> dt.date | None:
        text = self.text().strip()
        if not text:
            if self.required:
                problems.append(Problem("", None, self.field, N_("required")))
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            problems.append(Problem("", None, self.field, N_("not a real date") if "real" in str(exc)
                                    else N_("expected a date as YYYY-MM-DD")))
            return None


class TimeField(QLineEdit):
    """An optional local time (HH:MM)."""

    def __init__(self, field: str, parent: Any = None):
        super().__init__(parent)
        self.field = field
        self.setPlaceholderText(_("HH:MM"))

    def set_time(self, value: dt.time | None) -> None:
        self.setText(value.strftime("%H:%M") if value else "")

    def value(self, problems: list[Problem]) -> dt.time | None:
        try:
            return parse_time(self.text())
        except ValueError as exc:
            problems.append(Problem("", None, self.field, N_("not a real time") if "real" in str(exc)
                                    else N_("expected a time as HH:MM")))
            return None
