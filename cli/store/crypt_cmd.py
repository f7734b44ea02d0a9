"""`encrypt`, `decrypt`, `passphrase change`: encryption at rest of the store and its backups (docs/security.md)."""
from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from cli import passphrase
from cli.common import require_file_store
from core.errors import InputError, Problem
from core.i18n import _
from core.storage.sqlite.cipher import needs_passphrase
from core.storage.sqlite.db import DB_FILENAME, data_dir
from core.storage.sqlite.rekey import change_key


def register(sub: Any) -> None:
    e = sub.add_parser("encrypt", help=_("encrypt the database and its backups with a passphrase"))
    e.set_defaults(handler=handle_encrypt)
    d = sub.add_parser("decrypt", help=_("remove the encryption from the database and its backups"))
    d.set_defaults(handler=handle_decrypt)
    p = sub.add_parser("passphrase", help=_("change the passphrase of an encrypted database"))
    action = p.add_subparsers(dest="passphrase_command", metavar="ACTION", required=True)
    change = action.add_parser("change", help=_("change the passphrase (the backups follow)"))
    change.add_argument("--new-passphrase-file", help=_("file holding the new passphrase (first line)"))
    change.set_defaults(handler=handle_change)


def _store(args: argparse.Namespace) -> Any:
    require_file_store(args, "encrypt/decrypt/passphrase")
    return data_dir(args.data_dir) / DB_FILENAME


def _current(args: argparse.Namespace) -> str:
    found = passphrase.obtain(args, _("Current passphrase: "))
    if found is None:
        raise InputError([Problem("", None, "passphrase", _(
            "the store is encrypted: give its passphrase (--passphrase-file, JULIU_PASSPHRASE_FILE, "
            "JULIU_PASSPHRASE or a terminal prompt)"))])
    return found


def handle_encrypt(args: argparse.Namespace, today: dt.date) -> int:
    store = _store(args)
    if needs_passphrase(store):
        raise InputError([Problem(str(store), None, "", _("is already encrypted"))])
    new = passphrase.given(args) or passphrase.new_passphrase(args)
    done = change_key(store, None, new)
    print(_("Encrypted {path} and {n} backups").format(path=store, n=len(done.backups)))
    _skipped(done.skipped)
    return 0


def handle_decrypt(args: argparse.Namespace, today: dt.date) -> int:
    store = _store(args)
    if not needs_passphrase(store):
        raise InputError([Problem(str(store), None, "", _("is not encrypted"))])
    done = change_key(store, _current(args), None)
    print(_("Decrypted {path} and {n} backups").format(path=store, n=len(done.backups)))
    _skipped(done.skipped)
    return 0


def handle_change(args: argparse.Namespace, today: dt.date) -> int:
    store = _store(args)
    if not needs_passphrase(store):
        raise InputError([Problem(str(store), None, "", _("is not encrypted; use encrypt"))])
    done = change_key(store, _current(args), passphrase.new_passphrase(args))
    print(_("Changed the passphrase of {path} and {n} backups").format(path=store, n=len(done.backups)))
    _skipped(done.skipped)
    return 0


def _skipped(paths: tuple[Any, ...]) -> None:
    for path in paths:
        print(_("Left as it was (does not open with the old passphrase): {path}").format(path=path))
