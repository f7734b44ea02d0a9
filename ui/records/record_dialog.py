"""A form dialog that builds one record, saves it through the service, and stays open saying what is wrong."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from core.errors import ConflictError, InputError, Problem
from core.i18n import _
from core.storage.sqlite.health import DamagedStoreError, PermissionRefused
from ui.common.conflict_dialog import ConflictDialog, with_version
from ui.common.labels import label
from ui.common.messages import field_id, show_problems
from ui.common.widgets import named
from ui.firm.staff_role import show_refused
from ui.store.integrity_watch import show_damaged

R = TypeVar("R")
W = TypeVar("W", bound=QWidget)


def enum_combo(values: Iterable[StrEnum], name: str, text: Callable[[StrEnum], str] = label) -> QComboBox:
    combo = named(QComboBox(), name)
    for v in values:
        combo.addItem(text(v), v)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def line(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    edit = named(QLineEdit(text), name)
    edit.setPlaceholderText(placeholder)
    return edit


class RecordDialog(QDialog, Generic[R]):
    """Subclasses add rows with `row()` and implement `build(problems)`; `save` comes from the caller."""

    reloaded = Signal(object)  # after a conflict's Reload: the stored record (None when it was deleted)

    def __init__(self, title: str, save: Callable[[R], Any], parent: Any = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.saved: Any = None
        self.warnings: list[str] = []
        self.form = QFormLayout(self)
        self.error = named(QLabel(), "error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.labels: dict[str, str] = {}
        self.fields: dict[str, QWidget] = {}
        self._required = False
        self._invalid: list[QWidget] = []
        self._overwrite_version: int | None = None  # set by a conflict's Overwrite: save over this version
        self.conflict: ConflictDialog | None = None

    def row(self, text: str, widget: W, *, required: bool = False) -> W:
        """A labelled field; `required` marks the label with * (explained under the form)."""
        self.form.addRow(f"{text} *" if required else text, widget)
        self.labels[field_id(widget)] = text
        self.fields[field_id(widget)] = widget
        self._required = self._required or required
        return widget

    def finish_layout(self) -> None:
        if self._required:
            note = named(QLabel(_("* required")), "required_note")
            note.setStyleSheet("color: #555")
            self.form.addRow(note)
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def build(self, problems: list[Problem]) -> R:
        raise NotImplementedError

    def after_save(self, saved: Any) -> None:
        """Hook for work that needs the saved record's id (e.g. attaching dropped files)."""

    def accept(self) -> None:
        problems: list[Problem] = []
        try:
            record = self.build(problems)
            if problems:
                raise InputError(problems)
            result = self._save(with_version(record, self._overwrite_version))
            if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list):
                result, self.warnings = result  # (record, warnings that did not block saving)
            self.saved = result
            self.after_save(result)
        except InputError as exc:
            self.error.setText(show_problems(exc.problems, self.labels, self.fields, self._invalid))
            return
        except ConflictError as exc:  # someone else saved it since this dialog opened: nothing was written
            self.show_conflict(exc)
            return
        except PermissionRefused as exc:  # the firm database refused it for this role: nothing written
            self.refused = show_refused(self, exc)
            return
        except DamagedStoreError as exc:  # the store failed its check (ui/store/integrity_watch.py): nothing written
            self.refused = show_damaged(self, exc)
            return
        super().accept()

    def show_conflict(self, conflict: ConflictError) -> ConflictDialog:
        def overwrite() -> None:
            self._overwrite_version = conflict.stored_version
            self.accept()

        def reload() -> None:
            self.reloaded.emit(conflict.stored)
            self.reject()

        self.conflict = ConflictDialog(conflict, reload, overwrite, self)
        self.conflict.open()
        return self.conflict
