"""Add or edit one border crossing."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from core.errors import Problem
from core.i18n import _
from core.records.identity import Crossing, Direction
from ui.common.fields import DateField, TimeField
from ui.common.messages import show_problems
from ui.common.table_models import direction_label
from ui.common.widgets import named


class CrossingDialog(QDialog):
    """Returns a Crossing in `result_crossing` when accepted; the caller saves it."""

    def __init__(self, crossing: Crossing | None = None, parent: Any = None):
        super().__init__(parent)
        self._crossing = crossing
        self.result_crossing: Crossing | None = None
        self.setWindowTitle(_("Edit crossing") if crossing else _("New crossing"))
        self.date = DateField("date", required=True, parent=self)
        self.time = TimeField("time", parent=self)
        self.direction = named(QComboBox(), "direction")
        for d in Direction:
            self.direction.addItem(direction_label(d), d)
        self.port = named(QLineEdit(), "port")
        self.port.setPlaceholderText(_("e.g. Beijing Capital Airport"))
        self.note = named(QLineEdit(), "note")
        self.planned = named(QCheckBox(_("Planned trip (only used in projections)")), "planned")
        self._invalid: list[QWidget] = []
        self.error = named(QLabel(), "error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        form.addRow(_("Date (local China date)") + " *", self.date)
        form.addRow(_("Time (local, optional)"), self.time)
        form.addRow(_("Direction"), self.direction)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Note"), self.note)
        form.addRow("", self.planned)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if crossing:
            self.date.set_date(crossing.date)
            self.time.set_time(crossing.time)
            self.direction.setCurrentIndex(self.direction.findData(crossing.direction))
            self.port.setText(crossing.port)
            self.note.setText(crossing.note)
            self.planned.setChecked(crossing.planned)

    def accept(self) -> None:
        problems: list[Problem] = []
        day, time = self.date.value(problems), self.time.value(problems)
        if problems or day is None:
            self.error.setText(show_problems(problems, {"date": _("Date (local China date)"),
                                                        "time": _("Time (local, optional)")},
                                             {"date": self.date, "time": self.time}, self._invalid))
            return
        base = self._crossing
        self.result_crossing = Crossing(
            id=base.id if base else None, applicant_id=base.applicant_id if base else None,
            date=day, time=time, direction=Direction(self.direction.currentData()), port=self.port.text().strip(),
            note=self.note.text().strip(), planned=self.planned.isChecked(), version=base.version if base else 0)
        super().accept()
