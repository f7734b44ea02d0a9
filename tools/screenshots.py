"""Screenshots of every screen, in English and Chinese, regenerated offscreen from the example cases (issue 15):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [OUT_DIR]      # default docs/screenshots

- the main window at 1366x768 and 1920x1080: the first run (no clients) and each of the applicant's tabs, with
  陈伟明 (examples/cases/beijing-6x-professional.json) selected: window-<tab>-<size>-<lang>.png;
- each dialog over the 1366x768 window, at the size it opens with: every "Add…" dialog of every tab, the applicant
  (new, with the MRZ panel, and edit), the crossings import preview, settings, the user guide, About, the history,
  restore and the firm connection: dialog-<name>-<lang>.png;
- the filing wizard's pages (the kind the next deadline calls for): wizard-<n>-<lang>.png.

PNG with a 256-colour palette (Pillow), a few tens of kB each. `today` is fixed so the pictures are reproducible.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QIODevice  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget  # noqa: E402

from core.i18n import set_locale  # noqa: E402
from core.services.facade import JuliuService  # noqa: E402
from ui.app import install_qt_translator  # noqa: E402
from ui.main_window import TABS, MainWindow  # noqa: E402

SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
TODAY = dt.date(2026, 11, 22)
CASES = ROOT / "examples" / "cases"
SHOWN = "beijing-6x-professional.json"  # 陈伟明: travel, documents, employment, income, filings, eligibility
CROSSINGS = "日期,出入境,口岸\n2024-01-05,入境,北京首都机场\n2024-02-01,出境,北京首都机场\n2024-02-20,入境,上海浦东\n"


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, path: Path) -> None:
    """The widget as a palette PNG (text stays sharp; a quarter of the size of Qt's own PNG)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(path)


def opened_dialog(before: set[int]) -> QDialog | None:
    """The dialog that the last click opened (a visible top-level dialog that was not there before)."""
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QDialog) and w.isVisible() and id(w) not in before]
    return found[-1] if found else None


def shoot_dialog(app: QApplication, name: str, lang: str, out: Path, open_it: Callable[[], object]) -> None:
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    open_it()
    settle(app, 0.15)
    dialog = opened_dialog(before)
    if dialog is None:
        print(f"no dialog opened for {name}", file=sys.stderr)
        return
    save(dialog, out / f"dialog-{name}-{lang}.png")
    dialog.reject()
    settle(app, 0.05)


def window_shots(app: QApplication, service: JuliuService, empty: JuliuService, lang: str, out: Path) -> None:
    for size, (width, height) in SIZES.items():
        first = MainWindow(empty, today=lambda: TODAY)
        first.resize(width, height)
        first.show()
        settle(app)
        save(first, out / f"window-first-run-{size}-{lang}.png")
        first.close()
        window = MainWindow(service, today=lambda: TODAY)
        window.resize(width, height)
        window.show()
        window.refresh_applicants(select_id=shown_id(service))
        settle(app, 1.0)  # the deadlines, off the GUI thread
        for index, (name, *_rest) in enumerate(TABS):
            window.tabs.setCurrentIndex(index)
            settle(app, 0.6 if name == "eligibility" else 0.2)
            save(window, out / f"window-{name}-{size}-{lang}.png")
        window.close()


def shown_id(service: JuliuService) -> int:
    return next(a.id for a in service.list_applicants() if a.chinese_name == "陈伟明" and a.id is not None)


def dialog_shots(app: QApplication, service: JuliuService, lang: str, out: Path, folder: Path) -> None:
    window = MainWindow(service, today=lambda: TODAY)
    window.resize(*SIZES["1366x768"])
    window.show()
    window.refresh_applicants(select_id=shown_id(service))
    settle(app, 0.5)
    shoot_dialog(app, "applicant-new", lang, out, window.add_applicant)
    shoot_dialog(app, "applicant-edit", lang, out, window.edit_applicant)
    for tab in window.applicant_tabs:
        window.tabs.setCurrentWidget(tab)
        settle(app, 0.1)
        for button in tab.findChildren(QPushButton):
            name = button.objectName()
            if (name.startswith("add_") or name == "edit_details") and button.isVisible() and button.isEnabled():
                shoot_dialog(app, name.removeprefix("add_").replace("_", "-"), lang, out, button.click)
    csv = folder / "出入境.csv"
    csv.write_text(CROSSINGS, encoding="utf-8")
    window.tabs.setCurrentWidget(window.travel)
    shoot_dialog(app, "crossings-import", lang, out, lambda: window.travel.open_import(csv))
    actions = window.file_actions
    for name, open_it in (("settings", actions.open_settings), ("help", actions.open_help),
                          ("about", window.show_about), ("history", actions.open_history),
                          ("restore", actions.restore_backup), ("connect-firm", actions.open_firm_connect)):
        shoot_dialog(app, name, lang, out, open_it)
    wizard = window.open_filing_wizard()
    assert wizard is not None
    for page in range(4):
        if page:
            wizard.next()
        settle(app, 0.3)
        if page == 3:
            deadline = time.monotonic() + 60
            while wizard.preview_page.result is None and time.monotonic() < deadline:
                settle(app, 0.1)
            settle(app, 0.5)  # QPdfView lays out and draws the first page
        save(wizard, out / f"wizard-{page + 1}-{lang}.png")
    wizard.reject()
    window.close()


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    for lang in ("en", "zh_CN"):
        set_locale(lang)
        translator = install_qt_translator(app, lang)
        with tempfile.TemporaryDirectory() as base:
            folder = Path(base)
            empty = JuliuService.open(folder / "empty")
            service = JuliuService.open(folder / "firm")
            for case in sorted(CASES.glob("*.json")):
                service.records.import_case(case)
            window_shots(app, service, empty, lang, out)
            dialog_shots(app, service, lang, out, folder)
            settle(app, 0.5)
            empty.close()
            service.close()
        if translator is not None:
            app.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
