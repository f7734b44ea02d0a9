"""What the window remembers between runs (QSettings in the platform's config folder): geometry, last applicant."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QMainWindow

ICON = Path(__file__).resolve().parents[1] / "icons" / "juliu.png"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_LAST_APPLICANT = "window/last_applicant"


def app_icon() -> QIcon:
    return QIcon(str(ICON))


def settings() -> QSettings:
    return QSettings("Juliu", "Juliu")


def restore_geometry(window: QMainWindow, store: QSettings) -> bool:
    """Put the window back where it was; False when nothing was saved or the screen has changed too much."""
    geometry, state = store.value(_GEOMETRY), store.value(_STATE)
    restored = bool(geometry) and window.restoreGeometry(geometry)
    if state:
        window.restoreState(state)
    return restored


SMALL_SCREEN_WIDTH = 1500  # px: below this the window takes the whole width, else the applicant's tabs scroll


def start_size(current: QSize, area: QRect) -> QSize:
    """The first size on `area` (the screen's available geometry), when no saved geometry: large enough for the
    tabs and the deadlines dock, 90% of a large screen, the whole width of a small one (a 1366x768 laptop: at 90%
    the English tab titles would not fit, issue 15), never larger than the screen."""
    share = 1.0 if area.width() < SMALL_SCREEN_WIDTH else 0.9
    width = max(current.width(), int(area.width() * share))
    height = max(current.height(), int(area.height() * 0.9))
    return QSize(min(width, area.width()), min(height, area.height()))


def save_window(window: QMainWindow, store: QSettings, applicant_id: int | None) -> None:
    store.setValue(_GEOMETRY, window.saveGeometry())
    store.setValue(_STATE, window.saveState())
    if applicant_id is None:
        store.remove(_LAST_APPLICANT)
    else:
        store.setValue(_LAST_APPLICANT, int(applicant_id))
    store.sync()


def last_applicant(store: QSettings) -> int | None:
    value = store.value(_LAST_APPLICANT)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def add_bundled_fonts() -> list[str]:
    """A bundle's CJK font for the window, only on a computer with no Chinese font of its own."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return []
    from core.about import bundled_font_files  # only on a computer without a Chinese font

    families: list[str] = []
    for path in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QGuiApplication.font()
        font.setFamilies([font.family(), *families])
        QGuiApplication.setFont(font)
    return families


STAFF_NAME = "staff/name"


def staff_name(store: QSettings) -> str:
    """The name this person's changes are recorded under (Settings: "Your name"); "" for the OS user."""
    return str(store.value(STAFF_NAME, "") or "").strip()


def set_staff_name(store: QSettings, name: str) -> None:
    store.setValue(STAFF_NAME, name.strip())
