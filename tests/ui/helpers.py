"""Driving widgets like a user: typing text (Chinese included) into focused fields."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """qtbot.keyClicks aborts on non-Latin-1 text (STACK-NOTES), so send key events that carry the text."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def settled(qtbot, widget, timeout: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    """Waits until a widget that computes off the GUI thread (its `computing` property) has shown its result."""
    qtbot.waitUntil(lambda: not widget.computing, timeout=timeout)


def recomputed(qtbot, widget, timeout: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    """The widget's recompute(), waited for: what the tests called synchronously before it moved off the GUI thread."""
    widget.recompute()
    settled(qtbot, widget, timeout)
