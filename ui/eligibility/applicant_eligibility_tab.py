"""The Eligibility tab of the main window: the EligibilityWidget evaluating the selected applicant's stored records
through service.eligibility, with the filing date and planned trips of the what-if panel."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent

from core.eligibility.results import EligibilityReport
from core.i18n import _
from core.records.identity import ApplicantId, Crossing
from core.services.facade import JuliuService
from ui.eligibility.eligibility_tab import EligibilityWidget


@dataclass(frozen=True)
class Assessed:
    """One applicant's assessment, computed off the GUI thread, with what the heading says about it."""

    applicant_id: ApplicantId
    day: dt.date
    report: EligibilityReport
    notes: tuple[str, ...]
    preferred: str | None  # the PR route of the packet the client's next filing calls for: listed first
    planned_filing: dt.date | None


def _preferred_route(service: JuliuService, applicant_id: ApplicantId, today: dt.date) -> str | None:
    packets = service.packets
    kind = packets.next_kind(applicant_id, today)
    template = next((k for k in packets.kinds() if k.id == kind), None)
    return template.route if template is not None and template.group == "pr" else None


class EligibilityTab(EligibilityWidget):
    """Recomputes (off the GUI thread) on every what-if edit, and when shown again (records may have changed in the
    other tabs)."""

    def __init__(self, service: JuliuService, today: Callable[[], dt.date], parent: Any = None):
        super().__init__(today(), parent)
        self.service = service
        self._clock = today
        self.applicant_id: ApplicantId | None = None
        self.notes: tuple[str, ...] = ()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def set_applicant(self, applicant_id: ApplicantId | None) -> None:
        """A new applicant starts from today's date with no planned trips typed; the previous one's results are
        cleared at once (not left on screen while the new ones compute)."""
        self.applicant_id = applicant_id
        for field in (self.filing_date, self.planned_trips):
            field.blockSignals(True)
        self.filing_date.setText(self._clock().isoformat())
        self.planned_trips.clear()
        for field in (self.filing_date, self.planned_trips):
            field.blockSignals(False)
        self.notes = ()
        self.set_heading("")
        self.set_report(None)
        self.set_evaluator(self._evaluator_for(applicant_id) if applicant_id is not None else None)

    def _evaluator_for(self, applicant_id: ApplicantId) -> Callable[[dt.date, Sequence[Crossing]], Assessed]:
        """The assessment of one applicant, run on a worker thread through its own connection to the store."""
        reader_of, clock = self.service.reader, self._clock

        def evaluate(day: dt.date, planned: Sequence[Crossing]) -> Assessed:
            reader = reader_of()  # a connection belongs to its thread
            try:
                today = clock()
                eligibility = reader.eligibility
                built = eligibility.facts(applicant_id, day, planned)
                return Assessed(applicant_id, day, eligibility.assess_facts(built.facts, day), built.notes,
                                _preferred_route(reader, applicant_id, today),
                                eligibility.planned_filing_date(applicant_id, today))
            finally:
                reader.close()
        return evaluate

    def show_result(self, result: Any) -> None:
        assessed: Assessed = result
        if assessed.applicant_id != self.applicant_id:  # computed for the applicant selected before
            return
        self.model.preferred = assessed.preferred
        self.notes = assessed.notes
        self._show_heading(assessed)
        self.set_report(assessed.report)

    def _show_heading(self, assessed: Assessed) -> None:
        """How the facts were read from the records (the window's header already names the applicant)."""
        day, planned = assessed.day, assessed.planned_filing
        parts = [_("Computed from the stored records on {d}; select a row for its explanation.").format(
            d=day.isoformat())]
        if planned is not None and planned != day:
            parts.append(_("PR application planned for {d}: type it as the filing date to check it.").format(
                d=planned.isoformat()))
        parts += [f"<span style='color:#555'>· {html.escape(n, quote=False)}</span>" for n in assessed.notes]
        self.set_heading("<br>".join(parts))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.applicant_id is not None:
            self.recompute()
