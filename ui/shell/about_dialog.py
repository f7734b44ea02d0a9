"""Help > About: which Juliu this is, where its data lives, which engine and font it uses, what it bundles."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from core.about import AboutInfo
from core.i18n import _


def window_font_family() -> str:
    """The window's font and the Chinese families Qt can fall back to, simplified-Chinese faces first."""
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)

    def preference(family: str) -> int:
        words = set(family.replace("-", " ").split())
        return 0 if words & {"SC", "CN", "GB", "WenQuanYi"} else 2 if words & {"HK", "TC", "TW", "JP", "KR"} else 1

    default = QGuiApplication.font().family()
    shown = sorted(chinese, key=preference)[:2]
    if not shown:
        return _("{family} (no Chinese font found)").format(family=default)
    return _("{family}; Chinese: {chinese}").format(family=default, chinese=", ".join(shown))


class AboutDialog(QDialog):
    def __init__(self, info: AboutInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("About Juliu"))
        rows = [(_("Version"), info.version), (_("Rules data checked on"), info.rules_date.isoformat())]
        if info.firm is not None:  # the data is on the office server, not in a folder on this computer
            server = _("{host}, port {port}").format(host=info.firm.host, port=info.firm.port)
            rows += [(_("Firm database"), info.engine), (_("Server"), server),
                     (_("Database name"), info.firm.database), (_("Database user"), info.firm.user)]
        else:
            rows += [(_("Data folder"), str(info.data_folder)), (_("Database"), f"{info.engine} — {info.database}")]
        rows += [
            (_("Font for PDFs"), info.pdf_font),
            (_("Font in the window"), window_font_family()),
        ]
        table = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
        licences = "".join(f"<li>{escape(name)}: {escape(licence)}</li>" for name, licence in info.components)
        purpose = _("Residence records and filing packets for foreigners in mainland China. Offline.")
        components = _("Bundled components and their licences")
        self.text = QLabel(
            f"<h2>Juliu 居留 {escape(info.version)}</h2><p>{escape(purpose)}</p>"
            f"<table cellspacing='6'>{table}</table>"
            f"<p><b>{escape(components)}</b></p><ul>{licences}</ul>")
        self.setMinimumWidth(640)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
