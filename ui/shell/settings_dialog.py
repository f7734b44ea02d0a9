"""File > Settings: every setting the rules expose (rules/settings/*.toml), each with its default, its source and
the alternative reading, saved through the service; a value equal to its default is stored as "default"."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import InputError
from core.i18n import _, current_locale
from core.ruledata.loader import SettingDef
from core.services.facade import JuliuService
from core.storage.recovery.history import os_user
from core.storage.sqlite.health import PermissionRefused
from ui.common.widgets import named
from ui.shell.window_state import set_staff_name, staff_name
from ui.shell.window_state import settings as window_settings

LIMIT = 1_000_000


def group_title(stem: str) -> str:
    return {"eligibility": _("Eligibility 资格"), "presence": _("Presence 在境"),
            "records": _("Records and deadlines 记录与提醒"), "general": _("General 通用"),
            "packets": _("Packets 申请材料"), "store": _("Backups and security 备份与安全")}.get(stem, stem)


def shown(value: object) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


class SettingsDialog(QDialog):
    """One tab per rules file; each setting shows its editor, its default, where it comes from and why."""

    def __init__(self, service: JuliuService, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(_("Settings 设置"))
        self._service = service
        self.defs = service.setting_defs()
        self.editors: dict[str, QWidget] = {}
        current = service.settings()
        self.tabs = named(QTabWidget(), "settings_tabs")
        for stem, keys in service.setting_groups().items():
            known = [k for k in keys if k in self.defs]
            if known:
                self.tabs.addTab(self._page(known), group_title(stem))
        for key, editor in self.editors.items():
            self._set(editor, current[key])
        self.staff_name = named(QLineEdit(staff_name(window_settings())), "staff_name")
        self.staff_name.setPlaceholderText(os_user())
        self.staff_name.setMaxLength(80)
        you = QFormLayout()
        you.addRow(_("Your name (recorded with each change you make) 您的姓名（记录在您所做的每项修改中）"),
                   self.staff_name)
        intro = QLabel(_("Rules whose source is weak, and the open questions of the rules, are settings. Each shows "
                         "its default, its source and the other reading; results say which value they used."),
                       wordWrap=True)
        self.error = named(QLabel(), "error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addLayout(you)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(self.fitting_width(self.screen().availableGeometry().width() if self.screen() else 1366), 620)

    def fitting_width(self, screen_width: int) -> int:
        """Wide enough for every group's tab (English titles are long: no scroll arrows), within the screen."""
        layout = self.layout()
        margins = layout.contentsMargins().left() + layout.contentsMargins().right() if layout is not None else 0
        wanted = self.tabs.tabBar().sizeHint().width() + margins + 8
        return min(max(860, wanted), screen_width - 40)

    # --- layout -----------------------------------------------------------------------------------------------
    def _page(self, keys: list[str]) -> QScrollArea:
        inner = QWidget()
        column = QVBoxLayout(inner)
        for key in keys:
            column.addWidget(self._block(self.defs[key]))
        column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        return scroll

    def _block(self, d: SettingDef) -> QFrame:
        zh = current_locale().startswith("zh")
        frame = named(QFrame(), f"setting_{d.key}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        title = QLabel(f"<b>{d.label_zh if zh else d.label_en}</b><br><span style='color:#555'>"
                       f"{d.label_en if zh else d.label_zh}</span>", wordWrap=True)
        editor = self._editor(d)
        self.editors[d.key] = editor
        reset = named(QPushButton(_("Default")), f"reset_{d.key}")
        reset.setToolTip(_("Set back to the default: {value}").format(value=shown(d.default)))
        reset.clicked.connect(lambda _c=False, key=d.key: self._set(self.editors[key], self.defs[key].default))
        since = d.provenance.effective_from or _("date not stated")
        detail = named(QLabel(), f"detail_{d.key}")
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail.setText(_("Default: {default} · Source: {source} (confidence {confidence}, from {since}) · "
                         "setting {key}").format(default=shown(d.default), source=d.provenance.source,
                                                 confidence=d.provenance.confidence, since=since, key=d.key)
                       + ("\n" + _("Alternative reading and note: {note}").format(note=d.note_for(current_locale()))
                          if d.note else ""))
        detail.setStyleSheet("color: #444")
        grid.addWidget(title, 0, 0)
        grid.addWidget(editor, 0, 1)
        grid.addWidget(reset, 0, 2)
        grid.addWidget(detail, 1, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        return frame

    @staticmethod
    def _editor(d: SettingDef) -> QWidget:
        name = f"value_{d.key}"
        if d.kind == "bool":
            return named(QCheckBox(), name)
        if d.kind == "choice":
            combo = named(QComboBox(), name)
            for choice in d.choices:
                combo.addItem(str(choice), choice)
            return combo
        if d.kind == "int":
            spin = named(QSpinBox(), name)
            spin.setRange(-LIMIT, LIMIT)
            return spin
        if d.kind == "float":
            real = named(QDoubleSpinBox(), name)
            real.setRange(-LIMIT, LIMIT)
            real.setDecimals(3)
            return real
        return named(QLineEdit(), name)

    # --- values -----------------------------------------------------------------------------------------------
    @staticmethod
    def _set(editor: QWidget, value: Any) -> None:
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.setValue(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def value(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QDoubleSpinBox):
            return float(editor.value())
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def set_value(self, key: str, value: Any) -> None:
        self._set(self.editors[key], value)

    def restore_defaults(self) -> None:
        for key, d in self.defs.items():
            self._set(self.editors[key], d.default)

    def accept(self) -> None:
        """Store what differs from the default, forget what equals it; stays open naming a refused value."""
        current = self._service.settings()
        try:
            for key, d in self.defs.items():
                value = self.value(key)
                if value == d.default:
                    if not current.is_default(key):
                        self._service.reset_setting(key)
                elif value != current[key]:
                    self._service.set_setting(key, value)
        except InputError as exc:
            self.error.setText("\n".join(_("{label}: {message}").format(label=self._label(p.field),
                                                                      message=_(p.message)) for p in exc.problems))
            return
        except PermissionRefused as exc:  # a consultant on a firm database: the settings are the administrators'
            self.error.setText(str(exc))
            return
        set_staff_name(window_settings(), self.staff_name.text())
        self._service.set_staff_name(self.staff_name.text())
        super().accept()

    def _label(self, key: str) -> str:
        d = self.defs.get(key)
        return (d.label_zh if current_locale().startswith("zh") else d.label_en) if d else key
