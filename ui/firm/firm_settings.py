"""What this person's settings keep about the firm database: its URL (never the password; the connect dialog saves
it) and whether the window opens it at start (File > Use the local file instead turns that off). Only QSettings
here, so the window's start loads no dialog."""
from __future__ import annotations

from PySide6.QtCore import QSettings

URL_KEY = "firm/url"
AT_START_KEY = "firm/open_at_start"


def saved_firm_url(store: QSettings) -> str:
    """The URL the connect dialog saved (no password); blank when none."""
    return str(store.value(URL_KEY, "") or "")


def firm_at_start(store: QSettings) -> str | None:
    """The saved firm database when the window should open it at start; None: the local file."""
    url = saved_firm_url(store)
    return url if url and store.value(AT_START_KEY, False, type=bool) else None


def set_firm_at_start(store: QSettings, on: bool) -> None:
    store.setValue(AT_START_KEY, on)
    store.sync()
