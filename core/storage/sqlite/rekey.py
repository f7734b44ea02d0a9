"""encrypt / decrypt / passphrase change of a closed store and of its backups.

Each file is exported into a new file under the new key, verified (integrity and the same rows in every table),
then swapped in with one rename; the old file is kept as a hard link only until it has been overwritten with
zeros, so no plain copy is left behind on an ordinary disk (docs/security.md says where this falls short).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.i18n import _
from core.storage.recovery.backups import backup_dir, list_backups, verify
from core.storage.sqlite.cipher import export_to, fsync_dir, needs_passphrase, raw_connect, shred
from core.storage.sqlite.health import PassphraseError, StorageError, db_errors, integrity_check

REKEY_SUFFIX = ".rekey.partial"
OLD_SUFFIX = ".old.partial"


@dataclass(frozen=True)
class Rekeyed:
    store: Path
    backups: tuple[Path, ...]
    skipped: tuple[Path, ...]  # backups that did not open with the old key: left as they were


def clean_leftovers(store: Path) -> None:
    """What an interrupted conversion left beside the store: unfinished copies and not yet shredded old files."""
    for folder in (store.parent, backup_dir(store)):
        if not folder.is_dir():
            continue
        for leftover in folder.glob(f"*{OLD_SUFFIX}"):
            _drop_old(leftover, leftover.with_name(leftover.name.removesuffix(OLD_SUFFIX)))
        for leftover in folder.glob(f"*{REKEY_SUFFIX}"):
            leftover.unlink(missing_ok=True)


def change_key(store: Path, old: str | None, new: str | None) -> Rekeyed:
    """Re-write the store and every backup under `new` (None = plain); nothing changes if the old key is wrong."""
    if not store.exists():
        raise StorageError(_("{store}: there is no store yet").format(store=store))
    if old is None and needs_passphrase(store):
        raise PassphraseError(_("{store}: the store is encrypted; give its passphrase").format(store=store))
    if old is not None and not needs_passphrase(store):
        raise StorageError(_("{store}: the store is not encrypted").format(store=store))
    if new is None and old is None or new is not None and new == old:
        raise StorageError(_("{store}: nothing to change").format(store=store))
    clean_leftovers(store)
    _checkpoint_and_check(store, old)
    _convert(store, old, new)
    done, skipped = [], []
    for info in list_backups(store):
        key = old if needs_passphrase(info.path) else None
        if (key is None) != (old is None) or not verify(info.path, key).ok:
            skipped.append(info.path)
            continue
        _convert(info.path, key, new)
        done.append(info.path)
    return Rekeyed(store, tuple(done), tuple(skipped))


def _checkpoint_and_check(store: Path, key: str | None) -> None:
    conn: Any = raw_connect(store, key)
    try:
        problems = integrity_check(conn)
        if problems:
            raise StorageError(_("{store}: integrity_check failed ({problems}); restore a good backup first; "
                                 "nothing was changed").format(store=store, problems="; ".join(problems[:3])))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _counts(path: Path, key: str | None) -> dict[str, int]:
    conn: Any = raw_connect(path, key)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
    finally:
        conn.close()


def _convert(path: Path, old: str | None, new: str | None) -> None:
    partial = path.with_name(path.name + REKEY_SUFFIX)
    kept = path.with_name(path.name + OLD_SUFFIX)
    try:
        export_to(path, old, partial, new)
        if os.name == "posix":
            partial.chmod(0o600)
        checked = _counts(partial, new)
        if checked != _counts(path, old) or integrity_check_file(partial, new):
            raise StorageError(_("{path}: the converted copy did not verify; nothing was changed").format(path=path))
        kept.unlink(missing_ok=True)
        os.link(path, kept)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.replace(partial, path)
        fsync_dir(path.parent)
        shred(kept)
    except db_errors() as exc:
        raise StorageError(_("{path}: {exc}; nothing was changed").format(path=path, exc=exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
        if kept.exists():
            _drop_old(kept, path)


def _drop_old(kept: Path, original: Path) -> None:
    """Shred the old copy, unless the swap never happened and it is still the live file under a second name."""
    if original.exists() and os.path.samefile(kept, original):
        kept.unlink()
    else:
        shred(kept)


def integrity_check_file(path: Path, key: str | None) -> list[str]:
    conn: Any = raw_connect(path, key)
    try:
        return integrity_check(conn)
    finally:
        conn.close()
