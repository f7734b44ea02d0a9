"""Small widget factories shared by windows and tabs."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView


def record_table(model: Any, name: str) -> QTableView:
    """A read-only, row-selecting table view over one of ui.table_models."""
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def button_row(*pairs: tuple[str, str, Callable[[], object]]) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """A row of named push buttons, left-aligned."""
    row, made = QHBoxLayout(), {}
    for name, label, slot in pairs:
        button = QPushButton(label, objectName=name)
        button.clicked.connect(slot)
        row.addWidget(button)
        made[name] = button
    row.addStretch(1)
    return row, made


def on_delete_key(view: QAbstractItemView, slot: Callable[[], object]) -> QShortcut:
    """The Delete key on a table deletes its selected rows (the slot asks or records an undo step)."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view, context=Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)
    return shortcut
