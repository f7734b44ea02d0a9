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
             "importlib.metadata", "core.services.eligibility")
    code = f"import sys, {module}; print(sorted(set(sys.modules) & set({later!r})))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"
