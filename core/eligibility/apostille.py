"""Apostille or consular legalisation for a foreign public document used in mainland China (DOMAIN §5.3, case 30).

The list of states is user-editable data (rules/apostille.toml): a firm corrects it from the HCCH status table
without touching code.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.i18n import _
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, field, load_toml

APOSTILLE_FILE = RULES_DIR / "apostille.toml"
APOSTILLE = "apostille"
LEGALISATION = "consular_legalisation"


@dataclass(frozen=True)
class ApostilleState:
    code: str
    name_en: str
    name_zh: str
    since: dt.date  # first date the Convention applies between this state and China
    applies: bool  # False: the state objected to China's accession
    provenance: Provenance
    note: str = ""


@dataclass(frozen=True)
class ApostilleRules:
    effective_for_china: dt.date
    provenance: Provenance
    states: dict[str, ApostilleState]


@dataclass(frozen=True)
class Authentication:
    method: str  # "apostille" or "consular_legalisation"
    reason: str
    source: str
    confidence: str


def load_apostille(path: Path = APOSTILLE_FILE) -> ApostilleRules:
    data = load_toml(path)
    convention = field(data, "convention", dict, path, "")
    china = _date(convention, "effective_for_china", path, "convention")
    states: dict[str, ApostilleState] = {}
    for i, t in enumerate(field(data, "state", list, path, "")):
        where = f"state[{i}]"
        if not isinstance(t, dict):
            raise RulesError(path, where, "expected a table")
        code = field(t, "code", str, path, where)
        if not (len(code) == 3 and code.isalpha() and code.isupper()):
            raise RulesError(path, f"{where}.code", f"expected a 3-letter ISO code such as USA, got {code!r}")
        if code in states:
            raise RulesError(path, f"{where}.code", f"{code} listed twice")
        since = _date(t, "since", path, where) if "since" in t else china
        states[code] = ApostilleState(code, field(t, "name_en", str, path, where),
                                      field(t, "name_zh", str, path, where), max(since, china),
                                      field(t, "applies_with_china", bool, path, where, default=True),
                                      Provenance.read(t, path, where), field(t, "note", str, path, where, default=""))
    return ApostilleRules(china, Provenance.read(convention, path, "convention"), states)


def _date(t: Mapping[str, Any], key: str, path: Path, where: str) -> dt.date:
    value = t.get(key)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(field(t, key, str, path, where))
    except ValueError:
        raise RulesError(path, f"{where}.{key}", f"expected a date YYYY-MM-DD, got {value!r}") from None


def authentication_for(issuing_state: str, use_date: dt.date, rules: ApostilleRules) -> Authentication:
    """How a public document issued in `issuing_state` must be authenticated to be used in China on `use_date`."""
    state = rules.states.get(issuing_state.strip().upper())
    china = rules.effective_for_china
    if use_date < china:
        return Authentication(LEGALISATION, _("Before {d} the Convention did not apply to China.").format(
            d=china.isoformat()), rules.provenance.source, rules.provenance.confidence)
    if state is None:
        return Authentication(LEGALISATION, _("{s} is not listed as a Contracting State in rules/apostille.toml "
                                              "(check the HCCH status table).").format(s=issuing_state),
                              rules.provenance.source, "M")
    if not state.applies:
        return Authentication(LEGALISATION, _("The Convention does not apply between {s} and China.").format(
            s=state.name_en), state.provenance.source, state.provenance.confidence)
    if use_date < state.since:
        return Authentication(LEGALISATION, _("The Convention applies between {s} and China only from {d}.").format(
            s=state.name_en, d=state.since.isoformat()), state.provenance.source, state.provenance.confidence)
    return Authentication(APOSTILLE, _("{s} is a Contracting State; an apostille replaces legalisation since "
                                       "{d}.").format(s=state.name_en, d=state.since.isoformat()),
                          state.provenance.source, state.provenance.confidence)
