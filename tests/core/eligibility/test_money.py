"""The 6x wage and 20% tax tests in exact decimals (DOMAIN cases 15 and 16), and the wage table as data."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.eligibility.money import load_wages, salary_tax_year, salary_threshold, tax_minimum, wage_data_year
from core.ruledata.loader import RulesError

WAGES = load_wages()


def beijing_2021():
    figure = WAGES.find("Beijing", 2021, "non_private")
    assert figure is not None and figure.value == Decimal("194651")
    return figure


def test_case_15_thresholds_are_exact():
    threshold = salary_threshold(beijing_2021().value, Decimal(6))
    assert threshold == Decimal("1167906.00")
    assert tax_minimum(threshold, Decimal("1300000"), Decimal("0.20"), "threshold") == Decimal("233581.20")
    assert tax_minimum(threshold, Decimal("1300000"), Decimal("0.20"), "salary") == Decimal("260000.00")
    assert isinstance(threshold, Decimal)


@pytest.mark.parametrize("salary,iit,wage_ok,threshold_reading,salary_reading", [
    ("1200000", "240000", True, True, True),  # pass under both readings
    ("1100000", "240000", False, True, True),  # fails the salary test
    ("1300000", "230000", True, False, False),  # fails both readings (needs 233,581.20 or 260,000)
    ("1300000", "250000", True, True, False),  # the ambiguity the app must show
])
def test_case_15_outcomes(salary: str, iit: str, wage_ok: bool, threshold_reading: bool, salary_reading: bool):
    year = salary_tax_year(2022, Decimal(salary), Decimal(iit), beijing_2021())
    assert year.passes_wage is wage_ok
    assert (year.passes_tax("threshold"), year.passes_tax("salary")) == (threshold_reading, salary_reading)
    assert year.tax_readings_differ is (threshold_reading != salary_reading)


def test_case_16_shenzhen_on_post():
    figure = WAGES.find("shenzhen", 2022, "on_post")
    assert figure is not None and figure.value == Decimal("164754") and figure.provenance.confidence == "H"
    threshold = salary_threshold(figure.value, Decimal(6))
    assert threshold == Decimal("988524.00")
    assert tax_minimum(threshold, threshold, Decimal("0.20"), "threshold") == Decimal("197704.80")


def test_statistics_are_kept_apart():
    assert WAGES.find("Shenzhen", 2022, "non_private").value == Decimal("162680")
    assert WAGES.find("Beijing", 2021, "on_post") is None  # never silently replaced by another statistic
    assert WAGES.find("Beijing", 2018, "all_caliber").provenance.confidence == "L"


def test_wage_year_readings():
    assert wage_data_year(2021, 2025, "application") == 2024
    assert wage_data_year(2021, 2025, "each_year") == 2020


GOOD = '[[figure]]\narea = "X"\nyear = 2021\nstatistic = "on_post"\nvalue = 100\nsource = "WAGE"\nconfidence = "H"\n'


@pytest.mark.parametrize("edit,key,problem", [
    (lambda s: s.replace('value = 100\n', ''), "figure[0].value", "missing"),
    (lambda s: s.replace('value = 100', 'value = 100.5'), "figure[0].value", "integer or a decimal string"),
    (lambda s: s.replace('value = 100', 'value = "abc"'), "figure[0].value", "not a decimal amount"),
    (lambda s: s.replace('value = 100', 'value = 0'), "figure[0].value", "greater than zero"),
    (lambda s: s.replace('"on_post"', '"average"'), "figure[0].statistic", "expected one of"),
    (lambda s: s.replace('year = 2021', 'year = "2021"'), "figure[0].year", "expected int"),
    (lambda s: s.replace('source = "WAGE"\n', ''), "figure[0].source", "missing"),
    (lambda s: s + s, "figure[1]", "duplicate figure for X 2021 on_post"),
])
def test_bad_wage_files_name_file_and_key(tmp_path: Path, edit, key: str, problem: str):
    path = tmp_path / "wages.toml"
    path.write_text(edit(GOOD), encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_wages(path)
    assert (err.value.path, err.value.key) == (str(path), key)
    assert problem in err.value.problem


def test_decimal_string_values_are_exact(tmp_path: Path):
    path = tmp_path / "wages.toml"
    path.write_text(GOOD.replace("value = 100", 'value = "229300.10"'), encoding="utf-8")
    assert load_wages(path).figures[0].value == Decimal("229300.10")
