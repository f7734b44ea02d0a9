"""The client list of a firm: applicants grouped in families, a search text per client, a status per client."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from core.records.client_search import search_text
from core.records.identity import Applicant, ApplicantId
from core.storage.repositories.client_index import client_facts, principals
from core.storage.repositories.repositories import ApplicantRepository
from core.storage.sqlite.db import Connection

if TYPE_CHECKING:
    from core.deadlines.item import DeadlineItem


class ClientStatus(StrEnum):
    """The badge on a client's row, worst first."""

    OVERDUE = "overdue"
    READY_TO_FILE = "ready_to_file"  # a filing window is open (a filing deadline is urgent or soon)
    DUE_SOON = "due_soon"
    OK = "ok"


@dataclass(frozen=True)
class ClientRow:
    applicant: Applicant
    principal_id: ApplicantId | None  # None: a principal (or someone filing alone)


def client_rows(conn: Connection) -> list[ClientRow]:
    """Every applicant, each family's principal followed by their dependants, families by the principal's name."""
    links = principals(conn)
    people = ApplicantRepository(conn).list()
    by_id = {a.id: a for a in people}
    dependants: dict[ApplicantId, list[Applicant]] = {}
    for a in people:
        p = links.get(a.id) if a.id is not None else None
        if p is not None and p in by_id:
            dependants.setdefault(p, []).append(a)
    rows = []
    for a in people:
        if a.id is None or (links.get(a.id) in by_id):
            continue
        rows.append(ClientRow(a, None))
        rows += [ClientRow(d, a.id) for d in dependants.get(a.id, ())]
    return rows


def search_texts(conn: Connection, applicant_ids: Iterable[ApplicantId] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> dict[ApplicantId, str]:
    """Each applicant's search text (slow-ish: pinyin; run it off the GUI thread for a firm), with
    `progress(done, total)` every 500 people."""
    facts = client_facts(conn)
    wanted = set(applicant_ids) if applicant_ids is not None else None
    out = {}
    people = ApplicantRepository(conn).list()
    for n, a in enumerate(people):
        if progress is not None and n % 500 == 499:
            progress(n + 1, len(people))
        if a.id is None or (wanted is not None and a.id not in wanted):
            continue
        f = facts.get(a.id)
        out[a.id] = search_text(a, (*f.passports, *f.permits) if f else (), f.employers if f else ())
    return out


def statuses(items: Iterable[DeadlineItem]) -> dict[ApplicantId, ClientStatus]:
    """The badge of each applicant that has deadline items."""
    from core.deadlines.item import DeadlineKind, Urgency  # light: not the deadline rules

    filing_windows = (DeadlineKind.RP_FILING, DeadlineKind.WP_FILING, DeadlineKind.RP_CHANGE)
    rank = list(ClientStatus)
    out: dict[ApplicantId, ClientStatus] = {}
    for i in items:
        if i.urgency is Urgency.OVERDUE:
            s = ClientStatus.OVERDUE
        elif i.urgency in (Urgency.URGENT, Urgency.SOON):
            s = ClientStatus.READY_TO_FILE if i.kind in filing_windows else ClientStatus.DUE_SOON
        else:
            s = ClientStatus.OK
        old = out.get(i.applicant_id)
        if old is None or rank.index(s) < rank.index(old):
            out[i.applicant_id] = s
    return out
