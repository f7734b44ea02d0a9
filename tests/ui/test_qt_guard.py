"""The guard of the UI suite notices what it is meant to notice (and the fixture is really installed)."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QPushButton

from tests.ui.qt_guard import QtMessages


def test_a_qt_warning_is_caught(qtbot) -> None:  # type: ignore[no-untyped-def]
    with QtMessages() as seen:
        qWarning("QObject::connect: No such signal")
    assert seen.problems("") == ["QtWarningMsg: QObject::connect: No such signal"]


def test_an_exception_in_a_slot_and_other_stderr_output_are_caught(qtbot, capfd) -> None:  # type: ignore[no-untyped-def]
    button = QPushButton()
    qtbot.addWidget(button)

    def broken() -> None:
        raise TypeError("QObject.connect(): not enough arguments")

    button.clicked.connect(broken)
    with QtMessages() as seen, qtbot.capture_exceptions() as caught:
        button.click()
    assert len(caught) == 1
    (problem,) = seen.problems(capfd.readouterr().err)
    assert problem.startswith("stderr: ") and "TypeError: QObject.connect(): not enough arguments" in problem
    os.write(2, b"QPainter::begin: Paint device returned engine == 0\n")
    sys.stderr.flush()
    assert seen.problems(capfd.readouterr().err) == ["stderr: QPainter::begin: Paint device returned engine == 0"]
