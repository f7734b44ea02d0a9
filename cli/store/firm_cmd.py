"""`firm init URL`: create (or bring up to date) a firm's shared store on PostgreSQL (issue 13; docs/firm.md)."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from cli import passphrase
from cli.store import firm_user_cmd
from core.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("firm", help=_("a firm's shared database on PostgreSQL"))
    action = p.add_subparsers(dest="firm_command", metavar="ACTION", required=True)
    init = action.add_parser("init", help=_("create the schema in a firm database (postgresql://…)"))
    init.add_argument("url", metavar="URL", help=_("postgresql://user@host:port/database (a password is "
                                                   "better kept in ~/.pgpass than in the URL)"))
    init.set_defaults(handler=handle_init)
    move = action.add_parser("migrate-from-file", help=_("copy an individual's SQLite store into an empty firm "
                                                          "database, checked by row counts and SHA-256"))
    move.add_argument("file", metavar="FILE", help=_("the store file (juliu.sqlite3) or the data folder holding it"))
    move.add_argument("url", metavar="URL", help=_("the firm database (postgresql://…), made by `firm init`"))
    move.set_defaults(handler=handle_migrate)
    export = action.add_parser("export", help=_("copy a firm database into a new SQLite file, checked the same way"))
    export.add_argument("url", metavar="URL", help=_("the firm database (postgresql://…)"))
    export.add_argument("file", metavar="FILE", help=_("the new store file; an existing file is never replaced"))
    export.set_defaults(handler=handle_export)
    firm_user_cmd.register(action)


def handle_init(args: argparse.Namespace, today: dt.date) -> int:
    from core.storage.pg.postgres import init_schema, redact  # noqa: PLC0415  (psycopg only for firm commands)

    result = init_schema(args.url)  # StorageError -> exit 2 with the message (cli.run)
    if result.applied:
        print(_("{url}: schema version {before} -> {after} ({n} migrations applied)").format(
            url=redact(args.url), before=result.before, after=result.after, n=len(result.applied)))
    else:
        print(_("{url}: schema already at version {after}; nothing to do").format(
            url=redact(args.url), after=result.after))
    return 0


def _summary(report: Any, source: str, target: str) -> None:
    print(_("Copied {source} -> {target}: {clients} clients").format(source=source, target=target,
                                                                      clients=report.clients))
    for table, before, after in sorted(report.counts):
        print(f"  {table:<20} {before:>8} -> {after:>8}")
    print(_("Scans: {n} ({size} bytes), each one's SHA-256 the same on both sides and as recorded").format(
        n=report.attachments, size=report.attachment_bytes))
    print(_("History: {n} entries carried with their SHA-256 chain; newest entry {head}").format(
        n=report.history_entries, head=report.history_head or "-"))


def handle_migrate(args: argparse.Namespace, today: dt.date) -> int:
    from core.storage.pg.postgres import redact  # noqa: PLC0415  (psycopg only for firm commands)
    from core.storage.pg.transfer import migrate_from_file, store_file  # noqa: PLC0415
    from core.storage.sqlite.cipher import needs_passphrase  # noqa: PLC0415

    source = store_file(Path(args.file))
    key = passphrase.obtain(args, _("Passphrase of {path}: ").format(path=source)) \
        if needs_passphrase(source) else None
    report = migrate_from_file(source, args.url, key)  # StorageError -> exit 2 with the message (cli.run)
    _summary(report, str(source), redact(args.url))
    return 0


def handle_export(args: argparse.Namespace, today: dt.date) -> int:
    from core.storage.pg.postgres import redact  # noqa: PLC0415  (psycopg only for firm commands)
    from core.storage.pg.transfer import export_to_file  # noqa: PLC0415

    target = Path(args.file)
    report = export_to_file(args.url, target)
    _summary(report, redact(args.url), str(target))
    return 0
