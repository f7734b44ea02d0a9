"""`backup [FILE]`, `backup list`, `backup verify FILE`, `restore FILE`: rotating backups and restoring one."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from cli import passphrase
from cli.common import opened, print_json, print_table, require_file_store, store_passphrase
from core.errors import InputError, Problem
from core.i18n import _
from core.services.facade import JuliuService
from core.storage.recovery.backups import verify
from core.storage.sqlite.cipher import needs_passphrase
from core.storage.sqlite.db import data_dir


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help=_("back up the whole database (attachments included); list or verify backups"),
                       description=_("backup: a checked, verified backup in backups/ beside the database; "
                                     "backup FILE: a copy to FILE (never overwritten); backup list; "
                                     "backup verify FILE"))
    p.add_argument("words", nargs="*", metavar="FILE | list | verify FILE", help=_("what to do"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=handle)
    r = sub.add_parser("restore", help=_("replace the database by a backup (the current one is backed up first)"))
    r.add_argument("file", type=Path, help=_("the backup file to restore"))
    r.set_defaults(handler=handle_restore)


def handle(args: argparse.Namespace, today: dt.date) -> int:
    words = list(args.words)
    if words[:1] == ["list"] and len(words) == 1:
        return _list(args)
    if words[:1] == ["verify"]:
        if len(words) != 2:
            raise InputError([Problem("", None, "backup verify", _("give one backup file"))])
        return _verify(args, Path(words[1]))
    require_file_store(args, "backup")
    if len(words) > 1:
        raise InputError([Problem("", None, "backup", _("expected FILE, list or verify FILE"))])
    with opened(args) as service:
        if words:
            target = service.backup_to(Path(words[0]), dt.datetime.now())
        else:
            saved = service.auto_backup("manual", dt.datetime.now())
            assert saved is not None
            target = saved
    print(_("Backup written to {path}").format(path=target))
    return 0


def _list(args: argparse.Namespace) -> int:
    with opened(args) as service:
        found = service.list_backups()
    if args.json:
        print_json({"backups": [{"path": str(b.path), "taken": b.taken.isoformat(timespec="seconds"),
                                 "reason": b.reason, "bytes": b.size} for b in found]})
        return 0
    print_table([_("Taken"), _("Reason"), _("Size (KiB)"), _("File")],
                [(b.taken.strftime("%Y-%m-%d %H:%M:%S"), b.reason, (b.size + 1023) // 1024, b.path) for b in found])
    return 0


def _verify(args: argparse.Namespace, file: Path) -> int:
    if not file.is_file():
        raise InputError([Problem(str(file), None, "", _("no such file"))])
    checked = verify(file, store_passphrase(args) if _encrypted(file) else None)
    if args.json:
        print_json({"path": str(file), "ok": checked.ok, "problems": list(checked.problems),
                    "schema_version": checked.schema_version, "applicants": checked.applicants,
                    "encrypted": checked.encrypted})
    elif checked.ok:
        print(_("{path}: good (schema version {version}, {n} applicants)").format(
            path=file, version=checked.schema_version, n=checked.applicants))
    else:
        print(_("{path}: NOT usable: {problems}").format(path=file, problems="; ".join(checked.problems)),
              file=sys.stderr)
    return 0 if checked.ok else 2


def _encrypted(file: Path) -> bool:
    return needs_passphrase(file)


def handle_restore(args: argparse.Namespace, today: dt.date) -> int:
    require_file_store(args, "restore")
    file: Path = args.file
    if not file.is_file():
        raise InputError([Problem(str(file), None, "", _("no such file"))])
    key = None
    if needs_passphrase(file):
        key = passphrase.obtain(args, _("Passphrase of the backup {path}: ").format(path=file))
    saved = JuliuService.restore(data_dir(args.data_dir), file, key, dt.datetime.now())
    if saved is not None:
        print(_("The database as it was is kept in {path}").format(path=saved))
    print(_("Restored {path}").format(path=file))
    return 0
