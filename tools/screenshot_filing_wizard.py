"""Renders the filing wizard to PNGs: the four pages of 金敏俊's work-RP renewal (Shenzhen) and the checklist of
陈伟明's PR salary-route packet (Beijing), each from its example case imported into a temporary database.

Usage: QT_QPA_PLATFORM=offscreen python tools/screenshot_filing_wizard.py [OUT-FOLDER]
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from core.services.facade import JuliuService  # noqa: E402
from ui.filing.filing_wizard import FilingWizard  # noqa: E402

TODAY = dt.date(2026, 11, 22)
CASES = ROOT / "examples" / "cases"
SHOTS = (("beijing-6x-professional.json", "pr_salary_tax", "beijing"),
         ("shenzhen-work-permit-renewal.json", "rp_work_renewal", "shenzhen"))


def shoot(app: QApplication, service: JuliuService, case: str, kind: str, out: Path) -> None:
    applicant = service.records.import_case(CASES / case)[0]
    wizard = FilingWizard(service, applicant, TODAY)
    wizard.kind_page.kind.setCurrentIndex(wizard.kind_page.kind.findData(kind))
    wizard.show()
    for page in range(4):
        if page:
            wizard.next()
        if page == 3:
            deadline = time.monotonic() + 30
            while wizard.preview_page.result is None and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
            for _ in range(20):  # let QPdfView lay out and draw the first page
                app.processEvents()
                time.sleep(0.02)
        app.processEvents()
        if kind == "rp_work_renewal" or page == 1:
            path = out / f"filing-wizard-{kind}-{page + 1}.png"
            wizard.grab().save(str(path))
            print(path)
    wizard.close()
    del wizard


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        service = JuliuService.open(Path(folder))
        for case, kind, _city in SHOTS:
            shoot(app, service, case, kind, out)
        service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
