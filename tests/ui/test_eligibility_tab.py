"""The Eligibility tab driven like a user: verdict badges, criteria under each route, what-if typing, points."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from core.eligibility.results import Verdict
from tests.ui.eligibility_case import WANG, evaluator
from tests.ui.helpers import recomputed, type_text
from ui.eligibility.eligibility_model import VERDICT_COLOURS
from ui.eligibility.eligibility_tab import EligibilityWidget

FILING = dt.date(2022, 3, 1)


def make(qtbot) -> EligibilityWidget:
    widget = EligibilityWidget(today=FILING)
    qtbot.addWidget(widget)
    widget.set_heading(WANG.name)
    widget.resize(1500, 900)
    with qtbot.waitSignal(widget.evaluated):
        widget.set_evaluator(evaluator())
    return widget


def route_row(widget: EligibilityWidget, route_id: str) -> int:
    return next(i for i, r in enumerate(widget.model.routes()) if r.route == route_id)


def cell(widget: EligibilityWidget, row: int, column: int, parent_row: int | None = None, role=Qt.DisplayRole):
    model = widget.model
    parent = model.index(parent_row, 0) if parent_row is not None else model.index(-1, 0)
    return model.data(model.index(row, column, parent), role)


def test_routes_show_verdict_badges_and_earliest_dates(qtbot):
    widget = make(qtbot)
    assert widget.report is not None and widget.report.as_of == FILING
    # 13 national routes and the 2 Zhongguancun routes open to Beijing (the 2016 salary route ended in 2019)
    assert widget.model.rowCount() == 15
    position = route_row(widget, "pr-position")
    assert cell(widget, position, 0).startswith("任职类") and cell(widget, position, 1) == "met 符合"
    assert cell(widget, position, 1, role=Qt.BackgroundRole).color().name() == VERDICT_COLOURS[Verdict.MET]
    spouse = route_row(widget, "pr-spouse")
    assert cell(widget, spouse, 1) == "not met 不符合"
    assert cell(widget, spouse, 2).endswith("(estimate)\nmet 符合")  # an earliest date once the marriage is 5 years old
    wp = route_row(widget, "wp-extension")
    assert cell(widget, wp, 1) == "borderline 临界"
    assert widget.heading.text() == "王小明 WANG Xiaoming"


def test_expanding_a_route_shows_its_criteria_with_figures_and_sources(qtbot):
    widget = make(qtbot)
    salary = route_row(widget, "pr-salary-tax")
    assert widget.expand_route("pr-salary-tax") and widget.tree.isExpanded(widget.model.index(salary, 0))
    rows = widget.model.rowCount(widget.model.index(salary, 0))
    labels = [cell(widget, r, 0, salary) for r in range(rows)]
    assert labels[0].startswith("在中国连续工作满4年\n4 consecutive years")
    wage = next(r for r in range(rows) if cell(widget, r, 0, salary).startswith("2018 · 工资性年收入不低于"))
    assert labels[1].startswith("rolling years 滚动年 2021-03-02 – 2022-03-01 · 每年在中国实际居住不少于6个月\n")
    # Both year readings (open question 1): the calendar years follow the leading rolling years.
    assert labels[5].startswith("calendar years 自然年 2018 · 每年在中国实际居住不少于6个月")
    assert (cell(widget, wage, 3, salary), cell(widget, wage, 4, salary)) == ("1,250,000.00", "1,167,906.00")
    assert cell(widget, wage, 5, salary) == "NIA-12 (H)"
    assert "non_private figure used" in cell(widget, wage, 6, salary)
    presence = cell(widget, 1, 3, salary)
    assert presence.startswith("calendar ") and "\nfull " in presence


def test_typing_a_filing_date_recomputes(qtbot):
    widget = make(qtbot)
    widget.expand_route("pr-salary-tax")
    widget.filing_date.clear()
    with qtbot.waitSignal(widget.evaluated, timeout=2000):
        type_text(widget.filing_date, "2024-10-01")
    assert widget.report.as_of == dt.date(2024, 10, 1)
    spouse = next(r for r in widget.report.routes if r.route == "pr-spouse")
    assert spouse.verdict is not Verdict.NOT_MET or spouse.earliest_date is not None
    assert widget.tree.isExpanded(widget.model.index(route_row(widget, "pr-salary-tax"), 0))


def test_bad_date_shows_an_error_and_keeps_the_report(qtbot):
    widget = make(qtbot)
    before = widget.report
    widget.filing_date.setText("2022-02-30")
    widget.recompute()
    assert "filing date: expected a date" in widget.whatif_error.text()
    assert widget.report is before


def test_planned_trips_change_the_presence_counts(qtbot):
    widget = make(qtbot)
    widget.filing_date.setText("2022-12-01")
    recomputed(qtbot, widget)
    position = next(r for r in widget.report.routes if r.route == "pr-position")
    before = next(c for c in position.criteria if c.id == "presence_3_of_4").value
    with qtbot.waitSignal(widget.evaluated, timeout=2000):
        type_text(widget.planned_trips, "2022-06-01 2022-07-31")
    position = next(r for r in widget.report.routes if r.route == "pr-position")
    after = next(c for c in position.criteria if c.id == "presence_3_of_4").value
    assert after["calendar_days"] == before["calendar_days"] - 59 and after["full_days"] == before["full_days"] - 61
    widget.planned_trips.setPlainText("2022-07-31 2022-06-01")
    widget.recompute()
    assert widget.whatif_error.text() == "Line 1: the return is before the exit"


def test_points_breakdown_beside_the_routes(qtbot):
    widget = make(qtbot)
    assert widget.points_model.rowCount() == 9
    assert widget.points_model.data(widget.points_model.index(0, 0)).startswith("在华工作年薪")
    # 20 + 15 + 19 (16 years) + 15 + 3 (HSK3) + 0 + 15 (age 39) + 5 + 0
    assert widget.points_total.text().startswith("Total 92 → category A (A ≥ 85, B ≥ 60; WP-POINTS)")


def test_screenshot_renders(qtbot, tmp_path: Path):
    widget = make(qtbot)
    widget.expand_route("pr-salary-tax")
    widget.show()
    qtbot.waitExposed(widget)
    path = tmp_path / "eligibility.png"
    assert widget.grab().save(str(path)) and path.stat().st_size > 20000


def test_selecting_a_criterion_explains_it(qtbot):
    widget = make(qtbot)
    salary = route_row(widget, "pr-salary-tax")
    widget.expand_route("pr-salary-tax")
    parent = widget.model.index(salary, 0)
    widget.tree.setCurrentIndex(widget.model.index(2, 0, parent))
    text = widget.details.text()
    assert "每年在中国实际居住不少于6个月" in text and "NIA-12, H" in text
    assert "rolling year 2: 2020-03-02 – 2021-03-01" in text and "calendar 168, full 167" in text
