"""The use-case facade: the only entry point the UI and the CLI use for records, rules and documents."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import InputError, Problem, raise_problems
from core.i18n import current_locale
from core.presence import days as presence
from core.records.duplicates import DuplicateMatch, find_duplicates, merged_identity, passport_key
from core.records.identity import Applicant, ApplicantId, Crossing, CrossingId, Passport, PassportId
from core.records.limits import record_problems
from core.records.validate import validate_applicant, validate_passport
from core.ruledata.loader import SettingDef, Settings, load_setting_defs, setting_groups
from core.services.eligibility import EligibilityService
from core.services.lookup import stored
from core.services.records import RecordsService
from core.services.travel import TravelService
from core.storage import backups
from core.storage.cipher import needs_passphrase
from core.storage.db import DB_FILENAME, Connection, migrations, open_database
from core.storage.health import require_sound
from core.storage.repositories import (
    ApplicantRepository,
    CrossingRepository,
    PassportRepository,
    SettingRepository,
)

if TYPE_CHECKING:
    from core.services.packets import PacketService


class JuliuService:
    """Records and computations for one database file."""

    def __init__(self, conn: Connection, path: Path, passphrase: str | None = None):
        self.path = path
        self._conn = conn
        self._passphrase = passphrase  # kept for this session only: backups are written under the store's key
        self.applicants = ApplicantRepository(conn)
        self.passports = PassportRepository(conn)
        self.crossings = CrossingRepository(conn)
        self.setting_store = SettingRepository(conn)
        self._setting_defs = load_setting_defs()
        self.records = RecordsService(conn, self.settings)
        self.travel = TravelService(self.crossings, self.settings)
        self.eligibility = EligibilityService(self.records, self.settings, self._setting_defs)

    @functools.cached_property
    def packets(self) -> PacketService:
        """Built on first use: packets bring the PDF libraries, which a start-up or `case list` does not need."""
        from core.services.packets import PacketService

        return PacketService(self.records, self.travel, self.eligibility, self.settings)

    @classmethod
    def open(cls, data_dir: Path, passphrase: str | None = None, now: dt.datetime | None = None,
             daily_backup: bool = True) -> JuliuService:
        """Open, check and migrate the store; take the day's backup (checked, verified) and prune the rotation."""
        path = data_dir / DB_FILENAME
        existed = path.exists()
        conn = open_database(path, passphrase=passphrase, now=now)
        service = cls(conn, path, passphrase if needs_passphrase(path) else None)
        if existed and daily_backup:
            try:
                service.auto_backup("daily", now or dt.datetime.now(), only_if_due=True)
            except BaseException:
                service.close()
                raise
        return service

    @property
    def encrypted(self) -> bool:
        return self._passphrase is not None

    def check_passphrase(self, text: str) -> bool:
        """For the window's lock: the passphrase this session was opened with, compared in constant time."""
        return self._passphrase is not None and hmac.compare_digest(text.encode(), self._passphrase.encode())

    def close(self) -> None:
        self._conn.close()

    # --- backups (docs/security.md) ---------------------------------------------------------------------------
    def backup_policy(self) -> backups.Policy:
        s = self.settings()
        return backups.Policy(max(1, s["backup_keep_daily"]), max(0, s["backup_keep_weekly"]),
                              max(0, s["backup_keep_monthly"]))

    def auto_backup(self, reason: str, now: dt.datetime, only_if_due: bool = False) -> Path | None:
        """A rotating backup in backups/ (daily on open, before imports and restores), then the policy's pruning."""
        if only_if_due and not backups.due_daily(self.path, now.date()):
            return None
        saved = backups.write_backup(self._conn, self.path, reason, self._passphrase, now)
        backups.prune(self.path, self.backup_policy())
        return saved

    @staticmethod
    def restore(data_dir: Path, file: Path, passphrase: str | None, now: dt.datetime) -> Path | None:
        """Replace the store by a verified backup (the store must be closed); returns the copy taken of it first."""
        checked = backups.verify(file, passphrase)
        if checked.ok and checked.schema_version > migrations()[-1][0]:
            raise InputError([Problem(str(file), None, "", "was written by a newer Juliu (schema version "
                                      f"{checked.schema_version}); update Juliu first; nothing was changed")])
        return backups.restore_file(data_dir / DB_FILENAME, file, passphrase, now)

    def list_backups(self) -> list[backups.BackupInfo]:
        return backups.list_backups(self.path)

    def verify_backup(self, file: Path) -> backups.Verified:
        return backups.verify(file, self._passphrase)

    def require_sound(self) -> None:
        """The full integrity_check: run before every export, so a damaged store never leaves the machine."""
        require_sound(self._conn, self.path, None, full=True)

    def backup_to(self, target: Path, now: dt.datetime | None = None) -> Path:
        """A consistent copy of the whole case store (attachments included), safe while the app is open."""
        if target.resolve() == self.path.resolve():
            raise InputError([Problem(str(target), None, "", "is the database itself; choose another file")])
        if target.exists():
            raise InputError([Problem(str(target), None, "", "already exists; Juliu does not overwrite backups")])
        return backups.write_backup(self._conn, self.path, "manual", self._passphrase, now or dt.datetime.now(),
                                    target=target)

    # --- settings (rule defaults the user may override) -------------------------------------------------------
    def settings(self) -> Settings:
        return Settings(self._setting_defs, self.setting_store.all())

    def setting_defs(self) -> Mapping[str, SettingDef]:
        """Every setting the rules expose, with its default, label, source and note (the alternative reading)."""
        return dict(self._setting_defs)

    def setting_groups(self) -> dict[str, tuple[str, ...]]:
        """Setting keys by topic (the rules file that defines them)."""
        return setting_groups()

    def set_setting(self, key: str, value: object) -> Settings:
        if key not in self._setting_defs:
            raise InputError([Problem("", None, key, "unknown setting")])
        try:
            self._setting_defs[key].check(value)
        except ValueError as exc:
            raise InputError([Problem("", None, key, str(exc).split(": ", 1)[1])]) from None
        self.setting_store.set(key, json.dumps(value, ensure_ascii=False))
        return self.settings()

    def reset_setting(self, key: str) -> Settings:
        self.setting_store.reset(key)
        return self.settings()

    # --- applicants -------------------------------------------------------------------------------------------
    def list_applicants(self) -> list[Applicant]:
        return self.applicants.list()

    def get_applicant(self, applicant_id: ApplicantId) -> Applicant:
        return self.applicants.get(applicant_id)

    def require_applicant(self, applicant_id: ApplicantId, field: str = "applicant") -> Applicant:
        """The stored applicant; InputError naming `field` (e.g. the --applicant option) when there is none."""
        with stored(field):
            return self.applicants.get(applicant_id)

    def save_applicant(self, applicant: Applicant) -> Applicant:
        raise_problems(validate_applicant(applicant))
        return self.applicants.update(applicant) if applicant.id else self.applicants.add(applicant)

    def save_identity(self, applicant: Applicant, passport: Passport | None) -> tuple[Applicant, Passport | None]:
        """An applicant with their current passport, validated together before anything is written."""
        problems = validate_applicant(applicant)
        if passport is not None:
            problems += validate_passport(dataclasses.replace(passport, applicant_id=ApplicantId(0)))
        if problems:
            raise InputError(problems)
        saved = self.save_applicant(applicant)
        assert saved.id is not None
        saved_passport = None
        if passport is not None:
            saved_passport = self.save_passport(dataclasses.replace(passport, applicant_id=saved.id))
        return saved, saved_passport

    def delete_applicant(self, applicant_id: ApplicantId) -> None:
        self.applicants.delete(applicant_id)

    def find_duplicates(self, applicant: Applicant, passport_numbers: Sequence[str] = ()) -> list[DuplicateMatch]:
        """Stored applicants with the same passport number, or the same name and date of birth."""
        return find_duplicates(applicant, passport_numbers, self.applicants.list(),
                               self.passports.numbers_by_applicant())

    def merge_identity(self, existing_id: ApplicantId, applicant: Applicant,
                       passport: Passport | None) -> tuple[Applicant, Passport | None]:
        """Fill the stored applicant's blanks from a new entry and add its passport unless already stored."""
        existing = self.applicants.get(existing_id)
        merged = merged_identity(existing, dataclasses.replace(applicant, id=existing_id))
        stored = {passport_key(p.number) for p in self.list_passports(existing_id)}
        keep = passport if passport is not None and passport_key(passport.number) not in stored else None
        return self.save_identity(merged, keep)

    # --- passports --------------------------------------------------------------------------------------------
    def list_passports(self, applicant_id: ApplicantId) -> list[Passport]:
        return self.passports.list_for(applicant_id)

    def save_passport(self, passport: Passport) -> Passport:
        raise_problems(validate_passport(passport))
        return self.passports.update(passport) if passport.id else self.passports.add(passport)

    def delete_passport(self, passport_id: PassportId) -> None:
        self.passports.delete(passport_id)

    # --- crossings --------------------------------------------------------------------------------------------
    def list_crossings(self, applicant_id: ApplicantId) -> list[Crossing]:
        return presence.sort_crossings(self.crossings.list_for(applicant_id))

    def save_crossing(self, applicant_id: ApplicantId, crossing: Crossing) -> Crossing:
        problems = record_problems(crossing)
        if problems:
            raise InputError(problems)
        if crossing.id:
            return self.crossings.update(crossing)
        return self.crossings.add(applicant_id, crossing)

    def add_crossings(self, applicant_id: ApplicantId, crossings: Iterable[Crossing]) -> list[Crossing]:
        return self.crossings.add_many(applicant_id, crossings)

    def delete_crossings(self, crossing_ids: Sequence[CrossingId]) -> None:
        self.crossings.delete(crossing_ids)

    def year_counts(self, applicant_id: ApplicantId, as_of: dt.date) -> list[presence.YearCount]:
        recorded = self.crossings.list_for(applicant_id, planned=False)
        return presence.year_counts(recorded, as_of)

    def sequence_warnings(self, applicant_id: ApplicantId) -> list[str]:
        """Crossings recorded in the same direction twice in a row (a record is missing between them)."""
        recorded = [c for c in self.list_crossings(applicant_id) if not c.planned]
        return [f"{recorded[p.first_index].date} → {recorded[p.second_index].date}: {p.direction.value} ×2"
                for p in presence.sequence_problems(recorded)]

    # --- documents --------------------------------------------------------------------------------------------
    def export_summary_pdf(self, applicant_id: ApplicantId, out: Path, today: dt.date,
                           locale: str | None = None, font_path: Path | None = None) -> Path:
        """The one-page bilingual applicant summary; raises FontNotFoundError when no CJK font is usable."""
        from core.records.summary import build_summary
        from core.render.summary_pdf import render_summary

        content = build_summary(self.get_applicant(applicant_id), self.list_passports(applicant_id),
                                self.year_counts(applicant_id, today), today, locale or current_locale())
        render_summary(content, out, font_path=font_path)
        return out

