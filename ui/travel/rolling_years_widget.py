"""Rolling years ending on a chosen date (e.g. the application date), with both counts per window."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from core.errors import Problem
from core.i18n import _
from core.records.identity import ApplicantId
from core.services.facade import JuliuService
from ui.common.fields import DateField
from ui.common.widgets import named, record_table
from ui.travel.presence_models import WindowTableModel


class RollingYearsWidget(QWidget):
    """Window 1 ends on the chosen date; window k starts the day after the date k years earlier (M2004 Art. 6)."""

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service, self._today = service, today
        self.applicant_id: ApplicantId | None = None
        self.end = DateField("window_end", required=True, parent=self)
        self.end.setObjectName("window_end")
        self.count = named(QSpinBox(), "window_count")
        self.count.setMinimum(1)
        self.count.setMaximum(10)
        self.count.setValue(5)
        self.show_button = named(QPushButton(_("Show")), "show_windows")
        self.show_button.clicked.connect(self.refresh)
        self.end.returnPressed.connect(self.refresh)
        self.model = WindowTableModel(self)
        self.view = record_table(self.model, "windows")
        self.error = named(QLabel(), "windows_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        row = QHBoxLayout()  # two short rows, so the Travel tab fits a 1366 px laptop screen
        row.addWidget(QLabel(_("Years ending on 截止日期")))
        row.addWidget(self.end)
        row.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(QLabel(_("Number of years 年数")))
        second.addWidget(self.count)
        second.addWidget(self.show_button)
        second.addStretch(1)
        note = QLabel(_("Window 1 ends on the chosen date; each window starts the day after the same date one "
                        "year earlier (29 February becomes 28 February). Days after today are not counted."),
                      wordWrap=True)
        note.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(second)
        layout.addWidget(self.error)
        layout.addWidget(self.view)
        layout.addWidget(note)

    def set_applicant(self, applicant_id: ApplicantId | None, refresh: bool = True) -> None:
        """`refresh=False`: the caller refreshes next (the travel tab does, with everything else)."""
        self.applicant_id = applicant_id
        if not self.end.text().strip():
            self.end.set_date(self._today())
        if refresh:
            self.refresh()

    def refresh(self) -> None:
        self.error.setText("")
        if self.applicant_id is None:
            self.model.set_windows([])
            return
        problems: list[Problem] = []
        end = self.end.value(problems)
        if problems or end is None:  # the old windows stay visible, greyed, until the date is valid again
            self.error.setText(_("Years ending on 截止日期") + ": " + "; ".join(_(p.message) for p in problems))
            self.view.setEnabled(False)
            return
        self.view.setEnabled(True)
        self.model.set_windows(self.service.travel.rolling(self.applicant_id, end, self.count.value(), self._today()))
