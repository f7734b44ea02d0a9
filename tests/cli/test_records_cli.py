"""`case import|export` and `deadlines` (JSON shape, --within, --ics read back with icalendar)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

import cli
from core.i18n import set_locale
from tests.conftest import TODAY

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cases"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parsed = cli.parse(argv)
    code = parsed if isinstance(parsed, int) else cli.run(parsed, today=lambda: TODAY)
    out, err = capsys.readouterr()
    return code, out, err


def test_case_import_export_round_trip(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    base = ["--data-dir", str(data_dir)]
    code, out, err = run([*base, "case", "import", str(EXAMPLES / "shanghai-family.json")], capsys)
    assert (code, err) == (0, "") and out.strip().isdigit()
    principal = int(out)
    code, out, _err = run([*base, "case", "import", str(EXAMPLES / "shanghai-family.json"), "--json"], capsys)
    again = json.loads(out)  # the same family again: held back as a duplicate, nothing added
    assert code == 0 and again["applicant"] is None and again["files"][0]["status"] == "duplicate"
    assert again["files"][0]["duplicate_of"] == [principal, principal + 1, principal + 2]
    code, out, _err = run([*base, "case", "import", str(EXAMPLES / "shanghai-family.json"), "--json",
                           "--keep-duplicates"], capsys)
    second = json.loads(out)
    assert code == 0 and len(second["dependants"]) == 2 and second["applicant"] != principal
    target = tmp_path / "out.json"
    code, out, _err = run([*base, "case", "export", str(principal), str(target)], capsys)
    assert code == 0 and str(target) in out
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["principal"]["chinese_name"] == "杜可蕾"
    assert [d["relation"] for d in exported["dependants"]] == ["spouse", "child"]
    code, out, _err = run([*base, "case", "list", "--json"], capsys)
    assert len(json.loads(out)["applicants"]) == 6


def test_case_import_of_a_bad_file_exits_2_naming_the_path(data_dir: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]):
    value = json.loads((EXAMPLES / "shenzhen-work-permit-renewal.json").read_text(encoding="utf-8"))
    value["documents"][1]["expiry_date"] = "2027-13-01"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(value), encoding="utf-8")
    code, out, err = run(["--data-dir", str(data_dir), "case", "import", str(bad)], capsys)
    assert code == 2 and out == ""
    assert f"{bad}: Document 证件材料 2 · Date of expiry: expected a real date" in err
    code, out, err = run(["--data-dir", str(data_dir), "case", "export", "99", str(tmp_path / "x.json")], capsys)
    assert code == 2 and "99" in err


def test_deadlines_json_sorted_and_filtered(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    base = ["--data-dir", str(data_dir)]
    for name in ("shenzhen-work-permit-renewal", "shanghai-family"):
        run([*base, "case", "import", str(EXAMPLES / f"{name}.json")], capsys)
    code, out, err = run([*base, "deadlines", "--json"], capsys)
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["as_of"] == TODAY.isoformat()
    items = report["items"]
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)
    assert {"applicant", "name", "kind", "document", "due", "days_left", "severity", "source"} <= set(items[0])
    for i in items:
        assert i["days_left"] == (dt.date.fromisoformat(i["due"]) - TODAY).days
    wp = next(i for i in items if i["kind"] == "wp_filing")
    assert (wp["due"], wp["severity"], wp["name"]) == ("2026-11-26", "urgent", "金敏俊 KIM Minjun")  # Shenzhen: 45
    code, out, _err = run([*base, "deadlines", "--json", "--within", "30"], capsys)
    near = json.loads(out)["items"]
    assert near and all(i["days_left"] <= 30 for i in near) and len(near) < len(items)
    code, out, _err = run([*base, "deadlines", "--json", "--applicant", str(wp["applicant"]),
                           "--as-of", "2026-12-01"], capsys)
    assert {i["applicant"] for i in json.loads(out)["items"]} == {wp["applicant"]}
    assert json.loads(out)["as_of"] == "2026-12-01"
    code, _out, err = run([*base, "deadlines", "--applicant", "999"], capsys)
    assert code == 2 and "999" in err


def test_deadlines_ics_has_one_event_per_item_and_an_alarm_per_lead_time(data_dir: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]):
    base = ["--data-dir", str(data_dir)]
    run([*base, "case", "import", str(EXAMPLES / "beijing-6x-professional.json")], capsys)
    ics = tmp_path / "d.ics"
    code, out, _err = run([*base, "deadlines", "--within", "120", "--json", "--ics", str(ics)], capsys)
    items = json.loads(out)["items"]
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert code == 0 and len(events) == len(items) > 0
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, item in zip(events, items, strict=True):
        assert event.decoded("DTSTART") == dt.date.fromisoformat(item["due"])
        alarms = [a for a in event.walk("VALARM")]
        assert sorted(-a.decoded("TRIGGER").days for a in alarms) == [7, 14, 30, 45, 60]
        assert item["name"] in str(event["SUMMARY"])
    again = tmp_path / "again.ics"
    run([*base, "deadlines", "--within", "120", "--ics", str(again)], capsys)
    assert again.read_bytes() == ics.read_bytes()  # same data, same as-of: the same file


@pytest.mark.parametrize("argv,field", [
    (["case", "export", "99", "out.json"], "ID"),
    (["deadlines", "--applicant", "99"], "--applicant"),
    (["check", "--applicant", "99"], "--applicant"),
    (["crossings", "export", "--applicant", "99", "out.csv"], "--applicant"),
])
@pytest.mark.parametrize("lang,words", [("en", "no applicant with id 99"), ("zh_CN", "不存在编号为 99 的申请人")])
def test_an_unknown_applicant_is_one_message_in_the_users_language(
        data_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], field: str, lang: str, words: str):
    try:
        code, out, err = run(["--lang", lang, "--data-dir", str(data_dir), *argv], capsys)
    finally:
        set_locale("en")
    assert (code, out) == (2, "")
    where = f"输入错误：{field}：" if lang == "zh_CN" else f"input: {field}: "  # the prefix in the user's language too
    assert err.startswith(where + words) and "Traceback" not in err, err
