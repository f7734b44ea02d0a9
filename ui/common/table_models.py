"""Qt table models: thin read-only adapters over lists of core records."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any, Generic, SupportsFloat, TypeVar, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from core.i18n import _
from core.records.identity import Applicant, Direction

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 100  # what a sort proxy compares (ui.common.widgets.SortProxyModel)

# Shown numbers: an optional currency prefix, digits with grouping, decimals, an optional percent sign.
_NUMBER = re.compile(r"-?(?:[A-Z]{0,3}[¥$€£]\s?)?([-+]?\d[\d,\u00a0\u202f ]*(?:\.\d+)?)\s?%?")


def sort_key(value: object) -> object:
    """A value Qt compares natively: numbers as numbers, dates as ISO text, text folded; None (empty) sorts last."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if hasattr(value, "as_integer_ratio"):  # a Decimal (or Fraction): no need to load decimal to recognise one
        return float(cast(SupportsFloat, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    number = _NUMBER.fullmatch(text)
    if number:
        sign = -1.0 if text.startswith("-") and not number.group(1).startswith("-") else 1.0
        return sign * float(re.sub(r"[,\u00a0\u202f ]", "", number.group(1)))
    return text.casefold()


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Columns are (header, getter) pairs; `set_records` replaces the whole list."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[T], object]]], parent: Any = None):
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[T] = []

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._records[row]

    def records(self) -> list[T]:
        return list(self._records)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._columns[index.column()][1](self._records[index.row()])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(self._records[index.row()])
        if role == SORT_ROLE:
            return sort_key(self._columns[index.column()][1](self._records[index.row()]))
        return None

    def foreground(self, record: T) -> QColor | None:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                 Qt.ItemDataRole.ToolTipRole):
            return self._columns[section][0]  # the tooltip: a title elided in a narrow column
        return None


def _iso(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


class ApplicantTableModel(RecordTableModel[Applicant]):
    def __init__(self, parent: Any = None):
        super().__init__([
            (_("Name"), lambda a: a.latin_name),
            (_("Chinese name"), lambda a: a.chinese_name),
            (_("Nationality"), lambda a: a.nationality),
            (_("City"), lambda a: a.city),
        ], parent)


def direction_label(d: Direction) -> str:
    return _("Entry 入境") if d is Direction.ENTRY else _("Exit 出境")
