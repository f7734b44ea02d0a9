"""The Family tab: who files together (principal, spouse, children, parents) with citizenship status, and the
homes in China whose moves start the 24-hour registration duty (EEAL Art. 39)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from core.errors import Problem
from core.i18n import _
from core.records.identity import Applicant, ApplicantId, Sex
from core.records.model import Address, Citizenship, PersonProfile, Relation
from core.services.facade import JuliuService
from core.services.recovery.changes import Snapshot
from ui.common.fields import DateField, TimeField
from ui.common.labels import label
from ui.common.table_models import RecordTableModel
from ui.common.widgets import button_row, record_table, source_row
from ui.records.record_dialog import RecordDialog, enum_combo, line, select_data
from ui.records.record_tab import RecordListTab
from ui.undo import history_of

Member = tuple[Applicant, PersonProfile]


class MemberDialog(RecordDialog[Member]):
    """A new dependant (with identity), or the status of an existing family member."""

    def __init__(self, service: JuliuService, principal_id: ApplicantId, member: Member | None, parent: Any = None):
        super().__init__(_("Family member status") if member else _("New family member"), self._store, parent)
        self._service, self._principal_id, self._member = service, principal_id, member
        if member is None:
            self.family_name = self.row(_("Family name (as in passport)"), line("family_name"), required=True)
            self.given_names = self.row(_("Given names"), line("given_names"))
            self.chinese_name = self.row(_("Chinese name 中文姓名"), line("chinese_name"))
            self.sex = self.row(_("Sex"), enum_combo([Sex.MALE, Sex.FEMALE], "sex",
                                                     lambda s: _("Male 男") if s is Sex.MALE else _("Female 女")))
            self.birth_date = self.row(_("Date of birth"), DateField("birth_date", parent=self))
            self.nationality = self.row(_("Nationality (ISO code)"), line("nationality", placeholder="CHN, FRA …"))
        is_principal = member is not None and member[1].principal_id is None
        self.relation = enum_combo(Relation, "relation")
        self.married_on = DateField("married_on", parent=self)
        if not is_principal:
            self.row(_("Relation to the principal 与主申请人关系"), self.relation)
            self.row(_("Married on (spouse) 结婚日期"), self.married_on)
        self.citizenship = self.row(_("Citizenship status 身份"), enum_combo(Citizenship, "citizenship"))
        self.finish_layout()
        if member:
            select_data(self.relation, member[1].relation)
            select_data(self.citizenship, member[1].citizenship)
            self.married_on.set_date(member[1].married_on)
        self.relation.currentIndexChanged.connect(lambda _i: self._spouse_only())
        self._spouse_only()

    def _spouse_only(self) -> None:
        """The marriage date belongs to a spouse's tie to the principal (M2004 Art. 6(5))."""
        self.married_on.setEnabled(self.relation.currentData() == Relation.SPOUSE.value)

    def build(self, problems: list[Problem]) -> Member:
        citizenship = Citizenship(self.citizenship.currentData())
        married_on = self.married_on.value(problems) if self.married_on.isEnabled() else None
        if self._member is not None:
            applicant, profile = self._member
            relation = Relation(self.relation.currentData()) if profile.principal_id is not None else None
            married_on = married_on if relation is Relation.SPOUSE else None
            return applicant, dataclasses.replace(profile, citizenship=citizenship, relation=relation,
                                                  married_on=married_on)
        applicant = Applicant(self.family_name.text().strip(), self.given_names.text().strip(),
                              self.chinese_name.text().strip(), Sex(self.sex.currentData()),
                              self.birth_date.value(problems), self.nationality.text().strip().upper())
        profile = PersonProfile(ApplicantId(0), citizenship, self._principal_id, Relation(self.relation.currentData()),
                                married_on)
        return applicant, profile

    def _store(self, member: Member) -> Member:
        applicant, profile = member
        if applicant.id is None:
            assert profile.relation is not None
            saved = self._service.records.add_dependant(self._principal_id, applicant, profile.relation,
                                                        profile.citizenship, profile.married_on)
            return saved, self._service.records.profile(ApplicantId(saved.id or 0))
        return applicant, self._service.records.save_profile(profile)


class AddressDialog(RecordDialog[Address]):
    def __init__(self, service: JuliuService, applicant_id: ApplicantId, address: Address | None, parent: Any = None):
        super().__init__(_("Edit address") if address else _("New address"), service.records.save_address, parent)
        self._address, self._applicant_id = address, applicant_id
        self.moved_in = self.row(_("Moved in on 入住日期"), DateField("moved_in", required=True, parent=self),
                                 required=True)
        self.time = self.row(_("Time (local, optional)"), TimeField("time", parent=self))
        self.address = self.row(_("Address in China 在华住址"), line("address"), required=True)
        self.city = self.row(_("City 城市"), line("city"))
        self.finish_layout()
        if address:
            self.moved_in.set_date(address.moved_in)
            self.time.set_time(address.time)
            self.address.setText(address.address)
            self.city.setText(address.city)

    def build(self, problems: list[Problem]) -> Address:
        day = self.moved_in.value(problems)
        base = self._address or Address(self._applicant_id, day or dt.date.min, "")
        return dataclasses.replace(base, moved_in=day or base.moved_in, time=self.time.value(problems),
                                   address=self.address.text().strip(), city=self.city.text().strip())


class AddressList(RecordListTab[Address]):
    table_name = "address"

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(service, today, _("Homes in China 在华住址 (a move needs registration within 24 h)"), [
            (_("Moved in"), lambda a: a.moved_in.isoformat() + (f" {a.time:%H:%M}" if a.time else "")),
            (_("Address"), lambda a: a.address), (_("City"), lambda a: a.city)], parent)

    def list_records(self, applicant_id: ApplicantId) -> list[Address]:
        return self.service.records.list_addresses(applicant_id)

    def dialog(self, record: Address | None) -> AddressDialog:
        assert self.applicant_id is not None
        return AddressDialog(self.service, self.applicant_id, record, self)

    def delete_record(self, record: Address) -> None:
        self.service.records.delete("address", int(record.id or 0))


class FamilyTab(QWidget):
    records_changed = Signal(object)  # OpChanges, as the service reported them

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(parent)
        self.service = service
        self.applicant_id: ApplicantId | None = None
        self.member_model: RecordTableModel[Member] = RecordTableModel([
            (_("Name"), lambda m: m[0].latin_name), (_("Chinese name"), lambda m: m[0].chinese_name),
            (_("Role"), lambda m: (label(m[1].relation) if m[1].principal_id else _("Principal 主申请人"))
             + (" · " + _("married {d}").format(d=m[1].married_on.isoformat()) if m[1].married_on else "")),
            (_("Citizenship status"), lambda m: label(m[1].citizenship)),
            (_("Nationality"), lambda m: m[0].nationality),
            (_("Born"), lambda m: m[0].birth_date.isoformat() if m[0].birth_date else "")], self)
        self.member_view = record_table(self.member_model, "family")
        self.member_view.doubleClicked.connect(lambda _i: self.edit_member())
        self.addresses = AddressList(service, today, self)
        self.addresses.records_changed.connect(self.records_changed)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(QLabel(_("Family filed together 随同申请的家庭成员")))
        tv.addWidget(self.member_view)
        row, self.buttons = button_row(("add_member", _("Add family member…"), self.add_member),
                                       ("edit_member", _("Status…"), self.edit_member))
        tv.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.addresses)
        QVBoxLayout(self).addWidget(split)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        self.applicant_id = applicant_id
        self.addresses.set_applicant(applicant_id)
        self.refresh()

    def refresh(self) -> None:
        for b in self.buttons.values():
            b.setEnabled(self.applicant_id is not None)
        self.member_model.set_records(self.service.records.family(self.applicant_id)
                                      if self.applicant_id is not None else [])

    def _principal(self) -> ApplicantId | None:
        members = self.member_model.records()
        return members[0][0].id if members else None

    def add_member(self) -> MemberDialog | None:
        principal = self._principal()
        if principal is None:
            return None
        return self._open(MemberDialog(self.service, principal, None, self), None)

    def edit_member(self) -> MemberDialog | None:
        index, principal = self.member_view.currentIndex(), self._principal()
        if not index.isValid() or principal is None:
            return None
        member = self.member_model.record(source_row(index))
        return self._open(MemberDialog(self.service, principal, member, self), member)

    def _open(self, dialog: MemberDialog, member: Member | None) -> MemberDialog:
        history = history_of(self)
        before = history.before(member[1]) if history is not None and member is not None else None
        mark = self.service.change_mark()
        dialog.accepted.connect(lambda: self._member_saved(dialog, member is None, before, mark))
        dialog.open()
        return dialog

    def _member_saved(self, dialog: MemberDialog, new: bool, before: Snapshot | None, mark: int) -> None:
        """The window reloads the client list (a new person, a changed tie) from the changes the service reports."""
        history = history_of(self)
        if history is not None and dialog.saved is not None:
            person, profile = dialog.saved
            history.saved(person if new else profile, before, _("save a family member"))
        self.refresh()
        changes = self.service.changes_since(mark)
        if changes:
            self.records_changed.emit(changes)

    def show_record(self, table: str, record_id: int) -> bool:
        return self.addresses.show_record(table, record_id)
