"""What a stored field, a record kind and a case file's path are called on screen, in the user's language: one
table for core's problems (a file's problem names the field as the dialogs label it, never an id such as
family_name) and for the window (conflicts, history, dialogs' problem lines)."""
from __future__ import annotations

import re

from core.i18n import _


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
        "data": _("File content 文件内容"),
        "birth_place": _("Place of birth 出生地"), "phone": _("Phone 电话"),
        "marital_status": _("Marital status 婚姻状况"), "contact_name": _("Emergency contact 紧急联系人"),
        "contact_relation": _("Contact's relation 与联系人关系"), "contact_phone": _("Contact's phone 联系人电话"),
        "organisation": _("Employer or school 单位或学校"), "place": _("Place 地点"),
        "country": _("Country or region"), "income_id": _("Income year 收入年度"),
        "company": _("Company 企业"), "since": _("Since 起始日"),
        "amount_cents": _("Amount 金额"), "region": _("Region 地区"), "encouraged": _("Encouraged 鼓励类"),
        "person": _("Person 人员"), "key": _("Key in the file 文件内编号"), "owner": _("Belongs to 所属"),
        "schema": _("File format version 文件格式版本"), "trip": _("Trip 行程"),
        "condition": _("Condition 条件"), "passphrase": _("Passphrase 密码"),
        "certificates": _("Certificates 证明材料"), "passport_type": _("Passport type 护照种类"),
        "type": _("Passport type 护照种类"), "passport": _("In passport 所在护照"),
        "related": _("Certifies 所认证文件"),
        "zone": _("Development zone 所在园区"), "work": _("Counts as work 计入工作经历"),
        "experience_years": _("Work experience, years (used until work periods are recorded) 工作经历（年）"),
        "months_in_china": _("Months a year working in China 每年在华工作月数"),
        "hsk_level": _("HSK level (0 = none) 汉语水平考试等级"),
        "former_chinese_national": _("Former Chinese national 曾为中国国籍"),
        "degree_taught_in_chinese": _("Degree taught in Chinese 以中文授课获得学位"),
        "work_region": _("Work region 工作地区"),
        "category_a": _("Category-A criterion met without points A类直接认定"),
        "local_points": _("Local encouragement points 地方鼓励性加分"),
        "good_tax_record": _("Good tax record 纳税记录良好"),
        "retention_approval": _("Approval to keep PR (provincial PSB) 保留永久居留资格批准"),
        "investments_complete": _("Investments listed are all there are"),
        "recommendations_complete": _("Recommendation letters listed are all there are"),
        "packet_kind": _("Packet kind 材料包种类"),
        "amount_usd": _("Paid-in registered capital (USD) 实缴注册资本（美元）"),
        "elite": _("Elite background 特殊背景"), "mrz": _("Machine-readable zone (optional) 机读码"),
        "personal_number": _("Personal number"), "recycle_bin": _("Recycle bin 回收站"),
        "recommender": _("Recommender 推荐单位类别"), "purpose": _("Purpose 推荐事由"), "issuer": _("Issuer 推荐单位"),
    }
    return labels.get(name, name)


# A case file's sections (core.exchange.casefile) by the record kind each holds
SECTIONS = {"passports": "passport", "documents": "document", "crossings": "crossing", "addresses": "address",
            "employment": "employment", "income": "income_year", "filings": "filing", "resume": "resume_period",
            "residence_history": "residence_period", "attachments": "attachment", "investments": "investment",
            "recommendations": "recommendation", "certificates": "income_certificate"}
_STEP = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def problem_field(field: str) -> str:
    """A problem's field as a user reads it: an id by its label ('family_name' -> 'Family name (as in passport)'),
    a case file's JSON path by its record and label ('$.passports[1].expiry_date' -> 'Passport 2 · Date of
    expiry'; 'income[0].year' alike); an option (--out) or a name the file made up stays as written."""
    if field == "row":  # the whole row: its line number says it
        return ""
    if field.startswith("-"):
        return field
    if not field.startswith("$") and "[" not in field:
        return field_label(field)
    steps = []
    for name, index in _STEP.findall(field.removeprefix("$")):
        if name == "principal":
            what = _("Principal applicant 主申请人")
        elif name == "dependants":
            what = _("Dependant 随行家属")
        elif name in SECTIONS:
            what = table_label(SECTIONS[name])
        else:
            what = field_label(name)
        steps.append(_("{what} {n}").format(what=what, n=int(index) + 1) if index else what)
    return " · ".join(steps) or field
