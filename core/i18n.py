"""One gettext entry point (`_`) for every user-visible string, backed by babel catalogs in locales/."""
from __future__ import annotations

import gettext as _gettext
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
SUPPORTED = ("en", "zh_CN")

_current: _gettext.NullTranslations = NullTranslations()
_current_locale = "en"


def set_locale(locale: str) -> None:
    """Switch the catalog used by `_`; an unknown or missing catalog falls back to the source strings."""
    global _current, _current_locale
    _current_locale = locale
    _current = Translations.load(str(LOCALES_DIR), [locale], DOMAIN)


def current_locale() -> str:
    return _current_locale


def translations_for(locale: str) -> _gettext.NullTranslations:
    return Translations.load(str(LOCALES_DIR), [locale], DOMAIN)


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)
