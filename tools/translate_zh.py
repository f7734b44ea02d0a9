"""Sets msgstr entries of locales/zh_CN/LC_MESSAGES/messages.po from the table in tools/zh_CN.tsv.

Workflow (make i18n): pybabel extract -> pybabel update -> this script. The TSV is the source of the
translations: its lines (English msgid <TAB> Chinese msgstr; the last line for a msgid wins) replace what the .po
holds, including the fuzzy guesses `pybabel update` makes, which are never right enough to ship.
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "messages.po"
TSV = ROOT / "tools" / "zh_CN.tsv"


def main() -> int:
    table = {}
    for n, line in enumerate(TSV.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            try:
                en, zh = line.split("\t")
            except ValueError:
                print(f"{TSV}:{n}: expected English<TAB>Chinese", file=sys.stderr)
                return 2
            table[en.replace("\\n", "\n")] = zh.replace("\\n", "\n")
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        plural = isinstance(message.id, tuple | list)  # ngettext: the TSV gives the singular; Chinese has one form
        key = message.id[0] if plural else message.id
        if key in table:
            message.string = (table[key],) if plural else table[key]
            message.flags.discard("fuzzy")
        elif not any(message.string if plural else [message.string]) or "fuzzy" in message.flags:
            message.string = ("",) if plural else ""
            message.flags.discard("fuzzy")
            missing.append(key)
    with PO.open("wb") as fh:
        write_po(fh, catalog, omit_header=False, sort_output=True, no_location=True, width=120)
    for m in missing:
        print(f"untranslated: {m!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
