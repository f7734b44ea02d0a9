"""`firm user add|list|role|remove URL …`: the staff of a firm database and their roles (issue 13; docs/firm.md
"Adding staff"). Only an administrator (or the database's owner) manages staff, and the server enforces it: the
roles and grants are core/storage/pg/roles.py's. A password is asked (never an argument, never stored)."""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from typing import Any

from core.i18n import _

EXIT_BAD_INPUT = 2
_ROLES = ("viewer", "consultant", "administrator")


def register(action: Any) -> None:
    user = action.add_parser("user", help=_("the staff of a firm database and their roles (administrators only)"))
    verb = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    url_help = _("postgresql://user@host:port/database, connecting as an administrator")
    add = verb.add_parser("add", help=_("add a member of staff (the password is asked)"))
    add.add_argument("url", metavar="URL", help=url_help)
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--role", choices=_ROLES, required=True,
                     help=_("viewer: reads; consultant: reads and changes clients; administrator: also settings "
                            "and staff"))
    add.set_defaults(handler=handle_add)
    listing = verb.add_parser("list", help=_("list the staff and their roles"))
    listing.add_argument("url", metavar="URL", help=url_help)
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=handle_list)
    role = verb.add_parser("role", help=_("change a member of staff's role"))
    role.add_argument("url", metavar="URL", help=url_help)
    role.add_argument("username", metavar="USERNAME")
    role.add_argument("role", metavar="ROLE", choices=_ROLES)
    role.set_defaults(handler=handle_role)
    remove = verb.add_parser("remove", help=_("remove a member of staff (their changes stay in the history)"))
    remove.add_argument("url", metavar="URL", help=url_help)
    remove.add_argument("username", metavar="USERNAME")
    remove.set_defaults(handler=handle_remove)


def _fail(message: str) -> int:
    print(_("error: {message}").format(message=message), file=sys.stderr)
    return EXIT_BAD_INPUT


def _manage(url: str, work: Any) -> int:
    """Run `work(conn)` as an administrator; the server's refusals become messages and exit 2."""
    import psycopg  # noqa: PLC0415  (psycopg only for firm commands)

    from core.storage.pg.connection import role_label  # noqa: PLC0415
    from core.storage.pg.postgres import connect  # noqa: PLC0415
    from core.storage.pg.roles import current_role  # noqa: PLC0415

    with connect(url, autocommit=True) as conn:  # StorageError -> exit 2 with the message (cli.run)
        role = current_role(conn)
        refused = _("Only an administrator can manage the staff of this firm database (your role: {role})").format(
            role=role_label(role))
        if role not in ("administrator", "owner"):
            return _fail(refused)
        try:
            return int(work(conn))
        except psycopg.errors.InsufficientPrivilege:
            return _fail(refused)
        except psycopg.Error as exc:
            return _fail(_("the firm database refused it: {reason}").format(reason=" ".join(str(exc).split())))


def _staff(conn: Any, username: str) -> Any:
    from core.storage.pg.roles import list_staff  # noqa: PLC0415

    return next((m for m in list_staff(conn) if m.username == username), None)


def _read_password(username: str) -> str | None:
    """Asked twice on a terminal; one line from standard input otherwise (a script, a password manager)."""
    if sys.stdin.isatty():
        first = getpass.getpass(_("Password for {user}: ").format(user=username))
        if getpass.getpass(_("The same password again: ")) != first:
            return None
        return first
    return sys.stdin.readline().rstrip("\r\n")


def handle_add(args: argparse.Namespace, today: dt.date) -> int:
    from core.storage.pg.roles import add_staff, valid_username  # noqa: PLC0415

    if not valid_username(args.username):
        return _fail(_("{user}: a username is 1-63 lower-case letters, digits and _ . @ -").format(user=args.username))

    def work(conn: Any) -> int:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (args.username,)).fetchone()
        if exists:
            return _fail(_("{user} already exists on this server; change its role with `firm user role`").format(
                user=args.username))
        password = _read_password(args.username)
        if password is None:
            return _fail(_("the two passwords differ; nothing was changed"))
        if len(password) < 8:
            return _fail(_("a password needs at least 8 characters; nothing was changed"))
        add_staff(conn, args.username, args.role, password)
        print(_("{user} added as {role}").format(user=args.username, role=_role(args.role)))
        return 0

    return _manage(args.url, work)


def handle_list(args: argparse.Namespace, today: dt.date) -> int:
    from core.storage.pg.roles import list_staff  # noqa: PLC0415

    def work(conn: Any) -> int:
        staff = list_staff(conn)
        if args.json:
            print(json.dumps([{"username": m.username, "role": m.role, "can_login": m.can_login} for m in staff],
                             ensure_ascii=False, indent=2))
        else:
            for m in staff:
                print(f"{m.username}\t{_role(m.role)}" + ("" if m.can_login else "\t" + _("(cannot log in)")))
            if not staff:
                print(_("no staff yet: add them with `firm user add`"))
        return 0

    return _manage(args.url, work)


def handle_role(args: argparse.Namespace, today: dt.date) -> int:
    from core.storage.pg.roles import set_role  # noqa: PLC0415

    def work(conn: Any) -> int:
        if _staff(conn, args.username) is None:
            return _fail(_("{user} is not a member of staff of this firm database").format(user=args.username))
        set_role(conn, args.username, args.role)
        print(_("{user} is now {role}").format(user=args.username, role=_role(args.role)))
        return 0

    return _manage(args.url, work)


def handle_remove(args: argparse.Namespace, today: dt.date) -> int:
    from core.storage.pg.roles import remove_staff  # noqa: PLC0415

    def work(conn: Any) -> int:
        if _staff(conn, args.username) is None:
            return _fail(_("{user} is not a member of staff of this firm database").format(user=args.username))
        if conn.execute("SELECT session_user = %s", (args.username,)).fetchone()[0]:
            return _fail(_("you cannot remove yourself; another administrator can"))
        remove_staff(conn, args.username)
        print(_("{user} removed; their changes stay in the history").format(user=args.username))
        return 0

    return _manage(args.url, work)


def _role(role: str) -> str:
    from core.storage.pg.connection import role_label  # noqa: PLC0415

    return role_label(role)
