"""A PDF preview with the controls a reader expects: page back and forth, a page number to jump to, zoom in and
out, fit the width; keyboard too (PgUp/PgDown, Ctrl++ / Ctrl+-)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget
from shiboken6 import isValid

from core.i18n import _
from ui.common.widgets import named

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


class PdfPreview(QWidget):
    """`document` is shown in `view`; the row above it moves between pages and zooms."""

    def __init__(self, document: QPdfDocument, parent: Any = None):
        super().__init__(parent)
        self.document = document
        self.view = named(QPdfView(self), "preview")
        self.view.setDocument(document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.page = named(QSpinBox(), "page")
        self.page.setMinimum(1)
        self.page.setMaximum(1)
        self.page.setKeyboardTracking(False)
        self.page.setPrefix(_("Page") + " ")
        self.pages = named(QLabel(), "page_count")
        self.zoom = named(QLabel(), "zoom")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        keys_ = QKeySequence.StandardKey
        for name, text, tip, slot, keys in (
                ("previous_page", "◀", _("Previous page"), self.previous_page, keys_.MoveToPreviousPage),
                ("next_page", "▶", _("Next page"), self.next_page, keys_.MoveToNextPage),
                ("zoom_out", "−", _("Zoom out"), self.zoom_out, keys_.ZoomOut),
                ("zoom_in", "+", _("Zoom in"), self.zoom_in, keys_.ZoomIn),
                ("fit_width", _("Fit width"), _("Fit the page width to the window"), self.fit_width, None)):
            button = named(QPushButton(text), name)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.buttons[name] = button
            if keys is not None:
                QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if name == "zoom_out":
                row.addSpacing(16)
            row.addWidget(button)
            if name == "next_page":
                row.addWidget(self.page)
                row.addWidget(self.pages)
        row.addWidget(self.zoom)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.page.valueChanged.connect(lambda n: self.go_to(n - 1))
        navigator = self.view.pageNavigator()
        navigator.currentPageChanged.connect(self._page_shown)
        document.pageCountChanged.connect(lambda _n: self._document_changed())
        self.view.zoomFactorChanged.connect(lambda _z: self._show_zoom())
        self.view.zoomModeChanged.connect(lambda _m: self._show_zoom())
        self._document_changed()

    # --- pages ------------------------------------------------------------------------------------------------
    def current_page(self) -> int:
        """0-based."""
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        count = self.document.pageCount()
        if count:
            self.view.pageNavigator().jump(max(0, min(page, count - 1)), QPointF(), self.view.zoomFactor())

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def _page_shown(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        count = self.document.pageCount()
        self.buttons["previous_page"].setEnabled(page > 0)
        self.buttons["next_page"].setEnabled(page + 1 < count)

    def _document_changed(self) -> None:
        if not (isValid(self.document) and isValid(self.page)):  # the document closes as the window goes
            return
        count = self.document.pageCount()
        self.page.setMaximum(max(1, count))
        self.pages.setText(_("of {n}").format(n=count))
        for button in self.buttons.values():
            button.setEnabled(count > 0)
        self._page_shown(self.current_page() if count else 0)
        self._show_zoom()

    # --- zoom -------------------------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._set_zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], factor)))

    def _show_zoom(self) -> None:
        fit = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        # fitted: the (disabled) "Fit width" button already says so; a label repeating it would be noise
        self.zoom.setText("" if fit else f"{self.view.zoomFactor():.0%}")
        self.zoom.setVisible(not fit)
        self.buttons["fit_width"].setEnabled(not fit and self.document.pageCount() > 0)
