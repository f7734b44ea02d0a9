"""`check --applicant` in Chinese on every example case reads as Chinese: no English word of three letters or more
is left, apart from what is meant to stay as written (issue 11, #10): the applicants' Latin names, the codes of
routes, criteria, sources and settings (`key = value`), file and library names. A missing fact with a year, an
average wage of a city, a verdict, an enum value, a rule's note all print in Chinese."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from core.eligibility.book import load_rule_book
from core.eligibility.money import load_wages
from core.ruledata.loader import load_setting_defs
from tests.cli.test_check_applicant_cli import CASES
from tests.cli.test_cli import run

SETTING = re.compile(r"\b[a-z][a-z0-9_]*(?: = |: |=)[^\s，；;、（）()]+")  # elig_tax_share_reading = threshold
CRITERION = re.compile(r"^\s+[✔✘≈?] ([\w\-]+(?:\[[^\]]*\])?)：", re.M)  # the row's code: locality：…
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-./]*")
KEPT = {"rules/wages.toml", "chinesecalendar"}  # a file and a library the user may need to update, by name


def codes() -> set[str]:
    defs = load_setting_defs()
    book = load_rule_book(setting_defs=defs)
    found = set(defs) | {f.provenance.source for f in load_wages().figures}
    for r in book.routes.routes:
        found |= {r.id, r.provenance.source, *(c.id for c in r.criteria), *(c.provenance.source for c in r.criteria)}
    return found


def english_words(text: str, allowed: set[str]) -> list[str]:
    text = SETTING.sub(" ", CRITERION.sub(" ", text))
    return [w for w in WORD.findall(text) if w.rstrip(".") not in allowed and len(re.sub("[^A-Za-z]", "", w)) >= 3]


def test_english_words_are_found():
    """The test can fail: an English phrase in a Chinese line is reported, the codes around it are not."""
    line = ("  ✘ presence_3_of_4[2022]：0（标准：274；M2004）\n"
            "      Missing: wage income 2024（elig_wage_statistic = on_post）")
    assert english_words(line, {"M2004"}) == ["Missing", "wage", "income"]


def test_check_in_chinese_has_no_english_on_any_example(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        zh: None):
    base = ["--data-dir", str(tmp_path)]
    names: set[str] = set()
    for case in sorted(CASES.glob("*.json")):
        code, out, err = run([*base, "--lang", "zh_CN", "case", "import", str(case)], capsys)
        assert (code, err) == (0, ""), err
    code, out, err = run([*base, "--lang", "zh_CN", "case", "list", "--json"], capsys)
    assert (code, err) == (0, ""), err
    applicants = json.loads(out)["applicants"]
    assert len(applicants) >= 10
    for a in applicants:
        names |= {w.upper() for w in WORD.findall(f"{a['family_name']} {a['given_names']}")}
        names |= set(WORD.findall(f"{a['family_name']} {a['given_names']}"))
    allowed = codes() | names | KEPT
    leftovers: dict[int, list[str]] = {}
    for a in applicants:
        code, out, err = run([*base, "--lang", "zh_CN", "check", "--applicant", str(a["id"]),
                              "--as-of", "2026-11-30"], capsys)
        assert (code, err) == (0, ""), err
        assert "缺少" in out or "符合" in out
        if words := english_words(out, allowed):
            leftovers[a["id"]] = sorted(set(words))
    assert not leftovers, leftovers
