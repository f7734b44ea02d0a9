"""One search text per client: names in Latin and Chinese script, the Chinese name in pinyin (full and initials),
passport and permit numbers, employers; folded so that "smith", "SMITH", "Müller"/"muller", "wang", "wxm" and
"王" all find their client."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from core.records.identity import Applicant


def fold(text: str) -> str:
    """Case and accents folded, spaces and hyphens dropped (what is typed and what is searched, alike)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in " -‐'’·")


def pinyin_forms(chinese: str) -> tuple[str, str]:
    """(full pinyin without tones, initials) of a Chinese name; pypinyin loads on first use (0.4 s)."""
    if not any("\u3400" <= ch <= "\u9fff" for ch in chinese):
        return "", ""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(chinese)
    return "".join(syllables), "".join(s[:1] for s in lazy_pinyin(chinese, style=Style.FIRST_LETTER))


def search_text(a: Applicant, numbers: Iterable[str] = (), employers: Iterable[str] = ()) -> str:
    """Everything a client can be found by, folded, separated by a character nobody types."""
    full, initials = pinyin_forms(a.chinese_name)
    parts = [a.family_name, a.given_names, f"{a.family_name}{a.given_names}", f"{a.given_names}{a.family_name}",
             a.chinese_name, full, initials, *numbers, *employers]
    return "\x1f".join(fold(p) for p in parts if p)


def matches(text: str, query: str) -> bool:
    """Every word of the query occurs in the search text."""
    return all(fold(word) in text for word in query.split())
