"""The applicant's tabs, each built the first time it is shown or asked for (issue 15: start-up).

A window with no clients shows none of them, and a window with clients shows one: the others, their modules
(the chart library, the eligibility rules, the money formats) and their widgets wait until the user opens them.
Until then the tab bar holds a light placeholder; the tab that replaces it keeps its place and its title, and is
told the applicant selected meanwhile.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from core.records.identity import ApplicantId


class ApplicantTab(Protocol):
    """What every per-applicant tab offers the window."""

    def set_applicant(self, applicant_id: ApplicantId | None) -> None: ...


class _Placeholder(QWidget):
    """Stands in for a tab until it is first painted; then the real tab is built (after this paint)."""

    def __init__(self, name: str, shown: Callable[[], object]):
        super().__init__()
        self.setObjectName(f"pending_tab_{name}")
        self._shown = shown

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        QTimer.singleShot(0, self, self._still_shown)  # dropped if this placeholder is gone by then

    def _still_shown(self) -> None:
        if self.isVisible():  # not a neighbour shown for a moment while another tab took its place
            self._shown()


@dataclass
class _Slot:
    name: str
    make: Callable[[], QWidget]
    placeholder: QWidget | None = None
    tab: QWidget | None = None


def from_module(module: str, cls: str, *args: object) -> Callable[[], QWidget]:
    """A factory that imports `module` only when the tab is built."""
    def make() -> QWidget:
        return cast(QWidget, getattr(importlib.import_module(module), cls)(*args))
    return make


class TabSet(QObject):
    """Owns the tab widget's pages: placeholders first, real tabs once shown or asked for (`tab`, `all`)."""

    built = Signal(str, object)  # the tab's name and the tab, just built and in its place

    def __init__(self, tabs: QTabWidget):
        super().__init__(tabs)
        self.tabs = tabs
        self._slots: list[_Slot] = []
        self._applicant: ApplicantId | None = None

    def add(self, name: str, title: str, make: Callable[[], QWidget]) -> None:
        slot = _Slot(name, make)
        slot.placeholder = _Placeholder(name, lambda: self._build(slot))
        self._slots.append(slot)
        self.tabs.addTab(slot.placeholder, title)

    def tab(self, name: str) -> QWidget:
        """The tab called `name`, built now if it was not yet."""
        slot = next(s for s in self._slots if s.name == name)
        return self._build(slot)

    def all(self) -> list[QWidget]:
        """Every tab, in tab order (builds those not built yet)."""
        return [self._build(slot) for slot in self._slots]

    def built_tabs(self) -> Iterator[QWidget]:
        return (slot.tab for slot in self._slots if slot.tab is not None)

    def is_built(self, name: str) -> bool:
        return any(s.name == name and s.tab is not None for s in self._slots)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        """Tell the built tabs; a tab built later is told then."""
        self._applicant = applicant_id
        for tab in self.built_tabs():
            cast(ApplicantTab, tab).set_applicant(applicant_id)

    def _build(self, slot: _Slot) -> QWidget:
        if slot.tab is not None:
            return slot.tab
        tab = slot.tab = slot.make()
        index = self._slots.index(slot)
        current = self.tabs.currentIndex()
        title, enabled = self.tabs.tabText(index), self.tabs.isTabEnabled(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, title)
        self.tabs.setTabEnabled(index, enabled)
        self.tabs.setCurrentIndex(current)
        if slot.placeholder is not None:
            slot.placeholder.deleteLater()
            slot.placeholder = None
        self.built.emit(slot.name, tab)
        cast(ApplicantTab, tab).set_applicant(self._applicant)
        return tab
