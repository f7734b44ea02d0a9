"""The window's undo history (Ctrl+Z / Ctrl+Shift+Z): record saves and deletes as steps of a QUndoStack, each
holding the snapshots that put the database back exactly (core.services.recovery.changes)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from core.errors import ConflictError
from core.i18n import _
from core.services.facade import JuliuService
from core.storage.sqlite.health import PermissionRefused

if TYPE_CHECKING:  # the snapshots (with the record model) load with the first step, the messages when shown
    from core.services.recovery.changes import Snapshot
    from ui.common.conflict_dialog import ConflictDialog


class SavedCommand(QUndoCommand):
    """A record added (`before` None) or edited; pushed after the save, so the first redo does nothing."""

    def __init__(self, history: History, text: str, table: str, record_id: int, before: Snapshot | None,
                 applicant_id: int | None):
        super().__init__(text)
        self.history, self.table, self.record_id, self.before = history, table, record_id, before
        self.applicant_id = applicant_id
        changes = history.service.snapshots
        self.after: Snapshot = changes.row(table, record_id)  # what this save left: undo checks it still is so
        self.removed: Snapshot | None = None
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        changes = self.history.service.snapshots
        # Each step checks the record still holds what the step before left: a colleague's change is not reverted.
        self.history.apply(self, lambda: changes.put(self.after, self.before) if self.before is not None
                           else changes.restore(self.removed) if self.removed is not None else None)

    def undo(self) -> None:
        changes = self.history.service.snapshots

        def run() -> None:
            if self.before is not None:
                changes.put(self.before, self.after)
            else:
                self.removed = changes.delete(self.table, [self.record_id], expected=self.after)

        self.history.apply(self, run)


class DeletedCommand(QUndoCommand):
    """Records deleted with everything that went with them; undo puts every row back with its id."""

    def __init__(self, history: History, text: str, table: str, ids: Sequence[int], applicant_id: int | None,
                 versions: Sequence[int] = ()):
        super().__init__(text)
        self.history, self.table, self.ids, self.applicant_id = history, table, list(ids), applicant_id
        self.versions = list(versions)  # as the user saw them: the first delete is refused if someone changed one
        self.state: Snapshot | None = None

    def redo(self) -> None:
        def run() -> None:
            self.state = self.history.service.snapshots.delete(self.table, self.ids, self.versions)
            # A redo after an undo deletes what the undo put back, checked against the versions it put back.
            self.ids, self.versions = list(self.state.ids), list(self.state.versions)

        self.history.apply(self, run)

    def undo(self) -> None:
        if self.state is not None:
            state = self.state
            self.history.apply(self, lambda: self.history.service.snapshots.restore(state))


class History(QUndoStack):
    """One per window. `applied` tells the window which applicant to show after an undo or redo, and what the
    service says the step changed."""

    applied = Signal(object, object)  # the applicant id the step concerned (or None), and the OpChanges it made

    def __init__(self, service: JuliuService, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.setUndoLimit(100)
        self.conflict: ConflictDialog | None = None

    def apply(self, command: SavedCommand | DeletedCommand, run: Any) -> None:
        from core.services.recovery.changes import ChangeConflict

        mark = self.service.change_mark()
        try:
            run()
        except ChangeConflict as exc:
            QTimer.singleShot(0, self.clear)  # the later steps cannot be trusted either
            parent = self.parent()
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(parent if isinstance(parent, QWidget) else None, _("Cannot undo"), _(
                "The records changed since this step, so it cannot be undone or redone: {reason}").format(
                reason=exc))
            return
        except PermissionRefused as exc:  # the firm database refused it for this role: nothing was changed
            command.setObsolete(True)
            parent = self.parent()
            from ui.firm.staff_role import show_refused

            self.refused = show_refused(parent if isinstance(parent, QWidget) else None, exc)
            return
        except ConflictError as exc:  # someone else changed the record since: nothing was deleted or undone
            command.setObsolete(True)
            parent = self.parent()
            from ui.common.conflict_dialog import ConflictDialog  # the conflict dialog loads when a conflict shows

            self.conflict = ConflictDialog(
                exc, lambda: self.applied.emit(command.applicant_id, self.service.changes_since(mark)), None,
                parent if isinstance(parent, QWidget) else None, undoing=isinstance(command, SavedCommand))
            self.conflict.open()
            return
        self.applied.emit(command.applicant_id, self.service.changes_since(mark))

    def before(self, record: object) -> Snapshot | None:
        """Call before saving `record`: its stored state (None for a new record)."""
        return self.service.snapshots.of(record)

    def saved(self, record: object, before: Snapshot | None, text: str) -> None:
        """Record a save that already happened (`record` as saved, with its id)."""
        from core.services.recovery.changes import id_of, table_of

        record_id = id_of(record)
        if record_id is None:
            return
        applicant = getattr(record, "applicant_id", None)
        self.push(SavedCommand(self, text, table_of(record), record_id, before,
                               int(applicant) if applicant is not None else None))

    def delete(self, table: str, ids: Sequence[int], text: str, applicant_id: int | None,
               versions: Sequence[int] = ()) -> None:
        """Delete now, as an undoable step; with the `versions` the user saw, refused if one changed since."""
        if ids:
            self.push(DeletedCommand(self, text, table, ids, applicant_id, versions))


def history_of(widget: QObject | None) -> History | None:
    """The undo history of the window `widget` is in (None for a widget on its own, as in some tests)."""
    while widget is not None:
        found = getattr(widget, "history", None)
        if isinstance(found, History):
            return found
        widget = widget.parent()
    return None
