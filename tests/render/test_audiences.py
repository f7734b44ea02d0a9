"""Issue 10 §6: the officer's set shows no internal material; the client's list and the memo come from one build."""
from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.packets.audiences import Audience, for_audience
from core.packets.content import Text
from core.ruledata.loader import load_setting_defs
from core.services.facade import JuliuService
from tests.cli.test_cli import run
from tests.conftest import TODAY
from tests.core.packet_cases import import_cases, person_id
from tests.render.packet_samples import sample_content

PEOPLE = ("陈伟明", "杜可蕾", "张乐", "金敏俊")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")  # enum codes and setting keys: high_tech_enterprise
PATH = re.compile(r"\b(?:rules|templates|forms)/|\.toml\b|\.py\b")


@pytest.fixture
def cases(service: JuliuService) -> JuliuService:
    import_cases(service)
    return service


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def internal_material(text: str) -> list[str]:
    settings = [key for key in load_setting_defs() if key in text]
    return [*settings, *SNAKE.findall(text), *PATH.findall(text), *(["Condition:"] if "Condition:" in text else []),
            *[w for w in ("borderline", "临界", "预检结果", "Pre-flight") if w in text]]


def test_officer_pages_carry_no_verdicts_codes_settings_paths_or_conditions(cases: JuliuService) -> None:
    checked = 0
    for name in PEOPLE:
        who = person_id(cases, name)
        for kind, refused in cases.packets.applicability(who, TODAY).items():
            if refused:
                continue
            prepared = cases.packets.prepare(who, kind, today=TODAY)
            officer = text_of(cases.packets.render(prepared, audience=Audience.OFFICER).data)
            assert internal_material(officer) == [], (name, kind)
            checked += 1
            memo = text_of(cases.packets.render(prepared, audience=Audience.MEMO).data)
            if prepared.content.findings:
                assert "预检结果" in memo  # the memo keeps the verdicts and findings
    assert checked >= 6


def test_one_build_writes_the_three_sets(cases: JuliuService, data_dir: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kim.pdf"
    code, _out, err = run(["--data-dir", str(data_dir), "packet", "--applicant", str(person_id(cases, "金敏俊")),
                           "--kind", "rp_work_renewal", "--out", str(out), "--audience", "all"], capsys)
    assert code == 0, err
    texts = {a: text_of((tmp_path / f"kim-{a}.pdf").read_bytes()) for a in ("officer", "client", "memo")}
    assert "客户待办清单" in texts["client"] and "Employer verification letter" in texts["client"]
    assert "预检结果" in texts["memo"] and "预检结果" not in texts["officer"]
    assert "外国人签证证件申请表" in texts["officer"]


def test_the_memo_keeps_what_the_officer_set_leaves_out(cases: JuliuService) -> None:
    """The search finds internal material where it is meant to be: the memo's readings and settings."""
    prepared = cases.packets.prepare(person_id(cases, "陈伟明"), "pr_salary_tax", today=TODAY)
    memo = text_of(cases.packets.render(prepared, audience=Audience.MEMO).data)
    assert internal_material(memo)
    officer = text_of(cases.packets.render(prepared, audience=Audience.OFFICER).data)
    assert internal_material(officer) == []


def test_identifiers_stay_on_one_line_and_the_replica_keeps_to_one_page(cases: JuliuService) -> None:
    """Issue 10 §8: document numbers shrink rather than break; the 33 x 48 mm photo box fits the one-page form."""
    prepared = cases.packets.prepare(person_id(cases, "金敏俊"), "rp_work_renewal", today=TODAY)
    result = cases.packets.render(prepared, audience=Audience.OFFICER)
    lines = text_of(result.data).splitlines()
    assert "SZ-NS-2025-1103-09" in lines and "440300202401000877" in lines
    reader = PdfReader(io.BytesIO(result.data))
    form_pages = [i for i, label in enumerate(reader.page_labels) if label.startswith("F")
                  and "外国人签证证件申请表" in (reader.pages[i].extract_text() or "")]
    assert len(form_pages) == 1


def test_an_illustrative_wage_figure_says_estimate_where_it_prints(cases: JuliuService) -> None:
    prepared = cases.packets.prepare(person_id(cases, "陈伟明"), "pr_salary_tax", today=TODAY)
    assert prepared.content.income is not None
    for line in prepared.content.income.basis:
        assert "(WAGE, L)" not in line.en or ("estimate" in line.en and "估算" in line.zh)
    memo = text_of(cases.packets.render(prepared, audience=Audience.MEMO).data)
    assert "估算" in memo and "estimate" in memo


HANZI = re.compile(r"[\u3400-\u9fff]")


def _english_only(value: object, where: str = "content") -> list[str]:
    """Every bilingual Text of the content that has English but no Chinese: the officer reads Chinese first."""
    if isinstance(value, Text):
        return [f"{where}: {value.en}"] if value.en and not HANZI.search(value.zh) else []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [x for f in dataclasses.fields(value) for x in _english_only(getattr(value, f.name),
                                                                             f"{where}.{f.name}")]
    if isinstance(value, tuple | list):
        return [x for i, item in enumerate(value) for x in _english_only(item, f"{where}[{i}]")]
    return []


def test_every_example_packets_officer_set_is_clean_and_chinese_first(cases: JuliuService) -> None:
    """Every example person, every kind that applies: the officer's pages carry no setting key, enum code, file
    path or condition, and nothing in English alone; the client's list shows no pre-flight heading or settings."""
    checked = 0
    for applicant in cases.list_applicants():
        assert applicant.id is not None
        for kind, refused in cases.packets.applicability(applicant.id, TODAY).items():
            if refused:
                continue
            prepared = cases.packets.prepare(applicant.id, kind, today=TODAY)
            officer = for_audience(prepared.content, Audience.OFFICER)
            assert _english_only(officer) == [], (applicant.chinese_name, kind)
            assert internal_material(text_of(cases.packets.render(prepared, audience=Audience.OFFICER).data)) == []
            client = text_of(cases.packets.render(prepared, audience=Audience.CLIENT).data)
            cited = [w for w in internal_material(client) if w not in ("borderline", "临界")]  # a finding may say so
            assert cited == [] and "来源" not in client, (applicant.chinese_name, kind)
            if prepared.content.findings:
                assert "申请前须办理的事项" in client
            checked += 1
    assert checked >= 12


def test_the_english_only_search_finds_an_english_line() -> None:
    content = dataclasses.replace(sample_content(scans=0), notes=(Text("", "Condition: age >= 18"),))
    assert _english_only(content) == ["content.notes[0]: Condition: age >= 18"]


ESTIMATED = re.compile(r"1,429,506\.00|285,901\.20|238,251")  # the illustrative Beijing 2025 wage and its 6x, 20%


def test_every_estimated_figure_says_estimate_where_it_prints(cases: JuliuService) -> None:
    """TAN's thresholds rest on an illustrative wage figure (confidence L): each line printing one is marked
    估算 / estimate on the line or the line beneath (a table cell), and so is the expected decision date."""
    prepared = cases.packets.prepare(person_id(cases, "陈伟明"), "pr_salary_tax", today=TODAY)
    income = prepared.content.income
    assert income is not None and all(row.estimate for row in income.rows)
    lines = text_of(cases.packets.render(prepared, audience=Audience.MEMO).data).splitlines()
    found = [i for i, line in enumerate(lines) if ESTIMATED.search(line)]
    assert len(found) >= 12  # the income table, its basis, and the eligibility criteria, per year
    for i in found:
        near = " ".join(lines[i:i + 2])
        assert "估算" in near or "estimate" in near, lines[i]
    eligibility = prepared.content.eligibility
    assert eligibility is not None
    marked = [c.detail for c in eligibility.criteria if ESTIMATED.search(c.detail.zh)]
    assert marked and all("估算" in d.zh and "estimate" in d.en for d in marked)
    decision = [f.message for f in prepared.content.findings if "预计办结日" in f.message.zh]
    assert decision and all("估算" in m.zh and "estimate" in m.en for m in decision)
