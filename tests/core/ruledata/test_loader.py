"""Rules data loading: clear errors naming file and key; settings overlay stored values on stated defaults."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import InputError
from core.ruledata.loader import RulesError, Settings, load_setting_defs

GOOD = """
[threshold]
kind = "int"
default = 183
label_en = "Days"
label_zh = "天数"
source = "TAX34"
confidence = "H"
effective_from = "2019-01-01"
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_settings_load():
    defs = load_setting_defs()
    assert defs["passport_min_remaining_months"].default == 6
    assert defs["passport_min_remaining_months"].provenance.confidence == "L"


@pytest.mark.parametrize("edit,key,problem", [
    (lambda s: s.replace('default = 183\n', ''), "threshold.default", "missing"),
    (lambda s: s.replace('default = 183', 'default = "x"'), "threshold.default", "expected a whole number"),
    (lambda s: s.replace('confidence = "H"', 'confidence = "maybe"'), "threshold.confidence", "expected one of"),
    (lambda s: s.replace('source = "TAX34"\n', ''), "threshold.source", "missing"),
    (lambda s: s.replace('kind = "int"', 'kind = "date"'), "threshold.kind", "expected one of"),
])
def test_bad_rules_files_name_file_and_key(tmp_path: Path, edit, key: str, problem: str):
    directory = write(tmp_path, edit(GOOD))
    with pytest.raises(RulesError) as err:
        load_setting_defs(directory)
    assert err.value.path == str(directory / "a.toml") and err.value.key == key
    assert problem in err.value.problem


def test_invalid_toml_names_the_file(tmp_path: Path):
    with pytest.raises(RulesError, match="a.toml: not valid TOML"):
        load_setting_defs(write(tmp_path, "[x\n"))


def test_stored_values_override_defaults_and_bad_ones_fall_back(tmp_path: Path):
    defs = load_setting_defs(write(tmp_path, GOOD))
    assert Settings(defs)["threshold"] == 183
    assert Settings(defs, {"threshold": "180"})["threshold"] == 180
    assert Settings(defs, {"threshold": '"junk"'})["threshold"] == 183
    assert Settings(defs).with_value("threshold", 90)["threshold"] == 90


def test_service_settings_persist(service):
    assert service.settings()["passport_min_remaining_months"] == 6
    service.set_setting("passport_min_remaining_months", 3)
    assert service.settings()["passport_min_remaining_months"] == 3
    assert not service.settings().is_default("passport_min_remaining_months")
    with pytest.raises(InputError, match="expected a whole number"):
        service.set_setting("passport_min_remaining_months", "six")
    assert service.reset_setting("passport_min_remaining_months")["passport_min_remaining_months"] == 6


def test_every_shipped_setting_note_has_a_chinese_version() -> None:
    defs = load_setting_defs()
    missing = [k for k, d in defs.items() if d.note and not d.note_zh]
    assert not missing, f"settings whose note has no note_zh: {missing}"
    for key, d in defs.items():
        if d.note:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in d.note_zh), key
            assert d.note_for("zh_CN") == d.note_zh and d.note_for("en") == d.note


def test_a_setting_without_note_zh_falls_back_to_the_english_note(tmp_path: Path) -> None:
    d = load_setting_defs(write(tmp_path, GOOD + 'note = "Only English."\n'))["threshold"]
    assert d.note_zh == "" and d.note_for("zh_CN") == "Only English."
    d = load_setting_defs(write(tmp_path, GOOD + 'note = "E"\nnote_zh = "中"\n'))["threshold"]
    assert d.note_for("zh_CN") == "中" and d.note_for("en") == "E"
