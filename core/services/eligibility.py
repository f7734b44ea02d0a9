"""Eligibility use cases over stored records: explained route verdicts and work-permit points for one applicant.

JuliuService exposes one instance as `service.eligibility`; the CLI and the Eligibility tab call these methods.
The rules data is loaded and validated once, at start; the user's settings are read on every call.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from core.eligibility.book import RuleBook, load_rule_book
from core.eligibility.engine import assess
from core.eligibility.facts import ApplicantFacts
from core.eligibility.inputs.from_records import RecordFacts, choose_principal_route, facts_from_records
from core.eligibility.results import EligibilityReport, PointsResult
from core.eligibility.workpermit.category import with_categories
from core.eligibility.workpermit.points import score
from core.records.identity import ApplicantId, Crossing
from core.records.model import FilingKind, PersonRecords
from core.ruledata.loader import SettingDef, Settings
from core.services.lookup import stored
from core.services.records import RecordsService
from core.storage.repositories.repositories import NotFoundError


class EligibilityService:
    """Builds ApplicantFacts from the records (core.eligibility.inputs.from_records) and evaluates them."""

    def __init__(self, records: RecordsService, settings: Callable[[], Settings],
                 setting_defs: Mapping[str, SettingDef] | None = None, book: RuleBook | None = None):
        self._records = records
        self._settings = settings
        self.book = book or load_rule_book(setting_defs=setting_defs)

    # --- records -> facts -------------------------------------------------------------------------------------
    def family_records(self, applicant_id: ApplicantId) -> tuple[PersonRecords, list[PersonRecords]]:
        """The person's records and their family's (principal first); InputError for an unknown id."""
        with stored("applicant"):
            family = [self._records.person_records(a.id) for a, _p in self._records.family(applicant_id)
                      if a.id is not None]
            person = next((p for p in family if p.applicant.id == applicant_id), None)
            if person is None:
                raise NotFoundError("applicant", applicant_id)
        return person, family

    def facts(self, applicant_id: ApplicantId, as_of: dt.date, planned: Sequence[Crossing] = (),
              settings: Settings | None = None) -> RecordFacts:
        """The facts the records give on `as_of`, with notes on what was inferred; `planned` adds what-if trips.

        A dependant's principal route is the principal's best route on that date (the records do not name it).
        """
        person, family = self.family_records(applicant_id)
        areas = sorted({w.area for w in self.book.wages.figures})
        chosen = settings or self._settings()
        overlap = str(chosen["elig_experience_overlap"])
        built = facts_from_records(person, family, as_of, planned=planned, areas=areas, experience_overlap=overlap)
        link = built.facts.family
        if link is None or link.principal is None:
            return built
        route, note = choose_principal_route(link.principal, as_of, self.book, chosen)
        return facts_from_records(person, family, as_of, planned=planned, areas=areas, principal_route=route,
                                  experience_overlap=overlap).with_note(note)

    def planned_filing_date(self, applicant_id: ApplicantId, today: dt.date) -> dt.date | None:
        """The date of a PR application being prepared, on or after `today` (the natural what-if date)."""
        return self._records.planned_filing_date(applicant_id, (FilingKind.PR_APPLICATION,), today)

    # --- evaluation -------------------------------------------------------------------------------------------
    def assess(self, applicant_id: ApplicantId, as_of: dt.date, planned: Sequence[Crossing] = (),
               route_ids: Sequence[str] | None = None, settings: Settings | None = None) -> EligibilityReport:
        """Every route in force (or those named) and the points, from the stored records, on `as_of`.

        Raises ValueError for an unknown or proposed route id (core.eligibility.engine.select_routes)."""
        chosen = settings or self._settings()
        return self.assess_facts(self.facts(applicant_id, as_of, planned, chosen).facts, as_of, route_ids, chosen)

    def assess_facts(self, facts: ApplicantFacts, as_of: dt.date, route_ids: Sequence[str] | None = None,
                     settings: Settings | None = None) -> EligibilityReport:
        return assess(facts, as_of, self.book, settings or self._settings(), route_ids)

    def points(self, applicant_id: ApplicantId, as_of: dt.date) -> PointsResult:
        """Work-permit points from what the records hold (salary, degree level, age); the rest is a range."""
        facts = self.facts(applicant_id, as_of).facts
        return with_categories(score(facts, as_of, self.book.points), facts, as_of, self.book.wages,
                               self.book.categories)
