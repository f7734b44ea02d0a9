"""The applicant's tabs are built when first shown (issue 15: start-up): the window paints with the visible tab
only; a tab opened later shows the applicant selected meanwhile, and passes its changes on like the others."""
from __future__ import annotations

import datetime as dt

from core.records.identity import Applicant
from core.records.model import Document, DocumentKind
from core.services.facade import JuliuService
from tests.conftest import TODAY
from ui.main_window import MainWindow
from ui.records.documents_tab import DocumentsTab


def pending(window: MainWindow) -> list[str]:
    names = ("travel", "family", "documents", "employment", "income", "background", "qualifications", "filings",
             "eligibility")
    return [name for name in names if not window.tab_set.is_built(name)]


def test_only_the_shown_tab_is_built_and_a_later_one_shows_the_current_applicant(qtbot, service: JuliuService):
    ann = service.save_applicant(Applicant("Doe", "Ann", nationality="GBR"))
    bob = service.save_applicant(Applicant("Roe", "Bob", nationality="USA"))
    assert bob.id is not None
    service.records.save_document(Document(bob.id, DocumentKind.HEALTH_CERTIFICATE, "H-7",
                                           issue_date=dt.date(2026, 1, 5)))
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    assert len(pending(window)) == window.tabs.count() == 9  # nothing built before the first paint
    window.show()
    assert pending(window)[0] == "family" and len(pending(window)) == 8  # the travel tab, shown
    assert window.tab_set.is_built("travel") and not window.tab_set.is_built("documents")
    assert window.tabs.currentIndex() == 0 and window.tabs.tabText(2) == "Documents 证件"
    window.refresh_applicants(select_id=bob.id)  # selected while the Documents tab is not built yet
    window.tabs.setCurrentIndex(2)
    assert window.tab_set.is_built("documents")
    documents = window.tabs.widget(2)
    assert isinstance(documents, DocumentsTab) and window.tabs.currentWidget() is documents
    assert documents.documents.model.rowCount() == 1 and window.tabs.tabText(2) == "Documents 证件"
    assert len(pending(window)) == 7 and ann.id is not None
    assert window.tabs.indexOf(documents) == 2 and window.tabs.currentIndex() == 2


def test_asking_for_the_tabs_builds_them_in_their_places(qtbot, service: JuliuService):
    service.save_applicant(Applicant("Doe", "Ann", nationality="GBR"))
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    tabs = window.applicant_tabs
    assert [window.tabs.indexOf(t) for t in tabs] == list(range(9)) and pending(window) == []
    assert window.travel is tabs[0] and window.filings is tabs[7]
