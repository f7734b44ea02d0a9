"""Encryption at rest through SQLCipher: connecting with a passphrase, and converting a file between keys.

Plain stores are opened with the standard library; encrypted ones with sqlcipher3 (the same DB-API). A wrong
passphrase is found by the first read, before anything is written.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from core.i18n import _
from core.storage.sqlite.health import PassphraseError, database_errors, is_encrypted


def raw_connect(path: Path, passphrase: str | None) -> Any:
    """A connection to `path` (created if missing), keyed when a passphrase is given; the key is checked."""
    if passphrase is None:
        return sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    if passphrase == "":
        raise PassphraseError(_("{path}: an empty passphrase is not accepted").format(path=path))
    sqlcipher = _sqlcipher()
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {quote(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except database_errors() as exc:
        conn.close()
        if "not a database" in str(exc):
            raise PassphraseError(_("{path}: wrong passphrase (or not a Juliu database); nothing was changed").format(
                                    path=path)) \
                from None
        raise
    return conn


def _sqlcipher() -> Any:
    """SQLCipher's driver, loaded with the first passphrase (a plain store's start does without it: issue 15)."""
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def quote(text: str) -> str:
    """A SQL string literal (PRAGMA key does not take parameters)."""
    return "'" + text.replace("'", "''") + "'"


def needs_passphrase(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0 and is_encrypted(path)


def export_to(src: Path, src_key: str | None, dst: Path, dst_key: str | None) -> None:
    """Write the whole of `src` into the new file `dst` under another key (None = plain), schema version kept.

    SQLCipher's sqlcipher_export copies everything but user_version, which is set afterwards.
    """
    if dst.exists():
        dst.unlink()
    conn = _sqlcipher().connect(str(src), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if src_key is not None:
            conn.execute(f"PRAGMA key = {quote(src_key)}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(dst), dst_key or ""))
        conn.execute("SELECT sqlcipher_export('target')")
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute("DETACH DATABASE target")
    except database_errors() as exc:
        if "not a database" in str(exc):
            raise PassphraseError(_("{src}: wrong passphrase; nothing was changed").format(src=src)) from None
        raise
    finally:
        conn.close()
    fsync_file(dst)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def shred(path: Path) -> None:
    """Overwrite a file with zeros before unlinking it (best effort: SSDs and copy-on-write disks may keep copies)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as f:
            chunk = b"\0" * 65536
            left = size
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= min(left, len(chunk))
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)
