"""The applicant's tabs, each built the first time it is shown or asked for (issue 15: start-up).

A window with no clients shows none of them, and a window with clients shows one: the others, their modules
(the chart library, the eligibility rules, the money formats) and their widgets wait until the user opens them.
Each page of the tab widget is a light holder; the real tab is built inside it when the holder is first shown
(while the window is open on its store: never later, from a timer) or when the window asks for it. The tab
widget answers with the real tab wherever a page is asked for (`widget`, `currentWidget`, `indexOf`,
`setCurrentWidget`), so callers never see a holder.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from core.records.identity import ApplicantId

if TYPE_CHECKING:
    from ui.shell.compact_tabs import CompactTabs


class ApplicantTab(Protocol):
    """What every per-applicant tab offers the window."""

    def set_applicant(self, applicant_id: ApplicantId | None) -> None: ...


def from_module(module: str, cls: str, *args: object) -> Callable[[], QWidget]:
    """A factory that imports `module` only when the tab is built."""
    def make() -> QWidget:
        return cast(QWidget, getattr(importlib.import_module(module), cls)(*args))
    return make


class TabHolder(QWidget):
    """One page: empty until first shown, then the real tab fills it."""

    def __init__(self, name: str, make: Callable[[], QWidget], built: Callable[[TabHolder], None]):
        super().__init__()
        self.setObjectName(f"tab_holder_{name}")
        self.name = name
        self.tab: QWidget | None = None
        self._make, self._built = make, built
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.tab is None:
            self.tab = self._make()
            self._layout.addWidget(self.tab)
            self._built(self)
        return self.tab

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self.build()
        super().showEvent(event)


class TabSet(QTabWidget):
    """A tab widget whose pages are built on first show; `tab(name)` and `all()` build on request."""

    built = Signal(str, object)  # the tab's name and the tab, just built

    def __init__(self) -> None:
        super().__init__()
        self._style: CompactTabs | None = None  # the tab bar's compact style, set when first shown
        self._holders: list[TabHolder] = []
        self._applicant: ApplicantId | None = None

    def add(self, name: str, title: str, make: Callable[[], QWidget]) -> None:
        holder = TabHolder(name, make, self._holder_built)
        self._holders.append(holder)
        self.addTab(holder, title)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """The tab bar's compact style (ui/shell/compact_tabs.py) comes with the first show: a first-run window,
        which shows no tab, never loads Qt's style classes (issue 15)."""
        if self._style is None:
            from ui.shell.compact_tabs import CompactTabs

            self._style = style = CompactTabs()  # kept here: a widget does not own the style it is given
            self.tabBar().setStyle(style)
        super().showEvent(event)

    def tab(self, name: str) -> QWidget:
        """The tab called `name`, built now if it was not yet."""
        return next(h for h in self._holders if h.name == name).build()

    def all(self) -> list[QWidget]:
        """Every tab, in tab order (builds those not built yet)."""
        return [holder.build() for holder in self._holders]

    def is_built(self, name: str) -> bool:
        return any(h.name == name and h.tab is not None for h in self._holders)

    def stop(self) -> None:
        """The window is closing: the built tabs with pending timed work (a `stop` method) drop it."""
        for holder in self._holders:
            stop = getattr(holder.tab, "stop", None)
            if callable(stop):
                stop()

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        """Tell the built tabs; a tab built later is told then."""
        self._applicant = applicant_id
        for holder in self._holders:
            if holder.tab is not None:
                cast(ApplicantTab, holder.tab).set_applicant(applicant_id)

    def _holder_built(self, holder: TabHolder) -> None:
        assert holder.tab is not None
        self.built.emit(holder.name, holder.tab)
        cast(ApplicantTab, holder.tab).set_applicant(self._applicant)

    # --- the real tab wherever a page is asked for ------------------------------------------------------------
    def widget(self, index: int) -> QWidget:
        page = super().widget(index)
        return page.build() if isinstance(page, TabHolder) else page  # type: ignore[return-value]  # None: no page

    def currentWidget(self) -> QWidget:  # noqa: N802 (Qt's name)
        return self.widget(self.currentIndex())

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 (Qt's name)
        holder = next((h for h in self._holders if h.tab is widget), widget)
        return super().indexOf(holder)

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        self.setCurrentIndex(self.indexOf(widget))
