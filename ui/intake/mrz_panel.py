"""The passport's machine-readable zone on the new-applicant dialog: pasted or typed lines, or a scan (image or
PDF) dropped on the dialog and read by OCR off the GUI thread; every check digit verified before a field is filled."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QRunnable, QSize, QThreadPool, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontDatabase, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import Problem
from core.i18n import _
from core.records.mrz import MrzError, MrzPassport, find_td3_lines, number_matches, parse_td3
from core.records.mrz_ocr import mrz_from_image, ocr_available
from ui.common.widgets import named

SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".pdf")
PDF_WIDTH = 2000  # pixels of the first page rendered for OCR (~240 dpi on A4)


def scan_image_bytes(path: Path) -> bytes:
    """An image file as it is; a PDF's first page rendered to PNG (QtPdf); OSError when unreadable."""
    if path.suffix.lower() != ".pdf":
        return path.read_bytes()
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise OSError(_("cannot read the PDF {name}").format(name=path.name))
    size = document.pagePointSize(0)
    image: QImage = document.render(0, QSize(PDF_WIDTH, round(PDF_WIDTH * size.height() / max(size.width(), 1))))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.12 takes the format as str at run time (bytes raise ValueError); its stubs list only bytes.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


class _Signals(QObject):
    read = Signal(object)  # MrzPassport
    failed = Signal(str)


class _OcrTask(QRunnable):
    def __init__(self, data: bytes, today: dt.date):
        super().__init__()
        self.data, self.today, self.signals = data, today, _Signals()

    def run(self) -> None:
        try:
            self.signals.read.emit(mrz_from_image(self.data, self.today))
        except MrzError as exc:
            self.signals.failed.emit(describe(exc.problems))


def mrz_field_labels() -> dict[str, str]:
    """The fields a check digit protects, named as the passport prints them (never an id such as birth_date)."""
    return {"passport.number": _("Passport number"), "birth_date": _("Date of birth"),
            "passport.expiry_date": _("Date of expiry"), "personal_number": _("Personal number")}


def describe(problems: list[Problem]) -> str:
    """The MRZ's problems in the interface's language, each field by its label."""
    labels = mrz_field_labels()
    return _("; ").join(_("{label}: {message}").format(label=labels[p.field], message=_(p.message))
                        if p.field in labels else _(p.message) for p in problems)


class MrzPanel(QGroupBox):
    """Emits `read` with the parsed zone; also accepts files dropped on `drop_target` (the dialog)."""

    read = Signal(object)  # MrzPassport

    def __init__(self, today: Callable[[], dt.date], drop_target: QWidget, parent: Any = None):
        super().__init__(_("Machine-readable zone (optional) 机读码"), parent)
        self._today = today
        self._task: _OcrTask | None = None
        self.lines = named(QPlainTextEdit(), "mrz_lines")
        self.lines.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.lines.setPlaceholderText(_("Paste the two lines at the bottom of the passport's photo page, or drop a "
                                        "scan (image or PDF) on this dialog."))
        self.lines.setFixedHeight(3 * self.lines.fontMetrics().lineSpacing() + 14)
        self.lines.setMinimumWidth(self.lines.fontMetrics().horizontalAdvance("M" * 44) + 40)
        self.status = named(QLabel(), "mrz_status")
        self.status.setWordWrap(True)
        read = named(QPushButton(_("Fill from the MRZ")), "mrz_read")
        read.clicked.connect(self.read_lines)
        scan = named(QPushButton(_("Scan…")), "mrz_scan")
        scan.clicked.connect(self.choose_scan)
        scan.setToolTip(_("Read the MRZ from a passport scan (OCR)") if ocr_available()
                        else _("No OCR program (tesseract) is installed: paste the two lines instead."))
        scan.setEnabled(ocr_available())
        row = QHBoxLayout()
        row.addWidget(read)
        row.addWidget(scan)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines)
        layout.addLayout(row)
        layout.addWidget(self.status)
        drop_target.setAcceptDrops(True)
        drop_target.installEventFilter(self)

    # --- typed or pasted ---------------------------------------------------------------------------------------
    def zone(self) -> MrzPassport | None:
        """The parsed zone, None when the box is empty; MrzError when lines are given but wrong."""
        text = self.lines.toPlainText().strip()
        if not text:
            return None
        found = find_td3_lines(text)
        if found is None:
            raise MrzError([Problem("", None, "mrz", _("expected two lines of 44 characters (A-Z, 0-9, <)"))])
        return parse_td3(found[0], found[1], self._today())

    def read_lines(self) -> bool:
        try:
            zone = self.zone()
        except MrzError as exc:
            self._say(describe(exc.problems), ok=False)
            return False
        if zone is None:
            self._say(_("Paste the two MRZ lines first."), ok=False)
            return False
        self._filled(zone)
        return True

    def number_problem(self, number: str) -> Problem | None:
        """A typed passport number that disagrees with the MRZ check digit (None: agrees, or no MRZ given)."""
        try:
            zone = self.zone()
        except MrzError:
            return None  # reported by the MRZ itself on save
        if zone is None or not number or number_matches(number, zone.number_check):
            return None
        return Problem("", None, "passport.number", _(
            "does not match the check digit {digit} in the MRZ (the MRZ says {number})").format(
            digit=zone.number_check, number=zone.number))

    # --- scans ------------------------------------------------------------------------------------------------
    def choose_scan(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Passport scan"), "", _("Images and PDF (*.png *.jpg "
                                                    "*.jpeg *.tif *.tiff *.bmp *.webp *.pdf)"))
        if name:
            self.read_scan(Path(name))

    def read_scan(self, path: Path) -> _OcrTask | None:
        """Starts OCR on a pool thread; `read` or the status line reports the outcome."""
        try:
            data = scan_image_bytes(path)
        except OSError as exc:
            self._say(str(exc), ok=False)
            return None
        self._say(_("Reading the MRZ of {name}…").format(name=path.name), ok=True)
        task = _OcrTask(data, self._today())
        task.signals.read.connect(self._scanned)
        task.signals.failed.connect(lambda text: self._say(_("Could not read the MRZ: {reason}").format(
            reason=text), ok=False))
        self._task = task  # keeps the signals alive until the task reports
        QThreadPool.globalInstance().start(task)
        return task

    def _scanned(self, zone: MrzPassport) -> None:
        self.lines.setPlainText(zone_lines(zone))  # the verified lines stay, so a typed number is checked
        self._filled(zone)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            if any(u.toLocalFile().lower().endswith(SCAN_SUFFIXES) for u in event.mimeData().urls()):
                event.acceptProposedAction()
                return True
        if event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = [Path(u.toLocalFile()) for u in event.mimeData().urls()
                     if u.toLocalFile().lower().endswith(SCAN_SUFFIXES)]
            if paths:
                event.acceptProposedAction()
                self.read_scan(paths[0])
                return True
        return super().eventFilter(watched, event)

    # --- reporting --------------------------------------------------------------------------------------------
    def _filled(self, zone: MrzPassport) -> None:
        if not self.lines.toPlainText().strip():
            self.lines.setPlainText(zone_lines(zone))
        self._say(_("Check digits verified: passport {number}, {name}. The fields are filled; check them.").format(
            number=zone.number, name=f"{zone.family_name.upper()} {zone.given_names}".strip()), ok=True)
        self.read.emit(zone)

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #1b6e20" if ok else "color: #b00020")


def zone_lines(zone: MrzPassport) -> str:
    return "\n".join(zone.lines)
