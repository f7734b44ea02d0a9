"""Editing what the work-permit points and the PR routes read from a person beyond the other records (DOMAIN §3.1,
M2004 Art. 6–7, Art. 20): each field may stay "not recorded", and the rule that needs it then says so."""
from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from core.errors import Problem
from core.i18n import _
from core.records.qualifications import (
    MAX_EXPERIENCE_YEARS,
    MAX_HSK,
    MAX_LOCAL_POINTS,
    CategoryABasis,
    EliteItem,
    Qualifications,
    Region,
)
from core.services.facade import JuliuService
from ui.common.widgets import named
from ui.qualifications.labels import (
    choice_combo,
    enum_choices,
    number_combo,
    qlabel,
    select,
    tri_combo,
)
from ui.records.record_dialog import RecordDialog


class EliteField(QWidget):
    """The elite-background items: "not recorded", or known (then the ticked items, none ticked = none)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("elite")
        self.field = "elite"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = named(QCheckBox(_("Recorded (tick what applies; none ticked = none of them)")), "elite_known")
        layout.addWidget(self.known)
        self.items: dict[EliteItem, QCheckBox] = {}
        for item in EliteItem:
            box = named(QCheckBox(qlabel(item)), f"elite_{item.value}")
            box.toggled.connect(lambda on: self.known.setChecked(True) if on else None)
            layout.addWidget(box)
            self.items[item] = box

    def set_value(self, value: tuple[EliteItem, ...] | None) -> None:
        self.known.setChecked(value is not None)
        for item, box in self.items.items():
            box.setChecked(item in (value or ()))
        self.known.setChecked(value is not None)

    def value(self) -> tuple[EliteItem, ...] | None:
        if not self.known.isChecked():
            return None
        return tuple(item for item, box in self.items.items() if box.isChecked())


class QualificationsDialog(RecordDialog[Qualifications]):
    def __init__(self, service: JuliuService, current: Qualifications, parent: Any = None):
        super().__init__(_("Qualifications and points facts"), service.qualifications.save, parent)
        self._current = current
        self.experience = self.row(_("Work experience, years (used until work periods are recorded) 工作经历（年）"),
                                   number_combo("experience_years", 0, MAX_EXPERIENCE_YEARS))
        self.months = self.row(_("Months a year working in China 每年在华工作月数"),
                               number_combo("months_in_china", 0, 12))
        self.hsk = self.row(_("HSK level (0 = none) 汉语水平考试等级"), number_combo("hsk_level", 0, MAX_HSK))
        self.former_national = self.row(_("Former Chinese national 曾为中国国籍"), tri_combo("former_chinese_national"))
        self.chinese_degree = self.row(_("Degree taught in Chinese 以中文授课获得学位"),
                                       tri_combo("degree_taught_in_chinese"))
        self.region = self.row(_("Work region 工作地区"), choice_combo("work_region", enum_choices(Region)))
        self.elite = self.row(_("Elite background 特殊背景"), EliteField(self))
        self.category_a = self.row(_("Category-A criterion met without points A类直接认定"),
                                   choice_combo("category_a", enum_choices(CategoryABasis)))
        self.local_points = self.row(_("Local encouragement points 地方鼓励性加分"),
                                     number_combo("local_points", 0, MAX_LOCAL_POINTS))
        self.good_tax = self.row(_("Good tax record 纳税记录良好"), tri_combo("good_tax_record"))
        self.retention = self.row(_("Approval to keep PR (provincial PSB) 保留永久居留资格批准"),
                                  tri_combo("retention_approval"))
        lists = QWidget(self)
        row = QHBoxLayout(lists)
        row.setContentsMargins(0, 0, 0, 0)
        self.investments_complete = named(QCheckBox(_("Investments listed are all there are")),
                                          "investments_complete")
        self.letters_complete = named(QCheckBox(_("Recommendation letters listed are all there are")),
                                      "recommendations_complete")
        row.addWidget(self.investments_complete)
        row.addWidget(self.letters_complete)
        self.row(_("Complete lists 清单完整"), lists)
        self.finish_layout()
        self._load(current)

    def _load(self, q: Qualifications) -> None:
        for combo, value in ((self.experience, q.experience_years), (self.months, q.months_in_china),
                             (self.hsk, q.hsk_level), (self.former_national, q.former_chinese_national),
                             (self.chinese_degree, q.degree_taught_in_chinese), (self.region, q.work_region),
                             (self.category_a, q.category_a), (self.local_points, q.local_points),
                             (self.good_tax, q.good_tax_record), (self.retention, q.retention_approval)):
            select(combo, value)
        self.elite.set_value(q.elite)
        self.investments_complete.setChecked(q.investments_complete)
        self.letters_complete.setChecked(q.recommendations_complete)

    def build(self, problems: list[Problem]) -> Qualifications:
        def value(combo: QWidget) -> Any:
            assert isinstance(combo, QComboBox)
            return combo.currentData()

        region, basis = value(self.region), value(self.category_a)
        return dataclasses.replace(
            self._current, experience_years=value(self.experience), months_in_china=value(self.months),
            hsk_level=value(self.hsk), former_chinese_national=value(self.former_national),
            degree_taught_in_chinese=value(self.chinese_degree), work_region=Region(region) if region else None,
            elite=self.elite.value(), category_a=CategoryABasis(basis) if basis else None,
            local_points=value(self.local_points), good_tax_record=value(self.good_tax),
            retention_approval=value(self.retention), investments_complete=self.investments_complete.isChecked(),
            recommendations_complete=self.letters_complete.isChecked())

