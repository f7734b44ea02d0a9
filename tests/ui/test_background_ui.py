"""Issue 10 §4 in the window: the Background tab's dialogs (details, resume, residence history) and the passport
type in the applicant dialog, opened, filled like a user, saved, and checked against the database."""
from __future__ import annotations

import datetime as dt

from core.records.background import MaritalStatus
from core.records.identity import Applicant, PassportType
from core.services.facade import JuliuService
from tests.ui.dialogs import choose, double_click_row, opened, retype, save
from tests.ui.helpers import type_text
from ui.main_window import MainWindow
from ui.records.applicant_dialog import ApplicantDialog
from ui.records.background_tab import BackgroundTab, DetailsDialog, ResidenceDialog, ResumeDialog


def test_background_dialogs_save_what_the_forms_need(window: MainWindow, service: JuliuService) -> None:
    a = service.save_applicant(Applicant("Kim", "Minjun", "金敏俊", nationality="KOR"))
    assert a.id is not None
    window.refresh_applicants(select_id=a.id)
    background = next(t for t in window.applicant_tabs if isinstance(t, BackgroundTab))
    window.tabs.setCurrentWidget(background)

    background.buttons["edit_details"].click()
    details = opened(window, DetailsDialog)
    type_text(details.birth_place, "SEOUL")
    type_text(details.phone, "call me")
    save(details)
    assert details.isVisible() and details.error.text()  # a phone that is not one: named, nothing saved
    assert service.personal.recorded_details(a.id) is None
    retype(details.phone, "+86 186 8821 3470")
    choose(details.marital, MaritalStatus.SINGLE)
    type_text(details.contact_name, "김수아 Kim Soo-ah")
    type_text(details.contact_relation, "母亲")
    type_text(details.contact_phone, "+82 10 2345 6789")
    save(details)
    assert not details.isVisible()
    stored = service.personal.details(a.id)
    assert (stored.birth_place, stored.phone, stored.marital_status, stored.contact_name, stored.contact_relation) \
        == ("SEOUL", "+86 186 8821 3470", MaritalStatus.SINGLE, "김수아 Kim Soo-ah", "母亲")
    assert "SEOUL" in background.summary.text()
    window.history.undo()  # the first save of details is undone whole
    assert service.personal.recorded_details(a.id) is None
    window.history.redo()
    assert service.personal.details(a.id).birth_place == "SEOUL"

    background.resume.buttons["add_resume_period"].click()
    resume = opened(window, ResumeDialog)
    type_text(resume.organisation, "Korea University")
    type_text(resume.position, "学生 Student")
    type_text(resume.place, "Seoul")
    type_text(resume.start, "2010-03-02")
    type_text(resume.end, "2009-02-21")
    save(resume)
    assert resume.isVisible() and service.personal.list_resume(a.id) == []
    retype(resume.end, "2014-02-21")
    save(resume)
    double_click_row(background.resume.view, 0)
    resume = opened(window, ResumeDialog)
    retype(resume.place, "韩国首尔 Seoul")
    save(resume)
    (period,) = service.personal.list_resume(a.id)
    assert (period.organisation, period.place, period.start_date, period.end_date) == (
        "Korea University", "韩国首尔 Seoul", dt.date(2010, 3, 2), dt.date(2014, 2, 21))
    assert not period.work  # studies: not work experience

    # a job abroad, marked as work: it counts towards the years of work experience (issue 11 item 2)
    background.resume.buttons["add_resume_period"].click()
    job = opened(window, ResumeDialog)
    type_text(job.organisation, "Samsung Electro-Mechanics")
    type_text(job.country, "kr")
    job.work.setChecked(True)
    save(job)
    assert job.isVisible() and job.error.text()  # a work period needs its start; a 2-letter country is named
    assert len(service.personal.list_resume(a.id)) == 1
    retype(job.country, "kor")
    type_text(job.start, "2016-03-02")
    type_text(job.end, "2023-12-31")
    save(job)
    assert not job.isVisible()
    work = next(p for p in service.personal.list_resume(a.id) if p.work)
    assert (work.organisation, work.country, work.start_date) == ("Samsung Electro-Mechanics", "KOR",
                                                                   dt.date(2016, 3, 2))
    facts = service.eligibility.facts(a.id, dt.date(2024, 3, 2)).facts
    assert facts.work_permit is not None and facts.work_permit.experience_years == 7
    double_click_row(background.resume.view, 1)
    job = opened(window, ResumeDialog)
    assert job.work.isChecked() and job.country.text() == "KOR"
    save(job)

    background.residence.buttons["add_residence_period"].click()
    home = opened(window, ResidenceDialog)
    type_text(home.address, "深圳市南山区科苑南路 3099 号")
    type_text(home.country, "chn")
    type_text(home.start, "2024-01-15")
    save(home)
    double_click_row(background.residence.view, 0)
    home = opened(window, ResidenceDialog)
    retype(home.address, "深圳市南山区科苑南路 3099 号 18 栋 906")
    save(home)
    (place,) = service.personal.list_residence(a.id)
    assert (place.address, place.country, place.start_date, place.end_date) == (
        "深圳市南山区科苑南路 3099 号 18 栋 906", "CHN", dt.date(2024, 1, 15), None)


def test_the_applicant_dialog_keeps_the_passport_type(window: MainWindow, service: JuliuService) -> None:
    window.applicant_buttons["add_applicant"].click()
    dialog = opened(window, ApplicantDialog)
    type_text(dialog.family_name, "Tan")
    type_text(dialog.passport_number, "K4418207Q")
    type_text(dialog.passport_expiry, "2029-06-29")
    choose(dialog.passport_type, PassportType.OFFICIAL)
    save(dialog)
    (a,) = service.list_applicants()
    assert a.id is not None
    assert service.list_passports(a.id)[0].passport_type is PassportType.OFFICIAL
    double_click_row(window.applicant_view, 0)
    dialog = opened(window, ApplicantDialog)
    assert dialog.passport_type.currentData() == PassportType.OFFICIAL
    choose(dialog.passport_type, PassportType.ORDINARY)
    save(dialog)
    assert service.list_passports(a.id)[0].passport_type is PassportType.ORDINARY
