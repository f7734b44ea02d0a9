"""PacketContent as JSON (docs/packets.md): read with errors naming the file and the JSON path, and written back.

Two shapes are accepted. The full shape mirrors the dataclasses of core/packets/content.py field by field.
The short shape has a "facts" object: the kind's checklist, forms and pre-flight findings are then derived from
the templates, as the app does, from "facts", "documents" and "form_values".
"""
from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import types
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from core.errors import InputError, Problem
from core.exchange.json_reader import load_json_file
from core.packets.builder import build_content
from core.packets.checklist import DocumentFacts
from core.packets.content import Attachment, FilledForm, LabelledValue, PacketContent
from core.packets.forms import fill_form, load_form
from core.packets.plan import plan_packet
from core.packets.records.facts import PacketFacts
from core.ruledata.loader import RulesError

MEDIA_BY_SUFFIX = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


class _Bad(Exception):
    def __init__(self, where: str, message: str):
        super().__init__(message)
        self.where, self.message = where, message


def load_content(path: Path, today: dt.date) -> PacketContent:
    """The packet content of a JSON file; `today` fills "generated_on" when the file does not give it."""
    data = load_json_file(Path(path))
    try:
        return content_from_json(data, Path(path).parent, today)
    except _Bad as exc:
        raise InputError([Problem(str(path), None, exc.where, exc.message)]) from None
    except RulesError as exc:
        raise InputError([Problem(exc.path, None, exc.key, exc.problem)]) from None
    except InputError as exc:  # a form value no option matches: say which file it came from
        raise InputError([Problem(str(path), None, p.field, p.message) for p in exc.problems]) from None


def content_from_json(data: Any, base: Path, today: dt.date) -> PacketContent:
    if not isinstance(data, dict):
        raise _Bad("", "expected a JSON object")
    data = {"generated_on": today.isoformat(), **data}
    if "facts" in data:
        return _derived(data, base)
    forms = tuple(_form(f, f"forms[{i}]") for i, f in enumerate(_list(data.get("forms", []), "forms")))
    attachments = _attachments(data.get("attachments", []), base)
    rest = {k: v for k, v in data.items() if k not in ("forms", "attachments")}
    content: PacketContent = _decode(PacketContent, rest, "")
    return dataclasses.replace(content, forms=forms, attachments=attachments)


def _derived(data: dict[str, Any], base: Path) -> PacketContent:
    allowed = {"facts", "documents", "form_values", "applicant_name", "applicant", "generated_on", "presence",
               "income", "eligibility", "attachments", "findings", "document_id", "passport_name",
               "passport_expiry", "processing_end"}
    _no_unknown(data, allowed, "")
    facts = _decode(PacketFacts, data["facts"], "facts")
    documents = {key: _decode(DocumentFacts, {"key": key, **_object(doc, f"documents.{key}")}, f"documents.{key}")
                 for key, doc in _object(data.get("documents", {}), "documents").items()}
    hints = get_type_hints(PacketContent)
    optional = {k: _decode(hints[k], data[k], k) for k in ("presence", "income", "eligibility", "findings")
                if k in data}
    return build_content(
        plan_packet(facts), applicant_name=_decode(str, data.get("applicant_name"), "applicant_name"),
        applicant=_decode(tuple[LabelledValue, ...], data.get("applicant", []), "applicant"),
        generated_on=_decode(dt.date, data["generated_on"], "generated_on"), documents=documents,
        form_values=_object(data.get("form_values", {}), "form_values"),
        attachments=_attachments(data.get("attachments", []), base),
        passport_name=_decode(str, data.get("passport_name", ""), "passport_name"),
        passport_expiry=_decode(dt.date | None, data.get("passport_expiry"), "passport_expiry"),
        processing_end=_decode(dt.date | None, data.get("processing_end"), "processing_end"),
        document_id=_decode(str, data.get("document_id", ""), "document_id"), **optional,
    )


def _form(value: Any, where: str) -> FilledForm:
    """{"form": id, "values": {...}} is filled from forms/<id>.toml; anything else is a whole FilledForm."""
    data = _object(value, where)
    if "form" in data:
        _no_unknown(data, {"form", "values"}, where)
        return fill_form(load_form(_decode(str, data["form"], f"{where}.form")),
                         _object(data.get("values", {}), f"{where}.values"))
    result: FilledForm = _decode(FilledForm, data, where)
    return result


def _attachments(value: Any, base: Path) -> tuple[Attachment, ...]:
    out = []
    for i, raw in enumerate(_list(value, "attachments")):
        where = f"attachments[{i}]"
        data = _object(raw, where)
        _no_unknown(data, {"key", "title", "media_type", "path", "data_base64"}, where)
        if "path" in data:
            path = base / _decode(str, data["path"], f"{where}.path")
            try:
                blob = path.read_bytes()
            except OSError as exc:
                raise _Bad(f"{where}.path", f"cannot read {path}: {exc.strerror or exc}") from None
            media = data.get("media_type") or MEDIA_BY_SUFFIX.get(path.suffix.lower(), "")
        else:
            blob = _decode(bytes, data.get("data_base64"), f"{where}.data_base64")
            media = data.get("media_type", "")
        fields = {"key": data.get("key"), "title": data.get("title"), "media_type": media}
        decoded = _decode(Attachment, {**fields, "data": ""}, where)
        out.append(dataclasses.replace(decoded, data=blob))
    return tuple(out)


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(where, "expected an object")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(where, "expected a list")
    return value


def _no_unknown(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _Bad(f"{where}.{unknown[0]}" if where else unknown[0], "unknown key")


def _decode(tp: Any, value: Any, where: str) -> Any:
    """A JSON value as the type `tp` (dataclasses, tuples, optionals, enums, dates, Decimals, base64 bytes)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return None if value is None else _decode(args[0], value, where)
    if origin is tuple:
        item = get_args(tp)[0]
        return tuple(_decode(item, v, f"{where}[{i}]") for i, v in enumerate(_list(value, where)))
    if dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, value, where)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            raise _Bad(where, f"expected one of {', '.join(str(m.value) for m in tp)}, got {value!r}") from None
    return _scalar(tp, value, where)


def _decode_dataclass(tp: Any, value: Any, where: str) -> Any:
    data = _object(value, where)
    fields = {f.name: f for f in dataclasses.fields(tp)}
    _no_unknown(data, set(fields), where)
    hints = get_type_hints(tp)
    kwargs = {}
    for name, f in fields.items():
        at = f"{where}.{name}" if where else name
        if name in data:
            kwargs[name] = _decode(hints[name], data[name], at)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise _Bad(at, "missing")
    return tp(**kwargs)


def _scalar(tp: Any, value: Any, where: str) -> Any:
    try:
        if tp is str and isinstance(value, str) or tp is bool and isinstance(value, bool):
            return value
        if tp is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if tp is Decimal and isinstance(value, str | int | float) and not isinstance(value, bool):
            return Decimal(str(value))
        if tp is dt.date and isinstance(value, str):
            return dt.date.fromisoformat(value)
        if tp is bytes and isinstance(value, str):
            return base64.b64decode(value, validate=True)
    except (ValueError, InvalidOperation, binascii.Error) as exc:
        raise _Bad(where, f"cannot read {value!r}: {exc}") from None
    names = {str: "text", int: "a whole number", bool: "true or false", Decimal: "a number", bytes: "base64 text",
             dt.date: "a date as YYYY-MM-DD"}
    raise _Bad(where, f"expected {names.get(tp, getattr(tp, '__name__', str(tp)))}, got {value!r}")


def content_to_json(content: PacketContent) -> dict[str, Any]:
    """The full shape: every field, attachments inline as base64."""
    result: dict[str, Any] = _encode(content)
    return result


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Attachment):
            out["data_base64"] = out.pop("data")
        return out
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value
