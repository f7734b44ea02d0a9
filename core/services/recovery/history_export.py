"""Who changed what, readable: a history entry's changed fields (old → new), the client's name for an applicant
id (also for clients deleted since), and the CSV export of a client's history (window and `history export`)."""
from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from core.files import write_private
from core.storage.recovery.history import Entry

BOOKKEEPING = frozenset({"id", "version", "applicant_id"})  # the entry names its client already
CSV_COLUMNS = ("entry", "at", "who", "applicant_id", "client", "table", "row_id", "action", "field", "before",
               "after")


def readable(name: str, value: object) -> tuple[str, object]:
    """A stored column and value as a person reads them: an amount in fen becomes the amount in CNY."""
    if name.endswith("_fen"):
        from decimal import Decimal  # with the first amount shown (issue 15: `case list` shows none)

        return name[:-4], Decimal(value).scaleb(-2) if isinstance(value, int) else value
    return name, value


def changed_fields(entry: Entry) -> list[tuple[str, object, object]]:
    """(field, before, after) of each field an entry changed; for an insert or delete, every field it held."""
    before, after = entry.before or {}, entry.after or {}
    names = [n for n in (*after, *(k for k in before if k not in after)) if n not in BOOKKEEPING]
    if entry.action == "update":
        names = [n for n in names if before.get(n) != after.get(n)]
    else:
        names = [n for n in names if (after or before).get(n) not in (None, "")]
    found = []
    for name in names:
        shown, old = readable(name, before.get(name))
        _shown, new = readable(name, after.get(name))
        found.append((shown, old, new))
    return found


def client_names(entries: Iterable[Entry], living: Mapping[int, str]) -> dict[int, str]:
    """Each applicant id's name: as stored now, else as the history last had it (a client deleted since)."""
    names: dict[int, str] = {}
    for e in reversed(list(entries)):  # oldest first, so the newest name wins
        row = e.after or e.before
        if e.table == "applicant" and e.row_id is not None and row:
            name = f"{str(row.get('family_name') or '').upper()} {row.get('given_names') or ''}".strip()
            chinese = str(row.get("chinese_name") or "")
            names[e.row_id] = f"{name} {chinese}".strip()
    names.update(living)
    return names


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def history_csv(entries: Iterable[Entry], names: Mapping[int, str]) -> str:
    """One line per changed field (insert and delete: per field held), newest entry first."""
    import csv  # only when a history is exported

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        client = names.get(e.applicant_id, "") if e.applicant_id is not None else ""
        for name, old, new in changed_fields(e) or [("", None, None)]:
            writer.writerow([e.id, e.at, e.who, _cell(e.applicant_id), client, e.table, _cell(e.row_id), e.action,
                             name, _cell(old), _cell(new)])
    return out.getvalue()


def write_history_csv(path: Path, entries: Iterable[Entry], names: Mapping[int, str]) -> Path:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right; written atomically."""
    return write_private(path, ("\ufeff" + history_csv(entries, names)).encode("utf-8"))
