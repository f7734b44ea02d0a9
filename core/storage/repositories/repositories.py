"""The only SQL of Juliu's records: repositories that take and return frozen dataclasses."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from core.records.identity import (
    Applicant,
    ApplicantId,
    Crossing,
    CrossingId,
    Direction,
    Passport,
    PassportId,
    PassportType,
    Sex,
)
from core.storage.repositories.convert import date_in, date_out, time_in, time_out
from core.storage.repositories.versions import delete_row, update_row
from core.storage.sqlite.db import Connection, transaction


class NotFoundError(LookupError):
    """A record id that does not exist (any more); core/services/lookup.py turns it into the user's error."""

    def __init__(self, kind: str, record_id: object):
        super().__init__(f"{kind} {record_id}")
        self.kind = kind
        self.record_id = record_id


class ApplicantRepository:
    COLUMNS = "id, family_name, given_names, chinese_name, sex, birth_date, nationality, city, version"

    def __init__(self, conn: Connection):
        self._conn = conn

    @staticmethod
    def row(r: Any) -> Applicant:
        return Applicant(
            id=ApplicantId(int(r[0])),
            family_name=str(r[1]),
            given_names=str(r[2]),
            chinese_name=str(r[3]),
            sex=Sex(r[4]) if r[4] else None,
            birth_date=date_in(r[5]),
            nationality=str(r[6]),
            city=str(r[7]),
            version=int(r[8]) if len(r) > 8 else 0,
        )

    @staticmethod
    def _values(a: Applicant) -> tuple[object, ...]:
        return (a.family_name, a.given_names, a.chinese_name, a.sex.value if a.sex else None,
                date_out(a.birth_date), a.nationality, a.city)

    def add(self, applicant: Applicant) -> Applicant:
        with transaction(self._conn):
            cur = self._conn.execute(
                "INSERT INTO applicant (family_name, given_names, chinese_name, sex, birth_date, nationality, city)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", self._values(applicant))
        return dataclasses.replace(applicant, id=ApplicantId(int(cur.lastrowid or 0)), version=1)

    def update(self, applicant: Applicant) -> Applicant:
        """Refused with ConflictError when the applicant changed since `applicant.version` was read."""
        assert applicant.id is not None
        applicant_id = applicant.id
        with transaction(self._conn):
            version = update_row(self._conn, "applicant", ("family_name", "given_names", "chinese_name", "sex",
                                 "birth_date", "nationality", "city"), self._values(applicant), applicant,
                                 lambda: self.get(applicant_id))
            if version is None:
                raise NotFoundError("applicant", applicant.id)
        return dataclasses.replace(applicant, version=version)

    def get(self, applicant_id: ApplicantId) -> Applicant:
        row = self._conn.execute(f"SELECT {self.COLUMNS} FROM applicant WHERE id=?", (applicant_id,)).fetchone()
        if row is None:
            raise NotFoundError("applicant", applicant_id)
        return self.row(row)

    def list(self) -> list[Applicant]:
        rows = self._conn.execute(
            f"SELECT {self.COLUMNS} FROM applicant ORDER BY family_name COLLATE NOCASE, given_names, id")
        return [self.row(r) for r in rows]

    def ids(self) -> tuple[ApplicantId, ...]:
        return tuple(ApplicantId(int(r[0])) for r in self._conn.execute("SELECT id FROM applicant ORDER BY id"))

    def delete(self, applicant_id: ApplicantId, version: int = 0) -> None:
        """With the version the user loaded, refused (ConflictError) when someone changed the applicant since."""
        with transaction(self._conn):
            delete_row(self._conn, "applicant", applicant_id, version, lambda: self.get(applicant_id))


class PassportRepository:
    COLUMNS = "id, applicant_id, number, issuing_country, issue_date, expiry_date, version, passport_type"

    def __init__(self, conn: Connection):
        self._conn = conn

    @staticmethod
    def row(r: Any) -> Passport:
        expiry = date_in(r[5])
        assert expiry is not None
        return Passport(id=PassportId(int(r[0])), applicant_id=ApplicantId(int(r[1])),
                        number=str(r[2]), issuing_country=str(r[3]),
                        issue_date=date_in(r[4]), expiry_date=expiry, version=int(r[6]) if len(r) > 6 else 0,
                        passport_type=PassportType(r[7]) if len(r) > 7 and r[7] else None)

    def add(self, p: Passport) -> Passport:
        with transaction(self._conn):
            cur = self._conn.execute(
                "INSERT INTO passport (applicant_id, number, issuing_country, issue_date, expiry_date, passport_type)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (p.applicant_id, p.number, p.issuing_country, date_out(p.issue_date), date_out(p.expiry_date),
                 p.passport_type.value if p.passport_type else None))
        return dataclasses.replace(p, id=PassportId(int(cur.lastrowid or 0)), version=1)

    def update(self, p: Passport) -> Passport:
        with transaction(self._conn):
            version = update_row(self._conn, "passport",
                                 ("number", "issuing_country", "issue_date", "expiry_date", "passport_type"),
                                 (p.number, p.issuing_country, date_out(p.issue_date), date_out(p.expiry_date),
                                  p.passport_type.value if p.passport_type else None), p,
                                 lambda: self.get(PassportId(int(p.id or 0))))
            if version is None:
                raise NotFoundError("passport", p.id)
        return dataclasses.replace(p, version=version)

    def get(self, passport_id: PassportId) -> Passport:
        row = self._conn.execute(f"SELECT {self.COLUMNS} FROM passport WHERE id=?", (passport_id,)).fetchone()
        if row is None:
            raise NotFoundError("passport", passport_id)
        return self.row(row)

    def list_for(self, applicant_id: ApplicantId) -> list[Passport]:
        rows = self._conn.execute(
            f"SELECT {self.COLUMNS} FROM passport WHERE applicant_id=? ORDER BY expiry_date DESC, id",
            (applicant_id,))
        return [self.row(r) for r in rows]

    def delete(self, passport_id: PassportId) -> None:
        with transaction(self._conn):
            self._conn.execute("DELETE FROM passport WHERE id=?", (passport_id,))

    def numbers_by_applicant(self) -> dict[ApplicantId, list[str]]:
        """Every stored passport number by applicant, for duplicate checks (core.records.duplicates)."""
        found: dict[ApplicantId, list[str]] = {}
        for applicant_id, number in self._conn.execute("SELECT applicant_id, number FROM passport"):
            found.setdefault(ApplicantId(int(applicant_id)), []).append(str(number))
        return found


class CrossingRepository:
    COLUMNS = "id, applicant_id, date, time, direction, port, note, planned, version"

    def __init__(self, conn: Connection):
        self._conn = conn

    @staticmethod
    def row(r: Any) -> Crossing:
        day = date_in(r[2])
        assert day is not None
        return Crossing(id=CrossingId(int(r[0])), applicant_id=ApplicantId(int(r[1])),
                        date=day, time=time_in(r[3]), direction=Direction(r[4]),
                        port=str(r[5]), note=str(r[6]), planned=bool(r[7]), version=int(r[8]) if len(r) > 8 else 0)

    @staticmethod
    def _values(c: Crossing) -> tuple[object, ...]:
        return (date_out(c.date), time_out(c.time), c.direction.value, c.port, c.note, int(c.planned))

    def _insert(self, applicant_id: ApplicantId, c: Crossing) -> Crossing:
        cur = self._conn.execute(
            "INSERT INTO crossing (applicant_id, date, time, direction, port, note, planned)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", (applicant_id, *self._values(c)))
        return dataclasses.replace(c, id=CrossingId(int(cur.lastrowid or 0)), applicant_id=applicant_id, version=1)

    def add(self, applicant_id: ApplicantId, crossing: Crossing) -> Crossing:
        return self.add_many(applicant_id, [crossing])[0]

    def add_many(self, applicant_id: ApplicantId, crossings: Iterable[Crossing]) -> list[Crossing]:
        """All or nothing: one transaction for the whole batch."""
        with transaction(self._conn):
            return [self._insert(applicant_id, c) for c in crossings]

    def update(self, crossing: Crossing) -> Crossing:
        with transaction(self._conn):
            version = update_row(self._conn, "crossing", ("date", "time", "direction", "port", "note", "planned"),
                                 self._values(crossing), crossing, lambda: self.get(CrossingId(int(crossing.id or 0))))
            if version is None:
                raise NotFoundError("crossing", crossing.id)
        return dataclasses.replace(crossing, version=version)

    def get(self, crossing_id: CrossingId) -> Crossing:
        row = self._conn.execute(f"SELECT {self.COLUMNS} FROM crossing WHERE id=?", (crossing_id,)).fetchone()
        if row is None:
            raise NotFoundError("crossing", crossing_id)
        return self.row(row)

    def delete(self, crossing_ids: Sequence[CrossingId]) -> None:
        with transaction(self._conn):
            self._conn.executemany("DELETE FROM crossing WHERE id=?", [(i,) for i in crossing_ids])

    def list_for(self, applicant_id: ApplicantId, *, planned: bool | None = None,
                 until: dt.date | None = None) -> list[Crossing]:
        """In insertion order within a date; callers sort with presence.sort_crossings."""
        sql = f"SELECT {self.COLUMNS} FROM crossing WHERE applicant_id=?"
        args: list[object] = [applicant_id]
        if planned is not None:
            sql += " AND planned=?"
            args.append(int(planned))
        if until is not None:
            sql += " AND date<=?"
            args.append(until.isoformat())
        rows = self._conn.execute(sql + " ORDER BY date, id", args)
        return [self.row(r) for r in rows]


class SettingRepository:
    """User overrides of rule defaults, as JSON text per key."""

    def __init__(self, conn: Connection):
        self._conn = conn

    def all(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self._conn.execute("SELECT key, value FROM setting")}

    def set(self, key: str, json_value: str) -> None:
        with transaction(self._conn):
            self._conn.execute("INSERT INTO setting (key, value) VALUES (?, ?)"
                               " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, json_value))

    def reset(self, key: str) -> None:
        with transaction(self._conn):
            self._conn.execute("DELETE FROM setting WHERE key=?", (key,))
