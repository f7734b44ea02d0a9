"""A bad-input line on the CLI names the option in the interface language (core.errors.Problem): English
'input: --out: …', Chinese '输入错误：--out：…'; a file's problem keeps 'file:line: field:' and words its message."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import InputError, Problem
from core.i18n import set_locale
from tests.cli.test_cli import run


@pytest.fixture()
def restore_language() -> Iterator[None]:
    try:
        yield
    finally:
        set_locale("en")


@pytest.mark.parametrize("lang,expected", [("en", "input: --out: is required to build a PDF\n"),
                                           ("zh_CN", "输入错误：--out：生成 PDF 时为必填项\n")])
def test_a_missing_option_is_named_in_the_interface_language(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             restore_language: None, lang: str, expected: str):
    code, out, err = run(["--data-dir", str(tmp_path), "--lang", lang, "packet", "--applicant", "1"], capsys)
    assert (code, out, err) == (2, "", expected)


def test_a_bad_crossings_file_reads_chinese_after_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           restore_language: None):
    path = tmp_path / "c.csv"
    path.write_text("date,direction\n2023-01-01,sideways\n2023-01-02,entry\n", encoding="utf-8")
    code, _out, err = run(["--data-dir", str(tmp_path), "--lang", "zh_CN", "presence", str(path)], capsys)
    assert code == 2 and err == f"{path}:2: direction: 应为“入境”或“出境”（entry/exit），实际为 'sideways'\n"


def test_typed_input_without_a_field_has_the_prefix_too(restore_language: None):
    set_locale("zh_CN")
    assert str(InputError([Problem("", None, "", "不是有效日期")])) == "输入错误：不是有效日期"
    assert str(Problem("a.csv", 3, "date", "x")) == "a.csv:3: date: x"
    set_locale("en")
    assert str(Problem("", None, "--as-of", "not a real date")) == "input: --as-of: not a real date"
