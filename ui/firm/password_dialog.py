"""The password of the firm database, asked for at start when neither the pgpass file nor the service file holds
it: Connect, or Use the local file instead. A refused password is said and asked again; the password is kept for
this session only, or in the pgpass file (readable only by its owner) when "Save the password" is ticked."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from core.i18n import _
from core.storage.pg.firm_login import FirmLogin, pgpass_path, save_password
from core.storage.sqlite.health import StorageError
from ui.common.widgets import named


class FirmPasswordDialog(QDialog):
    """Accepted: `password()` connects; rejected ("Use the local file"): the window opens the local store."""

    def __init__(self, url: str, wrong: bool = False, parent: Any = None, pgpass: Path | None = None):
        super().__init__(parent)
        self.setProperty("writes_store", False)  # a viewer may change their own password (ui.firm.staff_role)
        self.setObjectName("firm_password_dialog")
        self.setWindowTitle(_("Firm database password 事务所数据库密码"))
        self._login = FirmLogin.from_url(url)
        self._pgpass = pgpass or pgpass_path()
        where = (_("{user} on {database} at {host}").format(user=self._login.user, database=self._login.database,
                                                            host=self._login.host)
                 if not self._login.service else self._login.service)
        self.prompt = named(QLabel(_("Type the password for {where}.").format(where=where)), "prompt")
        self.prompt.setWordWrap(True)
        self.refused = named(QLabel(_("The server refused that password. Type it again.")), "refused")
        self.refused.setStyleSheet("color: #b00020;")
        self.refused.setVisible(wrong)
        self.field = named(QLineEdit(), "password")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(_("Password"))
        self.remember = named(QCheckBox(_("Save the password in {file} (readable only by you)").format(
            file=self._pgpass)), "remember")
        self.remember.setEnabled(not self._login.service)
        self.status = named(QLabel(), "status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.connect_button = named(QPushButton(_("Connect")), "connect")
        self.connect_button.setDefault(True)
        self.local_button = named(QPushButton(_("Use the local file instead")), "use_local")
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.local_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.prompt, self.refused, self.field, self.remember, self.status, self.buttons):
            layout.addWidget(widget)
        self.resize(480, 200)

    def password(self) -> str:
        return self.field.text()

    def accept(self) -> None:
        if not self.field.text():
            self.status.setText(_("Type the password, or use the local file instead."))
            return
        super().accept()

    def keep(self) -> str | None:
        """After the password opened the database: put it in the pgpass file if asked; the problem, if any."""
        if not self.remember.isChecked() or self._login.service:
            return None
        try:
            save_password(self._pgpass, self._login, self.field.text())
        except (OSError, StorageError) as exc:
            return _("The password could not be saved: {reason}").format(reason=exc)
        return None
