"""The Travel tab: an applicant's border crossings, and what they mean for presence and tax residence."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import ConflictError, InputError
from core.i18n import _, ngettext
from core.records.identity import ApplicantId, Crossing, CrossingId
from core.services.facade import JuliuService
from ui.common.conflict_dialog import ConflictDialog
from ui.common.widgets import button_row, named, on_delete_key, record_table, select_source_row, source_row, source_rows
from ui.travel.crossing_dialog import CrossingDialog
from ui.travel.crossings_import_dialog import CrossingsImportDialog
from ui.travel.presence_chart import PresenceChartWidget
from ui.travel.presence_models import AbsenceTableModel, TaxYearTableModel, TravelCrossingTableModel
from ui.travel.rolling_years_widget import RollingYearsWidget
from ui.travel.what_if_widget import WhatIfWidget
from ui.undo import history_of

OK_STYLE, ERROR_STYLE = "color: #1b6e20", "color: #b00020"


def _panel(*widgets: QWidget | QLabel) -> QWidget:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        layout.addWidget(w)
    return panel


def _note(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setStyleSheet("color: #555")
    return label


class TravelTab(QWidget):
    crossings_changed = Signal(object)  # OpChanges, as the service reported them

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self._today = today
        self.applicant_id: ApplicantId | None = None
        self.conflict: ConflictDialog | None = None  # open when a save met a newer stored version
        self.crossing_model = TravelCrossingTableModel(self)
        self.year_model = TaxYearTableModel(self)
        self.absence_model = AbsenceTableModel(parent=self)
        self.crossing_view = record_table(self.crossing_model, "crossings")
        self.year_view = record_table(self.year_model, "years")
        self.absence_view = record_table(self.absence_model, "absences")
        self.chart = PresenceChartWidget(self)
        self.rolling = RollingYearsWidget(service, today, self)
        self.what_if = WhatIfWidget(service, today, self)
        self.warnings = named(QLabel(), "warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(ERROR_STYLE)
        self.status = named(QLabel(), "travel_status")
        self.status.setWordWrap(True)
        self.year_notes = named(QPlainTextEdit(), "year_notes")
        self.year_notes.setReadOnly(True)
        self.year_notes.setMaximumHeight(64)
        for view in (self.crossing_view, self.year_view, self.absence_view):
            view.verticalHeader().setDefaultSectionSize(24)
        self.year_view.columns.secondary = (6, 7, 8)  # the six-year columns and the note (also below) give way
        # The per-year table always shows its header and four years, whatever the chart takes (1366x768 laptops).
        self.year_view.setMinimumHeight(self.year_view.horizontalHeader().sizeHint().height() * 2 + 4 * 24 + 6)
        self.crossing_view.doubleClicked.connect(lambda _i: self.edit_crossing())
        on_delete_key(self.crossing_view, self.delete_crossings)
        self._what_if_stale = True
        self._build()

    def _build(self) -> None:
        row, self.buttons = button_row(
            ("add_crossing", _("Add…"), self.add_crossing),
            ("edit_crossing", _("Edit…"), self.edit_crossing),
            ("delete_crossing", _("Delete"), self.delete_crossings),
            ("import_crossings", _("Import…"), self.import_crossings),
            ("export_crossings", _("Export…"), self.export_crossings))
        crossings = _panel(QLabel(_("Border crossings 出入境记录 (local China dates; planned trips in blue italics)"),
                                  wordWrap=True), self.crossing_view)
        crossings_layout = crossings.layout()
        assert isinstance(crossings_layout, QVBoxLayout)
        crossings_layout.addLayout(row)
        crossings_layout.addWidget(self.status)
        crossings_layout.addWidget(self.warnings)
        per_year = QSplitter(Qt.Orientation.Vertical)
        per_year.addWidget(self.chart)
        conventions = _("Calendar days: any presence on a date. Full days: the whole 24 hours in mainland China "
                        "(TAX34); entry and exit dates do not count. Tax columns use full days; orange years are "
                        "borderline.")
        self.year_view.setToolTip(conventions)
        per_year.addWidget(_panel(self.year_view, self.year_notes, _note(_(
            "Full days = whole 24 h (TAX34); calendar days = any presence. Orange: borderline."))))
        per_year.setStretchFactor(0, 1)
        per_year.setStretchFactor(1, 1)
        per_year.setChildrenCollapsible(False)
        absences = _panel(self.absence_view, _note(_(
            "Full days outside = entry − exit − 1; date difference = entry − exit. An absence still open is "
            "measured as if the person came back tomorrow. Orange: 29–32 days, check by hand for the six-year "
            "rule.")))
        self.details = named(QTabWidget(), "travel_details")
        self.details.addTab(per_year, _("Per year 每年"))
        self.details.addTab(absences, _("Absences 离境"))
        self.details.addTab(self.rolling, _("Rolling years 滚动年度"))
        self.details.addTab(self.what_if, _("What-if 预测"))
        self.details.currentChanged.connect(lambda _i: self._refresh_what_if())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(crossings)
        split.addWidget(self.details)
        split.setSizes([430, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        if applicant_id != self.applicant_id:  # nothing said about the previous applicant stays
            self.status.setText("")
            self.what_if.custom_result.setText("")
            self.what_if.reason.setText("")
        self.applicant_id = applicant_id
        self.rolling.set_applicant(applicant_id, refresh=False)  # refresh() below refreshes it, once
        self.refresh()
        QTimer.singleShot(0, self.crossing_view.scrollToBottom)  # the latest and the planned crossings matter most

    def refresh(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(self.applicant_id is not None)
        config = self.service.travel.config()
        self.absence_model.review = (config.review_min_days, config.review_max_days)
        self.chart.set_threshold(config.rules.tax_resident.days, _("{days}: IIT resident ({source})").format(
            days=config.rules.tax_resident.days, source=config.rules.tax_resident.provenance.source))
        if self.applicant_id is None:
            for model in (self.crossing_model, self.year_model, self.absence_model):
                model.set_records([])
            self.chart.set_years([])
            self.warnings.setText("")
            self.year_notes.setPlainText("")
        else:
            crossings = self.service.list_crossings(self.applicant_id)  # read once for the table, report and warnings
            report = self.service.travel.report(self.applicant_id, self._today(), crossings=crossings, config=config)
            self.crossing_model.set_records(crossings)
            self.year_model.set_records(report.tax_years)
            notes = [f"{t.year}: {t.six_year.note}" for t in report.tax_years if t.six_year.note]
            self.year_notes.setPlainText("\n".join(notes))
            self.year_notes.setVisible(bool(notes))
            self.absence_model.set_records(report.absences)
            self.chart.set_years(report.tax_years)
            warnings = self.service.sequence_warnings(self.applicant_id, crossings)
            self.warnings.setText(_("Missing crossings (two in the same direction in a row): ") + "; ".join(warnings)
                                  if warnings else "")
        self.rolling.refresh()
        self._what_if_stale = True
        self._refresh_what_if()

    def _refresh_what_if(self) -> None:
        """Projections search ten years ahead for each condition: only while their tab is shown."""
        if self._what_if_stale and self.details.currentWidget() is self.what_if:
            self.what_if.set_applicant(self.applicant_id)
            self._what_if_stale = False

    def show_record(self, table: str, record_id: int) -> bool:
        """Select a crossing (the deadlines dashboard opens records this way)."""
        if table != "crossing":
            return False
        for row, record in enumerate(self.crossing_model.records()):
            if record.id == record_id:
                select_source_row(self.crossing_view, row)
                return True
        return False

    def _changed(self, mark: int) -> None:
        """Show the crossings again and pass on what the service says was written since `mark`."""
        self.refresh()
        changes = self.service.changes_since(mark)
        if changes:
            self.crossings_changed.emit(changes)

    # --- editing ----------------------------------------------------------------------------------------------
    def add_crossing(self) -> CrossingDialog:
        dialog = CrossingDialog(parent=self)
        dialog.accepted.connect(lambda: self._dialog_done(dialog))
        dialog.open()
        return dialog

    def edit_crossing(self) -> CrossingDialog | None:
        index = self.crossing_view.currentIndex()
        if not index.isValid():
            return None
        dialog = CrossingDialog(self.crossing_model.record(source_row(index)), parent=self)
        dialog.accepted.connect(lambda: self._dialog_done(dialog))
        dialog.open()
        return dialog

    def _dialog_done(self, dialog: CrossingDialog) -> None:
        self._save_crossing(dialog.result_crossing)

    def _save_crossing(self, crossing: Crossing | None) -> None:
        applicant_id = self.applicant_id
        if applicant_id is None or crossing is None:
            return
        history = history_of(self)
        before = history.before(crossing) if history is not None else None
        try:
            done = self.service.perform(lambda: self.service.save_crossing(applicant_id, crossing))
        except ConflictError as exc:  # someone else changed it since it was listed: reload, or overwrite knowingly
            mine = dataclasses.replace(crossing, version=exc.stored_version or 0)
            self.conflict = ConflictDialog(exc, self.refresh, lambda: self._save_crossing(mine), self)
            self.conflict.open()
            return
        if history is not None:
            history.saved(done.value, before, _("save a crossing"))
        self.refresh()
        if done.changes:
            self.crossings_changed.emit(done.changes)

    def delete_crossings(self) -> None:
        """Deletes the selected crossings as one undoable step (Ctrl+Z); asks first where there is no undo."""
        rows = source_rows(self.crossing_view)
        if self.applicant_id is None or not rows:
            return
        ids = [int(i) for i in (self.crossing_model.record(r).id for r in rows) if i is not None]
        history = history_of(self)
        if history is not None:
            history.delete("crossing", ids, ngettext("delete {n} crossing", "delete {n} crossings", len(ids)).format(
                n=len(ids)), self.applicant_id)
            self._say(ngettext("Deleted {n} crossing. Undo with Ctrl+Z.", "Deleted {n} crossings. Undo with Ctrl+Z.",
                               len(ids)).format(n=len(ids)), ok=True)
            return
        answer = QMessageBox.question(self, _("Delete crossings"), ngettext(
            "Delete {n} crossing?", "Delete {n} crossings?", len(ids)).format(n=len(ids)))
        if answer == QMessageBox.StandardButton.Yes:
            mark = self.service.change_mark()
            self.service.delete_crossings([CrossingId(i) for i in ids])
            self._changed(mark)

    # --- import and export ------------------------------------------------------------------------------------
    def import_crossings(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Import crossings"), "",
                                                    _("Crossings (*.csv *.xlsx);;All files (*)"))
        if name:
            self.open_import(Path(name))

    def open_import(self, path: Path) -> CrossingsImportDialog | None:
        """The preview and mapping dialog for a file, or None (with the reason shown) when it cannot be read."""
        if self.applicant_id is None:
            return None
        try:
            table, mapping = self.service.travel.read_import_file(path)
        except InputError as exc:
            self._say(str(exc), ok=False)
            return None
        dialog = CrossingsImportDialog(self.service, self.applicant_id, table, mapping, self._today(), self)
        mark = self.service.change_mark()
        dialog.accepted.connect(lambda: self._imported(dialog, mark))
        dialog.open()
        return dialog

    def _imported(self, dialog: CrossingsImportDialog, mark: int) -> None:
        plan = dialog.imported
        if plan is not None:
            self._say(_("Imported {accepted} crossings from {name}: {read} rows read, {skipped} already stored "
                        "(skipped), {rejected} rejected.").format(accepted=plan.accepted, name=Path(plan.source).name,
                                                                  read=plan.read, skipped=plan.skipped,
                                                                  rejected=plan.rejected), ok=True)
        self._changed(mark)
        QTimer.singleShot(0, self.crossing_view.scrollToBottom)

    def export_crossings(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Export crossings"), "crossings.csv",
                                                    _("CSV files (*.csv)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        if self.applicant_id is None:
            return False
        try:
            written = self.service.travel.export_csv(self.applicant_id, path)
        except OSError as exc:
            self._say(_("Export failed: {error}").format(error=exc), ok=False)
            return False
        self._say(_("Wrote {n} crossings to {path}").format(n=written, path=path), ok=True)
        return True

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
