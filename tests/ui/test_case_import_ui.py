"""The window's bulk import (issue 15): several case files off the GUI thread with a progress bar, an encrypted one
opened with the passphrase asked first, then the summary dialog (imported / duplicate / refused with the reason),
in English and Chinese; the database holds exactly the imported families."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.i18n import set_locale
from core.services.facade import JuliuService
from tests.conftest import TODAY
from ui.intake.case_import import CaseImportSummaryDialog
from ui.main_window import MainWindow
from ui.shell.file_actions import EXAMPLES


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def finished(qtbot, window: MainWindow) -> CaseImportSummaryDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.file_actions.case_import is not None
                    and window.file_actions.case_import.dialog is not None, timeout=30000)
    assert window.file_actions.case_import is not None
    dialog = window.file_actions.case_import.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_several_files_with_progress_an_encrypted_one_and_a_summary(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                    service: JuliuService, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch):
    source = JuliuService.open(tmp_path / "other", daily_backup=False)  # an encrypted hand-over from another store
    try:
        principal = source.records.import_case(EXAMPLES / "beijing-6x-professional.json")[0]
        sealed = tmp_path / "tan.json.enc"
        source.records.export_case(principal, sealed, "hand-over passphrase")
    finally:
        source.close()
    asked: list[str] = []
    monkeypatch.setattr("ui.intake.case_import.ask", lambda _w, _t, prompt: asked.append(prompt) or
                        "hand-over passphrase")
    files = [EXAMPLES / "shanghai-family.json", sealed, tmp_path / "missing.json", EXAMPLES / "shanghai-family.json"]
    op = window.file_actions.import_case_files(files)
    assert op is not None and op.running
    progress: list[tuple[int, int]] = []
    op.progressed.connect(lambda done, total: progress.append((done, total)))
    assert window.statusBar().findChild(object, "background_progress") is not None  # the bar shows while it runs
    dialog = finished(qtbot, window)
    assert asked == ["tan.json.enc is encrypted. Type its passphrase."]
    assert not op.running and (progress == [] or progress[-1] == (4, 4))
    rows = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
    assert [r[:2] for r in rows] == [["shanghai-family.json", "imported"], ["tan.json.enc", "imported"],
                                     ["missing.json", "refused"], ["shanghai-family.json", "duplicate"]]
    # who came in by name, not by internal id (a walk-through read "applicant 1, 2, 3")
    assert rows[0][2] == "DUBOIS Claire 杜可蕾, ZHANG Wei 张伟, DUBOIS ZHANG Léo 张乐"
    assert "cannot read file" in rows[2][2]
    assert "DUBOIS Claire: the same passport number as stored client 1 DUBOIS Claire" in rows[3][2]
    assert dialog.findChild(object, "summary_line").text() == (
        "Imported 2 of 4 case files; 1 duplicate, 1 refused.")
    names = sorted(a.latin_name for a in service.list_applicants())
    assert names == ["DUBOIS Claire", "DUBOIS ZHANG Léo", "TAN Wei Ming", "ZHANG Wei"]
    assert window.current_applicant() is not None and window.current_applicant().latin_name == "TAN Wei Ming"
    dialog.grab().save(str(tmp_path / "summary-en.png"))


def test_the_summary_in_chinese(qtbot, window: MainWindow, service: JuliuService):  # type: ignore[no-untyped-def]
    service.records.import_case(EXAMPLES / "beijing-6x-professional.json")
    set_locale("zh_CN")
    try:
        window.file_actions.import_case_files([EXAMPLES / "beijing-6x-professional.json",
                                               EXAMPLES / "guangzhou-new-arrivals.json"])
        dialog = finished(qtbot, window)
        assert dialog.windowTitle() == "导入案卷"
        assert [dialog.table.item(r, 1).text() for r in range(2)] == ["重复", "已导入"]
        assert "护照号码与现有客户 1 TAN Wei Ming 相同" in dialog.table.item(0, 2).text()
        assert dialog.findChild(object, "summary_line").text() == "共 2 个案卷文件，已导入 1 个；重复 1 个，拒绝 0 个。"
    finally:
        set_locale("en")
    assert len(service.list_applicants()) == 1 + 4


def test_a_refused_file_names_each_field_by_its_chinese_label(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                             service: JuliuService, tmp_path: Path):
    """Seen before: '$.principal.family_name: required' in the Chinese summary. Each problem now starts with the
    file's name (its folder is in the tool tip), then the record and the field as the dialogs label them, with
    full-width punctuation, one a line, each line shown whole."""
    value = json.loads((EXAMPLES / "beijing-new-passport.json").read_text(encoding="utf-8"))
    value["principal"]["family_name"] = ""
    value["passports"][0]["expiry_date"] = "2027-13-01"
    bad = tmp_path / "坏的案卷.json"
    bad.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    set_locale("zh_CN")
    try:
        window.file_actions.import_case_files([bad])
        dialog = finished(qtbot, window)
        details = dialog.table.item(0, 2).text().splitlines()
        assert details == [
            "坏的案卷.json：主申请人 · 姓（与护照一致）：不能为空",
            "坏的案卷.json：护照第 1 项 · 有效期至：应为有效日期（格式 YYYY-MM-DD），实际为 '2027-13-01'"]
        assert dialog.table.item(0, 0).toolTip() == str(bad)
        # no line cut off: taller than Qt measures with the Latin font (lines with hanzi are drawn taller)
        assert dialog.table.rowHeight(0) >= 1.15 * dialog.table.sizeHintForRow(0)
    finally:
        set_locale("en")
    assert service.list_applicants() == []
