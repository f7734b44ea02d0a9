"""Travel use cases for one applicant: the presence report, projections, importing and exporting crossings."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.exchange.crossings_csv import write_crossings_csv
from core.exchange.crossings_import import ImportPlan, plan_import, require_ok
from core.exchange.crossings_table import ColumnMapping, RawTable, guess_mapping, mapping_from_names, read_table
from core.presence.absences import Absence, absences_sorted
from core.presence.config import PrCondition, PresenceConfig, PresenceRules, load_presence_rules
from core.presence.days import WindowCount, sort_crossings
from core.presence.projection import DEFAULT_SEARCH_YEARS, Projection, parse_condition, project
from core.presence.report import PresenceReport, presence_report, rolling_counts
from core.records.identity import ApplicantId, Crossing
from core.ruledata.loader import Settings
from core.storage.repositories.repositories import CrossingRepository


@dataclass(frozen=True)
class PrProjection:
    """A PR presence condition with its first date under both counts and under the calendar count alone."""

    condition: PrCondition
    both: Projection
    calendar_only: Projection | None  # None when the condition has no full-day term to drop


class TravelService:
    """Presence computations over the stored crossings; recorded ones count, planned ones only in projections."""

    def __init__(self, crossings: CrossingRepository, settings: Callable[[], Settings],
                 rules: PresenceRules | None = None):
        self._crossings = crossings
        self._settings = settings
        self._rules = rules or load_presence_rules()

    def config(self) -> PresenceConfig:
        return PresenceConfig.from_settings(self._settings(), self._rules)

    def recorded(self, applicant_id: ApplicantId) -> list[Crossing]:
        return sort_crossings(self._crossings.list_for(applicant_id, planned=False))

    def all_crossings(self, applicant_id: ApplicantId) -> list[Crossing]:
        return sort_crossings(self._crossings.list_for(applicant_id))

    # --- computations -------------------------------------------------------------------------------------------
    def report(self, applicant_id: ApplicantId, as_of: dt.date, window_end: dt.date | None = None,
               windows: int = 5, *, crossings: Sequence[Crossing] | None = None,
               config: PresenceConfig | None = None) -> PresenceReport:
        """`crossings` (all of the applicant's, as list_crossings gives them) and `config`: already read by the
        caller, so a refresh reads each once (a round trip each on a firm database)."""
        recorded = (sort_crossings([c for c in crossings if not c.planned]) if crossings is not None
                    else self.recorded(applicant_id))
        return presence_report(recorded, as_of, config or self.config(), window_end, windows)

    def absences(self, applicant_id: ApplicantId, as_of: dt.date) -> list[Absence]:
        return absences_sorted(self.recorded(applicant_id), as_of)

    def rolling(self, applicant_id: ApplicantId, end: dt.date, n: int, as_of: dt.date) -> list[WindowCount]:
        return rolling_counts(self.recorded(applicant_id), end, n, as_of)

    def project(self, applicant_id: ApplicantId, condition: str, start: dt.date,
                max_years: int = DEFAULT_SEARCH_YEARS) -> Projection:
        """First date on or after `start` the condition holds, with planned crossings; InputError if unparsable."""
        parsed = parse_condition(condition, self.config().units)
        return project(self.all_crossings(applicant_id), parsed, start, max_years)

    def pr_projections(self, applicant_id: ApplicantId, start: dt.date) -> list[PrProjection]:
        """The PR presence conditions of rules/presence.toml, projected (DOMAIN §4.1: both counts, then one)."""
        config, crossings, result = self.config(), self.all_crossings(applicant_id), []
        for pr in self._rules.pr_conditions:
            parsed = parse_condition(pr.condition, config.units)
            calendar_only = None
            if any(t.count == "full" for c in parsed.clauses for t in c.terms):
                text = ";".join(part for part in (_drop_full(p) for p in pr.condition.split(";")) if part)
                calendar_only = project(crossings, parse_condition(text, config.units), start)
            result.append(PrProjection(pr, project(crossings, parsed, start), calendar_only))
        return result

    # --- import and export --------------------------------------------------------------------------------------
    def read_import_file(self, path: Path) -> tuple[RawTable, ColumnMapping]:
        """The file's rows and the guessed column mapping (InputError when the file cannot be read)."""
        table = read_table(path)
        return table, guess_mapping(table.headers)

    def plan_import(self, applicant_id: ApplicantId, table: RawTable, mapping: ColumnMapping, today: dt.date,
                    all_planned: bool = False) -> ImportPlan:
        return plan_import(table, mapping, self.all_crossings(applicant_id), today, all_planned)

    def commit_import(self, applicant_id: ApplicantId, table: RawTable, mapping: ColumnMapping, today: dt.date,
                      all_planned: bool = False) -> ImportPlan:
        """Checks again against what is stored now, then adds every new row in one transaction, or nothing."""
        plan = require_ok(self.plan_import(applicant_id, table, mapping, today, all_planned))
        self._crossings.add_many(applicant_id, plan.to_add)
        return plan

    def import_file(self, applicant_id: ApplicantId, path: Path, today: dt.date,
                    columns: Mapping[str, str] | None = None, all_planned: bool = False) -> ImportPlan:
        """Read, map (header recognition plus FIELD=COLUMN choices), check and import; ImportRejected if any fails."""
        table = read_table(path)
        mapping = mapping_from_names(table, columns or {})
        return self.commit_import(applicant_id, table, mapping, today, all_planned)

    def export_csv(self, applicant_id: ApplicantId, path: Path) -> int:
        """All crossings, planned ones marked, in the CSV contract; returns how many were written."""
        return write_crossings_csv(self.all_crossings(applicant_id), path)


def _drop_full(clause: str) -> str:
    """A clause text without its full-day terms ("" when nothing is left)."""
    head, _sep, terms = clause.rpartition(":")
    kept = [t for t in terms.split(",") if not t.strip().lower().startswith("full")]
    return f"{head}:{','.join(kept)}" if kept else ""
