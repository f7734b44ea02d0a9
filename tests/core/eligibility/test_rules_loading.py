"""Route, points and apostille files: the shipped data loads; a missing key or bad value names file and key."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.deadlines.config import load_deadline_rules
from core.eligibility.apostille import load_apostille
from core.eligibility.engine import KINDS, select_routes
from core.eligibility.routes import PARAMS, load_routes
from core.eligibility.workpermit.points import load_points
from core.ruledata.loader import CONFIDENCES, RULES_DIR, RulesError, load_setting_defs
from tests.core.eligibility.helpers import shipped_book

ROUTES = RULES_DIR / "routes"
DEFS = load_setting_defs()
EXPECTED = {"pr-investor", "pr-position", "pr-major-contribution", "pr-dependant", "pr-spouse", "pr-minor-child",
            "pr-elderly", "pr-salary-tax", "pr-chinese-origin-phd", "pr-talent-recommended", "pr-retention",
            "rp-renewal", "wp-extension", "pr-zgc-chinese-origin-phd", "pr-zgc-points", "pr-chinese-origin-long-term",
            "pr-gba-investor", "pr-shanghai-investor", "pr-beijing-salary-2016", "pr-shanghai-salary-2015",
            "pr-guangdong-salary-2017", "pr-gba-points", "pr-gba-talent-rp"}


def test_shipped_routes_carry_provenance():
    routes = shipped_book().routes
    assert {r.id for r in routes.evaluable()} == EXPECTED
    for route in routes.routes:
        assert route.name_zh and route.name_en and route.provenance.source
        assert route.provenance.confidence in CONFIDENCES and route.provenance.effective_from
        for c in route.criteria:
            assert c.label_zh and c.label_en and c.provenance.source and c.provenance.effective_from
            assert c.kind in KINDS


def test_every_check_kind_is_implemented():
    assert set(KINDS) == set(PARAMS)


def test_2020_draft_is_listed_but_never_evaluated():
    routes = shipped_book().routes
    drafts = [r for r in routes.routes if r.provenance.source == "DRAFT2020"]
    assert drafts and all(r.status == "proposed" for r in drafts)
    assert not set(r.id for r in drafts) & {r.id for r in routes.evaluable()}
    with pytest.raises(ValueError, match="never used for a verdict"):
        select_routes(shipped_book(), ["draft2020-work-6x"])


def test_open_questions_are_settings_not_numbers():
    presence = [c for r in shipped_book().routes.routes for c in r.criteria if c.kind.startswith("presence")]
    assert presence and all(c.params["min_days"].startswith("elig_days_") for c in presence)
    assert DEFS["elig_days_6_months"].default == 183 and DEFS["elig_days_9_months"].default == 274
    assert DEFS["elig_days_3_months"].default == 92 and DEFS["elig_days_3_months_lenient"].default == 90
    assert DEFS["elig_days_3_years"].default == 1096
    assert DEFS["elig_tax_share_reading"].default == "threshold"
    assert all(d.provenance.confidence in ("L", "M") for k, d in DEFS.items() if k.startswith("elig_"))


def copy_routes(tmp_path: Path, name: str, edit) -> Path:
    folder = tmp_path / "routes"
    shutil.copytree(ROUTES, folder)
    path = folder / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


SALARY = "50_pr_salary_tax.toml"


@pytest.mark.parametrize("name,edit,key,problem", [
    (SALARY, lambda s: s.replace('source = "NIA-12"\n', '', 1), "route[0].source", "missing"),
    (SALARY, lambda s: s.replace('confidence = "H"', 'confidence = "sure"', 1), "route[0].confidence",
     "expected one of"),
    (SALARY, lambda s: s.replace('effective_from = "2019-08-01"', 'effective_from = "2019-13-01"', 1),
     "route[0].effective_from", "expected a date"),
    (SALARY, lambda s: s.replace('kind = "presence_rolling"', 'kind = "presence"'), "route[0].criteria[1].kind",
     "expected one of"),
    (SALARY, lambda s: s.replace('years = 4, min_days = "elig_days_6_months", ', ''),
     "route[0].criteria[1].params.years", "missing"),
    (SALARY, lambda s: s.replace('"elig_days_6_months",', '"elig_days_six",'),
     "route[0].criteria[1].params.min_days", "unknown setting 'elig_days_six'"),
    (SALARY, lambda s: s.replace('multiple = 6 }', 'multiple = -6 }', 1), "route[0].criteria[2].params.multiple",
     "non-negative"),
    (SALARY, lambda s: s.replace('share = "0.20"', 'share = 0.2'), "route[0].criteria[3].params.share",
     "integer or a decimal string"),
    (SALARY, lambda s: s.replace('params = { years = 4 }', 'params = { years = 4, extra = 1 }'),
     "route[0].criteria[0].params.extra", "unknown parameter"),
    (SALARY, lambda s: s.replace('label_zh = "在中国连续工作满4年"\n', ''), "route[0].criteria[0].label_zh", "missing"),
    ("40_pr_family.toml", lambda s: s.replace('"pr-talent-recommended", ', '"pr-nothing", '),
     "route[0].criteria[0].params.routes[4]", "not another route in force"),
    ("40_pr_family.toml", lambda s: s.replace('when_relation = ["child"]', 'when_relation = ["cousin"]', 1),
     "route[0].criteria[2].when_relation[0]", "expected one of"),
    ("10_pr_investor.toml", lambda s: s.replace('amount_from = "capital"', 'amount_from = "money"'),
     "route[0].criteria[1].params.amount_from", "no investment_amount criterion"),
    ("10_pr_investor.toml", lambda s: s.replace('anywhere = 2000000', 'everywhere = 2000000'),
     "route[0].criteria[0].params.minimums.everywhere", "expected one of"),
    ("70_pr_talent.toml", lambda s: s.replace('id = "pr-talent-recommended"', 'id = "pr-salary-tax"'),
     "route[0].id", "already defined"),
    ("90_deadlines.toml", lambda s: s.replace('days_rule = "rp_extension.lead_days" }',
                                              'days = 30, days_setting = "elig_days_3_months" }'),
     "route[0].criteria[0].params.days", "exactly one of days, days_rule or days_setting"),
    ("90_deadlines.toml", lambda s: s.replace('"rp_extension.lead_days"', '"rp_extension.lead_weeks"'),
     "route[0].criteria[0].params.days_rule", "no positive whole number 'rp_extension.lead_weeks' in deadlines.toml"),
])
def test_bad_route_files_name_file_and_key(tmp_path: Path, name: str, edit, key: str, problem: str):
    path = copy_routes(tmp_path, name, edit)
    with pytest.raises(RulesError) as err:
        load_routes(path.parent, DEFS)
    assert (err.value.path, err.value.key) == (str(path), key)
    assert problem in err.value.problem
    assert str(path) in str(err.value) and key in str(err.value)


def test_unparseable_route_file_names_the_file(tmp_path: Path):
    path = copy_routes(tmp_path, SALARY, lambda s: s + "\n[[route\n")
    with pytest.raises(RulesError, match="50_pr_salary_tax.toml: not valid TOML"):
        load_routes(path.parent, DEFS)


def test_points_file_errors(tmp_path: Path):
    text = (RULES_DIR / "work_permit_points.toml").read_text(encoding="utf-8")
    path = tmp_path / "points.toml"
    for edit, key, problem in [
        (text.replace("A = 85", "A = 50"), "thresholds", "A > B"),
        (text.replace('kind = "bands"', 'kind = "steps"', 1), "factor[0].kind", "expected one of"),
        (text.replace('{ min = 45, points = 20 }', '{ min = 45 }'), "factor[0].bands[0].points", "missing"),
        (text.replace('input = "age"', 'input = "years"'), "factor[6].input", "expected one of"),
        (text.replace('from = 2\n', ''), "factor[2].from", "missing"),
    ]:
        path.write_text(edit, encoding="utf-8")
        with pytest.raises(RulesError) as err:
            load_points(path)
        assert (err.value.path, err.value.key) == (str(path), key) and problem in err.value.problem


def test_apostille_file_errors(tmp_path: Path):
    text = (RULES_DIR / "apostille.toml").read_text(encoding="utf-8")
    path = tmp_path / "apostille.toml"
    for edit, key, problem in [
        (text.replace('effective_for_china = "2023-11-07"', 'effective_for_china = "7 Nov"'),
         "convention.effective_for_china", "expected a date"),
        (text.replace('code = "USA"', 'code = "usa"'), "state[49].code", "3-letter"),
        (text.replace('code = "FRA"', 'code = "DEU"'), "state[14].code", "listed twice"),
        (text.replace('applies_with_china = false', 'applies_with_china = "no"'), "state[54].applies_with_china",
         "expected bool"),
    ]:
        path.write_text(edit, encoding="utf-8")
        with pytest.raises(RulesError) as err:
            load_apostille(path)
        assert (err.value.path, err.value.key) == (str(path), key) and problem in err.value.problem


def test_rp_extension_lead_has_one_source(tmp_path: Path):
    """rules/deadlines.toml [rp_extension] lead_days is the figure of the deadlines list and of the rp-renewal route:
    edit it there and both follow."""
    shipped = load_deadline_rules()
    criterion = load_routes(ROUTES, DEFS).get("rp-renewal").criteria[0]
    assert criterion.params["days_rule"] == "rp_extension.lead_days"
    assert criterion.params["days"] == shipped.rp_lead_days == 30
    edited = tmp_path / "deadlines.toml"
    text = (RULES_DIR / "deadlines.toml").read_text(encoding="utf-8")
    edited.write_text(text.replace("lead_days = 30", "lead_days = 45", 1), encoding="utf-8")
    assert load_deadline_rules(edited).rp_lead_days == 45
    assert load_routes(ROUTES, DEFS, edited).get("rp-renewal").criteria[0].params["days"] == 45
    assert not any("days = 30" in line for line in (ROUTES / "90_deadlines.toml").read_text().splitlines()
                   if line.startswith("params"))
