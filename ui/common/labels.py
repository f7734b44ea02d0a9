"""Bilingual labels for the record enums shown in tabs, dialogs and the deadlines dashboard."""
from __future__ import annotations

from enum import StrEnum

from core.deadlines.item import DeadlineKind, Urgency
from core.i18n import _


def label(value: StrEnum | None) -> str:
    """The display text of an enum value ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, DeadlineKind | Urgency):  # the deadlines dock's, without the record model (issue 15)
        return deadline_labels().get(value, value.value)
    return record_labels().get(value, value.value)


def record_labels() -> dict[StrEnum, str]:
    """The record model's enums (the model loads with the first record shown)."""
    from core.records.model import (
        Citizenship,
        Decision,
        EmployerType,
        FilingKind,
        FilingStatus,
        Relation,
        TitleLevel,
    )

    return {
        Citizenship.FOREIGN: _("Foreign national 外国人"), Citizenship.CHINESE: _("Chinese citizen 中国公民"),
        Citizenship.PR_HOLDER: _("PR holder 永久居留"),
        Relation.SPOUSE: _("Spouse 配偶"), Relation.CHILD: _("Child 子女"), Relation.PARENT: _("Parent 父母"),
        Relation.GRANDPARENT: _("Grandparent 祖父母"),
        TitleLevel.OTHER: _("Other 其他"), TitleLevel.DEPUTY_GM_OR_ABOVE: _("Deputy GM or above 副总经理及以上"),
        TitleLevel.ASSOCIATE_PROFESSOR_OR_ABOVE: _("Associate professor or above 副高级及以上"),
        TitleLevel.EQUIVALENT: _("Equivalent treatment 同等待遇"),
        EmployerType.OTHER: _("Other 其他"),
        EmployerType.STATE_INSTITUTION: _("State institution 国家部委/省政府直属机构"),
        EmployerType.KEY_UNIVERSITY: _("Key university 重点高校"),
        EmployerType.MAJOR_PROJECT: _("Major national project 国家重大项目单位"),
        EmployerType.HIGH_TECH: _("High-tech enterprise 高新技术企业"),
        EmployerType.ENCOURAGED_FIE: _("Encouraged FIE 鼓励类外商投资企业"),
        EmployerType.ADVANCED_TECH_FIE: _("Advanced-technology FIE 外商投资先进技术企业"),
        EmployerType.EXPORT_FIE: _("Export-oriented FIE 外商投资产品出口企业"),
        FilingKind.RP_FIRST: _("Residence permit, first 居留许可首次"),
        FilingKind.RP_RENEWAL: _("Residence permit renewal 居留许可延期"),
        FilingKind.RP_CHANGE: _("Residence permit change 居留许可变更"),
        FilingKind.WP_NEW: _("Work permit, new 工作许可新办"),
        FilingKind.WP_EXTENSION: _("Work permit extension 工作许可延期"),
        FilingKind.PR_APPLICATION: _("Permanent residence 永久居留申请"),
        FilingKind.PR_CARD_RENEWAL: _("PR card renewal 永久居留证换发"), FilingKind.OTHER: _("Other 其他"),
        FilingStatus.PREPARING: _("Preparing 准备中"), FilingStatus.SUBMITTED: _("Submitted 已递交"),
        FilingStatus.ACCEPTED: _("Accepted 已受理"), FilingStatus.DECIDED: _("Decided 已决定"),
        Decision.NONE: "—", Decision.APPROVED: _("Approved 批准"), Decision.REFUSED: _("Refused 不予批准"),
        Decision.WITHDRAWN: _("Withdrawn 撤回"),
    }


def deadline_labels() -> dict[StrEnum, str]:
    return {
        Urgency.OVERDUE: _("Overdue 已逾期"), Urgency.URGENT: _("Urgent 紧急"), Urgency.SOON: _("Soon 临近"),
        Urgency.LATER: _("Later 稍后"),
        DeadlineKind.EXPIRY: _("Expiry 到期"), DeadlineKind.RP_FILING: _("RP renewal filing 居留延期申请"),
        DeadlineKind.WP_FILING: _("WP extension filing 工作许可延期申请"),
        DeadlineKind.PASSPORT_MARGIN: _("Passport validity margin 护照有效期余量"),
        DeadlineKind.PASSPORT_BEFORE_PERMIT: _("Passport before permit 护照先于证件到期"),
        DeadlineKind.DOCUMENT_VALIDITY: _("Document validity 材料有效期"),
        DeadlineKind.INVALID_ON_FILING: _("Invalid on filing date 申请日已失效"),
        DeadlineKind.ACCOMMODATION: _("Accommodation registration 住宿登记"),
        DeadlineKind.RP_CHANGE: _("RP change (new passport) 居留变更"),
        DeadlineKind.PR_PRESENCE: _("PR yearly presence 永居年度居住"),
        DeadlineKind.DECISION_DUE: _("Decision expected 预计审批完成"),
        DeadlineKind.PR_RENEWAL: _("PR card renewal filing 永居证换发申请"),
        DeadlineKind.RP_AFTER_ENTRY: _("Residence permit after entry 入境后办理居留"),
        DeadlineKind.STAY_EXTENSION: _("Stay extension 停留延期"),
        DeadlineKind.PR_CARD_COLLECTION: _("PR card collection 领取永居证"),
    }
