"""The client list: families grouped under their principal, one search box over names (Latin, Chinese, pinyin),
passport and permit numbers and employers, and a status badge per client. Filtering runs over precomputed
search texts in the model (a few milliseconds at 10,000 clients); the texts are built off the GUI thread."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from core.i18n import _
from core.records.client_search import fold
from core.records.identity import Applicant, ApplicantId
from core.services.clients import ClientRow, ClientStatus
from core.services.facade import JuliuService
from ui.common.background import BackgroundOp, Progress
from ui.common.table_models import RecordTableModel
from ui.common.widgets import named, record_table, select_source_row, source_row

# The badges' words, in the interface's language when shown (a table built at import would stay English).
STATUS_TEXT: dict[ClientStatus, Callable[[], str]] = {
    ClientStatus.OVERDUE: lambda: _("overdue"), ClientStatus.READY_TO_FILE: lambda: _("ready to file"),
    ClientStatus.DUE_SOON: lambda: _("due soon"), ClientStatus.OK: lambda: ""}
STATUS_COLOURS = {ClientStatus.OVERDUE: "#f4c7c3", ClientStatus.READY_TO_FILE: "#cfe2ff",
                  ClientStatus.DUE_SOON: "#fff7d6"}
NAME_COLUMN, NATIONALITY_COLUMN, CITY_COLUMN, STATUS_COLUMN = 0, 2, 3, 4


class ClientListModel(RecordTableModel[Applicant]):
    """All clients in family order; `records()` are the ones the search shows."""

    def __init__(self, parent: Any = None):
        super().__init__([
            (_("Name"), self._name),
            (_("Chinese\nname"), lambda a: a.chinese_name),  # two lines: the names are narrower than the title
            (_("Nationality"), lambda a: a.nationality),
            (_("City"), lambda a: a.city),
            (_("Status"), lambda a: STATUS_TEXT[self.status(a.id)]()),
        ], parent)
        self._rows: list[ClientRow] = []
        self._dependant: set[ApplicantId] = set()
        self._texts: dict[ApplicantId, str] = {}
        self._names: dict[ApplicantId, str] = {}
        self._status: dict[ApplicantId, ClientStatus] = {}
        # (search text, client) in family order, and the last query's words with the pairs it kept: a keystroke
        # scans a list of strings, and typing on scans only what the query before it kept (issue 15: 10,000 clients).
        self._pairs: list[tuple[str, Applicant]] | None = None
        self._narrowed: tuple[list[str], list[tuple[str, Applicant]]] | None = None
        self.query = ""

    def _name(self, a: Applicant) -> str:
        return f"  ↳ {a.latin_name}" if a.id in self._dependant and not self.query else a.latin_name

    def status(self, applicant_id: ApplicantId | None) -> ClientStatus:
        return self._status.get(applicant_id, ClientStatus.OK) if applicant_id is not None else ClientStatus.OK

    def set_clients(self, rows: Sequence[ClientRow]) -> None:
        self._rows = list(rows)
        self._dependant = {r.applicant.id for r in rows if r.principal_id is not None and r.applicant.id is not None}
        live = {r.applicant.id for r in rows}
        self._texts = {k: v for k, v in self._texts.items() if k in live}
        self._names = {}
        self._pairs = self._narrowed = None
        self._refilter()

    def set_search_texts(self, texts: Mapping[ApplicantId, str]) -> None:
        self._texts.update(texts)
        self._narrowed = None
        self._pairs = [(self._text(r.applicant), r.applicant) for r in self._rows]  # now, not on the first keystroke
        if self.query:
            self._refilter()

    def set_statuses(self, statuses: Mapping[ApplicantId, ClientStatus], replace: bool = True) -> None:
        if replace:
            self._status = dict(statuses)
        else:
            self._status.update(statuses)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, STATUS_COLUMN), self.index(self.rowCount() - 1, STATUS_COLUMN))

    def set_query(self, query: str) -> None:
        self.query = query.strip()
        self._refilter()

    def _text(self, a: Applicant) -> str:
        """The full search text once built; until then the names (folded once)."""
        aid = a.id or ApplicantId(0)
        found = self._texts.get(aid)
        if found is not None:
            return found
        name = self._names.get(aid)
        if name is None:
            name = self._names[aid] = fold(f"{a.family_name}\x1f{a.given_names}\x1f{a.family_name}{a.given_names}"
                                           f"\x1f{a.given_names}{a.family_name}\x1f{a.chinese_name}")
        return name

    def _refilter(self) -> None:
        words = [fold(w) for w in self.query.split()]
        if not words:
            self._narrowed = None
            super().set_records([r.applicant for r in self._rows])
            return
        last = self._narrowed
        if last is not None and len(last[0]) == len(words) and all(n.startswith(o) for n, o in zip(words, last[0],
                                                                                                     strict=True)):
            pairs = last[1]  # typing on: only the clients the shorter query kept can still match
        else:
            if self._pairs is None:
                self._pairs = [(self._text(r.applicant), r.applicant) for r in self._rows]
            pairs = self._pairs
        if len(words) == 1:
            word = words[0]
            kept = [p for p in pairs if word in p[0]]
        else:
            kept = [p for p in pairs if all(w in p[0] for w in words)]
        self._narrowed = (words, kept)
        super().set_records([a for _text, a in kept])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole and index.column() == STATUS_COLUMN:
            colour = STATUS_COLOURS.get(self.status(self.record(index.row()).id))
            return QColor(colour) if colour else None
        return super().data(index, role)


class ClientListPane(QWidget):
    """The search box over the client table; keeps the chosen client selected while the search narrows."""

    def __init__(self, service: JuliuService, parent: Any = None):
        super().__init__(parent)
        self.service = service
        self.model = ClientListModel(self)
        self.view = record_table(self.model, "applicants")
        # Widths from the titles and a sample of rows (ui.common.column_fit), never every row per keystroke: the name
        # takes the room left, the status badge is as wide as its longest word, city and nationality give way first.
        self.view.setWordWrap(False)  # one line a client: a long name elides, its tooltip has it whole
        columns = self.view.columns
        columns.stretch = NAME_COLUMN
        columns.secondary = (NATIONALITY_COLUMN, CITY_COLUMN)
        columns.texts[STATUS_COLUMN] = [t() for t in STATUS_TEXT.values()]
        self.search = named(QLineEdit(), "client_search")
        self.search.setPlaceholderText(_("Search: name, 中文名, pinyin, passport, permit, employer"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self._select_timer = QTimer(self, singleShot=True, interval=120)
        self._select_timer.timeout.connect(self._select_first)
        self._known: set[ApplicantId] = set()
        self._loaded = False
        self._texts_wanted: set[ApplicantId] | None = None  # None: all
        self._op: BackgroundOp | None = None
        self.last_error = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.view)

    def current_id(self) -> ApplicantId | None:
        row = source_row(self.view.currentIndex())
        return self.model.record(row).id if row >= 0 else None

    @property
    def has_clients(self) -> bool:
        return bool(self._known)

    def reload(self) -> set[ApplicantId]:
        """Read the list again; returns the ids added or removed since the last reload (none at the first).
        With no clients no search texts are built: the first client added gets theirs."""
        rows = self.service.client_rows()
        ids = {r.applicant.id for r in rows if r.applicant.id is not None}
        first, self._loaded = not self._loaded, True
        changed = set() if first else ids ^ self._known
        self._known = ids
        self._keep_current(lambda: self.model.set_clients(rows))
        self.update_texts((None if ids else set()) if first else changed & ids)
        return changed

    def update_texts(self, applicant_ids: set[ApplicantId] | frozenset[ApplicantId] | None) -> None:
        """Rebuild the search texts of these clients (None: everyone) off the GUI thread."""
        if applicant_ids is not None and not applicant_ids:
            return
        if applicant_ids is None or self._texts_wanted is None:
            self._texts_wanted = None
        else:
            self._texts_wanted |= set(applicant_ids)
        if self._op is None:
            self._start_texts()

    def _start_texts(self) -> None:
        wanted, self._texts_wanted = self._texts_wanted, set()
        reader_of = self.service.reader

        def work(progress: Progress) -> dict[ApplicantId, str]:
            reader = reader_of()
            try:  # a cancel (the window closing) stops it at the next few hundred clients
                return reader.client_search_texts(wanted, progress)
            finally:
                reader.close()

        self._op = BackgroundOp(work, self)
        self._op.succeeded.connect(self._texts_built)
        self._op.failed.connect(self._texts_failed)
        self._op.start()

    @property
    def busy(self) -> bool:
        """Search texts being built, or the first match about to be opened."""
        return self._op is not None or self._select_timer.isActive()

    def _texts_built(self, texts: dict[ApplicantId, str]) -> None:
        self._op = None
        self._keep_current(lambda: self.model.set_search_texts(texts))
        if self._texts_wanted is None or self._texts_wanted:
            self._start_texts()

    def _texts_failed(self, message: str) -> None:
        self._op = None  # the names still filter; the next change tries again
        self.last_error = message

    def _keep_current(self, change: Callable[[], None]) -> None:
        """Apply a change to the rows and select the same client again without announcing a new selection."""
        keep = self.current_id()
        change()
        rows = [i for i, a in enumerate(self.model.records()) if a.id == keep]
        if rows:
            selection = self.view.selectionModel()
            selection.blockSignals(True)
            select_source_row(self.view, rows[0])
            selection.blockSignals(False)
            self.view.viewport().update()
        elif self.model.query:
            self._select_timer.start()

    def stop(self) -> None:
        """The window is closing: a pending "open the first match" must not fire on a store that is about to close."""
        self._select_timer.stop()

    def _search_changed(self, text: str) -> None:
        self._keep_current(lambda: self.model.set_query(text))

    def _select_first(self) -> None:
        """Typing narrows the list; once the typing pauses, the first match is opened."""
        if self.model.rowCount() and self.current_id() not in {a.id for a in self.model.records()}:
            self.view.selectRow(0)

    def show_client(self, applicant_id: ApplicantId) -> bool:
        """Select a client, clearing a search that hides them."""
        rows = [i for i, a in enumerate(self.model.records()) if a.id == applicant_id]
        if not rows and self.model.query:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.model.set_query("")
            rows = [i for i, a in enumerate(self.model.records()) if a.id == applicant_id]
        if rows:
            select_source_row(self.view, rows[0])
        return bool(rows)
