"""The common shape of a per-applicant record tab: a table, Add/Edit/Delete, dialogs that save via the service."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from core.i18n import _
from core.records.identity import ApplicantId
from core.services.facade import JuliuService
from core.services.recovery.changes import Snapshot, table_of
from ui.common.table_models import RecordTableModel
from ui.common.widgets import button_row, on_delete_key, record_table, select_source_row, source_row
from ui.records.record_dialog import RecordDialog
from ui.undo import history_of

R = TypeVar("R")


class RecordListTab(QWidget, Generic[R]):
    """Subclasses give columns, how to list, a dialog for a record (None = new) and how to delete."""

    records_changed = Signal(object)  # the OpChanges the service reported for a save or delete
    table_name = "record"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], heading: str,
                 columns: list[tuple[str, Callable[[R], object]]], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self._today = today
        self.applicant_id: ApplicantId | None = None
        self.model: RecordTableModel[R] = RecordTableModel(columns, self)
        self.view = record_table(self.model, f"{self.table_name}s")
        self.view.doubleClicked.connect(lambda _i: self.edit())
        on_delete_key(self.view, self.delete)
        self.heading = heading
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(QLabel(heading))
        self.layout_.addWidget(self.view)
        row, self.buttons = button_row((f"add_{self.table_name}", _("Add…"), self.add),
                                       (f"edit_{self.table_name}", _("Edit…"), self.edit),
                                       (f"delete_{self.table_name}", _("Delete"), self.delete))
        self.layout_.addLayout(row)

    # --- to implement -----------------------------------------------------------------------------------------
    def list_records(self, applicant_id: ApplicantId) -> list[R]:
        raise NotImplementedError

    def dialog(self, record: R | None) -> RecordDialog[R]:
        raise NotImplementedError

    def delete_record(self, record: R) -> None:
        raise NotImplementedError

    # --- behaviour --------------------------------------------------------------------------------------------
    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        self.applicant_id = applicant_id
        self.refresh()

    def refresh(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(self.applicant_id is not None)
        self.model.set_records(self.list_records(self.applicant_id) if self.applicant_id is not None else [])

    def selected(self) -> R | None:
        index = self.view.currentIndex()
        return self.model.record(source_row(index)) if index.isValid() else None

    def add(self) -> RecordDialog[R] | None:
        return self._open(None) if self.applicant_id is not None else None

    def edit(self) -> RecordDialog[R] | None:
        record = self.selected()
        return self._open(record) if record is not None else None

    def _open(self, record: R | None) -> RecordDialog[R]:
        dialog = self.dialog(record)
        history = history_of(self)
        before = history.before(record) if history is not None and record is not None else None
        mark = self.service.change_mark()  # what the dialog writes (its scans too) is what changed
        dialog.accepted.connect(lambda: self._saved(dialog, before, mark))
        dialog.reloaded.connect(lambda _stored: self.changed(mark))  # another's save won: show what is stored now
        dialog.open()
        return dialog

    def _saved(self, dialog: RecordDialog[R], before: Snapshot | None, mark: int) -> None:
        history = history_of(self)
        if history is not None and dialog.saved is not None:
            history.saved(dialog.saved, before, _("save in {where}").format(where=self.heading))
        self.changed(mark)

    def changed(self, mark: int) -> None:
        """Show the records again and pass on what the service says was written since `mark`."""
        self.refresh()
        changes = self.service.changes_since(mark)
        if changes:
            self.records_changed.emit(changes)

    def delete(self) -> None:
        """An undoable step when the window keeps a history; otherwise only after asking."""
        record = self.selected()
        if record is None:
            return
        history = history_of(self)
        record_id = getattr(record, "id", None)
        if history is not None and record_id is not None:
            history.delete(table_of(record), [int(record_id)], _("delete in {where}").format(where=self.heading),
                           self.applicant_id, [int(getattr(record, "version", 0))])
            return
        answer = QMessageBox.question(self, _("Delete"), _("Delete the selected record?"))
        if answer == QMessageBox.StandardButton.Yes:
            mark = self.service.change_mark()
            self.delete_record(record)
            self.changed(mark)

    def show_record(self, table: str, record_id: int) -> bool:
        """Select the record `table`/`record_id` if this tab lists it (double-click on the dashboard)."""
        if table != self.table_name:
            return False
        for row, record in enumerate(self.model.records()):
            if getattr(record, "id", None) == record_id:
                select_source_row(self.view, row)
                return True
        return False
