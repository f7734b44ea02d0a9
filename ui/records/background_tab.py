"""The Background tab: what the application forms ask beyond permits (issue 10 §4): place of birth, phone, an
emergency contact and marital status; the resume from age 18; the residence history."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSplitter, QVBoxLayout, QWidget

from core.errors import Problem
from core.i18n import _
from core.records.background import MaritalStatus, PersonDetails, ResidencePeriod, ResumePeriod
from core.records.identity import ApplicantId, PassportType
from core.services.facade import JuliuService
from ui.common.fields import DateField
from ui.common.widgets import button_row, named
from ui.records.record_dialog import RecordDialog, line, select_data
from ui.records.record_tab import RecordListTab
from ui.undo import history_of


def passport_types() -> list[tuple[str, PassportType | None]]:
    return [(_("— not recorded"), None), (_("Ordinary 普通"), PassportType.ORDINARY),
            (_("Official / service 公务"), PassportType.OFFICIAL), (_("Diplomatic 外交"), PassportType.DIPLOMATIC),
            (_("Other 其他"), PassportType.OTHER)]


def marital_statuses() -> list[tuple[str, MaritalStatus | None]]:
    return [(_("— not recorded"), None), (_("Single 未婚"), MaritalStatus.SINGLE),
            (_("Married 已婚"), MaritalStatus.MARRIED), (_("Divorced 离异"), MaritalStatus.DIVORCED),
            (_("Widowed 丧偶"), MaritalStatus.WIDOWED)]


def choice_combo(name: str, choices: list[tuple[str, Any]]) -> QComboBox:
    combo = named(QComboBox(), name)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


def _until(day: dt.date | None) -> str:
    return day.isoformat() if day else _("now")


class DetailsDialog(RecordDialog[PersonDetails]):
    def __init__(self, service: JuliuService, details: PersonDetails, parent: Any = None):
        super().__init__(_("Personal details"), service.personal.save_details, parent)
        self._details = details
        self.birth_place = self.row(_("Place of birth 出生地"), line("birth_place", details.birth_place,
                                                                     _("as in the passport")))
        self.phone = self.row(_("Phone 电话"), line("phone", details.phone, "+86 138 0013 8000"))
        self.marital = self.row(_("Marital status 婚姻状况"), choice_combo("marital_status", marital_statuses()))
        self.contact_name = self.row(_("Emergency contact 联系人"), line("contact_name", details.contact_name))
        self.contact_relation = self.row(_("Relation to the applicant 关系"),
                                         line("contact_relation", details.contact_relation))
        self.contact_phone = self.row(_("Contact's phone 联系人电话"), line("contact_phone", details.contact_phone))
        self.finish_layout()
        select_data(self.marital, details.marital_status)

    def build(self, problems: list[Problem]) -> PersonDetails:
        status = self.marital.currentData()
        return dataclasses.replace(
            self._details, birth_place=self.birth_place.text().strip(), phone=self.phone.text().strip(),
            marital_status=MaritalStatus(status) if status else None, contact_name=self.contact_name.text().strip(),
            contact_relation=self.contact_relation.text().strip(), contact_phone=self.contact_phone.text().strip())


class ResumeDialog(RecordDialog[ResumePeriod]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, period: ResumePeriod | None,
                 parent: Any = None):
        super().__init__(_("Resume period"), service.personal.save_resume, parent)
        self._period = period or ResumePeriod(applicant_id, "")
        self.organisation = self.row(_("Employer or school 单位或学校"),
                                     line("organisation", self._period.organisation), required=True)
        self.position = self.row(_("Position or status 职务或身份"), line("position", self._period.position))
        self.place = self.row(_("Country and city 国家、城市"), line("place", self._period.place))
        self.country = self.row(_("Country (ISO code)"), line("country", self._period.country, "GBR, KOR, USA …"))
        self.work = self.row(_("Work experience"),
                             named(QCheckBox(_("a job: counts towards the years of work experience")), "work"))
        self.work.setChecked(self._period.work)
        self.start = self.row(_("From"), DateField("start_date", parent=self))
        self.end = self.row(_("To (empty: until now)"), DateField("end_date", parent=self))
        self.finish_layout()
        self.start.set_date(self._period.start_date)
        self.end.set_date(self._period.end_date)

    def build(self, problems: list[Problem]) -> ResumePeriod:
        return dataclasses.replace(
            self._period, organisation=self.organisation.text().strip(), position=self.position.text().strip(),
            place=self.place.text().strip(), country=self.country.text().strip().upper(),
            work=self.work.isChecked(), start_date=self.start.value(problems), end_date=self.end.value(problems))


class ResidenceDialog(RecordDialog[ResidencePeriod]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, period: ResidencePeriod | None,
                 parent: Any = None):
        super().__init__(_("Residence period"), service.personal.save_residence, parent)
        self._period = period or ResidencePeriod(applicant_id, "")
        self.address = self.row(_("Address 地址"), line("address", self._period.address), required=True)
        self.country = self.row(_("Country (ISO code)"), line("country", self._period.country, "CHN, GBR, USA …"))
        self.start = self.row(_("From"), DateField("start_date", parent=self))
        self.end = self.row(_("To (empty: until now)"), DateField("end_date", parent=self))
        self.finish_layout()
        self.start.set_date(self._period.start_date)
        self.end.set_date(self._period.end_date)

    def build(self, problems: list[Problem]) -> ResidencePeriod:
        return dataclasses.replace(
            self._period, address=self.address.text().strip(), country=self.country.text().strip().upper(),
            start_date=self.start.value(problems), end_date=self.end.value(problems))


class ResumeList(RecordListTab[ResumePeriod]):
    table_name = "resume_period"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        heading = _("Resume from age 18 个人简历 (jobs in China come from the Employment tab)")
        super().__init__(service, today, heading, [
            (_("From"), lambda p: p.start_date.isoformat() if p.start_date else ""),
            (_("To"), lambda p: _until(p.end_date)),
            (_("Employer or school"), lambda p: p.organisation),
            (_("Position"), lambda p: p.position),
            (_("Place"), lambda p: p.place),
            (_("Work experience"), lambda p: _("yes") if p.work else "")], parent)

    def list_records(self, applicant_id: ApplicantId) -> list[ResumePeriod]:
        return self.service.personal.list_resume(applicant_id)

    def dialog(self, record: ResumePeriod | None) -> ResumeDialog:
        assert self.applicant_id is not None
        return ResumeDialog(self.service, self.applicant_id, record, self)

    def delete_record(self, record: ResumePeriod) -> None:
        assert record.id is not None
        self.service.personal.delete_resume(record.id)


class ResidenceList(RecordListTab[ResidencePeriod]):
    table_name = "residence_period"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(service, today, _("Residence history 居住经历"), [
            (_("From"), lambda p: p.start_date.isoformat() if p.start_date else ""),
            (_("To"), lambda p: _until(p.end_date)),
            (_("Country or region"), lambda p: p.country),
            (_("Address"), lambda p: p.address)], parent)

    def list_records(self, applicant_id: ApplicantId) -> list[ResidencePeriod]:
        return self.service.personal.list_residence(applicant_id)

    def dialog(self, record: ResidencePeriod | None) -> ResidenceDialog:
        assert self.applicant_id is not None
        return ResidenceDialog(self.service, self.applicant_id, record, self)

    def delete_record(self, record: ResidencePeriod) -> None:
        assert record.id is not None
        self.service.personal.delete_residence(record.id)


class BackgroundTab(QWidget):
    records_changed = Signal(object)  # OpChanges, as the service reported them

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self.applicant_id: ApplicantId | None = None
        self.summary = named(QLabel(), "details_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row, self.buttons = button_row(("edit_details", _("Edit details…"), self.edit_details))
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(QLabel(_("Personal details 个人信息 (for the application forms)")))
        tv.addWidget(self.summary)
        tv.addLayout(row)
        self.resume = ResumeList(service, today, self)
        self.residence = ResidenceList(service, today, self)
        for part in (self.resume, self.residence):
            part.records_changed.connect(self.records_changed)
        split = QSplitter(Qt.Orientation.Vertical)
        for widget in (top, self.resume, self.residence):
            split.addWidget(widget)
        QVBoxLayout(self).addWidget(split)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        self.applicant_id = applicant_id
        self.resume.set_applicant(applicant_id)
        self.residence.set_applicant(applicant_id)
        self.refresh()

    def refresh(self) -> None:
        self.buttons["edit_details"].setEnabled(self.applicant_id is not None)
        if self.applicant_id is None:
            self.summary.setText("")
            return
        d = self.service.personal.details(self.applicant_id)
        status = dict((v, t) for t, v in marital_statuses())[d.marital_status] if d.marital_status else "—"
        contact = " ".join(x for x in (d.contact_name, f"({d.contact_relation})" if d.contact_relation else "",
                                       d.contact_phone) if x) or "—"
        self.summary.setText("\n".join((
            _("Place of birth: {v}").format(v=d.birth_place or "—"), _("Phone: {v}").format(v=d.phone or "—"),
            _("Marital status: {v}").format(v=status), _("Emergency contact: {v}").format(v=contact))))

    def edit_details(self) -> DetailsDialog | None:
        if self.applicant_id is None:
            return None
        recorded = self.service.personal.recorded_details(self.applicant_id)
        dialog = DetailsDialog(self.service, recorded or PersonDetails(self.applicant_id), self)
        history = history_of(self)
        before = history.before(recorded) if history is not None and recorded is not None else None
        mark = self.service.change_mark()
        dialog.accepted.connect(lambda: self._saved(dialog, before, mark))
        dialog.open()
        return dialog

    def _saved(self, dialog: DetailsDialog, before: Any, mark: int) -> None:
        history = history_of(self)
        if history is not None and dialog.saved is not None:
            history.saved(dialog.saved, before, _("save personal details"))
        self.refresh()
        changes = self.service.changes_since(mark)
        if changes:
            self.records_changed.emit(changes)

    def show_record(self, table: str, record_id: int) -> bool:
        return self.resume.show_record(table, record_id) or self.residence.show_record(table, record_id)
