"""Evaluating routes for one applicant: a verdict per route and per criterion, and the earliest date it is met.

The verdict on the date asked uses presence counted by core.presence.days directly. The earliest date searches forward
from that date with the same checks over a day index of presence, skipping ahead by lower bounds each check gives
(a window gains at most one day a day; an anniversary is a date); planned crossings count, and otherwise nothing
changes. It is the first date on which the route is met, or, if it is never met within the horizon, the first on
which it is borderline.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from core.deadlines.working_days import add_working_days
from core.eligibility.book import RuleBook
from core.eligibility.checks import misc as checks_misc
from core.eligibility.checks import money as checks_money
from core.eligibility.checks import presence as checks_presence
from core.eligibility.checks import time as checks_time
from core.eligibility.context import ONE_DAY, Context, Kind, missing_note, row
from core.eligibility.facts import ApplicantFacts
from core.eligibility.inputs.presence_source import DirectPresence, PresenceIndex, PresenceSource
from core.eligibility.results import (
    CriterionResult,
    EligibilityReport,
    RouteResult,
    Verdict,
    all_of,
    any_of,
    criterion_verdict,
)
from core.eligibility.routes import PARAMS, Criterion, Route
from core.eligibility.workpermit.category import with_categories
from core.eligibility.workpermit.points import score
from core.i18n import _
from core.presence.days import sequence_problems, shift_years, sort_crossings
from core.records.documents import add_months
from core.ruledata.loader import Settings

KINDS: dict[str, Kind] = {**checks_presence.KINDS, **checks_time.KINDS, **checks_money.KINDS, **checks_misc.KINDS}
assert set(KINDS) == set(PARAMS), "every check kind of the rules loader needs an implementation"
HORIZON_YEARS = 10
Group = tuple[Criterion, list[CriterionResult]]


class Evaluator:
    """Checks routes for one applicant on any date; dependants carry an evaluator for their principal."""

    def __init__(self, facts: ApplicantFacts, book: RuleBook, settings: Settings, presence: PresenceSource | None):
        self.facts, self.book, self.settings, self.presence = facts, book, settings, presence
        self.principal: Evaluator | None = None

    @classmethod
    def direct(cls, facts: ApplicantFacts, book: RuleBook, settings: Settings) -> Evaluator:
        presence = DirectPresence(facts.crossings) if facts.crossings is not None else None
        evaluator = cls(facts, book, settings, presence)
        if facts.family and facts.family.principal:
            evaluator.principal = cls.direct(facts.family.principal, book, settings)
        return evaluator

    @classmethod
    def indexed(cls, facts: ApplicantFacts, book: RuleBook, settings: Settings, first: dt.date,
                last: dt.date) -> Evaluator:
        presence: PresenceSource | None = None
        if facts.crossings is not None:
            # With a missing record (two entries in a row) core.presence.days counts depend on the as-of date, which a
            # day index cannot reproduce: count directly then.
            consistent = not sequence_problems(sort_crossings(facts.crossings))
            presence = PresenceIndex(facts.crossings, first, last) if consistent else DirectPresence(facts.crossings)
        evaluator = cls(facts, book, settings, presence)
        if facts.family and facts.family.principal:
            evaluator.principal = cls.indexed(facts.family.principal, book, settings, first, last)
        return evaluator

    def context(self, day: dt.date) -> Context:
        return Context(self.facts, day, self.settings, self.book.wages, self.presence,
                       self._principal_verdict if self.principal else None,
                       self._principal_bound if self.principal else None)

    def _principal_verdict(self, route_id: str, day: dt.date) -> Verdict:
        assert self.principal is not None
        return self.principal.verdict(self.book.routes.get(route_id), day)

    def _principal_bound(self, route_id: str, day: dt.date, strong: bool) -> dt.date | None:
        assert self.principal is not None
        route = self.book.routes.get(route_id)
        return self.principal.bound(route, day, self.principal.groups(route, day), strong)

    def applies(self, c: Criterion, day: dt.date) -> bool:
        if not c.in_force(day):
            return False
        family = self.facts.family
        return not c.when_relation or (family is not None and family.relation in c.when_relation)

    def groups(self, route: Route, day: dt.date) -> list[Group]:
        ctx = self.context(day)
        local = locality(route, self.facts)
        return ([local] if local else []) + [(c, KINDS[c.kind].check(ctx, c)) for c in route.criteria
                                            if self.applies(c, day)]

    def verdict(self, route: Route, day: dt.date) -> Verdict:
        if not route.in_force(day):
            return Verdict.NOT_MET
        return combine([r for _c, rows in self.groups(route, day) for r in rows])

    def bound(self, route: Route, day: dt.date, groups: Sequence[Group], strong: bool) -> dt.date | None:
        """A lower bound on the next date the route could reach the target, or None if it never can."""
        if not route.in_force(day):
            start = dt.date.fromisoformat(route.provenance.effective_from)
            return start if start > day and route.status == "in_force" else None
        target = {Verdict.MET} if strong else {Verdict.MET, Verdict.BORDERLINE}
        ctx, bounds = self.context(day), []
        for c, rows in groups:
            if criterion_verdict(rows) in target:
                continue
            b = KINDS[c.kind].bound(ctx, c, rows, strong)
            if b is None:
                return None
            bounds.append(b)
        return max(max(bounds, default=day + ONE_DAY), day + ONE_DAY)


def locality(route: Route, facts: ApplicantFacts) -> Group | None:
    """Local and pilot routes apply in their cities or development zones only (the applicant's city, the employer's
    zone); time does not change that, so its bound is never."""
    if not route.cities and not route.zones:
        return None
    c = Criterion("locality", "Applies in the applicant's city or the employer's zone",
                  "适用于申请人所在城市或单位所在园区", "flag", {}, route.provenance)
    places = [*route.cities, *route.zones]
    city, zone = (facts.city or "").casefold(), (facts.zone or "").casefold()
    if not city and not zone:
        return c, [row(c, Verdict.UNKNOWN, None, list(places), "", missing_note(["city or employer zone"]),
                           missing=("city or employer zone",))]
    hit = any(n.casefold() in city for n in route.cities if city) or any(z.casefold() == zone for z in route.zones)
    value = " / ".join(x for x in (facts.city or "", facts.zone or "") if x)
    return c, [row(c, Verdict.MET if hit else Verdict.NOT_MET, value, places, _("city or employer zone"))]


def processing_estimate(route: Route, day: dt.date) -> tuple[dt.date, str] | None:
    """When a decision is due if the filing is accepted on `day` (DOMAIN §8: 6 months nationally, 50 working days in
    Zhongguancun), on the official working-day calendar."""
    if route.processing is None:
        return None
    amount, unit = route.processing
    if unit == "months":
        return add_months(day, amount), _("{n} months from acceptance on {d}").format(n=amount, d=day.isoformat())
    result = add_working_days(day, amount)
    text = _("{n} working days from acceptance on {d}").format(n=amount, d=day.isoformat())
    return result.due, text + (f"; {result.warning}" if result.warning else "")


def combine(rows: Iterable[CriterionResult]) -> Verdict:
    """All "main" criteria must pass; of the other paths (alternatives), one must pass. A criterion counted under
    two year readings is borderline when they differ (criterion_verdict)."""
    groups: dict[tuple[str, str], list[CriterionResult]] = {}
    for r in rows:
        groups.setdefault((r.path, r.group), []).append(r)
    main: list[Verdict] = []
    alternatives: dict[str, list[Verdict]] = {}
    for (path, _group), members in groups.items():
        (main if path == "main" else alternatives.setdefault(path, [])).append(criterion_verdict(members))
    parts = [all_of(main)]
    if alternatives:
        parts.append(any_of(all_of(v) for v in alternatives.values()))
    return all_of(parts)


def evaluate_route(route: Route, facts: ApplicantFacts, day: dt.date, book: RuleBook, settings: Settings,
                   evaluator: Evaluator | None = None) -> RouteResult:
    """The route's verdict on `day`, without the earliest date."""
    ev = evaluator or Evaluator.direct(facts, book, settings)
    if not route.in_force(day):
        return _result(route, Verdict.NOT_MET, [_not_in_force(route, day)])
    rows = [r for _c, group in ev.groups(route, day) for r in group]
    return _result(route, combine(rows), rows)


def earliest(route: Route, facts: ApplicantFacts, as_of: dt.date, book: RuleBook, settings: Settings,
             horizon_years: int = HORIZON_YEARS, until: dt.date | None = None,
             evaluator: Evaluator | None = None) -> tuple[dt.date | None, Verdict | None]:
    """The first date on or after `as_of` on which the route is met (else borderline), up to the horizon."""
    last = until or shift_years(as_of, horizon_years)
    ev = evaluator or projection_evaluator(facts, as_of, last, book, settings)
    day, first_borderline = as_of, None
    while day <= last:
        groups = ev.groups(route, day) if route.in_force(day) else []
        verdict = combine(r for _c, rows in groups for r in rows) if groups else Verdict.NOT_MET
        if verdict is Verdict.MET:
            return day, Verdict.MET
        if verdict is Verdict.BORDERLINE and first_borderline is None:
            first_borderline = day
        following = ev.bound(route, day, groups, strong=first_borderline is not None)
        if following is None:
            break
        day = following
    return (first_borderline, Verdict.BORDERLINE) if first_borderline else (None, None)


def projection_evaluator(facts: ApplicantFacts, as_of: dt.date, last: dt.date, book: RuleBook,
                         settings: Settings) -> Evaluator:
    """An evaluator whose presence index covers the longest look-back (5 years and a calendar year) to `last`."""
    return Evaluator.indexed(facts, book, settings, dt.date(as_of.year - 7, 1, 1), last)


def evaluate(facts: ApplicantFacts, as_of: dt.date, book: RuleBook, settings: Settings,
             route_ids: Sequence[str] | None = None, horizon_years: int = HORIZON_YEARS) -> list[RouteResult]:
    """Every route in force (or those named), with earliest dates for routes that have a projection."""
    routes = select_routes(book, route_ids)
    ev = Evaluator.direct(facts, book, settings)
    last = shift_years(as_of, horizon_years)
    projector: Evaluator | None = None
    results = []
    for route in routes:
        local = locality(route, facts)
        if not route_ids and local is not None and local[1][0].verdict is not Verdict.MET:
            continue  # a route of another (or an unknown) city or zone: listed only when asked for by name
        if not route_ids and route.effective_to and as_of >= dt.date.fromisoformat(route.effective_to):
            continue  # superseded before this date (the older local salary routes): listed only when asked for
        result = evaluate_route(route, facts, as_of, book, settings, ev)
        estimate = processing_estimate(route, as_of)
        if estimate is not None:
            result = dataclasses.replace(result, decision_due=estimate[0], processing=estimate[1])
        if route.projection:
            date: dt.date | None = as_of
            verdict: Verdict | None = Verdict.MET
            if result.verdict is not Verdict.MET:
                projector = projector or projection_evaluator(facts, as_of, last, book, settings)
                date, verdict = earliest(route, facts, as_of, book, settings, until=last, evaluator=projector)
            result = dataclasses.replace(result, earliest_date=date, earliest_verdict=verdict)
        results.append(result)
    return results


def select_routes(book: RuleBook, route_ids: Sequence[str] | None) -> list[Route]:
    if not route_ids:
        return book.routes.evaluable()
    chosen = []
    for route_id in route_ids:
        if route_id not in book.routes.by_id:
            raise ValueError(_("unknown route {r!r}; see `check --list-routes`").format(r=route_id))
        route = book.routes.get(route_id)
        if route.status != "in_force":
            raise ValueError(_("route {r!r} is {s} (not law) and is never used for a verdict").format(
                r=route_id, s=route.status))
        chosen.append(route)
    return chosen


def assess(facts: ApplicantFacts, as_of: dt.date, book: RuleBook, settings: Settings,
           route_ids: Sequence[str] | None = None) -> EligibilityReport:
    """Routes and work-permit points for one applicant and date: what `check` prints and the tab shows."""
    return EligibilityReport(as_of, facts.id, tuple(evaluate(facts, as_of, book, settings, route_ids)),
                             with_categories(score(facts, as_of, book.points), facts, as_of, book.wages,
                                             book.categories))


def _result(route: Route, verdict: Verdict, rows: Sequence[CriterionResult]) -> RouteResult:
    missing = tuple(dict.fromkeys(m for r in _decisive(rows) for m in r.missing))
    note = missing_note(missing) if verdict is Verdict.UNKNOWN and missing else ""
    return RouteResult(route.id, route.name_en, route.name_zh, route.kind, verdict, None, None, tuple(rows),
                       route.provenance.source, note, missing if verdict is Verdict.UNKNOWN else ())


def _decisive(rows: Sequence[CriterionResult]) -> list[CriterionResult]:
    """Rows that matter: once one alternative path passes, the others' missing data does not."""
    paths: dict[str, list[CriterionResult]] = {}
    for r in rows:
        paths.setdefault(r.path, []).append(r)
    passed = [p for p, v in paths.items() if p != "main" and combine(v) is Verdict.MET]
    return [r for r in rows if r.path == "main" or not passed or r.path in passed]


def _not_in_force(route: Route, day: dt.date) -> CriterionResult:
    window = route.provenance.effective_from + (f" – {route.effective_to}" if route.effective_to else " –")
    return CriterionResult("in_force", "Route in force on the filing date", "申请之日该类别有效", Verdict.NOT_MET,
                           day.isoformat(), window, _("effective dates of the route"), route.provenance.source,
                           route.provenance.confidence, _("The route is not in force on {d}.").format(
                               d=day.isoformat()))
