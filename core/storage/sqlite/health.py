"""Damage detection: what is wrong with a store file, said truthfully (empty, read-only, full disk, damaged).

A quick check runs at every open, the full integrity_check before every backup and export; a damaged store is
never backed up or exported, so it can never push a good backup out of the rotation.
"""
from __future__ import annotations

import errno
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from core.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
_CIPHER = "sqlcipher3.dbapi2"


# Both drivers' errors: plain stores use the standard library, encrypted ones sqlcipher3 (same DB-API). sqlcipher3
# loads only when a passphrase is used (core/storage/sqlite/cipher.py; issue 15: a plain store's start does without
# it), and until it has loaded none of its errors can be raised: `except db_errors():` asks when an error comes.
def db_errors() -> tuple[type[Exception], ...]:
    cipher = sys.modules.get(_CIPHER)
    return (sqlite3.Error,) if cipher is None else (sqlite3.Error, cipher.Error)


def db_os_errors() -> tuple[type[Exception], ...]:
    return (*db_errors(), OSError)


def database_errors() -> tuple[type[Exception], ...]:
    cipher = sys.modules.get(_CIPHER)
    return (sqlite3.DatabaseError,) if cipher is None else (sqlite3.DatabaseError, cipher.DatabaseError)


class StorageError(RuntimeError):
    """The database file cannot be opened or migrated; the message names the file."""


class PermissionRefused(StorageError):
    """A firm database refused a change for the member of staff's role (core/storage/pg/roles.py); nothing was
    changed. `role` is "viewer", "consultant", "administrator" or None (a login in no group)."""

    def __init__(self, message: str, role: str | None):
        super().__init__(message)
        self.role = role


class EmptyStoreError(StorageError):
    """The file exists but holds 0 bytes: never silently initialised (the data may be elsewhere)."""


class ReadOnlyStoreError(StorageError):
    """The file or its folder cannot be written."""


class DiskFullError(StorageError):
    """The disk (or the file's size limit) is full; nothing was changed."""


class PassphraseError(StorageError):
    """The store is encrypted and no passphrase, or a wrong one, was given; nothing was written."""


class DamagedStoreError(StorageError):
    """A check failed: the message says which, and which backup is the newest good one."""

    def __init__(self, path: Path, check: str, details: list[str], newest_good: Path | None = None):
        self.path, self.check, self.details, self.newest_good = path, check, details, newest_good
        shown = "; ".join(details[:3]) + (_(" (+{n} more)").format(n=len(details) - 3) if len(details) > 3 else "")
        message = _("{path}: the store is damaged: {check} failed: {details}").format(path=path, check=check,
                                                                                      details=shown)
        if newest_good is not None:
            message += _(". The newest good backup is {backup} (juliu restore {backup})").format(backup=newest_good)
        else:
            message += _(". No good backup was found")
        super().__init__(message)


def preflight(path: Path) -> None:
    """Refuse, with a true message, what SQLite would misreport: an empty file, a read-only file or folder."""
    if path.exists():
        if path.is_dir():
            raise StorageError(_("{path}: is a folder, not a Juliu database").format(path=path))
        if path.stat().st_size == 0:
            raise EmptyStoreError(
                _("{path}: the file is empty (0 bytes). Juliu does not overwrite it; restore a backup (juliu backup "
                  "list, juliu restore FILE) or move the empty file away to start afresh").format(path=path))
        if not os.access(path, os.R_OK):
            raise ReadOnlyStoreError(_("{path}: cannot be read (permissions)").format(path=path))
        if not os.access(path, os.W_OK):
            raise ReadOnlyStoreError(_("{path}: the file is read-only; Juliu needs to write to it (check its "
                                       "permissions, or copy it to a writable folder)").format(path=path))
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise ReadOnlyStoreError(_("{folder}: the folder is read-only; Juliu needs to write its database and journal "
                                   "there").format(folder=folder))


def translate(exc: BaseException, path: Path) -> StorageError:
    """A database or OS error as the true story: full disk, read-only, encrypted, or damaged."""
    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "disk is full" in lowered:
        return DiskFullError(_("{path}: the disk is full; nothing was changed (free some space and try again)").format(
                               path=path))
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) \
            or "readonly" in lowered or "read-only" in lowered:
        return ReadOnlyStoreError(_("{path}: the file or its folder is read-only ({text})").format(
                                    path=path, text=text))
    if "file is not a database" in lowered or "malformed" in lowered or "not a database" in lowered:
        if is_encrypted(path):
            return PassphraseError(_("{path}: the store is encrypted, or the file is not a Juliu database; give its "
                                     "passphrase").format(path=path))
        return DamagedStoreError(path, "open", [text])
    return StorageError(f"{path}: {text}")


def is_encrypted(path: Path) -> bool:
    """A non-empty file without SQLite's plain header: encrypted by SQLCipher (or not a database at all)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return len(head) == len(SQLITE_HEADER) and head != SQLITE_HEADER


def quick_check(conn: Any) -> list[str]:
    """PRAGMA quick_check: pages and structure, O(N); [] when the store is sound."""
    return _check(conn, "quick_check")


def integrity_check(conn: Any) -> list[str]:
    """PRAGMA integrity_check plus foreign keys: the full check run before backups and exports."""
    problems = _check(conn, "integrity_check")
    if not problems:
        problems = [f"foreign key broken in {row[0]} row {row[1]}"
                    for row in conn.execute("PRAGMA foreign_key_check").fetchmany(10)]
    return problems


def _check(conn: Any, pragma: str) -> list[str]:
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except database_errors() as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def require_sound(conn: Any, path: Path, newest_good: Path | None = None, *, full: bool = True) -> None:
    """Raise DamagedStoreError naming the check when the store is not sound."""
    check = "integrity_check" if full else "quick_check"
    problems = integrity_check(conn) if full else quick_check(conn)
    if problems:
        raise DamagedStoreError(path, check, problems, newest_good)
