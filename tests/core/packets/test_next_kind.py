"""The packet a client needs next: the earliest filing deadline's kind, else the first suggested kind."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.deadlines.items import DeadlineItem, DeadlineKind, Urgency
from core.packets.next_kind import kind_for_deadline, next_kind
from core.records.identity import ApplicantId


def item(kind: DeadlineKind, due: dt.date) -> DeadlineItem:
    return DeadlineItem(ApplicantId(1), "X", kind, "t", "d", due, 0, Urgency.SOON, "S")


SUGGESTED = ["rp_family_renewal", "wp_extension", "pr_spouse"]


def test_rp_deadline_asks_for_the_suggested_residence_renewal():
    assert kind_for_deadline(item(DeadlineKind.RP_FILING, dt.date(2027, 1, 1)), SUGGESTED) == "rp_family_renewal"
    assert kind_for_deadline(item(DeadlineKind.RP_FILING, dt.date(2027, 1, 1)), []) == "rp_work_renewal"
    assert kind_for_deadline(item(DeadlineKind.WP_FILING, dt.date(2027, 1, 1)), SUGGESTED) == "wp_extension"
    assert kind_for_deadline(item(DeadlineKind.EXPIRY, dt.date(2027, 1, 1)), SUGGESTED) is None


def test_the_earliest_filing_deadline_wins_over_the_suggestion_order():
    items = [item(DeadlineKind.EXPIRY, dt.date(2026, 12, 1)), item(DeadlineKind.RP_FILING, dt.date(2027, 2, 1)),
             item(DeadlineKind.WP_FILING, dt.date(2027, 1, 5))]
    assert next_kind(items, SUGGESTED) == "wp_extension"
    assert next_kind(items[:1], SUGGESTED) == "rp_family_renewal"  # no filing deadline: the first suggestion
    assert next_kind([], []) is None


def test_service_preselects_from_the_stored_records(service):
    ids = service.records.import_case(Path("examples/cases/shenzhen-work-permit-renewal.json"))
    today = dt.date(2026, 11, 22)
    assert service.packets.suggested_kinds(ids[0], today)[0] == "rp_work_renewal"
    assert service.packets.next_kind(ids[0], today) == "wp_extension"  # its extension is due first (2026-11-26)


def test_a_first_permit_or_a_change_is_what_the_entry_or_new_passport_calls_for(service):
    entry = item(DeadlineKind.RP_AFTER_ENTRY, dt.date(2026, 12, 20))
    assert kind_for_deadline(entry, ["rp_personal_affairs"]) == "rp_personal_affairs"
    assert kind_for_deadline(entry, []) == "rp_work_first"
    assert kind_for_deadline(item(DeadlineKind.RP_CHANGE, dt.date(2026, 12, 4)), []) == "rp_passport_change"
    ids = service.records.import_case(Path("examples/cases/guangzhou-new-arrivals.json"))
    today = dt.date(2026, 11, 25)
    assert service.packets.suggested_kinds(ids[0], today)[0] == "rp_work_first"
    assert service.packets.next_kind(ids[1], today) == "rp_personal_affairs"
    passport = service.records.import_case(Path("examples/cases/beijing-new-passport.json"))
    assert service.packets.next_kind(passport[0], dt.date(2026, 11, 26)) == "rp_passport_change"
    family = service.records.import_case(Path("examples/cases/beijing-6x-family.json"))
    assert "pr_dependant" in service.packets.suggested_kinds(family[1], dt.date(2026, 11, 26))
