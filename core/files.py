"""Every file Juliu writes goes through here: atomic (a temporary file in the same folder, fsync, rename) and private.

A reader, a crash or a full disk never leaves half a file over a good one: the old file stays until the new one is
complete on disk. Files are created 0600 and the folders Juliu creates 0700 on POSIX, because case files, packets,
calendars and exports carry passport numbers and travel history. Folders that already exist (the user's Documents)
are left as they are.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

POSIX = os.name == "posix"
FILE_MODE = 0o600
DIR_MODE = 0o700


def make_private_dir(folder: Path) -> Path:
    """Create `folder` and any missing parents, each new one 0700; existing folders are not touched."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for new in reversed(missing):
        with contextlib.suppress(FileExistsError):
            new.mkdir(mode=DIR_MODE)
            if POSIX:
                os.chmod(new, DIR_MODE)  # mkdir's mode is filtered by the umask
    return folder


@contextlib.contextmanager
def private_writer(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """A file object for `path`; on a clean exit its content replaces `path` whole, else `path` is untouched."""
    path = Path(path)
    try:
        make_private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # 0600 on POSIX
    except OSError as exc:
        raise _named(exc, path) from exc
    try:
        with os.fdopen(fd, mode, **open_args) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _named(exc, path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def _named(exc: OSError, path: Path) -> OSError:
    """The error with the file the user asked for, not the temporary one, as its filename."""
    return OSError(exc.errno, exc.strerror or str(exc), str(path))


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to `path` atomically and privately; returns `path`."""
    with private_writer(path) as fh:
        fh.write(data)
    return Path(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no folder handles to sync."""
    if not POSIX:
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_session_folder: Path | None = None


def session_temp_dir() -> Path:
    """A private temporary folder (0700) for copies handed to other programs, such as a scan opened in the system
    viewer; it and everything in it are removed when Juliu exits (remove_session_temp_dir, also run at exit)."""
    global _session_folder
    if _session_folder is None or not _session_folder.is_dir():
        _session_folder = Path(tempfile.mkdtemp(prefix="juliu-"))  # 0700 on POSIX
        atexit.register(remove_session_temp_dir)
    return _session_folder


def remove_session_temp_dir() -> None:
    global _session_folder
    if _session_folder is not None:
        shutil.rmtree(_session_folder, ignore_errors=True)
        _session_folder = None
