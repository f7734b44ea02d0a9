"""When someone else saved a record after this user opened it (core.errors.ConflictError): who and when, both
versions field by field with the differences highlighted, and the choice — Reload (discard mine) or Overwrite
(knowingly: the save goes through over the other version). Closing the dialog goes back to editing."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QVBoxLayout

from core.errors import ConflictError
from core.field_labels import field_label, table_label
from core.i18n import _
from ui.common.field_labels import HIDDEN, shown_value
from ui.common.table_models import Index, RecordTableModel
from ui.common.widgets import named, record_table

CHANGED = QColor("#fff3b0")


@dataclass(frozen=True)
class FieldRow:
    name: str
    mine: str
    theirs: str

    @property
    def differs(self) -> bool:
        return self.mine != self.theirs


def values_of(record: object) -> dict[str, object]:
    """A record's fields by name (a dataclass, or a stored row as a mapping); nothing for None."""
    if record is None:
        return {}
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    return dict(record) if isinstance(record, dict) else {}


def field_rows(mine: object, theirs: object) -> list[FieldRow]:
    """Both versions side by side, in the record's field order, without bookkeeping fields."""
    a, b = values_of(mine), values_of(theirs)
    names = [n for n in (*a, *(k for k in b if k not in a)) if n not in HIDDEN]
    return [FieldRow(n, shown_value(n, a.get(n)) if a else "", shown_value(n, b.get(n)) if b else "")
            for n in names]


class _FieldModel(RecordTableModel[FieldRow]):
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole and self.record(index.row()).differs:
            return CHANGED
        return super().data(index, role)


class ConflictDialog(QDialog):
    """`choice` is "reload", "overwrite" or "" (closed: back to editing); the callbacks run on the choice."""

    def __init__(self, conflict: ConflictError, on_reload: Callable[[], None],
                 on_overwrite: Callable[[], None] | None, parent: Any = None, undoing: bool = False):
        """`undoing`: an undo or redo was refused (the left column is what it would have written)."""
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(_("Changed by someone else 已被他人修改"))
        self.conflict, self.choice = conflict, ""
        self._on_reload, self._on_overwrite = on_reload, on_overwrite
        who = conflict.who or _("someone else")
        when = (conflict.at or "")[:16].replace("T", " ") or _("an unknown time")  # local time, to the minute
        what = table_label(conflict.table)
        if conflict.stored is None:
            text = _("{who} deleted this record ({what}) at {when}, after you opened it. Nothing of yours has "
                     "been saved.").format(who=who, what=what, when=when)
        elif conflict.mine is None:
            text = _("{who} changed this record ({what}) at {when}, after you opened it, so it was not deleted. "
                     "Highlighted: what they changed.").format(who=who, what=what, when=when)
        elif undoing:
            text = _("{who} changed this record ({what}) at {when}, after your step, so the step was not undone "
                     "or redone: that would have reverted their change unseen. Highlighted: the fields where the "
                     "undone state and the stored one differ.").format(who=who, what=what, when=when)
        else:
            text = _("{who} changed this record ({what}) at {when}, after you opened it. Nothing of yours has "
                     "been saved yet. Highlighted: the fields where your version and theirs differ.").format(
                who=who, what=what, when=when)
        self.message = named(QLabel(text), "conflict_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-weight: bold;")
        self.model = _FieldModel([
            (_("Field 字段"), lambda r: field_label(r.name)),
            (_("After undoing 撤销后的版本") if undoing else _("Your version 您的版本"), lambda r: r.mine),
            (_("Stored now 当前已保存的版本"), lambda r: r.theirs),
        ], self)
        self.model.set_records(field_rows(conflict.mine, conflict.stored))
        self.view = record_table(self.model, "conflict_fields")
        for column in (1, 2):
            self.view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        buttons = named(QDialogButtonBox(), "conflict_buttons")
        self.reload_button = named(QPushButton(_("Reload (discard my changes)")), "reload")
        self.overwrite_button = named(QPushButton(_("Overwrite with my version")), "overwrite")
        self.overwrite_button.setEnabled(on_overwrite is not None and conflict.stored is not None
                                         and conflict.mine is not None)
        self.overwrite_button.setToolTip(_("Saves your version over the one stored now; theirs stays in the "
                                           "history."))
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.ActionRole)
        if undoing:  # nothing of the user's to overwrite with: the step is what was refused
            self.reload_button.setText(_("Show what is stored"))
            self.overwrite_button.setVisible(False)
        back = named(QPushButton(_("Close") if undoing else _("Back to editing")), "back_to_editing")
        buttons.addButton(back, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.reload_button.clicked.connect(self.reload)
        self.overwrite_button.clicked.connect(self.overwrite)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(760, 460)

    def reload(self) -> None:
        self.choice = "reload"
        self.accept()
        self._on_reload()

    def overwrite(self) -> None:
        if self._on_overwrite is None:
            return
        self.choice = "overwrite"
        self.accept()
        self._on_overwrite()


def with_version(record: Any, version: int | None) -> Any:
    """`record` to be saved over the stored `version` (Overwrite); unchanged when there is nothing to override."""
    if version is None or not dataclasses.is_dataclass(record) or not hasattr(record, "version"):
        return record
    return dataclasses.replace(record, version=version)  # type: ignore[type-var]
