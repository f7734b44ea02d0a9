"""The facts a packet kind's checklist conditions may ask about, computed once per filing by the caller."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_type_hints

from core.records.documents import VISA_TYPES
from core.records.model import FilingKind

FactType = Literal["int", "bool", "str", "list", "date"]


@dataclass(frozen=True)
class PacketFacts:
    """Plain values about one filing; condition strings in templates/ name these fields (docs/packets.md)."""

    kind: str  # packet kind id, e.g. "pr_spouse"
    filing_date: dt.date  # intended filing (acceptance) date: validity windows and ages are taken on it
    age: int  # the applicant's completed years on the filing date (see age_on)
    city: str = ""  # city layer id (beijing, shanghai, guangzhou, shenzhen) or "" for the national list only
    route: str = ""  # eligibility route; "" takes the kind's own route
    permit_months: int = 0  # requested permit term in months (RP / work permit); 0 when not applicable
    term_requested: bool = True  # false: no term was asked (a first permit), it runs to what caps it (term.py)
    ncr_countries: tuple[str, ...] = ()  # countries (not China) lived in for 2+ consecutive years (DOMAIN §1.2)
    marriage_registered_abroad: bool = False  # marriage registered outside mainland China (legalise, §1.7)
    sponsor_is_chinese: bool = False  # the relative in China is a Chinese citizen (else a foreign PR holder)
    relationship: str = ""  # family reunion: spouse / child / parent / other
    same_family_as_before: bool = True  # family RP renewal with the same members: no new relationship proof
    medical_given_for_work_permit: bool = False  # BJ-RP item 4: the medical check was already given for the WP
    home: str = "leased"  # leased / owned / third_party (spouse and elderly routes: housing proof)
    foreign_documents: bool = True  # some documents are not in Chinese: stamped translations needed (§5.5)
    employer_is_fie: bool = False  # foreign-invested employer: FIE approval / filing receipt
    chinese_origin: bool = False  # foreign national of Chinese origin
    wp_category: str = ""  # work permit category claimed: A / B / C
    citizenship: str = "foreign"  # foreign / chinese_citizen / pr_holder (the applicant's standing in China)
    permits_held: tuple[str, ...] = ()  # valid on the filing date: work_permit, rp_work, pr_card, visa_work, …
    family_permits_held: tuple[str, ...] = ()  # the same for the relative the route rests on (the principal)
    adult: bool = True  # age >= the packet_adult_age setting (DOMAIN open question 17): adult-only items, signatures
    entry_visa: str = ""  # the letter of the visa valid on the last entry on or before the filing date ("Z", "S1")
    days_since_entry: int = -1  # days from that entry to the filing date; -1 when no entry is recorded
    # completed years from the first recorded crossing, an entry, to the filing date; -1 when none is recorded or
    # the first is an exit (the person was in China before the records start)
    years_since_first_entry: int = -1
    passport_changed: bool = False  # the residence permit held is recorded in an older passport than the newest
    days_since_new_passport: int = -1  # days from the newest passport's issue to the filing date; -1 unknown
    dependant: bool = False  # recorded as a dependant of a principal (spouse, child or parent filed with them)
    family_filings: tuple[str, ...] = ()  # the relative's filings under way (preparing..accepted): pr_application


# What a person may hold on the filing date (core.records.model: RP subtypes, visas by purpose).
PERMITS = ("work_permit", "rp_work", "rp_study", "rp_journalist", "rp_family_reunion", "rp_personal_affairs",
           "rp_other", "pr_card", "visa_work", "visa_family", "visa_other")

# Allowed text values of some facts, so a misspelt value in a template is an error, not a silent "never".
FACT_CHOICES: dict[str, tuple[str, ...]] = {
    "relationship": ("", "spouse", "child", "parent", "other"),
    "home": ("leased", "owned", "third_party"),
    "wp_category": ("", "A", "B", "C"),
    "citizenship": ("foreign", "chinese_citizen", "pr_holder"),
    "permits_held": PERMITS,
    "family_permits_held": PERMITS,
    "entry_visa": ("", *VISA_TYPES),
    "family_filings": tuple(k.value for k in FilingKind),
}


def fact_types() -> dict[str, FactType]:
    """Each fact's type as conditions see it: tuples are lists, dates compare with ISO strings."""
    mapping: dict[object, FactType] = {int: "int", bool: "bool", str: "str", dt.date: "date"}
    types: dict[str, FactType] = {}
    for name, hint in get_type_hints(PacketFacts).items():
        types[name] = "list" if getattr(hint, "__origin__", None) is tuple else mapping[hint]
    return types


def facts_values(facts: PacketFacts) -> dict[str, object]:
    return {f.name: getattr(facts, f.name) for f in dataclasses.fields(facts)}


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years on `day`; someone born on 29 February turns a year older on 1 March."""
    years = day.year - birth_date.year
    return years - 1 if (day.month, day.day) < (birth_date.month, birth_date.day) else years
