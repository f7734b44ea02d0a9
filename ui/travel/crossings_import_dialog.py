"""Importing crossings from a CSV or XLSX file: choose the columns, preview every row, then import all or none."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from core.errors import Problem
from core.exchange.crossings_import import ImportPlan, ImportRejected
from core.exchange.crossings_table import FIELDS, REQUIRED_FIELDS, ColumnMapping, RawTable
from core.field_labels import problem_field
from core.i18n import _
from core.records.identity import ApplicantId
from core.services.facade import JuliuService
from ui.common.widgets import named, record_table
from ui.travel.presence_models import ImportPreviewModel


def field_labels() -> dict[str, str]:
    return {"date": _("Date 日期"), "direction": _("Direction 出入境"), "time": _("Time 时间"), "port": _("Port 口岸"),
            "note": _("Note 备注"), "planned": _("Planned 计划")}


class CrossingsImportDialog(QDialog):
    """Opened on a file already read; `plan` holds what was imported once the dialog is accepted."""

    def __init__(self, service: JuliuService, applicant_id: ApplicantId, table: RawTable, mapping: ColumnMapping,
                 today: dt.date, parent: Any = None):
        super().__init__(parent)
        self.service, self.applicant_id, self.table, self.today = service, applicant_id, table, today
        self.mapping = mapping
        self.plan: ImportPlan | None = None
        self.imported: ImportPlan | None = None
        self.setWindowTitle(_("Import crossings 导入出入境记录"))
        self.resize(980, 640)
        self.combos: dict[str, QComboBox] = {}
        form, labels = QFormLayout(), field_labels()
        for name in FIELDS:
            combo = named(QComboBox(), f"map_{name}")
            combo.addItem(_("(not in the file)") if name not in REQUIRED_FIELDS else _("(choose a column)"), None)
            for i, header in enumerate(table.headers):
                samples = ", ".join(table.samples(i))
                text = f"{_column_letter(i)}: {header or _('(no header)')}" + (f" — {samples}" if samples else "")
                combo.addItem(text, i)
            combo.setCurrentIndex(max(combo.findData(mapping.column(name)), 0))
            combo.currentIndexChanged.connect(lambda _i, n=name: self._mapping_changed(n))
            self.combos[name] = combo
            form.addRow(labels[name] + (" *" if name in REQUIRED_FIELDS else ""), combo)
        self.all_planned = named(QCheckBox(_("Every row is a planned trip (future dates allowed) 全部为计划行程")),
                                 "all_planned")
        self.all_planned.toggled.connect(lambda _on: self.replan())
        form.addRow("", self.all_planned)
        columns = QGroupBox(_("Columns 列 — header row {line}; {encoding}").format(
            line=table.header_line, encoding=table.encoding.upper()))
        columns.setLayout(form)
        self.model = ImportPreviewModel(self, describe=lambda p: problem_line(p, with_line=False))
        self.preview = record_table(self.model, "import_preview")
        self.summary = named(QLabel(), "import_summary")
        self.summary.setWordWrap(True)
        self.problems = named(QPlainTextEdit(), "import_problems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(110)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Import 导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("do_import")
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("File: {name}").format(name=Path(table.source).name)))
        layout.addWidget(columns)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.replan()

    def _mapping_changed(self, name: str) -> None:
        self.mapping = self.mapping.with_column(name, self.combos[name].currentData())
        self.replan()

    def replan(self) -> None:
        """Check every row again with the current columns; nothing is written."""
        plan = self.service.travel.plan_import(self.applicant_id, self.table, self.mapping, self.today,
                                               self.all_planned.isChecked())
        self.plan = plan
        self.model.set_records(list(plan.rows))
        self.problems.setPlainText("\n".join(problem_line(p) for p in plan.problems))
        self.problems.setVisible(bool(plan.problems))
        counts = _("{read} rows read: {new} new, {skipped} already stored (skipped), {rejected} with problems.").format(
            read=plan.read, new=len(plan.to_add), skipped=plan.skipped, rejected=plan.rejected)
        if not plan.ok:
            verdict, colour = _("Nothing will be imported until every problem is fixed (all rows or none)."), "#b00020"
        elif not plan.to_add:
            verdict, colour = _("Nothing new to import: every row is already stored."), "#a15c00"
        else:
            verdict, colour = _("Ready: {n} crossings will be added.").format(n=len(plan.to_add)), "#1b6e20"
        self.summary.setText(f"{counts} {verdict}")
        self.summary.setStyleSheet(f"color: {colour}")
        self.import_button.setEnabled(plan.ok and bool(plan.to_add))

    def do_import(self) -> None:
        try:
            self.imported = self.service.travel.commit_import(self.applicant_id, self.table, self.mapping,
                                                              self.today, self.all_planned.isChecked())
        except ImportRejected:
            self.replan()  # the stored crossings changed since the preview: show why
            return
        self.accept()


def problem_line(problem: Problem, with_line: bool = True) -> str:
    """'Line 3 · Date 日期: not a real date: '2024-02-30'' in the interface's language (never a field id)."""
    message = _(problem.message)  # core words its messages in the interface's language, or marks them N_
    where = "" if not with_line else (
        _("Line {n}").format(n=problem.line) if problem.line is not None else Path(problem.source).name)
    label = field_labels().get(problem.field) or problem_field(problem.field)
    return " · ".join(x for x in (where, _("{label}: {message}").format(label=label, message=message)
                                  if label else message) if x)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
