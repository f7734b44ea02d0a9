"""One gettext entry point (`_`) for every user-visible string, backed by the babel catalogs in locales/.

Catalogs are read from the .po files directly (compiled in memory), so a firm can correct a translation by
editing locales/<lang>/LC_MESSAGES/messages.po without a build step.
"""
from __future__ import annotations

import gettext as _gettext
import io
from functools import lru_cache
from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
SUPPORTED = ("en", "zh_CN")

_current: _gettext.NullTranslations = _gettext.NullTranslations()
_current_locale = "en"


@lru_cache(maxsize=8)
def translations_for(locale: str, directory: Path = LOCALES_DIR) -> _gettext.NullTranslations:
    """The catalog for `locale`, or the source strings (English) when there is none."""
    po = directory / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return _gettext.NullTranslations()
    # babel's catalog reader loads only for a language with a catalog (an English start does without it)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def set_locale(locale: str) -> None:
    """Switch the catalog used by `_`."""
    global _current, _current_locale
    _current_locale = locale
    _current = translations_for(locale)


def current_locale() -> str:
    return _current_locale


def _(message: str) -> str:
    return _current.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (gettext's name)
    """Marks `message` for the catalog; whoever shows it translates it with `_` (e.g. a dialog's problem line)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)
