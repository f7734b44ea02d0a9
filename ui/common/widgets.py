"""Small widget factories shared by windows and tabs: sortable record tables and button rows."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QPushButton, QTableView

from ui.common.column_fit import ColumnFit
from ui.common.table_models import SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
Named = TypeVar("Named", bound=QObject)


def named(widget: Named, name: str) -> Named:
    """The widget with the object name tests and style sheets find it by (typed, unlike Qt's objectName= keyword)."""
    widget.setObjectName(name)
    return widget


class SortProxyModel(QSortFilterProxyModel):
    """Sorts by the models' SORT_ROLE (numbers as numbers, dates as ISO text, empty cells last)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


def source_row(index: Index) -> int:
    """The row in the underlying record model of a view's index (-1 when invalid), through any sort proxy."""
    if not index.isValid():
        return -1
    model = index.model()
    while isinstance(model, QAbstractProxyModel):
        index = model.mapToSource(index)
        model = index.model()
    return index.row()


def source_rows(view: QAbstractItemView) -> list[int]:
    """The selected rows of a view as rows of its record model, in the model's order."""
    selection = view.selectionModel()
    return sorted({source_row(i) for i in selection.selectedRows()}) if selection is not None else []


def select_source_row(view: QAbstractItemView, row: int) -> None:
    """Select (and scroll to) the view's row that shows record-model row `row`, wherever sorting put it."""
    model = view.model()
    if isinstance(model, QAbstractProxyModel):
        source = model.sourceModel()
        index = model.mapFromSource(source.index(row, 0))
    else:
        index = model.index(row, 0)
    if index.isValid():
        view.setCurrentIndex(index)
        selection = view.selectionModel()
        if selection is not None:
            selection.select(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        view.scrollTo(index)


class RecordTable(QTableView):
    """A table whose columns fit its width (`columns`: ui.common.column_fit; set its stretch and secondary columns)."""

    columns: ColumnFit


def record_table(model: Any, name: str) -> RecordTable:
    """A read-only, row-selecting table over one of ui.common.table_models, sorted by a click on a header.

    Until a header is clicked the rows keep the model's order (sort column -1). The columns fit the table's width:
    sized from the titles and a sample of rows, the last one stretched, long text elided with a tooltip."""
    view = named(RecordTable(), name)
    proxy = SortProxyModel(view)
    proxy.setSourceModel(model)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.columns = ColumnFit(view)
    view.columns.watch()
    header = view.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setSortIndicatorClearable(True)
    view.setSortingEnabled(True)
    return view


def button_row(*pairs: tuple[str, str, Callable[[], object]]) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """A row of named push buttons, left-aligned."""
    row, made = QHBoxLayout(), {}
    for name, label, slot in pairs:
        button = named(QPushButton(label), name)
        button.clicked.connect(slot)
        row.addWidget(button)
        made[name] = button
    row.addStretch(1)
    return row, made


def on_delete_key(view: QAbstractItemView, slot: Callable[[], object]) -> QShortcut:
    """The Delete key on a table deletes its selected rows (the slot asks or records an undo step)."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view, context=Qt.ShortcutContext.WidgetShortcut)
    shortcut.setObjectName("delete_key")  # a viewer's is off (ui.firm.staff_role)
    shortcut.activated.connect(slot)
    return shortcut
