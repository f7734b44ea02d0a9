"""The Employment tab: employers, posts and title levels over time (M2004 Art. 6(2) position-holder route)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox

from core.errors import Problem
from core.i18n import _
from core.records.identity import ApplicantId
from core.records.model import EmployerType, Employment, TitleLevel
from core.services.facade import JuliuService
from ui.common.fields import DateField
from ui.common.labels import label
from ui.common.widgets import named
from ui.records.record_dialog import RecordDialog, enum_combo, line, select_data
from ui.records.record_tab import RecordListTab


def zone_combo(service: JuliuService) -> QComboBox:
    """The known development zones (rules/zones.toml); another name may be typed."""
    combo = named(QComboBox(), "zone")
    combo.setEditable(True)
    combo.addItem("", "")
    for z in service.qualifications.zones():
        combo.addItem(f"{z.name_zh} {z.name_en}", z.id)
    return combo


def set_zone(combo: QComboBox, zone: str) -> None:
    index = combo.findData(zone)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.setEditText(zone)


def zone_value(combo: QComboBox) -> str:
    """The zone id of a listed zone, else the typed text."""
    text = combo.currentText().strip()
    index = combo.findText(text)
    return str(combo.itemData(index)) if index >= 0 else text


class EmploymentDialog(RecordDialog[Employment]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, job: Employment | None, parent: Any = None):
        super().__init__(_("Edit employment") if job else _("New employment"), service.records.save_employment,
                         parent)
        self._job = job
        self._applicant_id = applicant_id
        self.employer_zh = self.row(_("Employer (Chinese) 单位名称"), line("employer_zh"))
        self.employer_en = self.row(_("Employer (English)"), line("employer_en"))
        self.credit_code = self.row(_("Unified social credit code 统一社会信用代码"),
                                    line("credit_code", placeholder="91110108MA01C7KQ4X"))
        self.position = self.row(_("Position 职务"), line("position"))
        self.title_level = self.row(_("Title level 职级"), enum_combo(TitleLevel, "title_level"))
        self.employer_type = self.row(_("Employer type 单位类型"), enum_combo(EmployerType, "employer_type"))
        self.start = self.row(_("Start date"), DateField("start_date", parent=self))
        self.end = self.row(_("End date (empty: current)"), DateField("end_date", parent=self))
        self.city = self.row(_("Employer's city 单位所在城市"), line("city", placeholder="Beijing"))
        self.zone = self.row(_("Development zone 所在园区"), zone_combo(service))
        self.finish_layout()
        if job:
            for edit, value in ((self.employer_zh, job.employer_zh), (self.employer_en, job.employer_en),
                                (self.credit_code, job.credit_code), (self.position, job.position)):
                edit.setText(value)
            select_data(self.title_level, job.title_level)
            select_data(self.employer_type, job.employer_type)
            self.start.set_date(job.start_date)
            self.end.set_date(job.end_date)
            self.city.setText(job.city)
            set_zone(self.zone, job.zone)

    def build(self, problems: list[Problem]) -> Employment:
        base = self._job or Employment(self._applicant_id, "")
        return dataclasses.replace(
            base, employer_zh=self.employer_zh.text().strip(), employer_en=self.employer_en.text().strip(),
            credit_code=self.credit_code.text().strip().upper(), position=self.position.text().strip(),
            title_level=TitleLevel(self.title_level.currentData()),
            employer_type=EmployerType(self.employer_type.currentData()),
            start_date=self.start.value(problems), end_date=self.end.value(problems), city=self.city.text().strip(),
            zone=zone_value(self.zone))


class EmploymentTab(RecordListTab[Employment]):
    table_name = "employment"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(service, today, _("Employment history 工作经历"), [
            (_("Employer"), lambda e: e.employer_zh or e.employer_en),
            (_("Credit code"), lambda e: e.credit_code),
            (_("Position"), lambda e: e.position),
            (_("Title level"), lambda e: label(e.title_level)),
            (_("Employer type"), lambda e: label(e.employer_type)),
            (_("From"), lambda e: e.start_date.isoformat() if e.start_date else ""),
            (_("To"), lambda e: e.end_date.isoformat() if e.end_date else _("current")),
            (_("Zone"), lambda e: e.zone),
        ], parent)

    def list_records(self, applicant_id: ApplicantId) -> list[Employment]:
        return self.service.records.list_employment(applicant_id)

    def dialog(self, record: Employment | None) -> EmploymentDialog:
        assert self.applicant_id is not None
        return EmploymentDialog(self.service, self.applicant_id, record, self)

    def delete_record(self, record: Employment) -> None:
        self.service.records.delete("employment", int(record.id or 0))
