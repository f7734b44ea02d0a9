"""The last resort (issue 15): an exception no code caught, raised in a slot, shows a translated message with its
type and text (the traceback under the details) and still reaches the previous hook; the hook is put back after."""
from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from core.i18n import _
from ui.app import install_excepthook, show_unexpected


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_error_in_a_slot_shows_a_message(qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    seen: list[type[BaseException]] = []

    def recorder(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        seen.append(kind)  # stands for Python's own hook (which would print the traceback)

    before = sys.excepthook
    sys.excepthook = recorder
    try:
        assert install_excepthook() is recorder
        button = QPushButton("boom")
        qtbot.addWidget(button)

        def broken() -> None:
            raise LookupError("no such client 42")

        button.clicked.connect(broken)
        button.click()  # PySide6 hands the slot's exception to sys.excepthook
        qtbot.waitUntil(lambda: seen == [LookupError])
        box = next(b for b in QApplication.topLevelWidgets()
                   if isinstance(b, QMessageBox) and b.objectName() == "unexpected_error" and b.isVisible())
        assert box.windowTitle() == _("Unexpected error")
        assert "LookupError" in box.text() and "no such client 42" in box.text()
        assert "broken" in box.detailedText()  # the traceback, for whoever looks into it
        if lang == "zh_CN":
            assert "意外错误" in box.text() + box.windowTitle() and "已保存的记录" in box.informativeText()
        else:
            assert "log" not in box.informativeText()  # no log file here: none named
        box.accept()
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)  # Ctrl+C: only the previous hook
        assert seen == [LookupError, KeyboardInterrupt]
        assert not [b for b in QApplication.topLevelWidgets()
                    if isinstance(b, QMessageBox) and b.objectName() == "unexpected_error" and b.isVisible()]
    finally:
        sys.excepthook = before
    assert sys.excepthook is before


def test_the_message_names_the_log_when_there_is_one(qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    try:
        raise ValueError("bad")
    except ValueError as exc:
        box = show_unexpected(exc, Path("/var/log/juliu.log"))
    assert "/var/log/juliu.log" in box.informativeText() and "ValueError" in box.text() and "bad" in box.text()
    box.accept()
