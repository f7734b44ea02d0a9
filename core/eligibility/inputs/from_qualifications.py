"""Facts from the qualifications records (core.records.qualifications): points inputs, investments, recommendation
letters, good tax record, approval to keep PR, and the employer's zone (pure: records in, facts out).

What is not recorded stays None, so the rule that needs it says "unknown" and names it. A list marked complete
with nothing matching in it reads "no"; a list not marked complete and empty reads "unknown".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.eligibility import facts as f
from core.eligibility.workpermit.experience import Experience, WorkPeriod, derive
from core.eligibility.zones import zone_name
from core.i18n import _
from core.records.identity import ApplicantId
from core.records.model import DocumentKind, Employment, PersonRecords
from core.records.qualifications import (
    NOT_COUNTED,
    CategoryABasis,
    Qualifications,
    RecommendationPurpose,
    Recommender,
)

# Which letters make which recommendation fact: (purpose, recommenders that count).
LETTERS: dict[str, tuple[RecommendationPurpose, tuple[Recommender, ...]]] = {
    # NIA-12: national authorities, a provincial government, the management of a key national development zone.
    "talent_recommended": (RecommendationPurpose.HIGH_LEVEL_TALENT, (
        Recommender.NATIONAL_AUTHORITY, Recommender.PROVINCIAL_GOVERNMENT, Recommender.KEY_ZONE,
        Recommender.ZGC_COMMITTEE)),
    # M2004 Art. 6(3), in practice: a ministry or a provincial authority.
    "major_contribution_recommended": (RecommendationPurpose.MAJOR_CONTRIBUTION, (
        Recommender.NATIONAL_AUTHORITY, Recommender.PROVINCIAL_GOVERNMENT)),
    "zgc_recommended": (RecommendationPurpose.ZGC_POINTS, (Recommender.ZGC_COMMITTEE,)),
    "gba_points_recommended": (RecommendationPurpose.GBA_POINTS, (
        Recommender.GBA_AUTHORITY, Recommender.PROVINCIAL_GOVERNMENT)),
}


@dataclass
class QualificationFacts:
    """The facts the qualifications records give, and notes on how they were read."""

    work_permit: f.WorkPermitFacts
    investments: tuple[f.Investment, ...] | None
    flags: dict[str, bool | None]
    retention_approval: bool | None
    zone: str | None
    notes: list[str] = field(default_factory=list)
    documents: frozenset[str] = frozenset()  # a recorded employer's letter is the employer recommendation


def current_job(jobs: tuple[Employment, ...], as_of: dt.date) -> Employment | None:
    """The job held on `as_of`, else the one that ended last before it (its employer's zone counts)."""
    held = [j for j in jobs if j.start_date is not None and j.start_date <= as_of
            and (j.end_date is None or as_of <= j.end_date)]
    if held:
        return max(held, key=lambda j: j.start_date or dt.date.min)
    past = [j for j in jobs if j.start_date is not None and j.start_date <= as_of]
    return max(past, key=lambda j: j.end_date or dt.date.max, default=None)


def read_qualifications(person: PersonRecords, as_of: dt.date, salary: f.WorkPermitFacts,
                        overlap: str = "once") -> QualificationFacts:
    """`salary` holds the points inputs other records gave (salary, education); the rest comes from here.
    `overlap` is the setting elig_experience_overlap (how overlapping work periods count)."""
    q = person.qualifications or Qualifications(ApplicantId(0))
    notes: list[str] = []
    direct = None if q.category_a is None else q.category_a is not CategoryABasis.NONE
    experience = work_experience(person, q, as_of, overlap)
    if experience.note:
        notes.append(experience.note)
    wp = f.WorkPermitFacts(
        annual_salary_cny=salary.annual_salary_cny, education=salary.education,
        experience_years=experience.years, months_in_china=q.months_in_china, hsk_level=q.hsk_level,
        former_chinese_national=q.former_chinese_national, degree_taught_in_chinese=q.degree_taught_in_chinese,
        region=q.work_region, elite=None if q.elite is None else tuple(i.value for i in q.elite),
        local_points=q.local_points, direct_a=direct)
    job = current_job(person.employment, as_of)
    zone = job.zone.strip() if job is not None and job.zone.strip() else None
    if job is not None and zone:
        notes.append(_("Employer's zone: {z} ({e}).").format(z=zone_name(zone), e=job.employer_zh or job.employer_en))
    flags = {**_letters(person, q, as_of, notes), "good_tax_record": q.good_tax_record}
    employer = any(r.recommender is Recommender.EMPLOYER and r.purpose is RecommendationPurpose.EMPLOYER
                   and (r.issue_date is None or r.issue_date <= as_of) for r in person.recommendations)
    return QualificationFacts(wp, _investments(person, q, as_of, notes), flags, q.retention_approval, zone, notes,
                              frozenset({DocumentKind.EMPLOYER_RECOMMENDATION.value}) if employer else frozenset())


def work_experience(person: PersonRecords, q: Qualifications, as_of: dt.date, overlap: str) -> Experience:
    """The years of work experience: from the resume's work periods and the jobs in China once any resume period is
    marked as work (or when no number is stored); until then the stored number, said to be a recorded number."""
    abroad = [WorkPeriod(r.organisation, r.start_date, r.end_date, r.country) for r in person.resume if r.work]
    if not abroad and q.experience_years is not None:
        return derive((), q.experience_years, as_of, overlap)
    china = [WorkPeriod(j.employer_zh or j.employer_en, j.start_date, j.end_date, "CHN") for j in person.employment]
    return derive([*abroad, *china], q.experience_years, as_of, overlap)


def _investments(person: PersonRecords, q: Qualifications, as_of: dt.date,
                 notes: list[str]) -> tuple[f.Investment, ...] | None:
    """Investments made by `as_of`; real estate, shares and bonds do not count (M2004 Art. 7)."""
    made = [i for i in person.investments if i.since is None or i.since <= as_of]
    counted = [i for i in made if i.kind not in NOT_COUNTED]
    for i in made:
        if i.kind in NOT_COUNTED:
            notes.append(_("Investment of USD {a} not counted: real estate, shares and bonds do not count "
                           "(M2004 Art. 7).").format(a=i.amount_usd))
    if not made and not q.investments_complete:
        return None
    return tuple(f.Investment(i.amount_usd, i.region, i.encouraged, i.since) for i in counted)


def _purpose_text(purpose: RecommendationPurpose) -> str:
    texts = {RecommendationPurpose.HIGH_LEVEL_TALENT: _("recommended high-level talent"),
             RecommendationPurpose.MAJOR_CONTRIBUTION: _("major contribution"),
             RecommendationPurpose.ZGC_POINTS: _("70 points on the Zhongguancun standard"),
             RecommendationPurpose.GBA_POINTS: _("the Greater Bay Area points standard")}
    return texts.get(purpose, "")


def _letters(person: PersonRecords, q: Qualifications, as_of: dt.date, notes: list[str]) -> dict[str, bool | None]:
    """Each recommendation fact: a matching letter issued by `as_of` → yes; none and the list complete → no."""
    held = [r for r in person.recommendations if r.issue_date is None or r.issue_date <= as_of]
    found: dict[str, bool | None] = {}
    for fact, (purpose, recommenders) in LETTERS.items():
        match = next((r for r in held if r.purpose is purpose and r.recommender in recommenders), None)
        if match is not None:
            notes.append(_("Recommendation letter {who}({d}) counts for: {what}.").format(
                who=f"{match.issuer} " if match.issuer else "",
                d=match.issue_date.isoformat() if match.issue_date else "?", what=_purpose_text(purpose)))
            found[fact] = True
        else:
            found[fact] = False if q.recommendations_complete else None
    return found
