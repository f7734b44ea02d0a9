"""The Eligibility tab of the main window: the EligibilityWidget evaluating the selected applicant's stored records
through service.eligibility, with the filing date and planned trips of the what-if panel."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent

from core.eligibility.results import EligibilityReport
from core.i18n import _
from core.records.identity import ApplicantId, Crossing
from core.services.facade import JuliuService
from ui.eligibility.eligibility_tab import EligibilityWidget


class EligibilityTab(EligibilityWidget):
    """Recomputes on every what-if edit, and when shown again (records may have changed in the other tabs)."""

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
        """A new applicant starts from today's date with no planned trips typed."""
        self.applicant_id = applicant_id
        for field in (self.filing_date, self.planned_trips):
            field.blockSignals(True)
        self.filing_date.setText(self._clock().isoformat())
        self.planned_trips.clear()
        for field in (self.filing_date, self.planned_trips):
            field.blockSignals(False)
        self.notes = ()
        self.set_evaluator(self._evaluate if applicant_id is not None else None)
        if applicant_id is None:
            self.set_heading("")

    def _evaluate(self, day: dt.date, planned: Sequence[Crossing]) -> EligibilityReport:
        assert self.applicant_id is not None
        self.model.preferred = self._preferred_route(self.applicant_id)
        eligibility = self.service.eligibility
        built = eligibility.facts(self.applicant_id, day, planned)
        self.notes = built.notes
        self._show_heading(day)
        return eligibility.assess_facts(built.facts, day)

    def _preferred_route(self, applicant_id: ApplicantId) -> str | None:
        """The PR route of the packet the client's next filing calls for: listed first."""
        packets = self.service.packets
        kind = packets.next_kind(applicant_id, self._clock())
        template = next((k for k in packets.kinds() if k.id == kind), None)
        return template.route if template is not None and template.group == "pr" else None

    def _show_heading(self, day: dt.date) -> None:
        """How the facts were read from the records (the window's header already names the applicant)."""
        assert self.applicant_id is not None
        parts = [_("Computed from the stored records on {d}; select a row for its explanation.").format(
            d=day.isoformat())]
        planned = self.service.eligibility.planned_filing_date(self.applicant_id, self._clock())
        if planned is not None and planned != day:
            parts.append(_("PR application planned for {d}: type it as the filing date to check it.").format(
                d=planned.isoformat()))
        parts += [f"<span style='color:#555'>· {html.escape(n, quote=False)}</span>" for n in self.notes]
        self.set_heading("<br>".join(parts))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.applicant_id is not None:
            self.recompute()
