"""`packet --applicant` in Chinese on every example case reads as Chinese (issue 10): the pre-flight findings, their
severity, the lines of a --strict refusal, a kind that does not apply and the family's "not filing" lines print in
the interface language; no English word of three letters or more is left apart from names, ids, kind and source
codes, option names and file paths."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from cli.common import opened
from core.records.identity import ApplicantId
from tests.cli.test_check_applicant_cli import CASES
from tests.cli.test_check_zh import WORD, codes, english_words
from tests.cli.test_cli import run

DAY = dt.date(2026, 11, 30)
OPTION = re.compile(r"--[a-z][a-z-]*")  # an option named in a message (--strict), as typed
PDF = re.compile(r"/\S+?\.pdf")  # a file written
PREFIX = re.compile(r"^输入错误：--\w+：", re.M)  # the shared "where: field:" of every bad-input line (core.errors)


def test_english_is_found_in_a_packet_line():
    """The test can fail: the English line the command printed before is reported."""
    assert {"must", "Health", "Certificate"} <= set(english_words("must fix: Missing: Health Certificate", set()))


def test_packet_in_chinese_has_no_english_on_any_example(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         zh: None):
    base = ["--data-dir", str(tmp_path), "--lang", "zh_CN"]
    for case in sorted(CASES.glob("*.json")):
        code, _out, err = run([*base, "case", "import", str(case)], capsys)
        assert (code, err) == (0, ""), err
    code, out, err = run([*base, "case", "list", "--json"], capsys)
    applicants = json.loads(out)["applicants"]
    names = {v for a in applicants for w in WORD.findall(f"{a['family_name']} {a['given_names']}")
             for v in (w, w.upper())}
    with opened(argparse.Namespace(data_dir=str(tmp_path), database=None, passphrase_file=None)) as service:
        kinds = {a["id"]: service.packets.next_kind(ApplicantId(a["id"]), DAY) for a in applicants}
        refused = {a["id"]: sorted(k for k, why in service.packets.applicability(ApplicantId(a["id"]), DAY).items()
                                   if why) for a in applicants}
        templates = service.packets.templates()
        families = [a["id"] for a in applicants if service.packets.family_kind(ApplicantId(a["id"]), "pr_salary_tax")]
    allowed = codes() | names | set(templates.national) | set(templates.cities) | {"national"}
    out_pdf = tmp_path / "p.pdf"
    printed: dict[str, str] = {}
    for a in applicants:
        kind = kinds[a["id"]]
        if kind is None:
            continue
        code, out, err = run([*base, "packet", "--applicant", str(a["id"]), "--kind", kind, "--as-of",
                              DAY.isoformat(), "--checklist-only", "--out", str(out_pdf)], capsys)
        assert code == 0, err
        printed[f"{a['id']} {kind}"] = out + err
    assert len(printed) >= 8 and any("须处理：" in text for text in printed.values())
    child = next(a["id"] for a in applicants if "pr_position" in refused[a["id"]])
    code, out, err = run([*base, "packet", "--applicant", str(child), "--kind", "pr_position", "--out",
                          str(out_pdf)], capsys)
    assert code == 2 and "pr_position 不适用：" in err and PREFIX.search(err), err
    printed["refused"] = PREFIX.sub("", out + err)
    blocked = next(key for key, text in printed.items() if "须处理：" in text).split()
    code, out, err = run([*base, "packet", "--applicant", blocked[0], "--kind", blocked[1], "--strict",
                          "--as-of", DAY.isoformat(), "--checklist-only", "--out", str(out_pdf)], capsys)
    assert code == 2 and "--strict" in err, err
    printed["strict"] = out + err
    assert families
    for principal in (p for p in families if "pr_salary_tax" not in refused[p]):  # each member's packet, the cover
        code, out, err = run([*base, "packet", "--applicant", str(principal), "--kind", "pr_salary_tax", "--family",
                              "--as-of", DAY.isoformat(), "--checklist-only", "--audience", "officer", "--out",
                              str(out_pdf)], capsys)
        assert code == 0 and out.count("已写入") >= 2, err
        printed[f"family {principal}"] = out + err
    assert any(key.startswith("family") for key in printed)
    leftovers = {key: sorted(set(words)) for key, text in printed.items()
                 if (words := english_words(OPTION.sub("", PDF.sub("", text)), allowed))}
    assert not leftovers, leftovers
