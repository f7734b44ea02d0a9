"""UI tests stay clean: a test fails when Qt printed a warning or anything reached stderr while it ran."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from core.i18n import current_locale, set_locale
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.ui.qt_guard import QtMessages
from ui.common import gui_gc
from ui.common.background import cancel_and_wait
from ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def _collect_on_the_gui_thread(qapp: QApplication) -> None:
    """As the app does (ui/app.py): no automatic cycle collection, which could run in a worker thread and free a
    widget there; a timer on the GUI thread collects instead (ui/common/gui_gc.py)."""
    gui_gc.install()


@pytest.fixture(autouse=True)
def _no_work_outlives_its_test() -> Iterator[None]:
    """A test's background work is cancelled and waited for when it ends (it would otherwise report into the next
    test, to widgets already deleted), and what it left in cycles is collected here, on the GUI thread."""
    yield
    assert cancel_and_wait(timeout=60), "a background operation did not return within 60 s"
    gui_gc.collect_due()


@pytest.fixture(autouse=True)
def _quiet_qt(capfd: pytest.CaptureFixture[str]) -> Iterator[QtMessages]:
    """Qt's warnings (through a message handler) and whatever was written to file descriptor 2 (PySide6 prints
    exceptions raised in slots there) fail the test that caused them; set up first, so checked after qtbot closed
    the test's widgets."""
    with QtMessages() as seen:
        yield seen
    problems = seen.problems(capfd.readouterr().err)
    assert not problems, "Qt warnings or stderr output during the test:\n" + "\n".join(problems)


@pytest.fixture(params=["en", "zh_CN"])
def lang(request: pytest.FixtureRequest, locale: str) -> Iterator[str]:
    """A test that takes `lang` runs in each interface language."""
    set_locale(request.param)
    yield request.param


@pytest.fixture
def window(qtbot, service: JuliuService, lang: str) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window at the suite's fixed `today`, shown, in each language (a module may define its own)."""
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def locale() -> Iterator[str]:
    """Tests that switch the interface language end in the language they started in."""
    before = current_locale()
    yield before
    set_locale(before)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    """The window's own settings (last folder used and such) go to the test's folder, never the user's."""
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
