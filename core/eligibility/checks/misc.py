"""Criteria read straight from the facts: flags, degrees, family ties, documents held, and filing deadlines."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core.deadlines.config import city_lead, parse_city_days
from core.eligibility.checks.presence import setting_value
from core.eligibility.context import Context, Kind, never, row, unknown
from core.eligibility.facts import DATE_FACTS, FLAG_FACTS, Degree
from core.eligibility.labels import area_label, verdict_text
from core.eligibility.results import CriterionResult, Verdict
from core.eligibility.routes import Criterion
from core.i18n import _
from core.ruledata.loader import setting_label

DEGREE_RANK = {Degree.DOCTORATE: 3, Degree.MASTER: 2, Degree.BACHELOR: 1}


def check_flag(ctx: Context, c: Criterion) -> list[CriterionResult]:
    name = c.params["fact"]
    value = FLAG_FACTS[name](ctx.facts)
    if value is None:
        return [unknown(c, name, True)]
    return [row(c, Verdict.MET if value else Verdict.NOT_MET, value, True, _("as recorded"))]


def check_degree(ctx: Context, c: Criterion) -> list[CriterionResult]:
    level = Degree(c.params["level"])
    degree = ctx.facts.highest_degree
    if degree is None:
        return [unknown(c, "highest degree", level.value)]
    ok = DEGREE_RANK.get(degree, 0) >= DEGREE_RANK.get(level, 0)
    return [row(c, Verdict.MET if ok else Verdict.NOT_MET, degree.value, level.value, _("highest degree held"))]


def check_relation(ctx: Context, c: Criterion) -> list[CriterionResult]:
    allowed = list(c.params["allowed"])
    family = ctx.facts.family
    if family is None:
        return [_no_family(c, allowed)]
    ok = family.relation in allowed
    return [row(c, Verdict.MET if ok else Verdict.NOT_MET, family.relation.value, allowed,
                _("the applicant's relation to the principal"))]


def _no_family(c: Criterion, allowed: list[str]) -> CriterionResult:
    """No family link in the facts: the applicant does not apply as someone's relative."""
    return row(c, Verdict.NOT_MET, None, allowed, "", _("No relation to a principal recorded."))


def check_principal_status(ctx: Context, c: Criterion) -> list[CriterionResult]:
    allowed = list(c.params["allowed"])
    family = ctx.facts.family
    if family is None:
        return [_no_family(c, allowed)]
    status = family.principal_status
    if status is None:
        return [unknown(c, "status of the relative in China", allowed)]
    return [row(c, Verdict.MET if status in allowed else Verdict.NOT_MET, status.value, allowed,
                _("status of the relative joined"))]


def check_spouse_status(ctx: Context, c: Criterion) -> list[CriterionResult]:
    allowed = list(c.params["allowed"])
    marriage = ctx.facts.marriage
    if marriage is None:
        if ctx.facts.is_married() is False:
            return [row(c, Verdict.NOT_MET, None, allowed, "", _("Not married."))]
        return [unknown(c, "marriage", allowed)]
    if marriage.spouse_status is None:
        return [unknown(c, "spouse's status", allowed)]
    ok = marriage.spouse_status in allowed
    return [row(c, Verdict.MET if ok else Verdict.NOT_MET, marriage.spouse_status.value, allowed,
                _("the spouse's status"))]


def check_marital_status(ctx: Context, c: Criterion) -> list[CriterionResult]:
    allowed = list(c.params["allowed"])
    married = ctx.facts.is_married()
    if married is None:
        return [unknown(c, "marital status", allowed)]
    status = "married" if married else "unmarried"
    return [row(c, Verdict.MET if status in allowed else Verdict.NOT_MET, status, allowed, _("marital status"))]


def check_document(ctx: Context, c: Criterion) -> list[CriterionResult]:
    document = c.params["document"]
    held = ctx.facts.documents
    if held is None:
        return [unknown(c, f"documents held ({document})", document)]
    ok = document in held
    note = "" if ok else _("Not recorded as held.")
    return [row(c, Verdict.MET if ok else Verdict.NOT_MET, ok, document, _("documents held"), note)]


def check_principal_route(ctx: Context, c: Criterion) -> list[CriterionResult]:
    """The dependant inherits the principal's route: its verdict for the principal on the same filing date."""
    allowed = list(c.params["routes"])
    family = ctx.facts.family
    if family is None:
        return [_no_family(c, allowed)]
    if family.principal_route is None:
        return [unknown(c, "the principal's route", allowed)]
    route = family.principal_route
    if route not in allowed:
        return [row(c, Verdict.NOT_MET, route, allowed, "", _("Dependants may not join this route."))]
    if family.principal is not None and ctx.principal_verdict is not None:
        verdict = ctx.principal_verdict(route, ctx.day)
        how = _("the principal's own facts, evaluated on {d}").format(d=ctx.day.isoformat())
    elif family.principal_verdict is not None:
        verdict, how = family.principal_verdict, _("as recorded for the principal")
    else:
        return [unknown(c, "the principal's verdict", allowed)]
    missing = ("the principal's data",) if verdict is Verdict.UNKNOWN else ()
    return [row(c, verdict, route, allowed, how, _("Principal: {v}.").format(v=verdict_text(verdict)), missing=missing)]


def bound_principal(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    family = ctx.facts.family
    if family is None or family.principal is None or family.principal_route is None \
            or family.principal_route not in c.params["routes"] or ctx.principal_bound is None:
        return None
    return ctx.principal_bound(family.principal_route, ctx.day, strong)


def deadline_days(ctx: Context, c: Criterion) -> tuple[int, int, str]:
    """(conservative, lenient) days and how they were chosen; a city whose practice a setting names has one figure,
    as in `deadlines` (core.deadlines.config.DeadlineSettings.wp_lead_for)."""
    city_key = c.params.get("city_days_setting")
    if city_key and ctx.facts.city:
        local = city_lead(parse_city_days(str(ctx.setting(city_key)), []), ctx.facts.city)
        if local is not None:
            return local[0], local[0], _("{city}: {days} days (the setting “{setting}”)").format(
                setting=setting_label(city_key), city=area_label(local[1]), days=local[0])
    if "days" in c.params:
        days = int(c.params["days"])
        return days, days, _("{n} days").format(n=days)
    strict = int(ctx.setting(c.params["days_setting"]))
    key = c.params.get("lenient_days_setting")
    lenient = min(strict, int(ctx.setting(key))) if key else strict
    text = setting_value(c.params["days_setting"], strict) + (
        _(", ") + setting_value(key, lenient) if key and lenient != strict else "")
    return strict, lenient, text


def check_deadline(ctx: Context, c: Criterion) -> list[CriterionResult]:
    """In time if filed on or before expiry − N days (EEAL Art. 32: 30 days); borderline between two readings."""
    name = c.params["date_fact"]
    expiry = DATE_FACTS[name](ctx.facts)
    if expiry is None:
        return [unknown(c, name.replace("_", " "))]
    strict, lenient, text = deadline_days(ctx, c)
    last, last_lenient = expiry - dt.timedelta(days=strict), expiry - dt.timedelta(days=lenient)
    if ctx.day <= last:
        verdict, note = Verdict.MET, _("{n} days left to file.").format(n=(last - ctx.day).days)
    elif ctx.day <= last_lenient:
        verdict, note = Verdict.BORDERLINE, _("Late under the stricter reading (by {s}), in time under the "
                                              "other (by {l}).").format(s=last.isoformat(), l=last_lenient.isoformat())
    else:
        verdict = Verdict.NOT_MET
        note = _("Expired on {d}.").format(d=expiry.isoformat()) if ctx.day > expiry else \
            _("Too late to file in time; the last day was {d}.").format(d=last_lenient.isoformat())
    return [row(c, verdict, ctx.day.isoformat(), last.isoformat(),
                _("expiry {e} minus {t}").format(e=expiry.isoformat(), t=text), note)]


KINDS = {
    "flag": Kind(check_flag, never),
    "degree_min": Kind(check_degree, never),
    "relation": Kind(check_relation, never),
    "principal_status": Kind(check_principal_status, never),
    "spouse_status": Kind(check_spouse_status, never),
    "marital_status": Kind(check_marital_status, never),
    "document": Kind(check_document, never),
    "principal_route": Kind(check_principal_route, bound_principal),
    "deadline": Kind(check_deadline, never),
}
