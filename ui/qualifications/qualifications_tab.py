"""The Qualifications tab: what the work-permit points and the investor, contribution and talent routes read beyond
the other records — the recorded facts (with "not recorded" shown as such), investments and recommendation letters."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QWidget,
)

from core.i18n import _
from core.records.identity import ApplicantId
from core.records.qualifications import Qualifications
from core.services.facade import JuliuService
from ui.common.widgets import named
from ui.qualifications.investments import InvestmentList
from ui.qualifications.labels import not_recorded, qlabel, yes_no
from ui.qualifications.qualifications_dialog import QualificationsDialog
from ui.qualifications.recommendations import RecommendationList


def _number(value: int | None) -> str:
    return not_recorded() if value is None else str(value)


def summary_rows(q: Qualifications) -> list[tuple[str, str]]:
    """(label, value) for each recorded fact, in the dialog's order."""
    elite = not_recorded() if q.elite is None else (_("; ").join(qlabel(i) for i in q.elite) or _("None 无"))
    return [
        (_("Work experience, years (used until work periods are recorded) 工作经历（年）"),
         _number(q.experience_years)),
        (_("Months a year working in China 每年在华工作月数"), _number(q.months_in_china)),
        (_("HSK level 汉语水平考试等级"), _number(q.hsk_level)),
        (_("Former Chinese national 曾为中国国籍"), yes_no(q.former_chinese_national)),
        (_("Degree taught in Chinese 以中文授课获得学位"), yes_no(q.degree_taught_in_chinese)),
        (_("Work region 工作地区"), qlabel(q.work_region) or not_recorded()),
        (_("Elite background 特殊背景"), elite),
        (_("Category-A criterion met without points A类直接认定"), qlabel(q.category_a) or not_recorded()),
        (_("Local encouragement points 地方鼓励性加分"), _number(q.local_points)),
        (_("Good tax record 纳税记录良好"), yes_no(q.good_tax_record)),
        (_("Approval to keep PR (provincial PSB) 保留永久居留资格批准"), yes_no(q.retention_approval)),
        (_("Investments listed are all there are"), yes_no(q.investments_complete)),
        (_("Recommendation letters listed are all there are"), yes_no(q.recommendations_complete)),
    ]


class QualificationsTab(QWidget):
    records_changed = Signal(object)  # OpChanges, as the service reported them

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self.applicant_id: ApplicantId | None = None
        self.current: Qualifications | None = None
        self.facts = named(QGroupBox(_("Points and route facts 积分与资格要素")), "qualifications_summary")
        self.form = QFormLayout(self.facts)
        self.values: list[QLabel] = []
        for text, _value in summary_rows(Qualifications(ApplicantId(0))):
            shown = QLabel()
            shown.setWordWrap(True)
            shown.setMinimumWidth(180)
            self.form.addRow(text, shown)
            self.values.append(shown)
        self.edit_button = named(QPushButton(_("Edit…")), "edit_qualifications")
        self.edit_button.clicked.connect(self.edit)
        self.form.addRow(self.edit_button)
        self.investments = InvestmentList(service, today, self)
        self.letters = RecommendationList(service, today, self)
        for lst in (self.investments, self.letters):
            lst.records_changed.connect(self.records_changed.emit)
        lists = QSplitter(Qt.Orientation.Vertical, self)
        lists.addWidget(self.investments)
        lists.addWidget(self.letters)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.facts)  # a short window scrolls the facts rather than growing past the screen
        scroll.setMinimumWidth(self.facts.sizeHint().width() + 24)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(lists, 1)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        self.applicant_id = applicant_id
        self.investments.set_applicant(applicant_id)
        self.letters.set_applicant(applicant_id)
        self.refresh()

    def refresh(self) -> None:
        self.edit_button.setEnabled(self.applicant_id is not None)
        self.current = self.service.qualifications.get(self.applicant_id) if self.applicant_id is not None else None
        rows = summary_rows(self.current) if self.current else []
        for label, (_text, value) in zip(self.values, rows, strict=False):
            label.setText(value)
        if not rows:
            for label in self.values:
                label.setText("")
        self.investments.refresh()
        self.letters.refresh()

    def edit(self) -> QualificationsDialog | None:
        if self.applicant_id is None or self.current is None:
            return None
        dialog = QualificationsDialog(self.service, self.current, self)
        mark = self.service.change_mark()
        dialog.accepted.connect(lambda: self._saved(mark))
        dialog.open()
        return dialog

    def _saved(self, mark: int) -> None:
        self.refresh()
        changes = self.service.changes_since(mark)
        if changes:
            self.records_changed.emit(changes)
