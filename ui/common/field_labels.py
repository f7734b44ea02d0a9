"""What a stored field and a record kind are called on screen, and how a stored value reads: shared by the
conflict dialog (both versions of a record side by side) and the history (old → new values)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from core.i18n import _
from core.records.background import MaritalStatus
from core.records.documents import kind_label
from core.records.identity import Direction, Sex
from core.records.model import (
    Citizenship,
    Decision,
    DocumentKind,
    EmployerType,
    FilingKind,
    FilingStatus,
    Relation,
    TitleLevel,
)
from ui.common.labels import label
from ui.common.table_models import direction_label

HIDDEN = frozenset({"id", "version", "applicant_id"})  # bookkeeping, not what a user edits


def shown_value(name: str, value: object) -> str:
    """A stored or record value as a user reads it: dates ISO, amounts in CNY, enums by their label, — for none."""
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name.endswith("_fen") and isinstance(value, int):
        return f"{Decimal(value).scaleb(-2):,.2f}"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value.isoformat()
    if isinstance(value, Direction) or (name == "direction" and value in ("entry", "exit")):
        return direction_label(Direction(value))
    if isinstance(value, Sex) or (name == "sex" and value in ("M", "F")):
        return _("Male 男") if str(value) == "M" else _("Female 女")
    if isinstance(value, StrEnum):
        return label(value) or str(value.value)
    if isinstance(value, str) and (named := _stored_enum(name, value)):
        return named
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


STORED_ENUMS: dict[str, tuple[type[StrEnum], ...]] = {
    "kind": (FilingKind, DocumentKind), "status": (FilingStatus,), "decision": (Decision,),
    "citizenship": (Citizenship,), "relation": (Relation,), "title_level": (TitleLevel,),
    "employer_type": (EmployerType,), "marital_status": (MaritalStatus,)}


def _stored_enum(name: str, value: str) -> str:
    """A stored enum value (the history keeps rows as plain text) by its label; '' when it is none of them."""
    for kind in STORED_ENUMS.get(name, ()):
        try:
            member = kind(value)
        except ValueError:
            continue
        if isinstance(member, DocumentKind):
            return kind_label(member)
        if isinstance(member, MaritalStatus):
            return {"single": _("Single 未婚"), "married": _("Married 已婚"), "divorced": _("Divorced 离异"),
                    "widowed": _("Widowed 丧偶")}[member.value]
        return label(member)
    return ""
