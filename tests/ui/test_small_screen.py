"""The main window on a 1366x768 laptop (issue 15): every applicant tab fits without scroll arrows, in each interface
language; the tables' columns: tests/ui/test_column_fit.py."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QToolButton

from core.records.identity import Applicant
from core.services.facade import JuliuService
from ui.main_window import MainWindow
from ui.shell.window_state import start_size

SHOTS = os.environ.get("JULIU_SCREENSHOTS")  # a folder: the test also saves what it looked at


def test_tabs_and_client_columns_fit_at_1366x768(qtbot, service: JuliuService, lang: str, tmp_path: Path):
    service.save_applicant(Applicant("Rodríguez", "María José", "罗玛丽", nationality="DOM",
                                     city="上海 Shanghai"))
    service.save_applicant(Applicant("Kim", "Minjun", "金敏俊", nationality="KOR", city="北京 Beijing"))
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.showNormal()
    window.resize(start_size(window.size(), QRect(0, 0, 1366, 768)))  # where a first start on a laptop puts it
    qtbot.waitUntil(lambda: window.width() == 1366)
    bar = window.tab_set.tabBar()
    assert bar.sizeHint().width() <= window.tab_set.width(), (bar.sizeHint().width(), window.tab_set.width())
    arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]  # the tab bar's scroll buttons
    assert not arrows
    for index in range(bar.count()):  # no tab elided or cut: each shows its whole title
        assert bar.tabRect(index).right() <= bar.width(), bar.tabText(index)
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / f"window-1366-{lang}.png"))


def test_the_first_size_fills_a_small_screen_and_leaves_a_margin_on_a_large_one() -> None:
    assert start_size(QSize(1240, 700), QRect(0, 0, 1366, 728)) == QSize(1366, 700)
    assert start_size(QSize(1240, 700), QRect(0, 0, 1920, 1040)) == QSize(1728, 936)
    assert start_size(QSize(1240, 700), QRect(0, 0, 1024, 600)) == QSize(1024, 600)  # never past the screen
