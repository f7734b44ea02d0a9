"""Running the CLI in-process on hostile input and judging the outcome: exit 0 or 2 only, no exception, no run
longer than a few seconds, and the database byte-identical after any rejection. Counts go to STATS for the figures
the session prints at the end (tests/fuzz/conftest.py)."""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import main

TIME_LIMIT = float(os.environ.get("JULIU_FUZZ_TIME_LIMIT", "5"))  # seconds per input
STATS: dict[str, Counter[str]] = {}


class Hang(Exception):  # noqa: N818 - the outcome's name, as reported
    """An input ran past TIME_LIMIT."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """SIGALRM interrupts whatever runs (a parser included) once `seconds` have passed; POSIX only."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def database_digest(data_dir: Path) -> str:
    """The database file and its WAL, byte by byte (the WAL is folded in when the last connection closes)."""
    digest = hashlib.sha256()
    for name in ("juliu.sqlite3", "juliu.sqlite3-wal"):
        path = data_dir / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def judge(target: str, argv: list[str], data_dir: Path) -> int:
    """Run `main.main(argv)` and record the outcome; AssertionError naming the input on anything but 0 or a
    clean exit 2 that left the database as it was."""
    stats = STATS.setdefault(target, Counter())
    stats["inputs"] += 1
    before = database_digest(data_dir)
    out, err = io.StringIO(), io.StringIO()
    try:
        with time_limit(TIME_LIMIT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main.main(["--data-dir", str(data_dir), *argv])
    except Hang:
        stats["hangs"] += 1
        raise AssertionError(f"hang: {argv}") from None
    except SystemExit as exc:  # argparse inside a handler, or an explicit exit
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:
        stats["crashes"] += 1
        raise AssertionError(f"crash {type(exc).__name__}: {exc!s:.300} for {argv}") from exc
    if code not in (0, 2):
        stats["crashes"] += 1
        raise AssertionError(f"exit {code} for {argv}: {err.getvalue()[:300]}")
    if "Traceback" in err.getvalue():
        stats["crashes"] += 1
        raise AssertionError(f"traceback printed for {argv}")
    if code == 2:
        stats["clean errors"] += 1
        if database_digest(data_dir) != before:
            stats["partial writes"] += 1
            raise AssertionError(f"the database changed although the input was rejected: {argv}")
    else:
        stats["accepted"] += 1
    return code
