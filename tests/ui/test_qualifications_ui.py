"""The Qualifications tab: its dialogs opened through their buttons, filled like a user, saved, and checked against
the database (English and Chinese); the employer's zone in the employment dialog; and the Eligibility tab turning
"unknown" into met once the facts are recorded."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtWidgets import QComboBox

from core.eligibility.results import Verdict
from core.records.identity import Applicant
from core.records.qualifications import (
    CategoryABasis,
    EliteItem,
    Investment,
    InvestmentKind,
    Qualifications,
    RecommendationPurpose,
    Recommender,
    Region,
)
from core.services.facade import JuliuService
from tests.ui.dialogs import double_click_row, retype, save, tab
from tests.ui.helpers import settled, type_text
from tests.ui.test_applicant_eligibility_tab import shown
from ui.eligibility.applicant_eligibility_tab import EligibilityTab
from ui.eligibility.eligibility_model import verdict_label
from ui.main_window import MainWindow
from ui.qualifications.labels import select
from ui.qualifications.qualifications_tab import QualificationsTab
from ui.records.employment_tab import EmploymentTab


def choose(combo: QComboBox, value: object) -> None:
    select(combo, value)
    assert combo.currentData() == value or value is None


def person(service: JuliuService, window: MainWindow, city: str = "Shanghai") -> int:
    a = service.save_applicant(Applicant("Moreau", "Jean", "莫让", city=city, birth_date=dt.date(1991, 1, 15)))
    assert a.id is not None
    window.refresh_applicants(select_id=a.id)
    return int(a.id)


def test_qualifications_dialog_saves_what_was_chosen_and_not_recorded_stays_none(
        window: MainWindow, service: JuliuService, lang: str) -> None:
    who = person(service, window)
    q_tab = tab(window, QualificationsTab)
    dialog = q_tab.edit()
    assert dialog is not None
    choose(dialog.experience, 6)
    choose(dialog.months, 12)
    choose(dialog.hsk, 4)
    choose(dialog.former_national, False)
    choose(dialog.region, Region.EASTERN.value)
    dialog.elite.items[EliteItem.FORTUNE500].setChecked(True)  # ticking an item marks the background recorded
    choose(dialog.category_a, CategoryABasis.NONE.value)
    choose(dialog.local_points, 0)
    choose(dialog.good_tax, True)
    dialog.investments_complete.setChecked(True)
    save(dialog)
    assert not dialog.isVisible()
    saved = service.qualifications.get(who)
    assert saved == Qualifications(who, 6, 12, 4, False, None, Region.EASTERN, (EliteItem.FORTUNE500,),
                                   CategoryABasis.NONE, 0, True, None, True, False)
    values = [label.text() for label in q_tab.values]
    assert values[0] == "6" and values[4] == ("Not recorded 未记录" if lang == "en" else "未记录")
    again = q_tab.edit()
    assert again is not None and again.experience.currentData() == 6 and again.elite.value() == (EliteItem.FORTUNE500,)
    again.elite.known.setChecked(False)
    choose(again.experience, None)
    save(again)
    assert service.qualifications.get(who).elite is None and service.qualifications.get(who).experience_years is None


def test_investment_and_letter_dialogs(window: MainWindow, service: JuliuService, lang: str) -> None:
    who = person(service, window)
    q_tab = tab(window, QualificationsTab)
    dialog = q_tab.investments.add()
    type_text(dialog.amount, "abc")
    save(dialog)
    assert dialog.isVisible() and dialog.error.text()  # stays open naming the amount
    assert service.qualifications.list_investments(who) == []
    retype(dialog.amount, "1,200,000")
    type_text(dialog.since, "2021-01-01")
    choose(dialog.region, Region.EASTERN.value)
    choose(dialog.encouraged, True)
    type_text(dialog.company, "上海某公司")
    save(dialog)
    (inv,) = service.qualifications.list_investments(who)
    assert inv == Investment(who, Decimal("1200000"), dt.date(2021, 1, 1), Region.EASTERN, InvestmentKind.CASH,
                             True, "上海某公司", id=inv.id)
    double_click_row(q_tab.investments.view, 0)
    edit = next(d for d in q_tab.investments.findChildren(type(dialog)) if d.isVisible())
    select(edit.kind, InvestmentKind.REAL_ESTATE.value)
    save(edit)
    assert service.qualifications.list_investments(who)[0].kind is InvestmentKind.REAL_ESTATE
    letter = q_tab.letters.add()
    select(letter.recommender, Recommender.NATIONAL_AUTHORITY.value)
    select(letter.purpose, RecommendationPurpose.MAJOR_CONTRIBUTION.value)
    type_text(letter.issuer, "科技部")
    type_text(letter.issue_date, "2026-01-10")
    save(letter)
    (saved,) = service.qualifications.list_recommendations(who)
    assert (saved.recommender, saved.purpose, saved.issuer, saved.issue_date) == (
        Recommender.NATIONAL_AUTHORITY, RecommendationPurpose.MAJOR_CONTRIBUTION, "科技部", dt.date(2026, 1, 10))
    assert q_tab.letters.model.rowCount() == 1


def test_employment_dialog_stores_the_employer_zone(window: MainWindow, service: JuliuService) -> None:
    who = person(service, window, city="Beijing")
    dialog = tab(window, EmploymentTab).add()
    type_text(dialog.employer_zh, "北京某科技公司")
    type_text(dialog.start, "2022-01-01")
    type_text(dialog.city, "Beijing")
    dialog.zone.setCurrentIndex(dialog.zone.findData("zhongguancun"))
    save(dialog)
    (job,) = service.records.list_employment(who)
    assert (job.city, job.zone) == ("Beijing", "zhongguancun")


def test_recorded_facts_turn_unknown_routes_into_met(qtbot, window: MainWindow, service: JuliuService) -> None:  # type: ignore[no-untyped-def]
    person(service, window)
    eligibility = tab(window, EligibilityTab)
    window.tabs.setCurrentWidget(eligibility)
    settled(qtbot, eligibility)
    assert shown(eligibility)["pr-major-contribution"][0] == verdict_label(Verdict.UNKNOWN)
    q_tab = tab(window, QualificationsTab)
    window.tabs.setCurrentWidget(q_tab)
    letter = q_tab.letters.add()
    select(letter.recommender, Recommender.NATIONAL_AUTHORITY.value)
    select(letter.purpose, RecommendationPurpose.MAJOR_CONTRIBUTION.value)
    type_text(letter.issue_date, "2026-01-10")
    save(letter)
    window.tabs.setCurrentWidget(eligibility)  # shown again: recomputed from the records
    settled(qtbot, eligibility)
    assert shown(eligibility)["pr-major-contribution"][0] == verdict_label(Verdict.MET)
    assert any("counts for" in n or "用于" in n for n in eligibility.notes)
