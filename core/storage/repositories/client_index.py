"""What the client list searches, for every applicant in a few queries: family links, passport and permit numbers,
employers. The window builds its search text from these (core.records.client_search)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from core.records.identity import ApplicantId
from core.storage.sqlite.db import Connection

_PERMITS = ("residence_permit", "work_permit", "work_permit_notice", "pr_card", "visa")


@dataclass(frozen=True)
class ClientFacts:
    """Searchable numbers and names of one applicant beyond the applicant row itself."""

    passports: tuple[str, ...] = ()
    permits: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()


def principals(conn: Connection) -> dict[ApplicantId, ApplicantId]:
    """Each dependant's principal (applicants not listed file alone or are principals)."""
    return {ApplicantId(int(a)): ApplicantId(int(p)) for a, p in conn.execute(
        "SELECT applicant_id, principal_id FROM person_profile WHERE principal_id IS NOT NULL")}


def client_facts(conn: Connection) -> dict[ApplicantId, ClientFacts]:
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"p": [], "d": [], "e": []})
    for a, number in conn.execute("SELECT applicant_id, number FROM passport ORDER BY applicant_id, id"):
        found[int(a)]["p"].append(str(number))
    marks = ", ".join("?" for _ in _PERMITS)
    for a, number in conn.execute(f"SELECT applicant_id, number FROM document WHERE kind IN ({marks})"
                                  " AND number <> '' ORDER BY applicant_id, id", _PERMITS):
        found[int(a)]["d"].append(str(number))
    for a, zh, en in conn.execute("SELECT applicant_id, employer_zh, employer_en FROM employment"
                                  " ORDER BY applicant_id, start_date, id"):
        found[int(a)]["e"] += [str(x) for x in (zh, en) if x]
    return {ApplicantId(a): ClientFacts(tuple(v["p"]), tuple(v["d"]), tuple(v["e"])) for a, v in found.items()}
