"""Screenshots of the Travel tab (docs/screenshots/travel-*.png) with a realistic history and a Chinese XLSX.

    cd <checkout> && QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_travel_shots.py
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

import openpyxl  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from core.records.identity import Applicant, Crossing, Direction, Passport  # noqa: E402
from core.services.facade import JuliuService  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

TODAY = dt.date(2026, 11, 22)
PORTS = ["北京首都机场 PEK", "上海浦东 PVG", "深圳湾口岸", "罗湖口岸", "广州白云 CAN"]


def history() -> list[tuple[Crossing, Crossing]]:
    """Trips (exit, return) from a Beijing base since 2019-03: business trips, abroad 2020-01 to 2023-07."""
    rng = random.Random(8)
    trips = []
    day = dt.date(2019, 5, 1)
    while day < dt.date(2025, 12, 1):
        if dt.date(2019, 12, 1) <= day < dt.date(2023, 8, 1):
            day = dt.date(2023, 8, 20)
            continue
        length = rng.choice([0, 2, 4, 6, 9, 12])
        port = rng.choice(PORTS)
        back = day + dt.timedelta(days=length)
        trips.append((Crossing(day, Direction.EXIT, dt.time(8, 30), port, "香港出差" if length < 3 else ""),
                      Crossing(back, Direction.ENTRY, dt.time(21, 5) if length == 0 else None, port)))
        day = back + dt.timedelta(days=rng.randint(35, 80))
    trips.append((Crossing(dt.date(2020, 1, 20), Direction.EXIT, None, PORTS[1], "春节回国，因疫情滞留"),
                  Crossing(dt.date(2023, 7, 1), Direction.ENTRY, None, PORTS[1], "")))
    return trips


def stored_history() -> list[Crossing]:
    """The first entry and every trip that does not overlap the spreadsheet's (June-August 2024, 2026)."""
    keep = [c for trip in history() for c in trip
            if not any(dt.date(2024, 6, 1) <= d <= dt.date(2024, 8, 31) or d >= dt.date(2025, 12, 1)
                       for d in (trip[0].date, trip[1].date))]
    return [Crossing(dt.date(2019, 3, 4), Direction.ENTRY, dt.time(15, 40), PORTS[0], "Z visa"), *keep]


def workbook(path: Path) -> Path:
    """2024-2026 trips as a firm's spreadsheet: title row, Chinese headers, Excel dates and times."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["张伟 出入境记录（2024–2026）"])
    sheet.append(["序号", "日期", "时间", "出入境", "口岸", "备注"])
    rows = [(dt.datetime(2024, 7, 1), dt.time(9, 0), "出境", "北京首都机场 PEK", "回国探亲"),
            (dt.datetime(2024, 8, 1), dt.time(18, 30), "入境", "北京首都机场 PEK", ""),
            (dt.datetime(2026, 1, 10), dt.time(7, 45), "出境", "深圳湾口岸", "香港"),
            (dt.datetime(2026, 1, 10), dt.time(22, 10), "入境", "深圳湾口岸", "当天往返"),
            (dt.datetime(2026, 10, 28), dt.time(10, 0), "出境", "上海浦东 PVG", "")]
    for i, row in enumerate(rows, start=1):
        sheet.append([i, *row])
    book.save(path)
    return path


def main() -> None:
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp())
    service = JuliuService.open(work)
    who = service.save_applicant(Applicant("Zhang", "Wei", "张伟", nationality="SGP", city="北京 Beijing"))
    assert who.id is not None
    service.save_passport(Passport(who.id, "K7654321", "SGP", None, dt.date(2031, 5, 4)))
    service.add_crossings(who.id, stored_history())
    service.add_crossings(who.id, [Crossing(dt.date(2027, 3, 15), Direction.ENTRY, None, "上海浦东 PVG", "计划返回",
                                            planned=True)])
    window = MainWindow(service, today=lambda: TODAY)
    window.resize(int(sys.argv[1]) if len(sys.argv) > 1 else 1500, int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    window.show()
    tab = window.travel
    dialog = tab.open_import(workbook(work / "张伟出入境.xlsx"))
    assert dialog is not None
    app.processEvents()
    dialog.grab().save(str(HERE / "travel-import.png"))
    dialog.import_button.click()
    app.processEvents()
    for index, name in enumerate(["per-year", "absences", "rolling", "what-if"]):
        tab.details.setCurrentIndex(index)
        if name == "rolling":
            tab.rolling.end.set_date(dt.date(2026, 6, 30))
            tab.rolling.refresh()
        app.processEvents()
        window.grab().save(str(HERE / f"travel-{name}.png"))
    print(tab.status.text())
    service.close()


if __name__ == "__main__":
    main()
