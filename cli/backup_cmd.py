"""`backup FILE`: a consistent copy of the whole database, for safekeeping or moving to another computer."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from cli.common import open_service
from core.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help=_("copy the whole database (attachments included) to a new file"))
    p.add_argument("file", type=Path, help=_("the backup file to create (never overwritten)"))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, today: dt.date) -> int:
    service = open_service(args)
    try:
        target = service.backup_to(args.file)
    finally:
        service.close()
    print(_("Backup written to {path}").format(path=target))
    return 0
