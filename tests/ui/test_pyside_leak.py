"""PySide6 6.12 on Python 3.11 drops a reference to None on void calls and to True on Signal.emit(); without the
top-up (ui/common/pyside_leak.py) a process that made enough calls aborts ("Fatal Python error: bool_dealloc")."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

from ui.common import pyside_leak

ROOT = Path(__file__).resolve().parents[2]
EMITTER = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
from ui.common import pyside_leak
class Emitter(QObject):
    fired = Signal()
emitter = Emitter()
for n in range(sys.getrefcount(True) + 5_000):  # more emits than there are references to True
    emitter.fired.emit()
    if sys.argv[1] == "kept" and n % 1_000 == 0:
        pyside_leak.top_up()
print("still alive")
"""


class Emitter(QObject):
    fired = Signal()


def test_the_probe_says_what_a_measurement_shows(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1_000):
        label.setText("x")
    lost = before - sys.getrefcount(None)
    assert pyside_leak.LEAKS == (lost >= 900)


@pytest.mark.skipif(not pyside_leak.LEAKS, reason="this PySide6 does not leak")
def test_what_was_lost_is_given_back(qapp: QApplication) -> None:
    pyside_leak.top_up()
    label, emitter = QLabel(), Emitter()
    before = {id(obj): sys.getrefcount(obj) for obj in (None, True)}
    for _ in range(20_000):
        label.setText("x")
        emitter.fired.emit()
    lost = {id(obj): before[id(obj)] - sys.getrefcount(obj) for obj in (None, True)}
    assert all(n >= 19_000 for n in lost.values()), lost  # the leak is real
    level = max(before.values()) + 1
    assert pyside_leak.top_up(floor=level, target=level) >= sum(lost.values())
    assert all(sys.getrefcount(obj) >= before[id(obj)] for obj in (None, True))


@pytest.mark.skipif(not pyside_leak.LEAKS, reason="this PySide6 does not leak")
@pytest.mark.parametrize("mode", ["leaking", "kept"])
def test_enough_emits_abort_the_process_unless_topped_up(mode: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", EMITTER, mode], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    if mode == "kept":
        assert done.returncode == 0 and done.stdout.strip() == "still alive" and done.stderr == "", done.stderr
    else:
        assert done.returncode != 0 and "bool_dealloc" in done.stderr
