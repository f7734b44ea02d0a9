"""Renders the Eligibility tab for the test case 王小明 (tests/ui/eligibility_case.py) to a PNG, offscreen.

Usage: QT_QPA_PLATFORM=offscreen python tools/screenshot_eligibility.py [OUT.png] [FILING-DATE] [PLANNED TRIP]
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.ui.eligibility_case import WANG, evaluator  # noqa: E402
from ui.eligibility_tab import EligibilityWidget  # noqa: E402


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots" / "eligibility-tab.png"
    filing = dt.date.fromisoformat(argv[1]) if len(argv) > 1 else dt.date(2022, 3, 1)
    app = QApplication.instance() or QApplication([])
    widget = EligibilityWidget(today=filing)
    widget.set_heading(f"<b>{WANG.name}</b><br>Beijing · {WANG.nationality}")
    widget.resize(1600, 960)
    if len(argv) > 2:
        widget.planned_trips.setPlainText(argv[2])
    widget.set_evaluator(evaluator())
    widget.expand_route("pr-salary-tax")
    salary = next(i for i, r in enumerate(widget.model.routes()) if r.route == "pr-salary-tax")
    widget.tree.setCurrentIndex(widget.model.index(2, 0, widget.model.index(salary, 0)))
    widget.show()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(out))
    print(out)
    widget.close()
    del widget  # before the application goes away (a segfault at exit otherwise)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
