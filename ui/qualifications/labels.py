"""Bilingual labels and small choosers for the qualifications records (unknown is always a choice of its own)."""
from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtWidgets import QComboBox

from core.i18n import _
from core.records.qualifications import (
    CategoryABasis,
    EliteItem,
    InvestmentKind,
    RecommendationPurpose,
    Recommender,
    Region,
)
from ui.common.widgets import named


def qlabel(value: StrEnum | None) -> str:
    """The display text of a qualifications enum value ('' for None)."""
    if value is None:
        return ""
    table: dict[StrEnum, str] = {
        Region.WESTERN: _("Western region 西部地区"), Region.CENTRAL: _("Central region 中部地区"),
        Region.EASTERN: _("Eastern region 东部地区"),
        Region.NORTHEAST: _("North-east old industrial base 东北等老工业基地"),
        Region.POVERTY_COUNTY: _("National poverty county 国家级贫困县"),
        EliteItem.FOREIGN_TOP_UNIVERSITY: _("Graduate of a top foreign university 世界知名高校毕业"),
        EliteItem.FORTUNE500: _("Fortune Global 500 experience 世界500强工作经历"),
        EliteItem.PATENTS: _("Patents or IP 专利或知识产权"),
        EliteItem.FIVE_YEARS_IN_CHINA: _("5 consecutive years working in China 连续在华工作5年"),
        CategoryABasis.NONE: _("None of them 均不符合"),
        CategoryABasis.TALENT_PROGRAMME: _("National talent programme 国家人才计划"),
        CategoryABasis.RECOGNISED_AWARD: _("Internationally recognised award 国际公认奖项"),
        CategoryABasis.ENCOURAGED_POST: _("Market-oriented encouraged post 市场导向鼓励类岗位"),
        CategoryABasis.INNOVATION_TALENT: _("Innovation or start-up talent 创新创业人才"),
        CategoryABasis.YOUNG_TALENT: _("Outstanding young talent 优秀青年人才"),
        InvestmentKind.CASH: _("Cash 货币"), InvestmentKind.TECHNOLOGY: _("Technology 技术"),
        InvestmentKind.PATENT: _("Patent 专利"), InvestmentKind.EQUIPMENT: _("Equipment 设备"),
        InvestmentKind.REAL_ESTATE: _("Real estate (does not count) 房地产（不计入）"),
        InvestmentKind.SHARES: _("Shares (do not count) 股票（不计入）"),
        InvestmentKind.BONDS: _("Bonds (do not count) 债券（不计入）"), InvestmentKind.OTHER: _("Other 其他"),
        Recommender.NATIONAL_AUTHORITY: _("National authority 国家有关部门"),
        Recommender.PROVINCIAL_GOVERNMENT: _("Provincial government 省级人民政府"),
        Recommender.KEY_ZONE: _("Key development zone management 国家重点发展区域管理部门"),
        Recommender.ZGC_COMMITTEE: _("Zhongguancun Administrative Committee 中关村管委会"),
        Recommender.GBA_AUTHORITY: _("GBA city talent authority 大湾区城市人才主管部门"),
        Recommender.EMPLOYER: _("Employer 工作单位"), Recommender.OTHER: _("Other 其他"),
        RecommendationPurpose.HIGH_LEVEL_TALENT: _("High-level talent 外籍高层次人才"),
        RecommendationPurpose.MAJOR_CONTRIBUTION: _("Major contribution 重大突出贡献"),
        RecommendationPurpose.ZGC_POINTS: _("Zhongguancun 70 points 中关村积分70分"),
        RecommendationPurpose.GBA_POINTS: _("GBA points standard 大湾区积分标准"),
        RecommendationPurpose.EMPLOYER: _("Employer's recommendation 单位推荐"),
        RecommendationPurpose.OTHER: _("Other 其他"),
    }
    return table.get(value, str(value))


def not_recorded() -> str:
    return _("Not recorded 未记录")


def yes_no(value: bool | None) -> str:
    return not_recorded() if value is None else _("Yes 是") if value else _("No 否")


def choice_combo(name: str, choices: Iterable[tuple[str, object]]) -> QComboBox:
    """A combo whose first item is "not recorded" (data None)."""
    combo = named(QComboBox(), name)
    combo.addItem(not_recorded(), None)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


def tri_combo(name: str) -> QComboBox:
    return choice_combo(name, ((_("Yes 是"), True), (_("No 否"), False)))


def enum_choices(values: Iterable[StrEnum]) -> list[tuple[str, object]]:
    return [(qlabel(v), v) for v in values]


def number_combo(name: str, low: int, high: int) -> QComboBox:
    return choice_combo(name, ((str(n), n) for n in range(low, high + 1)))


def select(combo: QComboBox, value: object) -> None:
    """Select the item holding `value` (None: "not recorded")."""
    found = next((i for i in range(1, combo.count()) if value is not None and combo.itemData(i) == value
                  and isinstance(combo.itemData(i), bool) == isinstance(value, bool)), 0)
    combo.setCurrentIndex(found)
