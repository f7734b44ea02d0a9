"""Where the CLI gets a passphrase: --passphrase-file, JULIU_PASSPHRASE_FILE, JULIU_PASSPHRASE, or a prompt.

The passphrase is never stored; JULIU_PASSPHRASE is the weakest source (other programs of the same user can read
a process's environment), documented as such in docs/security.md.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from core.errors import InputError, Problem
from core.i18n import _


def from_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(path), None, "", _("cannot read the passphrase file ({reason})").format(
            reason=exc.__class__.__name__))]) from None
    text = text.rstrip("\r\n")
    if not text:
        raise InputError([Problem(str(path), None, "", _("the passphrase file is empty"))])
    return text


def given(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> str | None:
    """The passphrase from the options or the environment, without prompting; None when none was given."""
    env = os.environ if env is None else env
    if getattr(args, "passphrase_file", None):
        return from_file(Path(args.passphrase_file))
    if env.get("JULIU_PASSPHRASE_FILE"):
        return from_file(Path(env["JULIU_PASSPHRASE_FILE"]))
    if env.get("JULIU_PASSPHRASE"):
        return env["JULIU_PASSPHRASE"]
    return None


def obtain(args: argparse.Namespace, prompt: str) -> str | None:
    """The given passphrase, or one typed at a prompt when a terminal is attached; None otherwise."""
    found = given(args)
    if found is not None:
        return found
    if sys.stdin.isatty():
        typed = getpass.getpass(prompt)
        return typed or None
    return None


def new_passphrase(args: argparse.Namespace) -> str:
    """The new passphrase: --new-passphrase-file, JULIU_NEW_PASSPHRASE_FILE, or typed twice at a prompt."""
    if getattr(args, "new_passphrase_file", None):
        return from_file(Path(args.new_passphrase_file))
    if os.environ.get("JULIU_NEW_PASSPHRASE_FILE"):
        return from_file(Path(os.environ["JULIU_NEW_PASSPHRASE_FILE"]))
    if not sys.stdin.isatty():
        raise InputError([Problem("", None, "passphrase", _(
            "give the new passphrase with --new-passphrase-file or JULIU_NEW_PASSPHRASE_FILE, or run in a terminal"))])
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("The same passphrase again: ")) != first:
        raise InputError([Problem("", None, "passphrase", _("the two passphrases differ; nothing was changed"))])
    if len(first) < 8:
        raise InputError([Problem("", None, "passphrase", _("use at least 8 characters"))])
    return first
