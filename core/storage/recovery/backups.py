"""Rotating backups beside the store (backups/): written checked, verified after writing, pruned by a policy.

Each backup is one SQLite online-backup copy under the store's own key, written to a .partial file that is
verified before it is renamed; .partial files are leftovers of an interrupted run, never trusted, removed.
A store that fails integrity_check is never backed up, so a damaged store never pushes a good backup out.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.i18n import _
from core.storage.sqlite.cipher import fsync_dir, fsync_file, needs_passphrase, raw_connect
from core.storage.sqlite.health import PassphraseError, StorageError, db_errors, integrity_check, require_sound

BACKUP_DIR = "backups"
_NAME = re.compile(r"^(?P<stem>.+?)-(?P<date>\d{8})-(?P<time>\d{6})(?:-(?P<reason>[a-z0-9-]+))?\.sqlite3$")
_WRITING = threading.RLock()  # one backup at a time: another's clean-up would remove this one's .partial
_OLD_NAME = re.compile(r"^(?P<stem>.+?)-v\d+-(?P<date>\d{8})-(?P<time>\d{6})\.sqlite3$")  # before rotation


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: dt.datetime
    reason: str  # daily, manual, migrate-vN-to-vM, before-restore, before-import, …
    size: int


@dataclass(frozen=True)
class Verified:
    path: Path
    problems: tuple[str, ...]
    schema_version: int
    applicants: int
    encrypted: bool

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Policy:
    """How many backups to keep: the newest of each of the last N days, weeks and months (a setting)."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def backup_dir(store: Path) -> Path:
    return store.parent / BACKUP_DIR


def make_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def clean_partials(folder: Path) -> list[Path]:
    """Remove what an interrupted backup, restore or encryption left: never trusted, never listed."""
    removed = []
    if folder.is_dir():
        for leftover in folder.glob("*.partial"):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def list_backups(store: Path) -> list[BackupInfo]:
    """The backups of `store`, newest first (.partial files are not backups)."""
    folder = backup_dir(store)
    found = []
    for path in folder.glob("*.sqlite3") if folder.is_dir() else ():
        m = _NAME.match(path.name) or _OLD_NAME.match(path.name)
        try:
            taken = _stamp(m["date"] + m["time"]) if m else dt.datetime.fromtimestamp(path.stat().st_mtime)
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        reason = (m.groupdict().get("reason") if m else None) or "backup"
        found.append(BackupInfo(path, taken, reason, size))
    return sorted(found, key=lambda b: (b.taken, _mtime(b.path)), reverse=True)


def _stamp(digits: str) -> dt.datetime:
    """YYYYMMDDHHMMSS (always 14 digits, from the name pattern); ValueError for a date that does not exist.
    Not strptime: its first call loads the locale's time formats, 3 ms of every command's start (issue 15)."""
    return dt.datetime(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]), int(digits[8:10]), int(digits[10:12]),
                       int(digits[12:14]))


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def verify(path: Path, passphrase: str | None) -> Verified:
    """Open a backup on its own and check it whole: integrity, schema version, that it is a Juliu store."""
    encrypted = needs_passphrase(path)
    if path.name.endswith(".partial") or not path.is_file() or path.stat().st_size == 0:
        return Verified(path, ("not a finished backup file",), 0, 0, encrypted)
    try:
        conn = raw_connect(path, passphrase if encrypted else None)
    except PassphraseError as exc:
        return Verified(path, (str(exc),), 0, 0, encrypted)
    except db_errors() as exc:
        return Verified(path, (str(exc),), 0, 0, encrypted)
    try:
        problems = integrity_check(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0]) if not problems else 0
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} \
            if not problems else set()
        if not problems and "applicant" not in tables:
            problems = ["not a Juliu database (no applicant table)"]
        applicants = int(conn.execute("SELECT count(*) FROM applicant").fetchone()[0]) if not problems else 0
    except db_errors() as exc:
        return Verified(path, (str(exc),), 0, 0, encrypted)
    finally:
        conn.close()
    return Verified(path, tuple(problems), version, applicants, encrypted)


def newest_good(store: Path, passphrase: str | None) -> Path | None:
    for info in list_backups(store):
        if verify(info.path, passphrase).ok:
            return info.path
    return None


def write_backup(conn: Any, store: Path, reason: str, passphrase: str | None, now: dt.datetime,
                 target: Path | None = None) -> Path:
    """Check the store whole, copy it to a .partial, verify the copy, then rename it into place. Backups in one
    process run one at a time (the window's and a worker's import can back up in the same second)."""
    with _WRITING:
        return _write_backup(conn, store, reason, passphrase, now, target)


def _write_backup(conn: Any, store: Path, reason: str, passphrase: str | None, now: dt.datetime,
                  target: Path | None) -> Path:
    require_sound(conn, store, newest_good(store, passphrase), full=True)
    if target is None:
        folder = make_private_dir(backup_dir(store))
        clean_partials(folder)
        target = folder / f"{store.stem}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite3"
        n = 2
        while target.exists():
            target = folder / f"{store.stem}-{now:%Y%m%d-%H%M%S}-{reason}-{n}.sqlite3"
            n += 1
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        dest = raw_connect(partial, passphrase)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        if os.name == "posix":
            partial.chmod(0o600)
        fsync_file(partial)
        checked = _verify_partial(partial, passphrase)
        if not checked.ok:
            raise StorageError(_("{target}: the backup did not verify ({problems}); it was not kept").format(
                                 target=target, problems="; ".join(checked.problems)))
        os.replace(partial, target)
        fsync_dir(target.parent)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _verify_partial(partial: Path, passphrase: str | None) -> Verified:
    """verify() refuses .partial names; check the copy under a temporary hard name without renaming it."""
    probe = partial.with_name(partial.name.removesuffix(".partial") + ".verify")
    os.replace(partial, probe)
    try:
        return verify(probe, passphrase)
    finally:
        os.replace(probe, partial)


def prune(store: Path, policy: Policy) -> list[Path]:
    """Keep the newest backup of each of the last `daily` days, `weekly` ISO weeks and `monthly` months.

    Backups the user asked for (`backup` with no file: reason "manual") are never pruned.
    """
    backups = [b for b in list_backups(store) if b.reason != "manual"]
    keep: set[Path] = {backups[0].path} if backups else set()
    for count, bucket in ((policy.daily, lambda t: t.date()),
                          (policy.weekly, lambda t: t.isocalendar()[:2]),
                          (policy.monthly, lambda t: (t.year, t.month))):
        seen: list[object] = []
        for info in backups:
            key = bucket(info.taken)
            if key not in seen:
                if len(seen) >= count:
                    break
                seen.append(key)
                keep.add(info.path)
    removed = []
    for info in backups:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def due_daily(store: Path, today: dt.date) -> bool:
    return not any(b.taken.date() == today for b in list_backups(store))


def restore_file(store: Path, source: Path, passphrase: str | None, now: dt.datetime) -> Path | None:
    """Replace the (closed) store by a verified backup; the current store is backed up first.

    Returns the backup taken of the current store (None when there was none). The swap is one rename; the
    store's old -wal/-shm are removed first so they can never be replayed onto the restored file.
    """
    checked = verify(source, passphrase)
    if not checked.ok:
        raise StorageError(_("{source}: cannot restore: {problems}; nothing was changed").format(
                             source=source, problems="; ".join(checked.problems)))
    saved = _save_current(store, passphrase, now)
    partial = store.with_name(store.name + ".restore.partial")
    try:
        shutil.copyfile(source, partial)
        if os.name == "posix":
            partial.chmod(0o600)
        fsync_file(partial)
        for suffix in ("-wal", "-shm"):
            store.with_name(store.name + suffix).unlink(missing_ok=True)
        os.replace(partial, store)
        fsync_dir(store.parent)
    finally:
        partial.unlink(missing_ok=True)
    return saved


def _save_current(store: Path, passphrase: str | None, now: dt.datetime) -> Path | None:
    """A checked backup of the store about to be replaced; a damaged one is kept aside as raw bytes instead."""
    if not store.exists() or store.stat().st_size == 0:
        return None
    try:
        conn = raw_connect(store, passphrase if needs_passphrase(store) else None)
    except db_errors():
        conn = None
    if conn is not None:
        try:
            if not integrity_check(conn):
                return write_backup(conn, store, "before-restore", passphrase, now)
        finally:
            conn.close()
    folder = make_private_dir(backup_dir(store))
    kept = folder / f"{store.stem}-{now:%Y%m%d-%H%M%S}-damaged.bad"
    shutil.copyfile(store, kept)
    return kept
