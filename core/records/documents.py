"""Document knowledge: bilingual kind names (DOMAIN §7.4), validity rules from rules/documents.toml, and the
format checks DOMAIN gives (Five-Star PR card, unified social credit code, scan file types)."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from core.i18n import _
from core.records.model import DegreeLevel, Document, DocumentKind, MediaType, ResidencePermitType, WorkPermitCategory
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, field, load_toml

KIND_NAMES: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.VISA: ("签证", "Visa"),
    DocumentKind.RESIDENCE_PERMIT: ("外国人居留许可", "Residence permit"),
    DocumentKind.WORK_PERMIT: ("外国人工作许可证", "Foreigner's Work Permit"),
    DocumentKind.WORK_PERMIT_NOTICE: ("外国人工作许可通知", "Work permit notification letter"),
    DocumentKind.PR_CARD: ("外国人永久居留身份证", "Foreign Permanent Resident ID Card"),
    DocumentKind.ACCOMMODATION_REGISTRATION: ("境外人员临时住宿登记表", "Accommodation registration"),
    DocumentKind.MEDICAL_VERIFICATION: ("境外人员体格检查记录验证证明", "Medical examination verification"),
    DocumentKind.HEALTH_CERTIFICATE: ("健康检查证明书", "Health certificate"),
    DocumentKind.NO_CRIMINAL_RECORD: ("无犯罪记录证明", "No-criminal-record certificate"),
    DocumentKind.APOSTILLE: ("附加证明书（海牙认证）", "Apostille"),
    DocumentKind.LEGALISATION: ("领事认证", "Consular legalisation"),
    DocumentKind.EMPLOYMENT_CONTRACT: ("聘用合同", "Employment contract"),
    DocumentKind.EMPLOYMENT_CERTIFICATE: ("任职证明 / 派遣函", "Certificate of employment / secondment letter"),
    DocumentKind.EMPLOYER_RECOMMENDATION: ("单位推荐函", "Employer recommendation letter"),
    DocumentKind.EMPLOYER_VERIFICATION: ("单位证明函", "Employer verification letter"),
    DocumentKind.BUSINESS_LICENCE: ("营业执照（副本）/ 事业单位法人证书", "Business licence / institution certificate"),
    DocumentKind.FIE_APPROVAL: ("外商投资企业批准证书 / 备案回执", "FIE approval / filing receipt"),
    DocumentKind.WAGE_CERTIFICATE: ("工资凭证 / 收入证明", "Wage / income certificate"),
    DocumentKind.TAX_CERTIFICATE: ("个人所得税完税证明", "IIT payment certificate"),
    DocumentKind.MARRIAGE_CERTIFICATE: ("结婚证 / 婚姻关系证明", "Marriage certificate"),
    DocumentKind.BIRTH_CERTIFICATE: ("出生证明", "Birth certificate"),
    DocumentKind.KINSHIP_CERTIFICATE: ("亲属关系公证", "Notarised kinship certificate"),
    DocumentKind.HUKOU: ("户口簿 / 居民身份证", "Household register / resident ID card"),
    DocumentKind.LEASE: ("房屋租赁合同", "Lease contract"),
    DocumentKind.PROPERTY_CERTIFICATE: ("房屋产权证", "Property ownership certificate"),
    DocumentKind.LIVELIHOOD_PROOF: ("经公证的生活保障证明", "Notarised proof of livelihood"),
    DocumentKind.BANK_DEPOSIT: ("银行存款证明", "Bank deposit certificate"),
    DocumentKind.DEGREE: ("学历学位证书", "Degree / diploma"),
    DocumentKind.CHINESE_ORIGIN_PROOF: ("外籍华人证明", "Proof of Chinese origin"),
    DocumentKind.CV: ("个人简历", "Curriculum vitae"),
    DocumentKind.PHOTO_RECEIPT: ("照片回执", "Photo receipt"),
    DocumentKind.TRANSLATION: ("翻译件", "Translation"),
    DocumentKind.OTHER: ("其他", "Other"),
}

RP_TYPE_NAMES: dict[ResidencePermitType, tuple[str, str]] = {
    ResidencePermitType.WORK: ("工作", "Work"),
    ResidencePermitType.STUDY: ("学习", "Study"),
    ResidencePermitType.JOURNALIST: ("记者", "Journalist"),
    ResidencePermitType.FAMILY_REUNION: ("团聚", "Family reunion"),
    ResidencePermitType.PERSONAL_AFFAIRS: ("私人事务", "Personal affairs"),
}

DEGREE_NAMES: dict[DegreeLevel, tuple[str, str]] = {
    DegreeLevel.DOCTORATE: ("博士", "Doctorate"),
    DegreeLevel.MASTER: ("硕士", "Master's"),
    DegreeLevel.BACHELOR: ("学士", "Bachelor's"),
    DegreeLevel.TOP_VOCATIONAL: ("国际顶尖职业资格 / 高级技师", "Top vocational qualification / senior technician"),
    DegreeLevel.TECHNICIAN: ("技师", "Technician"),
    DegreeLevel.SENIOR_WORKER: ("高级工", "Senior worker"),
    DegreeLevel.OTHER: ("其他", "Other"),
}


def kind_label(kind: DocumentKind) -> str:
    """Bilingual name, e.g. "Residence permit 外国人居留许可"."""
    zh, en = KIND_NAMES[kind]
    return f"{en} {zh}"


VISA_TYPES = ("Z", "R", "X1", "X2", "Q1", "Q2", "S1", "S2", "J1", "J2", "M", "F", "L", "C", "D", "G")
WORK_VISAS = ("Z", "R")
FAMILY_VISAS = ("Q1", "Q2", "S1", "S2")


def subtype_choices(kind: DocumentKind) -> list[str]:
    """The values `Document.subtype` may take for this kind ('' = none)."""
    if kind is DocumentKind.RESIDENCE_PERMIT:
        return [t.value for t in ResidencePermitType]
    if kind in (DocumentKind.WORK_PERMIT, DocumentKind.WORK_PERMIT_NOTICE):
        return [c.value for c in WorkPermitCategory]
    if kind is DocumentKind.DEGREE:  # the level graded by the work-permit points table (DOMAIN §3.1)
        return [d.value for d in DegreeLevel]
    if kind is DocumentKind.VISA:  # the visa's letter: Z work, S1/Q1 family (DOMAIN §2: post-entry residence)
        return list(VISA_TYPES)
    return []


def subtype_names(kind: DocumentKind, value: str) -> tuple[str, str] | None:
    """(中文, English) of a residence-permit type or degree level; None for other subtypes."""
    if kind is DocumentKind.RESIDENCE_PERMIT:
        return RP_TYPE_NAMES.get(ResidencePermitType(value))
    if kind is DocumentKind.DEGREE:
        return DEGREE_NAMES.get(DegreeLevel(value))
    return None


def document_label(doc: Document) -> str:
    text = kind_label(doc.kind)
    if doc.subtype:
        names = subtype_names(doc.kind, doc.subtype)
        text += f" ({names[1]} {names[0]})" if names else f" ({doc.subtype})"
    if doc.issuing_country and doc.kind is DocumentKind.NO_CRIMINAL_RECORD:
        text += f" {doc.issuing_country}"
    return text + (f" {doc.number}" if doc.number else "")


# --- validity windows -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ValidityRule:
    kind: DocumentKind
    months_from_issue: int
    label_en: str
    label_zh: str
    provenance: Provenance
    certifies: DocumentKind | None = None


def load_validity_rules(path: Path = RULES_DIR / "documents.toml") -> list[ValidityRule]:
    rules = []
    for n, table in enumerate(field(load_toml(path), "validity", list, path, "")):
        where = f"validity[{n}]"
        kinds = tuple(k.value for k in DocumentKind)
        certifies = field(table, "certifies", str, path, where, default="", choices=("", *kinds))
        months = field(table, "months_from_issue", int, path, where)
        if months <= 0:
            raise RulesError(path, f"{where}.months_from_issue", "must be positive")
        rules.append(ValidityRule(
            kind=DocumentKind(field(table, "kind", str, path, where, choices=kinds)), months_from_issue=months,
            label_en=field(table, "label_en", str, path, where), label_zh=field(table, "label_zh", str, path, where),
            provenance=Provenance.read(table, path, where), certifies=DocumentKind(certifies) if certifies else None))
    return rules


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day the month lacks becomes its last day (Aug 31 + 6 → Feb 28/29)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def validity_rule(doc: Document, rules: list[ValidityRule],
                  certified: DocumentKind | None = None) -> ValidityRule | None:
    """The rule for a document; a rule naming `certifies` wins over a general one for the same kind."""
    matching = [r for r in rules if r.kind is doc.kind and r.certifies in (None, certified)]
    matching.sort(key=lambda r: r.certifies is None)
    return matching[0] if matching else None


def usable_until(doc: Document, rules: list[ValidityRule],
                 certified: DocumentKind | None = None) -> tuple[dt.date, ValidityRule | None] | None:
    """Last usable date: the earlier of the printed expiry and issue + the rule's months (DOMAIN §5)."""
    rule = validity_rule(doc, rules, certified)
    candidates: list[tuple[dt.date, ValidityRule | None]] = []
    if rule is not None and doc.issue_date is not None:
        candidates.append((add_months(doc.issue_date, rule.months_from_issue), rule))
    if doc.expiry_date is not None:
        candidates.append((doc.expiry_date, None))
    return min(candidates, key=lambda c: c[0]) if candidates else None


# --- number formats ---------------------------------------------------------------------------------------------
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def pr_card_check_character(first17: str) -> str:
    """ISO 7064 MOD 11-2 as in resident ID numbers (GB 11643); assumed for Five-Star cards (DOMAIN case 28, L)."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def check_pr_card_number(number: str, check_digit: str = "warn") -> tuple[str, list[str], list[str]]:
    """(format, errors, warnings): format is "five_star" (18 chars, starts with 9), "old" (3 letters + 12 digits)
    or "" when neither (FIVESTAR). `check_digit` is the pr_card_check_digit setting: warn, enforce or ignore."""
    value = number.strip().upper()
    if len(value) == 15 and value[:3].isalpha() and value[:3].isascii() and value[3:].isdigit():
        return "old", [], []
    if len(value) == 18 and value[:17].isdigit() and (value[17].isdigit() or value[17] == "X"):
        if not value.startswith("9"):
            return "", [_("a Five-Star card number starts with 9")], []
        expected = pr_card_check_character(value[:17])
        if check_digit != "ignore" and value[17] != expected:
            message = _("check digit {found} differs from {expected} (resident-ID rule, an assumption)").format(
                found=value[17], expected=expected)
            return ("", [message], []) if check_digit == "enforce" else ("five_star", [], [message])
        return "five_star", [], []
    return "", [_("expected a Five-Star number (18 characters starting with 9) or an old number "
                  "(3 letters and 12 digits)")], []


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def credit_code_problem(code: str) -> str | None:
    """Why a unified social credit code is wrong (GB 32100-2015 format and check character), or None."""
    value = code.strip().upper()
    if len(value) != 18:
        return _("expected 18 characters, got {n}").format(n=len(value))
    bad = sorted({c for c in value if c not in _USCC_CHARS})
    if bad:
        return _("characters not allowed: {chars}").format(chars="".join(bad))
    if not value[2:8].isdigit():
        return _("characters 3-8 must be the administrative division code (digits)")
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    expected = _USCC_CHARS[(31 - total % 31) % 31]
    if value[17] != expected:
        return _("check character is {found}, expected {expected}").format(found=value[17], expected=expected)
    return None


_MAGIC = ((b"%PDF-", MediaType.PDF), (b"\xff\xd8\xff", MediaType.JPEG), (b"\x89PNG\r\n\x1a\n", MediaType.PNG))


def sniff_media_type(data: bytes) -> MediaType | None:
    """The scan's type from its first bytes (never from the file name)."""
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    return None


def usable_on(doc: Document, day: dt.date, rules: list[ValidityRule],
              certified: DocumentKind | None = None) -> bool | None:
    """Whether the document can be used on `day` (e.g. an intended acceptance date, DOMAIN cases 23–24);
    None when neither a printed expiry nor a validity rule with an issue date says."""
    until = usable_until(doc, rules, certified)
    if until is None:
        return None
    return (doc.issue_date is None or doc.issue_date <= day) and day <= until[0]


@dataclass(frozen=True)
class PrCardValidity:
    adult_age: int
    years_adult: int
    years_minor: int
    provenance: Provenance


def load_pr_card_validity(path: Path = RULES_DIR / "documents.toml") -> PrCardValidity:
    table = field(load_toml(path), "pr_card_validity", dict, path, "")
    where = "pr_card_validity"
    return PrCardValidity(field(table, "adult_age", int, path, where), field(table, "years_adult", int, path, where),
                          field(table, "years_minor", int, path, where), Provenance.read(table, path, where))


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def pr_card_validity_years(birth: dt.date, issued: dt.date, rule: PrCardValidity) -> int:
    """10 years from 18 at issue, otherwise 5 (M2004 Art. 21; DOMAIN case 27)."""
    return rule.years_adult if age_on(birth, issued) >= rule.adult_age else rule.years_minor


def pr_card_expiry_warning(doc: Document, birth: dt.date | None, rule: PrCardValidity) -> str | None:
    """A warning when a PR card's printed validity differs from what M2004 Art. 21 gives for the holder's age."""
    if doc.kind is not DocumentKind.PR_CARD or birth is None or doc.issue_date is None or doc.expiry_date is None:
        return None
    years = pr_card_validity_years(birth, doc.issue_date, rule)
    expected = add_months(doc.issue_date, 12 * years)
    if abs((doc.expiry_date - expected).days) > 1:
        return (f"a PR card issued at age {age_on(birth, doc.issue_date)} is valid {years} years "
                f"(to about {expected}), but {doc.expiry_date} was entered ({rule.provenance.source})")
    return None
