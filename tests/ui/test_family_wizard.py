"""The filing wizard's family mode (issue 10 §10, as `packet --family`): the principal's family chosen on the first
page, each member's packet and the family's cover built off the GUI thread, previewed, and saved together."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPdf import QPdfDocument

from core.packets.audiences import Audience
from core.services.facade import JuliuService
from tests.core.packet_cases import import_cases
from tests.core.packets.test_new_kinds import CHUA, KAI, LIM, PR_DAY
from tests.ui.test_filing_wizard import KIM, open_wizard
from ui.filing.filing_wizard import LAST_FOLDER_KEY
from ui.filing.packet_files import COVER


def text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_wizard_builds_and_saves_a_family_filing_together(qtbot, service: JuliuService,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    import_cases(service)
    QSettings().setValue(LAST_FOLDER_KEY, str(tmp_path))
    wizard = open_wizard(qtbot, service, LIM)
    page = wizard.kind_page
    page.kind.setCurrentIndex(page.kind.findData("pr_salary_tax"))
    assert page.day() == PR_DAY and page.family.isEnabled()  # the date of the filing being prepared
    page.family.setChecked(True)
    wizard.next()
    assert [(m.relation, m.kind) for m in wizard.family_members] == [
        ("principal", "pr_salary_tax"), ("spouse", "pr_dependant"), ("child", "pr_dependant")]
    assert wizard.prepared is wizard.family_members[0].prepared  # the checklist shown is the principal's
    wizard.next()
    shown = [f.message.en for f in wizard.preflight_page.model.records()]
    spouse = wizard.family_members[1]
    assert spouse.prepared is not None and spouse.prepared.content.findings  # her findings follow, named
    assert [m for m in shown if m.startswith(f"{spouse.name}: ")] == [
        f"{spouse.name}: {f.message.en}" for f in spouse.prepared.content.findings]
    assert len(shown) == sum(len(m.prepared.content.findings) for m in wizard.family_members if m.prepared)
    wizard.next()

    preview = wizard.preview_page
    finish = wizard.button(wizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: finish.isEnabled(), timeout=60000)
    assert preview.family is not None and preview.member.isVisibleTo(wizard)
    assert [preview.member.itemData(i) for i in range(preview.member.count())] == [COVER, 0, 1, 2]
    assert preview.member.currentData() == 0 and preview.audience.currentData() == "officer"
    assert "10 files beginning “LIM Jun Hao " in preview.target.text()  # the names in the tooltip
    assert len(preview.target.toolTip().splitlines()) == 10 and "Family cover.pdf" in preview.target.toolTip()
    preview.member.setCurrentIndex(preview.member.findData(COVER))
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=5000)
    assert preview.document.pageCount() == preview.family.cover.pages
    preview.member.setCurrentIndex(preview.member.findData(2))  # the son's client to-do list
    preview.audience.setCurrentIndex(preview.audience.findData("client"))
    assert preview.result is preview.family.results(2)[Audience.CLIENT]

    finish.click()
    assert not wizard.isVisible()
    saved = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert len(saved) == 10  # the cover, and three sets for each of the three
    (cover,) = [p for p in saved if p.endswith(" - Family cover.pdf")]
    assert cover.startswith("LIM Jun Hao ")
    for words in ("家庭成员随同申请", CHUA, KAI, "配偶", "子女"):
        assert words in text(tmp_path / cover)
    (son,) = [p for p in saved if KAI in p and p.endswith(" - Filing set.pdf")]
    assert "监护人签名" in text(tmp_path / son)
    assert [p for p in saved if CHUA in p and p.endswith(" - Internal memo.pdf")]


def test_family_filing_is_offered_only_to_a_principal_with_family(qtbot, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    import_cases(service)
    kim = open_wizard(qtbot, service, KIM)  # no family recorded
    kim.kind_page.kind.setCurrentIndex(kim.kind_page.kind.findData("pr_salary_tax"))
    assert not kim.kind_page.family.isEnabled()
    kim.close()
    chua = open_wizard(qtbot, service, CHUA)  # the spouse files with the principal, not the other way
    page = chua.kind_page
    assert page.kind.findData("pr_dependant") >= 0
    page.kind.setCurrentIndex(page.kind.findData("pr_dependant"))
    assert not page.family.isEnabled() and not page.family.isChecked()
