"""gettext catalogs: the shipped zh_CN catalog translates, unknown locales fall back to the source strings."""
from __future__ import annotations

from pathlib import Path

from core import i18n


def test_po_file_is_used_without_compiling(tmp_path: Path):
    po = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Year"\nmsgstr "Année"\n', encoding="utf-8")
    assert i18n.translations_for("fr", tmp_path).gettext("Year") == "Année"
    assert i18n.translations_for("xx", tmp_path).gettext("Year") == "Year"


def test_set_locale_switches_and_restores():
    try:
        i18n.set_locale("zh_CN")
        assert i18n._("Year") == "年份"
    finally:
        i18n.set_locale("en")
    assert i18n._("Year") == "Year"
