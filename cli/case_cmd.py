"""`case list|import|export`: the applicants in the database, and case files in and out (docs/case-file.md)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from cli import passphrase
from cli.common import opened, print_json, print_table, record_id
from core.i18n import _
from core.records.identity import ApplicantId
from core.services.lookup import stored


def register(sub: Any) -> None:
    p = sub.add_parser("case", help=_("applicants and their case files"))
    case_sub = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    lst = case_sub.add_parser("list", help=_("list the applicants"))
    lst.add_argument("--json", action="store_true", help=_("machine-readable output"))
    lst.set_defaults(handler=handle_list)
    imp = case_sub.add_parser("import", help=_("import case files (JSON) as new applicants, each all or nothing"))
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE", help=_("case files (schema juliu.case/1)"))
    imp.add_argument("--keep-duplicates", action="store_true",
                     help=_("import a file even when someone in it is a stored client already"))
    imp.add_argument("--json", action="store_true", help=_("machine-readable output"))
    imp.set_defaults(handler=handle_import)
    exp = case_sub.add_parser("export", help=_("write an applicant's family to a case file (JSON)"))
    exp.add_argument("id", type=record_id, help=_("applicant id (a dependant exports their principal's family)"))
    exp.add_argument("file", type=Path, help=_("case file to write"))
    exp.add_argument("--encrypt", action="store_true",
                     help=_("encrypt the case file with a passphrase (AES-256-GCM; recommended for e-mail)"))
    exp.set_defaults(handler=handle_export)


STATUS_TEXT = {"imported": lambda: _("imported"), "duplicate": lambda: _("duplicate"),  # CaseImportStatus's values
               "refused": lambda: _("refused")}


def handle_list(args: argparse.Namespace, today: dt.date) -> int:
    with opened(args) as service:
        applicants = service.list_applicants()
    if args.json:
        print_json({"applicants": [
            {"id": a.id, "family_name": a.family_name, "given_names": a.given_names,
             "chinese_name": a.chinese_name, "sex": a.sex.value if a.sex else None,
             "birth_date": a.birth_date.isoformat() if a.birth_date else None,
             "nationality": a.nationality, "city": a.city} for a in applicants]})
        return 0
    print_table([_("ID"), _("Name"), _("Chinese name"), _("Nationality"), _("City")],
                [(a.id, a.latin_name, a.chinese_name, a.nationality, a.city) for a in applicants])
    return 0


def handle_import(args: argparse.Namespace, today: dt.date) -> int:
    """One file: its new applicant id (or the error, exit 2), as always. Several: a line per file and a summary;
    exit 2 when any file was refused. A duplicate of a stored client is held back, not refused."""
    from core.exchange.case_batch import CaseImportStatus  # the case-file reader loads only for an import

    with opened(args) as service:
        if service.list_applicants():
            service.auto_backup("before-import", dt.datetime.now())
        summary = service.records.import_cases(
            args.files, today, lambda path: passphrase.obtain(
                args, _("Passphrase of the case file {path}: ").format(path=path)), args.keep_duplicates)
    refused = summary.of(CaseImportStatus.REFUSED)
    if args.json:
        imported = summary.of(CaseImportStatus.IMPORTED)
        first = imported[0].applicant_ids if imported else ()
        print_json({"applicant": first[0] if first else None, "dependants": list(first[1:]),
                    "files": [{"file": str(o.path), "status": o.status.value, "applicants": list(o.applicant_ids),
                               "reason": o.reason, "duplicate_of": list(o.duplicate_of)} for o in summary.outcomes]})
    elif len(summary.outcomes) == 1 and not refused:
        outcome = summary.outcomes[0]
        print(outcome.applicant_ids[0] if outcome.applicant_ids else _("duplicate: {reason}").format(
            reason=outcome.reason))
    elif len(summary.outcomes) > 1:
        for o in summary.outcomes:
            said = ", ".join(map(str, o.applicant_ids)) if o.applicant_ids else o.reason.replace("\n", " | ")
            print(f"{STATUS_TEXT[o.status]()}\t{o.path}\t{said}")
        print(summary.line())
    for o in refused:
        print(o.reason, file=sys.stderr)
    return 2 if refused else 0


def handle_export(args: argparse.Namespace, today: dt.date) -> int:
    key = (passphrase.given(args) or passphrase.new_passphrase(args)) if args.encrypt else None
    with opened(args) as service:
        service.require_sound()
        with stored("ID"):
            principal = service.records.export_case(ApplicantId(args.id), args.file, key)
    print(_("Wrote the case of applicant {id} to {path}").format(id=principal, path=args.file))
    return 0
