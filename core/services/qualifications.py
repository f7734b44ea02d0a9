"""Use cases for what the points and the investor, contribution and talent routes need (core.records.qualifications).

JuliuService exposes one instance as `service.qualifications`; the Qualifications tab and tests call these methods.
"""
from __future__ import annotations

from core.eligibility.zones import Zone, shipped_zones
from core.errors import raise_problems
from core.records.identity import ApplicantId
from core.records.qualifications import (
    Investment,
    Qualifications,
    Recommendation,
    validate_investment,
    validate_qualifications,
    validate_recommendation,
)
from core.services.lookup import stored
from core.storage.store import Store


class QualificationsService:
    """Validates through core, writes through the repositories; each change is one unit of work."""

    def __init__(self, store: Store):
        self._store = store

    @staticmethod
    def zones() -> tuple[Zone, ...]:
        """The development zones an employer may be in (rules/zones.toml)."""
        return shipped_zones()

    def get(self, applicant_id: ApplicantId) -> Qualifications:
        """What is recorded (a person with nothing recorded gets every field None)."""
        return self._store.qualifications.get(applicant_id)

    def save(self, q: Qualifications) -> Qualifications:
        raise_problems(validate_qualifications(q))
        with stored("applicant"), self._store.work():
            self._store.applicants.get(q.applicant_id)
            return self._store.qualifications.save(q)

    def list_investments(self, applicant_id: ApplicantId) -> list[Investment]:
        return self._store.investments.list_for(applicant_id)

    def save_investment(self, investment: Investment) -> Investment:
        raise_problems(validate_investment(investment))
        repo = self._store.investments
        return repo.update(investment) if investment.id else repo.add(investment)

    def list_recommendations(self, applicant_id: ApplicantId) -> list[Recommendation]:
        return self._store.recommendations.list_for(applicant_id)

    def save_recommendation(self, letter: Recommendation) -> Recommendation:
        raise_problems(validate_recommendation(letter))
        repo = self._store.recommendations
        return repo.update(letter) if letter.id else repo.add(letter)

    def delete(self, table: str, record_id: int, version: int = 0) -> None:
        """Delete one investment or recommendation letter; with the version the user saw, refused
        (ConflictError) when someone changed it since."""
        repos = {"investment": self._store.investments, "recommendation": self._store.recommendations}
        repos[table].delete(record_id, version)  # type: ignore[attr-defined]
