"""Case files: examples and generated records round-trip exactly; bad files name the JSON path, change nothing."""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import InputError
from core.exchange.casefile import SCHEMA, case_from_json, case_to_json
from core.records.documents import subtype_choices
from core.records.identity import Applicant, ApplicantId, Crossing, Direction, Passport, PassportId, Sex
from core.records.model import (
    Address,
    Attachment,
    CaseRecords,
    Citizenship,
    Decision,
    Document,
    DocumentId,
    DocumentKind,
    EmployerType,
    Employment,
    Filing,
    FilingKind,
    FilingStatus,
    IncomeYear,
    MediaType,
    PersonProfile,
    PersonRecords,
    Relation,
    TitleLevel,
)
from core.services.facade import JuliuService
from tests.dbfile import scalar

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples" / "cases").glob("*.json"))
WITH_SCANS = EXAMPLES[0].parent / "beijing-6x-professional.json"  # an example with attachments


def insert_into(service: JuliuService, case: CaseRecords) -> list[ApplicantId]:
    return service.store.cases.insert(case)


def table_counts(service: JuliuService) -> dict[str, int]:
    tables = ("applicant", "passport", "crossing", "person_profile", "document", "attachment", "employment",
              "income_year", "filing", "address")
    return {t: scalar(service, f"SELECT count(*) FROM {t}") for t in tables}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_import_export_and_reimport_identically(service: JuliuService, tmp_path: Path, path: Path):
    original = json.loads(path.read_text(encoding="utf-8"))
    first = service.records.import_case(path)
    exported = tmp_path / "first.json"
    service.records.export_case(first[0], exported)
    again = service.records.import_case(exported)
    assert service.records.case_json(again[0]) == service.records.case_json(first[0])
    assert service.records.case_json(again[-1]) == service.records.case_json(first[0])  # a dependant: the family
    exported_value = json.loads(exported.read_text(encoding="utf-8"))
    assert canonical(exported_value) == canonical(original)
    assert len(first) == 1 + len(original["dependants"])


def canonical(value: dict[str, Any]) -> dict[str, Any]:
    """Sections as sorted lists with local keys resolved to content, so record order does not matter."""
    people = {p["key"]: p["family_name"] + "/" + p["given_names"]
              for p in [value["principal"], *value["dependants"]]}
    docs = {d["key"]: (d["kind"], d["number"], d["issue_date"]) for d in value["documents"]}
    passports = {p["key"]: p["number"] for p in value["passports"]}
    out: dict[str, Any] = {"schema": value["schema"]}
    for section in ("passports", "documents", "crossings", "addresses", "employment", "income", "filings",
                    "resume", "residence_history", "attachments"):
        rows = []
        for row in value.get(section, []):
            row = dict(row)
            row.pop("key", None)
            if "person" in row:
                row["person"] = people[row["person"]]
            for link in ("passport", "related"):
                if row.get(link):
                    row[link] = passports.get(row[link]) or docs.get(row[link])
            if "owner" in row:
                row["owner"] = passports.get(row["owner"]) or docs.get(row["owner"])
            if "certificates" in row:
                row["certificates"] = [docs[c] for c in row["certificates"]]
            rows.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
        out[section] = sorted(rows)
    out["people"] = sorted(json.dumps({k: v for k, v in p.items() if k != "key"}, sort_keys=True)
                           for p in [value["principal"], *value["dependants"]])
    return out


# --- generated records ----------------------------------------------------------------------------------------
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)
DATES = st.dates(dt.date(1950, 1, 1), dt.date(2060, 12, 31))
MAGIC = {MediaType.PDF: b"%PDF-1.4\n", MediaType.JPEG: b"\xff\xd8\xff\xe0", MediaType.PNG: b"\x89PNG\r\n\x1a\n"}
USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(body: str) -> str:
    total = sum(USCC.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + USCC[(31 - total % 31) % 31]


@st.composite
def people(draw: Any, pid: int, principal: bool, counters: dict[str, int]) -> tuple[PersonRecords, dict[str, bytes]]:
    aid = ApplicantId(pid)
    applicant = Applicant(draw(TEXT.filter(lambda s: bool(s.strip()))), draw(TEXT), draw(TEXT),
                          draw(st.sampled_from([None, Sex.MALE, Sex.FEMALE])), draw(st.none() | DATES),
                          draw(st.sampled_from(["", "GBR", "CHN", "SGP"])), draw(TEXT), id=aid)
    relation = None if principal else draw(st.sampled_from(list(Relation)))
    profile = PersonProfile(aid, draw(st.sampled_from(list(Citizenship))), None if principal else ApplicantId(1),
                            relation, draw(st.none() | DATES) if relation is Relation.SPOUSE else None)
    passports = []
    for _ in range(draw(st.integers(0, 2))):
        counters["passport"] += 1
        issue = draw(st.none() | DATES)
        expiry = draw(DATES.filter(lambda x, i=issue: i is None or x > i))
        passports.append(Passport(aid, draw(TEXT.filter(lambda s: bool(s.strip()))), draw(st.sampled_from(["", "FRA"])),
                                  issue, expiry, id=PassportId(counters["passport"])))
    documents: list[Document] = []
    for _ in range(draw(st.integers(0, 3))):
        counters["document"] += 1
        kind = draw(st.sampled_from([k for k in DocumentKind if k is not DocumentKind.PR_CARD]))
        issue = draw(st.none() | DATES)
        expiry = draw(st.none() | DATES.filter(lambda x, i=issue: i is None or x >= i))
        documents.append(Document(
            aid, kind, draw(TEXT), draw(st.sampled_from(["", "USA"])), draw(TEXT), issue, expiry, draw(TEXT),
            draw(st.sampled_from(["", *subtype_choices(kind)])),
            draw(st.sampled_from([None, *[p.id for p in passports]])),
            draw(st.sampled_from([None, *[d.id for d in documents]])), DocumentId(counters["document"])))
    blobs, attachments = {}, []
    owners = [("d", d.id) for d in documents] + [("p", p.id) for p in passports]
    for _ in range(draw(st.integers(0, 2)) if owners else 0):
        kind, owner = draw(st.sampled_from(owners))
        media = draw(st.sampled_from(list(MediaType)))
        data = MAGIC[media] + draw(st.binary(max_size=40))
        sha = hashlib.sha256(data).hexdigest()
        blobs[sha] = data
        attachments.append(Attachment(draw(TEXT.filter(lambda s: bool(s.strip()))), media, len(data), sha,
                                      owner if kind == "d" else None, owner if kind == "p" else None))
    first = draw(st.sampled_from(list(Direction)))  # alternating, on distinct dates: what an import accepts
    crossings = [Crossing(day, first if n % 2 == 0 else first.opposite,
                          draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0))),
                          draw(TEXT), draw(TEXT), draw(st.booleans()), aid)
                 for n, day in enumerate(sorted(draw(st.lists(DATES, unique=True, max_size=3))))]
    addresses = [Address(aid, draw(DATES), draw(TEXT.filter(lambda s: bool(s.strip()))), draw(TEXT))
                 for _ in range(draw(st.integers(0, 2)))]
    jobs = [Employment(aid, draw(TEXT.filter(lambda s: bool(s.strip()))), draw(TEXT),
                       draw(st.sampled_from(["", credit_code("91110108MA01C7KQ4")])), draw(TEXT),
                       draw(st.sampled_from(list(TitleLevel))), draw(st.sampled_from(list(EmployerType))),
                       draw(st.none() | st.just(dt.date(2019, 7, 1))), None) for _ in range(draw(st.integers(0, 2)))]
    money = st.integers(0, 10**12).map(lambda fen: Decimal(fen).scaleb(-2))
    years = draw(st.lists(st.integers(2000, 2040), max_size=3, unique=True))
    income = [IncomeYear(aid, y, draw(money), draw(money), draw(TEXT),
                         tuple(draw(st.lists(st.sampled_from([d.id for d in documents]), unique=True, max_size=2))
                               if documents else ())) for y in years]
    filings = [Filing(aid, draw(st.sampled_from(list(FilingKind))), draw(TEXT), FilingStatus.DECIDED,
                      dt.date(2025, 1, 2), dt.date(2025, 1, 3), draw(st.sampled_from(list(Decision))),
                      draw(st.none() | st.just(dt.date(2025, 2, 1))), draw(TEXT))
               for _ in range(draw(st.integers(0, 2)))]
    return PersonRecords(applicant, profile, tuple(passports), tuple(documents), tuple(attachments), tuple(crossings),
                         tuple(addresses), tuple(jobs), tuple(income), tuple(filings)), blobs


@st.composite
def cases(draw: Any) -> CaseRecords:
    counters = {"passport": 0, "document": 0}
    principal, blobs = draw(people(1, True, counters))
    dependants = []
    for n in range(draw(st.integers(0, 2))):
        person, more = draw(people(n + 2, False, counters))
        dependants.append(person)
        blobs.update(more)
    return CaseRecords(principal, tuple(dependants), blobs)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_generated_records_round_trip(case: CaseRecords):
    generated = case_to_json(case)
    assert case_from_json(json.loads(json.dumps(generated))) == case  # the file format alone is lossless
    with tempfile.TemporaryDirectory() as tmp:
        service = JuliuService.open(Path(tmp))
        try:
            first = insert_into(service, case)
            exported = service.records.case_json(first[0])
            second = insert_into(service, case_from_json(json.loads(json.dumps(exported))))
            assert service.records.case_json(second[0]) == exported
            assert canonical(exported) == canonical(generated)
        finally:
            service.close()


# --- bad files ------------------------------------------------------------------------------------------------
def _set(path: list[Any], value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        target = doc
        for step in path[:-1]:
            target = target[step]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return change


BAD = [
    (_set(["schema"], "juliu.case/2"), "$.schema"),
    (_set(["documents", 2, "expiry_date"], "2025-02-30"), "$.documents[2].expiry_date"),
    (_set(["documents", 0, "kind"], "driving_licence"), "$.documents[0].kind"),
    (_set(["documents", 0, "passport"], "passport-9"), "$.documents[0].passport"),
    (_set(["income", 0, "wage_income"], 1180000.5), "$.income[0].wage_income"),
    (_set(["income", 1, "year"], 2021), "$.income[1].year"),
    (_set(["income", 0, "certificates"], ["doc-nope"]), "$.income[0].certificates[0]"),
    (_set(["principal", "nickname"], "Tan"), "$.principal.nickname"),
    (_set(["principal", "married_on"], "2018-06-01"), "$.principal.married_on"),  # a dependant spouse's field
    (_set(["principal", "family_name"], ""), "$.principal.family_name"),
    (_set(["principal", "nationality"], "sg"), "$.principal.nationality"),
    (_set(["crossings", 3, "direction"], "in"), "$.crossings[3].direction"),
    (_set(["crossings", 3, "time"], "25:00"), "$.crossings[3].time"),
    (_set(["employment", 0, "credit_code"], "91110108MA01C7KQ40"), "$.employment[0].credit_code"),
    (_set(["filings", 0, "status"], "lost"), "$.filings[0].status"),
    (_set(["attachments", 0, "sha256"], "0" * 64), "$.attachments[0].sha256"),
    (_set(["attachments", 0, "data"], "R0lGODlhAQABAAAAACw="), "$.attachments[0].data"),
    (_set(["attachments", 0, "data"], "%%%"), "$.attachments[0].data"),
    (_set(["documents"], {}), "$.documents"),
]


@pytest.mark.parametrize("mutate,path", BAD, ids=[p for _m, p in BAD])
def test_bad_case_files_name_the_json_path_and_change_nothing(service: JuliuService, tmp_path: Path, mutate, path):
    value = json.loads(WITH_SCANS.read_text(encoding="utf-8"))
    mutate(value)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    before = table_counts(service)
    with pytest.raises(InputError) as exc:
        service.records.import_case(bad)
    assert path in [p.field for p in exc.value.problems], str(exc.value)
    assert all(p.source == str(bad) for p in exc.value.problems)
    assert table_counts(service) == before


@pytest.mark.parametrize("text,line", [("{\n  \"schema\": \n", 3), ("[]", None), ("", 1)])
def test_not_a_case_file(service: JuliuService, tmp_path: Path, text: str, line: int | None):
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        service.records.import_case(bad)
    assert exc.value.problems[0].line == line
    assert table_counts(service)["applicant"] == 0


def test_a_failure_while_writing_rolls_everything_back(service: JuliuService):
    case = case_from_json(json.loads(WITH_SCANS.read_text(encoding="utf-8")))
    assert case.blobs
    broken = dataclasses.replace(case, blobs={})  # the attachments' bytes are missing: fails mid-way
    with pytest.raises(KeyError):
        insert_into(service, broken)
    assert set(table_counts(service).values()) == {0}


def test_schema_is_checked_first(service: JuliuService):
    value = copy.deepcopy({"schema": "juliu.case/0", "principal": 3})
    with pytest.raises(InputError) as exc:
        case_from_json(value, "x.json")
    assert [p.field for p in exc.value.problems] == ["$.schema"]
    assert SCHEMA in str(exc.value)


@pytest.mark.parametrize("index,value,error", [(0, "2018-06-31", "expected a real date"),
                                               (1, "2018-06-01", "only for a spouse of the principal")])
def test_marriage_date_belongs_to_a_spouse(index: int, value: str, error: str):
    family = json.loads((EXAMPLES[0].parent / "shanghai-family.json").read_text(encoding="utf-8"))
    assert [d["relation"] for d in family["dependants"]] == ["spouse", "child"]
    family["dependants"][index]["married_on"] = value
    with pytest.raises(InputError) as exc:
        case_from_json(family, "x.json")
    (problem,) = [p for p in exc.value.problems if p.field.startswith("$.dependants")]
    assert problem.field == f"$.dependants[{index}].married_on" and error in problem.message
