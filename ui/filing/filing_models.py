"""Models and helpers of the filing wizard: checklist rows and pre-flight findings as tables, an "Attach…" button
drawn by a delegate (Model/View, no item widgets), and the worker that renders a packet off the GUI thread."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

from core.i18n import _
from core.packets.content import SEVERITY_TEXT, STATUS_TEXT, ChecklistRow, Finding, ItemStatus, Severity
from ui.common.table_models import RecordTableModel
from ui.common.widgets import source_row

if TYPE_CHECKING:
    pass

STATUS_COLOUR = {ItemStatus.HAVE: "#1b7a3a", ItemStatus.MISSING: "#b3261e", ItemStatus.EXPIRED: "#b3261e",
                 ItemStatus.NOT_YET_ISSUED: "#b3261e", ItemStatus.INCOMPLETE: "#9a5b00",
                 ItemStatus.NOT_APPLICABLE: "#7a7a7a"}
SEVERITY_COLOUR = {Severity.BLOCKER: "#b3261e", Severity.WARNING: "#9a5b00", Severity.INFO: "#555555"}
ATTACHABLE = Qt.ItemDataRole.UserRole + 1


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


class ChecklistTableModel(RecordTableModel[ChecklistRow]):
    """One line per checklist row, with the status the records give on the filing date."""

    ATTACH_COLUMN = 6

    def __init__(self, parent: Any = None):
        super().__init__([
            (_("No. 序号"), lambda r: self.records().index(r) + 1),
            (_("Item 材料"), lambda r: f"{r.name.zh}\n{r.name.en}"),
            (_("Status 状态"), lambda r: f"{STATUS_TEXT[r.status].zh} {STATUS_TEXT[r.status].en}"),
            (_("Number 证件号码"), lambda r: r.document_number),
            (_("Expires 有效期至"), lambda r: _day(r.expiry_date)),
            (_("On the filing date 申请日"), lambda r: f"{r.validity.zh}\n{r.validity.en}".strip()),
            (_("Scan 扫描件"), lambda r: ""),
        ], parent)
        self.attachable: Callable[[ChecklistRow], bool] = lambda _row: False

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == ATTACHABLE:
            row = self.record(index.row())
            return row.status is not ItemStatus.NOT_APPLICABLE and self.attachable(row)
        return super().data(index, role)

    def foreground(self, record: ChecklistRow) -> QColor | None:
        return QColor(STATUS_COLOUR[record.status])

    def status_of(self, key: str) -> ItemStatus:
        return next(r.status for r in self.records() if r.key == key)


class FindingTableModel(RecordTableModel[Finding]):
    def __init__(self, parent: Any = None):
        super().__init__([
            (_("Severity 级别"), lambda f: f"{SEVERITY_TEXT[f.severity].zh} {SEVERITY_TEXT[f.severity].en}"),
            (_("Finding 预检结果"), lambda f: f"{f.message.zh}\n{f.message.en}"),
            (_("Source 来源"), lambda f: f.source),
        ], parent)

    def foreground(self, record: Finding) -> QColor | None:
        return QColor(SEVERITY_COLOUR[record.severity])


class WrappedTextDelegate(QStyledItemDelegate):
    """Qt sizes wrapped lines by the Latin font, a few pixels short of the CJK fallback's line height: a line of
    hanzi is taller, and the last line would be elided. Each line gets the room the fallback font needs."""

    CJK_LINE = 1.3

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        base = super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        lines = max(1, round((base.height() - 4) / max(line, 1)))
        return QSize(base.width(), int(lines * line * self.CJK_LINE) + 6)


class AttachButtonDelegate(WrappedTextDelegate):
    """Draws an "Attach…" push button in a cell whose row can take a scan, and reports clicks on it."""

    clicked = Signal(int)

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.label = _("Attach… 附加")
        self.read_only = ""  # a viewer's tooltip (ui.firm.staff_role): the buttons drawn greyed, clicks ignored

    def set_read_only(self, tooltip: str) -> None:
        self.read_only = tooltip
        view = self.parent()
        if isinstance(view, QTableView):
            view.viewport().update()

    def _button(self, option: QStyleOptionViewItem) -> QStyleOptionButton:
        button = QStyleOptionButton()
        rect = option.rect.adjusted(4, 4, -4, -4)
        button.rect = rect.adjusted(0, max(0, (rect.height() - 28) // 2), 0, -max(0, (rect.height() - 28) // 2))
        button.text = self.label
        button.state = QStyle.StateFlag.State_Raised
        if not self.read_only:
            button.state |= QStyle.StateFlag.State_Enabled
        return button

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if index.data(ATTACHABLE):
            QApplication.style().drawControl(QStyle.ControlElement.CE_PushButton, self._button(option), painter)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        if self.read_only and index.data(ATTACHABLE):
            QToolTip.showText(event.globalPos(), self.read_only, view)
            return True
        return super().helpEvent(event, view, option, index)

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem,  # noqa: N802
                    index: QModelIndex | QPersistentModelIndex) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and index.data(ATTACHABLE) and not self.read_only:
            assert isinstance(event, QMouseEvent)
            button = self._button(option)  # kept alive: .rect refers into it
            if QRect(button.rect).contains(event.position().toPoint()):
                row = source_row(index)  # the handler resets the model: not while the view is inside this event
                QTimer.singleShot(0, lambda: self.clicked.emit(row))
                return True
        return False


def fit_rows(view: QTableView) -> None:
    """Wrapped two-language cells: row heights follow the column widths, also once the view is laid out."""
    view.setWordWrap(True)
    view.setItemDelegate(WrappedTextDelegate(view))
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few dozen rows
