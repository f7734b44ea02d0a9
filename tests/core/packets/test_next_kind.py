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
