"""Investments (paid-in registered capital in USD, M2004 Art. 7; GBA; Shanghai): a list and its editor."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from core.errors import Problem
from core.i18n import _
from core.records.identity import ApplicantId
from core.records.qualifications import Investment, InvestmentKind, Region
from core.services.facade import JuliuService
from ui.common.fields import DateField
from ui.qualifications.labels import choice_combo, enum_choices, qlabel, select, tri_combo, yes_no
from ui.records.record_dialog import RecordDialog, enum_combo, line, select_data
from ui.records.record_tab import RecordListTab


def usd(amount: Decimal) -> str:
    return f"USD {amount:,.2f}"


class InvestmentDialog(RecordDialog[Investment]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, investment: Investment | None,
                 parent: Any = None):
        super().__init__(_("Edit investment") if investment else _("New investment"),
                         service.qualifications.save_investment, parent)
        self._investment = investment
        self._applicant_id = applicant_id
        self.amount = self.row(_("Paid-in registered capital (USD) 实缴注册资本（美元）"),
                               line("amount_usd", placeholder="1000000.00"), required=True)
        self.since = self.row(_("At this amount since 投资稳定起始日"), DateField("since", parent=self))
        self.kind = self.row(_("Kind 投资方式"), enum_combo(InvestmentKind, "kind", qlabel))
        self.region = self.row(_("Region 地区"), choice_combo("region", enum_choices(Region)))
        self.encouraged = self.row(_("Encouraged industry 鼓励类产业"), tri_combo("encouraged"))
        self.company = self.row(_("Company 企业名称"), line("company"))
        self.city = self.row(_("City 城市"), line("city"))
        self.notes = self.row(_("Notes 备注"), line("notes"))
        self.finish_layout()
        if investment:
            self.amount.setText(str(investment.amount_usd))
            self.since.set_date(investment.since)
            select_data(self.kind, investment.kind)
            select(self.region, investment.region)
            select(self.encouraged, investment.encouraged)
            for edit, value in ((self.company, investment.company), (self.city, investment.city),
                                (self.notes, investment.notes)):
                edit.setText(value)

    def build(self, problems: list[Problem]) -> Investment:
        try:
            amount = Decimal(self.amount.text().replace(",", "").replace("$", "").strip() or "x")
        except InvalidOperation:
            problems.append(Problem("", None, "amount_usd", _("expected an amount such as 1000000.00")))
            amount = Decimal(1)
        region = self.region.currentData()
        base = self._investment or Investment(self._applicant_id, amount)
        return dataclasses.replace(
            base, amount_usd=amount, since=self.since.value(problems), kind=InvestmentKind(self.kind.currentData()),
            region=Region(region) if region else None, encouraged=self.encouraged.currentData(),
            company=self.company.text().strip(), city=self.city.text().strip(), notes=self.notes.text().strip())


class InvestmentList(RecordListTab[Investment]):
    table_name = "investment"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(service, today, _("Investments 投资"), [
            (_("Amount"), lambda i: usd(i.amount_usd)),
            (_("Since"), lambda i: i.since.isoformat() if i.since else ""),
            (_("Kind"), lambda i: qlabel(i.kind)),
            (_("Region"), lambda i: qlabel(i.region)),
            (_("Encouraged"), lambda i: yes_no(i.encouraged)),
            (_("Company"), lambda i: i.company),
        ], parent)
        self.view.columns.secondary = (4, 3, 5)  # a narrow column beside the letters: company, region, encouraged

    def list_records(self, applicant_id: ApplicantId) -> list[Investment]:
        return self.service.qualifications.list_investments(applicant_id)

    def dialog(self, record: Investment | None) -> InvestmentDialog:
        assert self.applicant_id is not None
        return InvestmentDialog(self.service, self.applicant_id, record, self)

    def delete_record(self, record: Investment) -> None:
        self.service.qualifications.delete("investment", int(record.id or 0))
