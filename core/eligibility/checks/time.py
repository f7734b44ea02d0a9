"""Criteria that time alone can change: age, years of marriage, consecutive years of work or investment.

"N consecutive years" means the N rolling years immediately before the filing date (M2004 Art. 6): a run that
started on or before (filing date − N years + 1 day) and still covers the filing date. Birthdays and anniversaries
of 29 February fall on 28 February in other years, as in core.presence.days.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from core.eligibility.context import ONE_DAY, Context, Kind, never, row, unknown
from core.eligibility.facts import Employment, Investment, age_on
from core.eligibility.labels import value_text
from core.eligibility.money import cny
from core.eligibility.results import CriterionResult, Verdict
from core.eligibility.routes import Criterion
from core.i18n import _
from core.presence.days import shift_years
from core.ruledata.loader import setting_label


def latest_start(day: dt.date, years: int) -> dt.date:
    """The latest start of a run that covers the `years` rolling years ending on `day`."""
    return shift_years(day, -years) + ONE_DAY


def first_day_covering(start: dt.date, years: int) -> dt.date:
    """The first filing date whose `years` rolling years a run starting on `start` covers."""
    guess = shift_years(start, years) - dt.timedelta(days=3)
    while latest_start(guess, years) < start:
        guess += ONE_DAY
    return guess


@dataclass(frozen=True)
class Run:
    start: dt.date
    end: dt.date | None  # None: open-ended


def runs(periods: Iterable[tuple[dt.date, dt.date | None]], gap_days: int) -> list[Run]:
    """Periods merged where the next starts within `gap_days` after the previous ends."""
    merged: list[Run] = []
    for start, end in sorted(periods, key=lambda p: p[0]):
        if merged:
            last = merged[-1]
            if last.end is None or start <= last.end + dt.timedelta(days=1 + gap_days):
                new_end = None if last.end is None or end is None else max(last.end, end)
                merged[-1] = Run(last.start, new_end)
                continue
        merged.append(Run(start, end))
    return merged


def covering(run_list: Sequence[Run], day: dt.date) -> Run | None:
    return next((r for r in run_list if r.start <= day and (r.end is None or day <= r.end)), None)


def next_met(run_list: Sequence[Run], years: int, after: dt.date) -> dt.date | None:
    """The first date after `after` on which some run covers `years` rolling years."""
    found = []
    for r in run_list:
        day = max(first_day_covering(r.start, years), after + ONE_DAY)
        if r.end is None or day <= r.end:
            found.append(day)
    return min(found, default=None)


# --- age and marriage ------------------------------------------------------------------------------------------
def check_age_min(ctx: Context, c: Criterion) -> list[CriterionResult]:
    years, birth = c.params["years"], ctx.facts.birth_date
    if birth is None:
        return [unknown(c, "birth date", years)]
    age = age_on(birth, ctx.day)
    verdict = Verdict.MET if age >= years else Verdict.NOT_MET
    note = _("Turns {n} on {d}.").format(n=years, d=shift_years(birth, years).isoformat())
    return [row(c, verdict, age, years, _("completed years on {d}").format(d=ctx.day.isoformat()), note)]


def bound_age_min(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    birth = ctx.facts.birth_date
    return None if birth is None else max(shift_years(birth, c.params["years"]), ctx.day + ONE_DAY)


def check_age_under(ctx: Context, c: Criterion) -> list[CriterionResult]:
    years, birth = c.params["years"], ctx.facts.birth_date
    if birth is None:
        return [unknown(c, "birth date", years)]
    age = age_on(birth, ctx.day)
    verdict = Verdict.MET if age < years else Verdict.NOT_MET
    note = _("Turns {n} on {d}; the filing must come before that day.").format(
        n=years, d=shift_years(birth, years).isoformat())
    return [row(c, verdict, age, _("under {n}").format(n=years),
                _("completed years on {d}").format(d=ctx.day.isoformat()), note)]


def check_marriage(ctx: Context, c: Criterion) -> list[CriterionResult]:
    years, marriage = c.params["years"], ctx.facts.marriage
    if marriage is None:
        if ctx.facts.is_married() is False:
            return [row(c, Verdict.NOT_MET, None, _("{n} years").format(n=years), "", _("Not married."))]
        return [unknown(c, "marriage date", _("{n} years").format(n=years))]
    anniversary = shift_years(marriage.date, years)
    verdict = Verdict.MET if anniversary <= ctx.day else Verdict.NOT_MET
    days = (ctx.day - marriage.date).days
    return [row(c, verdict, days, _("{n} years ({d})").format(n=years, d=anniversary.isoformat()),
                _("days married on {d}, from {m}").format(d=ctx.day.isoformat(), m=marriage.date.isoformat()),
                _("{n} years of marriage on {d}.").format(n=years, d=anniversary.isoformat()))]


def bound_marriage(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    m = ctx.facts.marriage
    return None if m is None else max(shift_years(m.date, c.params["years"]), ctx.day + ONE_DAY)


# --- employment ------------------------------------------------------------------------------------------------
def _employment_runs(ctx: Context, c: Criterion, allow_unknown: bool) -> list[Run]:
    levels = c.params.get("levels")
    chosen = [p for p in ctx.facts.employment or () if levels is None or p.position_level in levels
              or (allow_unknown and p.position_level is None)]
    return runs(((p.start, p.end) for p in chosen), int(ctx.setting("elig_employment_gap_days")))


def check_employment_years(ctx: Context, c: Criterion) -> list[CriterionResult]:
    years = c.params["years"]
    need = latest_start(ctx.day, years)
    levels = c.params.get("levels")
    convention = _("{n} consecutive years ending on {d}; gaps up to {g} days (the setting “{setting}”)").format(
        n=years, d=ctx.day.isoformat(), g=ctx.setting("elig_employment_gap_days"),
        setting=setting_label("elig_employment_gap_days"))
    if levels:
        convention += _("; posts: {levels}").format(levels=value_text(list(levels)))
    if ctx.facts.employment is None:
        return [unknown(c, "employment history", need.isoformat(), convention)]
    qualifying = _employment_runs(ctx, c, allow_unknown=False)
    run = covering(qualifying, ctx.day)
    if run is not None and run.start <= need:
        return [row(c, Verdict.MET, run.start.isoformat(), need.isoformat(), convention,
                    _("Consecutive since {s}.").format(s=run.start.isoformat()))]
    maybe = covering(_employment_runs(ctx, c, allow_unknown=True), ctx.day)
    if maybe is not None and maybe.start <= need:
        return [row(c, Verdict.UNKNOWN, maybe.start.isoformat(), need.isoformat(), convention,
                    _("Missing: position level of an employment period."), missing=("position level",))]
    reached = next_met(qualifying, years, ctx.day)
    note = _("No qualifying employment on {d}.").format(d=ctx.day.isoformat()) if run is None else \
        _("Consecutive since {s}.").format(s=run.start.isoformat())
    if reached:
        note += " " + _("Reached on {d} if nothing changes.").format(d=reached.isoformat())
    return [row(c, Verdict.NOT_MET, run.start.isoformat() if run else None, need.isoformat(), convention, note)]


def bound_employment(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    return next_met(_employment_runs(ctx, c, allow_unknown=False), c.params["years"], ctx.day)


def _current_job(ctx: Context) -> Employment | None:
    return next((p for p in ctx.facts.employment or () if p.covers(ctx.day)), None)


def check_employed_on(ctx: Context, c: Criterion) -> list[CriterionResult]:
    if ctx.facts.employment is None:
        return [unknown(c, "employment history")]
    job = _current_job(ctx)
    value = f"{job.employer or _('employed')} ({job.start.isoformat()} –)" if job else None
    return [row(c, Verdict.MET if job else Verdict.NOT_MET, value, _("employed on {d}").format(
        d=ctx.day.isoformat()), "")]


def bound_next_job(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    starts = [p.start for p in ctx.facts.employment or () if p.start > ctx.day]
    return min(starts, default=None)


def check_employer_type(ctx: Context, c: Criterion) -> list[CriterionResult]:
    allowed = c.params["allowed"]
    if ctx.facts.employment is None:
        return [unknown(c, "employment history", list(allowed))]
    job = _current_job(ctx)
    if job is None:
        return [row(c, Verdict.NOT_MET, None, list(allowed), "", _("No employment on {d}.").format(
            d=ctx.day.isoformat()))]
    if job.employer_type is None:
        return [unknown(c, "employer type", list(allowed))]
    verdict = Verdict.MET if job.employer_type in allowed else Verdict.NOT_MET
    return [row(c, verdict, job.employer_type.value, list(allowed), _("employer on {d}").format(
        d=ctx.day.isoformat()))]


# --- investment ------------------------------------------------------------------------------------------------
def minimum_for(inv: Investment, tiers: dict[str, Decimal]) -> tuple[Decimal, str, Decimal]:
    """(minimum that applies, its tier, the lowest minimum possible once unknown region/industry are known)."""
    options = [("anywhere", tiers["anywhere"])]
    if inv.encouraged and "encouraged" in tiers:
        options.append(("encouraged", tiers["encouraged"]))
    if inv.region is not None and inv.region.value in tiers:
        options.append((inv.region.value, tiers[inv.region.value]))
    tier, minimum = min(options, key=lambda o: o[1])
    best_case = [minimum]
    if inv.encouraged is None and "encouraged" in tiers:
        best_case.append(tiers["encouraged"])
    if inv.region is None:
        best_case += [v for k, v in tiers.items() if k not in ("encouraged", "anywhere")]
    return minimum, tier, min(best_case)


def _assess_investment(inv: Investment, tiers: dict[str, Decimal]) -> tuple[Verdict, Decimal, str]:
    minimum, tier, best = minimum_for(inv, tiers)
    if inv.amount_usd >= minimum:
        return Verdict.MET, minimum, tier
    return (Verdict.UNKNOWN if inv.amount_usd >= best else Verdict.NOT_MET), minimum, tier


def check_investment_amount(ctx: Context, c: Criterion) -> list[CriterionResult]:
    tiers = c.params["minimums"]
    if ctx.facts.investments is None:
        return [unknown(c, "investments")]
    if not ctx.facts.investments:
        return [row(c, Verdict.NOT_MET, None, None, "USD", _("No investment recorded."))]
    order = {Verdict.MET: 0, Verdict.UNKNOWN: 1, Verdict.NOT_MET: 2}
    assessed = sorted(((_assess_investment(i, tiers), i) for i in ctx.facts.investments),
                      key=lambda a: (order[a[0][0]], -a[1].amount_usd))
    (verdict, minimum, tier), inv = assessed[0]
    region = inv.region.value if inv.region else _("region unknown")
    encouraged = {True: _("encouraged industry"), False: _("not encouraged"), None: _("industry unknown")}
    note = _("USD {a} paid in; {r}, {e}; minimum USD {m} ({t}).").format(
        a=cny(inv.amount_usd), r=region, e=encouraged[inv.encouraged], m=cny(minimum), t=tier)
    missing = ("investment region or industry",) if verdict is Verdict.UNKNOWN else ()
    return [row(c, verdict, str(inv.amount_usd), str(minimum), _("paid-in registered capital, USD (M2004 Art. 7)"),
                note, missing=missing)]


def _investments_by_amount(ctx: Context, c: Criterion) -> tuple[list[Investment], list[Investment]]:
    """(investments that meet the capital minimum, those that might once their region or industry is known)."""
    tiers = c.params["minimums"]
    assessed = [(_assess_investment(i, tiers)[0], i) for i in ctx.facts.investments or ()]
    return [i for v, i in assessed if v is Verdict.MET], [i for v, i in assessed if v is Verdict.UNKNOWN]


def check_investment_years(ctx: Context, c: Criterion) -> list[CriterionResult]:
    years = c.params["years"]
    need = latest_start(ctx.day, years)
    convention = _("{n} consecutive years ending on {d}").format(n=years, d=ctx.day.isoformat())
    if ctx.facts.investments is None:
        return [unknown(c, "investments", need.isoformat(), convention)]
    meeting, maybe = _investments_by_amount(ctx, c)
    candidates = meeting or maybe
    if not candidates:
        return [row(c, Verdict.NOT_MET, None, need.isoformat(), convention,
                    _("No investment meets the capital minimum."))]
    dated = [i.stable_since for i in candidates if i.stable_since is not None]
    if not dated:
        return [unknown(c, "date since which the investment is stable", need.isoformat(), convention)]
    since = min(dated)
    verdict = Verdict.MET if since <= need else Verdict.NOT_MET
    note = _("Met from {d}.").format(d=first_day_covering(since, years).isoformat())
    if verdict is Verdict.MET and not meeting:
        verdict, note = Verdict.UNKNOWN, note + " " + _("Whether the amount qualifies is unknown.")
    missing = ("investment region or industry",) if verdict is Verdict.UNKNOWN else ()
    return [row(c, verdict, since.isoformat(), need.isoformat(), convention, note, missing=missing)]


def bound_investment_years(ctx: Context, c: Criterion, rows: Sequence[CriterionResult],
                           strong: bool) -> dt.date | None:
    meeting, _maybe = _investments_by_amount(ctx, c)
    starts = [Run(i.stable_since, None) for i in meeting if i.stable_since is not None]
    return next_met(starts, c.params["years"], ctx.day)


KINDS = {
    "age_min": Kind(check_age_min, bound_age_min),
    "age_under": Kind(check_age_under, never),
    "marriage_years": Kind(check_marriage, bound_marriage),
    "employment_years": Kind(check_employment_years, bound_employment),
    "employed_on": Kind(check_employed_on, bound_next_job),
    "employer_type": Kind(check_employer_type, bound_next_job),
    "investment_amount": Kind(check_investment_amount, never),
    "investment_years": Kind(check_investment_years, bound_investment_years),
}
