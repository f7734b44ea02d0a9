"""A mutation returns what it changed (JuliuService.perform): the applicants and kinds of record its writes touched,
read from the history its storage wrote, so the window refreshes exactly that."""
from __future__ import annotations

import datetime as dt

import pytest

from core.errors import InputError
from core.records.identity import Applicant, ApplicantId, Crossing, Direction, Passport
from core.records.model import Document, DocumentKind, Relation
from core.services.facade import JuliuService
from core.services.op_changes import OpChanges
from tests.conftest import TODAY


def client(service: JuliuService, name: str) -> ApplicantId:
    saved = service.save_applicant(Applicant("Wang", name, "王" + name, nationality="CAN"))
    assert saved.id is not None
    return saved.id


def test_a_saved_document_touches_its_applicant_and_kind_only(service: JuliuService):
    wang, li = client(service, "Lei"), client(service, "Li")
    done = service.perform(lambda: service.records.save_document(
        Document(wang, DocumentKind.WORK_PERMIT, number="WP1", expiry_date=TODAY + dt.timedelta(days=90))))
    saved, _warnings = done.value
    assert saved.id is not None and saved.applicant_id == wang
    assert done.changes == OpChanges.of([wang], "document")
    assert not done.changes.touches(li) and not done.changes.applicant_list


def test_a_new_dependant_changes_the_client_list(service: JuliuService):
    wang = client(service, "Lei")
    done = service.perform(lambda: service.records.add_dependant(
        wang, Applicant("Wang", "Xiao", "王小", nationality="CAN", birth_date=dt.date(2015, 1, 1)), Relation.CHILD))
    child = done.value.id
    assert child is not None
    assert done.changes.applicants == {child} and done.changes.kinds == {"applicant", "person_profile"}
    assert done.changes.applicant_list


def test_several_writes_are_one_notice(service: JuliuService):
    wang = client(service, "Lei")
    done = service.perform(lambda: (
        service.save_passport(Passport(wang, "P1234567", "CAN", None, TODAY.replace(year=TODAY.year + 5))),
        service.add_crossings(wang, [Crossing(TODAY.replace(month=1, day=3), Direction.ENTRY)])))
    assert done.changes == OpChanges.of([wang], "passport", "crossing")


def test_a_read_or_a_refused_save_changes_nothing(service: JuliuService):
    wang = client(service, "Lei")
    assert not service.perform(lambda: service.list_passports(wang)).changes
    mark = service.change_mark()
    with pytest.raises(InputError):
        service.perform(lambda: service.save_passport(Passport(wang, "", "CAN", None, TODAY)))
    assert not service.changes_since(mark)


def test_changes_since_a_mark_cover_a_dialog_session(service: JuliuService):
    """The window marks when a dialog opens and asks at OK: scans attached meanwhile count too."""
    wang = client(service, "Lei")
    mark = service.change_mark()
    doc, _w = service.records.save_document(Document(wang, DocumentKind.OTHER, number="X1"))
    assert doc.id is not None
    service.records.add_attachment("scan.pdf", b"%PDF-1.4\n%%EOF\n", document_id=doc.id)
    assert service.changes_since(mark) == OpChanges.of([wang], "document", "attachment")
    service.delete_applicant(wang)
    gone = service.changes_since(mark)
    assert gone.applicant_list and "applicant" in gone.kinds
