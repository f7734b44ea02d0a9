"""The Eligibility tab: each route's verdict and earliest date, its criteria with figures and sources, a what-if
panel (filing date, planned trips) that recomputes as you type, and the work-permit points beside it.

The evaluator runs off the GUI thread (BackgroundOp): the old results are greyed while it computes, a result that
arrives after a newer request (another applicant, another date) is dropped, and an error shows in a dialog."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.eligibility.labels import points_input_text
from core.eligibility.results import EligibilityReport, PointsLine, PointsResult
from core.eligibility.whatif import parse_planned_trips
from core.errors import InputError, Problem
from core.i18n import _
from core.records.identity import Crossing
from ui.common.background import BackgroundOp
from ui.common.column_fit import ColumnFit
from ui.common.fields import DateField
from ui.common.messages import short_problem
from ui.common.table_models import RecordTableModel
from ui.common.widgets import named, record_table
from ui.eligibility.eligibility_model import EligibilityTreeModel

Evaluator = Callable[[dt.date, Sequence[Crossing]], Any]  # runs on a worker thread; its result goes to show_result
DEBOUNCE_MS = 150


class WrappedNameDelegate(QStyledItemDelegate):
    """Route and criterion names wrapped to the column's width: rows as tall as the full name needs."""

    def __init__(self, tree: QTreeView):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        base = super().sizeHint(option, index)
        if index.column() != 0:
            return base
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth = 1 if index.parent().isValid() else 0
        width = self.tree.header().sectionSize(0) - self.tree.indentation() * (depth + 1) - 12
        rect = QFontMetrics(opt.font).boundingRect(QRect(0, 0, max(width, 60), 10_000),
                                                   int(Qt.TextFlag.TextWordWrap), str(index.data() or ""))
        return QSize(base.width(), max(base.height(), rect.height() + 8))


class EligibilityWidget(QWidget):
    """Shows an evaluation; the evaluator it is given turns (filing date, planned trips) into a report."""

    evaluated = Signal()

    def __init__(self, today: dt.date | None = None, parent: Any = None):
        super().__init__(parent)
        self._today = today or dt.date.today()
        self._evaluator: Evaluator | None = None
        self.report: EligibilityReport | None = None
        self._generation = 0  # of the latest request: an older result arriving late is dropped
        self._op: BackgroundOp | None = None
        self.error_box: QMessageBox | None = None
        self.heading = named(QLabel(), "heading")
        self.busy = named(QLabel(_("Computing…")), "busy")
        self.busy.setStyleSheet("color: #555; font-style: italic")
        self.busy.hide()
        self.filing_date = DateField("filing_date", required=True, parent=self)  # typed, or from its calendar
        self.filing_date.setObjectName("filing_date")
        self.filing_date.set_date(self._today)
        self.planned_trips = named(QPlainTextEdit(), "planned_trips")
        self.planned_trips.setPlaceholderText(_("one trip a line: exit date, return date\ne.g. 2026-12-20 2027-01-05"))
        self.planned_trips.setFixedHeight(64)
        self.whatif_error = named(QLabel(), "whatif_error")
        self.whatif_error.setWordWrap(True)
        self.whatif_error.setStyleSheet("color: #b00020")
        self.model = EligibilityTreeModel(self)
        self.tree = self._make_tree()
        self.points_model: RecordTableModel[PointsLine] = RecordTableModel([
            (_("Factor"), lambda x: f"{x.label_zh}\n{x.label_en}"),
            (_("Input"), lambda x: points_input_text(x.input)),
            (_("Points"), lambda x: "?" if x.points is None else x.points),
            (_("Max"), lambda x: x.max_points)], self)
        self.points_view = record_table(self.points_model, "points")
        self.points_view.setWordWrap(True)
        self.points_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.points_view.verticalHeader().setMinimumSectionSize(2 * self.fontMetrics().lineSpacing() + 8)
        points_header = self.points_view.horizontalHeader()
        points_header.setStretchLastSection(False)
        points_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        points_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        points_header.resizeSection(1, 80)
        self.details = named(QLabel(), "details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet("background: #fafafa; border: 1px solid #ddd; padding: 4px")
        self.points_total = named(QLabel(), "points_total")
        self.points_total.setWordWrap(True)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.recompute)
        self.filing_date.textChanged.connect(lambda _t: self._timer.start())
        self.planned_trips.textChanged.connect(self._timer.start)
        self._build()

    def _make_tree(self) -> QTreeView:
        tree = named(QTreeView(), "routes")
        tree.setModel(self.model)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAlternatingRowColors(True)
        tree.setWordWrap(True)  # route names in full (中文, English), wrapped, never elided
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.setUniformRowHeights(False)
        tree.setItemDelegateForColumn(0, WrappedNameDelegate(tree))
        tree.header().sectionResized.connect(lambda column, _old, _new: tree.doItemsLayout() if column == 0 else None)
        # Route, verdict, earliest date, value, threshold and source fit the width of a 1366 px laptop screen; the
        # route takes the room left; the convention and note (also in the explanation below) give way when short.
        self.route_columns = ColumnFit(tree, stretch=0, secondary=(6,), caps={0: 330, 6: 700})
        self.route_columns.watch()
        return tree

    def _build(self) -> None:
        whatif = named(QWidget(), "whatif")
        form = QFormLayout(whatif)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Filing date 申请日期"), self.filing_date)
        form.addRow(_("Planned trips 计划出境"), self.planned_trips)
        form.addRow(self.whatif_error)
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(self.heading)
        heading.addWidget(self.busy)
        heading.addStretch(1)
        top.addLayout(heading, 1)
        top.addWidget(whatif, 1)
        points = QWidget()
        pv = QVBoxLayout(points)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(QLabel(_("Work-permit points 工作许可积分")))
        pv.addWidget(self.points_view)
        pv.addWidget(self.points_total)
        routes = QWidget()
        rv = QVBoxLayout(routes)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.tree, 1)
        rv.addWidget(self.details)
        split = named(QTabWidget(), "eligibility_parts")  # each part gets the full width
        split.addTab(routes, _("Permanent-residence routes 永久居留申请途径"))
        split.addTab(points, _("Work-permit points 工作许可积分"))
        self.tree.selectionModel().currentChanged.connect(lambda current, _previous: self.show_details(current))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # --- inputs ----------------------------------------------------------------------------------------------
    def set_evaluator(self, evaluator: Evaluator | None) -> None:
        """Who computes the report; it is called at once and after every edit of the what-if panel."""
        self._evaluator = evaluator
        self.recompute()

    def set_heading(self, text: str) -> None:
        self.heading.setText(text)

    def what_if(self) -> tuple[dt.date, list[Crossing]]:
        """The filing date and planned trips typed in the panel; InputError names the field or the line."""
        try:
            day = dt.date.fromisoformat(self.filing_date.text().strip())
        except ValueError:
            raise InputError([Problem("", None, _("filing date"), _("expected a date as YYYY-MM-DD"))]) from None
        return day, parse_planned_trips(self.planned_trips.toPlainText(), _("planned trips"))

    def stop(self) -> None:
        """The window is closing: a what-if edit's pending recompute must not start on a store about to close."""
        self._timer.stop()

    @property
    def computing(self) -> bool:
        """True while the latest request is being computed."""
        return self._op is not None

    def recompute(self) -> None:
        """Validates the what-if panel here, then computes off the GUI thread (the old results greyed meanwhile)."""
        self._timer.stop()
        self._generation += 1
        self._op = None
        if self._evaluator is None:
            self._show_busy(False)
            self.set_report(None)
            return
        try:
            day, trips = self.what_if()
        except InputError as exc:  # the old results stay visible, greyed, until the input is valid again
            self.whatif_error.setText("\n".join(short_problem(p) for p in exc.problems))
            self._show_busy(False)
            self.set_stale(True)
            return
        self.whatif_error.setText("")
        generation, evaluator = self._generation, self._evaluator
        op = BackgroundOp(lambda _progress: evaluator(day, trips), self)
        op.succeeded.connect(lambda result: self._arrived(generation, result))
        op.failed.connect(lambda message: self._failed(generation, message))
        op.finished.connect(op.deleteLater)  # one per request: none piles up under the tab
        self._op = op
        self._show_busy(True)
        op.start()

    def _arrived(self, generation: int, result: Any) -> None:
        if generation != self._generation:  # a newer request (another applicant, date or trip) was made since
            return
        self._op = None
        self._show_busy(False)
        self.show_result(result)

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._op = None
        self._show_busy(False, stale=True)
        self.error_box = QMessageBox(QMessageBox.Icon.Warning, _("Eligibility could not be computed"), message,
                                     QMessageBox.StandardButton.Ok, self)
        self.error_box.setObjectName("eligibility_error")
        self.error_box.open()

    def show_result(self, result: Any) -> None:
        """What the evaluator returned, on the GUI thread: here a report."""
        self.set_report(result)

    def _show_busy(self, busy: bool, stale: bool | None = None) -> None:
        self.busy.setVisible(busy)
        self.set_stale(busy if stale is None else stale)

    def set_stale(self, stale: bool) -> None:
        """Results computed from input that is no longer valid are greyed (and cannot be mistaken for current)."""
        for widget in (self.tree, self.details, self.points_total, *self.findChildren(QTableView)):
            widget.setEnabled(not stale)

    # --- display ---------------------------------------------------------------------------------------------
    def set_report(self, report: EligibilityReport | None) -> None:
        """New verdicts may reorder the routes (by verdict): the routes open before stay open."""
        self.report = report
        self.details.setText("")  # the explanation of a row of the previous report
        expanded = [r.route for row, r in enumerate(self.model.routes())
                    if self.tree.isExpanded(self.model.index(row, 0))]
        self.model.set_report(report)
        for route_id in expanded:
            self.expand_route(route_id)
        self._show_points(report.points if report else None)
        self.evaluated.emit()

    def _show_points(self, points: PointsResult | None) -> None:
        self.points_model.set_records(list(points.lines) if points else [])
        if points is None:
            self.points_total.setText("")
            return
        span = str(points.total) if points.total == points.max_total else f"{points.total}–{points.max_total}"
        text = _("Total {t} → category {c} (A ≥ {a}, B ≥ {b}; {s})").format(
            t=span, c=points.category, a=points.thresholds.get("A"), b=points.thresholds.get("B"), s=points.source)
        if points.direct_a:
            text += "\n" + _("Category A directly: a category-A criterion is met.")
        if points.by_route is not None:
            decided = points.by_route.decided_by
            text += "\n" + _("Decided by {r}: {zh} / {en}{d}").format(
                r=decided.route.id, zh=decided.route.label_zh, en=decided.route.label_en,
                d=f" ({decided.detail})" if decided.detail else "")
            if points.by_route.doubt:
                text += "\n" + points.by_route.doubt
        if points.missing:  # the factors by their names in the interface's language, never their ids
            text += "\n" + _("Missing: {what}.").format(what=_(", ").join(points.missing_labels()))
        self.points_total.setText(text)

    def show_details(self, index: QModelIndex) -> None:
        """The selected route's summary or criterion's full explanation below the tree."""
        self.details.setText(self.model.explain(index) if index.isValid() else "")

    def expand_route(self, route_id: str) -> bool:
        for row, route in enumerate(self.model.routes()):
            if route.route == route_id:
                self.tree.expand(self.model.index(row, 0))
                return True
        return False
