"""The use-case facade: the only entry point the UI and the CLI use for records, rules and documents.

It only composes: it opens the store, builds each service with the collaborators that service needs, and gives
the most used use cases short names. The use cases themselves live in the sibling modules.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from core.records.identity import ApplicantId
from core.services import clients
from core.services.identity import IdentityService
from core.services.op_changes import Performed
from core.services.recovery.history import HistoryService
from core.storage.sqlite.cipher import needs_passphrase
from core.storage.sqlite.db import DB_FILENAME, Connection, engine_description, open_database
from core.storage.sqlite.deferred_check import Done, IntegrityGate, forget, gate_of
from core.storage.store import Store

if TYPE_CHECKING:
    from core.about import AboutInfo
    from core.ruledata.loader import SettingDef, Settings
    from core.services.eligibility import EligibilityService
    from core.services.firm.live import LiveChanges
    from core.services.packets import PacketService
    from core.services.personal import PersonalService
    from core.services.qualifications import QualificationsService
    from core.services.records import RecordsService
    from core.services.recovery.backups import BackupService
    from core.services.recovery.changes import ChangeService
    from core.services.settings import SettingsService
    from core.services.travel import TravelService
    from core.storage.recovery.backups import BackupInfo, Verified

T = TypeVar("T")


class JuliuService:
    """Records and computations for one database: the SQLite file (default) or a firm's PostgreSQL database."""

    def __init__(self, conn: Connection, path: Path, passphrase: str | None = None):
        self.path = path
        self.url: str | None = None  # a firm database's URL (open_url); None for the SQLite file
        self._who: str | None = None
        self.origin = ""  # on a firm database: this session's name in the change notices (core/services/firm/live.py)
        self._conn = conn
        self._passphrase = passphrase
        self.store = store = Store.on(conn)
        self.integrity: IntegrityGate | None = gate_of(conn)  # the quick_check still to run (open(check="later"))
        # open(check="later"): the day's backup (a full integrity_check, a copy, its verification: 10 s at 10,000
        # clients) is taken once the check has passed, on a reader (ui/store/integrity_watch.py), not before the
        # window shows; this is the time it was due as of.
        self.backup_due: dt.datetime | None = None
        self.identity = IdentityService(store.work, store.applicants, store.passports, store.crossings)
        self.changes = HistoryService(conn, lambda: {int(a.id or 0): f"{a.latin_name} {a.chinese_name}".strip()
                                                     for a in self.identity.list_applicants()})
        self.history = self.changes.history
        self.verify_history = self.changes.verify_history
        self.set_staff_name = self.changes.set_staff_name
        self.export_history = self.changes.export_history
        self.recycle_bin = self.changes.recycle_bin
        self.restore_deleted = self.changes.restore_deleted
        # Short names for the use cases the window and the commands call most.
        identity = self.identity
        self.list_applicants = identity.list_applicants
        self.get_applicant = identity.get_applicant
        self.require_applicant = identity.require_applicant
        self.save_applicant = identity.save_applicant
        self.save_identity = identity.save_identity
        self.delete_applicant = identity.delete_applicant
        self.find_duplicates = identity.find_duplicates
        self.merge_identity = identity.merge_identity
        self.list_passports = identity.list_passports
        self.save_passport = identity.save_passport
        self.list_crossings = identity.list_crossings
        self.save_crossing = identity.save_crossing
        self.add_crossings = identity.add_crossings
        self.delete_crossings = identity.delete_crossings
        self.year_counts = identity.year_counts
        self.sequence_warnings = identity.sequence_warnings
        self.export_summary_pdf = identity.export_summary_pdf
        self.change_mark = self.changes.mark
        self.changes_since = self.changes.changes_since

    # --- backups: the rotation, manual copies, verification and restore (loaded with the first backup) ----------
    @functools.cached_property
    def backups(self) -> BackupService:
        from core.services.recovery.backups import BackupService

        return BackupService(self._conn, self.path, self._passphrase, self.settings)

    @staticmethod
    def restore(data_dir: Path, file: Path, passphrase: str | None, now: dt.datetime) -> Path | None:
        """Replace the store by a verified backup; the store must be closed (no instance)."""
        from core.services.recovery.backups import BackupService

        return BackupService.restore(data_dir, file, passphrase, now)

    def auto_backup(self, reason: str, now: dt.datetime, only_if_due: bool = False) -> Path | None:
        return self.backups.auto_backup(reason, now, only_if_due)

    def list_backups(self) -> list[BackupInfo]:
        return self.backups.list_backups()

    def verify_backup(self, file: Path) -> Verified:
        return self.backups.verify_backup(file)

    def require_sound(self) -> None:
        self.backups.require_sound()

    def backup_to(self, target: Path, now: dt.datetime | None = None) -> Path:
        return self.backups.backup_to(target, now)

    # --- settings: the rules' defaults (rules/settings/*.toml) are read with the first setting asked for ----------
    @functools.cached_property
    def setting_service(self) -> SettingsService:
        from core.ruledata.loader import load_setting_defs
        from core.services.settings import SettingsService

        return SettingsService(self.store.settings, load_setting_defs())

    def settings(self) -> Settings:
        return self.setting_service.settings()

    def setting_defs(self) -> Mapping[str, SettingDef]:
        return self.setting_service.setting_defs()

    def setting_groups(self) -> dict[str, tuple[str, ...]]:
        return self.setting_service.setting_groups()

    def set_setting(self, key: str, value: object) -> Settings:
        return self.setting_service.set_setting(key, value)

    def reset_setting(self, key: str) -> Settings:
        return self.setting_service.reset_setting(key)

    def perform(self, mutation: Callable[[], T]) -> Performed[T]:
        """Run one mutation (any use case above) and return its result with what it changed, read from the
        history its writes left: the window broadcasts exactly that. A mutation that fails changes nothing and
        raises as it would alone."""
        mark = self.change_mark()
        value = mutation()
        return Performed(value, self.changes_since(mark))

    # Built on first use, as packets are: a command such as `case list` needs neither the presence computations nor
    # the eligibility rules, nor the case files, the records' validation or the undo snapshots, and the window draws
    # before it reads them (issue 15: start-up).
    @functools.cached_property
    def records(self) -> RecordsService:
        from core.services.records import RecordsService

        return RecordsService(self.store, self.settings)

    @functools.cached_property
    def personal(self) -> PersonalService:
        from core.services.personal import PersonalService

        return PersonalService(self.store)

    @functools.cached_property
    def qualifications(self) -> QualificationsService:
        from core.services.qualifications import QualificationsService

        return QualificationsService(self.store)

    @functools.cached_property
    def snapshots(self) -> ChangeService:
        """Undo and redo in the window."""
        from core.services.recovery.changes import ChangeService

        return ChangeService(self._conn)

    @functools.cached_property
    def travel(self) -> TravelService:
        from core.services.travel import TravelService

        return TravelService(self.store.crossings, self.settings)

    @functools.cached_property
    def eligibility(self) -> EligibilityService:
        from core.services.eligibility import EligibilityService

        return EligibilityService(self.records, self.settings, self.setting_service.defs)

    @functools.cached_property
    def packets(self) -> PacketService:
        """Built on first use: packets bring the PDF libraries, which a start-up or `case list` does not need."""
        from core.services.packets import PacketService

        return PacketService(self.records, self.travel, self.eligibility, self.settings, self.store.work)

    @classmethod
    def open(cls, data_dir: Path, passphrase: str | None = None, now: dt.datetime | None = None,
             daily_backup: bool = True, check: bool | Literal["later"] = True) -> JuliuService:
        """Open, check and migrate the store; take the day's backup (checked, verified) and prune the rotation.
        `check=False`: a further connection to a store already opened and checked (no quick_check, no purge).
        `check="later"` (the window): the quick_check runs after the window shows (`start_check`); until it has
        passed every write waits for it, and the recycle bin is emptied of old items once it has (`check_passed`);
        the day's backup is left for then too (`backup_due`)."""
        path = data_dir / DB_FILENAME
        existed = path.exists()
        conn = open_database(path, passphrase=passphrase, now=now, check=check)
        service = cls(conn, path, passphrase if needs_passphrase(path) else None)
        checked = check is True or (check == "later" and service.integrity is None)  # else: after the check
        if checked and service.changes.bin_filled():  # the settings are read only when there is something to purge
            service.changes.purge_bin(now or dt.datetime.now().astimezone(), service.settings()["recycle_bin_days"])
        if existed and daily_backup and service.integrity is not None:
            service.backup_due = now or dt.datetime.now()  # after the deferred check, off the window's thread
        elif existed and daily_backup:
            try:
                service.auto_backup("daily", now or dt.datetime.now(), only_if_due=True)
            except BaseException:
                service.close()
                raise
        return service

    @classmethod
    def open_url(cls, url: str, who: str | None = None, now: dt.datetime | None = None,
                 origin: str | None = None) -> JuliuService:
        """Open a firm's database on PostgreSQL (schema made by `firm init`); `who` names the staff member in the
        history (default: the database role). No local backups: the server's are pg_dump's (docs/firm.md).
        `origin` names the session in the change notices (a reader shares its window's); default: a new one."""
        from core.storage.pg.notices import set_origin  # noqa: PLC0415 (psycopg only for a firm database)
        from core.storage.pg.postgres import open_store, redact  # noqa: PLC0415

        conn = open_store(url, who)
        service = cls(conn, Path(redact(url)), None)
        service.url, service._who, service.origin = url, who, origin or os.urandom(8).hex()
        try:
            set_origin(conn, service.origin)
            if service.can_edit:  # a viewer may not empty the recycle bin (the server would refuse)
                service.changes.purge_bin(now or dt.datetime.now().astimezone(),
                                          service.settings()["recycle_bin_days"])
        except BaseException:
            service.close()
            raise
        return service

    @property
    def staff_role(self) -> str | None:
        """On a firm database, the member of staff's role the server enforces: "viewer", "consultant",
        "administrator", "owner" (the schema's owner) or None (no role); None on the SQLite file (all rights)."""
        role = getattr(self._conn, "staff_role", None)
        return str(role) if role is not None else None

    @property
    def can_edit(self) -> bool:
        """Whether this person may change clients (the window greys editing for a viewer)."""
        return self.url is None or self.staff_role != "viewer"

    @property
    def can_manage(self) -> bool:
        """Whether this person may change the settings (an administrator or the owner; anyone on a file)."""
        return self.url is None or self.staff_role in ("administrator", "owner")

    @property
    def encrypted(self) -> bool:
        return self._passphrase is not None

    def session_passphrase(self) -> str | None:
        """The passphrase this session opened the store with (to reopen it after a restore); never stored."""
        return self._passphrase

    def check_passphrase(self, text: str) -> bool:
        """For the window's lock: the passphrase this session was opened with, compared in constant time."""
        import hmac  # OpenSSL's hashes load only for the lock (a start or `case list` does without them)

        return self._passphrase is not None and hmac.compare_digest(text.encode(), self._passphrase.encode())

    def about(self) -> AboutInfo:
        """Version, data and font facts for Help > About."""
        from core.about import AboutInfo, FirmDatabase, app_version, rules_data_date
        from core.render.fonts import describe_font  # noqa: PLC0415 (PDF libraries load only when needed)

        if self.url is not None:
            from core.storage.pg.postgres import redact  # noqa: PLC0415 (psycopg only for a firm database)

            target = getattr(self._conn, "target", None)
            firm = FirmDatabase(*target()) if target is not None else None
            engine = str(getattr(self._conn, "description", engine_description)())
            return AboutInfo(app_version(), rules_data_date(), None, engine, redact(self.url), describe_font(),
                             firm=firm)
        engine = engine_description() + (" + SQLCipher (encrypted)" if self.encrypted else "")
        return AboutInfo(app_version(), rules_data_date(), self.path.parent, engine, str(self.path), describe_font())

    def start_check(self, done: Done | None = None) -> bool:
        """The quick_check left for later (open(check="later")), on a thread and a read connection of its own;
        `done(DamagedStoreError or None)` is called on that thread. False when no check is pending."""
        return self.integrity is not None and self.integrity.start(done)

    def check_passed(self, now: dt.datetime | None = None) -> None:
        """On this service's thread once the deferred check passed: what a checked open does after its check (old
        recycle-bin items purged), and writes stop asking the gate."""
        gate = self.integrity
        if gate is None or not gate.passed:
            return
        gate.release(self._conn)
        self.integrity = None
        self.changes.purge_bin(now or dt.datetime.now().astimezone(), self.settings()["recycle_bin_days"])

    def close(self) -> None:
        forget(self._conn)  # a quick_check still running is interrupted, not waited for
        self._conn.close()

    # --- the client list (a firm's thousands of clients) --------------------------------------------------------
    def client_rows(self) -> list[clients.ClientRow]:
        """The client list: each family's principal followed by their dependants."""
        return clients.client_rows(self._conn)

    def client_search_texts(self, applicant_ids: Iterable[ApplicantId] | None = None,
                            progress: Callable[[int, int], None] | None = None) -> dict[ApplicantId, str]:
        """What the client list's search box looks in (names, pinyin, passport and permit numbers, employers);
        `progress(done, total)` every few hundred clients (the window's work stops there when cancelled)."""
        return clients.search_texts(self._conn, applicant_ids, progress)

    def live_changes(self) -> LiveChanges | None:
        """Other people's saves as they commit, on a connection of its own (a firm database); None for the SQLite
        file, which one person uses at a time."""
        if self.url is None:
            return None
        from core.services.firm.live import LiveChanges  # noqa: PLC0415 (psycopg only for a firm database)

        return LiveChanges(self.url, self.origin)

    def reader(self) -> JuliuService:
        """A second service on the same store, for work on another thread (a connection belongs to one thread)."""
        if self.url is not None:
            return type(self).open_url(self.url, self._who, origin=self.origin)
        reader = type(self).open(self.path.parent, passphrase=self._passphrase, daily_backup=False, check=False)
        if self.integrity is not None:  # the check still to pass: a worker's writes (a case import) wait for it too
            self.integrity.guard(reader._conn, owner=False)  # noqa: SLF001 (the same class)
        return reader
