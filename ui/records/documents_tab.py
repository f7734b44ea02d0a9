"""The Documents tab: passports and every other document (DOMAIN §7.4), with the scans of the selected one."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from core.i18n import _, current_locale
from core.records.documents import KIND_NAMES, usable_until
from core.records.identity import ApplicantId, Passport, PassportId
from core.records.model import Document, DocumentId, DocumentKind
from core.services.facade import JuliuService
from core.services.recovery.changes import Snapshot
from ui.common.table_models import RecordTableModel
from ui.common.widgets import button_row, named, on_delete_key, record_table, select_source_row, source_row
from ui.records.attachments import AttachmentsPanel
from ui.records.document_dialog import DocumentDialog, PassportDialog, subtype_text
from ui.records.record_tab import RecordListTab
from ui.undo import history_of


class DocumentList(RecordListTab[Document]):
    table_name = "document"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        rules = service.records.rules.validity

        def usable(d: Document) -> str:
            found = usable_until(d, rules)
            return found[0].isoformat() if found else ""

        super().__init__(service, today, _("Documents 证件与材料"), [
            (_("Kind"), lambda d: _kind_text(d.kind)),
            (_("Type"), lambda d: subtype_text(d.kind, d.subtype) if d.subtype else ""),
            (_("Number"), lambda d: d.number),
            (_("Valid until"), lambda d: d.expiry_date.isoformat() if d.expiry_date else ""),
            (_("Usable until"), usable),
            (_("Issued"), lambda d: d.issue_date.isoformat() if d.issue_date else ""),
            (_("Issued by"), lambda d: " ".join(filter(None, [d.issuing_country, d.issuing_authority]))),
            (_("Notes"), lambda d: d.notes),
        ], parent)
        columns = self.view.columns  # dates before the long issuer; kind and type narrower (1366 px)
        columns.caps.update({0: 190, 1: 100})
        columns.stretch = 0  # the kind (both languages) takes the room left; issuer and notes give way, then the type
        columns.secondary = (1, 6, 7)

    def list_records(self, applicant_id: ApplicantId) -> list[Document]:
        return self.service.records.list_documents(applicant_id)

    def dialog(self, record: Document | None) -> DocumentDialog:
        assert self.applicant_id is not None
        return DocumentDialog(self.service, self.applicant_id, record, self)

    def delete_record(self, record: Document) -> None:
        self.service.records.delete_document(DocumentId(record.id or 0))


class DocumentsTab(QWidget):
    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self.applicant_id: ApplicantId | None = None
        self._today = today
        self.documents = DocumentList(service, today, self)
        self.records_changed = self.documents.records_changed
        self.passport_model: RecordTableModel[Passport] = RecordTableModel([
            (_("Passport number"), lambda p: p.number), (_("Country"), lambda p: p.issuing_country),
            (_("Issued"), lambda p: p.issue_date.isoformat() if p.issue_date else ""),
            (_("Valid until"), lambda p: p.expiry_date.isoformat())], self)
        self.passport_view = record_table(self.passport_model, "passports")
        self.passport_view.doubleClicked.connect(lambda _i: self.edit_passport())
        on_delete_key(self.passport_view, self.delete_passport)
        self.scans = AttachmentsPanel(service, self)
        self.scan_heading = named(QLabel(), "scan_heading")
        self.passport_view.selectionModel().currentRowChanged.connect(self._passport_selected)
        self.documents.view.selectionModel().currentRowChanged.connect(self._document_selected)
        self.documents.records_changed.connect(lambda _i: self._document_selected(
            self.documents.view.currentIndex(), QModelIndex()))
        self._build()

    def _build(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(_("Passports 护照")))
        lv.addWidget(self.passport_view, 1)
        row, self.passport_buttons = button_row(("add_passport", _("Add…"), self.add_passport),
                                                ("edit_passport", _("Edit…"), self.edit_passport),
                                                ("delete_passport", _("Delete"), self.delete_passport))
        lv.addLayout(row)
        lv.addWidget(self.documents, 3)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.scan_heading)
        rv.addWidget(self.scans)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([760, 240])
        QVBoxLayout(self).addWidget(split)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        """Another applicant clears the scans pane; the same one (a refresh after an undo) keeps what is shown."""
        same = applicant_id == self.applicant_id and applicant_id is not None
        self.applicant_id = applicant_id
        self.documents.set_applicant(applicant_id)
        self.refresh_passports()
        if same:
            self.scans.refresh()
            return
        self.scans.set_owner()
        self.scan_heading.setText(_("Select a passport or document to see its scans"))

    def refresh_passports(self) -> None:
        for b in self.passport_buttons.values():
            b.setEnabled(self.applicant_id is not None)
        self.passport_model.set_records(self.service.list_passports(self.applicant_id)
                                        if self.applicant_id is not None else [])

    def _passport_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            p = self.passport_model.record(source_row(current))
            self.scans.set_owner(passport_id=PassportId(p.id or 0))
            self.scan_heading.setText(_("Scans of passport {number}").format(number=p.number))

    def _document_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            d = self.documents.model.record(source_row(current))
            self.scans.set_owner(document_id=DocumentId(d.id or 0))
            zh, en = KIND_NAMES[d.kind]
            self.scan_heading.setText(_("Scans of {kind} {number}").format(
                kind=zh if current_locale().startswith("zh") else en, number=d.number).strip())

    def add_passport(self) -> PassportDialog | None:
        return self._passport_dialog(None) if self.applicant_id is not None else None

    def edit_passport(self) -> PassportDialog | None:
        index = self.passport_view.currentIndex()
        return self._passport_dialog(self.passport_model.record(source_row(index))) if index.isValid() else None

    def _passport_dialog(self, passport: Passport | None) -> PassportDialog:
        assert self.applicant_id is not None
        dialog = PassportDialog(self.service, self.applicant_id, passport, self, today=self._today)
        history = history_of(self)
        before = history.before(passport) if history is not None and passport is not None else None
        mark = self.service.change_mark()
        dialog.accepted.connect(lambda: self._passport_saved(dialog, before, mark))
        dialog.open()
        return dialog

    def _passport_saved(self, dialog: PassportDialog, before: Snapshot | None, mark: int) -> None:
        history = history_of(self)
        if history is not None and dialog.saved is not None:
            history.saved(dialog.saved, before, _("save a passport"))
        self._passport_saved_plain(mark)

    def delete_passport(self) -> None:
        """An undoable step (the passport's scans go with it and come back with it); asks where there is no undo."""
        index = self.passport_view.currentIndex()
        if not index.isValid() or self.applicant_id is None:
            return
        passport = self.passport_model.record(index.row())
        history = history_of(self)
        if history is not None:
            history.delete("passport", [int(passport.id or 0)], _("delete passport {number}").format(
                number=passport.number), self.applicant_id, [passport.version])
            return
        answer = QMessageBox.question(self, _("Delete"), _("Delete passport {number} and its scans?").format(
            number=passport.number))
        if answer == QMessageBox.StandardButton.Yes:
            mark = self.service.change_mark()
            self.service.snapshots.delete("passport", [int(passport.id or 0)])
            self._passport_saved_plain(mark)

    def _passport_saved_plain(self, mark: int) -> None:
        self.refresh_passports()
        changes = self.service.changes_since(mark)
        if changes:
            self.records_changed.emit(changes)

    def show_record(self, table: str, record_id: int) -> bool:
        if table == "passport":
            for row, p in enumerate(self.passport_model.records()):
                if p.id == record_id:
                    select_source_row(self.passport_view, row)
                    return True
            return False
        return self.documents.show_record(table, record_id)


def _kind_text(kind: DocumentKind) -> str:
    """Both names, the interface's language first: a narrow column cuts the second (its tooltip has both)."""
    zh, en = KIND_NAMES[kind]
    return f"{zh} {en}" if current_locale().startswith("zh") else f"{en} {zh}"
