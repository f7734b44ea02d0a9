"""File > History…: every change to the records, newest first, whether the SHA-256 chain is intact, and the
recycle bin (deleted records, put back with Restore until the setting's days have passed)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.services.facade import JuliuService
from core.storage.history import BinItem, Entry
from ui.common.table_models import RecordTableModel
from ui.common.widgets import button_row, named, record_table, source_row

SHOWN = 2000  # newest entries listed; `history verify` checks them all


def action_label(action: str) -> str:
    return {"insert": _("added 新增"), "update": _("changed 修改"), "delete": _("deleted 删除")}.get(action, action)


def changes(entry: Entry) -> str:
    """What changed, in a line: the fields whose values differ, before → after."""
    before, after = entry.before or {}, entry.after or {}
    if entry.action == "update":
        diffs = [f"{k}: {before.get(k)!s} → {after.get(k)!s}" for k in after if before.get(k) != after.get(k)]
        return "; ".join(diffs)
    row = after or before
    return ", ".join(f"{k}={v}" for k, v in row.items() if v not in (None, "") and k != "id")[:200]


class HistoryDialog(QDialog):
    """The history list with the chain's state, and the recycle bin."""

    def __init__(self, service: JuliuService, applicant_id: int | None = None, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(_("History 修改记录"))
        self._service = service
        self._applicant_id = applicant_id
        self.chain_label = named(QLabel(), "chain_state")
        self.chain_label.setWordWrap(True)
        self.only_selected = named(QCheckBox(_("Only the selected applicant 仅显示所选申请人")), "only_selected")
        self.only_selected.setChecked(applicant_id is not None)
        self.only_selected.setEnabled(applicant_id is not None)
        self.only_selected.toggled.connect(lambda _checked: self.refresh())
        self.model: RecordTableModel[Entry] = RecordTableModel([
            (_("When 时间"), lambda e: e.at.replace("T", " ")),
            (_("Who 操作人"), lambda e: e.who),
            (_("Applicant 申请人"), lambda e: e.applicant_id if e.applicant_id is not None else ""),
            (_("Record 记录"), lambda e: f"{e.table} #{e.row_id}"),
            (_("Action 操作"), lambda e: action_label(e.action)),
            (_("What changed 变更内容"), changes),
        ], self)
        self.view = record_table(self.model, "history_table")
        self.bin_model: RecordTableModel[BinItem] = RecordTableModel([
            (_("Deleted 删除时间"), lambda b: b.deleted_at.replace("T", " ")),
            (_("Applicant 申请人"), lambda b: b.applicant_id if b.applicant_id is not None else ""),
            (_("Record 记录"), lambda b: f"{b.table} #{b.row_id}"),
            (_("Content 内容"), lambda b: ", ".join(f"{k}={v}" for k, v in b.row.items()
                                                     if v not in (None, "") and k != "id")[:200]),
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
        self.model.set_records(self._service.history(only, SHOWN))
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

    def restore_selected(self) -> int:
        index = self.bin_view.currentIndex()
        if not index.isValid():
            return 0
        item = self.bin_model.record(source_row(index))
        restored = self._service.restore_deleted(item.id)
        QMessageBox.information(self, _("Recycle bin 回收站"),
                                _("Put back {n} records.").format(n=restored))
        self.refresh()
        return restored
