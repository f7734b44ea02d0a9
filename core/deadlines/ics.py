"""Deadlines as an iCalendar file for phone calendars: one VEVENT per item, one VALARM per reminder lead time."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

import icalendar

from core.deadlines.items import DeadlineItem

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")  # China has kept UTC+8 without daylight saving since 1991


def _uid(item: DeadlineItem) -> str:
    """Stable across exports, so a calendar app updates an event instead of duplicating it."""
    key = f"{item.applicant_id}|{item.kind.value}|{item.record}|{item.document}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@juliu"


def deadlines_ics(items: Sequence[DeadlineItem], lead_days: Sequence[int], stamp: dt.datetime) -> bytes:
    """`stamp` (DTSTAMP) is a parameter so that the same deadlines give the same file."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Juliu//Deadlines 到期提醒//ZH-EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Juliu 居留 deadlines")
    stamp_utc = stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
    for item in items:
        event = icalendar.Event()
        event.add("uid", _uid(item))
        event.add("dtstamp", stamp_utc)
        if item.due_time is not None:
            start = dt.datetime.combine(item.due, item.due_time, tzinfo=CHINA).astimezone(dt.UTC)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(minutes=30))
        else:
            event.add("dtstart", item.due)
            event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", f"{item.name}: {item.title} — {item.document}")
        event.add("description", "\n".join(filter(None, [
            f"{item.kind.value} · {item.urgency.value} · source {item.source}", item.detail])))
        event.add("categories", [item.kind.value])
        for days in lead_days:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{item.title} in {days} days: {item.name}")
            alarm.add("trigger", dt.timedelta(days=-days))
            event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
