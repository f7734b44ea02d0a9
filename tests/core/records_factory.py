"""Small builders for PersonRecords used by the deadline and case-file tests."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core.deadlines.config import DeadlineSettings, load_deadline_rules
from core.records.identity import Applicant, ApplicantId, Crossing, Passport
from core.records.model import Address, Citizenship, Document, Filing, PersonProfile, PersonRecords

RULES = load_deadline_rules()
SETTINGS = DeadlineSettings(wp_lead_days_by_city=(("Shenzhen", 45), ("深圳", 45)))


def person(*, documents: Sequence[Document] = (), passports: Sequence[Passport] = (),
           crossings: Sequence[Crossing] = (), addresses: Sequence[Address] = (), filings: Sequence[Filing] = (),
           citizenship: Citizenship = Citizenship.FOREIGN, city: str = "北京 Beijing") -> PersonRecords:
    aid = ApplicantId(1)
    return PersonRecords(Applicant("Wang", "Xiaoming", "王小明", city=city, id=aid),
                         PersonProfile(aid, citizenship), tuple(passports), tuple(documents), (),
                         tuple(crossings), tuple(addresses), (), (), tuple(filings))


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
