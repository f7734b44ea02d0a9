"""All the rules data eligibility needs, loaded and validated together at start."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.eligibility.money import WageTable, load_wages
from core.eligibility.routes import RouteSet, load_routes
from core.eligibility.workpermit.category import CategoryRoute, load_categories
from core.eligibility.workpermit.points import PointsTable, load_points
from core.ruledata.loader import RULES_DIR, SettingDef, load_setting_defs


@dataclass(frozen=True)
class RuleBook:
    routes: RouteSet
    wages: WageTable
    points: PointsTable
    categories: tuple[CategoryRoute, ...] = ()


def load_rule_book(rules_dir: Path = RULES_DIR, setting_defs: Mapping[str, SettingDef] | None = None) -> RuleBook:
    """Routes, wages and the points table; settings named by routes are checked against `setting_defs`."""
    defs = setting_defs if setting_defs is not None else load_setting_defs(rules_dir / "settings")
    return RuleBook(load_routes(rules_dir / "routes", defs), load_wages(rules_dir / "wages.toml"),
                    load_points(rules_dir / "work_permit_points.toml"),
                    load_categories(rules_dir / "wp_categories.toml"))
