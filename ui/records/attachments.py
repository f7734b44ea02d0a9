"""Scans of a document or passport: a list that takes files by button or by drag and drop, and opens a copy
in the system viewer. Without an owner yet (a new document) the files wait and are attached after saving."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from core.errors import InputError
from core.i18n import _
from core.records.identity import PassportId
from core.records.model import Attachment, AttachmentId, DocumentId, MediaType
from core.services.facade import JuliuService
from ui.common.table_models import RecordTableModel
from ui.common.widgets import button_row, on_delete_key, record_table, source_row
from ui.undo import history_of

FILE_FILTER = "Scans (*.pdf *.jpg *.jpeg *.png)"


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


def local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


class AttachmentsPanel(QWidget):
    attachments_changed = Signal()

    def __init__(self, service: JuliuService, parent: Any = None, *, pending_allowed: bool = False):
        super().__init__(parent)
        self.service = service
        self.document_id: DocumentId | None = None
        self.passport_id: PassportId | None = None
        self.pending: list[Path] = []  # files dropped before the document exists
        self.enabled_without_owner = pending_allowed
        self.read_only = False  # a viewer on a firm database: nothing attached or removed, no drops
        self.model: RecordTableModel[Attachment | Path] = RecordTableModel([
            (_("Scan"), lambda a: a.name),
            (_("Type"), lambda a: a.media_type.value if isinstance(a, Attachment) else _("to attach on save")),
            (_("Size"), lambda a: _size(a.size) if isinstance(a, Attachment) else ""),
            (_("SHA-256"), lambda a: a.sha256[:12] + "…" if isinstance(a, Attachment) else "")], self)
        self.view = record_table(self.model, "attachments")
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        on_delete_key(self.view, self.remove_selected)
        self.hint = QLabel(_("Drop PDF, JPEG or PNG scans here 拖放扫描件到此处"))
        self.hint.setStyleSheet("color: #555")
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.view)
        row, self.buttons = button_row(("attach", _("Attach…"), self.choose_files),
                                       ("open_attachment", _("Open"), self.open_selected),
                                       ("remove_attachment", _("Remove"), self.remove_selected))
        layout.addLayout(row)
        self.refresh()

    def set_owner(self, *, document_id: DocumentId | None = None, passport_id: PassportId | None = None) -> None:
        self.document_id, self.passport_id = document_id, passport_id
        self.refresh()

    def has_owner(self) -> bool:
        return self.document_id is not None or self.passport_id is not None

    def refresh(self) -> None:
        stored: list[Attachment | Path] = list(self.service.records.list_attachments(
            document_id=self.document_id, passport_id=self.passport_id)) if self.has_owner() else []
        self.model.set_records([*stored, *self.pending])
        active = (self.has_owner() or self.enabled_without_owner) and not self.read_only
        self.buttons["attach"].setEnabled(active)
        self.setAcceptDrops(active)

    # --- adding -----------------------------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _f = QFileDialog.getOpenFileNames(self, _("Attach scans"), "", FILE_FILTER)
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> list[Attachment]:
        """Attach now when the owner exists, else keep for `attach_pending`; errors are shown, not raised."""
        if not self.has_owner():
            self.pending += paths
            self.refresh()
            return []
        added, errors = [], []
        for path in paths:
            try:
                added.append(self.service.records.attach_file(path, document_id=self.document_id,
                                                              passport_id=self.passport_id))
            except InputError as exc:
                errors.append(str(exc))
        self.refresh()
        if added:
            self.attachments_changed.emit()
        if errors:
            QMessageBox.warning(self, _("Not attached"), "\n".join(errors))
        return added

    def attach_pending(self, document_id: DocumentId) -> list[Attachment]:
        paths, self.pending = self.pending, []
        self.set_owner(document_id=document_id)
        return self.add_files(paths)

    def set_read_only(self, tooltip: str) -> None:
        """A viewer's panel (ui.firm.staff_role): scans open, none is attached, dropped or removed."""
        self.read_only = True
        self.setAcceptDrops(False)
        self.hint.setText(tooltip)
        self.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event)
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # --- viewing and removing ---------------------------------------------------------------------------------
    def selected(self) -> Attachment | Path | None:
        index = self.view.currentIndex()
        return self.model.record(source_row(index)) if index.isValid() else None

    def open_selected(self) -> Path | None:
        """Write a temporary copy and hand it to the system viewer (the database keeps the original)."""
        item = self.selected()
        if item is None:
            return None
        if isinstance(item, Path):
            path = item
        else:
            path = self.service.records.export_attachment(item)  # private, removed when Juliu exits
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def remove_selected(self) -> None:
        item = self.selected()
        if isinstance(item, Path):
            self.pending.remove(item)
        elif item is not None and item.id is not None:
            history = history_of(self)
            if history is not None:
                history.delete("attachment", [int(item.id)], _("remove scan {name}").format(name=item.name), None)
            elif QMessageBox.question(self, _("Remove"), _("Remove the scan {name}?").format(
                    name=item.name)) == QMessageBox.StandardButton.Yes:
                self.service.records.delete_attachment(AttachmentId(item.id))
            self.attachments_changed.emit()
        self.refresh()


__all__ = ["AttachmentsPanel", "MediaType"]
