"""Opening dialogs the way a user does (a button, a double-click) and finding the one that opened."""
from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLineEdit, QWidget

from tests.ui.helpers import type_text
from ui.main_window import MainWindow

D = TypeVar("D", bound=QDialog)


def opened(window: QWidget, kind: type[D]) -> D:
    """The one visible dialog of `kind` under `window` (the test fails when none or several are open)."""
    shown = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(shown) == 1, f"expected one open {kind.__name__}, found {len(shown)}"
    return shown[0]


def double_click_row(view: QAbstractItemView, row: int) -> None:
    index: QModelIndex = view.model().index(row, 0)
    view.setCurrentIndex(index)
    view.doubleClicked.emit(index)


def retype(edit: QLineEdit, text: str) -> None:
    edit.clear()
    type_text(edit, text)


def save(dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def tab(window: MainWindow, kind: type):  # type: ignore[no-untyped-def]
    return next(t for t in window.applicant_tabs if isinstance(t, kind))


def choose(combo, value: object) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)
