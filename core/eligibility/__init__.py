"""Eligibility: permanent-residence routes, keeping PR, filing deadlines and work-permit points as explained
verdicts over an `ApplicantFacts` record (pure: no storage, no clock, no Qt)."""
