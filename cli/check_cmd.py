"""`check`: explained eligibility verdicts per route (DOMAIN §1–§4), for a stored applicant or a facts file.

`check --list-routes` lists the routes with bilingual names and sources; `check --applicant ID` evaluates them on
the applicant's stored records with the user's settings; `check --facts FILE.json` on an ApplicantFacts file with
the settings' stated defaults. Either way `--setting KEY=VALUE` overrides a setting for the run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cli.common import iso_date, opened, print_json, print_table, record_id
from core.eligibility.book import RuleBook, load_rule_book
from core.eligibility.engine import evaluate
from core.eligibility.facts import ApplicantFacts
from core.eligibility.inputs.facts_json import read_facts
from core.eligibility.labels import value_text, verdict_text, zh
from core.eligibility.results import EligibilityReport, Verdict
from core.errors import InputError, Problem
from core.i18n import _
from core.records.identity import ApplicantId
from core.ruledata.loader import RulesError, Settings, load_setting_defs
from core.services.facade import JuliuService

MARKS = {Verdict.MET: "✔", Verdict.NOT_MET: "✘", Verdict.BORDERLINE: "≈", Verdict.UNKNOWN: "?"}


def register(sub: Any) -> None:
    p = sub.add_parser("check", help=_("permanent-residence routes, keeping PR and filing deadlines, explained"))
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--list-routes", action="store_true", help=_("list the routes with their sources"))
    what.add_argument("--applicant", type=record_id, metavar="ID",
                      help=_("a stored applicant (see `case list`), checked on their records"))
    what.add_argument("--facts", type=Path, metavar="FILE.json",
                      help=_("applicant facts as JSON (docs/eligibility.md)"))
    p.add_argument("--route", action="append", metavar="ROUTE", help=_("only this route (repeatable)"))
    p.add_argument("--as-of", type=iso_date, default=None, help=_("filing date to check (default: today)"))
    add_setting_option(p)
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=handle)


def add_setting_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE",
                   help=_("use another value for a setting, e.g. elig_tax_share_reading=salary"))


def load(args: argparse.Namespace) -> tuple[RuleBook, Settings]:
    """The rules data and the settings' defaults with --setting overrides; bad overrides are input errors."""
    defs = load_setting_defs()
    return load_rule_book(setting_defs=defs), with_overrides(Settings(defs), args.setting)


def with_overrides(settings: Settings, overrides: list[str]) -> Settings:
    """`settings` with each KEY=VALUE applied (VALUE read as JSON, else as text)."""
    problems = []
    for text in overrides:
        key, _sep, raw = text.partition("=")
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError):  # not JSON (or too deep, or too many digits): the text itself
            value = raw
        try:
            settings = settings.with_value(key.strip(), value)
        except ValueError as exc:
            problems.append(Problem("--setting", None, key.strip(), str(exc).split(": ", 1)[-1]))
    if problems:
        raise InputError(problems)
    return settings


def facts_from_args(args: argparse.Namespace) -> ApplicantFacts:
    """The facts of a --facts JSON file."""
    path: Path = args.facts
    return read_facts(path)


def applicant_id(service: JuliuService, args: argparse.Namespace) -> ApplicantId:
    """The --applicant id, after checking it is stored (exit 2 naming it otherwise)."""
    service.require_applicant(ApplicantId(int(args.applicant)), "--applicant")
    return ApplicantId(int(args.applicant))


def handle(args: argparse.Namespace, today: dt.date) -> int:
    as_of: dt.date = args.as_of or today
    try:
        if args.applicant is not None:
            return check_applicant(args, as_of)
        book, settings = load(args)
    except RulesError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 2
    if args.list_routes:
        return list_routes(book, args.json)
    facts = facts_from_args(args)
    try:
        routes = evaluate(facts, as_of, book, settings, args.route)
    except ValueError as exc:
        raise InputError([Problem("--route", None, "", str(exc))]) from None
    show(EligibilityReport(as_of, facts.id, tuple(routes)), args.json)
    return 0


def check_applicant(args: argparse.Namespace, as_of: dt.date) -> int:
    """The stored applicant's records, with the user's settings and any --setting overrides."""
    with opened(args) as service:
        settings = with_overrides(service.settings(), args.setting)
        built = service.eligibility.facts(applicant_id(service, args), as_of, settings=settings)
        try:
            report = service.eligibility.assess_facts(built.facts, as_of, args.route, settings)
        except ValueError as exc:
            raise InputError([Problem("--route", None, "", str(exc))]) from None
    title = _("{name} (applicant {id})").format(name=built.facts.name, id=args.applicant)
    show(report, args.json, title, built.notes)
    return 0


def show(report: EligibilityReport, as_json: bool, title: str | None = None, notes: Sequence[str] = ()) -> None:
    if as_json:
        print_json(report.to_json())
    else:
        print_report(report, title, notes)


def list_routes(book: RuleBook, as_json: bool) -> int:
    rows = [{"route": r.id, "name_en": r.name_en, "name_zh": r.name_zh, "kind": r.kind, "status": r.status,
             "source": r.provenance.source, "confidence": r.provenance.confidence,
             "effective_from": r.provenance.effective_from, "effective_to": r.effective_to or None,
             "criteria": [{"id": c.id, "label_en": c.label_en, "label_zh": c.label_zh, "kind": c.kind,
                           "source": c.provenance.source, "confidence": c.provenance.confidence}
                          for c in r.criteria]} for r in book.routes.routes]
    if as_json:
        print_json({"routes": rows})
        return 0
    print_table([_("Route"), _("Name"), _("Source"), _("Status")],
                [(r["route"], f"{r['name_zh']} / {r['name_en']}", f"{r['source']} ({r['confidence']}, "
                  f"{r['effective_from']})", _("proposed — never used for a verdict") if r["status"] == "proposed"
                  else _("in force")) for r in rows])
    return 0


def print_report(report: EligibilityReport, title: str | None = None, notes: Sequence[str] = ()) -> None:
    """Each route with its verdict and earliest date, then its criteria; `notes` say how facts were read."""
    who = title or (str(report.applicant) if report.applicant is not None else "")
    print(_("Eligibility on {date}").format(date=report.as_of.isoformat()) + (f" — {who}" if who else ""))
    for note in notes:
        print(f"  · {note}")
    for r in report.routes:
        earliest = ""
        if r.earliest_date:
            earliest = "  " + _("earliest (estimate): {d} ({v})").format(
                d=r.earliest_date.isoformat(), v=verdict_text(r.earliest_verdict or r.verdict))
        name = r.name_zh if zh() else f"{r.name_zh} / {r.name_en}"  # English keeps both: the officer's name too
        print(f"\n{MARKS[r.verdict]} {r.route}  [{verdict_text(r.verdict)}]{earliest}\n  {name}")
        if r.note:
            print(f"  {r.note}")
        if r.decision_due is not None:
            print("  " + _("Decision expected by {d} ({how})").format(d=r.decision_due.isoformat(), how=r.processing))
        for c in r.criteria:
            line = _("{id}: {value}  (threshold: {threshold}; {source})").format(
                id=c.id, value=value_text(c.value), threshold=value_text(c.threshold), source=c.source)
            print(f"  {MARKS[c.verdict]} {line}")
            for extra in (c.convention, c.note):
                if extra:
                    print(f"      {extra}")
