"""File > History…: every change to the records, newest first, whether the SHA-256 chain is intact, and the
recycle bin (deleted records, put back with Restore until the setting's days have passed)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.field_labels import field_label, table_label
from core.i18n import _, current_locale
from core.records.documents import subtype_names
from core.records.model import DocumentKind
from core.ruledata.loader import setting_label
from core.services.facade import JuliuService
from core.services.recovery.history_export import BOOKKEEPING, changed_fields
from core.storage.recovery.history import BinItem, Entry
from core.storage.sqlite.health import PermissionRefused
from ui.common.field_labels import shown_value
from ui.common.table_models import RecordTableModel
from ui.common.widgets import button_row, named, record_table, source_row
from ui.firm.staff_role import show_refused

SHOWN = 2000  # newest entries listed; `history verify` checks them all


def action_label(action: str) -> str:
    return {"insert": _("added 新增"), "update": _("changed 修改"), "delete": _("deleted 删除")}.get(action, action)


# A column that points at another record: shown as that record (its kind and number, its year), never its id
LINKS = {"document_id": "document", "related_id": "document", "passport_id": "passport", "income_id": "income_year"}
HIDDEN_IN_HISTORY = frozenset({"data"})  # a scan's bytes: the history keeps only their hash, shown as SHA-256


def changes(entry: Entry, linked: Callable[[str, object], str] | None = None) -> str:
    """What changed, in a line: each changed field by its label, old → new (an insert or delete: what it held)."""
    row = entry.after or entry.before or {}

    def value(name: str, held: object) -> str:
        return linked(name, held) if linked is not None and name in LINKS and held is not None else \
            history_value(entry.table, name, held, row)

    fields = [(n, old, new) for n, old, new in changed_fields(entry) if n not in HIDDEN_IN_HISTORY]
    if entry.action == "update":
        return _("; ").join(_("{label}: {old} → {new}").format(
            label=history_label(entry.table, n), old=value(n, old), new=value(n, new)) for n, old, new in fields)
    return _("; ").join(_("{label}: {value}").format(
        label=history_label(entry.table, n), value=value(n, new if entry.action == "insert" else old))
        for n, old, new in fields)[:300]


def history_label(table: str, name: str) -> str:
    """A stored column's label; a few names mean something else in one table (a filing's kind, a certificate's
    place in its list)."""
    special = {("filing", "kind"): _("Filing kind 申请种类"), ("income_certificate", "position"): _("Order 顺序"),
               ("resume_period", "work"): _("Counts as work 计入工作经历")}
    return special.get((table, name)) or field_label(name)


def history_value(table: str, name: str, value: object, row: dict[str, Any] | None = None) -> str:
    """A stored value as read in the history: yes/no for a flag kept as 0/1, a scan's size in KB, a passport's
    type and a degree's level or permit's type by name, the rest as the conflict dialog shows it."""
    if name == "passport_type" and isinstance(value, str):
        return {"ordinary": _("Ordinary 普通"), "official": _("Official / service 公务"),
                "diplomatic": _("Diplomatic 外交"), "other": _("Other 其他")}.get(value, value)
    if name == "subtype" and isinstance(value, str) and value and row and row.get("kind") in set(DocumentKind):
        names = subtype_names(DocumentKind(row["kind"]), value)
        if names:
            return names[0] if current_locale().startswith("zh") else names[1]
    if table == "income_certificate" and name == "position" and isinstance(value, int):
        return str(value + 1)  # stored from 0; a person counts from 1
    if name in FLAGS and value in (0, 1):
        return _("yes") if value else _("no")
    if table == "attachment" and name == "size" and isinstance(value, int):
        return _("{n} KB").format(n=max(1, round(value / 1024)))
    return shown_value(name, value)


FLAGS = frozenset({"planned", "work", "encouraged"})


class HistoryDialog(QDialog):
    """The history list with the chain's state, and the recycle bin."""

    def __init__(self, service: JuliuService, applicant_id: int | None = None, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(_("History 修改记录"))
        self._service = service
        self._applicant_id = applicant_id
        self.refused: QMessageBox | None = None  # the server's refusal, when this person's role may not restore
        self.names: dict[int, str] = {}
        self.rows: dict[tuple[str, int | None], dict[str, Any]] = {}
        self.chain_label = named(QLabel(), "chain_state")
        self.chain_label.setWordWrap(True)
        self.only_selected = named(QCheckBox(_("Only the selected applicant 仅显示所选申请人")), "only_selected")
        self.only_selected.setChecked(applicant_id is not None)
        self.only_selected.setEnabled(applicant_id is not None)
        self.only_selected.toggled.connect(lambda _checked: self.refresh())
        self.model: RecordTableModel[Entry] = RecordTableModel([
            (_("When 时间"), lambda e: e.at[:16].replace("T", " ")),
            (_("Who 操作人"), lambda e: e.who),
            (_("Client 客户"), self.client_name),
            (_("Record 记录"), lambda e: table_label(e.table)),
            (_("Action 操作"), lambda e: action_label(e.action)),
            (_("What changed 变更内容"), lambda e: changes(e, self.linked)),
        ], self)
        self.view = record_table(self.model, "history_table")
        self.bin_model: RecordTableModel[BinItem] = RecordTableModel([
            (_("Deleted 删除时间"), lambda b: b.deleted_at[:16].replace("T", " ")),
            (_("Client 客户"), lambda b: self.names.get(b.applicant_id, f"#{b.applicant_id}")
                if b.applicant_id is not None else ""),
            (_("Record 记录"), lambda b: table_label(b.table)),
            (_("Content 内容"), self.bin_content),
        ], self)
        self.bin_view = record_table(self.bin_model, "recycle_bin_table")
        bin_page = QWidget()
        bin_layout = QVBoxLayout(bin_page)
        bin_layout.addWidget(QLabel(_("Deleted records stay here for {days} days (the setting “{setting}”), "
                                      "then they are purged.").format(days=service.settings()["recycle_bin_days"],
                                                                      setting=setting_label("recycle_bin_days"))))
        bin_layout.addWidget(self.bin_view)
        row, self.bin_buttons = button_row(("restore_deleted", _("Restore 恢复"), self.restore_selected))
        bin_layout.addLayout(row)
        history_page = QWidget()
        history_layout = QVBoxLayout(history_page)
        history_layout.addWidget(self.chain_label)
        history_layout.addWidget(self.only_selected)
        history_layout.addWidget(self.view)
        export_row, self.history_buttons = button_row(("export_history", _("Export CSV…"), self.export_csv))
        history_layout.addLayout(export_row)
        self.tabs = named(QTabWidget(), "history_tabs")
        self.tabs.addTab(history_page, _("History 修改记录"))
        self.tabs.addTab(bin_page, _("Recycle bin 回收站"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(1100, 560)  # every column title whole in English too (the widest), the changes given the rest
        self.refresh()

    def refresh(self) -> None:
        only = self._applicant_id if self.only_selected.isChecked() else None
        shown = self._service.history(only, SHOWN)
        everything = self._service.history()
        self.names = self._service.changes.client_names(everything)
        self.rows = {(e.table, e.row_id): (e.after or e.before or {}) for e in reversed(everything)
                     if e.row_id is not None and (e.after or e.before)}  # the latest known content of each row
        self.model.set_records(shown)
        self.bin_model.set_records(self._service.recycle_bin())
        report = self._service.verify_history()
        if report.intact:
            self.chain_label.setText(_("✔ The history is intact: {n} entries, each chained to the one before by "
                                       "SHA-256. Newest hash: {head}").format(n=report.entries, head=report.head[:16]))
            self.chain_label.setStyleSheet("color: #1b5e20;")
        else:
            self.chain_label.setText(_("✘ The history is broken at entry {id}: {reason}").format(
                id=report.broken_at, reason=report.reason))
            self.chain_label.setStyleSheet("color: #b71c1c; font-weight: bold;")

    def linked(self, name: str, value: object) -> str:
        """The record a link column points at, as a person knows it: a document by its kind and number, a
        passport by its number, an income year by its year; its id only when the history does not hold it."""
        row = self.rows.get((LINKS[name], value)) if isinstance(value, int) else None
        if row is None:
            return f"#{value}"
        if LINKS[name] == "document":
            kind = shown_value("kind", row.get("kind"))
            return f"{kind} {row.get('number') or ''}".strip()
        if LINKS[name] == "income_year":
            return str(row.get("year"))
        return str(row.get("number") or f"#{value}")

    def bin_content(self, item: BinItem) -> str:
        shown = [(k, v) for k, v in item.row.items()
                 if v not in (None, "") and k not in BOOKKEEPING and k not in HIDDEN_IN_HISTORY]
        return _("; ").join(_("{label}: {value}").format(
            label=history_label(item.table, k),
            value=self.linked(k, v) if k in LINKS else history_value(item.table, k, v, item.row))
            for k, v in shown)[:300]

    def client_name(self, entry: Entry) -> str:
        if entry.applicant_id is None:
            return ""
        return self.names.get(entry.applicant_id) or f"#{entry.applicant_id}"

    def export_csv(self) -> Path | None:
        """The history shown (the selected client's, or everyone's) as CSV, one line per changed field."""
        only = self._applicant_id if self.only_selected.isChecked() else None
        name, _filter = QFileDialog.getSaveFileName(self, _("Export the history"), "history.csv",
                                                    _("CSV files (*.csv)"))
        if not name:
            return None
        path = Path(name)
        written = self._service.export_history(path, only)
        QMessageBox.information(self, _("History 修改记录"),
                                _("Wrote {n} history entries to {file}").format(n=written, file=path))
        return path

    def restore_selected(self) -> int:
        index = self.bin_view.currentIndex()
        if not index.isValid():
            return 0
        item = self.bin_model.record(source_row(index))
        try:
            restored = self._service.restore_deleted(item.id)
        except PermissionRefused as exc:  # a viewer on a firm database: the server refused, nothing was put back
            self.refused = show_refused(self, exc)
            return 0
        QMessageBox.information(self, _("Recycle bin 回收站"),
                                _("Put back {n} records.").format(n=restored))
        self.refresh()
        return restored
