"""Renders the main window's Eligibility tab for 陈伟明 (examples/cases/beijing-6x-professional.json) to a PNG.

The example case is imported into a temporary database; the salary route is expanded and its first wage row
selected, so the details line shows the explanation. Offscreen; `today` is fixed for a reproducible picture.

Usage: QT_QPA_PLATFORM=offscreen python tools/screenshot_eligibility.py [OUT.png] [FILING-DATE] [PLANNED TRIP]
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QAbstractItemView, QApplication  # noqa: E402

from core.services.facade import JuliuService  # noqa: E402
from ui.eligibility.applicant_eligibility_tab import EligibilityTab  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

TODAY = dt.date(2026, 11, 22)
CASE = ROOT / "examples" / "cases" / "beijing-6x-professional.json"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots" / "eligibility-tab.png"
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        service = JuliuService.open(Path(folder))
        (tan,) = service.records.import_case(CASE)
        window = MainWindow(service, today=lambda: TODAY)
        window.resize(1700, 1000)
        window.refresh_applicants(select_id=tan)
        tab = next(t for t in window.applicant_tabs if isinstance(t, EligibilityTab))
        window.tabs.setCurrentWidget(tab)
        window.show()
        if len(argv) > 1:
            tab.filing_date.setText(argv[1])
        if len(argv) > 2:
            tab.planned_trips.setPlainText(argv[2])
        tab.recompute()
        tab.expand_route("pr-salary-tax")
        salary = next(i for i, r in enumerate(tab.model.routes()) if r.route == "pr-salary-tax")
        wage = next(i for i, c in enumerate(tab.model.route(salary).criteria) if c.id.startswith("wage_6x"))
        app.processEvents()
        tab.tree.scrollTo(tab.model.index(salary, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        tab.tree.setCurrentIndex(tab.model.index(wage, 0, tab.model.index(salary, 0)))
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out))
        print(out)
        window.close()
        service.close()
        del window, tab  # before the application goes away (a segfault at exit otherwise)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
