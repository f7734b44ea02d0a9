"""The `letter.*` values the letters read (templates/letters, issue 10 §7), beside the forms' values: names and
nationality in each language, the job, the contract, the permits and the office the letter is addressed to.

A value the records do not hold is left out, so the letter prints a line to fill in by hand. Pure.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from babel import Locale
from babel.core import get_global

from core.packets.content import Text
from core.packets.records.from_records import FilingRecords, current, current_job
from core.records.documents import KIND_NAMES, RP_TYPE_NAMES
from core.records.model import DocumentKind, ResidencePermitType

_ZH, _EN = Locale.parse("zh_Hans_CN"), Locale.parse("en")
LOCAL = Text("当地", "local")
_HANZI = re.compile(r"[\u3400-\u9fff]")


def _country(code: str, locale: Locale) -> str:
    alpha2 = get_global("territory_aliases").get(code, [""])[0]
    return (locale.territories.get(alpha2, "") if alpha2 else "") or code


def _permit(records: FilingRecords, day: dt.date) -> dict[str, Any]:
    doc = current(records.person.documents, (DocumentKind.RESIDENCE_PERMIT,), day)
    if doc is None:
        return {}
    zh, en = KIND_NAMES[DocumentKind.RESIDENCE_PERMIT]
    if doc.subtype:
        type_zh, type_en = RP_TYPE_NAMES[ResidencePermitType(doc.subtype)]
        zh, en = f"{type_zh}类居留许可", f"{type_en} residence permit"
    return {"permit_zh": zh, "permit_en": en, "permit_number": doc.number, "permit_until": doc.expiry_date}


def split_languages(text: str) -> tuple[str, str]:
    """"副总经理 Deputy General Manager" -> ("副总经理", "Deputy General Manager"): the words with hanzi for the
    Chinese line, the rest for the English line; text in one language serves both."""
    words = text.split()
    zh = " ".join(w for w in words if _HANZI.search(w))
    en = " ".join(w for w in words if not _HANZI.search(w))
    return zh or text, en or text


def letter_values(records: FilingRecords, day: dt.date, kind: Text, city: Text | None) -> dict[str, Any]:
    """{"letter": {...}} for `records` on the filing date `day`, for the kind `kind` filed in `city`."""
    a = records.person.applicant
    latin = a.latin_name
    values: dict[str, Any] = {
        "name_zh": f"{a.chinese_name}（{latin}）" if a.chinese_name and latin else a.chinese_name or latin,
        "name_en": latin or a.chinese_name,
        "kind_zh": kind.zh, "kind_en": kind.en,
        "city_zh": f"{city.zh}市" if city else LOCAL.zh, "city_en": (city or LOCAL).en,
    }
    if a.nationality:
        values |= {"nationality_zh": _country(a.nationality, _ZH), "nationality_en": _country(a.nationality, _EN)}
    job = current_job(records.person.employment, day)
    if job is not None:
        values |= {"employer_zh": job.employer_zh, "employer_en": job.employer_en or job.employer_zh,
                   "credit_code": job.credit_code, "job_start": job.start_date}
        values["position_zh"], values["position_en"] = split_languages(job.position)
    contract = current(records.person.documents, (DocumentKind.EMPLOYMENT_CONTRACT,), day)
    end = contract.expiry_date if contract is not None else (job.end_date if job else None)
    if end is not None:
        values["contract_end"] = end
    permit = current(records.person.documents, (DocumentKind.WORK_PERMIT,), day)
    if permit is not None:
        values |= {"work_permit": permit.number, "work_permit_until": permit.expiry_date}
    values |= _permit(records, day)
    return {"letter": {key: value for key, value in values.items() if value not in (None, "")}}
