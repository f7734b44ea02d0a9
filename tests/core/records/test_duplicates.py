"""Duplicate clients: the same passport number, or the same name and date of birth."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.records.duplicates import DuplicateIndex, find_duplicates, merged_identity, name_and_birth_key
from core.records.identity import Applicant, ApplicantId, Passport, Sex

BORN = dt.date(1985, 4, 12)
ANNA = Applicant("Smith", "Anna", "史安娜", Sex.FEMALE, BORN, "GBR", "Beijing", id=ApplicantId(1))
OTTO = Applicant("Müller-Lüdenscheidt", "Otto", "", None, dt.date(1970, 1, 1), "DEU", "", id=ApplicantId(2))
STORED = [ANNA, OTTO]
NUMBERS = {ApplicantId(1): ["123456789"], ApplicantId(2): ["C01X00T47"]}


@pytest.mark.parametrize(("typed", "same"), [("C01X00T47", True), ("c01x00t47", True), ("C01 X00-T47", True),
                                             ("C01X00T47<", True), ("C01X00T48", False), ("", False)])
def test_passport_numbers_compare_without_spacing_or_case(typed: str, same: bool):
    new = Applicant("Other", "Person", id=None)
    found = find_duplicates(new, [typed], STORED, NUMBERS)
    assert [m.existing.id for m in found] == ([ApplicantId(2)] if same else [])
    assert all(m.by_passport and not m.by_name_and_birth for m in found)


def test_same_name_and_birth_date_is_a_duplicate_without_a_passport():
    new = Applicant("SMITH", " anna", birth_date=BORN)
    (match,) = find_duplicates(new, [], STORED, NUMBERS)
    assert match.existing is ANNA and match.by_name_and_birth and not match.by_passport
    assert find_duplicates(Applicant("Smith", "Anna", birth_date=dt.date(1985, 4, 13)), [], STORED, NUMBERS) == []
    assert find_duplicates(Applicant("Smith", "Anna"), [], STORED, NUMBERS) == []  # no birth date: no name match
    accented = Applicant("MULLER LUDENSCHEIDT", "Otto", birth_date=dt.date(1970, 1, 1))
    assert [m.existing for m in find_duplicates(accented, [], STORED, NUMBERS)] == [OTTO]
    assert name_and_birth_key(Applicant("", "Anna", birth_date=BORN)) is None


def test_both_reasons_and_the_applicant_itself_is_never_its_own_duplicate():
    (match,) = find_duplicates(Applicant("Smith", "Anna", birth_date=BORN), ["123456789"], STORED, NUMBERS)
    assert match.by_passport and match.by_name_and_birth
    assert find_duplicates(ANNA, ["123456789"], STORED, NUMBERS) == []


def test_passport_matches_come_first():
    twin = Applicant("Other", "Name", id=ApplicantId(3), birth_date=BORN)
    found = find_duplicates(Applicant("Smith", "Anna", birth_date=BORN), ["ZZ999"], [twin, ANNA, OTTO],
                            {**NUMBERS, ApplicantId(3): ["zz 999"]})
    assert [m.existing.id for m in found] == [ApplicantId(3), ApplicantId(1)]


@pytest.mark.parametrize(("candidate", "numbers"), [
    (Applicant("Other", "Person"), ["c01 x00-t47"]), (Applicant("SMITH", " anna", birth_date=BORN), []),
    (Applicant("Smith", "Anna", birth_date=BORN), ["123456789"]), (ANNA, ["123456789"]),
    (Applicant("Smith", "Anna", birth_date=BORN), ["ZZ999"]), (Applicant("Nobody", "X"), ["", "Q1"])])
def test_the_index_finds_what_find_duplicates_finds(candidate: Applicant, numbers: list[str]):
    """The bulk import's index (built once for thousands of files) answers as the one-at-a-time check does."""
    twin = Applicant("Other", "Name", id=ApplicantId(3), birth_date=BORN)
    stored, by_id = [twin, ANNA, OTTO], {**NUMBERS, ApplicantId(3): ["zz 999"]}
    assert DuplicateIndex(stored, by_id).matches(candidate, numbers) == find_duplicates(candidate, numbers, stored,
                                                                                         by_id)


def test_the_index_learns_added_people():
    index = DuplicateIndex([], {})
    assert index.matches(Applicant("Smith", "Anna", birth_date=BORN), []) == []
    index.add(ANNA, ["123456789"])
    assert [m.existing for m in index.matches(Applicant("X", "Y"), ["123 456 789"])] == [ANNA]


def test_merge_fills_blanks_and_keeps_what_is_stored():
    merged = merged_identity(OTTO, Applicant("Mueller", "Otto", "奥托", Sex.MALE, BORN, "AUT", "Shanghai"))
    assert (merged.family_name, merged.chinese_name, merged.sex, merged.birth_date, merged.nationality,
            merged.city, merged.id) == ("Müller-Lüdenscheidt", "奥托", Sex.MALE, dt.date(1970, 1, 1), "DEU",
                                        "Shanghai", ApplicantId(2))


def test_service_finds_and_merges_against_the_database(service):
    anna = service.save_applicant(dataclass_without_id(ANNA))
    service.save_passport(Passport(anna.id, "123456789", "GBR", None, dt.date(2030, 1, 1)))
    new = Applicant("Smith", "Anna", "", None, None, "GBR", "Shanghai")
    (match,) = service.find_duplicates(new, ["123 456 789"])
    assert match.existing.id == anna.id and match.by_passport
    saved, passport = service.merge_identity(anna.id, new, Passport(ApplicantId(0), "123456789", "GBR", None,
                                                                     dt.date(2030, 1, 1)))
    assert passport is None  # already stored: not added twice
    assert [a.city for a in service.list_applicants()] == ["Beijing"] and saved.id == anna.id
    service.merge_identity(anna.id, new, Passport(ApplicantId(0), "P7654321", "GBR", None, dt.date(2035, 1, 1)))
    assert sorted(p.number for p in service.list_passports(anna.id)) == ["123456789", "P7654321"]
    assert len(service.list_applicants()) == 1


def dataclass_without_id(a: Applicant) -> Applicant:
    return dataclasses.replace(a, id=None)
