"""Many case files into the window at once (a firm moving in): read and written off the GUI thread with a progress
bar, then a summary dialog of what was imported, what was a duplicate of a stored client and what was refused."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.exchange.case_batch import CaseImportStatus, CaseImportSummary
from core.exchange.casefile import is_sealed_file
from core.i18n import _
from core.services.facade import JuliuService
from ui.common.background import BackgroundOp, Progress, report_failure
from ui.common.widgets import named
from ui.store.passphrase_dialog import ask

STATUS_TEXT = {CaseImportStatus.IMPORTED: lambda: _("imported"), CaseImportStatus.DUPLICATE: lambda: _("duplicate"),
               CaseImportStatus.REFUSED: lambda: _("refused")}


class CaseImportSummaryDialog(QDialog):
    """One row per file: its name, what happened, the new clients' names (their ids without `names`) or the
    reason."""

    def __init__(self, summary: CaseImportSummary, parent: QWidget | None = None,
                 names: Mapping[int, str] | None = None):
        super().__init__(parent)
        self.setObjectName("case_import_summary")
        self.setWindowTitle(_("Import case files"))
        self.summary = summary
        layout = QVBoxLayout(self)
        layout.addWidget(named(QLabel(summary.line()), "summary_line"))
        self.table = named(QTableWidget(len(summary.outcomes), 3, self), "summary_table")
        self.table.setHorizontalHeaderLabels([_("File"), _("Result"), _("Details")])
        for row, outcome in enumerate(summary.outcomes):
            said = ((", ".join(names[i] for i in outcome.applicant_ids) if names and all(
                        i in names for i in outcome.applicant_ids)
                     else _("applicant {ids}").format(ids=", ".join(map(str, outcome.applicant_ids))))
                    if outcome.applicant_ids else outcome.reason.replace(str(outcome.path), outcome.path.name))
            # the file's folder is in its own column's tool tip: each problem line starts with the name only
            for column, text in enumerate((outcome.path.name, STATUS_TEXT[outcome.status](), said)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(outcome.path) if column == 0 else text)
                self.table.setItem(row, column, item)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the reasons wrap to the width the table has once shown
        for row in range(self.table.rowCount()):  # Qt measures with the Latin font's line height; a line with
            # hanzi is drawn taller (the CJK fallback font), so a refused file's last problem line was cut off
            self.table.setRowHeight(row, round(self.table.rowHeight(row) * 1.2))


class CaseImport(QObject):
    """Asks for the passphrase of each encrypted file first (on the GUI thread), then imports on the thread pool
    through a second connection; `imported(summary)` arrives on the GUI thread with the summary dialog open."""

    imported = Signal(object)

    def __init__(self, window: Any, service: JuliuService, today: Callable[[], dt.date]):
        super().__init__(window)
        self.window_, self.service, self._today = window, service, today
        self.op: BackgroundOp | None = None
        self.dialog: CaseImportSummaryDialog | None = None

    def start(self, paths: Sequence[Path]) -> BackgroundOp | None:
        keys: dict[Path, str] = {}
        for path in paths:
            if is_sealed_file(path):
                key = ask(self.window_, _("Import case files"), _(
                    "{name} is encrypted. Type its passphrase.").format(name=path.name))
                if key is not None:
                    keys[path] = key
        service, today = self.service, self._today()

        def work(progress: Progress) -> CaseImportSummary:
            reader = service.reader()  # a connection belongs to its thread
            try:
                return reader.records.import_cases(list(paths), today, keys.get, progress=progress)
            finally:
                reader.close()

        self.op = BackgroundOp(work, self, self.window_.statusBar(), _("Importing"))
        self.op.succeeded.connect(self._done)
        self.op.failed.connect(report_failure(self.window_, _("Import case files")))
        return self.op.start()

    def _done(self, summary: CaseImportSummary) -> None:
        self.window_.statusBar().showMessage(summary.line(), 8000)
        self.imported.emit(summary)
        new = {i for o in summary.outcomes for i in o.applicant_ids}
        names = {int(a.id): f"{a.latin_name} {a.chinese_name}".strip()  # who came in, not their internal ids
                 for a in self.service.list_applicants() if a.id is not None and a.id in new}
        self.dialog = CaseImportSummaryDialog(summary, self.window_, names)
        self.dialog.open()
