"""Use cases for what the application forms ask beyond permits (issue 10 §4): a person's details, the resume
and the residence history. JuliuService exposes one instance as `service.personal`."""
from __future__ import annotations

from core.errors import raise_problems
from core.records.background import PersonDetails, ResidenceId, ResidencePeriod, ResumeId, ResumePeriod
from core.records.identity import ApplicantId
from core.records.validate import validate_details, validate_residence, validate_resume
from core.storage.store import Store


class PersonalService:
    """Validates through core.records.validate, writes through the repositories of core.storage."""

    def __init__(self, store: Store):
        self._store = store
        self._details = store.cases.details
        self._resume = store.cases.resume
        self._residence = store.cases.residence_history

    def details(self, applicant_id: ApplicantId) -> PersonDetails:
        """The person's details; empty ones when nothing is recorded yet."""
        return self._details.get(applicant_id) or PersonDetails(applicant_id)

    def recorded_details(self, applicant_id: ApplicantId) -> PersonDetails | None:
        """The stored row, or None (the window's undo needs to know whether a save adds or changes it)."""
        return self._details.get(applicant_id)

    def save_details(self, details: PersonDetails) -> PersonDetails:
        raise_problems(validate_details(details))
        self._store.applicants.get(details.applicant_id)  # NotFoundError for a person that is gone
        return self._details.save(details)

    def list_resume(self, applicant_id: ApplicantId) -> list[ResumePeriod]:
        return self._resume.list_for(applicant_id)

    def save_resume(self, period: ResumePeriod) -> ResumePeriod:
        raise_problems(validate_resume(period))
        return self._resume.update(period) if period.id else self._resume.add(period)

    def delete_resume(self, period_id: ResumeId, version: int = 0) -> None:
        """With the version the user saw, refused (ConflictError) when someone changed the period since."""
        self._resume.delete(period_id, version)

    def list_residence(self, applicant_id: ApplicantId) -> list[ResidencePeriod]:
        return self._residence.list_for(applicant_id)

    def save_residence(self, period: ResidencePeriod) -> ResidencePeriod:
        raise_problems(validate_residence(period))
        return self._residence.update(period) if period.id else self._residence.add(period)

    def delete_residence(self, period_id: ResidenceId, version: int = 0) -> None:
        """With the version the user saw, refused (ConflictError) when someone changed the period since."""
        self._residence.delete(period_id, version)
