"""The case file (docs/case-file.md): one family's records as versioned JSON, written and read back identically.

Records link by keys local to the file ("person-1", "passport-2", "doc-3"); reading gives a CaseRecords whose ids
are local numbers that core.storage.repositories.case_store replaces by database ids. Bad files raise InputError
naming the JSON path of every problem ($.documents[2].expiry_date) before anything is written.
"""
from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from core.errors import InputError, Problem
from core.exchange.casefile_fields import (
    PEOPLE_FIELDS,
    QUALIFICATION_SECTIONS,
    SECTION_FIELDS,
    read_person,
    read_record,
    write_person,
    write_record,
)
from core.exchange.crossings_import import crossing_problems
from core.exchange.json_reader import JsonReader, load_json_bytes, load_json_file
from core.exchange.sealed import SealedError, is_sealed, seal, unseal
from core.field_labels import problem_field
from core.files import write_private
from core.i18n import _
from core.records.documents import sniff_media_type
from core.records.identity import ApplicantId, PassportId
from core.records.limits import MAX_ATTACHMENT_BYTES
from core.records.model import Attachment, CaseRecords, DocumentId, PersonRecords

SCHEMA = "juliu.case/1"
MAX_CASE_FILE_BYTES = 256 * 1024 * 1024  # a family with a few dozen scans is far smaller; JSON of this size needs ~1 GB
MAX_ATTACHMENT_TEXT = (MAX_ATTACHMENT_BYTES + 2) // 3 * 4  # base64 of the largest scan the window accepts
TOP_FIELDS = ("schema", "principal", "dependants", *SECTION_FIELDS, "attachments")


def case_to_json(case: CaseRecords) -> dict[str, Any]:
    """The JSON value of a case; keys follow record order, so the same records give the same file."""
    keys: dict[tuple[str, int], str] = {}
    for n, person in enumerate(case.people, 1):
        keys[("person", int(person.applicant.id or 0))] = f"person-{n}"
    for n, passport in enumerate((x for p in case.people for x in p.passports), 1):
        keys[("passport", int(passport.id or 0))] = f"passport-{n}"
    for n, doc in enumerate((x for p in case.people for x in p.documents), 1):
        keys[("document", int(doc.id or 0))] = f"doc-{n}"
    out: dict[str, Any] = {"schema": SCHEMA,
                           "principal": write_person(case.principal, keys),
                           "dependants": [write_person(d, keys) for d in case.dependants]}
    for section in SECTION_FIELDS:
        rows = [write_record(section, record, person, keys)
                for person in case.people for record in _records(person, section)]
        if rows or section not in QUALIFICATION_SECTIONS:  # files without them stay as they were
            out[section] = rows
    out["attachments"] = [{
        "owner": keys[("document", int(a.document_id))] if a.document_id is not None
        else keys[("passport", int(a.passport_id or 0))],
        "name": a.name, "media_type": a.media_type.value, "size": a.size, "sha256": a.sha256,
        "data": base64.b64encode(case.blobs[a.sha256]).decode("ascii")} for p in case.people for a in p.attachments]
    return out


def write_case_file(case: CaseRecords, path: Path, passphrase: str | None = None) -> None:
    """Atomic and private: the case holds passport numbers and scans; sealed (AES-256-GCM) with a passphrase."""
    text = json.dumps(case_to_json(case), ensure_ascii=False, indent=2) + "\n"
    data = text.encode("utf-8")
    if passphrase is not None:
        try:
            data = seal(data, passphrase)
        except SealedError as exc:
            raise InputError([Problem(str(path), None, "passphrase", str(exc))]) from None
    write_private(path, data)


def is_sealed_file(path: Path) -> bool:
    """An encrypted case file (it needs a passphrase to import)."""
    try:
        with path.open("rb") as fh:
            return is_sealed(fh.read(16))
    except OSError:
        return False


def read_case_file(path: Path, today: dt.date | None = None, passphrase: str | None = None) -> CaseRecords:
    """The case in `path`, or InputError naming the file (and JSON path) of every problem; never anything else.

    An encrypted case file is opened with `passphrase`; a wrong one or a changed file is refused whole."""
    source = str(path)
    if not is_sealed_file(path):
        return case_from_json(load_json_file(path, MAX_CASE_FILE_BYTES), source, today)
    if passphrase is None:
        raise InputError([Problem(source, None, "", _("an encrypted case file: give its passphrase"))])
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CASE_FILE_BYTES + 1)
        if len(data) > MAX_CASE_FILE_BYTES:
            raise InputError([Problem(source, None, "", _("larger than {mb} MB: too large to read").format(
                mb=MAX_CASE_FILE_BYTES // 2**20))])
        plain = unseal(data, passphrase)
    except OSError as exc:
        raise InputError([Problem(source, None, "", _("cannot read file: {reason}").format(
            reason=exc.strerror or exc))]) from exc
    except SealedError as exc:
        raise InputError([Problem(source, None, "", str(exc))]) from None
    return case_from_json(load_json_bytes(plain, source), source, today)


def case_from_json(value: Any, source: str = "", today: dt.date | None = None) -> CaseRecords:
    """Parse and check the whole file; InputError lists every problem with its JSON path.

    Crossings get the checks of a crossings import (core.exchange.crossings_import): duplicates, two in the same
    direction in a row, and, when `today` is given, a future date on a crossing that is not planned.
    """
    r = JsonReader(source)
    top = r.obj(value, "$", TOP_FIELDS)
    if top.get("schema") != SCHEMA:
        r.fail("$.schema", _("expected {expected}, got {value}").format(expected=repr(SCHEMA),
                                                                          value=repr(top.get("schema"))))
        raise InputError(r.problems)
    people: dict[str, PersonRecords] = {}
    order: list[str] = []
    refused: set[str] = set()
    raw_principal = top.get("principal")
    for path, raw in [("$.principal", raw_principal), *r.items(top, "dependants", "$")]:
        person = read_person(r, raw, path, len(order) + 1, principal=path == "$.principal")
        key = str(raw.get("key", "")) if isinstance(raw, dict) else ""
        if key in people:
            r.fail(f"{path}.key", _("duplicate key {key}").format(key=repr(key)))
        elif person is not None:
            people[key] = person
            order.append(key)
        else:
            refused.add(key)
    # a person refused above has had their problems named: their records are read without "no person with key"
    # (the file is refused whole anyway, so the stand-in id 0 is never stored)
    known = {**{k: 0 for k in refused}, **{k: int(p.applicant.id or 0) for k, p in people.items()}}
    links: dict[str, dict[str, int]] = {"person": known,
                                        "passport": _keys(r, top, "passports"), "document": _keys(r, top, "documents"),
                                        "owner_of_passport": {}, "owner_of_document": {}}
    records: dict[str, list[tuple[str, Any]]] = {s: [] for s in SECTION_FIELDS}
    crossing_paths: list[str] = []
    for section in SECTION_FIELDS:
        for n, (path, raw) in enumerate(r.items(top, section, "$"), 1):
            found = read_record(r, section, raw, path, n, links)
            if found is not None:
                records[section].append(found)
                if section == "crossings":
                    crossing_paths.append(path)
    _check_crossings(r, records["crossings"], crossing_paths, today)
    blobs, attachments = _read_attachments(r, top, links)
    _unique_years(r, top, records)
    _one_per_person(r, top, "qualifications")
    if r.problems:
        raise InputError(r.problems)
    principal_id = ApplicantId(links["person"][order[0]]) if order else None
    built = []
    for key in order:
        person = people[key]
        pid = person.applicant.id
        if key != order[0]:
            person = dataclasses.replace(person, profile=dataclasses.replace(person.profile,
                                                                             principal_id=principal_id))
        def own(section: str, key: str = key, pid: Any = pid) -> tuple[Any, ...]:
            return tuple(dataclasses.replace(rec, applicant_id=pid)
                         for owner, rec in records[section] if owner == key)

        built.append(dataclasses.replace(
            person, passports=own("passports"), documents=own("documents"), crossings=own("crossings"),
            addresses=own("addresses"), employment=own("employment"), income=own("income"), filings=own("filings"),
            resume=own("resume"), residence_history=own("residence_history"),
            qualifications=next(iter(own("qualifications")), None), investments=own("investments"),
            recommendations=own("recommendations"),
            attachments=tuple(a for owner, a in attachments if owner == pid)))
    return CaseRecords(built[0], tuple(built[1:]), blobs)


def _check_crossings(r: JsonReader, crossings: list[tuple[str, Any]], paths: list[str],
                     today: dt.date | None) -> None:
    """Each person's crossings as a crossings import would check them."""
    for owner in dict.fromkeys(o for o, _c in crossings):
        mine = [(path, c) for path, (o, c) in zip(paths, crossings, strict=True) if o == owner]
        where = [path for path, _c in mine]
        named = [problem_field(path) for path in where]
        for n, field, message in crossing_problems([c for _p, c in mine], today, named.__getitem__):
            r.fail(f"{where[n]}.{field}", message)


def _unique_years(r: JsonReader, top: dict[str, Any], records: dict[str, list[tuple[str, Any]]]) -> None:
    """One income record per person and year (the 6× test reads years)."""
    seen: set[tuple[str, int]] = set()
    for path, raw in r.items(top, "income", "$"):
        if isinstance(raw, dict) and isinstance(raw.get("year"), int):
            key = (str(raw.get("person")), int(raw["year"]))
            if key in seen:
                r.fail(f"{path}.year", _("{year} appears twice for {person}").format(year=key[1], person=key[0]))
            seen.add(key)


def _records(person: PersonRecords, section: str) -> tuple[Any, ...]:
    """A person's records of a section; `qualifications` is one record or none."""
    found = getattr(person, section)
    if section == "qualifications":
        return () if found is None else (found,)
    return tuple(found)


def _one_per_person(r: JsonReader, top: dict[str, Any], section: str) -> None:
    seen: set[str] = set()
    for path, raw in r.items(top, section, "$"):
        if isinstance(raw, dict):
            owner = str(raw.get("person"))
            if owner in seen:
                r.fail(f"{path}.person", _("{what} of {person} appear twice").format(
                    what=problem_field(f"$.{section}"), person=owner))
            seen.add(owner)


def _keys(r: JsonReader, top: dict[str, Any], section: str) -> dict[str, int]:
    """Local ids of the passports or documents by key (the n-th record gets n), so links may point forward."""
    found: dict[str, int] = {}
    for n, (path, raw) in enumerate(r.items(top, section, "$"), 1):
        key = raw.get("key") if isinstance(raw, dict) else None
        if not isinstance(key, str) or not key:
            r.fail(f"{path}.key", _("required"))
        elif key in found:
            r.fail(f"{path}.key", _("duplicate key {key}").format(key=repr(key)))
        else:
            found[key] = n
    return found


def _read_attachments(r: JsonReader, top: dict[str, Any],
                      links: dict[str, dict[str, int]]) -> tuple[dict[str, bytes], list[tuple[int, Attachment]]]:
    """Attachments with their bytes checked against the stated size and SHA-256, and sniffed for their type."""
    blobs: dict[str, bytes] = {}
    found: list[tuple[int, Attachment]] = []
    owners = {**{k: ("passport", v) for k, v in links["passport"].items()},
              **{k: ("document", v) for k, v in links["document"].items()}}
    for path, raw in r.items(top, "attachments", "$"):
        d = r.obj(raw, path, ("owner", "name", "media_type", "size", "sha256", "data"))
        owner = owners.get(r.text(d, "owner", path, required=True))
        if owner is None and d.get("owner"):
            r.fail(f"{path}.owner", _("no passport or document with key {key}").format(key=repr(d.get("owner"))))
        name = r.text(d, "name", path, required=True)
        encoded = r.text(d, "data", path, required=True)
        if len(encoded) > MAX_ATTACHMENT_TEXT:
            r.fail(f"{path}.data",
                   _("larger than {mb} MB, the most a scan may have").format(mb=MAX_ATTACHMENT_BYTES // 2**20))
            continue
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            r.fail(f"{path}.data", _("not valid base64"))
            continue
        sha = hashlib.sha256(data).hexdigest()
        media = sniff_media_type(data)
        if media is None:
            r.fail(f"{path}.data", _("not a PDF, JPEG or PNG file"))
        elif d.get("media_type") != media.value:
            r.fail(f"{path}.media_type", _("the data is {found}, not {stated}").format(
                found=media.value, stated=repr(d.get("media_type"))))
        if d.get("sha256") != sha:
            r.fail(f"{path}.sha256", _("does not match the data"))
        if d.get("size") != len(data):
            r.fail(f"{path}.size", _("the data has {n} bytes").format(n=len(data)))
        if owner is None or media is None:
            continue
        table, local = owner
        person = links["owner_of_" + table].get(str(local))
        if person is None:  # the owning record had problems of its own, already reported
            continue
        blobs[sha] = data
        found.append((person, Attachment(
            name=name, media_type=media, size=len(data), sha256=sha,
            document_id=DocumentId(local) if table == "document" else None,
            passport_id=PassportId(local) if table == "passport" else None)))
    return blobs, found


__all__ = ["SCHEMA", "PEOPLE_FIELDS", "case_to_json", "case_from_json", "read_case_file", "write_case_file"]
