"""What a stored field and a record kind are called on screen, and how a stored value reads: shared by the
conflict dialog (both versions of a record side by side) and the history (old → new values)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from core.i18n import _
from core.records.background import MaritalStatus
from core.records.documents import kind_label
from core.records.identity import Direction, Sex
from core.records.model import (
    Citizenship,
    Decision,
    DocumentKind,
    EmployerType,
    FilingKind,
    FilingStatus,
    Relation,
    TitleLevel,
)
from ui.common.labels import label
from ui.common.table_models import direction_label

HIDDEN = frozenset({"id", "version", "applicant_id"})  # bookkeeping, not what a user edits


def table_label(table: str) -> str:
    return {"applicant": _("Person 人员"), "passport": _("Passport 护照"), "crossing": _("Border crossing 出入境"),
            "person_profile": _("Family status 家庭身份"), "address": _("Address 住址"),
            "document": _("Document 证件材料"), "attachment": _("Scan 扫描件"), "employment": _("Employment 工作经历"),
            "income_year": _("Income and tax 收入与个税"), "income_certificate": _("Income certificate 收入证明"),
            "filing": _("Filing 申请"), "setting": _("Setting 设置"),
            "person_details": _("Personal details 个人信息"), "resume_period": _("CV entry 个人简历"),
            "residence_period": _("Residence history 居住经历"), "qualifications": _("Qualifications 资历"),
            "investment": _("Investment 投资"), "recommendation": _("Recommendation 推荐函")}.get(table, table)


def field_label(name: str) -> str:
    """The label of a record field or stored column (a column in fen is labelled as its amount)."""
    labels = {
        "family_name": _("Family name (as in passport)"), "given_names": _("Given names"),
        "chinese_name": _("Chinese name 中文姓名"), "sex": _("Sex"), "birth_date": _("Date of birth"),
        "nationality": _("Nationality (ISO code)"), "city": _("City"), "number": _("Number 号码"),
        "issuing_country": _("Issuing country (ISO code)"), "issue_date": _("Date of issue"),
        "expiry_date": _("Date of expiry"), "date": _("Date (local China date)"), "time": _("Time"),
        "direction": _("Direction"), "port": _("Port"), "note": _("Note"), "notes": _("Notes"),
        "planned": _("Planned trip (only used in projections)"), "kind": _("Kind 种类"),
        "subtype": _("Type / category 类别"), "issuing_authority": _("Issuing authority 签发机关"),
        "passport_id": _("In passport 所在护照"), "related_id": _("Certifies 所认证文件"),
        "employer_zh": _("Employer (Chinese) 单位名称"), "employer_en": _("Employer (English)"),
        "credit_code": _("Credit code"), "position": _("Position"), "title_level": _("Title level"),
        "employer_type": _("Employer type"), "start_date": _("Start date"), "end_date": _("End"),
        "year": _("Year"), "wage_income": _("Wage income"), "wage_income_fen": _("Wage income"),
        "iit_paid": _("IIT paid 已缴个税"), "iit_paid_fen": _("IIT paid 已缴个税"),
        "certificate_ids": _("Certificates 证明材料"), "status": _("Status"), "filing_date": _("Filing date 申请日期"),
        "accepted_date": _("Accepted"), "decision": _("Decision 审批结果"), "decision_date": _("Decided on 审批日期"),
        "moved_in": _("Moved in"), "address": _("Address"), "citizenship": _("Citizenship status"),
        "principal_id": _("Principal applicant 主申请人"), "relation": _("Relation to the principal 与主申请人关系"),
        "married_on": _("Married on 结婚日期"), "name": _("File name 文件名"), "media_type": _("File type 文件类型"),
        "size": _("Size 大小"), "sha256": "SHA-256", "document_id": _("Document 证件材料"),
        "data": _("Scan 扫描件"),
        "birth_place": _("Place of birth 出生地"), "phone": _("Phone 电话"),
        "marital_status": _("Marital status 婚姻状况"), "contact_name": _("Emergency contact 紧急联系人"),
        "contact_relation": _("Contact's relation 与联系人关系"), "contact_phone": _("Contact's phone 联系人电话"),
        "organisation": _("Employer or school 单位或学校"), "place": _("Place 地点"),
        "country": _("Country or region"), "income_id": _("Income year 收入年度"),
        "company": _("Company 企业"), "since": _("Since 起始日"),
        "amount_cents": _("Amount 金额"), "region": _("Region 地区"), "encouraged": _("Encouraged 鼓励类"),
        "recommender": _("Recommender 推荐单位类别"), "purpose": _("Purpose 推荐事由"), "issuer": _("Issuer 推荐单位"),
    }
    return labels.get(name, name)


def shown_value(name: str, value: object) -> str:
    """A stored or record value as a user reads it: dates ISO, amounts in CNY, enums by their label, — for none."""
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name.endswith("_fen") and isinstance(value, int):
        return f"{Decimal(value).scaleb(-2):,.2f}"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value.isoformat()
    if isinstance(value, Direction) or (name == "direction" and value in ("entry", "exit")):
        return direction_label(Direction(value))
    if isinstance(value, Sex) or (name == "sex" and value in ("M", "F")):
        return _("Male 男") if str(value) == "M" else _("Female 女")
    if isinstance(value, StrEnum):
        return label(value) or str(value.value)
    if isinstance(value, str) and (named := _stored_enum(name, value)):
        return named
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


STORED_ENUMS: dict[str, tuple[type[StrEnum], ...]] = {
    "kind": (FilingKind, DocumentKind), "status": (FilingStatus,), "decision": (Decision,),
    "citizenship": (Citizenship,), "relation": (Relation,), "title_level": (TitleLevel,),
    "employer_type": (EmployerType,), "marital_status": (MaritalStatus,)}


def _stored_enum(name: str, value: str) -> str:
    """A stored enum value (the history keeps rows as plain text) by its label; '' when it is none of them."""
    for kind in STORED_ENUMS.get(name, ()):
        try:
            member = kind(value)
        except ValueError:
            continue
        if isinstance(member, DocumentKind):
            return kind_label(member)
        if isinstance(member, MaritalStatus):
            return {"single": _("Single 未婚"), "married": _("Married 已婚"), "divorced": _("Divorced 离异"),
                    "widowed": _("Widowed 丧偶")}[member.value]
        return label(member)
    return ""
