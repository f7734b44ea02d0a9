"""Years of work experience from dated periods (issue 11 item 2; DOMAIN §3.1): full years, overlaps by the setting
elig_experience_overlap, the stored number as a fallback said to be one."""
from __future__ import annotations

import datetime as dt

import pytest

from core.eligibility.workpermit.experience import WorkPeriod, derive, experience_years, full_years
from core.i18n import set_locale

D = dt.date.fromisoformat
AS_OF = D("2026-11-30")


@pytest.mark.parametrize("start,end,expected", [
    ("2020-03-01", "2023-02-28", (3, 0)),  # to the day before the anniversary: 3 full years
    ("2020-03-01", "2023-02-27", (2, 364)),
    ("2020-01-01", "2020-12-31", (1, 0)),
    ("2020-02-29", "2021-02-28", (1, 0)),  # a 29 February start has its anniversary on 1 March
    ("2021-06-15", "2021-06-15", (0, 1)),
])
def test_full_years_of_one_stretch(start, end, expected):
    assert full_years(D(start), D(end)) == expected


def job(start: str | None, end: str | None = None, employer: str = "ACME", country: str = "GBR") -> WorkPeriod:
    return WorkPeriod(employer, D(start) if start else None, D(end) if end else None, country)


@pytest.mark.parametrize("periods,overlap,expected", [
    ([job("2015-09-01", "2019-08-31")], "once", 4),
    # two jobs held at the same time for a year: once counts the year once, each twice
    ([job("2015-09-01", "2019-08-31"), job("2018-09-01", "2020-08-31")], "once", 5),
    ([job("2015-09-01", "2019-08-31"), job("2018-09-01", "2020-08-31")], "each", 6),
    # back to back: one stretch
    ([job("2016-01-01", "2017-06-30"), job("2017-07-01", "2018-12-31")], "once", 3),
    # leftovers of separate stretches add up: 8 months + 6 months = 14 months -> 1 year
    ([job("2010-01-01", "2010-08-31"), job("2012-01-01", "2012-06-30")], "once", 1),
    ([job("2024-12-01")], "once", 2),  # open end: until the date checked, both days included
    ([job("2024-12-02")], "once", 1),  # one day short of 2 years
    ([job("2027-01-01")], "once", 0),  # starts after the date checked
])
def test_years_from_periods(periods, overlap, expected):
    assert experience_years(periods, AS_OF, overlap) == expected


def test_periods_win_over_the_stored_number_and_the_fallback_says_so():
    derived = derive([job("2015-09-01", "2019-08-31"), job(None, employer="Undated Ltd")], 9, AS_OF, "once")
    assert (derived.years, derived.from_periods) == (4, True)
    assert "Undated Ltd" in derived.note and "(9) is not used" in derived.note
    fallback = derive([], 9, AS_OF, "once")
    assert (fallback.years, fallback.from_periods) == (9, False) and "as recorded" in fallback.note
    assert derive([], None, AS_OF, "once").years is None


@pytest.mark.parametrize("lang,setting", [("en", "“Work experience: overlapping periods count once, or each”"),
                                          ("zh_CN", "“工作经历：时间重叠的期间只计一次，或分别计算”")])
def test_the_note_names_the_setting_as_the_settings_dialog_does(lang: str, setting: str):
    set_locale(lang)
    try:
        note = derive([WorkPeriod("Acme", dt.date(2018, 1, 1), dt.date(2022, 12, 31))], None, dt.date(2026, 1, 1),
                      "once").note
    finally:
        set_locale("en")
    assert setting in note and "elig_experience_overlap" not in note
    if lang == "zh_CN":
        assert note == ("工作经历：根据 1 段注明日期的工作期间，计为满 5 年（时间重叠的期间只计一次；"
                        f"见设置{setting}）。")
