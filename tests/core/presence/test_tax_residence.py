"""IIT residence, the 90-day test and the six-year rule: DOMAIN cases 4-8 and the MOF/SAT example, table-driven."""
from __future__ import annotations

import datetime as dt

import pytest

from core.presence.config import PRESENCE_RULES, PresenceConfig, load_presence_rules
from core.presence.tax_residence import TaxYear, tax_years
from core.records.identity import Crossing, Direction
from core.ruledata.loader import RulesError, Settings, load_setting_defs

D = dt.date.fromisoformat
IN, OUT = Direction.ENTRY, Direction.EXIT
SETTINGS = Settings(load_setting_defs())
CONFIG = PresenceConfig.from_settings(SETTINGS)


def resident_since_2018(*trips: tuple[str, str]) -> list[Crossing]:
    """In China from 2018-12-01 on, except the given (exit, return) trips."""
    result = [Crossing(D("2018-12-01"), IN)]
    for out, back in trips:
        result += [Crossing(D(out), OUT), Crossing(D(back), IN)]
    return result


def by_year(crossings: list[Crossing], as_of: str, config: PresenceConfig = CONFIG) -> dict[int, TaxYear]:
    return {t.year: t for t in tax_years(crossings, D(as_of), config)}


def test_case_4_resident_at_183_full_days_not_at_182():
    # Entered 2023-12-31: every 2024 date before the exit is a full day (Jan-Jun = 182, so exit 07-02 -> 183).
    for exit_day, full, resident in (("2024-07-02", 183, True), ("2024-07-01", 182, False)):
        years = by_year([Crossing(D("2023-12-31"), IN), Crossing(D(exit_day), OUT)], "2024-12-31")
        assert (years[2024].full_days, years[2024].resident) == (full, resident)


def test_case_5_six_qualifying_years_make_2025_worldwide_taxable():
    years = by_year(resident_since_2018(), "2025-12-31")
    assert [y for y in years if years[y].six_year.worldwide_taxable] == [2025]
    assert [(y, years[y].six_year.consecutive) for y in range(2019, 2026)] == [
        (2019, 1), (2020, 2), (2021, 3), (2022, 4), (2023, 5), (2024, 6), (2025, 7)]
    assert not years[2023].six_year.worldwide_taxable  # foreign-source, foreign-paid income exempt
    assert not any(t.six_year.borderline for t in years.values())


def test_case_6_a_44_day_trip_in_2022_resets_the_count_until_2029():
    years = by_year(resident_since_2018(("2022-07-01", "2022-08-15")), "2029-12-31")
    assert years[2022].longest_absence_full_days == 44
    assert not years[2022].six_year.qualifies and years[2022].six_year.consecutive == 0
    assert [y for y in years if years[y].six_year.worldwide_taxable] == [2029]
    assert all(not years[y].six_year.worldwide_taxable for y in (2025, 2026, 2027, 2028))
    assert not any(t.six_year.borderline for t in years.values())


@pytest.mark.parametrize("back,full,qualifies,borderline,taxable_2025", [
    ("2024-07-31", 29, True, False, True),  # 29 full / 30 date difference: over 30 under neither reading
    ("2024-08-01", 30, True, True, True),  # 30 / 31: over 30 only by date difference -> ambiguous
    ("2024-08-02", 31, False, False, False),  # 31 / 32: over 30 under both readings -> reset
])
def test_case_7_edges_of_30_days(back: str, full: int, qualifies: bool, borderline: bool, taxable_2025: bool):
    years = by_year(resident_since_2018(("2024-07-01", back)), "2025-12-31")
    six = years[2024].six_year
    assert (years[2024].longest_absence_full_days, six.qualifies, six.borderline) == (full, qualifies, borderline)
    assert years[2025].six_year.worldwide_taxable is taxable_2025
    assert years[2025].six_year.borderline is borderline  # 2025's taxation hangs on 2024's reading
    assert "Review by hand" in six.note  # 29-32 days are flagged either way
    if borderline:
        assert "date difference" in six.note and "30 full days outside, 31 days by date difference" in six.note
        assert "worldwide income taxable" in years[2025].six_year.note


def test_case_7_with_the_date_difference_reading_chosen():
    config = PresenceConfig.from_settings(SETTINGS.with_value("presence_six_year_departure_reading",
                                                              "date_difference"))
    years = by_year(resident_since_2018(("2024-07-01", "2024-08-01")), "2025-12-31", config)
    assert not years[2024].six_year.qualifies and years[2024].six_year.borderline
    assert not years[2025].six_year.worldwide_taxable and years[2025].six_year.borderline
    assert "does not qualify" in years[2024].six_year.note


def test_mof_example_a_long_absence_in_the_taxable_year_resets_the_next():
    years = by_year(resident_since_2018(("2025-02-01", "2025-03-15")), "2026-12-31")
    assert years[2025].six_year.worldwide_taxable and not years[2025].six_year.qualifies
    assert not years[2026].six_year.worldwide_taxable and years[2026].six_year.consecutive == 1


@pytest.mark.parametrize("full_days,exempt", [(85, True), (90, True), (91, False), (95, False)])
def test_case_8_ninety_day_rule(full_days: int, exempt: bool):
    # In from 2024-03-01 (not a full day) for full_days full days, then out.
    exit_day = D("2024-03-01") + dt.timedelta(days=full_days + 1)
    years = by_year([Crossing(D("2024-03-01"), IN), Crossing(exit_day, OUT)], "2024-12-31")
    assert (years[2024].full_days, years[2024].within_90_days, years[2024].resident) == (full_days, exempt, False)


def test_years_before_2019_never_count():
    years = by_year([Crossing(D("2012-01-01"), IN)], "2019-12-31")
    assert all(not years[y].six_year.qualifies and years[y].six_year.consecutive == 0 for y in range(2012, 2019))
    assert "do not count" in years[2018].six_year.note
    assert years[2019].six_year.consecutive == 1


def test_absence_across_new_year_counts_in_the_exit_year_and_is_borderline_for_the_next():
    years = by_year(resident_since_2018(("2022-12-20", "2023-02-01")), "2023-12-31")
    assert not years[2022].six_year.qualifies and years[2022].longest_absence_full_days == 42
    assert years[2023].six_year.qualifies and years[2023].six_year.borderline
    assert "every year it touches" in years[2023].six_year.note
    every = PresenceConfig.from_settings(SETTINGS.with_value("presence_six_year_departure_year", "every_year"))
    assert not by_year(resident_since_2018(("2022-12-20", "2023-02-01")), "2023-12-31", every)[2023].six_year.qualifies


def test_open_absence_over_30_days_already_resets():
    years = by_year(resident_since_2018(("2019-03-01", "2019-03-05")) + [Crossing(D("2026-09-01"), OUT)],
                    "2026-11-22")
    assert years[2026].longest_absence_full_days == 82
    assert not years[2026].six_year.qualifies
    assert "Year not over" in years[2026].six_year.note


def test_presence_before_a_first_exit_is_assumed_and_said():
    years = by_year([Crossing(D("2023-03-01"), OUT), Crossing(D("2023-03-10"), IN)], "2025-12-31")
    assert min(years) == 2023 and years[2023].six_year.consecutive == 5
    assert years[2025].six_year.worldwide_taxable
    assert "Assumes presence in China from 2019" in years[2023].six_year.note


def test_no_crossings_and_crossings_after_as_of():
    assert tax_years([], D("2025-01-01"), CONFIG) == []
    assert tax_years([Crossing(D("2026-01-05"), IN)], D("2025-12-31"), CONFIG) == []


def test_rules_file_has_provenance_and_bad_files_name_the_key(tmp_path):
    rules = load_presence_rules()
    assert (rules.tax_resident.days, rules.tax_resident.provenance.source) == (183, "TAX34")
    assert (rules.ninety_day.days, rules.ninety_day.provenance.source) == (90, "IITREG")
    assert (rules.six_year.first_year, rules.six_year.years, rules.six_year.max_single_departure_days) == (2019, 6, 30)
    assert {c.key for c in rules.pr_conditions} >= {"salary_tax", "spouse", "position_holder", "retention"}
    bad = tmp_path / "presence.toml"
    text = PRESENCE_RULES.read_text(encoding="utf-8")
    bad.write_text(text.replace("min_full_days = 183", "min_full_days = -1"), encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_presence_rules(bad)
    assert err.value.key == "tax_resident.min_full_days"


@pytest.mark.parametrize("reading,exit_year_qualifies,return_year_qualifies", [
    ("exit_year", False, True), ("entry_year", True, False), ("every_year", False, False),
])
def test_new_year_departure_under_each_reading(reading: str, exit_year_qualifies: bool, return_year_qualifies: bool):
    # DOMAIN open question 15: an absence over 30 days across New Year counts in the year it starts, the year it
    # ends, or both; the setting chooses, the other readings make both years borderline and are named.
    config = PresenceConfig.from_settings(SETTINGS.with_value("presence_six_year_departure_year", reading))
    years = by_year(resident_since_2018(("2022-12-20", "2023-02-01")), "2023-12-31", config)
    assert (years[2022].six_year.qualifies, years[2023].six_year.qualifies) == (
        exit_year_qualifies, return_year_qualifies)
    assert years[2022].six_year.borderline and years[2023].six_year.borderline
    others = {"exit_year": "year of exit", "entry_year": "year of return", "every_year": "every year it touches"}
    assert any(text in years[2023].six_year.note for key, text in others.items() if key != reading)
