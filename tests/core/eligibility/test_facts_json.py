"""ApplicantFacts JSON (docs/eligibility.md): what is read, and errors that name the file and the field."""
from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from core.eligibility.facts import EmployerType, PersonStatus, PositionLevel, Relation
from core.eligibility.inputs.facts_json import facts_from_json, read_facts
from core.eligibility.results import Verdict
from core.eligibility.whatif import parse_planned_trips
from core.errors import InputError
from core.i18n import current_locale, set_locale
from core.records.identity import Direction

ROOT = Path(__file__).resolve().parents[3]


def test_example_file_reads_every_part():
    facts = read_facts(ROOT / "docs" / "examples" / "salary-shenzhen.json")
    assert (facts.id, facts.name, facts.city) == ("zhang-wei", "张伟 ZHANG Wei", "Shenzhen")
    assert facts.crossings is not None and len(facts.crossings) == 7
    assert facts.crossings[-1].planned and facts.crossings[0].direction is Direction.ENTRY
    assert facts.employment[0].position_level is PositionLevel.DEPUTY_GM_OR_ABOVE
    assert facts.employment[0].employer_type is EmployerType.HIGH_TECH
    assert facts.income_for(2023).iit_paid == Decimal("230000") and isinstance(facts.income_for(2023).iit_paid,
                                                                               Decimal)
    assert facts.marriage.spouse_status is PersonStatus.FOREIGN
    assert facts.documents == frozenset({"marriage_certificate"})
    assert facts.work_permit.elite == ("fortune500",) and facts.work_permit.hsk_level == 4


def test_missing_parts_stay_unknown():
    facts = facts_from_json({"id": 7})
    assert facts.id == 7 and facts.crossings is None and facts.income is None and facts.good_tax_record is None
    assert facts_from_json({"crossings": []}).crossings == ()


def test_nested_principal():
    child = read_facts(ROOT / "docs" / "examples" / "child-dependant.json")
    assert child.family.relation is Relation.CHILD and child.family.principal_verdict is Verdict.MET
    nested = facts_from_json({"family": {"relation": "spouse", "principal_route": "pr-salary-tax",
                                         "principal": {"id": "p", "birth_date": "1980-01-01"}}})
    assert nested.family.principal.id == "p"


@pytest.mark.parametrize("data,field,message", [
    ({"birth_date": "1980-02-30"}, "birth_date", "not a real date"),
    ({"income": [{"year": 2022, "wage_income": 1200000.5}]}, "income[0].wage_income", "expected an amount"),
    ({"income": [{"wage_income": "1"}]}, "income[0].year", "required"),
    ({"crossings": [{"date": "2021-01-01", "direction": "in"}]}, "crossings[0].direction", ""),
    ({"employment": [{"start": "2021-01-01", "end": "2020-01-01"}]}, "employment[0].end", "before the start"),
    ({"employment": [{"start": "2021-01-01", "position_level": "ceo"}]}, "employment[0].position_level",
     "expected one of"),
    ({"marriage": {"date": "2020-01-01", "spouse_status": "citizen"}}, "marriage.spouse_status", "expected one of"),
    ({"family": {"principal_route": "pr-investor"}}, "family.relation", "required"),
    ({"family": {"relation": "child", "principal": {"family": {"relation": "child", "principal": {}}}}},
     "family.principal.family.principal", "cannot itself have a principal"),
    ({"good_tax_record": "yes"}, "good_tax_record", "expected true or false"),
    ({"work_permit": {"hsk_level": "4"}}, "work_permit.hsk_level", "expected a whole number"),
    ({"documents": "marriage_certificate"}, "documents", "expected a list"),
    ({"salary": 1}, "salary", "unknown field"),
    ({"id": True}, "id", "expected text or a whole number"),
])
def test_bad_facts_name_the_field(tmp_path: Path, data: dict, field: str, message: str):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_facts(path)
    problem = next(p for p in err.value.problems if p.field == field)
    assert problem.source == str(path) and message in problem.message


def test_invalid_json_names_file_and_line(tmp_path: Path):
    path = tmp_path / "facts.json"
    path.write_text('{\n  "id": 1,\n  "name": \n}', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_facts(path)
    assert str(err.value).startswith(f"{path}:4: not valid JSON")


def test_every_problem_is_reported_at_once():
    with pytest.raises(InputError) as err:
        facts_from_json({"birth_date": "x", "good_tax_record": 1, "income": [{"year": "2020"}]}, "f.json")
    assert {p.field for p in err.value.problems} == {"birth_date", "good_tax_record", "income[0].year"}


def test_planned_trips_typed_as_lines():
    trips = parse_planned_trips("2026-12-20 2027-01-05\n\n# comment\n2027-2-1 – 2027-02-20\n2027-06-01\n")
    assert [(c.date.isoformat(), c.direction.value, c.planned) for c in trips] == [
        ("2026-12-20", "exit", True), ("2027-01-05", "entry", True), ("2027-02-01", "exit", True),
        ("2027-02-20", "entry", True), ("2027-06-01", "exit", True)]
    for text, message in [("2027-01-05 2026-12-20", ":1: Trip 行程: the return is before the exit"),
                          ("ok\n2026-02-30 2026-03-01", ":1: Trip 行程: expected an exit date"),
                          ("2026-12-20 soon", ":1: Trip 行程: expected")]:
        with pytest.raises(InputError, match=message):
            parse_planned_trips(text, "input")
    with pytest.raises(InputError) as err:
        parse_planned_trips("2026-12-20 2027-01-05\n2026-02-30 2026-03-01", "input")
    assert str(err.value) == "input:2: Trip 行程: not a real date"


@pytest.fixture
def locale_zh() -> Iterator[None]:
    before = current_locale()
    set_locale("zh_CN")
    yield
    set_locale(before)


def test_the_errors_read_in_chinese(locale_zh: None) -> None:
    """The reader's messages are in the catalog (issue 15): a Chinese user reads them in Chinese, each field named
    by its label as the dialogs show it (a key the file made up, such as colour, stays as written)."""
    with pytest.raises(InputError) as caught:
        facts_from_json({"birth_date": "1990-02-30", "income": [{"year": "2024"}, {"year": 2024, "wage_income": 1.5}],
                         "crossings": [{"direction": "entry"}], "marital_status": "wed", "colour": 1}, "f.json")
    text = str(caught.value)
    for expected in ("f.json：出生日期：不是有效的 YYYY-MM-DD 日期：'1990-02-30'",
                     "f.json：收入与个税第 1 项 · 年份：应为整数，实际为 '2024'",
                     "收入与个税第 2 项 · 工资性收入：金额应为", "出入境记录第 1 项 · 日期（中国当地日期）：必填",
                     "婚姻状况：应为以下之一：", "f.json：colour：未知字段"):
        assert expected in text, text
    assert not any(word in text for word in ("expected", "required", "not a real", "unknown field"))
    with pytest.raises(InputError, match="应为 JSON 对象"):
        facts_from_json([], "f.json")
