"""Help > User guide: docs/*.md shown in the window (QTextBrowser markdown); links between the guides work."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout

from core.i18n import _, current_locale
from ui.common.widgets import named

DOCS = Path(__file__).resolve().parents[2] / "docs"


def guides() -> list[tuple[str, Path]]:
    """(title, file) of the guides shipped in docs/, the user guide first, translated ones in the interface language."""
    named = [(_("User guide 用户指南"), "user-guide.md"), (_("Presence and day counts 在境天数"), "presence.md"),
             (_("Eligibility 资格"), "eligibility.md"), (_("Filing packets 申请材料"), "packets.md"),
             (_("Case files 案卷文件"), "case-file.md")]
    return [(title, localized(DOCS / name)) for title, name in named if (DOCS / name).is_file()]


def localized(path: Path) -> Path:
    """The guide in the interface language: docs/NAME.zh_CN.md in the Chinese interface when it exists, else NAME.md."""
    translated = path.with_name(f"{path.stem}.zh_CN{path.suffix}")
    return translated if current_locale().startswith("zh") and translated.is_file() else path


class HelpDialog(QDialog):
    """Non-modal: it can stay open beside the window while the user works."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(_("Juliu help 帮助"))
        self.browser = named(QTextBrowser(), "help_text")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # offline: web links are shown, never fetched
        self.browser.setSearchPaths([str(DOCS)])
        self.index = named(QListWidget(), "help_index")
        for title, path in guides():
            item = QListWidgetItem(title)
            item.setData(256, str(path))
            self.index.addItem(item)
        self.index.currentRowChanged.connect(self._show_row)
        self.index.setMaximumWidth(240)
        row = QHBoxLayout()
        row.addWidget(self.index)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        self.resize(980, 680)
        if self.index.count():
            self.index.setCurrentRow(0)

    def _show_row(self, row: int) -> None:
        item = self.index.item(row)
        if item is not None:
            self.show_file(Path(item.data(256)))

    def show_file(self, path: Path) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
