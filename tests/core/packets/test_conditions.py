"""Checklist conditions: the expression language and the loader's errors naming file and key."""
from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from core.packets.kinds.conditions import ConditionError, parse_condition
from core.packets.kinds.layers import load_templates
from core.packets.records.facts import PacketFacts, facts_values
from core.ruledata.loader import RulesError

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def holds(text: str, **kw: object) -> bool:
    values: dict[str, object] = {"kind": "pr_spouse", "filing_date": dt.date(2026, 12, 1), "age": 40} | kw
    return parse_condition(text).holds(facts_values(PacketFacts(**values)))  # type: ignore[arg-type]


@pytest.mark.parametrize("text,kw,expected", [
    ("18 <= age <= 70", {"age": 70}, True),
    ("18 <= age <= 70", {"age": 71}, False),
    ("permit_months > 12 and not medical_given_for_work_permit", {"permit_months": 24}, True),
    ("relationship in ['child', 'parent']", {"relationship": "parent"}, True),
    ("relationship not in ['child', 'parent']", {"relationship": "spouse"}, True),
    ("ncr_countries", {}, False),
    ("ncr_countries", {"ncr_countries": ("GBR",)}, True),
    ("'GBR' in ncr_countries", {"ncr_countries": ("GBR",)}, True),
    ("filing_date >= '2023-11-07'", {}, True),
    ("city == 'beijing' or (age > 60 and true)", {"age": 61}, True),
    ("false", {}, False),
])
def test_conditions_evaluate_over_facts(text: str, kw: dict[str, object], expected: bool) -> None:
    assert holds(text, **kw) is expected


@pytest.mark.parametrize("text,message", [
    ("agee > 18", "unknown fact 'agee'"),
    ("age > '18'", "cannot compare age (int) with '18' (str)"),
    ("city > 'a'", "cannot compare"),
    ("relationship == 'wife'", "relationship is never 'wife'"),
    ("age", "'age' is not yes/no"),
    ("age >", "cannot parse"),
    ("__import__('os')", "not allowed"),
    ("age + 1 > 2", "not allowed"),
    ("filing_date > '2023-13-01'", "not a date"),
    ("age in [1, 'a']", "one kind"),
])
def test_bad_conditions_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ConditionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_condition(text)


def _edit(tmp_path: Path, name: str, change: Callable[[str], str]) -> Path:
    directory = tmp_path / "templates"
    shutil.copytree(TEMPLATES, directory)
    path = directory / name
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the edit did not apply"
    path.write_text(changed, encoding="utf-8")
    return path


@pytest.mark.parametrize("name,change,key,problem", [
    ("kinds/rp_work_renewal.toml", lambda s: s.replace("18 <= age <= 70", "18 <= agee <= 70"),
     "items[5].when", "unknown fact 'agee'"),
    ("kinds/rp_work_renewal.toml", lambda s: s.replace('item = "work_permit"', 'item = "work_permitt"'),
     "items[6].item", "not in templates/items.toml"),
    ("kinds/rp_work_renewal.toml", lambda s: s.replace("issued_within_months = 6", "issued_whithin_months = 6"),
     "items[5].issued_whithin_months", "unknown key"),
    ("kinds/rp_work_renewal.toml", lambda s: s.replace('group = "rp"', 'group = "visa"'), "kind.group",
     "expected one of"),
    ("kinds/rp_work_renewal.toml", lambda s: s.replace('confidence = "H"\n\n[[items]]\nitem = "passport"',
                                                       'confidence = "L"\n\n[[items]]\nitem = "passport"'),
     "items[0].setting", "confidence L must name the setting"),
    ("kinds/pr_spouse.toml", lambda s: s.replace('item = "housing"', 'item = "livelihood"'),
     "items[5].item", "listed twice"),
    ("cities/beijing.toml", lambda s: s.replace('item = "owner_consent"\nafter = "housing"',
                                                 'item = "owner_consent"\nafter = "garage"'),
     "add[2].after", "'garage' is not an item of pr_spouse"),
    ("cities/shenzhen.toml", lambda s: s.replace('kinds = ["wp_extension"]\nitem = "guarantee_letter"',
                                                  'kinds = ["wp_ext*sion2"]\nitem = "guarantee_letter"'),
     "add[1].kinds", "no packet kind matches"),
    ("cities/shanghai.toml", lambda s: s.replace("{shanghai_spouse_deposit_cny:,}元", "{deposit}元"),
     "change[0].notes[0]", "{deposit} is not a setting"),
    ("cities/shanghai.toml", lambda s: s.replace('setting = "shanghai_spouse_deposit_cny"\n', ""),
     "change[0].setting", "confidence L"),
    ("items.toml", lambda s: s.replace('[passport]\nzh = "有效护照"\n', '[passport]\n'), "passport.zh", "missing"),
    ("items.toml", lambda s: s.replace('records = ["no_criminal_record"]', 'records = ["ncr_record"]'),
     "ncr.records", "not a document kind"),
])
def test_bad_template_files_name_file_and_key(tmp_path: Path, name: str, change: Callable[[str], str], key: str,
                                              problem: str) -> None:
    path = _edit(tmp_path, name, change)
    with pytest.raises(RulesError) as raised:
        load_templates(path.parent if name == "items.toml" else path.parent.parent)
    assert raised.value.path == str(path) and raised.value.key == key
    assert problem in raised.value.problem
