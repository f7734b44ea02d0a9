"""What-if: on which date each PR presence condition first holds, with planned trips and staying put after them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.errors import InputError
from core.i18n import _
from core.records.identity import ApplicantId
from core.services.facade import JuliuService
from ui.common.messages import short_problem
from ui.common.widgets import named, record_table, source_row
from ui.travel.presence_models import ProjectionTableModel, explain


class WhatIfWidget(QWidget):
    """The conditions come from rules/presence.toml; months and years become days through the presence settings."""

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service, self._today = service, today
        self.applicant_id: ApplicantId | None = None
        self.model = ProjectionTableModel(self)
        self.view = record_table(self.model, "projections")
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.columns.caps[0] = 280  # the condition wraps (ui.common.column_fit sizes the columns)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_reason(source_row(current)))
        self.reason = named(QLabel(), "projection_reason")
        self.reason.setWordWrap(True)
        self.condition = named(QLineEdit(), "condition")
        self.condition.setPlaceholderText("rolling:4:calendar>=6m,full>=6m")
        self.condition.returnPressed.connect(self.project_custom)
        self.project_button = named(QPushButton(_("Project")), "project")
        self.project_button.clicked.connect(self.project_custom)
        self.custom_result = named(QLabel(), "custom_result")
        self.custom_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Own condition 自定义条件")))
        row.addWidget(self.condition, 1)
        row.addWidget(self.project_button)
        self.intro = QLabel(wordWrap=True)
        self.intro.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.reason)
        layout.addLayout(row)
        layout.addWidget(self.custom_result)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        if applicant_id != self.applicant_id:  # another person's projection is not this one's
            self.custom_result.setText("")
        self.applicant_id = applicant_id
        self.refresh()

    def refresh(self) -> None:
        config = self.service.travel.config()
        units = ", ".join(f"{u} = {d}" for u, d in config.units.items())
        self.intro.setText(_("First date on or after today ({today}) on which each condition holds, counting "
                             "recorded and planned crossings and assuming no travel after the last one. Rolling "
                             "years end on that date. Conversions (settings): {units}.").format(
            today=self._today().isoformat(), units=units))
        self.reason.setText("")
        if self.applicant_id is None:
            self.model.set_records([])
            return
        self.model.set_records(self.service.travel.pr_projections(self.applicant_id, self._today()))
        self._fit_rows()
        QTimer.singleShot(0, self._fit_rows)  # again once the tab has its final width
        if self.model.rowCount():
            self.view.selectRow(0)

    def _fit_rows(self) -> None:
        """Row heights from the wrapped text with a margin: Qt's own size hint is a few pixels short for CJK."""
        metrics, width = self.view.fontMetrics(), self.view.columnWidth(0) - 12
        shown = self.view.model()
        for row in range(shown.rowCount()):
            text = str(shown.data(shown.index(row, 0)))
            rect = metrics.boundingRect(QRect(0, 0, max(width, 40), 10_000), Qt.TextFlag.TextWordWrap, text)
            self.view.setRowHeight(row, rect.height() + 10)

    def _show_reason(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.reason.setText(explain(self.model.record(row)))

    def project_custom(self) -> None:
        if self.applicant_id is None:
            return
        try:
            result = self.service.travel.project(self.applicant_id, self.condition.text(), self._today())
        except InputError as exc:
            self.custom_result.setStyleSheet("color: #b00020")
            self.custom_result.setText("\n".join(short_problem(p) for p in exc.problems))
            return
        self.custom_result.setStyleSheet("")
        first = result.first_date.isoformat() if result.first_date else _("not within 10 years")
        self.custom_result.setText(f"{first} — {result.reason}")
