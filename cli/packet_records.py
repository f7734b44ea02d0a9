"""`packet --applicant ID --kind KIND`: a packet from the stored records, with the pre-flight check on the way."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cli.common import opened, print_json
from core.errors import InputError, Problem
from core.i18n import _, current_locale
from core.packets.audiences import Audience
from core.packets.content import SEVERITY_TEXT, Finding, Severity, Text
from core.packets.records.from_records import city_id
from core.records.identity import ApplicantId
from core.services.facade import JuliuService
from core.services.packets import KindRefused

if TYPE_CHECKING:
    from core.services.packets import PreparedPacket

NATIONAL = ("national", "none", "")


def shown(text: Text) -> str:
    """The words of a bilingual text in the interface language (a packet prints both; a command line one)."""
    return text.shown


def findings_json(findings: Iterable[Finding]) -> list[dict[str, str]]:
    return [{"severity": f.severity.value, "zh": f.message.zh, "en": f.message.en, "item": f.item_key,
             "source": f.source} for f in findings]


def _city(service: JuliuService, text: str | None) -> str | None:
    """None for the applicant's own city; a layer id from its id or its name ("北京", "Beijing")."""
    if text is None:
        return None
    if text.strip().casefold() in NATIONAL:
        return ""
    found = city_id(text, service.packets.templates())
    if not found:
        known = ", ".join(service.packets.cities())
        raise InputError([Problem("", None, "--city", _("no city layer {name}; known: {known}, national").format(
            name=repr(text), known=known))])
    return found


def _in_language(refused: KindRefused) -> InputError:
    """A kind that does not apply, said in the interface language (the exception says it in both)."""
    if not current_locale().startswith("zh"):
        return refused
    return InputError([Problem("", None, "--kind", _("{kind} does not apply: {reason}").format(
        kind=refused.kind, reason=shown(r.reason)) + (f"（{r.source}）" if r.source else ""))
        for r in refused.refusals])


def _require_kind(args: argparse.Namespace) -> None:
    if not args.kind:
        raise InputError([Problem("", None, "--kind", _("is required with --applicant (see --list-kinds)"))])


def _filing(service: JuliuService, args: argparse.Namespace, today: dt.date) -> dict[str, Any]:
    """The filing the command line describes, as packets.prepare and packets.family take it."""
    return {"today": today, "city": _city(service, args.city), "filing_date": args.as_of,
            "permit_months": args.months}


def _prepare(service: JuliuService, args: argparse.Namespace, today: dt.date) -> PreparedPacket:
    _require_kind(args)
    try:
        prepared = service.packets.prepare(ApplicantId(args.applicant), args.kind, **_filing(service, args, today))
    except KindRefused as refused:
        raise _in_language(refused) from None
    if getattr(args, "personal_metadata", False):
        content = dataclasses.replace(prepared.content, personal_metadata=True)
        prepared = dataclasses.replace(prepared, content=content)
    return prepared


def _report(prepared: PreparedPacket, extra: dict[str, Any]) -> dict[str, Any]:
    content = prepared.content
    return {**extra, "applicant": prepared.applicant_id, "kind": content.kind_id,
            "city": prepared.plan.facts.city, "filing_date": content.filing_date.isoformat(),
            "findings": findings_json(content.findings)}


def build_family(args: argparse.Namespace, today: dt.date) -> int:
    """`--family`: the principal's packet and each member's beside FILE (FILE-ID-KIND.pdf), FILE the cover listing
    them in filing order; a member the family's kind does not apply to is listed with the reason, no packet."""
    _require_kind(args)
    if args.audience == "all":
        raise InputError([Problem("", None, "--audience", _("choose one audience with --family"))])
    out, audience = Path(args.out), Audience(args.audience)
    with opened(args) as service:
        try:
            members = service.packets.family(ApplicantId(args.applicant), args.kind, **_filing(service, args, today))
        except KindRefused as refused:
            raise _in_language(refused) from None
        blocked = [m.prepared for m in members if m.prepared is not None and m.prepared.blockers]
        if args.strict and blocked:
            return _refuse(blocked[0], args.json)
        cover, rendered = service.packets.render_family(members, checklist_only=args.checklist_only,
                                                        font_path=args.font, audiences=(audience,))
        written = dataclasses.replace(cover, path=service.packets.save(cover, out))
        built = [(m, dataclasses.replace(results[audience], path=service.packets.save(results[audience], out.with_name(
            f"{out.stem}-{m.applicant_id}-{m.kind}{out.suffix or '.pdf'}")))) for m, results in rendered]
    if args.json:
        print_json({"cover": str(written.path), "packets": [
            {"applicant": m.applicant_id, "relation": m.relation, "kind": m.kind, "output": str(r.path),
             "pages": r.pages, "findings": findings_json(m.prepared.content.findings if m.prepared else ())}
            for m, r in built], "not_filing": [
            {"applicant": m.applicant_id, "relation": m.relation, "kind": m.kind,
             "reasons": [f"{r.reason.en} / {r.reason.zh}" for r in m.refusals]} for m in members if m.refusals]})
        return 0
    print(_("Wrote {path}: {pages} pages").format(path=written.path, pages=written.pages))
    for _m, r in built:
        print(_("Wrote {path}: {pages} pages").format(path=r.path, pages=r.pages))
    for m in members:
        if m.refusals:
            print(_("{name}: not filing with the principal: {reason}").format(
                name=m.name, reason=shown(m.refusals[0].reason)))
    return 0


def build_from_records(args: argparse.Namespace, today: dt.date) -> int:
    """Prepare, check, render; exit 2 naming what is wrong (unknown applicant or kind, blockers with --strict)."""
    if getattr(args, "family", False):
        return build_family(args, today)
    with opened(args) as service:
        prepared = _prepare(service, args, today)
        if args.strict and prepared.blockers:
            return _refuse(prepared, args.json)
        outputs = _outputs(Path(args.out), args.audience)
        results = [service.packets.build(prepared, path, checklist_only=args.checklist_only, font_path=args.font,
                                         audience=audience) for audience, path in outputs]
        result = results[0]
    if args.json:
        print_json(_report(prepared, {"output": str(result.path), "pages": result.pages,
                                      "bookmarks": list(result.bookmarks), "warnings": list(result.warnings),
                                      "outputs": {a.value: str(r.path) for (a, _p), r in zip(outputs, results,
                                                                                             strict=True)}}))
        return 0
    for r in results:
        print(_("Wrote {path}: {pages} pages").format(path=r.path, pages=r.pages))
    for finding in prepared.content.findings:
        if finding.severity is not Severity.INFO:
            print(_("{severity}: {message}").format(severity=shown(SEVERITY_TEXT[finding.severity]),
                                                    message=shown(finding.message)))
    for warning in result.warnings:
        print(_("warning: {text}").format(text=warning))
    return 0


def _outputs(out: Path, audience: str) -> list[tuple[Audience, Path]]:
    """One file for one audience; for "all", the officer's set, the client's list and the memo beside `out`."""
    if audience != "all":
        return [(Audience(audience), out)]
    return [(a, out.with_name(f"{out.stem}-{a.value}{out.suffix or '.pdf'}")) for a in Audience]


def _refuse(prepared: PreparedPacket, as_json: bool) -> int:
    blockers = prepared.blockers
    print(_("refusing to build (--strict): {n} pre-flight blocker(s)").format(n=len(blockers)), file=sys.stderr)
    for f in blockers:
        print(f"  - {shown(f.message)}", file=sys.stderr)
    if as_json:
        print_json(_report(prepared, {"output": None, "refused": True}))
    return 2
