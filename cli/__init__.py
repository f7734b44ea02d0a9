"""Command-line interface: argparse subcommands over core services; exit 0 on success, 2 on bad input."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from core.errors import InputError
from core.i18n import _, set_locale
from core.storage.sqlite.db import StorageError

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE

# Each command module exposes register(subparsers) and sets `handler` on its parser via set_defaults. A command
# line naming one command imports only that command's module (and what it uses): `case list` does not load the
# packet, presence or eligibility code (issue 15: start-up). Help and anything unrecognised register them all.
COMMANDS = {"presence": "presence_cmd", "case": "case_cmd", "deadlines": "deadlines_cmd",
            "crossings": "crossings_cmd", "check": "check_cmd", "points": "points_cmd", "packet": "packet_cmd",
            "backup": "store.backup_cmd", "restore": "store.backup_cmd", "encrypt": "store.crypt_cmd",
            "decrypt": "store.crypt_cmd", "passphrase": "store.crypt_cmd", "history": "store.history_cmd",
            "firm": "store.firm_cmd"}  # store/: the commands that keep the store itself
VALUE_OPTIONS = ("--data-dir", "--database", "--passphrase-file", "--lang")  # the global options that take a value


def version_line() -> str:
    """`--version`'s line (core/about.py loads only when it is asked for)."""
    from core.about import version_line as line

    return line()


def command_modules(argv: Sequence[str] | None = None) -> list[ModuleType]:
    """The module of the command named in `argv`; none when no command is named (the window starts, `--version`);
    every command module, in help order, for help, an unknown word or no `argv`."""
    names = list(dict.fromkeys(COMMANDS.values()))
    if argv is not None and not {"-h", "--help"} & set(argv):
        word = command_word(argv)
        if word is None:
            names = []
        elif word in COMMANDS:
            names = [COMMANDS[word]]
    return [importlib.import_module(f"cli.{name}") for name in names]


def command_word(argv: Sequence[str]) -> str | None:
    """The first word of `argv` that is neither an option nor a global option's value."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in VALUE_OPTIONS:
            skip = True
        elif token == "--" or not token.startswith("-"):
            return token
    return None


class _Version(argparse.Action):
    """`--version`: reads the version and the rules data's date only when asked (issue 15: `case list` reads
    neither pyproject.toml nor rules/about.toml, nor loads tomllib)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        sys.stdout.write(version_line() + "\n")
        parser.exit()


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="juliu", description="Juliu (居留): residence records for China.")
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="print the version and the date of the rules data, then exit")
    parser.add_argument("--data-dir", help="folder holding juliu.sqlite3 (default: JULIU_DATA_DIR or the "
                        "platform data folder)")
    parser.add_argument("--database", metavar="URL", help="a firm's shared database, postgresql://user@host:port/"
                        "database (also JULIU_DATABASE_URL; docs/firm.md); default: the SQLite file in --data-dir")
    parser.add_argument("--passphrase-file", help="file holding the passphrase of an encrypted database "
                        "(also JULIU_PASSPHRASE_FILE; JULIU_PASSPHRASE is weaker; else a prompt)")
    parser.add_argument("--lang", choices=("en", "zh_CN"), default=None, help="interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules(argv):
        module.register(sub)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace | int:
    """The parsed arguments, or an exit status when argparse already answered (--help, a usage error)."""
    try:
        args = build_parser(argv).parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code in (0, None) else EXIT_BAD_INPUT
    if args.lang:
        set_locale(args.lang)
    elif system_language().startswith("zh"):  # like the window, follow the system's language unless told
        set_locale("zh_CN")
    return args


def system_language() -> str:
    """The language the environment asks for, in POSIX order (LC_ALL, LC_MESSAGES, LANG): "zh_CN.UTF-8", or ""."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(key, ""):
            return value
    return ""


def run(args: argparse.Namespace, today: Callable[[], dt.date] = dt.date.today) -> int:
    try:
        code: int = args.handler(args, today())
        sys.stdout.flush()  # a reader that went away shows here, inside the handling below
        return code
    except BrokenPipeError:
        return quiet_broken_pipe()
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except StorageError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OverflowError as exc:  # a date stored before the accepted range was enforced (core.records.limits)
        print(_("error: a stored date is outside 1900-01-01 to 2199-12-31 and cannot be computed with ({reason}); "
                "correct it in the window").format(reason=exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # a file that cannot be written (full disk, no permission, a folder in the way)
        where = f"{exc.filename}: " if exc.filename else ""
        print(_("error: {where}{reason}").format(where=where, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_BAD_INPUT


def quiet_broken_pipe() -> int:
    """Output into a closed pipe (`case list --json | head -c1`) ends quietly, as `cat` does: the rest is dropped
    and the exit status is the shell's for SIGPIPE."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's own flush at exit would otherwise fail again
    return EXIT_BROKEN_PIPE
