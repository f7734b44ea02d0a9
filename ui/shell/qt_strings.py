"""Qt strings that the qtbase catalog shipped with PySide6 misses: Qt 6.12 added accelerators to two labels of
its own file dialog ("&Look in:", "Files of &type:"), and qtbase_zh_CN.qm still has the old texts."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTranslator

MISSING: dict[str, dict[tuple[str, str], str]] = {
    "zh_CN": {("QFileDialog", "&Look in:"): "查找范围(&L)：", ("QFileDialog", "Files of &type:"): "文件类型(&T)："},
}


class QtStringsTranslator(QTranslator):
    """Answers only the strings above; None lets Qt ask the next translator (an empty string would blank them)."""

    def __init__(self, locale: str, parent: Any = None):
        super().__init__(parent)
        self.table = MISSING.get(locale, {})

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return not self.table

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self.table.get((context, source))
