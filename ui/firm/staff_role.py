"""The window and a member of staff's role on a firm database (issue 13; core/storage/pg/roles.py).

The server enforces the roles; the window follows them so nobody types an edit only to have it refused: for a
viewer every editing button, action and Delete key is greyed and stays greyed (the tabs re-enable their buttons when
a client is selected: an event filter turns them off again), with a tooltip naming the role, and the status bar says
whose session it is. The same holds in every dialog and wizard page the window opens (a dialog opened to read a
record greys its Save; the wizard its "Attach…" cells): each is greyed as it is shown. A dialog that keeps nothing
in the store (the firm connection) sets the property `writes_store` to False; a widget that writes in its own way (a
drop target for scans, buttons drawn in cells) has a `set_read_only(tooltip)` method. A change the server refuses all
the same (a role changed meanwhile) opens `show_refused`'s message.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from core.i18n import _
from core.services.facade import JuliuService
from core.storage.sqlite.health import PermissionRefused

__all__ = ["apply_role", "read_only_tip", "role_label", "show_refused"]

# Object names of what changes the store: the tabs' and dialogs' own naming (ui.common.widgets.button_row).
_EDIT_PREFIXES = ("add_", "edit_", "delete_", "remove_", "import_", "attach", "restore")
_EDIT_NAMES = frozenset({"toolbar_add_applicant", "open_examples", "settings"})


def role_label(role: str | None) -> str:
    labels = {"viewer": _("viewer"), "consultant": _("consultant"), "administrator": _("administrator"),
              "owner": _("owner")}
    return labels.get(role or "", _("no role"))


def is_editing(name: str) -> bool:
    return name in _EDIT_NAMES or name.startswith(_EDIT_PREFIXES)


def read_only_tip(role: str | None) -> str:
    """What a greyed control says when the mouse rests on it."""
    return _("Your role ({role}) can read this firm database but not change it.").format(role=role_label(role))


class _StayDisabled(QObject):
    """Turns a watched button off again whenever something turns it on."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            watched.setEnabled(False)
        return False


def _keep_off(action: QAction, tip: str) -> None:
    action.setEnabled(False)
    action.setToolTip(tip)
    action.changed.connect(lambda: action.setEnabled(False) if action.isEnabled() else None)


class _GreyDialogs(QObject):
    """Greys the editing controls of each dialog the window opens, as it is first shown."""

    def __init__(self, window: QMainWindow, keeper: QObject, tip: str):
        super().__init__(window)
        self.window, self.keeper, self.tip = window, keeper, tip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.Show and isinstance(watched, QDialog)
                and not isinstance(watched, QMessageBox | QFileDialog) and not watched.property("role_greyed")
                and watched.property("writes_store") is not False and self._ours(watched)):
            watched.setProperty("role_greyed", True)
            _grey(watched, self.keeper, self.tip)
            for box in watched.findChildren(QDialogButtonBox):
                for which in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Apply):
                    button = box.button(which)
                    if button is not None:
                        _turn_off(button, self.keeper, self.tip)
        return False

    def _ours(self, dialog: QWidget) -> bool:
        parent = dialog.parentWidget()
        while parent is not None and parent is not self.window:
            parent = parent.parentWidget()
        return parent is self.window


def _turn_off(button: QAbstractButton, keeper: QObject, tip: str) -> None:
    button.setEnabled(False)
    button.setToolTip(tip)
    button.installEventFilter(keeper)


def apply_role(window: QMainWindow, service: JuliuService, extra: list[QAction] | tuple[QAction, ...] = ()) -> None:
    """Grey what a viewer may not do and name the session's role in the status bar (a firm database only)."""
    if service.url is None:
        return
    role = service.staff_role
    text = _("Firm database · role: {role}").format(role=role_label(role))
    if not service.can_edit:
        text += " · " + _("read only")
        keeper = _StayDisabled(window)
        tip = read_only_tip(role)
        window.setProperty("read_only", True)
        for action in extra:
            _keep_off(action, tip)
        _grey(window, keeper, tip)
        built = getattr(getattr(window, "tabs", None), "built", None)  # tabs built on first show (ui/shell/tab_set.py)
        if built is not None:
            built.connect(lambda _name, tab: _grey(tab, keeper, tip))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(_GreyDialogs(window, keeper, tip))  # removed with the window
    label = QLabel(text)
    label.setObjectName("staff_role")
    window.statusBar().addPermanentWidget(label)


def _grey(root: QObject, keeper: QObject, tip: str) -> None:
    """Every editing button, action and key under `root` off, and kept off; writing widgets told."""
    for button in root.findChildren(QAbstractButton):
        if is_editing(button.objectName()):
            _turn_off(button, keeper, tip)
    for action in root.findChildren(QAction):
        if is_editing(action.objectName()):
            _keep_off(action, tip)
    for shortcut in root.findChildren(QShortcut):
        if is_editing(shortcut.objectName()):
            shortcut.setEnabled(False)
    for widget in root.findChildren(QObject):
        set_read_only = getattr(widget, "set_read_only", None)
        if callable(set_read_only):
            set_read_only(tip)


def show_refused(parent: QWidget | None, refused: PermissionRefused) -> QMessageBox:
    """The server refused a change for this person's role: say so (nothing was changed)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Not allowed for your role"), str(refused),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("permission_refused")
    box.setInformativeText(_("Nothing was changed. Ask an administrator of the firm database if your role "
                             "should allow it."))
    box.open()
    return box
