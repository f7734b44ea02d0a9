"""Who changed what, in the window: "Your name" in Settings names this person's changes; the history lists them with
the client's name, translated record and field labels and old → new values, and exports them as CSV."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from core.i18n import set_locale
from core.records.background import MaritalStatus, PersonDetails, ResumePeriod
from core.records.identity import Applicant, Crossing, Direction
from core.records.model import Document, DocumentKind, Filing, FilingKind, IncomeYear
from core.services.facade import JuliuService
from tests.conftest import TODAY
from tests.ui.helpers import type_text
from ui.main_window import MainWindow
from ui.shell.file_actions import EXAMPLES
from ui.shell.window_state import settings as window_settings
from ui.shell.window_state import staff_name

SHOTS = os.environ.get("JULIU_SCREENSHOT_DIR")


@pytest.fixture
def window(qtbot, service: JuliuService) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(w)
    w.show()
    return w


def test_your_name_in_settings_names_your_changes(window: MainWindow, service: JuliuService) -> None:
    person = service.save_applicant(Applicant("Wang", "Fang", "王芳"))
    dialog = window.file_actions.open_settings()
    assert dialog.staff_name.text() == "" and dialog.staff_name.placeholderText()  # the OS user until set
    type_text(dialog.staff_name, "Ann Lee")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible() and staff_name(window_settings()) == "Ann Lee"
    service.save_applicant(dataclasses.replace(person, city="Beijing"))
    assert service.history(person.id)[0].who == "Ann Lee"
    again = window.file_actions.open_settings()
    assert again.staff_name.text() == "Ann Lee"  # remembered for this person, on this computer
    again.reject()


def test_the_history_reads_as_people_say_it_and_exports_csv(window: MainWindow, service: JuliuService,
                                                            monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                            locale: str) -> None:
    service.set_staff_name("Ann Lee")
    person = service.save_applicant(Applicant("Wang", "Fang", "王芳", city="Tianjin"))
    assert person.id is not None
    service.set_staff_name("Bo Chen")
    service.save_applicant(dataclasses.replace(person, chinese_name="王方", city="Beijing"))
    window.refresh_applicants(select_id=person.id)
    for lang in ("en", "zh_CN"):
        set_locale(lang)
        dialog = window.file_actions.open_history()
        model = dialog.model
        newest = [model.data(model.index(0, c)) for c in range(model.columnCount())]
        assert newest[1] == "Bo Chen" and newest[2] == "WANG Fang 王方"
        if lang == "en":
            assert newest[3] == "Person 人员"
            assert newest[5] == "Chinese name 中文姓名: 王芳 → 王方; City: Tianjin → Beijing"
        else:
            assert newest[3] == "人员" and newest[5] == "中文姓名：王芳 → 王方；城市：Tianjin → Beijing"
        assert "version" not in newest[5] and str(person.id) not in newest[2]
        if SHOTS:
            dialog.resize(1100, 360)
            dialog.grab().save(str(Path(SHOTS) / f"history-{lang}.png"))
        dialog.close()
    set_locale("en")
    dialog = window.file_actions.open_history()
    target = tmp_path / "wang.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    dialog.history_buttons["export_history"].click()
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {(r["who"], r["field"], r["after"]) for r in rows if r["action"] == "update"} == {
        ("Bo Chen", "chinese_name", "王方"), ("Bo Chen", "city", "Beijing")}
    assert {r["client"] for r in rows} == {"WANG Fang 王方"} and "2" in told[0]


def test_every_record_kind_and_stored_choice_reads_in_chinese(window: MainWindow, service: JuliuService,
                                                             locale: str) -> None:
    """Background, CV and filing rows: the record, each field and each stored choice by its label, never the
    column or the stored value (issue 15: seen as residence_period, organisation, preparing in the screenshots)."""
    person = service.save_applicant(Applicant("Tan", "Wei Ming", "陈伟明"))
    assert person.id is not None
    service.personal.save_details(PersonDetails(person.id, birth_place="SINGAPORE", phone="+86 138",
                                                marital_status=MaritalStatus.MARRIED, contact_name="Lim"))
    service.personal.save_resume(ResumePeriod(person.id, "National University of Singapore", place="新加坡"))
    service.records.save_filing(Filing(person.id, FilingKind.PR_APPLICATION, "北京"))
    window.refresh_applicants(select_id=person.id)
    set_locale("zh_CN")
    dialog = window.file_actions.open_history()
    model = dialog.model
    rows = {model.data(model.index(r, 3)): model.data(model.index(r, 5)) for r in range(model.rowCount())}
    assert {"个人信息", "个人简历", "申请"} <= set(rows), rows
    assert "出生地：SINGAPORE" in rows["个人信息"] and "婚姻状况：已婚" in rows["个人信息"]
    assert "紧急联系人：Lim" in rows["个人信息"] and "单位或学校：National University" in rows["个人简历"]
    assert "申请种类：永久居留申请" in rows["申请"] and "准备中" in rows["申请"] and "证件种类" not in rows["申请"]
    text = " ".join(rows.values())
    for raw in ("birth_place", "marital_status", "organisation", "married", "pr_application", "preparing"):
        assert raw not in text, raw
    dialog.close()


def test_links_order_and_flags_read_as_records_not_ids(window: MainWindow, service: JuliuService,
                                                       locale: str) -> None:
    """Seen in the Chinese screenshot: 收入年度: 10; 证件材料: 62; 职务: 1 for an income certificate, ids for the
    document an apostille certifies, 0 for a crossing's planned flag, a degree's level as 'bachelor'. Each link
    now names its record, the certificate's place in its list is its order, flags read yes/no, and the
    separators are full-width in Chinese."""
    person = service.save_applicant(Applicant("Tan", "Wei Ming", "陈伟明"))
    assert person.id is not None
    tax, _w = service.records.save_document(Document(person.id, DocumentKind.TAX_CERTIFICATE, "TAX-2025-7"))
    degree, _w = service.records.save_document(Document(person.id, DocumentKind.DEGREE, "NUS-BS-09",
                                                        subtype="bachelor"))
    apostille, _w = service.records.save_document(Document(person.id, DocumentKind.APOSTILLE, "AP-1"))
    service.records.save_document(dataclasses.replace(apostille, related_id=degree.id))
    assert tax.id is not None
    service.records.save_income(IncomeYear(person.id, 2025, Decimal("500000"), Decimal("80000"),
                                           certificate_ids=(tax.id,)))
    service.save_crossing(person.id, Crossing(dt.date(2025, 3, 1), Direction.ENTRY))
    window.refresh_applicants(select_id=person.id)
    set_locale("zh_CN")
    dialog = window.file_actions.open_history()
    model = dialog.model
    rows: dict[tuple[str, str], str] = {}
    every = []
    for r in range(model.rowCount()):
        every.append(model.data(model.index(r, 5)))
        rows.setdefault((model.data(model.index(r, 3)), model.data(model.index(r, 4))), every[-1])
    assert rows[("收入证明", "新增")] == \
        "收入年度：2025；证件材料：IIT payment certificate 个人所得税完税证明 TAX-2025-7；顺序：1"
    assert rows[("证件材料", "修改")].startswith("所认证文件：— → ") and "NUS-BS-09" in rows[("证件材料", "修改")]
    assert "计划行程（仅用于预测）：否" in rows[("出入境记录", "新增")]
    assert any(text.startswith("证件种类：Degree / diploma 学历学位证书；类型/类别：学士；") for text in every), every
    text = " ".join(every)
    assert ": " not in text and "; " not in text and "bachelor" not in text
    set_locale("en")
    dialog.close()


def test_every_column_title_shows_whole(qtbot, window: MainWindow, service: JuliuService,  # type: ignore[no-untyped-def]
                                        locale: str) -> None:
    """Seen in the English screenshot: 'Who …' (the columns fitted to a dialog too narrow for the titles)."""
    (person,) = service.records.import_case(EXAMPLES / "beijing-6x-professional.json")
    window.refresh_applicants(select_id=person)
    dialog = window.file_actions.open_history()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # the columns are fitted once the table has its width
    header = dialog.view.horizontalHeader()
    metrics = header.fontMetrics()
    cut = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(dialog.model.columnCount())
           if header.sectionSize(c) < metrics.horizontalAdvance(dialog.model.headerData(c, Qt.Orientation.Horizontal))]
    assert cut == []
    dialog.close()
