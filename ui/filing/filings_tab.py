"""The Filings tab: applications from preparation to decision, with the expected decision date (DOMAIN §8)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from core.errors import Problem
from core.i18n import _
from core.records.identity import ApplicantId
from core.records.model import Decision, Filing, FilingKind, FilingStatus
from core.services.facade import JuliuService
from ui.common.fields import DateField
from ui.common.labels import label
from ui.common.widgets import named
from ui.records.record_dialog import RecordDialog, enum_combo, line, select_data
from ui.records.record_tab import RecordListTab


class FilingDialog(RecordDialog[Filing]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, filing: Filing | None, parent: Any = None):
        super().__init__(_("Edit filing") if filing else _("New filing"), service.records.save_filing, parent)
        self._filing = filing
        self._applicant_id = applicant_id
        self.kind = self.row(_("Kind 申请类别"), enum_combo(FilingKind, "kind"))
        self.city = self.row(_("City 城市"), line("city", placeholder=_("e.g. Beijing")))
        self.status = self.row(_("Status 状态"), enum_combo(FilingStatus, "status"))
        self.filing_date = self.row(_("Filing date (intended while preparing)"), DateField("filing_date", parent=self))
        self.accepted_on = self.row(_("Accepted on 受理日期"), DateField("accepted_date", parent=self))
        self.decision = self.row(_("Decision 结果"), enum_combo(Decision, "decision"))
        self.decision_date = self.row(_("Decided on"), DateField("decision_date", parent=self))
        self.notes = self.row(_("Notes"), line("notes"))
        self.finish_layout()
        if filing:
            select_data(self.kind, filing.kind)
            self.city.setText(filing.city)
            select_data(self.status, filing.status)
            self.filing_date.set_date(filing.filing_date)
            self.accepted_on.set_date(filing.accepted_date)
            select_data(self.decision, filing.decision)
            self.decision_date.set_date(filing.decision_date)
            self.notes.setText(filing.notes)

    def build(self, problems: list[Problem]) -> Filing:
        base = self._filing or Filing(self._applicant_id, FilingKind.OTHER)
        return dataclasses.replace(
            base, kind=FilingKind(self.kind.currentData()), city=self.city.text().strip(),
            status=FilingStatus(self.status.currentData()), filing_date=self.filing_date.value(problems),
            accepted_date=self.accepted_on.value(problems), decision=Decision(self.decision.currentData()),
            decision_date=self.decision_date.value(problems), notes=self.notes.text().strip())


class FilingsTab(RecordListTab[Filing]):
    table_name = "filing"
    packet_requested = Signal()

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(service, today, _("Filings 申请记录"), [
            (_("Kind"), lambda f: label(f.kind)),
            (_("City"), lambda f: f.city),
            (_("Status"), lambda f: label(f.status)),
            (_("Filed"), lambda f: f.filing_date.isoformat() if f.filing_date else ""),
            (_("Accepted"), lambda f: f.accepted_date.isoformat() if f.accepted_date else ""),
            (_("Decision"), lambda f: label(f.decision) + (f" {f.decision_date}" if f.decision_date else "")),
            (_("Decision expected"), self._expected),
            (_("Notes"), lambda f: f.notes),
        ], parent)
        self.packet_button = named(QPushButton(_("Prepare the packet… 生成申请材料…")), "filing_packet")
        self.packet_button.setToolTip(_("The filing wizard, with the kind the next deadline calls for (Ctrl+Shift+N)"))
        self.packet_button.clicked.connect(self.packet_requested.emit)
        self.buttons["filing_packet"] = self.packet_button
        self.layout_.addWidget(self.packet_button)

    def _expected(self, f: Filing) -> str:
        """Processing estimate in working days; says so when Mon–Fri had to be assumed (DOMAIN case 13)."""
        found = self.service.records.expected_decision(f) if f.accepted_date else None
        if found is None:
            return ""
        due, detail = found
        return due.isoformat() + (" " + _("(Mon–Fri assumed: no holiday data)") if "WARNING" in detail else "")

    def list_records(self, applicant_id: ApplicantId) -> list[Filing]:
        return self.service.records.list_filings(applicant_id)

    def dialog(self, record: Filing | None) -> FilingDialog:
        assert self.applicant_id is not None
        return FilingDialog(self.service, self.applicant_id, record, self)

    def delete_record(self, record: Filing) -> None:
        self.service.records.delete("filing", int(record.id or 0))
