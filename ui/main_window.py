"""The main window: applicants on the left, the selected applicant's records in tabs on the right."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import InputError
from core.i18n import _
from core.records.identity import Applicant, ApplicantId
from core.services.clients import statuses
from core.services.facade import JuliuService
from core.services.op_changes import OpChanges
from ui.common.background import PaintHold, cancel_and_wait, running_under
from ui.common.widgets import button_row, named, on_delete_key, select_source_row, source_row
from ui.shell.client_list import ClientListPane
from ui.shell.deadlines_view import DeadlinesDock
from ui.shell.empty_state import EmptyStateWidget
from ui.shell.file_actions import FileActions
from ui.shell.tab_set import TabSet, from_module
from ui.shell.window_state import settings as window_settings
from ui.shell.window_state import staff_name
from ui.store.integrity_watch import IntegrityWatch
from ui.undo import History

# What a first run does not show loads when used (issue 15: start-up; tests/test_lazy_imports.py): the dialogs and
# the wizard (QtPdf, the MRZ reader) when first opened, the deadline rules with the first deadline row, the message
# and file dialogs when one opens, the firm's role and live refresh on a firm database only.
if TYPE_CHECKING:
    from core.deadlines.item import DeadlineItem
    from core.services.firm.live import LiveChange
    from core.services.recovery.changes import Snapshot
    from ui.filing.filing_wizard import FilingWizard
    from ui.filing.filings_tab import FilingsTab
    from ui.records.applicant_dialog import ApplicantDialog
    from ui.shell.about_dialog import AboutDialog
    from ui.shell.live_refresh import LiveRefresh
    from ui.travel.travel_tab import TravelTab

# The applicant's tabs: name, module, class, title (a function: the title follows the interface language). Each is
# imported and built when first shown or asked for (ui/shell/tab_set.py; tests/test_lazy_imports.py).
TABS: tuple[tuple[str, str, str, Callable[[], str]], ...] = (
        ("travel", "ui.travel.travel_tab", "TravelTab", lambda: _("Travel 出入境")),
        ("family", "ui.records.family_tab", "FamilyTab", lambda: _("Family 家庭")),
        ("documents", "ui.records.documents_tab", "DocumentsTab", lambda: _("Documents 证件")),
        ("employment", "ui.records.employment_tab", "EmploymentTab", lambda: _("Employment 工作")),
        ("income", "ui.records.income_tab", "IncomeTab", lambda: _("Income && tax 收入纳税")),
        ("background", "ui.records.background_tab", "BackgroundTab", lambda: _("Background 履历")),
        ("qualifications", "ui.qualifications.qualifications_tab", "QualificationsTab",
         lambda: _("Qualifications 资历")),
        ("filings", "ui.filing.filings_tab", "FilingsTab", lambda: _("Filings 申请")),
        ("eligibility", "ui.eligibility.applicant_eligibility_tab", "EligibilityTab", lambda: _("Eligibility 资格")))


class MainWindow(QMainWindow):
    applicant_saved = Signal(int)
    changes_applied = Signal(object)  # OpChanges, once per change, after the window's own views refreshed
    store_replaced = Signal(object)  # a JuliuService reopened after a restore: the app builds a new window on it

    def __init__(self, service: JuliuService, today: Callable[[], dt.date] = dt.date.today, parent: Any = None):
        super().__init__(parent)
        self.paint_hold = PaintHold(self)  # the background work started below waits for the first paint
        self.service = service
        service.set_staff_name(staff_name(window_settings()))  # who the history names for this person's changes
        self._today = today
        self.setWindowTitle(_("Juliu 居留 — residence records"))
        self.history = History(service, self)
        self.history.applied.connect(self._history_applied)
        self.clients = ClientListPane(service, self)
        self.applicant_model = self.clients.model
        self.applicant_view = self.clients.view
        self.deadlines: DeadlinesDock | None = None
        self._reselecting = False  # refresh_applicants moves the selection, then shows the details once itself
        self.header = named(QLabel(), "header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = self.tab_set = named(TabSet(), "tabs")
        self.tab_set.built.connect(self._tab_built)
        for name, module, cls, title in TABS:
            self.tab_set.add(name, title(), from_module(module, cls, service, today, self))
        self._build()
        self._menus()
        self.applicant_view.selectionModel().currentRowChanged.connect(self._applicant_changed)
        self.applicant_view.doubleClicked.connect(lambda _i: self.edit_applicant())
        on_delete_key(self.applicant_view, self.delete_applicant)
        self.refresh_applicants()
        self.resize(1240, 700)
        self.deadlines = DeadlinesDock(service, today, self, self, compute=self.clients.has_clients)
        self.deadlines.updated.connect(self._deadlines_updated)
        self.toolbar.addAction(self.deadlines.toggleViewAction())  # the dock collapses and comes back in one click
        # The dashboard starts short so the applicant's tabs keep most of the height; the user can drag it.
        self.resizeDocks([self.deadlines], [190], Qt.Orientation.Vertical)
        self._help_menu()
        if service.url is not None:  # a firm database: a viewer's editing greyed, the role in the status bar
            from ui.firm.staff_role import apply_role

            apply_role(self, service, (self.undo_action, self.redo_action))
        self.live = self._start_live()
        # A store opened with check="later": its quick_check starts once the window shows (writes wait for it).
        self.integrity = IntegrityWatch(self, service, lambda backup: self.file_actions.restore_from(backup),
                                        self.paint_hold)

    def _help_menu(self) -> None:
        """Last in the menu bar, after the View menu the docks add."""
        self.help_menu = self.menuBar().addMenu(_("&Help"))
        self.about_action = named(QAction(_("About Juliu…"), self), "about")
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    @property
    def applicant_tabs(self) -> list[QWidget]:
        """Every applicant tab in tab order, built now if not yet shown."""
        return self.tab_set.all()

    @property
    def travel(self) -> TravelTab:
        return cast("TravelTab", self.tab_set.tab("travel"))

    @property
    def filings(self) -> FilingsTab:
        return cast("FilingsTab", self.tab_set.tab("filings"))

    def _tab_built(self, name: str, tab: QWidget) -> None:
        """A tab built on first show: the window passes on what it changes (one broadcast, see apply_changes)."""
        for signal in ("records_changed", "crossings_changed"):
            if hasattr(tab, signal):
                getattr(tab, signal).connect(self.apply_changes)
        if name == "filings":
            tab.packet_requested.connect(lambda: self.open_filing_wizard())  # type: ignore[attr-defined]

    # --- layout -----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel(_("Applicants 申请人")))
        lv.addWidget(self.clients)
        row, self.applicant_buttons = button_row(
            ("add_applicant", _("Add…"), self.add_applicant),
            ("edit_applicant", _("Edit…"), self.edit_applicant),
            ("delete_applicant", _("Delete"), self.delete_applicant))
        lv.addLayout(row)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.header)
        rv.addWidget(self.tabs)
        self.empty_state = EmptyStateWidget(self)
        self.empty_state.add_requested.connect(self.add_applicant)
        self.empty_state.import_requested.connect(lambda: self.file_actions.choose_case_files())
        self.empty_state.examples_requested.connect(lambda: self.file_actions.open_examples())
        self.right = named(QStackedWidget(), "right_pane")
        self.records_pane = right
        self.right.addWidget(right)
        self.right.addWidget(self.empty_state)
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(left)
        outer.addWidget(self.right)
        outer.setStretchFactor(0, 1)  # most extra width goes to the records
        outer.setStretchFactor(1, 4)
        outer.setSizes([340, 1000])
        self.setCentralWidget(outer)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.file_actions = FileActions(self, self.service, self._today)
        self.export_action = named(QAction(_("Export summary PDF…"), self), "export_summary")
        self.export_action.triggered.connect(self._export_summary_clicked)
        file_menu.addAction(self.export_action)
        self.packet_action = named(QAction(_("New filing packet… 生成申请材料…"), self), "new_packet")
        self.packet_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.packet_action.setToolTip(_("The filing wizard, with the kind the next deadline calls for (Ctrl+Shift+N)"))
        self.packet_action.triggered.connect(lambda _checked=False: self.open_filing_wizard())
        self.file_actions.fill_file_menu(file_menu, [self.packet_action, self.export_action])
        self.add_action = named(QAction(_("Add applicant 添加申请人"), self), "toolbar_add_applicant")
        self.add_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_action.triggered.connect(lambda _checked=False: self.add_applicant())
        self.toolbar = self.addToolBar(_("Main 主工具栏"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        for action in (self.add_action, self.packet_action, self.file_actions.actions["import_case"]):
            self.toolbar.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.undo_action = self.history.createUndoAction(self, _("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.history.createRedoAction(self, _("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        # Say what was undone or redone (the step's name: the stack's redo text after an undo, and the reverse).
        self.undo_action.triggered.connect(lambda _c=False: self.statusBar().showMessage(
            _("Undone: {step}").format(step=self.history.redoText()), 10000))
        self.redo_action.triggered.connect(lambda _c=False: self.statusBar().showMessage(
            _("Redone: {step}").format(step=self.history.undoText()), 10000))

    def show_about(self) -> AboutDialog:
        from ui.shell.about_dialog import AboutDialog

        dialog = AboutDialog(self.service.about(), self)
        dialog.open()
        return dialog

    # --- state ------------------------------------------------------------------------------------------------
    def current_applicant(self) -> Applicant | None:
        index = self.applicant_view.currentIndex()
        return self.applicant_model.record(source_row(index)) if index.isValid() else None

    def refresh_applicants(self, select_id: int | None = None) -> None:
        """Read the client list again; clients added or removed since get their deadlines (re)computed. The tabs
        show the selected client once, at the end (moving the selection here does not show it a second time)."""
        current = self.current_applicant()
        keep = select_id if select_id is not None else (current.id if current else None)
        self._reselecting = True
        try:
            changed = self.clients.reload()
            if changed and self.deadlines is not None:
                self.deadlines.refresh(changed)
            if keep is not None and select_id is not None:
                self.clients.show_client(ApplicantId(keep))
            rows = [i for i, a in enumerate(self.applicant_model.records()) if a.id == keep]
            if rows:
                select_source_row(self.applicant_view, rows[0])
            elif self.applicant_model.rowCount():
                self.applicant_view.selectRow(0)
        finally:
            self._reselecting = False
        self.refresh_details()

    def refresh_details(self) -> None:
        applicant = self.current_applicant()
        applicant_id = applicant.id if applicant is not None else None
        for name in ("edit_applicant", "delete_applicant"):
            self.applicant_buttons[name].setEnabled(applicant_id is not None)
        self.export_action.setEnabled(applicant_id is not None)
        self.packet_action.setEnabled(applicant_id is not None)
        self.file_actions.set_applicant_selected(applicant_id is not None)
        self.tabs.setEnabled(applicant_id is not None)
        self.right.setCurrentWidget(self.empty_state if self.applicant_model.rowCount() == 0 else self.records_pane)
        self.tab_set.set_applicant(applicant_id)
        if applicant is None or applicant_id is None:
            self.header.setText(_("No applicant selected. Add one to start."))
            return
        passports = self.service.list_passports(applicant_id)
        passport = (_("passport {number}, valid until {date}").format(
            number=passports[0].number, date=passports[0].expiry_date.isoformat()) if passports else _("no passport"))
        self.header.setText(f"<h2>{applicant.chinese_name} {applicant.latin_name}</h2>"
                            f"<span>{applicant.nationality} · {applicant.city} · {passport}</span>")

    def _applicant_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._reselecting:
            self.refresh_details()

    # --- changes: one broadcast, each view refreshes what a change touched --------------------------------------
    def apply_changes(self, changes: OpChanges) -> None:
        """Pass a change on: the client list and the deadlines recompute only the applicants it touched."""
        if changes.applicant_list:
            current = self.current_applicant()
            self.refresh_applicants(select_id=current.id if current is not None else None)
        self.clients.update_texts(changes.applicants)
        if self.deadlines is not None:
            self.deadlines.refresh(changes.applicants)
        self.changes_applied.emit(changes)

    # --- live refresh: colleagues' saves on a firm database ----------------------------------------------------
    def _start_live(self) -> LiveRefresh | None:
        listening = self.service.live_changes()
        if listening is None:  # the SQLite file: one person at a time
            return None
        from ui.shell.live_refresh import LiveRefresh

        live = LiveRefresh(listening, self)
        live.changed.connect(self.apply_colleague_change)
        live.lost.connect(lambda reason: self.statusBar().showMessage(
            _("Live refresh paused: {reason}. Trying again…").format(reason=reason)))
        live.resumed.connect(self._live_resumed)
        return live

    def apply_colleague_change(self, change: LiveChange) -> None:
        """Another person's committed save, applied exactly as this window's own; the client shown is read again
        when it was touched."""
        changes = change.changes
        current = self.current_applicant()
        self.apply_changes(changes)
        if not changes.applicant_list and current is not None and changes.touches(current.id):
            self.refresh_details()
        from ui.shell.live_refresh import describe

        self.statusBar().showMessage(describe(change), 8000)

    def _live_resumed(self) -> None:
        """Back after a lost connection: notices sent meanwhile were missed, so everything is read again."""
        ids = frozenset(a.id for a in self.service.list_applicants() if a.id is not None)
        self.apply_changes(OpChanges(ids, frozenset(), applicant_list=True))
        self.statusBar().showMessage(_("Connected to the firm database again; the clients were read again"), 8000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """The firm's notices stop; the window's background work is cancelled and waited for (a worker must not
        report to a window that is gone: "Signal source has been deleted" at exit)."""
        if self.live is not None:
            self.live.stop()
        self.clients.stop()
        self.tab_set.stop()
        cancel_and_wait(running_under(self))
        super().closeEvent(event)

    def _deadlines_updated(self, _ids: object) -> None:
        if self.deadlines is not None:
            self.applicant_model.set_statuses(statuses(self.deadlines.dashboard.items()))

    # --- actions ----------------------------------------------------------------------------------------------
    def add_applicant(self) -> ApplicantDialog:
        from ui.records.applicant_dialog import ApplicantDialog

        dialog = ApplicantDialog(self.service, parent=self, today=self._today)
        mark = self.service.change_mark()
        dialog.accepted.connect(lambda: self._applicant_dialog_done(dialog, mark, None, None))
        dialog.open()
        return dialog

    def edit_applicant(self) -> ApplicantDialog | None:
        applicant = self.current_applicant()
        if applicant is None or applicant.id is None:
            return None
        applicant_id = applicant.id
        applicant = self.service.get_applicant(applicant_id)  # as stored now: its version is what the save checks
        passports = self.service.list_passports(applicant_id)
        passport = passports[0] if passports else None
        from ui.records.applicant_dialog import ApplicantDialog

        dialog = ApplicantDialog(self.service, applicant, passport, parent=self,
                                 today=self._today)
        before = (self.history.before(applicant), self.history.before(passport) if passport else None)
        mark = self.service.change_mark()
        dialog.accepted.connect(lambda: self._applicant_dialog_done(dialog, mark, *before))
        dialog.reloaded.connect(lambda _stored: self.refresh_applicants(select_id=applicant_id))
        dialog.open()
        return dialog

    def _applicant_dialog_done(self, dialog: ApplicantDialog, mark: int, before: Snapshot | None,
                               passport_before: Snapshot | None) -> None:
        if dialog.saved is not None and dialog.outcome != "saved":
            said = _("Opened the stored client {name}") if dialog.outcome == "opened" else _(
                "Merged into the stored client {name}")
            self.statusBar().showMessage(said.format(name=dialog.saved.latin_name), 8000)
        if dialog.saved is None or dialog.saved.id is None:
            return
        if dialog.outcome == "saved":  # an undo step for what this dialog wrote (not for opening a stored client)
            self.history.beginMacro(_("save applicant {name}").format(name=dialog.saved.latin_name))
            self.history.saved(dialog.saved, before, "")
            if dialog.saved_passport is not None and before is not None:  # a new person's passport goes with them
                self.history.saved(dialog.saved_passport, passport_before, "")
            self.history.endMacro()
        self.refresh_applicants(select_id=dialog.saved.id)  # the list, with this client shown and selected
        changes = self.service.changes_since(mark)
        self.apply_changes(dataclasses.replace(changes, applicant_list=False))
        self.applicant_saved.emit(dialog.saved.id)

    def delete_applicant(self) -> None:
        """Asks (a person's whole file goes), then deletes as an undoable step."""
        applicant = self.current_applicant()
        if applicant is None or applicant.id is None:
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, _("Delete applicant"), _(
            "Delete {name} and all their records? Edit > Undo (Ctrl+Z) brings them back.").format(
            name=applicant.latin_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.history.delete("applicant", [int(applicant.id)], _("delete applicant {name}").format(
                name=applicant.latin_name), int(applicant.id))
            self.statusBar().showMessage(_("Deleted {name}. Edit > Undo (Ctrl+Z) brings them back.").format(
                name=applicant.latin_name), 20000)

    def _history_applied(self, applicant_id: int | None, changes: OpChanges) -> None:
        """After an undo, a redo or a delete: show the applicant the step concerned; pass on what it changed."""
        known = {a.id for a in self.service.list_applicants()}
        shown = applicant_id if applicant_id is not None and applicant_id in known else None
        self.refresh_applicants(select_id=ApplicantId(shown) if shown is not None else None)
        self.apply_changes(dataclasses.replace(changes, applicant_list=False))

    def open_filing_wizard(self, kind: str | None = None) -> FilingWizard | None:
        """The wizard for the selected applicant, preselecting `kind` or the one their next deadline calls for."""
        applicant = self.current_applicant()
        if applicant is None or applicant.id is None:
            return None
        today = self._today()
        chosen = kind or self.service.packets.next_kind(applicant.id, today)
        from ui.filing.filing_wizard import FilingWizard

        wizard = FilingWizard(self.service, applicant.id, today, self, kind=chosen)
        wizard.finished.connect(lambda _r: self._wizard_finished(wizard))
        wizard.open()
        return wizard

    def _wizard_finished(self, wizard: FilingWizard) -> None:
        """Scans attached in the wizard show in Documents; where Finish saved the packet is said in the status bar."""
        self.refresh_details()
        saved = wizard.preview_page.saved_to
        if saved is not None:
            self.statusBar().showMessage(_("Packet saved: {path}").format(path=saved), 20000)

    def open_filing_for_deadline(self, item: DeadlineItem) -> FilingWizard | None:
        """A "file the renewal" row of the dashboard: that applicant's wizard with the kind the row calls for."""
        current = self.current_applicant()
        if current is None or current.id != item.applicant_id:
            self.refresh_applicants(select_id=item.applicant_id)
            current = self.current_applicant()
        if current is None or current.id != item.applicant_id:
            return None
        suggested = self.service.packets.suggested_kinds(item.applicant_id, self._today())
        from core.packets.next_kind import kind_for_deadline

        return self.open_filing_wizard(kind_for_deadline(item, suggested))

    def _export_summary_clicked(self) -> None:
        applicant = self.current_applicant()
        if applicant is None:
            return
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export summary PDF"), f"{applicant.family_name}-summary.pdf", _("PDF files (*.pdf)"))
        if name:
            self.export_summary(Path(name))

    def export_summary(self, path: Path) -> bool:
        applicant = self.current_applicant()
        if applicant is None or applicant.id is None:
            return False
        from PySide6.QtWidgets import QMessageBox

        from core.render.errors import FontNotFoundError

        try:
            self.service.export_summary_pdf(applicant.id, path, self._today())
        except (FontNotFoundError, InputError, OSError) as exc:
            QMessageBox.critical(self, _("Export failed"), str(exc))
            return False
        self.statusBar().showMessage(_("Saved {path}").format(path=path), 8000)
        return True
