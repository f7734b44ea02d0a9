"""Screenshots of the main window at laptop and desktop sizes, in English and Chinese, with the example cases:
`python tools/screenshot_window.py OUT_DIR` (offscreen). The set kept in docs/screenshots/ is made this way."""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from core.i18n import set_locale  # noqa: E402
from core.services.facade import JuliuService  # noqa: E402
from ui.app import install_qt_translator  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
TABS = {"travel": 0, "documents": 2, "eligibility": 6}
TODAY = dt.date(2026, 11, 22)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    for lang in ("en", "zh_CN"):
        set_locale(lang)
        translator = install_qt_translator(app, lang)  # type: ignore[arg-type]
        empty = JuliuService.open(Path(tempfile.mkdtemp()))
        service = JuliuService.open(Path(tempfile.mkdtemp()))
        for case in sorted((ROOT / "examples" / "cases").glob("*.json")):
            service.records.import_case(case)
        for size, (width, height) in SIZES.items():
            first = MainWindow(empty, today=lambda: TODAY)
            first.resize(width, height)
            first.show()
            app.processEvents()
            first.grab().save(str(out / f"window-first-run-{size}-{lang}.png"))
            first.close()
            window = MainWindow(service, today=lambda: TODAY)
            window.resize(width, height)
            window.show()
            print(f"{lang} {size}: minimum {window.minimumSizeHint().width()}x{window.minimumSizeHint().height()}")
            for name, index in TABS.items():
                window.tabs.setCurrentIndex(index)
                for _ in range(3):
                    app.processEvents()
                window.grab().save(str(out / f"window-{name}-{size}-{lang}.png"))
            window.close()
        if translator is not None:
            app.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "shots")))
