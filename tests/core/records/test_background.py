"""Issue 10 §4: a person's details, the passport type, the resume and the residence history: validated, stored,
in case files (round trip, and bad values named by JSON path)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from core.errors import InputError
from core.exchange.casefile import case_from_json
from core.records.background import MaritalStatus, PersonDetails, ResidencePeriod, ResumePeriod
from core.records.identity import Applicant, ApplicantId, Passport, PassportType
from core.records.validate import validate_details, validate_residence, validate_resume
from core.services.facade import JuliuService
from tests.dbfile import scalar

CASES = Path(__file__).resolve().parents[3] / "examples" / "cases"


def _person(service: JuliuService) -> ApplicantId:
    a = service.save_applicant(Applicant("Kim", "Minjun", birth_date=dt.date(1991, 8, 9), nationality="KOR"))
    assert a.id is not None
    return a.id


def test_validators_name_the_field() -> None:
    one = ApplicantId(1)
    assert [p.field for p in validate_details(PersonDetails(one, phone="call me", contact_phone="+82 10"))] == [
        "phone", "contact_phone", "contact_name"]
    assert [p.field for p in validate_details(PersonDetails(one, contact_relation="母亲"))] == ["contact_name"]
    assert validate_details(PersonDetails(one, "SEOUL", "+86 186-8821-3470", MaritalStatus.SINGLE, "Kim Soo-ah",
                                          "母亲 Mother", "+82 10 2345 6789")) == []
    late = ResumePeriod(one, "Korea University", dt.date(2014, 2, 21), dt.date(2010, 3, 2))
    assert [p.field for p in validate_resume(late)] == ["end_date"]
    assert [p.field for p in validate_resume(ResumePeriod(one, " "))] == ["organisation"]
    assert [p.field for p in validate_residence(ResidencePeriod(one, "", country="Korea"))] == ["address", "country"]


def test_stored_and_read_back(service: JuliuService) -> None:
    kim = _person(service)
    assert service.personal.details(kim) == PersonDetails(kim)  # nothing recorded yet
    details = PersonDetails(kim, "SEOUL", "+86 186 8821 3470", MaritalStatus.MARRIED, "Kim Soo-ah", "母亲",
                            "+82 10 2345")
    service.personal.save_details(details)
    assert service.personal.details(kim) == details
    service.personal.save_details(dataclasses.replace(details, phone=""))
    assert service.personal.details(kim).phone == "" and scalar(service, "SELECT count(*) FROM person_details") == 1
    first = service.personal.save_resume(ResumePeriod(kim, "Samsung", dt.date(2016, 3, 2), None, "Engineer",
                                                      "Suwon"))
    service.personal.save_resume(ResumePeriod(kim, "Korea University", dt.date(2010, 3, 2), dt.date(2014, 2, 21)))
    assert [p.organisation for p in service.personal.list_resume(kim)] == ["Korea University", "Samsung"]
    service.personal.save_resume(dataclasses.replace(first, position="Senior engineer"))
    assert service.personal.list_resume(kim)[1].position == "Senior engineer"
    home = service.personal.save_residence(ResidencePeriod(kim, "Seoul", dt.date(2009, 8, 9), None, "KOR"))
    assert service.personal.list_residence(kim) == [home]
    with pytest.raises(InputError) as bad:
        service.personal.save_residence(ResidencePeriod(kim, "Seoul", country="kor"))
    assert bad.value.problems[0].field == "country" and len(service.personal.list_residence(kim)) == 1
    passport = service.save_passport(Passport(kim, "M7", "KOR", None, dt.date(2030, 1, 1),
                                              passport_type=PassportType.OFFICIAL))
    assert service.list_passports(kim)[0].passport_type is PassportType.OFFICIAL
    service.save_passport(dataclasses.replace(passport, passport_type=None))
    assert service.list_passports(kim)[0].passport_type is None
    person = service.records.person_records(kim)
    assert person.details is not None and len(person.resume) == 2 and len(person.residence_history) == 1
    service.delete_applicant(kim)  # the person's rows go with them
    assert scalar(service, "SELECT count(*) FROM resume_period") == 0


def test_case_file_carries_the_new_fields(service: JuliuService, tmp_path: Path) -> None:
    ids = service.records.import_case(CASES / "shenzhen-work-permit-renewal.json")
    person = service.records.person_records(ids[0])
    assert person.details is not None and person.details.birth_place == "SEOUL"
    assert person.details.marital_status is MaritalStatus.SINGLE
    assert person.passports[0].passport_type is PassportType.ORDINARY
    assert [p.organisation for p in person.resume][-1] == "Samsung Electro-Mechanics Co., Ltd."
    assert person.residence_history[0].country == "KOR" and person.residence_history[-1].end_date is None


def test_bad_values_are_named_by_json_path() -> None:
    value = json.loads((CASES / "shenzhen-work-permit-renewal.json").read_text(encoding="utf-8"))
    value["principal"]["marital_status"] = "complicated"
    value["passports"][0]["type"] = "gold"
    value["resume"][1]["end_date"] = "2000-01-01"
    value["residence_history"][0]["address"] = ""
    with pytest.raises(InputError) as bad:
        case_from_json(value, "kim.json")
    where = {p.field for p in bad.value.problems}
    assert {"$.principal.marital_status", "$.passports[0].type", "$.resume[1].end_date",
            "$.residence_history[0].address"} <= where, where
