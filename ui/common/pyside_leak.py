"""PySide6 6.12 on Python 3.11 loses a reference to None, True or False on most calls; this keeps them alive.

Measured here (tests/ui/test_pyside_leak.py): every call of a C++ method returning void (`setText`, `setEnabled`,
`processEvents`, `QTest.qWait`, which qtbot.waitUntil calls in its loop) drops one reference to None, and every
`Signal.emit()` drops one to True. The wheels are built for the stable ABI, where `Py_RETURN_NONE` no longer
counts a reference since Python 3.12 made these objects immortal; on 3.11 they are not. The counts only fall,
hidden while the process keeps gaining objects that hold None and True, until a large free (the cycle collector
emptying a big structure, often in whichever thread collects; or the interpreter at exit) takes the count to
zero: "Fatal Python error: none_dealloc" or "bool_dealloc", with "Garbage-collecting" in faulthandler's stack.

`top_up()` raises the three counts back above `FLOOR` (the GUI-thread timer of ui/common/gui_gc.py calls it twice
a second): what Python 3.12's immortal objects do by design. It acts only when a probe at import shows the leak,
so a fixed PySide6 (or Python 3.12) makes it a no-op. Writing the count is a read-modify-write outside the C API:
another thread's change between the read and the write could be lost, which moves the count by one against a
margin of millions, and these objects are never freed anyway.
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

FLOOR = 1 << 24  # more references than a process drops between two ticks (millions of calls in half a second)
TARGET = 2 * FLOOR
SINGLETONS: tuple[object, ...] = (None, True, False)


def _count(obj: object) -> int:
    return sys.getrefcount(obj) - 1  # without getrefcount's own argument


def _probe() -> bool:
    """True when PySide6 drops a reference to None on a void call (it does in 6.12 on Python 3.11)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal: nothing to keep alive
    probe = QObject()
    before = _count(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return _count(None) <= before - 50


LEAKS = _probe()


def top_up(floor: int = FLOOR, target: int = TARGET) -> int:
    """Raise the reference counts of None, True and False that fell below `floor` back to `target`; returns how
    many references were added."""
    if not LEAKS:
        return 0
    added = 0
    for obj in SINGLETONS:
        count = _count(obj)
        if count < floor:
            field = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: the first field of every PyObject
            field.value += target - count
            added += target - count
    return added
