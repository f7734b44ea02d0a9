"""`points --applicant` from stored records: a total when every factor is recorded, else each missing factor named
by its label in the user's language (never a raw id); `check --json` judges the investor route from the records."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from core.i18n import set_locale
from core.records.identity import Applicant
from core.records.model import DegreeLevel, Document, DocumentKind, IncomeYear
from core.records.qualifications import CategoryABasis, EliteItem, Investment, Qualifications, Region
from tests.cli.test_cli import run
from tests.dbfile import open_as_cli

D = dt.date.fromisoformat


def stored(data_dir: Path, **changes: object) -> int:
    """DOMAIN case 25 (77 points, category B) recorded in the store; `changes` unset some of it."""
    service = open_as_cli(data_dir)
    try:
        who = service.save_applicant(Applicant("Moreau", "Jean", birth_date=D("1991-01-15"), city="Shanghai")).id
        assert who is not None
        service.records.save_document(Document(who, DocumentKind.DEGREE, subtype=DegreeLevel.MASTER.value))
        service.records.save_income(IncomeYear(who, 2025, Decimal(300000), Decimal(40000), "Shanghai"))
        values = dict(experience_years=6, months_in_china=12, hsk_level=4, former_chinese_national=False,
                      degree_taught_in_chinese=False, work_region=Region.EASTERN, elite=(EliteItem.FORTUNE500,),
                      category_a=CategoryABasis.NONE, local_points=0, good_tax_record=True,
                      investments_complete=True)
        values.update(changes)
        service.qualifications.save(Qualifications(who, **values))  # type: ignore[arg-type]
        service.qualifications.save_investment(Investment(who, Decimal(600000), D("2021-01-01"), Region.EASTERN,
                                                          encouraged=True))
        return int(who)
    finally:
        service.close()


def test_points_total_when_everything_is_recorded(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    who = stored(data_dir)
    base = ["--data-dir", str(data_dir)]
    code, out, err = run([*base, "points", "--applicant", str(who), "--as-of", "2026-06-30", "--json"], capsys)
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert (result["total"], result["max_total"], result["category"], result["missing"]) == (77, 77, "B", [])
    code, out, err = run([*base, "points", "--applicant", str(who), "--as-of", "2026-06-30"], capsys)
    assert code == 0 and "Total 77: category B" in out and "Missing" not in out
    code, out, err = run([*base, "check", "--applicant", str(who), "--as-of", "2026-06-30", "--route",
                          "pr-investor", "--json"], capsys)
    assert code == 0 and json.loads(out)["routes"][0]["verdict"] == "met"


def test_points_name_each_missing_factor(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    who = stored(data_dir, experience_years=None, local_points=None)
    base = ["--data-dir", str(data_dir)]
    code, out, err = run([*base, "points", "--applicant", str(who), "--as-of", "2026-06-30"], capsys)
    assert code == 0
    missing = next(line for line in out.splitlines() if line.startswith("Missing for a total"))
    assert missing == ("Missing for a total: Work experience (years), Local encouragement (set by the province).")
    try:
        code, out, err = run([*base, "--lang", "zh_CN", "points", "--applicant", str(who), "--as-of",
                              "2026-06-30"], capsys)
    finally:
        set_locale("en")
    assert "工作经历（年）" in out and "地方鼓励性加分（省级确定）" in out and "experience_years" not in out
    code, out, err = run([*base, "points", "--applicant", str(who), "--as-of", "2026-06-30", "--json"], capsys)
    assert [m["factor"] for m in json.loads(out)["missing"]] == ["experience", "local"]
