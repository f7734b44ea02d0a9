"""Stale results never stay: a view whose input became invalid greys its old results until the input is valid
again, and switching to another applicant clears every detail pane of the previous one."""
from __future__ import annotations

import pytest

from core.eligibility.results import PointsLine, PointsResult
from core.i18n import set_locale
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id
from tests.ui.dialogs import retype
from tests.ui.helpers import recomputed, settled
from ui.eligibility.applicant_eligibility_tab import EligibilityTab
from ui.eligibility.eligibility_tab import EligibilityWidget
from ui.main_window import MainWindow
from ui.records.documents_tab import DocumentsTab


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:  # type: ignore[no-untyped-def]
    import_cases(service)
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.refresh_applicants(select_id=person_id(service, "陈伟明"))
    w.show()
    return w


def test_invalid_input_greys_the_old_results(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    eligibility = next(t for t in window.applicant_tabs if isinstance(t, EligibilityTab))
    window.tabs.setCurrentWidget(eligibility)
    settled(qtbot, eligibility)
    assert eligibility.model.rowCount() > 0 and eligibility.tree.isEnabled()
    retype(eligibility.filing_date, "2026-13-01")
    eligibility.recompute()
    assert not eligibility.tree.isEnabled() and not eligibility.details.isEnabled()
    assert eligibility.model.rowCount() > 0  # still there to compare, but greyed
    assert "YYYY-MM-DD" in eligibility.whatif_error.text() and "input:" not in eligibility.whatif_error.text()
    retype(eligibility.filing_date, TODAY.isoformat())
    recomputed(qtbot, eligibility)
    assert eligibility.tree.isEnabled() and eligibility.whatif_error.text() == ""

    rolling = window.travel.rolling
    rolling.refresh()
    assert rolling.model.rowCount() > 0 and rolling.view.isEnabled()
    retype(rolling.end, "2026-02-30")
    rolling.refresh()
    assert not rolling.view.isEnabled() and rolling.model.rowCount() > 0
    assert "window_end" not in rolling.error.text() and rolling.error.text()
    retype(rolling.end, "2026-02-28")
    rolling.refresh()
    assert rolling.view.isEnabled() and rolling.error.text() == ""


def test_switching_applicant_clears_every_detail_pane(qtbot, window: MainWindow, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    eligibility = next(t for t in window.applicant_tabs if isinstance(t, EligibilityTab))
    window.tabs.setCurrentWidget(eligibility)
    settled(qtbot, eligibility)
    eligibility.tree.setCurrentIndex(eligibility.model.index(0, 0))
    assert eligibility.details.text()
    documents = next(t for t in window.applicant_tabs if isinstance(t, DocumentsTab))
    documents.documents.view.selectRow(0)
    assert documents.scan_heading.text().startswith(("Scans of", "扫描件"))
    window.travel.what_if.custom_result.setText("2027-01-01 — met")
    window.travel.status.setText("Imported 3 crossings")

    window.refresh_applicants(select_id=person_id(service, "金敏俊"))
    assert eligibility.details.text() == ""
    assert documents.scans.model.rowCount() == 0 and not documents.scan_heading.text().startswith("Scans of")
    assert window.travel.what_if.custom_result.text() == "" and window.travel.status.text() == ""


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_points_panel_names_missing_factors_in_the_users_language(qtbot, lang: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    set_locale(lang)
    widget = EligibilityWidget(TODAY)
    qtbot.addWidget(widget)
    lines = (PointsLine("experience", "Work experience", "工作经历", None, None, 20, "WP-POINTS"),
             PointsLine("months_in_china", "Months in China per year", "每年在华工作时间", None, None, 15, "WP-POINTS"),
             PointsLine("salary", "Annual salary", "年薪", 500000, 20, 20, "WP-POINTS"))
    widget.set_report(None)
    widget._show_points(PointsResult(lines, 20, 55, "unknown", False, {"A": 85, "B": 60}, "WP-POINTS"))  # noqa: SLF001
    text = widget.points_total.text()
    assert "months_in_china" not in text and "experience, months" not in text
    assert ("工作经历、每年在华工作时间" if lang == "zh_CN" else "Work experience, Months in China per year") in text
