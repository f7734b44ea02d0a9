"""Staff roles enforced by PostgreSQL itself (issue 13): through the app and through raw SQL on the member of
staff's own connection. Needs JULIU_TEST_DATABASE_URL (skipped with that message otherwise)."""
from __future__ import annotations

import psycopg
import pytest

from core.i18n import set_locale
from core.records.identity import Applicant
from core.services.facade import JuliuService
from core.storage.sqlite.health import PermissionRefused
from tests.pg_staff import staff_fixture  # noqa: F401  (the fixture)

_WRITES = ["INSERT INTO applicant (family_name, given_names) VALUES ('X', 'Y')",
           "UPDATE applicant SET city = 'Nowhere'", "DELETE FROM applicant"]
_HISTORY = ["UPDATE history SET who = 'mallory'", "DELETE FROM history",
            "INSERT INTO history (at, who, tbl, action, prev, hash) VALUES ('now', 'm', 'applicant', 'insert', '', '')",
            "UPDATE recycle_bin SET tbl = 'x'", "TRUNCATE history"]


def _refused(url: str, statement: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        try:
            conn.execute(statement.encode())
        except psycopg.errors.InsufficientPrivilege:
            return True
    return False


def _seed(url: str) -> int:
    service = JuliuService.open_url(url)
    try:
        return int(service.save_applicant(Applicant("DUBOIS", "Claire", city="Shanghai")).id or 0)
    finally:
        service.close()


def test_a_viewer_reads_but_cannot_write_through_the_app_or_raw_sql(staff: dict[str, str], pg_store_url: str) -> None:
    applicant_id = _seed(pg_store_url)
    viewer = JuliuService.open_url(staff["viewer"])
    try:
        assert viewer.staff_role == "viewer" and not viewer.can_edit and not viewer.can_manage
        stored = viewer.require_applicant(applicant_id)
        with pytest.raises(PermissionRefused) as refused:
            viewer.save_applicant(Applicant("DUBOIS", "Claire", city="Beijing", id=stored.id, version=stored.version))
        assert str(refused.value) == "You can read but not change clients in this firm database (role viewer)"
        assert refused.value.role == "viewer"
        with pytest.raises(PermissionRefused):
            viewer.save_applicant(Applicant("NEW", "Person"))
        assert [a.city for a in viewer.list_applicants()] == ["Shanghai"]  # nothing written, still readable
        set_locale("zh_CN")
        try:
            with pytest.raises(PermissionRefused) as in_chinese:
                viewer.delete_applicant(applicant_id)
            assert "查看者" in str(in_chinese.value) and "不能修改" in str(in_chinese.value)
        finally:
            set_locale("en")
    finally:
        viewer.close()
    assert all(_refused(staff["viewer"], s) for s in _WRITES)
    assert not _refused(staff["viewer"], "SELECT count(*) FROM applicant")


def test_a_consultant_writes_clients_but_not_settings_or_staff(staff: dict[str, str]) -> None:
    consultant = JuliuService.open_url(staff["consultant"])
    try:
        assert consultant.staff_role == "consultant" and consultant.can_edit and not consultant.can_manage
        saved = consultant.save_applicant(Applicant("ZHANG", "Wei"))
        assert consultant.require_applicant(int(saved.id or 0)).family_name == "ZHANG"
        with pytest.raises(PermissionRefused) as refused:
            consultant.set_setting("recycle_bin_days", 5)
        assert "Only an administrator can change the settings" in str(refused.value)
        assert "consultant" in str(refused.value)
        assert consultant.settings()["recycle_bin_days"] != 5
    finally:
        consultant.close()
    assert _refused(staff["consultant"], "INSERT INTO setting VALUES ('recycle_bin_days', '5')")
    with psycopg.connect(staff["consultant"], autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE ROLE juliu_test_intruder LOGIN")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("GRANT juliu_administrator TO CURRENT_USER")


def test_an_administrator_changes_settings_and_manages_staff(staff: dict[str, str]) -> None:
    admin = JuliuService.open_url(staff["administrator"])
    try:
        assert admin.staff_role == "administrator" and admin.can_manage
        assert admin.set_setting("recycle_bin_days", 5)["recycle_bin_days"] == 5
        admin.save_applicant(Applicant("LEE", "Ann"))
    finally:
        admin.close()
    with psycopg.connect(staff["administrator"], autocommit=True) as conn:
        conn.execute("CREATE ROLE juliu_test_newcomer LOGIN")
        conn.execute("GRANT juliu_viewer TO juliu_test_newcomer")
        conn.execute("DROP ROLE juliu_test_newcomer")


def test_history_is_written_by_the_triggers_only_and_names_the_login(staff: dict[str, str],
                                                                     pg_store_url: str) -> None:
    consultant = JuliuService.open_url(staff["consultant"], who="Somebody Else")  # a name typed in the app
    try:
        saved = consultant.save_applicant(Applicant("WANG", "Fang"))
        consultant.save_applicant(Applicant("WANG", "Fang", city="Beijing", id=saved.id, version=saved.version))
        entries = consultant.history(saved.id)
        assert [e.action for e in entries] == ["update", "insert"]
        login = staff["consultant"].split("user=")[1].split("&")[0]
        assert {e.who for e in entries} == {login}  # the role the server knows, not the typed name
        assert consultant.verify_history().intact
    finally:
        consultant.close()
    for url in staff.values():
        assert all(_refused(url, s) for s in _HISTORY), url
    owner = JuliuService.open_url(pg_store_url, who="Office Owner")  # not a member of staff: the app's name
    try:
        owner.save_applicant(Applicant("OWNER", "Test"))
        assert owner.history()[0].who == "Office Owner"
        assert owner.verify_history().intact
    finally:
        owner.close()
