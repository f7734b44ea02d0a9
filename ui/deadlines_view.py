"""The Deadlines dashboard (the firm view): every applicant's expiries and filing deadlines, sorted by due date,
coloured by urgency, filterable by applicant and kind; double-click opens the record in its tab."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDockWidget, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from core.deadlines.items import DeadlineItem, DeadlineKind, Urgency
from core.i18n import _
from core.records.identity import ApplicantId
from core.services.facade import JuliuService
from ui.labels import label
from ui.table_models import RecordTableModel
from ui.widgets import record_table, source_row

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
    record_activated = Signal(int, str, int)  # applicant id, table, record id (0: none)
    filing_requested = Signal(object)  # the DeadlineItem of a filing deadline (renewal, extension)

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self._today = today
        self._all: list[DeadlineItem] = []
        self.model = DeadlineTableModel(self)
        self.view = record_table(self.model, "deadlines")
        self.view.doubleClicked.connect(self._activated)
        self.applicant_filter = QComboBox(objectName="applicant_filter")
        self.kind_filter = QComboBox(objectName="kind_filter")
        self.kind_filter.addItem(_("All kinds 全部类别"), None)
        for kind in DeadlineKind:
            self.kind_filter.addItem(label(kind), kind)
        self.summary = QLabel(objectName="deadline_summary")
        self.applicant_filter.currentIndexChanged.connect(self._apply_filters)
        self.kind_filter.currentIndexChanged.connect(self._apply_filters)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Applicant")))
        filters.addWidget(self.applicant_filter, 2)
        filters.addWidget(QLabel(_("Kind")))
        filters.addWidget(self.kind_filter, 2)
        filters.addWidget(self.summary, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view)

    def refresh(self) -> None:
        """Recompute for all applicants as of today; keeps the chosen filters."""
        report = self.service.records.deadlines(self._today())
        self._all = report.items
        chosen = self.applicant_filter.currentData()
        self.applicant_filter.blockSignals(True)
        self.applicant_filter.clear()
        self.applicant_filter.addItem(_("All applicants 全部申请人"), None)
        for a in self.service.list_applicants():
            self.applicant_filter.addItem(f"{a.chinese_name} {a.latin_name}".strip(), a.id)
        self.applicant_filter.setCurrentIndex(max(0, self.applicant_filter.findData(chosen)))
        self.applicant_filter.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        applicant, kind = self.applicant_filter.currentData(), self.kind_filter.currentData()
        shown = [i for i in self._all
                 if (applicant is None or i.applicant_id == applicant) and (kind is None or i.kind == kind)]
        self.model.set_records(shown)
        counts = {s: sum(1 for i in shown if i.urgency is s) for s in Urgency}
        self.summary.setText(_("{overdue} overdue · {urgent} urgent · {soon} soon · {total} in all").format(
            overdue=counts[Urgency.OVERDUE], urgent=counts[Urgency.URGENT], soon=counts[Urgency.SOON],
            total=len(shown)))

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.record(source_row(index))
        table, record_id = item.record or ("", 0)
        self.record_activated.emit(int(item.applicant_id), table, record_id)
        if item.kind in (DeadlineKind.RP_FILING, DeadlineKind.WP_FILING):  # "file the renewal": the wizard
            self.filing_requested.emit(item)


class DeadlinesDock(QDockWidget):
    """Installs itself in the main window and follows its record changes."""

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], window: QMainWindow):
        super().__init__(_("Deadlines 到期提醒"), window, objectName="deadlines_dock")
        self.window_ = window
        self.dashboard = DeadlinesView(service, today, self)
        self.setWidget(self.dashboard)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        window.menuBar().addMenu(_("&View")).addAction(self.toggleViewAction())
        for tab in getattr(window, "applicant_tabs", []):
            for signal in ("records_changed", "crossings_changed"):
                if hasattr(tab, signal):
                    getattr(tab, signal).connect(self.dashboard.refresh)
        model = getattr(window, "applicant_model", None)
        if model is not None:
            model.modelReset.connect(self.dashboard.refresh)
        self.dashboard.record_activated.connect(self.open_record)
        opener = getattr(window, "open_filing_for_deadline", None)
        if opener is not None:
            self.dashboard.filing_requested.connect(opener)
        self.dashboard.refresh()

    def open_record(self, applicant_id: int, table: str, record_id: int) -> None:
        """Select the applicant, then the tab that lists the record, then the record."""
        w: Any = self.window_
        w.refresh_applicants(select_id=ApplicantId(applicant_id))
        for tab in w.applicant_tabs:
            shows = getattr(tab, "show_record", None)
            if (shows is not None and shows(table, record_id)) or (table == "crossing" and tab is w.travel):
                w.tabs.setCurrentWidget(tab)
                return
