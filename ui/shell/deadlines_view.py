"""The Deadlines dashboard (the firm view): every applicant's expiries and filing deadlines, sorted by due date,
coloured by urgency, searchable and filterable by kind; double-click opens the record in its tab."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.deadlines.item import DeadlineItem, DeadlineKind, Urgency, sort_items
from core.i18n import _
from core.records.client_search import fold
from core.records.identity import ApplicantId
from core.services.facade import JuliuService
from ui.common.background import BackgroundOp, Progress
from ui.common.labels import label
from ui.common.table_models import RecordTableModel
from ui.common.widgets import named, record_table, source_row

COLOURS = {Urgency.OVERDUE: "#f4c7c3", Urgency.URGENT: "#fce8b2", Urgency.SOON: "#fff7d6",
           Urgency.LATER: "#e6f4ea"}


class DeadlineTableModel(RecordTableModel[DeadlineItem]):
    def __init__(self, parent: Any = None):
        super().__init__([
            (_("Due 截止"), lambda i: i.due.isoformat() + (f" {i.due_time:%H:%M}" if i.due_time else "")
             + (" " + _("(derived 推算)") if i.derived else "")),
            (_("Latest by the lenient reading 宽松解释最晚"),
             lambda i: i.lenient_due.isoformat() if i.lenient_due else ""),
            (_("Days"), lambda i: i.days_left),
            (_("Urgency"), lambda i: label(i.urgency)),
            (_("Applicant 申请人"), lambda i: i.name),
            (_("Kind"), lambda i: label(i.kind)),
            (_("What"), lambda i: i.title),
            (_("Document"), lambda i: i.document),
            (_("Source"), lambda i: i.source),
        ], parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole:
            return QColor(COLOURS[self.record(index.row()).urgency])
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            return self.record(index.row()).detail or None
        return super().data(index, role)


class DeadlinesView(QWidget):
    """Items of every client, computed off the GUI thread; after a change only the touched clients' items are
    recomputed and merged in. A search field (name, what, document) and a kind filter narrow the table."""

    record_activated = Signal(int, str, int)  # applicant id, table, record id (0: none)
    updated = Signal(object)  # the set of applicant ids whose items were just replaced (None: everyone's)
    filing_requested = Signal(object)  # the DeadlineItem of a filing deadline (renewal, extension)

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self._today = today
        self._by_applicant: dict[ApplicantId, list[DeadlineItem]] = {}
        self._all: list[DeadlineItem] = []
        self._pending: set[ApplicantId] | None = set()  # None: recompute everyone
        self._op: BackgroundOp | None = None
        self.model = DeadlineTableModel(self)
        self.view = record_table(self.model, "deadlines")
        self.view.setWordWrap(False)  # one line a row (the dock is short): long text elides, its tooltip has it
        self.view.doubleClicked.connect(self._activated)
        self.search = named(QLineEdit(), "deadline_search")
        self.search.setPlaceholderText(_("Search name, document, what…"))
        self.search.setClearButtonEnabled(True)
        self.kind_filter = named(QComboBox(), "kind_filter")
        self.kind_filter.addItem(_("All kinds 全部类别"), None)
        for kind in DeadlineKind:
            self.kind_filter.addItem(label(kind), kind)
        self.summary = named(QLabel(), "deadline_summary")
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._filter_timer.start)
        self.kind_filter.currentIndexChanged.connect(self.apply_filters)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(_("Kind")))
        filters.addWidget(self.kind_filter, 2)
        filters.addWidget(self.summary, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view)

    @property
    def busy(self) -> bool:
        return self._op is not None

    def items(self) -> list[DeadlineItem]:
        """Every client's items, sorted by due date (unfiltered)."""
        return list(self._all)

    def refresh(self, applicant_ids: Iterable[int] | None = None) -> None:
        """Recompute as of today, off the GUI thread: everyone (None) or only the given applicants."""
        if applicant_ids is None:
            self._pending = None
        elif self._pending is not None:
            self._pending |= {ApplicantId(int(a)) for a in applicant_ids}
        if self._op is None:
            self._start()

    def _start(self) -> None:
        ids, self._pending = self._pending, set()
        if ids is not None and not ids:
            return
        as_of, reader_of = self._today(), self.service.reader

        def work(progress: Progress) -> tuple[set[ApplicantId] | None, list[DeadlineItem]]:
            reader = reader_of()
            try:  # in chunks of clients: a cancel (the window closing) stops it at the next chunk
                return ids, reader.records.deadlines_for(as_of, ids, progress=progress).items
            finally:
                reader.close()

        self._op = BackgroundOp(work, self)
        self._op.succeeded.connect(self._merge)
        self._op.failed.connect(self._failed)
        self._op.start()

    def _merge(self, result: tuple[set[ApplicantId] | None, list[DeadlineItem]]) -> None:
        ids, items = result
        self._op = None
        if ids is None:
            self._by_applicant = {}
        else:
            for a in ids:
                self._by_applicant.pop(a, None)
        for i in items:
            self._by_applicant.setdefault(i.applicant_id, []).append(i)
        self._all = sort_items(i for group in self._by_applicant.values() for i in group)
        self.apply_filters()
        self.updated.emit(ids)
        if self._pending is None or self._pending:
            self._start()

    def _failed(self, message: str) -> None:
        self._op = None
        self.summary.setText(_("Deadlines could not be computed: {reason}").format(reason=message))

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        query, kind = self.search.text().strip(), self.kind_filter.currentData()
        words = [fold(w) for w in query.split()]
        shown = [i for i in self._all if (kind is None or i.kind == kind)
                 and all(w in fold(f"{i.name} {i.title} {i.document}") for w in words)] if (
            words or kind is not None) else self._all
        self.model.set_records(shown)
        counts = {s: 0 for s in Urgency}
        for i in shown:
            counts[i.urgency] += 1
        self.summary.setText(_("{overdue} overdue · {urgent} urgent · {soon} soon · {total} in all").format(
            overdue=counts[Urgency.OVERDUE], urgent=counts[Urgency.URGENT], soon=counts[Urgency.SOON],
            total=len(shown)))

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.record(source_row(index))
        table, record_id = item.record or ("", 0)
        self.record_activated.emit(int(item.applicant_id), table, record_id)
        if item.kind in (DeadlineKind.RP_FILING, DeadlineKind.WP_FILING):  # "file the renewal": the wizard
            self.filing_requested.emit(item)


@runtime_checkable
class ShowsRecords(Protocol):
    """A tab that can select one of its records (the dashboard's double-click opens it there)."""

    def show_record(self, table: str, record_id: int) -> bool: ...


class DeadlinesHost(Protocol):
    """What the dock asks of the window it lives in (ui.main_window.MainWindow), checked by mypy, not by name."""

    @property
    def tabs(self) -> QTabWidget: ...
    @property
    def travel(self) -> QWidget: ...
    @property
    def applicant_tabs(self) -> Sequence[object]: ...
    def refresh_applicants(self, select_id: int | None = None) -> None: ...
    def open_filing_for_deadline(self, item: DeadlineItem) -> object: ...


class DeadlinesDock(QDockWidget):
    """Installs itself in the main window; the window passes on what each change touched (`refresh`).
    With no clients (`compute=False`: a first run) the dock holds one line and computes nothing: the table is
    built, and the deadlines computed, when the first client arrives (issue 15: start-up)."""

    updated = Signal(object)  # the dashboard's: the applicant ids whose items were just replaced (None: everyone's)

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], window: QMainWindow,
                 host: DeadlinesHost, compute: bool = True):
        super().__init__(_("Deadlines 到期提醒"), window)
        self.setObjectName("deadlines_dock")
        self.host = host
        self._service, self._today = service, today
        self._dashboard: DeadlinesView | None = None
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        window.menuBar().addMenu(_("&View")).addAction(self.toggleViewAction())
        if compute:
            self.dashboard.refresh()
        else:
            empty = named(QLabel(_("Deadlines show here once a client is added.")), "deadlines_empty")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setWidget(empty)

    @property
    def dashboard(self) -> DeadlinesView:
        """The table of every client's deadlines, built on first use."""
        if self._dashboard is None:
            self._dashboard = view = DeadlinesView(self._service, self._today, self)
            self.setWidget(view)
            view.updated.connect(self.updated)
            view.record_activated.connect(self.open_record)
            view.filing_requested.connect(self.host.open_filing_for_deadline)
        return self._dashboard

    def refresh(self, applicant_ids: Iterable[int] | None = None) -> None:
        """Recompute these clients' deadlines (None: everyone's); nothing while there is no table and no client."""
        ids = None if applicant_ids is None else set(applicant_ids)
        if self._dashboard is None and ids is not None and not ids:
            return
        self.dashboard.refresh(ids)

    def open_record(self, applicant_id: int, table: str, record_id: int) -> None:
        """Select the applicant, then the tab that lists the record, then the record."""
        host = self.host
        host.refresh_applicants(select_id=ApplicantId(applicant_id))
        for tab in host.applicant_tabs:
            shows = isinstance(tab, ShowsRecords) and tab.show_record(table, record_id)
            if (shows or (table == "crossing" and tab is host.travel)) and isinstance(tab, QWidget):
                host.tabs.setCurrentWidget(tab)
                return
