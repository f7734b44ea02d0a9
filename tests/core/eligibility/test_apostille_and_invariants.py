"""Case 30 (apostille or consular legalisation), and routes resting only on exact facts are never borderline."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.eligibility.apostille import APOSTILLE, LEGALISATION, authentication_for, load_apostille
from core.eligibility.facts import (
    ApplicantFacts,
    Degree,
    Employment,
    FamilyLink,
    Investment,
    MaritalStatus,
    PersonStatus,
    Region,
    Relation,
)
from core.eligibility.results import Verdict
from core.ruledata.loader import RULES_DIR
from tests.core.eligibility.helpers import D, run

RULES = load_apostille()


@pytest.mark.parametrize("state,day,method", [
    ("USA", "2024-03-01", APOSTILLE),  # case 30: an Apostille state after 2023-11-07 -> apostille only
    ("VNM", "2024-03-01", LEGALISATION),  # case 30: not a Contracting State -> consular legalisation
    ("USA", "2023-11-06", LEGALISATION),  # before the Convention took effect for China
    ("DEU", "2023-11-07", APOSTILLE),
    ("CAN", "2024-01-10", LEGALISATION), ("CAN", "2024-01-11", APOSTILLE),  # later date for Canada
    ("IND", "2025-01-01", LEGALISATION),  # objected to China's accession
    ("gbr", "2025-01-01", APOSTILLE),
])
def test_case_30_apostille_or_legalisation(state: str, day: str, method: str):
    advice = authentication_for(state, D(day), RULES)
    assert advice.method == method and advice.reason and advice.source == "APOSTILLE"


def test_states_list_is_editable_data(tmp_path):
    text = (RULES_DIR / "apostille.toml").read_text(encoding="utf-8")
    path = tmp_path / "apostille.toml"
    path.write_text(text + '\n[[state]]\ncode = "VNM"\nname_en = "Viet Nam"\nname_zh = "越南"\n'
                           'source = "APOSTILLE"\nconfidence = "L"\n', encoding="utf-8")
    assert authentication_for("VNM", D("2024-03-01"), load_apostille(path)).method == APOSTILLE


dates = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))
maybe_bool = st.none() | st.booleans()


@settings(max_examples=60, deadline=None)
@given(birth=st.none() | dates, day=dates, flag=maybe_bool, origin=maybe_bool, married=maybe_bool,
       degree=st.none() | st.sampled_from(list(Degree)), status=st.none() | st.sampled_from(list(PersonStatus)),
       amount=st.integers(0, 3_000_000), region=st.none() | st.sampled_from(list(Region)), encouraged=maybe_bool,
       since=st.none() | dates, job=st.none() | dates, expiry=st.none() | dates)
def test_routes_on_exact_facts_are_never_borderline(birth, day, flag, origin, married, degree, status, amount,
                                                    region, encouraged, since, job, expiry):
    """Borderline comes only from a reading or a counting convention; these routes have none (report it)."""
    facts = ApplicantFacts(
        birth_date=birth, chinese_origin=origin, highest_degree=degree, good_tax_record=flag,
        talent_recommended=flag, major_contribution_recommended=flag,
        marital_status=None if married is None else MaritalStatus.MARRIED if married else MaritalStatus.UNMARRIED,
        family=FamilyLink(Relation.CHILD, principal_status=status) if status else None,
        investments=(Investment(Decimal(amount), region, encouraged, since),),
        employment=(Employment(job),) if job else (), residence_permit_expiry=expiry)
    for route in ("pr-investor", "pr-major-contribution", "pr-minor-child", "pr-chinese-origin-phd",
                  "pr-talent-recommended", "rp-renewal"):
        assert run(route, facts, day).verdict is not Verdict.BORDERLINE
