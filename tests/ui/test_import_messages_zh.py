"""The crossings import preview in Chinese (seen in the screenshots as "direction: two entry crossings in a row…"):
each row's problem names its field by the label and reads in Chinese."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.i18n import set_locale
from core.records.identity import Applicant, Crossing, Direction
from core.services.facade import JuliuService
from tests.conftest import TODAY
from ui.main_window import MainWindow
from ui.records.income_tab import certificate_count


def test_the_preview_rows_read_in_chinese(qtbot, service: JuliuService, tmp_path: Path, locale: str) -> None:
    set_locale("zh_CN")
    a = service.save_applicant(Applicant("Tan", "Wei Ming", "陈伟明"))
    assert a.id is not None
    service.save_crossing(a.id, Crossing(dt.date(2024, 1, 3), Direction.ENTRY))
    window = MainWindow(service, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.refresh_applicants(select_id=a.id)
    csv = tmp_path / "出入境.csv"
    csv.write_text("日期,出入境,口岸\n2024-01-05,入境,北京首都机场\n2024-02-01,出境,北京首都机场\n", encoding="utf-8")
    dialog = window.travel.open_import(csv)
    assert dialog is not None
    status = dialog.model.index(0, dialog.model.columnCount() - 1).data()
    assert status.startswith("方向：连续两次入境（已保存的出入境记录：2024-01-03；第 2 行：2024-01-05）"), status
    assert "direction" not in status and "crossings in a row" not in status
    dialog.reject()


def test_the_income_years_count_their_certificates_in_words(locale: str) -> None:
    """Seen in the screenshots: a bare "2" under 证明材料, read as an amount; now 2 份, and — for none."""
    set_locale("zh_CN")
    assert (certificate_count(0), certificate_count(1), certificate_count(2)) == ("—", "1 份", "2 份")
    set_locale("en")
    assert (certificate_count(1), certificate_count(2)) == ("1 document", "2 documents")
