"""The filing wizard opens from the Filings tab, the toolbar, Ctrl+Shift+N and a "file the renewal" row of the
deadlines dashboard, preselecting the kind the client's next deadline calls for; eligibility routes sorted by verdict
with the route that matters first."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar

from core.deadlines.items import DeadlineKind
from core.eligibility.results import RouteResult, Verdict
from core.i18n import set_locale
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.ui.helpers import recomputed
from ui.eligibility.eligibility_model import order_routes
from ui.filing.filing_wizard import FilingWizard
from ui.main_window import MainWindow

SHENZHEN = Path("examples/cases/shenzhen-work-permit-renewal.json")


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:
    service.records.import_case(Path("examples/cases/shanghai-family.json"))
    shenzhen = service.records.import_case(SHENZHEN)[0]
    w = MainWindow(service, today=lambda: TODAY)
    w.setProperty("shenzhen", int(shenzhen))
    qtbot.addWidget(w)
    w.show()
    return w


def _select_shenzhen(window: MainWindow) -> None:
    window.refresh_applicants(select_id=window.property("shenzhen"))
    current = window.current_applicant()
    assert current is not None and current.id == window.property("shenzhen")


def _opened(window: MainWindow) -> FilingWizard:
    wizards = [w for w in window.findChildren(FilingWizard) if w.isVisible()]
    assert len(wizards) == 1
    return wizards[0]


def test_shortcut_and_toolbar_open_the_wizard_with_the_next_deadlines_kind(qtbot, window: MainWindow,
                                                                          service: JuliuService):
    _select_shenzhen(window)
    assert window.packet_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar is not None and window.packet_action in toolbar.actions()
    window.packet_action.trigger()
    wizard = _opened(window)
    assert wizard.kind_page.kind_id() == "wp_extension"  # due 2026-11-26, before the RP renewal
    wizard.reject()


def test_filings_tab_button_opens_the_wizard(window: MainWindow, service: JuliuService):
    _select_shenzhen(window)
    window.filings.packet_button.click()
    wizard = _opened(window)
    assert wizard.kind_page.kind_id() == "wp_extension"
    wizard.reject()


def test_a_file_the_renewal_row_opens_that_clients_wizard(qtbot, window: MainWindow, service: JuliuService):
    dashboard = window.deadlines.dashboard
    qtbot.waitUntil(lambda: not dashboard.busy)  # deadlines are computed off the GUI thread
    rows = [i for i, it in enumerate(dashboard.model.records()) if it.kind is DeadlineKind.RP_FILING]
    assert rows
    item = dashboard.model.record(rows[0])
    dashboard.view.doubleClicked.emit(dashboard.model.index(rows[0], 0))
    wizard = _opened(window)
    assert wizard.applicant_id == item.applicant_id
    assert wizard.kind_page.kind_id() in ("rp_work_renewal", "rp_family_renewal")
    current = window.current_applicant()
    assert current is not None and current.id == item.applicant_id
    wizard.reject()


def _route(route: str, verdict: Verdict, earliest: dt.date | None = None) -> RouteResult:
    return RouteResult(route, route, route, "pr", verdict, earliest, None, (), "S")


def test_routes_sorted_by_verdict_with_the_route_that_matters_first():
    routes = [_route("a", Verdict.NOT_MET), _route("b", Verdict.UNKNOWN), _route("c", Verdict.MET),
              _route("d", Verdict.BORDERLINE), _route("e", Verdict.MET, dt.date(2027, 1, 1)),
              _route("f", Verdict.MET, dt.date(2026, 1, 1))]
    assert [r.route for r in order_routes(routes)] == ["f", "e", "c", "d", "b", "a"]
    assert [r.route for r in order_routes(routes, preferred="a")][0] == "a"


def test_eligibility_tab_lists_met_routes_before_not_met(qtbot, window: MainWindow, service: JuliuService):
    _select_shenzhen(window)
    tab = window.applicant_tabs[-1]
    window.tabs.setCurrentWidget(tab)
    recomputed(qtbot, tab)
    verdicts = [r.verdict for r in tab.model.routes()]
    assert verdicts, "no routes shown"
    ranks = [{Verdict.MET: 0, Verdict.BORDERLINE: 1, Verdict.UNKNOWN: 2, Verdict.NOT_MET: 3}[v] for v in verdicts]
    preferred = tab.model.preferred
    rest = ranks[1:] if preferred and tab.model.routes()[0].route == preferred else ranks
    assert rest == sorted(rest)
    first = tab.model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert tab.model.routes()[0].name_zh in first or tab.model.routes()[0].name_en in first


def test_the_kinds_description_reads_in_chinese_without_ids(window: MainWindow, locale: str):
    """Seen in the screenshots: 依据 … · 类别 wp-extension and "个工作日 working days" in the Chinese wizard."""
    set_locale("zh_CN")
    _select_shenzhen(window)
    wizard = window.open_filing_wizard()
    assert wizard is not None
    text = wizard.kind_page.about.text()
    assert text.startswith("外国人工作许可延期\n依据：") and "个工作日" in text
    assert "wp-extension" not in text and "working days" not in text
    wizard.reject()
