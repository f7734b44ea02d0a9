"""Letters as data (templates/letters/<id>.toml, issue 10 §7): the submission letter (申请函), the employer's
certification letter (单位证明函) and the employer's recommendation letter (单位推荐函), filled from the records.

A letter goes into a packet where its checklist item applies, or, for a letter the kind lists no item for (the
submission letter), where its `kinds` globs match; then it also gets a checklist row of its own. `{path}` in a
paragraph reads the same values the forms read (applicant.*, passport.*, application.*) plus `letter.*`
(core/packets/records/letter_values.py); a value the records do not hold prints as a line to fill in by hand.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.packets.content import FilledLetter, LetterMark, Text
from core.packets.forms import lookup
from core.packets.kinds.conditions import ALWAYS, Condition
from core.packets.kinds.templates import TEMPLATES_DIR, TemplateReader, load_catalogue
from core.ruledata.loader import Provenance, RulesError, load_toml

LETTERS_DIR = TEMPLATES_DIR / "letters"
MARK_TYPES = ("signature", "seal", "date")
BLANK = "＿＿＿＿＿＿"
ZH_DATE, EN_DATE = "%Y年%m月%d日", "en"  # English dates read "1 July 2019"
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
_LETTER_KEYS = frozenset({"item", "zh", "en", "kinds", "after", "notice_zh", "notice_en", "to_zh", "to_en",
                          "source", "confidence", "effective_from"})


@dataclass(frozen=True)
class Paragraph:
    text: Text
    when: Condition = ALWAYS
    lines: int = 0  # ruled blank lines after it, for what the signer writes


@dataclass(frozen=True)
class Mark:
    type: str
    label: Text
    when: Condition = ALWAYS


@dataclass(frozen=True)
class LetterDef:
    id: str
    item: str
    title: Text
    to: Text
    notice: Text
    kinds: tuple[str, ...]  # globs of kind ids that get the letter even where no checklist item asks for it
    after: str  # where its own checklist row goes: after this item's row ("" = first)
    paragraphs: tuple[Paragraph, ...]
    marks: tuple[Mark, ...]
    provenance: Provenance

    def listed_for(self, kind_id: str) -> bool:
        return any(fnmatch.fnmatchcase(kind_id, pattern) for pattern in self.kinds)


def _text(r: TemplateReader, table: Mapping[str, Any], where: str, zh: str = "zh", en: str = "en") -> Text:
    text = Text(r.get(table, zh, str, where), r.get(table, en, str, where))
    if not text.zh or not text.en:
        raise r.error(where, "a letter prints Chinese with English beneath: both zh and en are needed")
    for part in (text.zh, text.en):
        if re.search(r"[{}]", PLACEHOLDER.sub("", part)):
            raise r.error(where, "braces must enclose a value path, as in {applicant.family_name}")
    return text


def _load(path: Path, item_ids: frozenset[str]) -> LetterDef:
    r = TemplateReader(path, frozenset())
    data = r.table(load_toml(path), "", frozenset({"letter", "paragraphs", "marks"}))
    head = r.table(data.get("letter"), "letter", _LETTER_KEYS)
    item = r.get(head, "item", str, "letter")
    if item not in item_ids:
        raise r.error("letter.item", f"{item!r} is not an item of templates/items.toml")
    paragraphs = []
    for i, raw in enumerate(r.get(data, "paragraphs", list, "")):
        at = f"paragraphs[{i}]"
        table = r.table(raw, at, frozenset({"zh", "en", "when", "lines"}))
        paragraphs.append(Paragraph(_text(r, table, at), r.condition(table, at), r.get(table, "lines", int, at,
                                                                                        default=0)))
    marks = []
    for i, raw in enumerate(r.get(data, "marks", list, "")):
        at = f"marks[{i}]"
        table = r.table(raw, at, frozenset({"type", "zh", "en", "when"}))
        marks.append(Mark(r.get(table, "type", str, at, choices=MARK_TYPES), _text(r, table, at),
                          r.condition(table, at)))
    if not paragraphs or not marks:
        raise r.error("", "a letter needs paragraphs and at least one mark (where it is signed or sealed)")
    return LetterDef(
        id=path.stem, item=item, title=_text(r, head, "letter"), to=_text(r, head, "letter", "to_zh", "to_en"),
        notice=Text(r.get(head, "notice_zh", str, "letter", default=""),
                    r.get(head, "notice_en", str, "letter", default="")),
        kinds=tuple(r.get(head, "kinds", list, "letter", default=[])), after=r.get(head, "after", str, "letter",
                                                                                   default=""),
        paragraphs=tuple(paragraphs), marks=tuple(marks), provenance=Provenance.read(head, path, "letter"))


@functools.lru_cache(maxsize=4)
def load_letters(directory: Path = LETTERS_DIR) -> tuple[LetterDef, ...]:
    """Every letter of templates/letters, in file-name order; RulesError naming the file and key."""
    catalogue, _records = load_catalogue(directory.parent / "items.toml")
    letters = tuple(_load(path, frozenset(catalogue)) for path in sorted(directory.glob("*.toml")))
    items = [letter.item for letter in letters]
    duplicate = next((i for i in items if items.count(i) > 1), None)
    if duplicate:
        raise RulesError(directory, "", f"two letters are the item {duplicate!r}")
    return letters


def _value(value: Any, date_format: str) -> str:
    if isinstance(value, dt.date):
        return value.strftime(date_format) if date_format == ZH_DATE else f"{value.day} {value:%B %Y}"
    return "" if value is None else str(value).strip()


def fill_letter(letter: LetterDef, values: Mapping[str, Any], facts: Mapping[str, object]) -> FilledLetter:
    """The letter with every value in place; a value the records lack is a blank line, counted in `blanks`."""
    blanks = 0

    def fill(text: str, date_format: str) -> str:
        def one(match: re.Match[str]) -> str:
            nonlocal blanks
            found = _value(lookup(values, match.group(1)), date_format)
            blanks += not found and date_format == ZH_DATE
            return found or BLANK
        return PLACEHOLDER.sub(one, text)

    def both(text: Text) -> Text:
        return Text(fill(text.zh, ZH_DATE), fill(text.en, EN_DATE))

    kept = [p for p in letter.paragraphs if p.when.holds(facts)]
    return FilledLetter(
        letter_id=letter.id, item=letter.item, title=letter.title, to=both(letter.to),
        paragraphs=tuple(both(p.text) for p in kept),
        marks=tuple(LetterMark(m.type, m.label) for m in letter.marks if m.when.holds(facts)),
        lines=tuple(p.lines for p in kept), notice=letter.notice, blanks=blanks, sources=(letter.provenance,))


def letters_for(letters: tuple[LetterDef, ...], kind_id: str, items: set[str]) -> list[LetterDef]:
    """The letters of a packet: those whose item applies in its plan, and those its kind is listed for."""
    return [letter for letter in letters if letter.item in items or letter.listed_for(kind_id)]
