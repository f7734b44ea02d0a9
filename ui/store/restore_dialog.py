"""File > Restore from a backup…: the backups beside the store, newest first; Verify checks one whole, Restore
replaces the store by it (the current store is backed up first)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QVBoxLayout

from core.i18n import _
from core.services.facade import JuliuService
from core.storage.recovery.backups import BackupInfo
from ui.common.table_models import RecordTableModel
from ui.common.widgets import button_row, named, record_table, source_row


def reason_label(reason: str) -> str:
    if reason.startswith("migrate-"):
        return _("before an upgrade 升级前")
    return {"daily": _("daily 每日"), "manual": _("by hand 手动"), "before-restore": _("before a restore 恢复前"),
            "before-import": _("before an import 导入前")}.get(reason, reason)


class RestoreDialog(QDialog):
    """Choose a backup; `chosen` is the file to restore when the dialog is accepted."""

    def __init__(self, service: JuliuService, parent: Any = None, other_folder: Path | None = None):
        super().__init__(parent)
        self.other_folder = other_folder or service.path.parent  # where "Other file…" starts: Back up…'s folder
        self.setObjectName("restore_dialog")
        self.setWindowTitle(_("Restore from a backup 从备份恢复"))
        self._service = service
        self.chosen: Path | None = None
        self.model: RecordTableModel[BackupInfo] = RecordTableModel([
            (_("Taken 备份时间"), lambda b: b.taken.strftime("%Y-%m-%d %H:%M:%S")),
            (_("Why 原因"), lambda b: reason_label(b.reason)),
            (_("Size 大小"), lambda b: f"{(b.size + 1023) // 1024:,} KiB"),
            (_("File 文件"), lambda b: b.path.name),
        ], self)
        self.view = record_table(self.model, "backups_table")
        self.status = named(QLabel(), "verify_state")
        self.status.setWordWrap(True)
        row, self.buttons = button_row(
            ("verify_backup", _("Verify 校验"), self.verify_selected),
            ("restore_selected", _("Restore… 恢复…"), self.restore_selected),
            ("restore_other", _("Other file… 其他文件…"), self.choose_other))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Restoring replaces all records by the backup's. The records as they are now are "
                                  "backed up first, so a restore can be undone.")))
        layout.addWidget(self.view)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(760, 420)
        self.model.set_records(service.list_backups())
        if not self.model.rowCount():  # a backup saved by hand is not listed here: say where to find it
            self.status.setText(_("No automatic backups yet. To restore one you saved with Back up…, choose "
                                  "Other file…"))

    def selected(self) -> Path | None:
        index = self.view.currentIndex()
        return self.model.record(source_row(index)).path if index.isValid() else None

    def verify_selected(self) -> bool:
        path = self.selected()
        if path is None:
            return False
        checked = self._service.verify_backup(path)
        if checked.ok:
            self.status.setText(_("{name}: good — schema version {version}, {n} applicants").format(
                name=path.name, version=checked.schema_version, n=checked.applicants))
        else:
            self.status.setText(_("{name}: NOT usable — {problems}").format(
                name=path.name, problems="; ".join(checked.problems)))
        return checked.ok

    def restore_selected(self) -> None:
        path = self.selected()
        if path is not None:
            self.confirm(path)

    def choose_other(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Restore from a backup 从备份恢复"),
                                                    str(self.other_folder), _("Juliu backups (*.sqlite3)"))
        if name:
            self.confirm(Path(name))

    def confirm(self, path: Path, ask: bool = True) -> None:
        checked = self._service.verify_backup(path)
        if not checked.ok:
            QMessageBox.critical(self, _("Restore from a backup 从备份恢复"),
                                 _("{name} cannot be restored: {problems}").format(
                                     name=path.name, problems="; ".join(checked.problems)))
            return
        if ask and QMessageBox.question(
                self, _("Restore from a backup 从备份恢复"),
                _("Replace all records by those of {name} ({n} applicants)?").format(
                    name=path.name, n=checked.applicants)) != QMessageBox.StandardButton.Yes:
            return
        self.chosen = path
        self.accept()
