"""Presence criteria, counted both ways (DOMAIN §4.1 project convention).

Met when the full-day count (the stricter) reaches the strict threshold; not met when even the calendar-presence
count misses the lenient threshold; borderline in between, with the reason. Months become days through settings
(open question 1). Every criterion is counted under both year readings of open question 1: rolling years ending on
the filing date (M2004 Art. 6) and complete calendar years before it. A setting chooses which leads (shown first;
elig_year_reading for PR routes, elig_retention_year_mode for keeping PR, case 22); it never hides the other, and
the criterion is borderline when the two disagree.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from core.eligibility.context import Context, Kind, never, row, unknown
from core.eligibility.results import CriterionResult, Verdict, all_of
from core.eligibility.routes import Criterion
from core.i18n import N_, _
from core.presence.days import shift_years
from core.ruledata.loader import setting_label

BOTH = N_("calendar-presence days and full (24 h) days")


def thresholds(ctx: Context, c: Criterion) -> tuple[int, int, str]:
    """(strict, lenient, description) in days, from the settings the criterion names."""
    strict = int(ctx.setting(c.params["min_days"]))
    lenient_key = c.params.get("lenient_days")
    lenient = min(strict, int(ctx.setting(lenient_key))) if lenient_key else strict
    text = setting_value(c.params["min_days"], strict)
    if lenient_key and lenient != strict:
        text += _(", ") + setting_value(lenient_key, lenient)
    return strict, lenient, text


def setting_value(key: str, value: object) -> str:
    """'3 years cumulative, in days (strict): 1096': a setting as File > Settings labels it, with its value."""
    return _("{setting}: {value}").format(setting=setting_label(key), value=value)


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


ROLLING, CALENDAR = "rolling", "calendar"
Window = tuple[dt.date, dt.date, str, str]  # first, last, label, row id suffix


def _row(ctx: Context, c: Criterion, cal: int, full: int, span: str, suffix: str = "",
         reading: str = "") -> CriterionResult:
    strict, lenient, text = thresholds(ctx, c)
    verdict, note = presence_verdict(cal, full, strict, lenient)
    return row(c, verdict, {"calendar_days": cal, "full_days": full}, strict, _("; ").join((span, _(BOTH), text)),
               note=note, suffix=suffix, reading=reading)


def verdict_word(v: Verdict) -> str:
    return {Verdict.MET: _("met"), Verdict.NOT_MET: _("not met"), Verdict.BORDERLINE: _("borderline"),
            Verdict.UNKNOWN: _("unknown")}[v]


def reading_text(reading: str) -> str:
    return _("rolling years ending on the filing date") if reading == ROLLING else \
        _("complete calendar years before it")


def lead_reading(ctx: Context, c: Criterion) -> tuple[str, str]:
    """(reading that leads, the setting that chose it): keeping PR has its own setting (case 22)."""
    key = "elig_retention_year_mode" if c.kind in ("presence_year", "presence_years_sum") else "elig_year_reading"
    return str(ctx.setting(key)), key


def rolling_windows_of(ctx: Context, years: int) -> list[Window]:
    assert ctx.presence is not None
    return [(w.start, w.end, _("rolling year {k}: {s} – {e}").format(k=k, s=w.start.isoformat(), e=w.end.isoformat()),
             f"{w.start.isoformat()}/{w.end.isoformat()}") for k, w in enumerate(ctx.presence.windows(ctx.day, years),
                                                                                 start=1)]


def calendar_windows_of(ctx: Context, years: int) -> list[Window]:
    return [(dt.date(y, 1, 1), dt.date(y, 12, 31), _("calendar year {y}").format(y=y), str(y))
            for y in range(ctx.day.year - years, ctx.day.year)]


def rolling_span(ctx: Context, years: int) -> Window:
    first = shift_years(ctx.day, -years) + dt.timedelta(days=1)
    return first, ctx.day, _("{n} rolling years {s} – {e}").format(n=years, s=first.isoformat(),
                                                                    e=ctx.day.isoformat()), ""


def calendar_span(ctx: Context, years: int) -> Window:
    first, last = dt.date(ctx.day.year - years, 1, 1), dt.date(ctx.day.year - 1, 12, 31)
    label = str(first.year) if years == 1 else f"{first.year}–{last.year}"
    return first, last, _("calendar years {y}").format(y=label), label


def both_readings(ctx: Context, c: Criterion, windows: dict[str, list[Window]]) -> list[CriterionResult]:
    """Rows for every window of both year readings (open question 1), the leading reading first; when the readings
    disagree the first row says so, and the criterion is borderline (core.eligibility.results.criterion_verdict)."""
    assert ctx.presence is not None
    lead, key = lead_reading(ctx, c)
    order = [lead] + [r for r in (ROLLING, CALENDAR) if r != lead]
    rows: dict[str, list[CriterionResult]] = {}
    for reading in order:
        tag = _("leading reading (the setting “{setting}”)").format(setting=setting_label(key)) if reading == lead \
            else _("other reading")
        rows[reading] = [_row(ctx, c, *ctx.presence.between(first, last), f"{label} [{tag}]", suffix, reading)
                         for first, last, label, suffix in windows[reading]]
    verdicts = {r: all_of(x.verdict for x in rows[r]) for r in order}
    out = [x for r in order for x in rows[r]]
    if len(set(verdicts.values())) > 1:
        note = _("Year readings differ (DOMAIN open question 1): {lead} by {lead_text}, {other} by {other_text}.")\
            .format(lead=verdict_word(verdicts[order[0]]), lead_text=reading_text(order[0]),
                    other=verdict_word(verdicts[order[1]]), other_text=reading_text(order[1]))
        first = out[0]
        out[0] = dataclasses.replace(first, note=" ".join(n for n in (note, first.note) if n))
    return out


def check_rolling(ctx: Context, c: Criterion) -> list[CriterionResult]:
    """Each of the n years before the filing date reaches the threshold: rolling years and calendar years."""
    if ctx.presence is None:
        return [unknown(c, "border crossings")]
    years = c.params["years"]
    return both_readings(ctx, c, {ROLLING: rolling_windows_of(ctx, years), CALENDAR: calendar_windows_of(ctx, years)})


def check_rolling_sum(ctx: Context, c: Criterion) -> list[CriterionResult]:
    """The total over the n years before the filing date reaches the threshold: rolling and calendar years."""
    if ctx.presence is None:
        return [unknown(c, "border crossings")]
    years = c.params["years"]
    return both_readings(ctx, c, {ROLLING: [rolling_span(ctx, years)], CALENDAR: [calendar_span(ctx, years)]})


def check_year(ctx: Context, c: Criterion) -> list[CriterionResult]:
    if ctx.presence is None:
        return [unknown(c, "border crossings")]
    return both_readings(ctx, c, {ROLLING: [rolling_span(ctx, 1)], CALENDAR: [calendar_span(ctx, 1)]})


def check_years_sum(ctx: Context, c: Criterion) -> list[CriterionResult]:
    if ctx.presence is None:
        return [unknown(c, "border crossings")]
    years = c.params["years"]
    return both_readings(ctx, c, {ROLLING: [rolling_span(ctx, years)], CALENDAR: [calendar_span(ctx, years)]})


def bound_presence(ctx: Context, c: Criterion, rows: Sequence[CriterionResult], strong: bool) -> dt.date | None:
    """A rolling window's count grows by at most one a day, so the largest shortfall less one is a safe number of
    days to skip (less one: a window ending on the same date in an earlier year gains 29 February as an extra day
    when the filing date moves from 1 January to 20 March, say); calendar years before the filing date change only
    with the filing year. Met needs both readings; borderline needs one."""
    if ctx.presence is None:
        return None
    strict, lenient, _text = thresholds(ctx, c)
    target = {Verdict.MET} if strong else {Verdict.MET, Verdict.BORDERLINE}
    bounds = []
    for reading in (ROLLING, CALENDAR):
        mine = [r for r in rows if r.reading == reading]
        if not mine or all_of(r.verdict for r in mine) in target:
            continue
        if reading == CALENDAR:
            bounds.append(dt.date(ctx.day.year + 1, 1, 1))
            continue
        shortfall = 0
        for r in mine:
            counts = r.value if isinstance(r.value, dict) else {}
            if strong:
                shortfall = max(shortfall, strict - int(counts.get("full_days", 0)))
            else:
                shortfall = max(shortfall, lenient - int(counts.get("calendar_days", 0)))
        bounds.append(ctx.day + dt.timedelta(days=max(1, shortfall - 1)))
    if not bounds:
        return ctx.day + dt.timedelta(days=1)
    return max(bounds) if strong else min(bounds)


KINDS = {
    "presence_rolling": Kind(check_rolling, bound_presence),
    "presence_rolling_sum": Kind(check_rolling_sum, bound_presence),
    "presence_year": Kind(check_year, never),
    "presence_years_sum": Kind(check_years_sum, never),
}
