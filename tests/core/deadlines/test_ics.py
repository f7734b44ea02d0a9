"""The .ics export: timed items in China time, all-day items as dates, alarms per lead time."""
from __future__ import annotations

import datetime as dt

import icalendar

from core.deadlines.ics import deadlines_ics
from core.deadlines.items import DeadlineItem, DeadlineKind, Urgency
from core.records.identity import ApplicantId


def item(due: dt.date, time: dt.time | None) -> DeadlineItem:
    return DeadlineItem(ApplicantId(1), "王小明 WANG Xiaoming", DeadlineKind.ACCOMMODATION, "Register", "Move 搬家",
                        due, 1, Urgency.URGENT, "EEAL", "", time, ("address", 1))


def test_timed_item_is_china_time_and_all_day_item_is_a_date():
    stamp = dt.datetime(2025, 3, 10, tzinfo=dt.UTC)
    data = deadlines_ics([item(dt.date(2025, 3, 11), dt.time(19, 0)), item(dt.date(2025, 4, 11), None)], [3, 1], stamp)
    timed, allday = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert timed.decoded("DTSTART") == dt.datetime(2025, 3, 11, 11, 0, tzinfo=dt.UTC)  # 19:00 in UTC+8
    assert allday.decoded("DTSTART") == dt.date(2025, 4, 11)
    assert [a.decoded("TRIGGER") for a in allday.walk("VALARM")] == [dt.timedelta(days=-3), dt.timedelta(days=-1)]
    assert "王小明" in str(timed["SUMMARY"])
