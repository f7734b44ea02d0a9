"""Presence criteria, counted both ways (DOMAIN §4.1 project convention).

Met when the full-day count (the stricter) reaches the strict threshold; not met when even the calendar-presence
count misses the lenient threshold; borderline in between, with the reason. Months become days through settings
(open question 1). Windows are rolling years ending on the filing date (M2004 Art. 6), or calendar years for keeping
PR when the setting says so (case 22).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core.eligibility.context import Context, Kind, never, row, unknown
from core.eligibility.results import CriterionResult, Verdict
from core.eligibility.routes import Criterion
from core.i18n import _
from core.presence.days import shift_years

BOTH = "calendar-presence days and full (24 h) days"


def thresholds(ctx: Context, c: Criterion) -> tuple[int, int, str]:
    """(strict, lenient, description) in days, from the settings the criterion names."""
    strict = int(ctx.setting(c.params["min_days"]))
    lenient_key = c.params.get("lenient_days")
    lenient = min(strict, int(ctx.setting(lenient_key))) if lenient_key else strict
    text = f"{c.params['min_days']} = {strict}"
    if lenient_key and lenient != strict:
        text += f", lenient {lenient_key} = {lenient}"
    return strict, lenient, text


def presence_verdict(cal: int, full: int, strict: int, lenient: int) -> tuple[Verdict, str]:
    if full >= strict:
        return Verdict.MET, ""
    if cal < lenient:
        return Verdict.NOT_MET, ""
    reasons = []
    if cal >= strict:
        reasons.append(_("passes on calendar-presence days ({cal}) but not on full days ({full} < {strict})")
                       .format(cal=cal, full=full, strict=strict))
    else:
        reasons.append(_("passes only with the lenient conversion ({lenient} days; {cal} < {strict})")
                       .format(lenient=lenient, cal=cal, strict=strict))
    return Verdict.BORDERLINE, _("Borderline: {reasons}.").format(reasons="; ".join(reasons))


def _row(ctx: Context, c: Criterion, cal: int, full: int, span: str, suffix: str = "") -> CriterionResult:
    strict, lenient, text = thresholds(ctx, c)
    verdict, note = presence_verdict(cal, full, strict, lenient)
    return row(c, verdict, {"calendar_days": cal, "full_days": full}, strict, f"{span}; {BOTH}; {text}",
               note=note, suffix=suffix)


def check_rolling(ctx: Context, c: Criterion) -> list[CriterionResult]:
    """Each of the n rolling years ending on the filing date reaches the threshold."""
    if ctx.presence is None:
        return [unknown(c, "border crossings")]
    counts = ctx.presence.windows(ctx.day, c.params["years"])
    return [_row(ctx, c, w.calendar_days, w.full_days, _("rolling year {k}: {s} – {e}").format(
        k=k, s=w.start.isoformat(), e=w.end.isoformat()), suffix=f"{w.start.isoformat()}/{w.end.isoformat()}")
        for k, w in enumerate(counts, start=1)]


def check_rolling_sum(ctx: Context, c: Criterion) -> list[CriterionResult]:
    """The total over the n rolling years ending on the filing date reaches the threshold."""
    if ctx.presence is None:
        return [unknown(c, "border crossings")]
    start = shift_years(ctx.day, -c.params["years"]) + dt.timedelta(days=1)
    cal, full = ctx.presence.between(start, ctx.day)
    return [_row(ctx, c, cal, full, _("{n} rolling years {s} – {e}").format(
        n=c.params["years"], s=start.isoformat(), e=ctx.day.isoformat()))]


def _span(ctx: Context, years: int) -> tuple[dt.date, dt.date, str]:
    """The last `years` years before the check date: complete calendar years, or rolling years."""
    if ctx.setting("elig_retention_year_mode") == "calendar":
        first, last = dt.date(ctx.day.year - years, 1, 1), dt.date(ctx.day.year - 1, 12, 31)
        label = str(first.year) if years == 1 else f"{first.year}–{last.year}"
        return first, last, _("calendar years {y} (elig_retention_year_mode)").format(y=label)
    first = shift_years(ctx.day, -years) + dt.timedelta(days=1)
    return first, ctx.day, _("rolling {s} – {e} (elig_retention_year_mode)").format(
        s=first.isoformat(), e=ctx.day.isoformat())


def check_year(ctx: Context, c: Criterion) -> list[CriterionResult]:
    if ctx.presence is None:
        return [unknown(c, "border crossings")]
    first, last, label = _span(ctx, 1)
    return [_row(ctx, c, *ctx.presence.between(first, last), label)]


def check_years_sum(ctx: Context, c: Criterion) -> list[CriterionResult]:
    if ctx.presence is None:
        return [unknown(c, "border crossings")]
    first, last, label = _span(ctx, c.params["years"])
    return [_row(ctx, c, *ctx.presence.between(first, last), label)]


def bound_presence(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    """A window's count grows by at most one a day, so the largest shortfall is a safe number of days to skip."""
    if ctx.presence is None:
        return None
    strict, lenient, _text = thresholds(ctx, c)
    shortfall = 0
    for r in rows:
        counts = r.value if isinstance(r.value, dict) else {}
        if strong:
            shortfall = max(shortfall, strict - int(counts.get("full_days", 0)))
        else:
            shortfall = max(shortfall, lenient - int(counts.get("calendar_days", 0)))
    return ctx.day + dt.timedelta(days=max(1, shortfall))


KINDS = {
    "presence_rolling": Kind(check_rolling, bound_presence),
    "presence_rolling_sum": Kind(check_rolling_sum, bound_presence),
    "presence_year": Kind(check_year, never),
    "presence_years_sum": Kind(check_years_sum, never),
}
