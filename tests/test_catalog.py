"""Every user-visible string of ui/ and core/ is in the Chinese catalog: extracted here as `make i18n` does
(babel, the keywords `_`, `ngettext` and `N_`), each must have a zh_CN translation in locales/."""
from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "messages.po"
METHOD_MAP = [("**.py", "python")]


def extracted(folder: str) -> dict[str, str]:
    """msgid -> where it is used, for one top-level folder."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(ROOT / folder, METHOD_MAP):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"{folder}/{filename}:{lineno}")
    return found


def translated() -> dict[str, str]:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    table = {}
    for m in catalog:
        if m.id:
            key = m.id[0] if isinstance(m.id, tuple | list) else m.id
            text = m.string[0] if isinstance(m.string, tuple | list) else m.string
            if text and "fuzzy" not in m.flags:
                table[str(key)] = str(text)
    return table


def test_every_string_of_ui_and_core_has_a_chinese_translation() -> None:
    have = translated()
    missing = [f"{where}: {msgid!r}" for folder in ("ui", "core")
               for msgid, where in sorted(extracted(folder).items()) if msgid not in have]
    assert missing == [], "run `make i18n` after adding the translations to tools/zh_CN.tsv:\n" + "\n".join(missing)


def test_the_check_sees_a_missing_translation(tmp_path: Path) -> None:
    (tmp_path / "new.py").write_text('from core.i18n import _\n_("A sentence nobody translated yet")\n')
    found = {m[2] for m in extract_from_dir(tmp_path, METHOD_MAP)}
    assert found == {"A sentence nobody translated yet"} and not found & set(translated())
