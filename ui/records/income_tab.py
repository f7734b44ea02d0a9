"""The Income & tax tab: wage income and IIT paid per year in CNY, linked to the certificates that prove them."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import format_currency
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QSpinBox

from core.errors import Problem
from core.i18n import _, current_locale
from core.records.documents import document_label
from core.records.identity import ApplicantId
from core.records.model import DocumentKind, IncomeYear
from core.services.facade import JuliuService
from ui.common.widgets import named
from ui.records.record_dialog import RecordDialog, line
from ui.records.record_tab import RecordListTab

CERTIFICATE_KINDS = (DocumentKind.WAGE_CERTIFICATE, DocumentKind.TAX_CERTIFICATE, DocumentKind.EMPLOYMENT_CERTIFICATE,
                     DocumentKind.OTHER)


def cny(amount: Decimal) -> str:
    return format_currency(amount, "CNY", locale=current_locale())


class IncomeDialog(RecordDialog[IncomeYear]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, income: IncomeYear | None,
                 today: dt.date, parent: Any = None):
        super().__init__(_("Edit income year") if income else _("New income year"), service.records.save_income,
                         parent)
        self._income = income
        self._applicant_id = applicant_id
        self.year = named(QSpinBox(), "year")
        self.year.setMinimum(1990)
        self.year.setMaximum(2100)
        self.year.setValue(today.year - 1)
        self.row(_("Year 年度"), self.year, required=True)
        self.wage = self.row(_("Wage income (CNY) 工资性收入"), line("wage_income", placeholder="1200000.00"),
                             required=True)
        self.tax = self.row(_("IIT paid (CNY) 个人所得税"), line("iit_paid", placeholder="240000.00"), required=True)
        self.city = self.row(_("City 城市"), line("city"))
        self.certificates = named(QListWidget(), "certificates")
        self.certificates.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        linked = set(income.certificate_ids) if income else set()
        for doc in service.records.list_documents(applicant_id):
            if doc.kind in CERTIFICATE_KINDS:
                item = QListWidgetItem(f"{document_label(doc)} {doc.issue_date or ''} {doc.notes}".strip())
                item.setData(Qt.ItemDataRole.UserRole, doc.id)
                item.setCheckState(Qt.CheckState.Checked if doc.id in linked else Qt.CheckState.Unchecked)
                self.certificates.addItem(item)
        self.row(_("Certificates 证明"), self.certificates)
        self.finish_layout()
        if income:
            self.year.setValue(income.year)
            self.wage.setText(str(income.wage_income))
            self.tax.setText(str(income.iit_paid))
            self.city.setText(income.city)

    @staticmethod
    def _money(text: str, field: str, problems: list[Problem]) -> Decimal:
        try:
            return Decimal(text.replace(",", "").replace("¥", "").strip() or "x")
        except InvalidOperation:
            problems.append(Problem("", None, field, _("expected an amount such as 1200000.00")))
            return Decimal(0)

    def build(self, problems: list[Problem]) -> IncomeYear:
        checked = tuple(self.certificates.item(i).data(Qt.ItemDataRole.UserRole)
                        for i in range(self.certificates.count())
                        if self.certificates.item(i).checkState() == Qt.CheckState.Checked)
        base = self._income or IncomeYear(self._applicant_id, 0, Decimal(0), Decimal(0))
        return dataclasses.replace(
            base, year=self.year.value(), wage_income=self._money(self.wage.text(), "wage_income", problems),
            iit_paid=self._money(self.tax.text(), "iit_paid", problems), city=self.city.text().strip(),
            certificate_ids=checked)


class IncomeTab(RecordListTab[IncomeYear]):
    table_name = "income"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(service, today, _("Income and tax per year 年度收入与纳税"), [
            (_("Year"), lambda i: i.year),
            (_("Wage income"), lambda i: cny(i.wage_income)),
            (_("IIT paid"), lambda i: cny(i.iit_paid)),
            (_("IIT / wage"), lambda i: f"{i.iit_paid / i.wage_income:.1%}" if i.wage_income else ""),
            (_("City"), lambda i: i.city),
            (_("Certificates"), lambda i: certificate_count(len(i.certificate_ids))),
        ], parent)

    def list_records(self, applicant_id: ApplicantId) -> list[IncomeYear]:
        return self.service.records.list_income(applicant_id)

    def dialog(self, record: IncomeYear | None) -> IncomeDialog:
        assert self.applicant_id is not None
        return IncomeDialog(self.service, self.applicant_id, record, self._today(), self)

    def delete_record(self, record: IncomeYear) -> None:
        self.service.records.delete("income", int(record.id or 0))


def certificate_count(n: int) -> str:
    """How many documents prove a year: "2 documents" (2 份), — for none (a bare number read as an amount)."""
    if n == 0:
        return "—"
    return _("{n} document").format(n=n) if n == 1 else _("{n} documents").format(n=n)
