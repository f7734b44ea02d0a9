"""A bad-input line on the CLI names the option in the interface language (core.errors.Problem): English
'input: --out: …', Chinese '输入错误：--out：…'; a file's problem keeps 'file:line: field:' and words its message."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import InputError, Problem
from core.i18n import set_locale
from core.storage.sqlite.db import DB_FILENAME
from tests.cli.test_cli import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cases"


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
    assert code == 2 and err == f"{path} 第 2 行：方向：应为“入境”或“出境”（entry/exit），实际为 'sideways'\n"


def test_typed_input_without_a_field_has_the_prefix_too(restore_language: None):
    set_locale("zh_CN")
    assert str(InputError([Problem("", None, "", "不是有效日期")])) == "输入错误：不是有效日期"
    assert str(Problem("a.csv", 3, "date", "x")) == "a.csv 第 3 行：日期（中国当地日期）：x"
    assert str(Problem("a.json", None, "$.passports[1].expiry_date", "required")) == \
        "a.json：护照第 2 项 · 有效期至：必填"
    set_locale("en")
    assert str(Problem("a.csv", 3, "date", "x")) == "a.csv:3: Date (local China date): x"
    assert str(Problem("a.json", None, "$.passports[1].expiry_date", "required")) == \
        "a.json: Passport 护照 2 · Date of expiry: required"
    assert str(Problem("", None, "--as-of", "not a real date")) == "input: --as-of: not a real date"


def test_a_bad_case_file_names_each_field_by_its_chinese_label(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                restore_language: None):
    value = json.loads((EXAMPLES / "beijing-new-passport.json").read_text(encoding="utf-8"))
    value["principal"]["family_name"] = ""
    value["passports"][0]["expiry_date"] = "2027-13-01"
    value["crossings"][0]["direction"] = "sideways"
    bad = tmp_path / "坏.json"
    bad.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(["--data-dir", str(tmp_path / "d"), "--lang", "zh_CN", "case", "import", str(bad)], capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert f"{bad}：主申请人 · 姓（与护照一致）：不能为空" in lines and len(lines) == 3  # no follow-on noise
    assert f"{bad}：护照第 1 项 · 有效期至：应为有效日期（格式 YYYY-MM-DD），实际为 '2027-13-01'" in lines
    assert f"{bad}：出入境记录第 1 项 · 方向：应为 'entry', 'exit' 之一，实际为 'sideways'" in lines
    # no field ids, no JSON paths, no ASCII colons
    assert not [line for line in lines if re.search(r"[a-z]_[a-z]|\$\.|: ", line.removeprefix(str(bad)))], err


def test_a_bad_crossings_import_reads_chinese_with_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          restore_language: None):
    data = ["--data-dir", str(tmp_path / "d")]
    assert run([*data, "case", "import", str(EXAMPLES / "beijing-new-passport.json")], capsys)[0] == 0
    path = tmp_path / "c.csv"
    path.write_text("date,direction,time\n2023-01-01,entry,25:00\n2023-02-30,exit,\n2023-03-01,entry,\n"
                    "2023-03-05,entry,\n", encoding="utf-8")
    code, _out, err = run([*data, "--lang", "zh_CN", "crossings", "import", str(path), "--applicant", "1"], capsys)
    assert code == 2
    assert f"{path} 第 2 行：时间：不是有效时间：'25:00'" in err
    assert f"{path} 第 3 行：日期（中国当地日期）：不是有效日期：'2023-02-30'" in err
    assert (f"{path} 第 5 行：方向：连续两次入境（第 4 行：2023-03-01；第 5 行：2023-03-05）："
            "两者之间缺少一条出入境记录") in err
    assert "direction" not in err and "line" not in err


@pytest.mark.parametrize("lang,expected", [
    ("zh_CN", "输入错误：--family：LIM Jun Hao 林俊豪：材料包 wp_extension（外国人工作许可延期）没有家属版本，不能使用 "
              "--family 生成（见 templates/kinds/wp_extension.toml 中的 family_kind）\n"),
    ("en", "input: --family: LIM Jun Hao 林俊豪: the packet wp_extension (Work permit extension) has no variant for "
           "family members, so it cannot be built with --family (family_kind in templates/kinds/wp_extension.toml)\n")])
def test_a_family_packet_of_a_kind_without_a_family_variant_says_so_in_the_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_language: None, lang: str, expected: str):
    data = ["--data-dir", str(tmp_path / "d")]
    assert run([*data, "case", "import", str(EXAMPLES / "beijing-6x-family.json")], capsys)[0] == 0
    code, out, err = run([*data, "--lang", lang, "packet", "--applicant", "1", "--kind", "wp_extension", "--family",
                          "--checklist-only", "--as-of", "2026-11-30", "--out", str(tmp_path / "p.pdf")], capsys)
    assert (code, out, err) == (2, "", expected)


@pytest.mark.sqlite_only("an empty SQLite file; on a firm database the command never opens it")
def test_a_store_that_cannot_be_opened_is_explained_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              restore_language: None):
    """StorageError texts reach the user as they are (the CLI's 'error:' line, the window's message box)."""
    (tmp_path / DB_FILENAME).write_bytes(b"")
    code, out, err = run(["--data-dir", str(tmp_path), "--lang", "zh_CN", "case", "list"], capsys)
    assert (code, out) == (2, "")
    assert err == (f"错误：{tmp_path / DB_FILENAME}：文件为空（0 字节）。Juliu 不会覆盖它；"
                   "请恢复备份（juliu backup list、juliu restore 文件），或将该空文件移走后重新开始\n")
