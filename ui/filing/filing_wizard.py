"""The filing wizard: kind, city and filing date; the checklist with each row's status and an "Attach…" button;
the pre-flight findings; the packet rendered off the GUI thread and previewed in QPdfView, then exported.

The content is put together on the GUI thread from this window's service (a few milliseconds of reads); only the
rendering, which needs no database, runs on a pool thread (sqlite connections must not cross threads).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from core.errors import InputError
from core.i18n import _, current_locale
from core.packets.content import ChecklistRow, Severity, Text
from core.records.identity import ApplicantId
from core.records.limits import EARLIEST_DATE, LATEST_DATE
from core.render.errors import FontNotFoundError
from core.services.facade import JuliuService
from core.storage.sqlite.health import PermissionRefused
from ui.common.widgets import button_row, named, record_table, source_row
from ui.filing.filing_models import AttachButtonDelegate, ChecklistTableModel, FindingTableModel, fit_rows
from ui.filing.packet_files import audience_paths, file_name
from ui.filing.preview_page import PreviewPage
from ui.firm.staff_role import show_refused
from ui.records.attachments import FILE_FILTER

if TYPE_CHECKING:
    from core.services.packets import FamilyFiling, PreparedPacket

LAST_FOLDER_KEY = "packets/last_folder"


class KindPage(QWizardPage):
    """Page 1: what is filed, where and when."""

    def __init__(self, wizard: FilingWizard):
        super().__init__()
        self.setTitle(_("Filing 申请"))
        self.setSubTitle(_("Choose the kind of filing, the city and the intended filing date. "
                           "选择申请类别、城市和拟申请日期。"))
        service, applicant_id = wizard.service, wizard.applicant_id
        self.wizard_ = wizard
        self.suggested = service.packets.suggested_kinds(applicant_id, wizard.today)
        self.kind = named(QComboBox(), "kind")
        self.city = named(QComboBox(), "city")
        self.city.addItem(_("全国 National (no city layer)"), "")
        for key, name in service.packets.cities().items():
            self.city.addItem(f"{name.zh} {name.en}", key)
        self.city.setCurrentIndex(max(0, self.city.findData(service.packets.default_city(applicant_id))))
        self.filing_date = named(QDateEdit(), "filing_date")
        self.filing_date.setCalendarPopup(True)
        self.filing_date.setDisplayFormat("yyyy-MM-dd")
        self.filing_date.setDateRange(QDate(EARLIEST_DATE.year, EARLIEST_DATE.month, EARLIEST_DATE.day),
                                      QDate(LATEST_DATE.year, LATEST_DATE.month, LATEST_DATE.day))
        self.months = named(QSpinBox(), "months")
        self.months.setMinimum(0)
        self.months.setMaximum(60)
        self.months.setSpecialValueText(_("as the current permit 按现持证件期限"))
        self.checklist_only = named(QCheckBox(_("Checklist only 仅生成核对清单")), "checklist_only")
        form = QFormLayout(self)
        form.addRow(_("Kind 申请类别"), self.kind)
        form.addRow(_("City 城市"), self.city)
        form.addRow(_("Filing date 拟申请日期"), self.filing_date)
        form.addRow(_("Requested term, months 申请期限（月）"), self.months)
        form.addRow("", self.checklist_only)
        self.family = named(QCheckBox(_("Family filing: also the packets of the spouse and children filing with "
                                        "the principal, and a cover 家庭随同申请：同时生成随同家属的材料和总封面")),
                            "family")
        form.addRow("", self.family)
        self.about = named(QLabel(), "kind_about")
        self.about.setWordWrap(True)
        form.addRow("", self.about)
        self.not_offered = named(QLabel(), "not_offered")
        self.not_offered.setWordWrap(True)
        self.not_offered.setStyleSheet("color: #555")
        self.not_offered.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A long list (a dozen kinds) scrolls instead of pushing the page past a 768 px laptop screen.
        scroll = named(QScrollArea(), "not_offered_scroll")
        scroll.setWidget(self.not_offered)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        form.addRow(_("Not offered 不适用"), scroll)
        hint = named(QLabel(_("★ suggested by the records 根据记录推荐")), "hint")
        hint.setStyleSheet("color: #555")
        form.addRow("", hint)
        self.filing_date.setDate(QDate(wizard.today.year, wizard.today.month, wizard.today.day))
        self.refresh_kinds()
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed(wizard))
        self.filing_date.dateChanged.connect(lambda _d: self.refresh_kinds())
        self.city.currentIndexChanged.connect(lambda _i: self.refresh_kinds())
        self._kind_changed(wizard)

    def refresh_kinds(self) -> None:
        """Only the kinds that apply on the filing date are offered; the others are listed with the reason
        their data gives (templates/kinds `[[applies]]`)."""
        w = self.wizard_
        refused = w.service.packets.applicability(w.applicant_id, self.day(), str(self.city.currentData() or ""))
        kinds = sorted(w.service.packets.kinds(), key=lambda k: k.id not in self.suggested)
        offered = [k for k in kinds if not refused[k.id]]
        current = self.kind_id()
        self.kind.blockSignals(True)
        self.kind.clear()
        starred = sum(1 for k in offered if k.id in self.suggested)
        for i, k in enumerate(offered):
            if i == starred and starred:
                self.kind.insertSeparator(i)
            self.kind.addItem(f"{'★ ' if k.id in self.suggested else ''}{k.name.zh}  {k.name.en}", k.id)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(False)
        lines = [f"<b>{escape(k.name.zh)}</b> {escape(k.name.en)} — {escape(refused[k.id][0].reason.zh)}<br>"
                 f"<span style='color:#777'>{escape(refused[k.id][0].reason.en)}</span>"
                 for k in kinds if refused[k.id]]
        self.not_offered.setText("<br>".join(lines) or _("none 无"))
        self.not_offered.setToolTip("\n".join(f"{k.name.zh}: " + "; ".join(r.reason.both for r in refused[k.id])
                                              for k in kinds if refused[k.id]))
        if self.kind_id() != current:
            self._describe()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self.kind_id()) and super().isComplete()

    def _kind_changed(self, wizard: FilingWizard) -> None:
        self._describe()
        self._date_for_kind(wizard)
        family = bool(self.kind_id()) and bool(wizard.service.packets.family_kind(wizard.applicant_id,
                                                                                  self.kind_id()))
        self.family.setEnabled(family)
        if not family:
            self.family.setChecked(False)

    def _describe(self) -> None:
        kind = next((k for k in self.wizard_.service.packets.kinds() if k.id == self.kind_id()), None)
        self.about.setText("")
        if kind is not None:
            p = kind.processing
            unit = {"working": _("working days 个工作日"), "calendar": _("calendar days 日")}
            timing = _("Processing 办理时限: {days} {unit} ({source})").format(
                days=p.days, unit=unit.get(p.unit, p.unit), source=p.provenance.source) if p else ""
            self.about.setText(_("{zh} · {en}\nSource 依据: {source} ({conf})\n{timing}").format(
                zh=kind.name.zh, en=kind.name.en, source=kind.provenance.source, conf=kind.provenance.confidence,
                timing=timing))  # the kind's route id (wp-extension) is no word of the officer's: not shown

    def _date_for_kind(self, wizard: FilingWizard) -> None:
        """A filing of this kind being prepared gives the date; otherwise today."""
        planned = wizard.service.packets.planned_filing_date(wizard.applicant_id, self.kind_id(), wizard.today)
        day = planned or wizard.today
        self.filing_date.setDate(QDate(day.year, day.month, day.day))

    def kind_id(self) -> str:
        return str(self.kind.currentData() or "")

    def day(self) -> dt.date:
        d = self.filing_date.date()
        return dt.date(d.year(), d.month(), d.day())


class ChecklistPage(QWizardPage):
    """Page 2: the checklist on the filing date; a scan attached here goes to the row's document record."""

    attached = Signal(str)

    def __init__(self, wizard: FilingWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(_("Checklist 材料核对清单"))
        self.model = ChecklistTableModel(self)
        self.model.attachable = lambda row: wizard.attachable(row)
        self.view = record_table(self.model, "checklist")
        fit_rows(self.view)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(ChecklistTableModel.ATTACH_COLUMN,
                                                         QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.setColumnWidth(ChecklistTableModel.ATTACH_COLUMN, 110)
        self.delegate = AttachButtonDelegate(self.view)
        self.view.setItemDelegateForColumn(ChecklistTableModel.ATTACH_COLUMN, self.delegate)
        self.delegate.clicked.connect(self.attach_row)
        self.note = named(QLabel(), "checklist_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        row, self.buttons = button_row(("attach_selected", _("Attach to selected row… 附加到所选项"),
                                        lambda: self.attach_row(source_row(self.view.currentIndex()))))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.note)
        layout.addLayout(row)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.wizard_.prepare()
        self.refresh()

    def refresh(self) -> None:
        prepared = self.wizard_.prepared
        rows = prepared.content.checklist.rows if prepared and prepared.content.checklist else ()
        self.model.set_records(rows)
        have = sum(1 for r in rows if r.status.value == "have")
        self.note.setText(_("{have} of {n} rows held. Items without a record (photos, letters, the office's form) "
                            "are prepared by hand; a scan attached to a missing row creates its document record — "
                            "fill in its number and dates in the Documents tab. 无记录的材料请自行准备。").format(
            have=have, n=sum(1 for r in rows if r.status.value != "not_applicable")))

    def attach_row(self, row: int, path: Path | None = None) -> bool:
        if not 0 <= row < self.model.rowCount():
            return False
        record = self.model.record(row)
        if not self.wizard_.attachable(record):
            self.note.setText(_("{item}: prepared by hand, no record holds it. 此项请自行准备。").format(
                item=f"{record.name.zh} {record.name.en}"))
            return False
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, _("Attach a scan 附加扫描件"), "", FILE_FILTER)
            if not name:
                return False
            path = Path(name)
        if not self.wizard_.attach(record.key, path):
            return False
        self.refresh()
        self.attached.emit(record.key)
        return True


class PreflightPage(QWizardPage):
    """Page 3: what would make the office refuse or return the packet."""

    def __init__(self, wizard: FilingWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(_("Pre-flight check 预检"))
        self.model = FindingTableModel(self)
        self.view = record_table(self.model, "findings")
        fit_rows(self.view)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.summary = named(QLabel(), "preflight_summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)

    def initializePage(self) -> None:  # noqa: N802
        prepared = self.wizard_.prepared
        findings = list(prepared.content.findings if prepared else ())
        for member in self.wizard_.family_members[1:]:  # a family filing: each member's, named, after the principal's
            if member.prepared is not None:
                findings += [dataclasses.replace(f, message=Text(f"{member.name}：{f.message.zh}",
                                                                 f"{member.name}: {f.message.en}"))
                             for f in member.prepared.content.findings]
        self.model.set_records(findings)
        blockers = sum(1 for f in findings if f.severity is Severity.BLOCKER)
        self.summary.setText(_("{n} to fix before filing 须处理; {w} warnings 请注意. The cover of the packet lists "
                               "them all.").format(n=blockers, w=sum(1 for f in findings
                                                                   if f.severity is Severity.WARNING)))
        self.summary.setStyleSheet("color: #b3261e; font-weight: bold" if blockers else "color: #1b7a3a")


class FilingWizard(QWizard):
    """Prepares a filing packet for one applicant; reads and writes through the service only."""

    def __init__(self, service: JuliuService, applicant_id: ApplicantId, today: dt.date, parent: Any = None,
                 kind: str | None = None):
        """`kind`: preselected when it applies (the window passes the one the next deadline calls for)."""
        super().__init__(parent)
        self.service, self.applicant_id, self.today = service, applicant_id, today
        self.prepared: PreparedPacket | None = None
        self.refused: QMessageBox | None = None  # the server's refusal, when this person's role may not attach
        self.family_members: list[FamilyFiling] = []  # a family filing: principal first, then each member
        applicant = service.get_applicant(applicant_id)
        self.setWindowTitle(_("Filing packet 申请材料 — {name}").format(
            name=f"{applicant.chinese_name} {applicant.latin_name}".strip()))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.kind_page = KindPage(self)
        self.checklist_page = ChecklistPage(self)
        self.preflight_page = PreflightPage(self)
        self.preview_page = PreviewPage(self)
        for page in (self.kind_page, self.checklist_page, self.preflight_page, self.preview_page):
            self.addPage(page)
        if kind is not None and self.kind_page.kind.findData(kind) >= 0:
            self.kind_page.kind.setCurrentIndex(self.kind_page.kind.findData(kind))
        self.resize(1060, self.fitting_height(self.screen().availableGeometry().height() if self.screen() else 768))

    @staticmethod
    def fitting_height(available: int) -> int:
        """760 px, or less on a small screen (a 1366x768 laptop leaves about 728 px): Finish stays on screen."""
        return min(760, available - 40)

    def prepare(self) -> PreparedPacket | None:
        """The packet's content for the choices of page 1, from the records as they are now."""
        page = self.kind_page
        self.family_members = []
        try:
            city, day, months = str(page.city.currentData()), page.day(), page.months.value() or None
            if page.family.isChecked():  # the principal's packet and each member's (NIA-12: filed together)
                self.family_members = self.service.packets.family(self.applicant_id, page.kind_id(), today=self.today,
                                                                  city=city, filing_date=day, permit_months=months)
                self.prepared = self.family_members[0].prepared
            else:
                self.prepared = self.service.packets.prepare(self.applicant_id, page.kind_id(), today=self.today,
                                                             city=city, filing_date=day, permit_months=months)
        except (InputError, FontNotFoundError) as exc:
            QMessageBox.critical(self, _("Cannot prepare the packet"), str(exc))
            self.prepared = None
        return self.prepared

    def checklist_only(self) -> bool:
        return self.kind_page.checklist_only.isChecked()

    def attachable(self, row: ChecklistRow) -> bool:
        return self.prepared is not None and self.service.packets.attachable(self.prepared, row.key)

    def attach(self, row_key: str, path: Path) -> bool:
        assert self.prepared is not None
        try:
            self.service.packets.attach_scan(self.prepared, row_key, path)
        except InputError as exc:
            QMessageBox.critical(self, _("Attach failed"), str(exc))
            return False
        except PermissionRefused as exc:  # a viewer on a firm database: the server refused, nothing was stored
            self.refused = show_refused(self, exc)
            return False
        self.prepare()
        return True

    def suggested_name(self) -> str:
        """Family name, the kind in the interface's language and the filing date; never an internal id."""
        applicant = self.service.get_applicant(self.applicant_id)
        kind = next((k for k in self.service.packets.kinds() if k.id == self.kind_page.kind_id()), None)
        kind_name = (kind.name.zh if current_locale().startswith("zh") else kind.name.en) if kind else ""
        parts = [applicant.family_name.upper(), applicant.given_names, kind_name, self.kind_page.day().isoformat()]
        return file_name(" ".join(p for p in parts if p)) + ".pdf"

    def default_path(self, *, unique: bool = False) -> Path:
        """In the folder used last (QSettings), else the user's Documents folder; `unique` avoids overwriting."""
        folder = Path(str(QSettings().value(LAST_FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        path = folder / self.suggested_name()
        n = 2
        while unique and any(p.exists() for p in audience_paths(path).values()):
            path = folder / f"{Path(self.suggested_name()).stem} ({n}).pdf"
            n += 1
        return path

    def remember_folder(self, folder: Path) -> None:
        QSettings().setValue(LAST_FOLDER_KEY, str(folder))
