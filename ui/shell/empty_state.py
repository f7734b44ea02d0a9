"""What a first run shows instead of empty tabs: three ways in (add a client, import a case, open the examples)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from core.i18n import _
from ui.common.widgets import named

WIDTH = 520  # a readable column, narrow enough for the right pane of a 1366 px window


class EmptyStateWidget(QWidget):
    add_requested = Signal()
    import_requested = Signal()
    examples_requested = Signal()

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("empty_state")
        title = named(QLabel("<h1>" + _("Welcome to Juliu 居留") + "</h1>"), "empty_title")
        title.setTextFormat(Qt.TextFormat.RichText)
        text = named(QLabel(_("Juliu keeps a foreigner's residence records in mainland China, computes what the rules "
                              "say about them and builds bilingual filing packets. Everything stays on this computer. "
                              "Start with one of these:")), "empty_text")
        text.setWordWrap(True)
        column = named(QWidget(), "empty_column")
        column.setFixedWidth(WIDTH)
        layout = QVBoxLayout(column)
        layout.addWidget(title)
        layout.addWidget(text)
        self.buttons: dict[str, QPushButton] = {}
        ways = (
            ("first_add", _("Add applicant 添加申请人"), self.add_requested,
             _("Type a client's identity and passport, or paste the two lines at the bottom of the passport page.")),
            ("first_import", _("Import a case file 导入案卷"), self.import_requested,
             _("A case file (.json) exported from Juliu holds a whole family's records.")),
            ("first_examples", _("Open the examples 打开示例"), self.examples_requested,
             _("Fictional clients and families (Beijing, Shanghai, Guangzhou, Shenzhen) to look around with; "
               "delete them when done.")))
        for name, label, signal, hint in ways:
            button = named(QPushButton(label), name)
            button.setMinimumSize(320, 40)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(signal.emit)
            self.buttons[name] = button
            note = QLabel(hint, wordWrap=True)
            note.setStyleSheet("color: #555; margin-left: 4px")
            layout.addSpacing(10)
            layout.addWidget(button)
            layout.addWidget(note)
        margins = layout.contentsMargins()
        inner = WIDTH - margins.left() - margins.right()
        for paragraph in column.findChildren(QLabel):  # a wrapped label in a fixed column gets every line it needs
            if paragraph.wordWrap():
                paragraph.setMinimumHeight(paragraph.heightForWidth(inner))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
