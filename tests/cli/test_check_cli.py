"""`check` and `points`: the JSON shape of issue 5, exit statuses, errors naming file and field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
CRITERION_KEYS = {"id", "verdict", "value", "threshold", "convention", "source", "note"}


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_list_routes_json(capsys: pytest.CaptureFixture[str]):
    code, out, err = run(["check", "--list-routes", "--json"], capsys)
    assert (code, err) == (0, "")
    routes = {r["route"]: r for r in json.loads(out)["routes"]}
    salary = routes["pr-salary-tax"]
    assert salary["name_zh"].startswith("工资性年收入") and salary["source"] == "NIA-12"
    assert routes["pr-spouse"]["source"] == "M2004" and routes["pr-spouse"]["status"] == "in_force"
    assert routes["draft2020-work-6x"]["status"] == "proposed"
    assert [c["id"] for c in routes["pr-salary-tax"]["criteria"]] == ["work_4_years", "presence_6_months", "wage_6x",
                                                                      "tax_20pct"]


def test_list_routes_text_is_bilingual(capsys: pytest.CaptureFixture[str]):
    code, out, _err = run(["check", "--list-routes"], capsys)
    assert code == 0 and "夫妻团聚（第五类） / Spouse of a Chinese citizen or PR holder" in out
    assert "proposed — never used for a verdict" in out


def test_check_json_has_exactly_the_issue_shape(capsys: pytest.CaptureFixture[str]):
    code, out, err = run(["check", "--facts", str(EXAMPLES / "child-dependant.json"), "--route", "pr-dependant",
                          "--as-of", "2026-04-30", "--json"], capsys)
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert set(report) == {"as_of", "applicant", "routes"}
    assert (report["as_of"], report["applicant"]) == ("2026-04-30", "zhang-xiaomei")
    (route,) = report["routes"]
    assert set(route) == {"route", "verdict", "earliest_date", "criteria", "year_readings", "decision_due"}
    assert (route["route"], route["verdict"], route["earliest_date"]) == ("pr-dependant", "met", "2026-04-30")
    assert all(set(c) == CRITERION_KEYS for c in route["criteria"])
    age = next(c for c in route["criteria"] if c["id"] == "child_under_18")
    assert (age["value"], age["threshold"], age["source"]) == (17, "under 18", "M2004")


def test_check_the_day_the_child_turns_18(capsys: pytest.CaptureFixture[str]):
    code, out, _err = run(["check", "--facts", str(EXAMPLES / "child-dependant.json"), "--route", "pr-dependant",
                           "--as-of", "2026-05-01", "--json"], capsys)
    (route,) = json.loads(out)["routes"]
    assert code == 0 and (route["verdict"], route["earliest_date"]) == ("not_met", None)


def test_check_every_route_and_today_by_default(capsys: pytest.CaptureFixture[str]):
    code, out, _err = run(["check", "--facts", str(EXAMPLES / "salary-shenzhen.json"), "--json"], capsys)
    report = json.loads(out)
    assert code == 0 and report["as_of"] == TODAY.isoformat()
    assert [r["route"] for r in report["routes"]][:2] == ["pr-investor", "pr-position"]
    assert not any(r["route"].startswith("draft2020") for r in report["routes"])


def test_case_15_through_the_cli_with_a_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    facts = {"city": "Beijing", "crossings": [{"date": "2017-01-01", "direction": "entry"}],
             "employment": [{"start": "2017-01-01"}],
             "income": [{"year": y, "wage_income": "1300000", "iit_paid": "250000"} for y in range(2018, 2022)]}
    path = write(tmp_path, facts)
    code, out, _err = run(["check", "--facts", str(path), "--route", "pr-salary-tax", "--as-of", "2022-07-01",
                           "--setting", "elig_wage_statistic=non_private", "--json"], capsys)
    (route,) = json.loads(out)["routes"]
    assert code == 0 and json.loads(out)["applicant"] is None
    tax = next(c for c in route["criteria"] if c["id"] == "tax_20pct[2021]")
    assert (tax["verdict"], tax["value"], tax["threshold"]) == ("borderline", "250000.00", "233581.20")
    assert "needs 260,000.00 → fail" in tax["note"]
    assert route["verdict"] == "borderline"


def test_check_text_output(capsys: pytest.CaptureFixture[str]):
    code, out, _err = run(["check", "--facts", str(EXAMPLES / "salary-shenzhen.json"), "--as-of", "2024-03-01",
                           "--route", "pr-position"], capsys)
    assert code == 0
    assert "✔ pr-position  [met]  earliest (estimate): 2024-03-01 (met)" in out
    assert "任职类（2004年办法第二类） / Position holder" in out
    assert "presence_3_of_4: calendar days 1396, full days 1392  (threshold: 1096; M2004)" in out


@pytest.mark.parametrize("argv,expected", [
    (["--route", "pr-nothing"], "unknown route 'pr-nothing'"),
    (["--route", "draft2020-work-4x"], "is proposed (not law) and is never used for a verdict"),
    (["--setting", "elig_tax_share_reading=half"], "elig_tax_share_reading: expected one of threshold, salary"),
    (["--setting", "elig_nothing=1"], "unknown setting"),
])
def test_check_bad_arguments_exit_2(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]):
    code, out, err = run(["check", "--facts", str(EXAMPLES / "child-dependant.json"), *argv], capsys)
    assert (code, out) == (2, "") and expected in err


def test_check_bad_facts_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = write(tmp_path, {"income": [{"year": 2022, "wage_income": 1.5}]})
    code, out, err = run(["check", "--facts", str(path), "--json"], capsys)
    assert (code, out) == (2, "") and \
        f"{path}: Income and tax 收入与个税 1 · Wage income: expected an amount" in err
    code, _out, err = run(["check", "--facts", str(tmp_path / "missing.json")], capsys)
    assert code == 2 and "missing.json: cannot read" in err


def test_points_json_and_text(capsys: pytest.CaptureFixture[str]):
    code, out, err = run(["points", "--facts", str(EXAMPLES / "salary-shenzhen.json"), "--as-of", "2024-03-01",
                          "--json"], capsys)
    result = json.loads(out)
    assert (code, err) == (0, "")
    # 20 (salary 115 x 10k) + 15 (master) + 17 (14 years) + 15 (11 months) + 4 (HSK4) + 0 + 15 (age 39) + 5 + 0
    assert (result["applicant"], result["total"], result["category"]) == ("zhang-wei", 91, "A")
    assert [line["points"] for line in result["lines"]] == [20, 15, 17, 15, 4, 0, 15, 5, 0]
    code, out, _err = run(["points", "--facts", str(EXAMPLES / "salary-shenzhen.json"), "--as-of", "2024-03-01"],
                          capsys)
    assert code == 0 and "Total 91: category A (A ≥ 85, B ≥ 60; WP-POINTS)" in out and "年龄 / Age" in out
