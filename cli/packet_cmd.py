"""`packet`: list the packet kinds, build a packet PDF from a content JSON, or fill an official fillable PDF."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from cli.common import bounded_int, iso_date, print_json, print_table, record_id
from cli.packet_records import build_from_records, findings_json
from core.errors import InputError, Problem
from core.exchange.json_reader import load_json_file
from core.i18n import _
from core.packets.content import PacketContent
from core.packets.content_json import load_content
from core.packets.field_mapping import load_field_mapping
from core.packets.kinds.layers import TemplateSet, load_templates
from core.render.errors import FontNotFoundError
from core.ruledata.loader import RulesError


def register(sub: Any) -> None:
    p = sub.add_parser("packet", help=_("bilingual filing packets: list kinds, build a packet PDF, fill a form"))
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--list-kinds", action="store_true", help=_("list the packet kinds and their city layers"))
    mode.add_argument("--content", type=Path, metavar="FILE.json",
                      help=_("build the packet from a content JSON (docs/packets.md)"))
    mode.add_argument("--fill-form", type=Path, metavar="OFFICIAL.pdf",
                      help=_("fill a fillable official PDF using --mapping and --values"))
    mode.add_argument("--applicant", type=record_id, metavar="ID",
                      help=_("build the packet of this applicant from the stored records (with --kind)"))
    p.add_argument("--kind", metavar="KIND", help=_("packet kind (see --list-kinds), with --applicant"))
    p.add_argument("--city", metavar="CITY", help=_("city layer (beijing, shanghai, guangzhou, shenzhen; "
                                                    "'national' for none); default: the applicant's city"))
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD", help=_("intended filing date (default: today)"))
    p.add_argument("--months", type=bounded_int(1, 120), metavar="N",
                   help=_("requested permit term in months (default: the current permit's term)"))
    p.add_argument("--strict", action="store_true", help=_("refuse to build while the pre-flight check finds blockers"))
    p.add_argument("--out", type=Path, metavar="FILE.pdf", help=_("where to write the PDF"))
    p.add_argument("--checklist-only", action="store_true", help=_("only the cover and the checklist"))
    p.add_argument("--audience", choices=["officer", "client", "memo", "all"], default="memo",
                   help=_("officer: the filing set (no verdicts or internal notes); client: the to-do list; memo: "
                          "everything, for the firm (default); all: the three, as FILE-officer.pdf, FILE-client.pdf "
                          "and FILE-memo.pdf (with --applicant)"))
    p.add_argument("--family", action="store_true",
                   help=_("with --applicant (the principal) and --kind: also build the packet of each family member "
                          "filing with the principal, beside FILE, and write FILE as the family's cover"))
    p.add_argument("--personal-metadata", action="store_true",
                   help=_("put the applicant's name and the packet kind in the PDF's title and subject"))
    p.add_argument("--mapping", type=Path, metavar="MAP.toml", help=_("PDF field name -> value path (--fill-form)"))
    p.add_argument("--values", type=Path, metavar="VALUES.json", help=_("the values the mapping reads (--fill-form)"))
    p.add_argument("--flatten", action="store_true",
                   help=_("paint the filled values into the page (Qt's PDF viewer shows only flattened values)"))
    p.add_argument("--font", type=Path, metavar="FONT", help=_("CJK font file to embed (default: found on the system)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, today: dt.date) -> int:
    try:
        if args.list_kinds:
            return _list_kinds(load_templates(), args.json)
        if args.out is None:
            raise InputError([Problem("", None, "--out", _("is required to build a PDF"))])
        if args.fill_form is not None:
            return _fill(args)
        if args.applicant is not None:
            return build_from_records(args, today)
        content = load_content(args.content, today)
        return _build(dataclasses.replace(content, personal_metadata=args.personal_metadata), args)
    except RulesError as exc:
        raise InputError([Problem(exc.path, None, exc.key, exc.problem)]) from None
    except FontNotFoundError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 2


def _list_kinds(templates: TemplateSet, as_json: bool) -> int:
    kinds = [templates.national[k] for k in sorted(templates.national, key=lambda k: (
        ("rp", "wp", "pr").index(templates.national[k].group), k))]
    rows: list[dict[str, Any]] = [{"id": k.id, "zh": k.name.zh, "en": k.name.en, "group": k.group, "route": k.route,
             "forms": list(k.forms), "cities": templates.cities_for(k.id), "items": len(k.items),
             "source": k.provenance.source, "confidence": k.provenance.confidence} for k in kinds]
    if as_json:
        print_json({"kinds": rows, "cities": {c: layer.name.en for c, layer in sorted(templates.cities.items())}})
        return 0
    print_table([_("Kind"), _("Name"), _("City layers"), _("Source")],
                [(r["id"], f"{r['zh']} {r['en']}", ", ".join(r["cities"]) or "—",
                  f"{r['source']} ({r['confidence']})") for r in rows])
    return 0


def _build(content: PacketContent, args: argparse.Namespace) -> int:
    from core.render.packet_pdf import render_packet  # the PDF libraries load only for a PDF

    result = render_packet(content, args.out, font_path=args.font, checklist_only=args.checklist_only)
    findings = findings_json(content.findings)
    if args.json:
        print_json({"output": str(result.path), "pages": result.pages, "bookmarks": list(result.bookmarks),
                    "warnings": list(result.warnings), "findings": findings})
        return 0
    print(_("Wrote {path}: {pages} pages").format(path=result.path, pages=result.pages))
    for warning in result.warnings:
        print(_("warning: {text}").format(text=warning))
    return 0


def _fill(args: argparse.Namespace) -> int:
    if args.mapping is None or args.values is None:
        raise InputError([Problem("", None, "--mapping/--values", _("both are required with --fill-form"))])
    try:
        values = load_json_file(args.values)
        pdf = args.fill_form.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(exc.filename or ""), None, "", exc.strerror or str(exc))]) from None
    from core.render.forms.acroform import fill_acroform
    from core.render.forms.acroform_fields import MIN_FONT_SIZE
    from core.render.summary_pdf import write_atomically

    result = fill_acroform(pdf, load_field_mapping(args.mapping), values, flatten=args.flatten,
                           font_path=args.font)
    write_atomically(args.out, result.data)
    if args.json:
        print_json({"output": str(args.out), "filled": list(result.filled), "unmapped": list(result.unmapped),
                    "flattened": result.flattened, "overflowing": list(result.overflowing),
                    "xfa_removed": result.xfa_removed})
    else:
        print(_("Wrote {path}: {n} fields filled").format(path=args.out, n=len(result.filled)))
    if result.xfa_removed:
        print(_("warning: the form also held an XFA form; it was removed so that the filled fields show"),
              file=sys.stderr)
    for name in result.overflowing:
        print(_("warning: field {name}: the text does not fit even at {size} pt and is cut; shorten it or fill "
                "it by hand").format(name=name, size=f"{MIN_FONT_SIZE:g}"), file=sys.stderr)
    return 0
