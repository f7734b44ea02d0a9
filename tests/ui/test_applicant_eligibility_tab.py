"""The Eligibility tab in the main window, on example cases imported into the database: what it shows is what
service.eligibility computes from the stored records, for the filing date and planned trips typed."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from core.eligibility.whatif import parse_planned_trips
from core.records.identity import ApplicantId
from core.records.model import DocumentKind
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.ui.helpers import settled, type_text
from tests.ui.test_records_ui import make_window, tab
from ui.eligibility.applicant_eligibility_tab import EligibilityTab
from ui.eligibility.eligibility_model import verdict_label

CASES = Path(__file__).resolve().parents[2] / "examples" / "cases"


def open_tab(qtbot, service: JuliuService, case: str, index: int = 0) -> tuple[EligibilityTab, ApplicantId]:
    ids = service.records.import_case(CASES / f"{case}.json")
    window = make_window(qtbot, service)
    window.refresh_applicants(select_id=ids[index])
    eligibility = tab(window, EligibilityTab)
    window.tabs.setCurrentWidget(eligibility)
    settled(qtbot, eligibility)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Eligibility 资格"
    return eligibility, ids[index]


def shown(widget: EligibilityTab) -> dict[str, tuple[str, str]]:
    """Each route's verdict and earliest-date cells as displayed."""
    model = widget.model
    return {model.data(model.index(row, 0), Qt.ItemDataRole.UserRole):
            (model.data(model.index(row, 1)), model.data(model.index(row, 2))) for row in range(model.rowCount())}


def expected_cells(report) -> dict[str, tuple[str, str]]:
    return {r.route: (verdict_label(r.verdict), f"{r.earliest_date} (estimate)\n{verdict_label(r.earliest_verdict)}"
                      if r.earliest_date and r.earliest_verdict else "") for r in report.routes}


def retype(qtbot, widget: EligibilityTab, field, text: str) -> None:
    field.clear()
    with qtbot.waitSignal(widget.evaluated, timeout=3000):
        type_text(field, text)


def test_typed_filing_date_shows_the_verdicts_of_the_stored_records(qtbot, service: JuliuService):
    widget, tan = open_tab(qtbot, service, "beijing-6x-professional")
    today = service.eligibility.assess(tan, TODAY)
    assert widget.report is not None and widget.report.to_json() == today.to_json()
    assert shown(widget) == expected_cells(today)
    assert shown(widget)["pr-salary-tax"] == ("borderline 临界", "2026-11-22 (estimate)\nborderline 临界")
    assert "PR application planned for 2027-01-15" in widget.heading.text()

    retype(qtbot, widget, widget.filing_date, "2027-01-15")
    planned = service.eligibility.assess(tan, dt.date(2027, 1, 15))
    assert widget.report.as_of == dt.date(2027, 1, 15) and widget.report.to_json() == planned.to_json()
    assert shown(widget) == expected_cells(planned)
    assert shown(widget)["pr-salary-tax"][0] == "unknown 未知"  # the 2026 wage and tax are not recorded yet
    assert widget.report.points is not None and today.points is not None
    assert widget.points_model.rowCount() == len(today.points.lines)
    # Salary 1,250,000 is over 6x the Beijing average wage: category A by that route (DOMAIN §3), not by points.
    # Work experience from his dated periods (16 full years: 5 points at 2 years + 14) narrows the range by 1 and 19.
    assert widget.points_total.text().startswith("Total 69–114 → category A")
    assert "a-salary-6x" in widget.points_total.text()


def test_planned_trips_count_in_the_projection(qtbot, service: JuliuService):
    widget, tan = open_tab(qtbot, service, "beijing-6x-professional")
    retype(qtbot, widget, widget.filing_date, "2027-12-01")
    before = widget.report
    retype(qtbot, widget, widget.planned_trips, "2027-02-01 2027-08-31")
    trips = parse_planned_trips("2027-02-01 2027-08-31")
    expected = service.eligibility.assess(tan, dt.date(2027, 12, 1), planned=trips)
    assert widget.report.to_json() == expected.to_json() != before.to_json()
    presence = next(c for r in widget.report.routes if r.route == "pr-salary-tax" for c in r.criteria
                    if c.id == "presence_6_months[2026-12-02/2027-12-01]")
    assert presence.value == {"calendar_days": 365 - 210, "full_days": 365 - 212}  # Feb 2 – Aug 30 away
    assert presence.verdict.value == "not_met"


def test_another_applicant_and_edited_records_are_shown_when_the_tab_is_shown_again(qtbot, service: JuliuService):
    widget, claire = open_tab(qtbot, service, "shanghai-family")
    assert shown(widget)["pr-spouse"][0] == "met 符合"
    window = widget.window()
    deposit = next(d for d in service.records.list_documents(claire) if d.kind is DocumentKind.BANK_DEPOSIT)
    window.tabs.setCurrentIndex(0)
    service.records.delete_document(deposit.id)
    window.tabs.setCurrentWidget(widget)
    settled(qtbot, widget)
    assert shown(widget)["pr-spouse"][0] == "unknown 未知"  # livelihood proof gone
    leo = next(a.id for a in service.list_applicants() if a.chinese_name == "张乐")
    window.refresh_applicants(select_id=leo)
    settled(qtbot, widget)
    assert widget.applicant_id == leo and shown(widget)["pr-minor-child"][0] == "met 符合"
    assert "taken as the child's other parent" in widget.heading.text()
    assert widget.filing_date.text() == TODAY.isoformat() and widget.planned_trips.toPlainText() == ""


def test_no_applicant_shows_nothing(qtbot, service: JuliuService):
    window = make_window(qtbot, service)
    widget = tab(window, EligibilityTab)
    assert widget.applicant_id is None and widget.model.rowCount() == 0 and widget.report is None


def test_closing_the_window_drops_a_what_if_edits_pending_recompute(qtbot, service: JuliuService):
    """A typed filing date waits a moment before the routes are computed again; closing the window in that moment
    must drop it rather than start work on a store that is about to close."""
    widget, _tan = open_tab(qtbot, service, "beijing-6x-professional")
    widget.filing_date.setText("2027-01-15")
    assert widget._timer.isActive()  # noqa: SLF001 (the pending recompute)
    widget.window().close()
    assert not widget._timer.isActive()  # noqa: SLF001
