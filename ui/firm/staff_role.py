"""The window and a member of staff's role on a firm database (issue 13; core/storage/pg/roles.py).

The server enforces the roles; the window follows them so nobody types an edit only to have it refused: for a
viewer every editing button and action is greyed and stays greyed (the tabs re-enable their buttons when a client
is selected: an event filter turns them off again), and the status bar says whose session it is. A change the
server refuses all the same (a double-click on a row, a role changed meanwhile) opens `show_refused`'s message.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QMessageBox, QWidget

from core.i18n import _
from core.services.facade import JuliuService
from core.storage.sqlite.health import PermissionRefused

__all__ = ["apply_role", "role_label", "show_refused"]

# Object names of what changes the store: the tabs' and dialogs' own naming (ui.common.widgets.button_row).
_EDIT_PREFIXES = ("add_", "edit_", "delete_", "remove_", "import_", "attach", "restore")
_EDIT_NAMES = frozenset({"toolbar_add_applicant", "open_examples", "settings"})


def role_label(role: str | None) -> str:
    labels = {"viewer": _("viewer"), "consultant": _("consultant"), "administrator": _("administrator"),
              "owner": _("owner")}
    return labels.get(role or "", _("no role"))


def is_editing(name: str) -> bool:
    return name in _EDIT_NAMES or name.startswith(_EDIT_PREFIXES)


class _StayDisabled(QObject):
    """Turns a watched button off again whenever something turns it on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def _keep_off(action: QAction) -> None:
    action.setEnabled(False)
    action.changed.connect(lambda: action.setEnabled(False) if action.isEnabled() else None)


def apply_role(window: QMainWindow, service: JuliuService, extra: list[QAction] | tuple[QAction, ...] = ()) -> None:
    """Grey what a viewer may not do and name the session's role in the status bar (a firm database only)."""
    if service.url is None:
        return
    role = service.staff_role
    text = _("Firm database · role: {role}").format(role=role_label(role))
    if not service.can_edit:
        text += " · " + _("read only")
        keeper = _StayDisabled(window)
        window.setProperty("read_only", True)
        for action in extra:
            _keep_off(action)
        _grey(window, keeper)
        built = getattr(getattr(window, "tabs", None), "built", None)  # tabs built on first show (ui/shell/tab_set.py)
        if built is not None:
            built.connect(lambda _name, tab: _grey(tab, keeper))
    label = QLabel(text)
    label.setObjectName("staff_role")
    window.statusBar().addPermanentWidget(label)


def _grey(root: QObject, keeper: QObject) -> None:
    """Every editing button and action under `root` off, and kept off."""
    for button in root.findChildren(QAbstractButton):
        if is_editing(button.objectName()):
            button.setEnabled(False)
            button.installEventFilter(keeper)
    for action in root.findChildren(QAction):
        if is_editing(action.objectName()):
            _keep_off(action)


def show_refused(parent: QWidget | None, refused: PermissionRefused) -> QMessageBox:
    """The server refused a change for this person's role: say so (nothing was changed)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Not allowed for your role"), str(refused),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("permission_refused")
    box.setInformativeText(_("Nothing was changed. Ask an administrator of the firm database if your role "
                             "should allow it."))
    box.open()
    return box
