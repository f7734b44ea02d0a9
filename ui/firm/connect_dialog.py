"""File > Connect to a firm database…: the office server's host, port, database and user (or a service name from
pg_service.conf), the TLS mode and CA certificate, a test connection, and what is kept: the URL in this person's
settings, never the password — that goes to the pgpass file (only its owner can read it) when asked, or is asked
for at each start (docs/firm.md)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.storage.pg.firm_login import SSL_MODES, FirmLogin, pgpass_path, save_password, try_connection
from core.storage.sqlite.health import StorageError
from ui.common.widgets import named
from ui.firm.firm_settings import URL_KEY


def ssl_label(mode: str) -> str:
    return {"prefer": _("prefer: TLS when the server offers it"), "require": _("require: always TLS"),
            "verify-ca": _("verify-ca: TLS, server certificate checked"),
            "verify-full": _("verify-full: TLS, certificate and host name checked"),
            "disable": _("disable: no TLS (one trusted network only)"),
            "allow": _("allow: TLS only if the server insists")}.get(mode, mode)


class FirmConnectDialog(QDialog):
    """`saved_url` is set on Save (the URL without a password); `status` says what the test connection found."""

    def __init__(self, store: QSettings, parent: Any = None, pgpass: Path | None = None):
        super().__init__(parent)
        self.setProperty("writes_store", False)  # keeps the connection in this computer's settings (ui.firm.staff_role)
        self.setObjectName("firm_connect_dialog")
        self.setWindowTitle(_("Connect to a firm database 连接事务所数据库"))
        self._store, self._pgpass = store, pgpass or pgpass_path()
        self.saved_url: str | None = None
        known = FirmLogin.from_url(str(store.value(URL_KEY, "") or ""))
        self.host = named(QLineEdit(known.host), "host")
        self.host.setPlaceholderText("server.office.lan")
        self.port = named(QSpinBox(), "port")
        self.port.setRange(1, 65535)
        self.port.setValue(known.port)
        self.database = named(QLineEdit(known.database), "database")
        self.database.setPlaceholderText("juliu_firm")
        self.user = named(QLineEdit(known.user), "user")
        self.password = named(QLineEdit(), "password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.service = named(QLineEdit(known.service), "service")
        self.service.setPlaceholderText(_("or a service name from pg_service.conf"))
        self.sslmode = named(QComboBox(), "sslmode")
        for mode in SSL_MODES:
            self.sslmode.addItem(ssl_label(mode), mode)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(known.sslmode)))
        self.sslrootcert = named(QLineEdit(known.sslrootcert), "sslrootcert")
        browse = named(QPushButton(_("Choose…")), "choose_sslrootcert")
        browse.clicked.connect(self.choose_certificate)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.sslrootcert, 1)
        cert_row.addWidget(browse)
        cert = QWidget()
        cert.setLayout(cert_row)
        cert_row.setContentsMargins(0, 0, 0, 0)
        self.remember = named(QCheckBox(_("Save the password in {file} (readable only by you); otherwise it is "
                                          "asked for at each start").format(file=self._pgpass)), "remember")
        self.status = named(QLabel(), "status")
        self.status.setWordWrap(True)
        self.labels = {"host": _("Server (host name or address)"), "port": _("Server port"), "database": _("Database"),
                       "user": _("User name"), "password": _("Password"), "service": _("Service name"),
                       "sslmode": _("TLS (sslmode)"), "sslrootcert": _("CA certificate (sslrootcert)")}
        form = QFormLayout()
        for name, widget in (("host", self.host), ("port", self.port), ("database", self.database),
                             ("user", self.user), ("password", self.password), ("service", self.service),
                             ("sslmode", self.sslmode), ("sslrootcert", cert)):
            form.addRow(self.labels[name], widget)
        form.addRow(self.remember)
        self.test_button = named(QPushButton(_("Test connection")), "test_connection")
        self.test_button.clicked.connect(self.test)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def login(self) -> FirmLogin:
        return FirmLogin(host=self.host.text().strip(), port=self.port.value(), database=self.database.text().strip(),
                         user=self.user.text().strip(), service=self.service.text().strip(),
                         sslmode=str(self.sslmode.currentData()), sslrootcert=self.sslrootcert.text().strip())

    def choose_certificate(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("The server's CA certificate"), str(Path.home()),
                                                    _("Certificates (*.crt *.pem *.cer);;All files (*)"))
        if name:
            self.sslrootcert.setText(name)

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")

    def _checked(self) -> FirmLogin | None:
        login = self.login()
        problems = login.problems()
        if problems:
            self._say("\n".join(f"{self.labels.get(f, f)}: {_(m)}" for f, m in problems), ok=False)
            return None
        return login

    def test(self) -> bool:
        login = self._checked()
        if login is None:
            return False
        try:
            version = try_connection(login, self.password.text())
        except StorageError as exc:
            self._say(_("Could not connect: {reason}").format(reason=exc), ok=False)
            return False
        self._say(_("Connected: PostgreSQL {version}").format(version=version), ok=True)
        return True

    def accept(self) -> None:
        login = self._checked()
        if login is None:
            return
        if self.remember.isChecked() and self.password.text() and not login.service:
            try:
                save_password(self._pgpass, login, self.password.text())
            except (OSError, StorageError) as exc:
                self._say(_("The password could not be saved: {reason}").format(reason=exc), ok=False)
                return
        self.saved_url = login.url()
        self._store.setValue(URL_KEY, self.saved_url)
        self._store.sync()
        super().accept()
