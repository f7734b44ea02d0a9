"""`crossings import|export`: an applicant's border crossings from and to files, all rows or none."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from cli.common import open_service, opened, print_json, record_id
from core.errors import InputError, Problem
from core.exchange.crossings_import import ImportPlan, ImportRejected
from core.exchange.crossings_table import FIELDS
from core.i18n import _
from core.records.identity import ApplicantId
from core.services.facade import JuliuService

EXIT_BAD_INPUT = 2


def column_choice(text: str) -> tuple[str, str]:
    name, sep, column = text.partition("=")
    if not sep or name.strip() not in FIELDS or not column.strip():
        raise argparse.ArgumentTypeError(f"expected FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}, got {text!r}")
    return name.strip(), column.strip()


def register(sub: Any) -> None:
    p = sub.add_parser("crossings", help=_("import or export an applicant's border crossings"))
    actions = p.add_subparsers(dest="crossings_command", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help=_("add crossings from a CSV or XLSX file (all rows or none)"))
    imp.add_argument("--applicant", type=record_id, required=True, help=_("applicant id (see `case list`)"))
    imp.add_argument("file", type=Path, help=_("CSV or XLSX with a header row"))
    imp.add_argument("--map", dest="columns", action="append", type=column_choice, default=[], metavar="FIELD=COLUMN",
                     help=_("which column holds a field, by header text, number or letter (e.g. date=出入境日期)"))
    imp.add_argument("--planned", action="store_true", help=_("every row is a planned trip"))
    imp.add_argument("--json", action="store_true", help=_("machine-readable output"))
    imp.set_defaults(handler=handle_import)
    exp = actions.add_parser("export", help=_("write all crossings to a CSV file (the import format)"))
    exp.add_argument("--applicant", type=record_id, required=True, help=_("applicant id (see `case list`)"))
    exp.add_argument("file", type=Path, help=_("CSV file to write"))
    exp.add_argument("--json", action="store_true", help=_("machine-readable output"))
    exp.set_defaults(handler=handle_export)


def _applicant(service: JuliuService, applicant_id: int) -> ApplicantId:
    return ApplicantId(service.require_applicant(ApplicantId(applicant_id), "--applicant").id or applicant_id)


def counts(plan: ImportPlan) -> dict[str, int]:
    return {"read": plan.read, "accepted": plan.accepted, "skipped": plan.skipped, "rejected": plan.rejected}


def summary(plan: ImportPlan) -> str:
    """The one line an import always ends with: how many rows were read, accepted, skipped and rejected."""
    if not plan.ok:
        return _("Nothing imported: {rejected} of {read} rows rejected ({skipped} already stored). "
                 "Fix the problems above and import again.").format(**counts(plan))
    if plan.accepted == 0:
        return _("Nothing new: all {read} rows are already stored (skipped {skipped}).").format(**counts(plan))
    return _("Read {read} rows: {accepted} imported, {skipped} skipped (already stored), {rejected} rejected.").format(
        **counts(plan))


def handle_import(args: argparse.Namespace, today: dt.date) -> int:
    service = open_service(args)
    try:
        applicant_id = _applicant(service, args.applicant)
        service.auto_backup("before-import", dt.datetime.now())
        plan = service.travel.import_file(applicant_id, args.file, today, dict(args.columns), args.planned)
    except ImportRejected as exc:
        print(str(exc), file=sys.stderr)
        print(summary(exc.plan), file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        service.close()
    if args.json:
        print_json({"file": str(args.file), "applicant": applicant_id, **counts(plan)})
    else:
        print(summary(plan))
    return 0


def handle_export(args: argparse.Namespace, today: dt.date) -> int:
    with opened(args) as service:
        applicant_id = _applicant(service, args.applicant)
        service.require_sound()
        try:
            written = service.travel.export_csv(applicant_id, args.file)
        except OSError as exc:
            raise InputError([Problem(str(args.file), None, "", _("cannot write: {reason}").format(
                reason=exc.strerror or exc))]) from exc
    if args.json:
        print_json({"file": str(args.file), "applicant": applicant_id, "written": written})
    else:
        print(_("Wrote {n} crossings to {file}").format(n=written, file=args.file))
    return 0
