"""The filing period a first permit or a change runs in (EEAL Art. 30: 30 days from entry; Art. 33: 10 days from
a new passport), read from rules/deadlines.toml so the packet and the deadlines dock say the same date.

Pure: the kind, the facts and the deadline rules in, findings out.
"""
from __future__ import annotations

import datetime as dt

from core.deadlines.config import DeadlineRules
from core.packets.content import Finding, Severity, Text
from core.packets.kinds.templates import KindTemplate
from core.packets.records.facts import PacketFacts

EVENTS = {"entry": Text("入境", "entry"), "new_passport": Text("新护照签发", "the new passport's issue")}


def filing_window(kind: KindTemplate, facts: PacketFacts, rules: DeadlineRules
                  ) -> tuple[dt.date, dt.date, int, str] | None:
    """(the event's date, the last day to file, the days allowed, the rule's source) or None."""
    if kind.window == "entry" and rules.entry_residence_permit is not None and facts.days_since_entry >= 0:
        days, source = rules.entry_residence_permit.days, rules.entry_residence_permit.provenance.source
        start = facts.filing_date - dt.timedelta(days=facts.days_since_entry)
    elif kind.window == "new_passport" and facts.days_since_new_passport >= 0:
        days, source = rules.rp_change_days, rules.rp_change.source
        start = facts.filing_date - dt.timedelta(days=facts.days_since_new_passport)
    else:
        return None
    return start, start + dt.timedelta(days=days), days, source


def window_findings(kind: KindTemplate, facts: PacketFacts, rules: DeadlineRules) -> list[Finding]:
    """The last day to file, on the cover; a filing date after it is a warning (the duty still stands)."""
    window = filing_window(kind, facts, rules)
    if window is None:
        return []
    start, due, days, source = window
    event = EVENTS[kind.window]
    if facts.filing_date <= due:
        return [Finding(Severity.INFO, Text(
            f"须于 {due.isoformat()} 前申请（{event.zh}之日 {start.isoformat()} 起{days}日内）",
            f"File by {due.isoformat()} (within {days} days of {event.en} on {start.isoformat()})"), "", source)]
    late = (facts.filing_date - due).days
    return [Finding(Severity.WARNING, Text(
        f"申请日晚于期限 {due.isoformat()}（{event.zh}之日 {start.isoformat()} 起{days}日内）{late}天："
        "请尽快申请，并准备向受理机关说明逾期原因",
        f"The filing date is {late} days after the last day, {due.isoformat()} (within {days} days of {event.en} "
        f"on {start.isoformat()}): file at once and be ready to explain the delay to the office"), "", source)]
