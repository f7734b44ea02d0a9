"""Chinese line breaking: a property test against the rules themselves, and the cases a reader notices."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from core.render.cjk_text import CANNOT_END, CANNOT_START, _segments, break_cjk_lines
from core.render.fonts import register_fonts

ALPHABET = "居留申请人护照有效期中国北京上海 abcXYZ-0123456789，。、；：？！）》」』（《「『,.;:?!()"
FONT = register_fonts(ALPHABET).regular
SIZE = 9.0


def _visible(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=80), width=st.floats(min_value=4, max_value=240))
def test_breaks_follow_the_punctuation_rules_and_keep_the_text(text: str, width: float) -> None:
    lines = break_cjk_lines(text, FONT, SIZE, width)
    assert _visible("".join(lines)) == _visible(text)
    for line in lines[1:]:
        assert line and line[0] not in CANNOT_START, lines
    for line in lines[:-1]:
        assert line[-1] not in CANNOT_END, lines
    for line in lines:
        # A line may only overflow when no break inside it is allowed at all.
        if stringWidth(line, FONT, SIZE) > width + 0.01:
            assert len(_segments(list(line))) == 1, (line, width)


def test_closing_punctuation_after_a_space_stays_on_the_line_before() -> None:
    width = stringWidth("中国北京 abc", FONT, SIZE)
    lines = break_cjk_lines("中国北京 abc ，上海", FONT, SIZE, width)
    assert all(not line.startswith("，") for line in lines), lines
    assert any(line.endswith("abc ，") or "abc ，" in line for line in lines), lines


def test_a_run_of_closing_marks_hangs_together() -> None:
    width = stringWidth("护照有效期", FONT, SIZE)
    lines = break_cjk_lines("护照有效期（中国）。》北京", FONT, SIZE, width)
    assert all(line[0] not in CANNOT_START for line in lines[1:]), lines
    assert all(line[-1] not in CANNOT_END for line in lines[:-1]), lines
    assert "".join(lines) == "护照有效期（中国）。》北京"


def test_explicit_newlines_start_new_lines() -> None:
    assert break_cjk_lines("中国\n北京", FONT, SIZE, 500) == ["中国", "北京"]
