"""Record editors and the Deadlines dashboard driven through widgets; assertions on the database and models."""
from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from core.deadlines.items import DeadlineKind, Urgency
from core.i18n import set_locale
from core.records.identity import Applicant, Passport
from core.records.model import Citizenship, Document, DocumentKind, Filing, FilingKind, FilingStatus, Relation
from core.services.facade import JuliuService
from core.services.op_changes import OpChanges
from tests.conftest import TODAY
from tests.ui.helpers import type_text
from ui.common.labels import label
from ui.filing.filings_tab import FilingsTab
from ui.main_window import MainWindow
from ui.records.documents_tab import DocumentsTab
from ui.records.employment_tab import EmploymentTab
from ui.records.family_tab import FamilyTab
from ui.records.income_tab import IncomeTab
from ui.shell.deadlines_view import COLOURS

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_window(qtbot, service: JuliuService) -> MainWindow:
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def drop_files(widget, paths: list[Path]) -> None:
    """A drag that enters the widget, moves over it and drops file URLs (Qt delivers a drop only to the widget
    that accepted the drag)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPointF(5, 5), *args)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDragMoveEvent(QPointF(5, 5), *args))
    QApplication.sendEvent(widget, QDropEvent(QPointF(5, 5), *args))


def tab(window: MainWindow, kind: type):
    return next(t for t in window.applicant_tabs if isinstance(t, kind))


def save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_document_with_a_dropped_scan_appears_on_the_dashboard(qtbot, service: JuliuService, tmp_path: Path):
    a = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明", nationality="SGP", city="北京 Beijing"))
    window = make_window(qtbot, service)
    assert window.deadlines.dashboard.model.rowCount() == 0
    documents = tab(window, DocumentsTab)
    window.tabs.setCurrentWidget(documents)
    dialog = documents.documents.add()
    dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.RESIDENCE_PERMIT))
    dialog.subtype.setCurrentIndex(dialog.subtype.findData("work"))
    type_text(dialog.number, "Y110108250012")
    type_text(dialog.authority, "北京市公安局出入境管理总队")
    type_text(dialog.issue, "2025-01-21")
    type_text(dialog.expiry, "2027-01-20")
    scan = tmp_path / "居留许可.pdf"
    scan.write_bytes(PDF)
    drop_files(dialog.scans, [scan])
    assert dialog.scans.model.rowCount() == 1  # waiting for the document to exist
    received: list[OpChanges] = []
    window.changes_applied.connect(received.append)
    save(dialog)
    assert not dialog.isVisible()
    assert received == [OpChanges.of([a.id], "document", "attachment")]  # what the service said it wrote

    (doc,) = service.records.list_documents(a.id)
    assert (doc.kind, doc.subtype, doc.number, doc.expiry_date) == (
        DocumentKind.RESIDENCE_PERMIT, "work", "Y110108250012", dt.date(2027, 1, 20))
    (att,) = service.records.list_attachments(document_id=doc.id)
    assert (att.name, att.sha256) == ("居留许可.pdf", hashlib.sha256(PDF).hexdigest())
    dashboard = window.deadlines.dashboard
    qtbot.waitUntil(lambda: not dashboard.busy)  # computed off the GUI thread for the applicant the save touched
    items = dashboard.model.records()
    filing = next(i for i in items if i.kind is DeadlineKind.RP_FILING)
    assert (filing.due, filing.urgency, filing.record) == (dt.date(2026, 12, 21), Urgency.SOON, ("document", doc.id))
    row = items.index(filing)
    assert dashboard.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).name() == COLOURS[Urgency.SOON]
    assert [i.due for i in items] == sorted(i.due for i in items)


def test_drop_on_the_selected_document_and_open_from_the_dashboard(qtbot, service: JuliuService, tmp_path: Path):
    a = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明"))
    b = service.save_applicant(Applicant("Kim", "Minjun", "金敏俊", city="深圳 Shenzhen"))
    service.save_passport(Passport(b.id, "M730", "KOR", None, dt.date(2027, 4, 30)))
    ncr, _w = service.records.save_document(Document(a.id, DocumentKind.NO_CRIMINAL_RECORD, "N1", "GBR",
                                                     issue_date=dt.date(2026, 9, 15)))
    wp, _w = service.records.save_document(Document(b.id, DocumentKind.WORK_PERMIT, "W1", subtype="B",
                                                    expiry_date=dt.date(2027, 1, 10)))
    window = make_window(qtbot, service)
    dashboard = window.deadlines.dashboard
    qtbot.waitUntil(lambda: not dashboard.busy)
    assert {i.applicant_id for i in dashboard.model.records()} == {a.id, b.id}
    qtbot.keyClicks(dashboard.search, "kim")  # the search field narrows the items to one client
    qtbot.waitUntil(lambda: {i.applicant_id for i in dashboard.model.records()} == {b.id})
    assert {i.applicant_id for i in dashboard.model.records()} == {b.id}
    dashboard.kind_filter.setCurrentIndex(dashboard.kind_filter.findData(DeadlineKind.WP_FILING))
    (item,) = dashboard.model.records()
    assert (item.due, item.urgency) == (dt.date(2026, 11, 26), Urgency.URGENT)  # Shenzhen: 45 days

    dashboard.view.doubleClicked.emit(dashboard.model.index(0, 0))  # the firm view opens the record
    documents = tab(window, DocumentsTab)
    assert window.current_applicant().id == b.id and window.tabs.currentWidget() is documents
    assert documents.documents.selected() == wp
    scan = tmp_path / "wp.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    drop_files(documents.scans, [scan])
    assert [x.name for x in service.records.list_attachments(document_id=wp.id)] == ["wp.png"]

    dashboard.search.clear()
    dashboard.kind_filter.setCurrentIndex(0)
    assert any(i.record == ("document", ncr.id) for i in dashboard.model.records())
    window.tabs.setCurrentWidget(tab(window, FilingsTab))


def test_family_member_and_income_editors(qtbot, service: JuliuService):
    a = service.save_applicant(Applicant("Dubois", "Claire", "杜可蕾", nationality="FRA"))
    wage, _w = service.records.save_document(Document(a.id, DocumentKind.WAGE_CERTIFICATE,
                                                      issue_date=dt.date(2026, 1, 15)))
    window = make_window(qtbot, service)
    family = tab(window, FamilyTab)
    dialog = family.add_member()
    type_text(dialog.family_name, "Zhang")
    type_text(dialog.given_names, "Wei")
    type_text(dialog.chinese_name, "张伟")
    type_text(dialog.nationality, "CHN")
    dialog.relation.setCurrentIndex(dialog.relation.findData(Relation.SPOUSE))
    dialog.citizenship.setCurrentIndex(dialog.citizenship.findData(Citizenship.CHINESE))
    assert dialog.married_on.isEnabled()
    type_text(dialog.married_on, "2018-06-01")
    received: list[OpChanges] = []
    window.changes_applied.connect(received.append)
    save(dialog)
    members = service.records.family(a.id)
    spouse = members[1][0].id
    assert received == [OpChanges.of([spouse], "applicant", "person_profile", applicant_list=True)]
    assert "ZHANG Wei" in [c.latin_name for c in window.applicant_model.records()]  # the list reloaded for it
    assert [(m.chinese_name, p.relation, p.citizenship, p.married_on) for m, p in members] == [
        ("杜可蕾", None, Citizenship.FOREIGN, None),
        ("张伟", Relation.SPOUSE, Citizenship.CHINESE, dt.date(2018, 6, 1))]
    assert family.member_model.index(1, 2).data() == "Spouse 配偶 · married 2018-06-01"
    family.member_view.selectRow(1)
    dialog = family.edit_member()
    assert dialog.married_on.text() == "2018-06-01"
    dialog.relation.setCurrentIndex(dialog.relation.findData(Relation.CHILD))
    assert not dialog.married_on.isEnabled()  # a marriage date belongs to a spouse only
    save(dialog)
    assert service.records.profile(members[1][0].id).married_on is None

    window.refresh_applicants(select_id=a.id)
    income = tab(window, IncomeTab)
    dialog = income.add()
    dialog.year.setValue(2025)
    type_text(dialog.wage, "1,200,000.50")
    type_text(dialog.tax, "240000")
    dialog.certificates.item(0).setCheckState(Qt.CheckState.Checked)
    save(dialog)
    (year,) = service.records.list_income(a.id)
    assert (year.year, year.wage_income, year.iit_paid, year.certificate_ids) == (
        2025, Decimal("1200000.50"), Decimal("240000"), (wage.id,))
    assert "1,200,000.50" in income.model.index(0, 1).data()


def test_invalid_employment_stays_open_and_saves_nothing(qtbot, service: JuliuService):
    a = service.save_applicant(Applicant("Tan", "Wei Ming", "陈伟明"))
    window = make_window(qtbot, service)
    dialog = tab(window, EmploymentTab).add()
    type_text(dialog.employer_zh, "北京云启智能科技有限公司")
    type_text(dialog.credit_code, "91110108MA01C7KQ40")
    save(dialog)
    assert dialog.isVisible() and "Unified social credit code 统一社会信用代码: check character" in dialog.error.text()
    assert service.records.list_employment(a.id) == []
    dialog.credit_code.clear()
    save(dialog)
    assert [e.employer_zh for e in service.records.list_employment(a.id)] == ["北京云启智能科技有限公司"]


def test_filings_show_the_processing_estimate_and_warn_outside_the_calendar(qtbot, service: JuliuService):
    a = service.save_applicant(Applicant("Smith", "Anna", "史安娜"))
    for accepted in (dt.date(2025, 9, 22), dt.date(2027, 1, 4)):  # DOMAIN cases 11 and 13
        service.records.save_filing(Filing(a.id, FilingKind.RP_RENEWAL, "Beijing", FilingStatus.ACCEPTED,
                                           accepted, accepted))
    window = make_window(qtbot, service)
    filings = tab(window, FilingsTab)
    column = [filings.model.headerData(c, Qt.Orientation.Horizontal) for c in range(filings.model.columnCount())
              ].index("Decision expected")
    shown = [filings.model.index(r, column).data() for r in range(filings.model.rowCount())]
    assert shown[0] == "2025-10-17"
    assert shown[1].startswith("2027-01-25") and "Mon–Fri assumed" in shown[1]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_deadline_kind_and_urgency_has_a_label_in_both_languages(lang: str):
    """The dashboard's kind filter and columns never show a raw id such as pr_card_collection."""
    set_locale(lang)
    try:
        for value in (*DeadlineKind, *Urgency):
            text = label(value)
            assert text != value.value and any("\u4e00" <= ch <= "\u9fff" for ch in text), value
    finally:
        set_locale("en")
