"""`firm init URL`: create (or bring up to date) a firm's shared store on PostgreSQL (issue 13; docs/firm.md)."""
from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from core.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("firm", help=_("a firm's shared database on PostgreSQL"))
    action = p.add_subparsers(dest="firm_command", metavar="ACTION", required=True)
    init = action.add_parser("init", help=_("create the schema in a firm database (postgresql://…)"))
    init.add_argument("url", metavar="URL", help=_("postgresql://user@host:port/database (a password is "
                                                   "better kept in ~/.pgpass than in the URL)"))
    init.set_defaults(handler=handle_init)


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
