"""Every record table sorts by a click on its header: numbers as numbers, dates in order, empty cells last; and
the row a user then selects is the record that row shows."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from core.records.identity import Applicant, Crossing, Direction
from core.records.model import IncomeYear
from core.services.facade import JuliuService
from tests.conftest import TODAY
from ui.common.table_models import sort_key
from ui.common.widgets import source_row
from ui.main_window import MainWindow


def test_sort_keys_compare_numbers_as_numbers_and_dates_as_dates():
    assert sort_key("CN¥120,000.00") == 120000.0
    assert sort_key("¥9,000.50") == 9000.5
    assert sort_key("12.5%") == 12.5
    assert sort_key(7) == 7
    assert sort_key(dt.date(2024, 3, 1)) == "2024-03-01"
    assert sort_key("2024-03-01") == "2024-03-01"  # ISO text already sorts as dates do
    assert sort_key("") is None and sort_key(None) is None
    assert sort_key("K1234567") == "k1234567"


def _shown(view, column: int) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_header_click_sorts_income_by_amount_and_edit_opens_the_row_shown(qtbot, service: JuliuService):
    anna = service.save_applicant(Applicant("Smith", "Anna", "史安娜", nationality="GBR"))
    assert anna.id is not None
    for year, wage in ((2022, "9000"), (2023, "120000"), (2024, "15000")):
        service.records.save_income(IncomeYear(anna.id, year, Decimal(wage), Decimal("100")))
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    income = next(t for t in window.applicant_tabs if getattr(t, "table_name", "") == "income")
    view = income.view
    assert [int(y) for y in _shown(view, 0)] == [2022, 2023, 2024]  # the model's order until a header is clicked
    header = view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + _centre(header, 1))
    years = [int(y) for y in _shown(view, 0)]
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert header.sortIndicatorSection() == 1
    assert years == ([2022, 2024, 2023] if ascending else [2023, 2024, 2022])  # 9,000 < 15,000 < 120,000
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [int(y) for y in _shown(view, 0)] == [2023, 2024, 2022]
    view.selectRow(0)
    assert source_row(view.currentIndex()) == 1
    selected = income.selected()
    assert selected is not None and selected.year == 2023


def _centre(header, section: int) -> QPoint:
    return QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2, header.height() // 2)


def test_crossings_sorted_newest_first_then_deleted_by_what_is_shown(qtbot, service: JuliuService, monkeypatch):
    anna = service.save_applicant(Applicant("Smith", "Anna", "史安娜", nationality="GBR"))
    assert anna.id is not None
    service.add_crossings(anna.id, [Crossing(dt.date(2021, 3, 1), Direction.ENTRY),
                                    Crossing(dt.date(2021, 6, 1), Direction.EXIT),
                                    Crossing(dt.date(2021, 9, 1), Direction.ENTRY)])
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    view = window.travel.crossing_view
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _shown(view, 0) == ["2021-09-01", "2021-06-01", "2021-03-01"]
    view.selectRow(0)  # the newest, shown first
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.travel.delete_crossings()
    assert [c.date for c in service.list_crossings(anna.id)] == [dt.date(2021, 3, 1), dt.date(2021, 6, 1)]


def test_applicants_sort_by_name_and_selection_follows_the_record(qtbot, service: JuliuService):
    for family, given in (("Zhou", "Wei"), ("Abbott", "Ann"), ("Miller", "Max")):
        service.save_applicant(Applicant(family, given, "", nationality="GBR"))
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    view = window.applicant_view
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = _shown(view, 0)
    assert names == sorted(names, key=str.casefold) and names[0].casefold().startswith("abbott")
    view.selectRow(2)
    chosen = window.current_applicant()
    assert chosen is not None and chosen.latin_name == names[2]
    window.refresh_applicants()  # reloads keep the same applicant selected, wherever it sorts
    current = window.current_applicant()
    assert current is not None and current.latin_name == names[2]
