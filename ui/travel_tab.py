"""The Travel tab: an applicant's border crossings and the days present per year."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from core.i18n import _
from core.model import ApplicantId, CrossingId
from core.services import JuliuService
from ui.crossing_dialog import CrossingDialog
from ui.table_models import CrossingTableModel, YearCountTableModel
from ui.widgets import button_row, record_table


class TravelTab(QWidget):
    crossings_changed = Signal(int)

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self._today = today
        self.applicant_id: ApplicantId | None = None
        self.crossing_model = CrossingTableModel(self)
        self.year_model = YearCountTableModel(self)
        self.crossing_view = record_table(self.crossing_model, "crossings")
        self.year_view = record_table(self.year_model, "years")
        self.warnings = QLabel(objectName="warnings", wordWrap=True)
        self.warnings.setStyleSheet("color: #b00020")
        self.crossing_view.doubleClicked.connect(lambda _i: self.edit_crossing())
        self._build()

    def _build(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal)
        crossings = QWidget()
        cv = QVBoxLayout(crossings)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(QLabel(_("Border crossings 出入境记录 (local China dates)")))
        cv.addWidget(self.crossing_view)
        row, self.buttons = button_row(
            ("add_crossing", _("Add…"), self.add_crossing),
            ("edit_crossing", _("Edit…"), self.edit_crossing),
            ("delete_crossing", _("Delete"), self.delete_crossings))
        cv.addLayout(row)
        cv.addWidget(self.warnings)
        years = QWidget()
        yv = QVBoxLayout(years)
        yv.setContentsMargins(0, 0, 0, 0)
        yv.addWidget(QLabel(_("Days present per year 每年在境天数")))
        yv.addWidget(self.year_view)
        note = QLabel(_("Calendar days: any presence on a date (entry and exit dates count).\n"
                        "Full days: the whole 24 hours in mainland China (TAX34); entry and exit dates do not "
                        "count."), wordWrap=True)
        note.setStyleSheet("color: #555")
        yv.addWidget(note)
        split.addWidget(crossings)
        split.addWidget(years)
        split.setSizes([520, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        self.applicant_id = applicant_id
        self.refresh()

    def refresh(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(self.applicant_id is not None)
        if self.applicant_id is None:
            self.crossing_model.set_records([])
            self.year_model.set_records([])
            self.warnings.setText("")
            return
        self.crossing_model.set_records(self.service.list_crossings(self.applicant_id))
        self.year_model.set_records(self.service.year_counts(self.applicant_id, self._today()))
        warnings = self.service.sequence_warnings(self.applicant_id)
        self.warnings.setText(_("Missing crossings (two in the same direction in a row): ") + "; ".join(warnings)
                              if warnings else "")

    def add_crossing(self) -> CrossingDialog:
        dialog = CrossingDialog(parent=self)
        dialog.accepted.connect(lambda: self._dialog_done(dialog))
        dialog.open()
        return dialog

    def edit_crossing(self) -> CrossingDialog | None:
        index = self.crossing_view.currentIndex()
        if not index.isValid():
            return None
        dialog = CrossingDialog(self.crossing_model.record(index.row()), parent=self)
        dialog.accepted.connect(lambda: self._dialog_done(dialog))
        dialog.open()
        return dialog

    def _dialog_done(self, dialog: CrossingDialog) -> None:
        if self.applicant_id is None or dialog.result_crossing is None:
            return
        self.service.save_crossing(self.applicant_id, dialog.result_crossing)
        self.refresh()
        self.crossings_changed.emit(self.applicant_id)

    def delete_crossings(self) -> None:
        rows = sorted({i.row() for i in self.crossing_view.selectionModel().selectedRows()})
        if self.applicant_id is None or not rows:
            return
        ids = [self.crossing_model.record(r).id for r in rows]
        self.service.delete_crossings([CrossingId(i) for i in ids if i is not None])
        self.refresh()
        self.crossings_changed.emit(self.applicant_id)
