"""Table columns that fit the table's width (issue 15: a 1366x768 laptop): each column as wide as its title and a
sample of its rows, the main column given what is left, secondary columns hidden when there is no room (the
header's context menu shows them again), long text elided with the whole text in a tooltip.

Measuring every row on each change (Qt's ResizeToContents) costs 221 ms a keystroke over the client list at
10,000 clients (bench/firm/README.md): the widths come from the header and at most `SAMPLE` rows."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHeaderView,
    QMenu,
    QStyle,
    QTableView,
    QToolTip,
    QTreeView,
    QWidget,
)

from core.i18n import _

__all__ = ["ColumnFit"]

SAMPLE = 80  # rows measured: the first half of them and the rest spread evenly over the whole table
PADDING = 16  # the cell's margins either side of the text
MAX_WIDTH = 360  # no column's own width beyond this (long notes elide; the tooltip has them)
MIN_WIDTH = 56  # what a shrunk column keeps
LONG = 120  # long text (names, explanations) shrinks to this before dates and codes do


def viewport_of(view: QAbstractScrollArea) -> QWidget:
    """The view's viewport. PySide6 6.12's first `viewport()` call in a process costs ~7 ms of CPU (it resolves
    every lazily loaded QtWidgets class, each with its enums); finding the same widget by the object name Qt gives
    it costs 0.04 ms, and `viewport()` is cheap after that (issue 15: start-up)."""
    found = view.findChild(QWidget, "qt_scrollarea_viewport", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else view.viewport()


class ColumnFit(QObject):
    """Keeps the columns of one table within its viewport's width (see the module's docstring)."""

    def __init__(self, view: QTableView | QTreeView, stretch: int = -1, secondary: Sequence[int] = (),
                 caps: Mapping[int, int] | None = None, texts: Mapping[int, Iterable[str]] | None = None):
        super().__init__(view)
        self.view = view
        self.header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
        self.stretch = stretch  # the column given the room left (-1: the last one)
        self.secondary = tuple(secondary)  # hidden in this order while the columns do not fit
        self.caps = dict(caps or {})  # a column's widest, instead of MAX_WIDTH
        self.texts = {c: list(t) for c, t in (texts or {}).items()}  # values a column may show beyond the sample
        self.user_hidden: set[int] = set()
        self.user_shown: set[int] = set()
        self.user_width: dict[int, int] = {}
        self.natural: list[int] = []
        self.content: list[int] = []  # the widest sampled text of each column (natural: the title too)
        self._fitting = False
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.refit)
        header = self.header
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        header.sectionResized.connect(self._resized)
        viewport_of(view).installEventFilter(self)

    def watch(self) -> None:
        """Follow the view's model (call after `setModel`)."""
        model = self.view.model()
        model.modelReset.connect(self.refit)
        model.layoutChanged.connect(self.later)
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.headerDataChanged):
            signal.connect(self.later)
        self.later()

    def later(self, *_args: object) -> None:
        self._timer.start()

    # -- measuring ------------------------------------------------------------------------------------------------
    def sample_rows(self) -> list[int]:
        """The rows measured: all of a short table, `SAMPLE` of a long one."""
        count = self.view.model().rowCount()
        if count <= SAMPLE:
            return list(range(count))
        half = SAMPLE // 2
        step = count / half
        return sorted(set(range(half)) | {int(i * step) for i in range(half)})

    def _measure(self) -> list[int]:
        model = self.view.model()
        metrics = self.view.fontMetrics()
        rows = self.sample_rows()
        widths, self.content = [], []
        titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
        # A narrowed title ends in "…" (its tooltip has it); Qt elides a two-line title as one line: those clip.
        self.header.setTextElideMode(Qt.TextElideMode.ElideNone if any("\n" in t for t in titles)
                                     else Qt.TextElideMode.ElideRight)
        for column in range(model.columnCount()):
            texts = [str(model.index(row, column).data() or "") for row in rows] + self.texts.get(column, [])
            lines = [line for text in texts for line in text.splitlines()]
            content = max((metrics.horizontalAdvance(line) for line in lines), default=0) + PADDING
            cap = self.caps.get(column, MAX_WIDTH)
            self.content.append(min(content, cap))
            widths.append(min(max(self._title_width(column), content), cap))
        return widths

    def _title_width(self, column: int) -> int:
        """The title's widest line, its margins and the sort arrow (Qt's own hint is 0 for a hidden column and
        measures a two-line title as one line)."""
        header = self.header
        title = str(self.view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        widest = max((header.fontMetrics().horizontalAdvance(line) for line in title.splitlines()), default=0)
        style = header.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        return widest + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 6 * margin + 1

    # -- fitting --------------------------------------------------------------------------------------------------
    def hidden(self) -> set[int]:
        header = self.header
        return {c for c in range(header.count()) if header.isSectionHidden(c)}

    def refit(self) -> None:
        """Measure a sample again and share the viewport's width out."""
        self._timer.stop()
        self.natural = self._measure()
        self._fit()

    def _stretch_column(self, shown: list[int]) -> int | None:
        wanted = self.stretch if self.stretch >= 0 else len(self.natural) - 1
        if wanted in shown and wanted not in self.user_width:
            return wanted
        free = [c for c in shown if c not in self.user_width]
        return free[-1] if free else None

    def _managed(self, column: int) -> bool:
        """Ours to size: a section a caller set to Stretch or Fixed keeps Qt's sizing."""
        mode = self.header.sectionResizeMode(column)
        return mode == QHeaderView.ResizeMode.Interactive

    def _fit(self) -> None:
        count = len(self.natural)
        if not count:
            return
        header = self.header
        room = viewport_of(self.view).width()
        widths = {c: self.user_width.get(c, self.natural[c]) for c in range(count)}
        qt_stretch = False
        for column in range(count):
            if not self._managed(column):
                stretches = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
                qt_stretch = qt_stretch or stretches
                widths[column] = header.minimumSectionSize() if stretches else header.sectionSize(column)
                self.user_width[column] = widths[column]  # never shrunk or stretched by us
        shown = [c for c in range(count) if c not in self.user_hidden]
        for column in reversed(self.secondary):  # the last listed goes first
            if sum(widths[c] for c in shown) <= room or len(shown) <= 1:
                break
            if column in shown and column not in self.user_shown:
                shown.remove(column)
        excess = sum(widths[c] for c in shown) - room
        if excess > 0:
            self._shrink(widths, [c for c in shown if c not in self.user_width], excess)
        elif not qt_stretch:
            stretch = self._stretch_column(shown)
            if stretch is not None:
                widths[stretch] -= excess
        self._apply(widths, set(shown))

    def _shrink(self, widths: dict[int, int], columns: list[int], excess: int) -> None:
        """Take `excess` pixels: first from titles wider than their column's text (the title elides, its tooltip
        has it), then from long text down to LONG, then from every column down to MIN_WIDTH."""
        floors = ([max(MIN_WIDTH, self.content[c]) for c in range(len(widths))],
                  [LONG] * len(widths), [MIN_WIDTH] * len(widths))
        for floor in floors:
            slack = {c: max(0, widths[c] - floor[c]) for c in columns}
            total = sum(slack.values())
            if not total:
                continue
            take = min(excess, total)
            for column in columns:
                widths[column] -= min(slack[column], -(-take * slack[column] // total))  # rounded up
            excess -= take
            if excess <= 0:
                return

    def _apply(self, widths: dict[int, int], shown: set[int]) -> None:
        header = self.header
        self._fitting = True
        try:
            for column, width in widths.items():
                header.setSectionHidden(column, column not in shown)
                if column in shown and self._managed(column) and header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting or new == 0 or not self._managed(column):
            return
        self.user_width[column] = new  # the user dragged it: it keeps that width, the others share the rest
        self.later()

    # -- the header's menu and tooltips ---------------------------------------------------------------------------
    def menu(self) -> QMenu:
        """A checkable entry per column: which ones the table shows."""
        menu = QMenu(self.view)
        menu.setObjectName("column_menu")
        model = self.view.model()
        hidden = self.hidden()
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "").replace("\n", " ")
            action = menu.addAction(title)
            action.setObjectName(f"column_{column}")
            action.setCheckable(True)
            action.setChecked(column not in hidden)
            action.setEnabled(column in hidden or len(hidden) < model.columnCount() - 1)  # one stays
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
        menu.addSeparator()
        reset = menu.addAction(_("Fit the columns to the window"))
        reset.setObjectName("column_reset")
        reset.triggered.connect(self.reset)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        self.menu().popup(self.header.mapToGlobal(pos))

    def set_shown(self, column: int, shown: bool) -> None:
        (self.user_shown if shown else self.user_hidden).add(column)
        (self.user_hidden if shown else self.user_shown).discard(column)
        self.user_width.clear()  # room shared out again
        self.refit()

    def reset(self) -> None:
        self.user_hidden.clear()
        self.user_shown.clear()
        self.user_width.clear()
        self.refit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            if self.natural:
                self._fit()
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._tooltip(event)
        return False

    def _tooltip(self, event: QHelpEvent) -> bool:
        """A cell whose text is cut shows it whole; a cell with a tooltip of its own keeps that."""
        index = self.view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = str(index.data() or "")
        metrics = self.view.fontMetrics()
        widest = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
        if widest + PADDING <= self.header.sectionSize(index.column()):
            return False  # whole: Qt's own handling (a delegate's tooltip, or none)
        QToolTip.showText(event.globalPos(), text, self.view)
        return True
