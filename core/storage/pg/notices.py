"""Live change notices on a firm database (issue 13): every history entry announces itself with NOTIFY.

A trigger on `history` sends one notice per entry on the channel `juliu_changes`: the client (applicant id), the
record kind (table), the action, who made it and the writing session's origin (`juliu.origin`, set by
`set_origin`). PostgreSQL delivers a NOTIFY only when its transaction commits, so only committed changes are
announced, and it folds identical notices of one transaction into one (an import of 300 crossings of one client
sends one). Because the trigger sits on the history every writer is covered: the window, the commands, `psql`.

The receiving end is core/storage/pg/listener.py.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = ["CHANNEL", "Notice", "install", "set_origin"]

CHANNEL = "juliu_changes"
_TRIGGER = "A_juliu_history_notice"  # the test fixture keeps triggers named A_juliu_history_…

_FUNCTION = f"""CREATE OR REPLACE FUNCTION juliu_notice() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM pg_notify('{CHANNEL}', json_build_object('a', NEW.applicant_id, 't', NEW.tbl, 'x', NEW.action,
      'w', left(NEW.who, 200), 'o', coalesce(current_setting('juliu.origin', true), ''))::text);
  RETURN NULL;
END $f$"""


def install(conn: Any) -> None:
    """(Re)create the notice trigger on the history; `conn` is a psycopg connection in `firm init`'s transaction."""
    if conn.execute("SELECT to_regclass('history') IS NOT NULL").fetchone()[0] is not True:
        return
    conn.execute(_FUNCTION.encode("utf-8"))
    conn.execute(f'DROP TRIGGER IF EXISTS "{_TRIGGER}" ON history'.encode())
    conn.execute(f'CREATE TRIGGER "{_TRIGGER}" AFTER INSERT ON history FOR EACH ROW '
                 "EXECUTE FUNCTION juliu_notice()".encode())


def set_origin(conn: Any, origin: str) -> None:
    """Name the session a connection's writes come from, so that session can recognise (and skip) its own
    notices; `conn` is the repositories' connection (`?` placeholders)."""
    conn.execute("SELECT set_config('juliu.origin', ?, false)", (origin,))


@dataclass(frozen=True)
class Notice:
    """One history entry announced: which client, which kind of record, what happened, who, from which session."""

    applicant_id: int | None
    table: str
    action: str
    who: str
    origin: str

    @classmethod
    def parse(cls, payload: str) -> Notice | None:
        """None for a payload that is not a notice of ours (someone else NOTIFYing on the channel)."""
        try:
            data = json.loads(payload)
            applicant = data.get("a")
            return cls(int(applicant) if applicant is not None else None, str(data["t"]), str(data.get("x", "")),
                       str(data.get("w") or ""), str(data.get("o") or ""))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
