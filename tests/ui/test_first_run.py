"""A first run that teaches: the empty state's three ways in, tabs disabled until there is an applicant, the File
menu (case files, examples, backup, restore, settings, help), the Settings dialog saved through the service, and
the user guide shown in the window."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from core.i18n import set_locale
from core.records.identity import Applicant
from core.services.facade import JuliuService
from tests.conftest import TODAY
from ui.common.background import BackgroundOp
from ui.intake.case_import import CaseImportSummaryDialog
from ui.main_window import MainWindow
from ui.shell.file_actions import EXAMPLES


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def import_summary(qtbot, window: MainWindow) -> CaseImportSummaryDialog:
    """The import runs on the thread pool; its summary dialog opens when it is done."""
    qtbot.waitUntil(lambda: window.file_actions.case_import is not None
                    and window.file_actions.case_import.dialog is not None, timeout=30000)
    assert window.file_actions.case_import is not None and window.file_actions.case_import.dialog is not None
    dialog = window.file_actions.case_import.dialog
    qtbot.addWidget(dialog)
    return dialog


def test_empty_store_shows_three_ways_in_and_disabled_tabs(window: MainWindow):
    assert window.right.currentWidget() is window.empty_state
    assert set(window.empty_state.buttons) == {"first_add", "first_import", "first_examples"}
    assert all(b.isVisible() for b in window.empty_state.buttons.values())
    assert not window.tabs.isEnabled()
    assert not window.file_actions.actions["export_case"].isEnabled()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_welcome_text_keeps_every_line_on_a_1366x768_laptop(qtbot, service: JuliuService, lang: str):
    """The wrapped paragraphs of the empty state get the height their lines need (at 1366x768 the intro was cut
    to two of its three lines: a wrapped label in a fixed-width column got its one-line size hint)."""
    set_locale(lang)
    try:
        w = MainWindow(service, today=lambda: TODAY)
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        labels = [label for label in w.empty_state.findChildren(QLabel) if label.wordWrap()]
        assert len(labels) == 4  # the intro and the three notes
        for label in labels:
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    finally:
        set_locale("en")


def test_add_applicant_from_the_empty_state_leaves_it(qtbot, window: MainWindow, service: JuliuService):
    window.empty_state.buttons["first_add"].click()
    dialog = next(d for d in window.findChildren(type(window.add_applicant())) if d.isVisible())
    dialog.family_name.setText("Wang")
    dialog.given_names.setText("Li")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert [a.family_name for a in service.list_applicants()] == ["Wang"]
    assert window.right.currentWidget() is not window.empty_state
    assert window.tabs.isEnabled()


def test_open_the_examples_imports_every_example_case(qtbot, window: MainWindow, service: JuliuService):
    expected = sorted(EXAMPLES.glob("*.json"))
    assert len(expected) >= 3
    window.empty_state.buttons["first_examples"].click()
    summary = import_summary(qtbot, window)
    assert summary.isVisible() and summary.table.rowCount() == len(expected)
    assert {summary.table.item(r, 1).text() for r in range(len(expected))} == {"imported"}
    assert len(service.list_applicants()) >= len(expected)  # principals and their dependants
    assert window.right.currentWidget() is not window.empty_state and window.tabs.isEnabled()
    assert window.current_applicant() is not None


def test_import_export_round_trip_through_the_menu(qtbot, window: MainWindow, service: JuliuService, tmp_path: Path,
                                                   monkeypatch):
    window.file_actions.open_examples()
    import_summary(qtbot, window).close()
    chosen = window.current_applicant()
    assert chosen is not None and chosen.id is not None
    out = tmp_path / "case.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(window.file_actions, "export_choice", lambda: "plain")  # the encrypt-or-not question
    window.file_actions.actions["export_case"].trigger()
    assert out.is_file() and chosen.family_name in out.read_text(encoding="utf-8")
    before = len(service.list_applicants())
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    other = EXAMPLES.parent / "nonexistent.json"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(out), str(bad), str(other)], ""))
    window.file_actions.actions["import_case"].trigger()
    summary = import_summary(qtbot, window)
    results = [summary.table.item(r, 1).text() for r in range(3)]
    assert results == ["duplicate", "refused", "refused"]  # the export is the stored family: held back
    assert "the same passport number as stored client" in summary.table.item(0, 2).text()
    assert "not valid JSON" in summary.table.item(1, 2).text()
    assert len(service.list_applicants()) == before  # nothing went in
    assert "Imported 0 of 3 case files; 1 duplicate, 2 refused." in window.statusBar().currentMessage()


@pytest.mark.sqlite_only("a backup copies the SQLite file; a firm backs up with pg_dump")
def test_backup_from_the_menu_is_a_readable_copy(window: MainWindow, service: JuliuService, tmp_path: Path,
                                                 monkeypatch):
    service.save_applicant(Applicant("Smith", "Anna", birth_date=dt.date(1980, 1, 2)))
    target = tmp_path / "copy.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.file_actions.actions["backup"].trigger()
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT family_name FROM applicant").fetchall() == [("Smith",)]


def test_file_menu_lists_every_entry(window: MainWindow):
    menu = window.menuBar().actions()[0].menu()
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    for name in ("import_case", "export_case", "open_examples", "new_packet", "export_summary", "backup", "restore",
                 "settings", "help"):
        assert name in names


def test_settings_dialog_lists_every_setting_and_saves_through_the_service(qtbot, window: MainWindow,
                                                                        service: JuliuService):
    dialog = window.file_actions.open_settings()
    defs = service.setting_defs()
    assert set(dialog.editors) == set(defs)
    for key, d in defs.items():
        detail = dialog.findChild(type(dialog.error), f"detail_{key}").text()
        assert d.provenance.source in detail and str(d.default if not isinstance(d.default, bool) else "") in detail
        if d.note:
            assert d.note in detail
    ints = [k for k, d in defs.items() if d.kind == "int"]
    choices = [k for k, d in defs.items() if d.kind == "choice"]
    key, choice = ints[0], choices[0]
    dialog.set_value(key, defs[key].default + 7)
    other = next(c for c in defs[choice].choices if c != defs[choice].default)
    dialog.set_value(choice, other)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    settings = service.settings()
    assert settings[key] == defs[key].default + 7 and settings[choice] == other
    assert all(settings.is_default(k) for k in defs if k not in (key, choice))
    again = window.file_actions.open_settings()
    assert again.value(key) == defs[key].default + 7  # shows what is stored
    again.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    again.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert all(service.settings().is_default(k) for k in defs)


def test_settings_dialog_in_chinese_shows_chinese_labels(qtbot, service: JuliuService):
    set_locale("zh_CN")
    try:
        w = MainWindow(service, today=lambda: TODAY)
        qtbot.addWidget(w)
        dialog = w.file_actions.open_settings()
        assert dialog.windowTitle() == "设置"
        texts = " ".join(lbl.text() for lbl in dialog.findChildren(type(dialog.error)))
        assert all(d.label_zh in texts for d in service.setting_defs().values())
        assert "默认值" in texts and "依据" in texts
        defs = service.setting_defs().values()
        assert all(d.note_zh in texts and d.note not in texts for d in defs if d.note)  # notes in Chinese too
        assert "另一种解释及说明" in texts
        titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]  # every group named, never its file
        assert "备份与安全" in titles and not any(t.isascii() for t in titles), titles
    finally:
        set_locale("en")


def test_help_shows_the_user_guide_in_the_window(window: MainWindow):
    help_dialog = window.file_actions.open_help()
    assert help_dialog.isVisible()
    text = help_dialog.browser.toPlainText()
    assert "Juliu" in text and "user guide" in text.casefold() and "##" not in text  # rendered, not source
    assert help_dialog.index.count() >= 4
    help_dialog.index.setCurrentRow(2)
    assert "eligib" in help_dialog.browser.toPlainText().casefold()
    assert window.file_actions.actions["help"].shortcut().toString() != ""


def test_help_shows_the_chinese_user_guide_in_the_chinese_interface(qtbot, service: JuliuService):
    set_locale("zh_CN")
    try:
        w = MainWindow(service, today=lambda: TODAY)
        qtbot.addWidget(w)
        help_dialog = w.file_actions.open_help()
        assert Path(help_dialog.index.item(0).data(256)).name == "user-guide.zh_CN.md"
        text = help_dialog.browser.toPlainText()
        assert "用户指南" in text and "您的数据" in text and "Your data" not in text and "##" not in text
        help_dialog.index.setCurrentRow(1)  # an untranslated guide stays in English
        assert Path(help_dialog.index.item(1).data(256)).name == "presence.md"
    finally:
        set_locale("en")


def test_the_chinese_user_guide_follows_the_english_one_section_by_section():
    docs = Path(__file__).resolve().parents[2] / "docs"
    english, chinese = ((docs / name).read_text(encoding="utf-8") for name in ("user-guide.md", "user-guide.zh_CN.md"))
    for mark in ("\n## ", "\n- ", "\n  - ", "`"):  # the same sections, items and commands, in the same number
        assert english.count(mark) == chinese.count(mark), mark
    commands = [line for line in english.split("`")[1::2]]
    assert commands == chinese.split("`")[1::2]


def test_a_first_run_computes_no_deadlines_until_the_first_client_arrives(qtbot, window: MainWindow,
                                                                           service: JuliuService):
    """No clients: the dock holds one line, no table is built and no job goes to the thread pool (issue 15); the
    first client added fills the dock, and the client list builds that client's search text."""
    qtbot.wait(50)
    assert window.deadlines is not None and window.deadlines.findChild(QLabel, "deadlines_empty").isVisible()
    assert window.findChildren(BackgroundOp) == [] and not window.clients.busy
    window.empty_state.buttons["first_add"].click()
    dialog = next(d for d in window.findChildren(type(window.add_applicant())) if d.isVisible())
    dialog.family_name.setText("Wang")
    dialog.given_names.setText("Li")
    dialog.passport_number.setText("E12345678")
    dialog.passport_expiry.set_date(TODAY + dt.timedelta(days=100))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    dashboard = window.deadlines.dashboard
    qtbot.waitUntil(lambda: not dashboard.busy and dashboard.model.rowCount() > 0)
    (wang,) = service.list_applicants()
    assert {i.applicant_id for i in dashboard.model.records()} == {wang.id}
    assert window.deadlines.widget() is dashboard and dashboard.isVisible()
    qtbot.waitUntil(lambda: not window.clients.busy)
    window.clients.search.setText("E12345678")  # the passport number: in the search text built for the new client
    assert [a.id for a in window.applicant_model.records()] == [wang.id]


def test_importing_the_first_clients_fills_the_dock(qtbot, window: MainWindow, service: JuliuService):
    window.empty_state.buttons["first_examples"].click()
    import_summary(qtbot, window)
    assert window.deadlines is not None
    dashboard = window.deadlines.dashboard
    qtbot.waitUntil(lambda: not dashboard.busy and dashboard.model.rowCount() > 0, timeout=30000)
    people = {a.id for a in service.list_applicants()}
    assert {i.applicant_id for i in dashboard.model.records()} <= people
    assert len({i.applicant_id for i in dashboard.model.records()}) > 1
