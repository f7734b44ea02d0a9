"""File > History…: every change to the records, newest first, whether the SHA-256 chain is intact, and the
recycle bin (deleted records, put back with Restore until the setting's days have passed)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.field_labels import field_label, table_label
from core.i18n import _
from core.services.facade import JuliuService
from core.services.recovery.history_export import BOOKKEEPING, changed_fields
from core.storage.recovery.history import BinItem, Entry
from core.storage.sqlite.health import PermissionRefused
from ui.common.field_labels import shown_value
from ui.common.table_models import RecordTableModel
from ui.common.widgets import button_row, named, record_table, source_row
from ui.firm.staff_role import show_refused

SHOWN = 2000  # newest entries listed; `history verify` checks them all


def action_label(action: str) -> str:
    return {"insert": _("added 新增"), "update": _("changed 修改"), "delete": _("deleted 删除")}.get(action, action)


def changes(entry: Entry) -> str:
    """What changed, in a line: each changed field by its label, old → new (an insert or delete: what it held)."""
    fields = changed_fields(entry)
    if entry.action == "update":
        return "; ".join(f"{field_label(n)}: {shown_value(n, old)} → {shown_value(n, new)}" for n, old, new in fields)
    return "; ".join(f"{field_label(n)}: {shown_value(n, new if entry.action == 'insert' else old)}"
                     for n, old, new in fields)[:300]


class HistoryDialog(QDialog):
    """The history list with the chain's state, and the recycle bin."""

    def __init__(self, service: JuliuService, applicant_id: int | None = None, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(_("History 修改记录"))
        self._service = service
        self._applicant_id = applicant_id
        self.refused: QMessageBox | None = None  # the server's refusal, when this person's role may not restore
        self.names: dict[int, str] = {}
        self.chain_label = named(QLabel(), "chain_state")
        self.chain_label.setWordWrap(True)
        self.only_selected = named(QCheckBox(_("Only the selected applicant 仅显示所选申请人")), "only_selected")
        self.only_selected.setChecked(applicant_id is not None)
        self.only_selected.setEnabled(applicant_id is not None)
        self.only_selected.toggled.connect(lambda _checked: self.refresh())
        self.model: RecordTableModel[Entry] = RecordTableModel([
            (_("When 时间"), lambda e: e.at[:16].replace("T", " ")),
            (_("Who 操作人"), lambda e: e.who),
            (_("Client 客户"), self.client_name),
            (_("Record 记录"), lambda e: table_label(e.table)),
            (_("Action 操作"), lambda e: action_label(e.action)),
            (_("What changed 变更内容"), changes),
        ], self)
        self.view = record_table(self.model, "history_table")
        self.bin_model: RecordTableModel[BinItem] = RecordTableModel([
            (_("Deleted 删除时间"), lambda b: b.deleted_at[:16].replace("T", " ")),
            (_("Client 客户"), lambda b: self.names.get(b.applicant_id, f"#{b.applicant_id}")
                if b.applicant_id is not None else ""),
            (_("Record 记录"), lambda b: table_label(b.table)),
            (_("Content 内容"), lambda b: "; ".join(f"{field_label(k)}: {shown_value(k, v)}" for k, v in b.row.items()
                                                     if v not in (None, "") and k not in BOOKKEEPING)[:300]),
        ], self)
        self.bin_view = record_table(self.bin_model, "recycle_bin_table")
        bin_page = QWidget()
        bin_layout = QVBoxLayout(bin_page)
        bin_layout.addWidget(QLabel(_("Deleted records stay here for {days} days (setting recycle_bin_days), "
                                      "then they are purged.").format(days=service.settings()["recycle_bin_days"])))
        bin_layout.addWidget(self.bin_view)
        row, self.bin_buttons = button_row(("restore_deleted", _("Restore 恢复"), self.restore_selected))
        bin_layout.addLayout(row)
        history_page = QWidget()
        history_layout = QVBoxLayout(history_page)
        history_layout.addWidget(self.chain_label)
        history_layout.addWidget(self.only_selected)
        history_layout.addWidget(self.view)
        export_row, self.history_buttons = button_row(("export_history", _("Export CSV…"), self.export_csv))
        history_layout.addLayout(export_row)
        self.tabs = named(QTabWidget(), "history_tabs")
        self.tabs.addTab(history_page, _("History 修改记录"))
        self.tabs.addTab(bin_page, _("Recycle bin 回收站"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        self.refresh()

    def refresh(self) -> None:
        only = self._applicant_id if self.only_selected.isChecked() else None
        shown = self._service.history(only, SHOWN)
        self.names = self._service.changes.client_names(self._service.history())
        self.model.set_records(shown)
        self.bin_model.set_records(self._service.recycle_bin())
        report = self._service.verify_history()
        if report.intact:
            self.chain_label.setText(_("✔ The history is intact: {n} entries, each chained to the one before by "
                                       "SHA-256. Newest hash: {head}").format(n=report.entries, head=report.head[:16]))
            self.chain_label.setStyleSheet("color: #1b5e20;")
        else:
            self.chain_label.setText(_("✘ The history is broken at entry {id}: {reason}").format(
                id=report.broken_at, reason=report.reason))
            self.chain_label.setStyleSheet("color: #b71c1c; font-weight: bold;")

    def client_name(self, entry: Entry) -> str:
        if entry.applicant_id is None:
            return ""
        return self.names.get(entry.applicant_id) or f"#{entry.applicant_id}"

    def export_csv(self) -> Path | None:
        """The history shown (the selected client's, or everyone's) as CSV, one line per changed field."""
        only = self._applicant_id if self.only_selected.isChecked() else None
        name, _filter = QFileDialog.getSaveFileName(self, _("Export the history"), "history.csv",
                                                    _("CSV files (*.csv)"))
        if not name:
            return None
        path = Path(name)
        written = self._service.export_history(path, only)
        QMessageBox.information(self, _("History 修改记录"),
                                _("Wrote {n} history entries to {file}").format(n=written, file=path))
        return path

    def restore_selected(self) -> int:
        index = self.bin_view.currentIndex()
        if not index.isValid():
            return 0
        item = self.bin_model.record(source_row(index))
        try:
            restored = self._service.restore_deleted(item.id)
        except PermissionRefused as exc:  # a viewer on a firm database: the server refused, nothing was put back
            self.refused = show_refused(self, exc)
            return 0
        QMessageBox.information(self, _("Recycle bin 回收站"),
                                _("Put back {n} records.").format(n=restored))
        self.refresh()
        return restored
