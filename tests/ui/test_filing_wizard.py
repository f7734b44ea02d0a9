"""The filing wizard driven like a user on 金敏俊's records: kind and date, the checklist against the database, a
scan attached through the row's button, the pre-flight findings, the packet built off the GUI thread, exported."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog, QLabel

from core.packets.audiences import Audience
from core.packets.content import ItemStatus, Severity
from core.records.model import DocumentKind
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id
from tests.render.packet_samples import scan_image
from ui.filing.filing_models import ChecklistTableModel
from ui.filing.filing_wizard import LAST_FOLDER_KEY, FilingWizard
from ui.main_window import MainWindow

KIM = "金敏俊"


def open_wizard(qtbot, service: JuliuService, who: str = KIM) -> FilingWizard:  # type: ignore[no-untyped-def]
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.refresh_applicants(select_id=person_id(service, who))
    window.show()
    assert window.packet_action.isEnabled()
    window.packet_action.trigger()
    wizard = window.findChild(FilingWizard)
    assert wizard is not None and wizard.isVisible()
    return wizard


def db_statuses(service: JuliuService, wizard: FilingWizard) -> dict[str, ItemStatus]:
    """What the records say on the wizard's date, read afresh from the database."""
    page = wizard.kind_page
    prepared = service.packets.prepare(person_id(service, KIM), page.kind_id(), today=TODAY, filing_date=page.day(),
                                       city=str(page.city.currentData()))
    assert prepared.content.checklist is not None
    return {r.key: r.status for r in prepared.content.checklist.rows}


def test_walk_the_wizard_attach_a_scan_and_export(qtbot, service: JuliuService, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import_cases(service)
    wizard = open_wizard(qtbot, service)
    page1 = wizard.kind_page
    page1.kind.setCurrentIndex(page1.kind.findData("rp_work_renewal"))
    assert page1.kind.currentText().startswith("★")  # suggested by the records
    assert page1.city.currentData() == "shenzhen" and page1.day() == TODAY
    wizard.next()

    checklist = wizard.checklist_page
    shown = {r.key: r.status for r in checklist.model.records()}
    assert shown == db_statuses(service, wizard)
    assert shown["employer_verification"] is ItemStatus.MISSING and shown["passport"] is ItemStatus.HAVE

    scan = tmp_path / "letter.png"
    scan.write_bytes(scan_image("employer letter", fmt="PNG"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    row = next(i for i, r in enumerate(checklist.model.records()) if r.key == "employer_verification")
    checklist.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # the button follows its row when sorted
    shown = checklist.view.model().mapFromSource(checklist.model.index(row, ChecklistTableModel.ATTACH_COLUMN))
    cell = checklist.view.visualRect(shown)
    with qtbot.waitSignal(checklist.attached, timeout=3000):
        qtbot.mouseClick(checklist.view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    kim = person_id(service, KIM)
    letters = [d for d in service.records.list_documents(kim) if d.kind is DocumentKind.EMPLOYER_VERIFICATION]
    assert len(letters) == 1
    stored = service.records.list_attachments(document_id=letters[0].id)
    assert [a.name for a in stored] == ["letter.png"]
    assert checklist.model.status_of("employer_verification") is ItemStatus.HAVE
    assert {r.key: r.status for r in checklist.model.records()} == db_statuses(service, wizard)
    photos = next(i for i, r in enumerate(checklist.model.records()) if r.key == "photos")
    assert not checklist.attach_row(photos, scan)  # prepared by hand: no record to attach to
    wizard.next()

    preflight = wizard.preflight_page
    findings = preflight.model.records()
    assert findings == list(wizard.prepared.content.findings)  # type: ignore[union-attr]
    assert not [f for f in findings if f.severity is Severity.BLOCKER]
    wizard.next()

    preview = wizard.preview_page
    assert preview.progress.maximum() == 0 and preview.progress.isVisible()  # busy while the worker renders
    qtbot.waitUntil(lambda: preview.result is not None, timeout=20000)
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=5000)
    assert preview.document.pageCount() == preview.result.pages  # type: ignore[union-attr]
    assert preview.audience.currentData() == "officer"  # the filing set is previewed first
    out = preview.export(tmp_path / "kim.pdf")
    assert out == tmp_path / "kim - Filing set.pdf" and out.exists()
    client, memo = tmp_path / "kim - Client to-do list.pdf", tmp_path / "kim - Internal memo.pdf"
    assert "客户待办清单" in PdfReader(client).pages[0].extract_text()
    assert "内部备忘" in PdfReader(memo).pages[0].extract_text()
    assert "预检结果" not in "".join(page.extract_text() for page in PdfReader(out).pages)
    preview.audience.setCurrentIndex(preview.audience.findData("memo"))  # the memo in the preview
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=5000)
    assert preview.document.pageCount() == preview.results[Audience.MEMO].pages
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert KIM in reader.pages[0].extract_text()
    attachments = reader.outline[-1]  # the children of "附件 Attachments"
    assert isinstance(attachments, list) and any("单位证明函" in item.title for item in attachments)


def test_finish_saves_under_a_readable_name_in_the_last_folder(qtbot, service: JuliuService,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    import_cases(service)
    folder = tmp_path / "客户 packets"
    folder.mkdir()
    QSettings().setValue(LAST_FOLDER_KEY, str(folder))
    wizard = open_wizard(qtbot, service)
    wizard.kind_page.kind.setCurrentIndex(wizard.kind_page.kind.findData("rp_work_renewal"))
    for _page in range(3):
        wizard.next()
    preview = wizard.preview_page
    finish = wizard.button(wizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # the packet is still being built
    qtbot.waitUntil(lambda: finish.isEnabled(), timeout=20000)
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=5000)
    expected = folder / "KIM Minjun Work-type residence permit renewal 2026-11-22 - Filing set.pdf"
    assert str(folder) in preview.target.text() and expected.name in preview.target.text()
    assert "- Client to-do list.pdf" in preview.target.text() and "- Internal memo.pdf" in preview.target.text()

    pages = preview.document.pageCount()
    assert pages > 2 and preview.preview.pages.text() == f"of {pages}"
    preview.preview.buttons["next_page"].click()
    qtbot.waitUntil(lambda: preview.preview.current_page() == 1, timeout=2000)
    assert preview.preview.page.value() == 2
    preview.preview.page.setValue(pages)
    qtbot.waitUntil(lambda: preview.preview.current_page() == pages - 1, timeout=2000)
    assert not preview.preview.buttons["next_page"].isEnabled()
    preview.preview.buttons["zoom_in"].click()
    preview.preview.buttons["zoom_in"].click()
    assert preview.view.zoomFactor() > 1.5 and preview.preview.zoom.text() == "156%"
    preview.preview.buttons["zoom_out"].click()
    assert preview.preview.zoom.text() == "125%"
    preview.preview.buttons["fit_width"].click()
    assert not preview.preview.buttons["fit_width"].isEnabled()
    # no second "fit width" beside the disabled button (issue 15): the zoom label is empty and hidden when fitted
    assert preview.preview.zoom.text() == "" and preview.preview.zoom.isHidden()
    labels = [w.text() for w in preview.preview.findChildren(QLabel)]
    assert not any(text.lower() == "fit width" for text in labels)

    expected.write_bytes(b"an older packet")  # never overwritten
    finish.click()
    assert not wizard.isVisible()
    saved = folder / "KIM Minjun Work-type residence permit renewal 2026-11-22 (2) - Filing set.pdf"
    assert (folder / "KIM Minjun Work-type residence permit renewal 2026-11-22 (2) - Internal memo.pdf").exists()
    assert expected.read_bytes() == b"an older packet"
    assert KIM in PdfReader(io.BytesIO(saved.read_bytes())).pages[0].extract_text()
    assert QSettings().value(LAST_FOLDER_KEY) == str(folder)


def test_without_a_last_folder_the_packet_goes_to_documents(qtbot, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    import_cases(service)
    wizard = open_wizard(qtbot, service)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert wizard.default_path().parent == Path(documents)
    name = wizard.default_path().name  # the internal id never stands as a number of its own (dates hold digits)
    assert "rp_" not in name and re.search(rf"(?<!\d){person_id(service, KIM)}(?!\d)", name) is None


def test_the_wizard_offers_only_the_kinds_that_apply_and_says_why_not(qtbot, service: JuliuService  # type: ignore[no-untyped-def]
                                                                      ) -> None:
    """Issue 10 §2: 张乐, aged 7, is offered the family renewal and the child's PR, not a work permit."""
    import_cases(service)
    page = open_wizard(qtbot, service, "张乐").kind_page
    offered = {page.kind.itemData(i) for i in range(page.kind.count())} - {None}
    assert offered == {"rp_family_renewal", "pr_child"}
    assert "Under 18" in page.not_offered.text() and "外国人工作许可延期" in page.not_offered.text()
    # a filing date after the family permit lapses leaves the renewal out, with its reason
    page.filing_date.setDate(page.filing_date.date().addYears(5))
    offered = {page.kind.itemData(i) for i in range(page.kind.count())} - {None}
    assert "rp_family_renewal" not in offered
    assert "No family-reunion or personal-affairs residence permit" in page.not_offered.text()


def test_the_wizard_offers_a_new_arrivals_first_permit_and_says_why_not_the_others(qtbot, service: JuliuService  # type: ignore[no-untyped-def]
                                                                                    ) -> None:
    """Issue 10 §10: 罗卢卡, aged 10, entered on an S1 visa with his father (a Z visa): the personal-affairs permit
    is offered; the first work-type permit and the change for a new passport are not, each with its reason."""
    import_cases(service)
    wizard = open_wizard(qtbot, service, "罗卢卡")
    page = wizard.kind_page
    offered = {page.kind.itemData(i) for i in range(page.kind.count())} - {None}
    assert offered == {"rp_personal_affairs"}
    assert page.kind.currentData() == "rp_personal_affairs"
    shown = page.not_offered.text()
    assert "工作类居留许可（入境后首次申请）" in shown and "Under 18" in shown
    assert "居留许可变更（换发新护照）" in shown and "nothing to change" in shown
    wizard.next()
    keys = {r.key for r in wizard.checklist_page.model.records()}
    assert {"visa", "birth_certificate", "principal_work_permit"} <= keys


def test_a_worker_who_arrived_weeks_ago_is_not_offered_the_pr_work_routes(qtbot, service: JuliuService  # type: ignore[no-untyped-def]
                                                                          ) -> None:
    """#10: 罗马可 entered on 2026-11-20 with a Z visa and holds a work permit: the first work-type permit is offered,
    the position and salary PR routes are not (3 years' residence cannot be met), each with its reason."""
    import_cases(service)
    page = open_wizard(qtbot, service, "罗马可").kind_page
    offered = {page.kind.itemData(i) for i in range(page.kind.count())} - {None}
    assert "rp_work_first" in offered and not {"pr_position", "pr_salary_tax"} & offered
    shown = page.not_offered.text()
    assert "首次记录的入境距申请日不足3年" in shown and "first recorded entry is less than 3 years" in shown
