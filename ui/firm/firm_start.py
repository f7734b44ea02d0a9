"""Which store the window opens (issue 13): the firm database named by --database / JULIU_DATABASE_URL, else the
one File > Connect to a firm database… saved (while "open at start" is on), else the local SQLite file.

The password is asked for when neither the pgpass file nor the service file holds it; a refused one is said and
asked again; "Use the local file instead" opens the local store. The password lives in this session's URL only
(every message shows the URL redacted), or in the pgpass file when the user ticks "Save the password".
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from core.i18n import _
from core.services.facade import JuliuService
from core.storage.pg.firm_login import PasswordNeeded, with_password
from core.storage.sqlite.health import StorageError
from ui.firm.firm_settings import firm_at_start

if TYPE_CHECKING:  # the dialog loads when a password is asked for
    from ui.firm.password_dialog import FirmPasswordDialog

# (url, a password was refused) -> the accepted password dialog, or None for "use the local file"
Asker = Callable[[str, bool], "FirmPasswordDialog | None"]


def ask_with_dialog(parent: Any = None) -> Asker:
    def ask(url: str, wrong: bool) -> FirmPasswordDialog | None:
        from ui.firm.password_dialog import FirmPasswordDialog

        dialog = FirmPasswordDialog(url, wrong, parent)
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None

    return ask


def open_firm(url: str, ask: Asker | None = None, parent: Any = None) -> tuple[JuliuService | None, str]:
    """The firm database opened (asking for the password as often as it is refused) and a note for the status
    bar, or (None, "") when the user chose the local file. Other failures (server down, no schema) raise
    StorageError with the reason, the URL redacted."""
    asker = ask or ask_with_dialog(parent)
    session_url, dialog = url, None
    while True:
        try:
            service = JuliuService.open_url(session_url)
        except PasswordNeeded as exc:
            dialog = asker(url, exc.wrong and dialog is not None)
            if dialog is None:
                return None, ""
            session_url = with_password(url, dialog.password())
            continue
        return service, (dialog.keep() or "") if dialog is not None else ""


def start_service(url: str | None, store: QSettings, local: Callable[[], JuliuService | None],
                  ask: Asker | None = None, warn: Callable[[str], object] | None = None) -> tuple[JuliuService | None,
                                                                                               str]:
    """The store the window starts on, and a note for its status bar. `url`: --database / JULIU_DATABASE_URL (its
    failure raises StorageError, as for any store that cannot be opened); else the saved firm database, which on
    failure is said (`warn`) and replaced by the local file; else the local file (`local`)."""
    firm_url = url or firm_at_start(store)
    if firm_url:
        try:
            service, note = open_firm(firm_url, ask)
        except StorageError as exc:
            if url:
                raise
            (warn or _warn)(_("The firm database could not be opened: {reason}\n\nJuliu opens the local file "
                              "instead; File > Open the firm database tries again.").format(reason=exc))
        else:
            if service is not None:
                return service, note
    return local(), ""


def _warn(text: str) -> None:
    QMessageBox.warning(None, _("Juliu 居留"), text)
