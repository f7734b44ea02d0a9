"""Add or edit a document (DOMAIN §7.4 kinds) with its scans; the scans dropped here are attached on save."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox

from core.errors import Problem
from core.i18n import _
from core.records.documents import document_label, kind_label, subtype_choices, subtype_names
from core.records.identity import ApplicantId, Passport, PassportId
from core.records.model import Document, DocumentId, DocumentKind
from core.records.mrz import MrzError, MrzPassport
from core.services.facade import JuliuService
from ui.common.fields import DateField
from ui.common.widgets import named
from ui.records.attachments import AttachmentsPanel
from ui.records.record_dialog import RecordDialog, enum_combo, line, select_data


def subtype_text(kind: DocumentKind, value: str) -> str:
    names = subtype_names(kind, value)
    if names is not None:
        zh, en = names
        return f"{en} {zh}"
    return _("Category {c}").format(c=value) + f" {value}类"


class DocumentDialog(RecordDialog[Document]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, document: Document | None,
                 parent: Any = None):
        super().__init__(_("Edit document") if document else _("New document"), service.records.save_document,
                         parent)
        self._doc, self._applicant_id = document, applicant_id
        self.kind = self.row(_("Kind 种类"), enum_combo(DocumentKind, "kind", lambda k: kind_label(DocumentKind(k))))
        self.subtype = self.row(_("Type / category 类别"), named(QComboBox(), "subtype"))
        self.number = self.row(_("Number 号码"), line("number"))
        self.country = self.row(_("Issuing country (ISO code)"), line("issuing_country", placeholder="GBR, USA …"))
        self.authority = self.row(_("Issuing authority 签发机关"), line("issuing_authority"))
        self.issue = self.row(_("Date of issue 签发日期"), DateField("issue_date", parent=self))
        self.expiry = self.row(_("Valid until 有效期至"), DateField("expiry_date", parent=self))
        self.passport = self.row(_("In passport 所在护照"), named(QComboBox(), "passport_id"))
        self.related = self.row(_("Certifies 所认证文件"), named(QComboBox(), "related_id"))
        self.notes = self.row(_("Notes"), line("notes"))
        self.scans = AttachmentsPanel(service, self, pending_allowed=True)
        self.row(_("Scans 扫描件"), self.scans)
        self.finish_layout()
        self.passport.addItem("—", None)
        for p in service.list_passports(applicant_id):
            self.passport.addItem(f"{p.number} ({p.expiry_date})", p.id)
        self.related.addItem("—", None)
        for other in service.records.list_documents(applicant_id):
            if document is None or other.id != document.id:
                self.related.addItem(document_label(other), other.id)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if document:
            self._load(document)
            self.scans.set_owner(document_id=document.id)
        self._kind_changed()
        if document:
            select_data(self.subtype, document.subtype)
        self.resize(560, 640)

    def _load(self, d: Document) -> None:
        select_data(self.kind, d.kind)
        for edit, value in ((self.number, d.number), (self.country, d.issuing_country),
                            (self.authority, d.issuing_authority), (self.notes, d.notes)):
            edit.setText(value)
        self.issue.set_date(d.issue_date)
        self.expiry.set_date(d.expiry_date)
        select_data(self.passport, d.passport_id)
        select_data(self.related, d.related_id)

    def _kind_changed(self) -> None:
        kind = DocumentKind(self.kind.currentData())
        current = self.subtype.currentData()
        self.subtype.clear()
        self.subtype.addItem("—", "")
        for value in subtype_choices(kind):
            self.subtype.addItem(subtype_text(kind, value), value)
        select_data(self.subtype, current)
        self.subtype.setEnabled(self.subtype.count() > 1)

    def build(self, problems: list[Problem]) -> Document:
        base = self._doc or Document(self._applicant_id, DocumentKind.OTHER)
        passport, related = self.passport.currentData(), self.related.currentData()
        return dataclasses.replace(
            base, kind=DocumentKind(self.kind.currentData()), subtype=str(self.subtype.currentData() or ""),
            number=self.number.text().strip(), issuing_country=self.country.text().strip().upper(),
            issuing_authority=self.authority.text().strip(), issue_date=self.issue.value(problems),
            expiry_date=self.expiry.value(problems), notes=self.notes.text().strip(),
            passport_id=PassportId(passport) if passport is not None else None,
            related_id=DocumentId(related) if related is not None else None)

    def after_save(self, saved: Any) -> None:
        if isinstance(saved, Document) and saved.id is not None and self.scans.pending:
            self.scans.attach_pending(saved.id)


class PassportDialog(RecordDialog[Passport]):
    """Passports are their own records (core.records.identity.Passport); a new one starts the 10-day RP change duty."""

    def __init__(self, service: JuliuService, applicant_id: ApplicantId, passport: Passport | None,
                 parent: Any = None, today: Callable[[], dt.date] = dt.date.today):
        super().__init__(_("Edit passport") if passport else _("New passport"), service.save_passport, parent)
        self._passport, self._applicant_id = passport, applicant_id
        self.number = self.row(_("Passport number"), line("number"), required=True)
        self.country = self.row(_("Issuing country (ISO code)"), line("issuing_country"))
        self.issue = self.row(_("Date of issue"), DateField("issue_date", parent=self))
        self.expiry = self.row(_("Date of expiry"), DateField("expiry_date", required=True, parent=self),
                               required=True)
        from ui.intake.mrz_panel import MrzPanel  # the MRZ reader (and its scan preview) loads with this dialog

        self.mrz = MrzPanel(today, self, self)  # a renewed passport: its MRZ fills and checks the number
        self.mrz.read.connect(self.fill_from_mrz)
        self.form.addRow(self.mrz)
        self.finish_layout()
        if passport:
            self.number.setText(passport.number)
            self.country.setText(passport.issuing_country)
            self.issue.set_date(passport.issue_date)
            self.expiry.set_date(passport.expiry_date)

    def fill_from_mrz(self, zone: MrzPassport) -> None:
        self.number.setText(zone.number)
        self.country.setText(zone.iso_nationality if zone.issuing_state == zone.nationality else zone.issuing_state)
        self.expiry.set_date(zone.expiry_date)

    def build(self, problems: list[Problem]) -> Passport:
        try:
            self.mrz.zone()
        except MrzError as exc:
            problems.extend(exc.problems)
        if (wrong := self.mrz.number_problem(self.number.text().strip())) is not None:
            problems.append(wrong)
        issue, expiry = self.issue.value(problems), self.expiry.value(problems)
        base = self._passport or Passport(self._applicant_id, "", "", None, expiry or dt.date.min)
        return dataclasses.replace(base, number=self.number.text().strip(),
                                   issuing_country=self.country.text().strip().upper(), issue_date=issue,
                                   expiry_date=expiry or base.expiry_date)
