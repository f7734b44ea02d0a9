"""Add or edit an applicant's identity and current passport."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from core.errors import ConflictError, InputError, Problem
from core.i18n import N_, _
from core.records.duplicates import DuplicateMatch
from core.records.identity import Applicant, ApplicantId, Passport, PassportType, Sex
from core.records.mrz import MrzError, MrzPassport
from core.services.facade import JuliuService
from core.storage.sqlite.health import DamagedStoreError, PermissionRefused
from ui.common.conflict_dialog import ConflictDialog
from ui.common.fields import DateField
from ui.common.messages import show_problems
from ui.common.widgets import named
from ui.firm.staff_role import show_refused
from ui.intake.mrz_panel import MrzPanel
from ui.records.background_tab import choice_combo, passport_types
from ui.store.integrity_watch import show_damaged


class ApplicantDialog(QDialog):
    """Validates through core and saves through the service; stays open and says what is wrong otherwise."""

    reloaded = Signal(object)  # after a conflict's Reload: the stored record (None when it was deleted)

    def __init__(self, service: JuliuService, applicant: Applicant | None = None,
                 passport: Passport | None = None, parent: Any = None,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self._service = service
        self._applicant = applicant
        self._passport = passport
        self.saved: Applicant | None = None
        self.saved_passport: Passport | None = None
        self._invalid: list[QWidget] = []
        self.outcome = "saved"  # or "opened" / "merged" when the entry was a stored client (duplicate check)
        self._versions = {"applicant": applicant.version if applicant else 0,
                          "passport": passport.version if passport else 0}  # a conflict's Overwrite raises them
        self.conflict: ConflictDialog | None = None
        self.setWindowTitle(_("Edit applicant") if applicant else _("New applicant"))
        self.family_name = named(QLineEdit(), "family_name")
        self.given_names = named(QLineEdit(), "given_names")
        self.chinese_name = named(QLineEdit(), "chinese_name")
        self.sex = named(QComboBox(), "sex")
        for label, value in ((_("—"), None), (_("Male 男"), Sex.MALE), (_("Female 女"), Sex.FEMALE)):
            self.sex.addItem(label, value)
        self.birth_date = DateField("birth_date", parent=self)
        self.nationality = named(QLineEdit(), "nationality")
        self.nationality.setPlaceholderText("GBR, USA, DEU …")
        self.nationality.setMaxLength(3)
        self.city = named(QLineEdit(), "city")
        self.city.setPlaceholderText(_("e.g. Beijing"))
        self.passport_number = named(QLineEdit(), "passport_number")
        self.passport_country = named(QLineEdit(), "passport_country")
        self.passport_country.setMaxLength(3)
        self.passport_issue = DateField("passport.issue_date", parent=self)
        self.passport_expiry = DateField("passport.expiry_date", parent=self)
        self.passport_type = choice_combo("passport_type", passport_types())
        self.mrz = MrzPanel(today, self, self)
        self.mrz.read.connect(self.fill_from_mrz)
        self.error = named(QLabel(), "error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self._layout()
        self._load()

    def _layout(self) -> None:
        person = QGroupBox(_("Identity 身份"))
        form = QFormLayout(person)
        form.addRow(_("Family name (as in passport)") + " *", self.family_name)
        form.addRow(_("Given names"), self.given_names)
        form.addRow(_("Chinese name 中文姓名"), self.chinese_name)
        form.addRow(_("Sex"), self.sex)
        form.addRow(_("Date of birth"), self.birth_date)
        form.addRow(_("Nationality (ISO code)"), self.nationality)
        form.addRow(_("City of residence"), self.city)
        passport = QGroupBox(_("Current passport 护照"))
        pform = QFormLayout(passport)
        pform.addRow(_("Passport number"), self.passport_number)
        pform.addRow(_("Issuing country (ISO code)"), self.passport_country)
        pform.addRow(_("Date of issue"), self.passport_issue)
        pform.addRow(_("Date of expiry"), self.passport_expiry)
        pform.addRow(_("Passport type 护照种类"), self.passport_type)
        note = named(QLabel(_("* required. A passport number needs its date of expiry.")), "required_note")
        note.setStyleSheet("color: #555")
        pform.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        for w in (person, passport, self.mrz, self.error, buttons):
            layout.addWidget(w)

    def _load(self) -> None:
        a, p = self._applicant, self._passport
        if a is not None:
            self.family_name.setText(a.family_name)
            self.given_names.setText(a.given_names)
            self.chinese_name.setText(a.chinese_name)
            self.sex.setCurrentIndex(max(0, self.sex.findData(a.sex)))
            self.birth_date.set_date(a.birth_date)
            self.nationality.setText(a.nationality)
            self.city.setText(a.city)
        if p is not None:
            self.passport_number.setText(p.number)
            self.passport_country.setText(p.issuing_country)
            self.passport_issue.set_date(p.issue_date)
            self.passport_expiry.set_date(p.expiry_date)
            self.passport_type.setCurrentIndex(max(0, self.passport_type.findData(p.passport_type)))

    def _values(self) -> tuple[Applicant, Passport | None]:
        problems: list[Problem] = []
        applicant = Applicant(
            id=self._applicant.id if self._applicant else None,
            family_name=self.family_name.text().strip(), given_names=self.given_names.text().strip(),
            chinese_name=self.chinese_name.text().strip(),
            sex=Sex(self.sex.currentData()) if self.sex.currentData() else None,
            birth_date=self.birth_date.value(problems), nationality=self.nationality.text().strip().upper(),
            city=self.city.text().strip(), version=self._versions["applicant"])
        passport = None
        number = self.passport_number.text().strip()
        expiry = self.passport_expiry.value(problems)
        issue = self.passport_issue.value(problems)
        if number or expiry:
            if expiry is None and not any(p.field == "passport.expiry_date" for p in problems):
                problems.append(Problem("", None, "passport.expiry_date", N_("required with a passport number")))
            passport = Passport(
                id=self._passport.id if self._passport else None,
                applicant_id=self._applicant.id if self._applicant and self._applicant.id else ApplicantId(0),
                number=number, issuing_country=self.passport_country.text().strip().upper(),
                issue_date=issue, expiry_date=expiry,
                passport_type=PassportType(kind) if (kind := self.passport_type.currentData()) else None,
                version=self._versions["passport"]) if expiry else None
        if problems:
            raise InputError(problems)
        return applicant, passport

    def fill_from_mrz(self, zone: MrzPassport) -> None:
        """Identity and passport fields from a verified MRZ; the Chinese name and the city stay the user's."""
        self.family_name.setText(zone.family_name)
        self.given_names.setText(zone.given_names)
        self.sex.setCurrentIndex(max(0, self.sex.findData({"M": Sex.MALE, "F": Sex.FEMALE}.get(zone.sex))))
        self.birth_date.set_date(zone.birth_date)
        self.nationality.setText(zone.iso_nationality)
        self.passport_number.setText(zone.number)
        self.passport_country.setText({"D": "DEU"}.get(zone.issuing_state, zone.issuing_state))
        self.passport_expiry.set_date(zone.expiry_date)

    def _mrz_problems(self) -> list[Problem]:
        """A given MRZ must verify, and the typed passport number must agree with its check digit."""
        try:
            self.mrz.zone()
        except MrzError as exc:
            return exc.problems
        found = self.mrz.number_problem(self.passport_number.text().strip())
        return [found] if found else []

    def accept(self) -> None:
        try:
            if problems := self._mrz_problems():
                raise InputError(problems)
            applicant, passport = self._values()
            if self._applicant is None and not self._check_duplicates(applicant, passport):
                return
            if self.outcome == "saved":
                self.saved, self.saved_passport = self._service.save_identity(applicant, passport)
        except InputError as exc:
            self.error.setText(self.show_problems(exc.problems))
            return
        except ConflictError as exc:  # someone else saved this person since the dialog opened: nothing written
            self.show_conflict(exc)
            return
        except PermissionRefused as exc:  # the firm database refused it for this role: nothing written
            self.refused = show_refused(self, exc)
            return
        except DamagedStoreError as exc:  # the store failed its check (ui/store/integrity_watch.py): nothing written
            self.refused = show_damaged(self, exc)
            return
        super().accept()

    def show_conflict(self, conflict: ConflictError) -> ConflictDialog:
        def overwrite() -> None:
            if conflict.stored_version is not None:
                self._versions[conflict.table] = conflict.stored_version
            self.accept()

        def reload() -> None:
            self.reloaded.emit(conflict.stored)
            self.reject()

        self.conflict = ConflictDialog(conflict, reload, overwrite, self)
        self.conflict.open()
        return self.conflict

    def show_problems(self, problems: Sequence[Problem]) -> str:
        """Core names the passport's fields without a prefix (number, expiry_date): both map to this form."""
        fields: dict[str, QWidget] = {
            "family_name": self.family_name, "given_names": self.given_names, "chinese_name": self.chinese_name,
            "birth_date": self.birth_date, "nationality": self.nationality, "city": self.city,
            "number": self.passport_number, "issuing_country": self.passport_country,
            "issue_date": self.passport_issue, "expiry_date": self.passport_expiry,
            "passport.issue_date": self.passport_issue, "passport.expiry_date": self.passport_expiry,
            "passport.number": self.passport_number, "mrz": self.mrz.lines, "personal_number": self.mrz.lines}
        labels = {"family_name": _("Family name (as in passport)"), "given_names": _("Given names"),
                  "chinese_name": _("Chinese name 中文姓名"), "birth_date": _("Date of birth"),
                  "nationality": _("Nationality (ISO code)"), "city": _("City of residence"),
                  "number": _("Passport number"), "issuing_country": _("Issuing country (ISO code)"),
                  "issue_date": _("Date of issue"), "expiry_date": _("Date of expiry"),
                  "passport.issue_date": _("Date of issue"), "passport.expiry_date": _("Date of expiry"),
                  "passport.number": _("Passport number"), "mrz": _("Machine-readable zone (optional) 机读码"),
                  "personal_number": _("Machine-readable zone (optional) 机读码")}
        return show_problems(problems, labels, fields, self._invalid)

    def _check_duplicates(self, applicant: Applicant, passport: Passport | None) -> bool:
        """A new applicant who may be a stored client: open that client, merge into it, or keep both (False: stay)."""
        matches = self._service.find_duplicates(applicant, [passport.number] if passport else [])
        if not matches:
            return True
        choice = ask_duplicate(self, matches)
        existing = matches[0].existing
        assert existing.id is not None
        if choice == "open":
            self.saved, self.outcome = existing, "opened"
        elif choice == "merge":
            self.saved, _passport = self._service.merge_identity(existing.id, applicant, passport)
            self.outcome = "merged"
        return choice != "cancel"


def ask_duplicate(parent: QWidget, matches: list[DuplicateMatch]) -> str:
    """"open", "merge", "keep" or "cancel": what to do with a new entry that looks like a stored client."""
    lines = []
    for m in matches[:5]:
        why = (_("same passport number and same name and date of birth") if m.by_passport and m.by_name_and_birth
               else _("same passport number") if m.by_passport else _("same name and date of birth"))
        born = m.existing.birth_date.isoformat() if m.existing.birth_date else "—"
        lines.append(f"• {m.existing.chinese_name} {m.existing.latin_name} ({born}): {why}".replace("  ", " "))
    box = QMessageBox(QMessageBox.Icon.Question, _("Already a client?"), _(
        "This person may already be stored:") + "\n" + "\n".join(lines), parent=parent)
    box.setObjectName("duplicate_question")
    buttons: dict[QAbstractButton, str] = {
        box.addButton(_("Open the existing client"), QMessageBox.ButtonRole.AcceptRole): "open",
        box.addButton(_("Merge into the existing client"), QMessageBox.ButtonRole.ActionRole): "merge",
        box.addButton(_("Keep both"), QMessageBox.ButtonRole.ActionRole): "keep",
        box.addButton(QMessageBox.StandardButton.Cancel): "cancel",
    }
    for button, name in buttons.items():
        button.setObjectName(f"duplicate_{name}")
    box.setInformativeText(_("Merging fills the stored client's empty fields and adds the passport if it is new."))
    box.exec()
    clicked = box.clickedButton()
    return buttons.get(clicked, "cancel") if clicked is not None else "cancel"
