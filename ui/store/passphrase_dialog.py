"""Asking for a passphrase: to open an encrypted store, to unlock the window, or a new one (typed twice)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from core.i18n import _
from ui.common.widgets import named

MIN_LENGTH = 8


class PassphraseDialog(QDialog):
    """One field (`confirm=False`) or two that must match and have at least 8 characters."""

    def __init__(self, title: str, prompt: str, confirm: bool = False, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.setWindowTitle(title)
        self.first = named(QLineEdit(), "passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = named(QLineEdit(), "passphrase_again")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = named(QLabel(), "passphrase_problem")
        self.problem.setStyleSheet("color: #b71c1c;")
        self._confirm = confirm
        form = QFormLayout()
        form.addRow(_("Passphrase 密码"), self.first)
        if confirm:
            form.addRow(_("Again 再次输入"), self.second)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        text = QLabel(prompt)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def value(self) -> str:
        return self.first.text()

    def _check(self) -> None:
        if not self.first.text():
            self.problem.setText(_("Type the passphrase."))
        elif self._confirm and len(self.first.text()) < MIN_LENGTH:
            self.problem.setText(_("Use at least {n} characters.").format(n=MIN_LENGTH))
        elif self._confirm and self.first.text() != self.second.text():
            self.problem.setText(_("The two passphrases differ."))
        else:
            self.accept()


def ask_new(parent: Any, title: str, prompt: str) -> str | None:
    dialog = PassphraseDialog(title, prompt, confirm=True, parent=parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask(parent: Any, title: str, prompt: str) -> str | None:
    dialog = PassphraseDialog(title, prompt, parent=parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
