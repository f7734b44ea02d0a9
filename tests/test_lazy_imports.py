"""Start-up loads only what it uses: the PDF, spreadsheet and calendar libraries load when a PDF, a workbook or an
.ics file is made (issue 15: the window with no clients within 1.5x a bare PySide6 window)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("reportlab", "pypdf", "fontTools", "openpyxl", "icalendar", "PIL")


@pytest.mark.parametrize("module", ["cli", "core.services.facade", "ui.main_window", "ui.app"])
def test_heavy_libraries_are_not_loaded_at_start(module: str) -> None:
    code = (f"import sys, {module}; "
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("module", ["ui.main_window", "ui.app"])
def test_the_window_loads_its_dialogs_and_catalog_reader_when_used(module: str) -> None:
    """The wizard (QtPdf, the MRZ reader), the encryption library and babel's catalog reader (only a Chinese
    interface needs it) stay out of an English start."""
    later = ("PySide6.QtPdf", "ui.filing.filing_wizard", "ui.intake.mrz_panel", "cryptography", "babel.messages",
             "importlib.metadata", "core.services.eligibility",
             # the applicant's tabs (ui/shell/tab_set.py) and the File menu's dialogs load when first shown
             "PySide6.QtCharts", "ui.travel.travel_tab", "ui.records.income_tab", "ui.records.documents_tab",
             "ui.eligibility.applicant_eligibility_tab", "ui.filing.filings_tab",
             "ui.qualifications.qualifications_tab",
             "ui.shell.settings_dialog", "ui.shell.help_dialog", "ui.store.restore_dialog", "ui.intake.case_import",
             "ui.firm.connect_dialog", "core.services.records", "core.exchange.case_batch", "babel.numbers")
    code = f"import sys, {module}; print(sorted(set(sys.modules) & set({later!r})))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"


WINDOW_START = """
import sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
from core.services.facade import JuliuService
from ui.main_window import MainWindow
app = QApplication([])
service = JuliuService.open(Path(tempfile.mkdtemp()), daily_backup=False)
window = MainWindow(service)
window.show()
for _ in range(5):
    app.processEvents()
print(sorted(set(sys.modules) & set(LATER)))
window.close()
service.close()
"""


def test_the_window_with_no_clients_builds_no_tab_and_loads_none_of_their_modules() -> None:
    """Shown and painted, a first-run window (the empty state) has loaded none of the tabs' modules, nor what only
    a client, a write, a firm database or an encrypted store needs (issue 15: within 1.5x a bare PySide6 window)."""
    later = ("PySide6.QtCharts", "ui.travel.travel_tab", "ui.records.income_tab", "ui.records.family_tab",
             "ui.eligibility.applicant_eligibility_tab", "ui.filing.filings_tab", "core.services.travel",
             "ui.shell.settings_dialog", "babel.numbers",
             # fifth pass: no deadlines are computed for nobody (the rules, the record model, the working-day
             # calendar), no settings are read, no undo snapshot is taken, nothing is backed up or re-keyed
             "core.deadlines.items", "core.deadlines.config", "chinese_calendar", "core.records.model",
             "core.records.documents", "core.services.records", "core.exchange.case_batch", "core.packets.next_kind",
             "core.ruledata.loader", "tomllib", "core.about", "core.services.settings",
             "core.services.recovery.changes", "core.storage.recovery.snapshot",
             "core.services.recovery.history_export", "core.services.recovery.backups", "core.storage.recovery.backups",
             "core.storage.sqlite.rekey",
             "core.storage.pg.dialect", "sqlcipher3", "ui.firm.staff_role", "ui.shell.live_refresh",
             "ui.shell.compact_tabs", "core.render.errors", "decimal", "json")
    code = f"LATER = {later!r}\n" + WINDOW_START
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"
