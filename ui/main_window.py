"""The main window: applicants on the left, the selected applicant's crossings and days present on the right."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.errors import InputError
from core.i18n import _
from core.model import Applicant, CrossingId
from core.render.fonts import FontNotFoundError
from core.services import JuliuService
from ui.applicant_dialog import ApplicantDialog
from ui.crossing_dialog import CrossingDialog
from ui.table_models import ApplicantTableModel, CrossingTableModel, YearCountTableModel


def _table(model: Any, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _buttons(*pairs: tuple[str, str, Callable[[], None]]) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    row, made = QHBoxLayout(), {}
    for name, label, slot in pairs:
        button = QPushButton(label, objectName=name)
        button.clicked.connect(slot)
        row.addWidget(button)
        made[name] = button
    row.addStretch(1)
    return row, made


class MainWindow(QMainWindow):
    applicant_saved = Signal(int)
    crossings_changed = Signal(int)

    def __init__(self, service: JuliuService, today: Callable[[], dt.date] = dt.date.today, parent: Any = None):
        super().__init__(parent)
        self.service = service
        self._today = today
        self.setWindowTitle(_("Juliu 居留 — residence records"))
        self.applicant_model = ApplicantTableModel(self)
        self.crossing_model = CrossingTableModel(self)
        self.year_model = YearCountTableModel(self)
        self.applicant_view = _table(self.applicant_model, "applicants")
        self.crossing_view = _table(self.crossing_model, "crossings")
        self.year_view = _table(self.year_model, "years")
        self.header = QLabel(objectName="header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.warnings = QLabel(objectName="warnings", wordWrap=True)
        self.warnings.setStyleSheet("color: #b00020")
        self._build()
        self._menus()
        self.applicant_view.selectionModel().currentRowChanged.connect(self._applicant_changed)
        self.applicant_view.doubleClicked.connect(lambda _i: self.edit_applicant())
        self.crossing_view.doubleClicked.connect(lambda _i: self.edit_crossing())
        self.refresh_applicants()
        self.resize(1100, 640)

    # --- layout -----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel(_("Applicants 申请人")))
        lv.addWidget(self.applicant_view)
        row, self.applicant_buttons = _buttons(
            ("add_applicant", _("Add…"), self.add_applicant),
            ("edit_applicant", _("Edit…"), self.edit_applicant),
            ("delete_applicant", _("Delete"), self.delete_applicant))
        lv.addLayout(row)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.header)
        split = QSplitter(Qt.Orientation.Horizontal)
        crossings = QWidget()
        cv = QVBoxLayout(crossings)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(QLabel(_("Border crossings 出入境记录 (local China dates)")))
        cv.addWidget(self.crossing_view)
        row, self.crossing_buttons = _buttons(
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
        split.setSizes([560, 300])
        rv.addWidget(split)
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(left)
        outer.addWidget(right)
        outer.setSizes([330, 770])
        self.setCentralWidget(outer)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.export_action = QAction(_("Export summary PDF…"), self, objectName="export_summary")
        self.export_action.triggered.connect(self._export_summary_clicked)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    # --- state ------------------------------------------------------------------------------------------------
    def current_applicant(self) -> Applicant | None:
        index = self.applicant_view.currentIndex()
        return self.applicant_model.record(index.row()) if index.isValid() else None

    def refresh_applicants(self, select_id: int | None = None) -> None:
        current = self.current_applicant()
        keep = select_id if select_id is not None else (current.id if current else None)
        self.applicant_model.set_records(self.service.list_applicants())
        rows = [i for i, a in enumerate(self.applicant_model.records()) if a.id == keep]
        if rows or self.applicant_model.rowCount():
            self.applicant_view.selectRow(rows[0] if rows else 0)
        self.refresh_details()

    def refresh_details(self) -> None:
        applicant = self.current_applicant()
        has = applicant is not None and applicant.id is not None
        for button in (*self.crossing_buttons.values(), self.applicant_buttons["edit_applicant"],
                       self.applicant_buttons["delete_applicant"]):
            button.setEnabled(has)
        self.export_action.setEnabled(has)
        if applicant is None or applicant.id is None:
            self.header.setText(_("No applicant selected. Add one to start."))
            self.crossing_model.set_records([])
            self.year_model.set_records([])
            self.warnings.setText("")
            return
        passports = self.service.list_passports(applicant.id)
        passport = (_("passport {number}, valid until {date}").format(
            number=passports[0].number, date=passports[0].expiry_date.isoformat()) if passports else _("no passport"))
        self.header.setText(f"<h2>{applicant.chinese_name} {applicant.latin_name}</h2>"
                            f"<span>{applicant.nationality} · {applicant.city} · {passport}</span>")
        self.crossing_model.set_records(self.service.list_crossings(applicant.id))
        self.year_model.set_records(self.service.year_counts(applicant.id, self._today()))
        warnings = self.service.sequence_warnings(applicant.id)
        self.warnings.setText(_("Missing crossings (two in the same direction in a row): ") + "; ".join(warnings)
                              if warnings else "")

    def _applicant_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.refresh_details()

    # --- actions ----------------------------------------------------------------------------------------------
    def add_applicant(self) -> ApplicantDialog:
        dialog = ApplicantDialog(self.service, parent=self)
        dialog.accepted.connect(lambda: self._applicant_dialog_done(dialog))
        dialog.open()
        return dialog

    def edit_applicant(self) -> ApplicantDialog | None:
        applicant = self.current_applicant()
        if applicant is None or applicant.id is None:
            return None
        passports = self.service.list_passports(applicant.id)
        dialog = ApplicantDialog(self.service, applicant, passports[0] if passports else None, parent=self)
        dialog.accepted.connect(lambda: self._applicant_dialog_done(dialog))
        dialog.open()
        return dialog

    def _applicant_dialog_done(self, dialog: ApplicantDialog) -> None:
        if dialog.saved is not None and dialog.saved.id is not None:
            self.refresh_applicants(select_id=dialog.saved.id)
            self.applicant_saved.emit(dialog.saved.id)

    def delete_applicant(self) -> None:
        applicant = self.current_applicant()
        if applicant is None or applicant.id is None:
            return
        answer = QMessageBox.question(self, _("Delete applicant"), _(
            "Delete {name} and all their records? A backup is kept only if you made one.").format(
            name=applicant.latin_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.service.delete_applicant(applicant.id)
            self.refresh_applicants()

    def add_crossing(self) -> CrossingDialog:
        dialog = CrossingDialog(parent=self)
        dialog.accepted.connect(lambda: self._crossing_dialog_done(dialog))
        dialog.open()
        return dialog

    def edit_crossing(self) -> CrossingDialog | None:
        index = self.crossing_view.currentIndex()
        if not index.isValid():
            return None
        dialog = CrossingDialog(self.crossing_model.record(index.row()), parent=self)
        dialog.accepted.connect(lambda: self._crossing_dialog_done(dialog))
        dialog.open()
        return dialog

    def _crossing_dialog_done(self, dialog: CrossingDialog) -> None:
        applicant = self.current_applicant()
        if applicant is None or applicant.id is None or dialog.result_crossing is None:
            return
        self.service.save_crossing(applicant.id, dialog.result_crossing)
        self.refresh_details()
        self.crossings_changed.emit(applicant.id)

    def delete_crossings(self) -> None:
        applicant = self.current_applicant()
        rows = sorted({i.row() for i in self.crossing_view.selectionModel().selectedRows()})
        if applicant is None or applicant.id is None or not rows:
            return
        ids = [self.crossing_model.record(r).id for r in rows]
        self.service.delete_crossings([CrossingId(i) for i in ids if i is not None])
        self.refresh_details()
        self.crossings_changed.emit(applicant.id)

    def _export_summary_clicked(self) -> None:
        applicant = self.current_applicant()
        if applicant is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export summary PDF"), f"{applicant.family_name}-summary.pdf", _("PDF files (*.pdf)"))
        if name:
            self.export_summary(Path(name))

    def export_summary(self, path: Path) -> bool:
        applicant = self.current_applicant()
        if applicant is None or applicant.id is None:
            return False
        try:
            self.service.export_summary_pdf(applicant.id, path, self._today())
        except (FontNotFoundError, InputError, OSError) as exc:
            QMessageBox.critical(self, _("Export failed"), str(exc))
            return False
        self.statusBar().showMessage(_("Saved {path}").format(path=path), 8000)
        return True
