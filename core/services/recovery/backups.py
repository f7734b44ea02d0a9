"""Backups of the one database file: the daily rotation, manual copies, verification and restore (docs/security.md)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import InputError, Problem
from core.i18n import N_, _
from core.storage.recovery import backups
from core.storage.sqlite.db import DB_FILENAME, Connection, engine_of, migrations
from core.storage.sqlite.health import require_sound

if TYPE_CHECKING:
    from core.ruledata.loader import Settings


class BackupService:
    def __init__(self, conn: Connection, path: Path, passphrase: str | None, settings: Callable[[], Settings]):
        self._conn = conn
        self._path = path
        self._passphrase = passphrase  # kept for this session only: backups are written under the store's key
        self._settings = settings

    def backup_policy(self) -> backups.Policy:
        s = self._settings()
        return backups.Policy(max(1, s["backup_keep_daily"]), max(0, s["backup_keep_weekly"]),
                              max(0, s["backup_keep_monthly"]))

    def auto_backup(self, reason: str, now: dt.datetime, only_if_due: bool = False) -> Path | None:
        """A rotating backup in backups/ (daily on open, before imports and restores), then the policy's pruning."""
        if engine_of(self._conn) != "sqlite":  # a firm database is backed up on its server (pg_dump, docs/firm.md)
            return None
        if only_if_due and not backups.due_daily(self._path, now.date()):
            return None
        saved = backups.write_backup(self._conn, self._path, reason, self._passphrase, now)
        backups.prune(self._path, self.backup_policy())
        return saved

    @staticmethod
    def restore(data_dir: Path, file: Path, passphrase: str | None, now: dt.datetime) -> Path | None:
        """Replace the store by a verified backup (the store must be closed); returns the copy taken of it first."""
        checked = backups.verify(file, passphrase)
        if checked.ok and checked.schema_version > migrations()[-1][0]:
            raise InputError([Problem(str(file), None, "", _("was written by a newer Juliu (schema version "
                                                            "{version}); update Juliu first; nothing was "
                                                            "changed").format(version=checked.schema_version))])
        return backups.restore_file(data_dir / DB_FILENAME, file, passphrase, now)

    def list_backups(self) -> list[backups.BackupInfo]:
        return backups.list_backups(self._path)

    def verify_backup(self, file: Path) -> backups.Verified:
        return backups.verify(file, self._passphrase)

    def require_sound(self) -> None:
        """The full integrity_check: run before every export, so a damaged store never leaves the machine."""
        require_sound(self._conn, self._path, None, full=True)

    def backup_to(self, target: Path, now: dt.datetime | None = None) -> Path:
        """A consistent copy of the whole case store (attachments included), safe while the app is open."""
        if target.resolve() == self._path.resolve():
            raise InputError([Problem(str(target), None, "", N_("is the database itself; choose another file"))])
        if target.exists():
            raise InputError([Problem(str(target), None, "", N_("already exists; Juliu does not overwrite backups"))])
        return backups.write_backup(self._conn, self._path, "manual", self._passphrase, now or dt.datetime.now(),
                                    target=target)
