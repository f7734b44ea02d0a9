"""What the deadline rules read, for many people in a few queries (the firm view at 10,000 clients).

core.deadlines.items reads current documents, passports, addresses, open filings, the last recorded crossing
(accommodation registration) and, for PR holders, the crossings of the last and the current calendar year.
Loading every person's whole record (1.3 million crossings in a firm's store) one person at a time made the
dashboard take minutes; this reads only those rows, grouped by applicant.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from core.records.identity import ApplicantId, Crossing
from core.records.model import Citizenship, DocumentKind, PersonProfile, PersonRecords
from core.storage.repositories.record_repositories import (
    ADDRESS,
    DOCUMENT,
    FILING,
    PROFILE_COLUMNS,
    ProfileRepository,
)
from core.storage.repositories.repositories import ApplicantRepository, CrossingRepository, PassportRepository
from core.storage.sqlite.db import Connection

R = TypeVar("R")
_CHUNK = 500  # ids per IN (...) list; SQLite's default limit on host parameters is far above this


def _chunks(ids: Sequence[int] | None, column: str = "applicant_id") -> Iterator[tuple[str, list[object]]]:
    """(condition, arguments) pieces that together select `ids`; one piece selecting all rows for None."""
    if ids is None:
        yield "1=1", []
        return
    for start in range(0, len(ids), _CHUNK):
        chunk: list[object] = list(ids[start:start + _CHUNK])
        yield f"{column} IN ({', '.join('?' for _ in chunk)})", chunk


def _grouped(conn: Connection, sql: str, ids: Sequence[int] | None, row: Callable[[Any], R],
             owner: Callable[[R], int], extra: Sequence[object] = (), column: str = "applicant_id",
             ) -> dict[int, list[R]]:
    """Rows of `sql` (with `{where}` for the applicant condition) grouped by their owner, in query order."""
    out: dict[int, list[R]] = defaultdict(list)
    for where, args in _chunks(ids, column):
        for r in conn.execute(sql.format(where=where), (*args, *extra)):
            record = row(r)
            out[owner(record)].append(record)
    return out


def _select(table: Any, order: str, condition: str = "") -> str:
    return (f"SELECT id, {', '.join(table.columns)} FROM {table.name} WHERE ({{where}}){condition}"
            f" ORDER BY applicant_id, {order}")


def _last_dates(conn: Connection, ids: Sequence[int] | None, before: dt.date) -> dict[int, str]:
    """Each applicant's latest recorded crossing date strictly before `before`."""
    found: dict[int, str] = {}
    for where, args in _chunks(ids):
        found.update((int(a), str(d)) for a, d in conn.execute(
            f"SELECT applicant_id, MAX(date) FROM crossing WHERE ({where}) AND planned=0 AND date<?"
            " GROUP BY applicant_id", (*args, before.isoformat())))
    return found


def _crossings_on(conn: Connection, wanted: dict[int, str]) -> dict[int, list[Crossing]]:
    """The recorded crossings of each applicant on the date given for them (several on one date keep their order)."""
    out: dict[int, list[Crossing]] = defaultdict(list)
    items = sorted(wanted.items())
    for start in range(0, len(items), _CHUNK):
        chunk = items[start:start + _CHUNK]
        pairs = " OR ".join("(applicant_id=? AND date=?)" for _ in chunk)
        args = [v for pair in chunk for v in pair]
        for r in conn.execute(f"SELECT {CrossingRepository.COLUMNS} FROM crossing WHERE planned=0 AND ({pairs})"
                              " ORDER BY applicant_id, date, id", args):
            c = CrossingRepository.row(r)
            out[int(c.applicant_id or 0)].append(c)
    return out


def _crossings(conn: Connection, ids: Sequence[int] | None, holders: set[int],
               as_of: dt.date) -> dict[int, list[Crossing]]:
    """The last recorded crossing for everyone; the last and current year's (and the state before) for PR holders."""
    window = dt.date(as_of.year - 1, 1, 1)
    last = _last_dates(conn, ids, as_of + dt.timedelta(days=1))
    before = _last_dates(conn, sorted(holders), window) if holders else {}
    wanted = {a: d for a, d in last.items() if a not in holders}
    wanted.update(before)
    out = _crossings_on(conn, wanted)
    if holders:
        recent = _grouped(conn, f"SELECT {CrossingRepository.COLUMNS} FROM crossing WHERE ({{where}})"
                          " AND planned=0 AND date>=? ORDER BY applicant_id, date, id",
                          sorted(holders), CrossingRepository.row, lambda c: int(c.applicant_id or 0),
                          (window.isoformat(),))
        for a, rows in recent.items():
            out[a].extend(rows)
    return out


def _profiles(conn: Connection, ids: Sequence[int] | None) -> dict[int, PersonProfile]:
    """The profiles of `ids` only (the window computes in chunks of clients: reading all for each was 15 % of it)."""
    if ids is None:
        return {int(k): v for k, v in ProfileRepository(conn).all().items()}
    found = _grouped(conn, f"SELECT applicant_id, {PROFILE_COLUMNS} FROM person_profile WHERE ({{where}})", ids,
                     lambda r: ProfileRepository.row_of(ApplicantId(r[0]), r[1:]), lambda p: int(p.applicant_id))
    return {a: rows[0] for a, rows in found.items()}


def load_for_deadlines(conn: Connection, as_of: dt.date,
                       applicant_ids: Iterable[ApplicantId] | None = None) -> list[PersonRecords]:
    """The people of `applicant_ids` (everyone for None, in applicant id order) with what deadlines read."""
    ids = sorted({int(a) for a in applicant_ids}) if applicant_ids is not None else None
    applicants = _grouped(conn, f"SELECT {ApplicantRepository.COLUMNS} FROM applicant WHERE ({{where}}) ORDER BY id",
                          ids, ApplicantRepository.row, lambda a: int(a.id or 0), column="id")
    passports = _grouped(conn, f"SELECT {PassportRepository.COLUMNS} FROM passport WHERE ({{where}})"
                         " ORDER BY applicant_id, id", ids, PassportRepository.row, lambda p: int(p.applicant_id))
    documents = _grouped(conn, _select(DOCUMENT, "kind, expiry_date, issue_date, id"), ids, DOCUMENT.row,
                         lambda d: int(d.applicant_id))
    addresses = _grouped(conn, _select(ADDRESS, "moved_in, id"), ids, ADDRESS.row, lambda a: int(a.applicant_id))
    filings = _grouped(conn, _select(FILING, "filing_date, id", " AND status<>'decided'"), ids, FILING.row,
                       lambda f: int(f.applicant_id))
    profiles = _profiles(conn, ids)
    holders = {a for a in applicants
               if profiles.get(a, PersonProfile(ApplicantId(a))).citizenship is Citizenship.PR_HOLDER
               or any(d.kind is DocumentKind.PR_CARD for d in documents.get(a, ()))}
    crossings = _crossings(conn, ids, holders, as_of)
    return [PersonRecords(
        applicant=people[0],
        profile=profiles.get(a, PersonProfile(ApplicantId(a))),
        passports=tuple(passports.get(a, ())),
        documents=tuple(documents.get(a, ())),
        crossings=tuple(crossings.get(a, ())),
        addresses=tuple(addresses.get(a, ())),
        filings=tuple(filings.get(a, ()))) for a, people in sorted(applicants.items())]
