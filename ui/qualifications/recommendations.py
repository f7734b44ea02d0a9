"""Recommendation letters (who wrote them and what for): a list and its editor. A letter counts for the talent,
contribution, Zhongguancun and GBA points routes, or as the employer's letter, by purpose and recommender."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from core.errors import Problem
from core.i18n import _
from core.records.identity import ApplicantId
from core.records.qualifications import Recommendation, RecommendationPurpose, Recommender
from core.services.facade import JuliuService
from ui.common.fields import DateField
from ui.qualifications.labels import qlabel
from ui.records.record_dialog import RecordDialog, enum_combo, line, select_data
from ui.records.record_tab import RecordListTab


class RecommendationDialog(RecordDialog[Recommendation]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, letter: Recommendation | None,
                 parent: Any = None):
        super().__init__(_("Edit recommendation letter") if letter else _("New recommendation letter"),
                         service.qualifications.save_recommendation, parent)
        self._letter = letter
        self._applicant_id = applicant_id
        self.recommender = self.row(_("Recommended by 推荐单位类别"), enum_combo(Recommender, "recommender", qlabel))
        self.purpose = self.row(_("For 推荐事由"), enum_combo(RecommendationPurpose, "purpose", qlabel))
        self.issuer = self.row(_("Issuer's name 推荐单位名称"), line("issuer"))
        self.issue_date = self.row(_("Issue date 出具日期"), DateField("issue_date", parent=self))
        self.notes = self.row(_("Notes 备注"), line("notes"))
        self.finish_layout()
        if letter:
            select_data(self.recommender, letter.recommender)
            select_data(self.purpose, letter.purpose)
            self.issuer.setText(letter.issuer)
            self.issue_date.set_date(letter.issue_date)
            self.notes.setText(letter.notes)

    def build(self, problems: list[Problem]) -> Recommendation:
        who, purpose = Recommender(self.recommender.currentData()), RecommendationPurpose(self.purpose.currentData())
        base = self._letter or Recommendation(self._applicant_id, who, purpose)
        return dataclasses.replace(base, recommender=who, purpose=purpose, issuer=self.issuer.text().strip(),
                                   issue_date=self.issue_date.value(problems), notes=self.notes.text().strip())


class RecommendationList(RecordListTab[Recommendation]):
    table_name = "recommendation"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(service, today, _("Recommendation letters 推荐函"), [
            (_("Recommended by"), lambda r: qlabel(r.recommender)),
            (_("For"), lambda r: qlabel(r.purpose)),
            (_("Issuer"), lambda r: r.issuer),
            (_("Issued"), lambda r: r.issue_date.isoformat() if r.issue_date else ""),
        ], parent)

    def list_records(self, applicant_id: ApplicantId) -> list[Recommendation]:
        return self.service.qualifications.list_recommendations(applicant_id)

    def dialog(self, record: Recommendation | None) -> RecommendationDialog:
        assert self.applicant_id is not None
        return RecommendationDialog(self.service, self.applicant_id, record, self)

    def delete_record(self, record: Recommendation) -> None:
        self.service.qualifications.delete("recommendation", int(record.id or 0))
