"""Collecting what Qt complains about while a UI test runs (the autouse fixture in conftest.py uses this)."""
from __future__ import annotations

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

NOISY = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
# The offscreen platform plugin says these for top-level windows and pop-ups; it is about the test platform, not
# about Juliu (a real display does not print it).
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",
                  "This plugin does not support raise()",  # a pop-up (the date field's calendar)
                  "This plugin does not support grabbing the keyboard")


class QtMessages:
    """Installs a Qt message handler on enter; `problems(stderr)` lists warnings and stderr text, if any."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._previous: object = None

    def _handle(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in NOISY and message not in PLATFORM_NOISE:
            self.messages.append(f"{kind.name}: {message}")

    def __enter__(self) -> QtMessages:
        self._previous = qInstallMessageHandler(self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        qInstallMessageHandler(self._previous)  # type: ignore[arg-type]

    def problems(self, stderr: str) -> list[str]:
        """Qt's messages while a handler of pytest-qt's was in place (fixture set-up) reach stderr: the platform
        noise is dropped there too."""
        kept = "\n".join(line for line in stderr.splitlines() if line.strip() not in PLATFORM_NOISE).strip()
        return self.messages + ([f"stderr: {kept}"] if kept else [])
