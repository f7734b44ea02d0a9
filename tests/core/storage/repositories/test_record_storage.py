"""Records on a real SQLite file: migration from schema 2 with data kept, round trips, scans as BLOBs."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import InputError
from core.records.identity import Applicant, Crossing, Direction, Passport
from core.records.model import (
    Address,
    Citizenship,
    Document,
    DocumentKind,
    EmployerType,
    Employment,
    Filing,
    FilingKind,
    FilingStatus,
    IncomeYear,
    MediaType,
    PersonProfile,
    Relation,
    TitleLevel,
)
from core.services.facade import JuliuService
from core.storage.sqlite.db import DB_FILENAME, MIGRATIONS_DIR, migrations, open_database
from tests.dbfile import scalar

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20


def test_schema_2_database_with_data_is_migrated_forward_with_a_backup(tmp_path: Path):
    old_dir = tmp_path / "v2"
    old_dir.mkdir()
    for name in ("0001_initial.sql", "0002_settings.sql"):
        shutil.copy(MIGRATIONS_DIR / name, old_dir)
    data = tmp_path / "data"
    path = data / DB_FILENAME
    data.mkdir()
    conn = open_database(path, directory=old_dir)
    conn.execute("INSERT INTO applicant (family_name, given_names, chinese_name) VALUES ('Wang', 'Xiaoming', '王小明')")
    conn.execute("INSERT INTO passport (applicant_id, number, expiry_date) VALUES (1, 'K1', '2031-05-04')")
    conn.execute("INSERT INTO crossing (applicant_id, date, direction) VALUES (1, '2024-01-05', 'entry')")
    conn.execute("""INSERT INTO setting (key, value) VALUES ('passport_min_remaining_months', '3')""")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()

    service = JuliuService.open(data)
    try:
        latest = migrations()[-1][0]
        assert scalar(service, "PRAGMA user_version") == latest >= 3
        (backup,) = (data / "backups").glob("juliu-*-migrate-v2-to-v*.sqlite3")
        assert sqlite3.connect(backup).execute("SELECT chinese_name FROM applicant").fetchall() == [("王小明",)]
        (a,) = service.list_applicants()
        assert (a.family_name, a.chinese_name) == ("Wang", "王小明")
        assert [p.number for p in service.list_passports(a.id)] == ["K1"]
        assert len(service.list_crossings(a.id)) == 1
        assert service.settings()["passport_min_remaining_months"] == 3
        assert service.records.profile(a.id) == PersonProfile(a.id, Citizenship.FOREIGN)
        saved, _warnings = service.records.save_document(Document(a.id, DocumentKind.VISA, "V1"))
        assert saved.id is not None
    finally:
        service.close()


def test_every_record_kind_round_trips(service: JuliuService):
    r = service.records
    a = service.save_applicant(Applicant("Wang", "Xiaoming", "王小明", nationality="SGP", city="Beijing"))
    passport = service.save_passport(Passport(a.id, "K1", "SGP", dt.date(2020, 1, 2), dt.date(2030, 1, 1)))
    spouse = r.add_dependant(a.id, Applicant("Li", "Hua", "李华", nationality="CHN"), Relation.SPOUSE,
                             Citizenship.CHINESE, married_on=dt.date(2019, 6, 1))
    family = [(x.chinese_name, p.relation, p.married_on) for x, p in r.family(spouse.id)]
    assert family == [("王小明", None, None), ("李华", Relation.SPOUSE, dt.date(2019, 6, 1))]
    with pytest.raises(InputError, match="Married on 结婚日期: only for a spouse"):
        r.add_dependant(a.id, Applicant("Li", "Ming"), Relation.CHILD, married_on=dt.date(2019, 6, 1))
    rp, _ = r.save_document(Document(a.id, DocumentKind.RESIDENCE_PERMIT, "RP1", "", "北京市公安局出入境管理总队",
                                     dt.date(2024, 10, 1), dt.date(2025, 9, 30), "工作", "work", passport.id))
    wage, _ = r.save_document(Document(a.id, DocumentKind.WAGE_CERTIFICATE, issue_date=dt.date(2025, 1, 10)))
    tax, _ = r.save_document(Document(a.id, DocumentKind.TAX_CERTIFICATE, issue_date=dt.date(2025, 1, 12)))
    job = r.save_employment(Employment(a.id, "北京某科技有限公司", "Beijing Some Tech Co., Ltd.", "91350100m000100y43",
                                       "副总经理", TitleLevel.DEPUTY_GM_OR_ABOVE, EmployerType.HIGH_TECH,
                                       dt.date(2020, 3, 1)))
    income = r.save_income(IncomeYear(a.id, 2024, Decimal("1200000.00"), Decimal("240000.50"), "Beijing",
                                      (tax.id, wage.id)))
    filing = r.save_filing(Filing(a.id, FilingKind.RP_RENEWAL, "Beijing", FilingStatus.ACCEPTED,
                                  dt.date(2025, 8, 20), dt.date(2025, 8, 22)))
    home = r.save_address(Address(a.id, dt.date(2025, 3, 10), "朝阳区某路1号", "Beijing", dt.time(19, 0)))
    assert r.list_documents(a.id) == sorted([rp, wage, tax], key=lambda x: x.kind.value)
    assert r.list_employment(a.id) == [job] and job.credit_code == "91350100M000100Y43"
    assert r.list_income(a.id) == [income] and income.certificate_ids == (tax.id, wage.id)
    assert r.list_income(a.id)[0].iit_paid == Decimal("240000.50")
    assert r.list_filings(a.id) == [filing]
    assert r.list_addresses(a.id) == [home]
    r.delete_document(tax.id)
    assert r.list_income(a.id)[0].certificate_ids == (wage.id,)


def test_attachments_are_blobs_with_type_size_and_hash(service: JuliuService, tmp_path: Path):
    r = service.records
    a = service.save_applicant(Applicant("Smith", "Anna"))
    doc, _ = r.save_document(Document(a.id, DocumentKind.HEALTH_CERTIFICATE, issue_date=dt.date(2025, 3, 1)))
    scan = tmp_path / "体检.pdf"
    scan.write_bytes(PDF)
    att = r.attach_file(scan, document_id=doc.id)
    assert (att.name, att.media_type, att.size, att.sha256) == ("体检.pdf", MediaType.PDF, len(PDF),
                                                              hashlib.sha256(PDF).hexdigest())
    png = r.add_attachment("photo.jpg", PNG, document_id=doc.id)  # the bytes decide, not the name
    assert png.media_type is MediaType.PNG
    assert r.list_attachments(document_id=doc.id) == [att, png]
    assert r.attachment_data(att.id) == PDF
    copy = r.export_attachment(att, tmp_path / "open")
    assert copy.read_bytes() == PDF
    with pytest.raises(InputError, match="not a PDF, JPEG or PNG"):
        r.add_attachment("x.gif", b"GIF89a....", document_id=doc.id)
    r.delete_document(doc.id)
    assert scalar(service, "SELECT count(*) FROM attachment") == 0


@pytest.mark.parametrize("record,field", [
    (Employment(0, "", ""), "employer_zh"),
    (Employment(0, "某公司", credit_code="91350100M000100Y44"), "credit_code"),
    (IncomeYear(0, 2024, Decimal("1.005"), Decimal("0")), "wage_income"),
    (IncomeYear(0, 2024, Decimal("-1"), Decimal("0")), "wage_income"),
    (Filing(0, FilingKind.RP_RENEWAL, status=FilingStatus.ACCEPTED), "accepted_date"),
    (Document(0, DocumentKind.PR_CARD, "12345"), "number"),
    (Document(0, DocumentKind.WORK_PERMIT, subtype="D"), "subtype"),
    (Document(0, DocumentKind.VISA, issue_date=dt.date(2025, 1, 2), expiry_date=dt.date(2025, 1, 1)), "expiry_date"),
])
def test_invalid_records_are_refused_and_nothing_is_saved(service: JuliuService, record, field):
    a = service.save_applicant(Applicant("Smith", "Anna"))
    record = dataclasses.replace(record, applicant_id=a.id)
    save = {Employment: service.records.save_employment, IncomeYear: service.records.save_income,
            Filing: service.records.save_filing, Document: service.records.save_document}[type(record)]
    with pytest.raises(InputError) as exc:
        save(record)
    assert field in [p.field for p in exc.value.problems]
    for table in ("employment", "income_year", "filing", "document"):
        assert scalar(service, f"SELECT count(*) FROM {table}") == 0


def test_a_dependant_cannot_be_a_principal(service: JuliuService):
    r = service.records
    a = service.save_applicant(Applicant("Wang", "Xiaoming"))
    child = r.add_dependant(a.id, Applicant("Wang", "Xiaobao"), Relation.CHILD)
    with pytest.raises(InputError, match="principal"):
        r.add_dependant(child.id, Applicant("Wang", "Grandchild"), Relation.CHILD)
    with pytest.raises(InputError, match="principal with dependants"):
        r.save_profile(PersonProfile(a.id, Citizenship.FOREIGN, child.id, Relation.PARENT))
    service.delete_applicant(a.id)
    assert r.profile(child.id).principal_id is None


def test_crossing_records_keep_working(service: JuliuService):
    a = service.save_applicant(Applicant("Smith", "Anna"))
    service.add_crossings(a.id, [Crossing(dt.date(2024, 1, 1), Direction.ENTRY)])
    assert len(service.records.person_records(a.id).crossings) == 1
