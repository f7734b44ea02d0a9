"""The history of changes on PostgreSQL: the same entries as core/storage/recovery/history.py writes on SQLite.

SQLite gets temporary triggers per connection calling Python functions; on a server every client (and `psql`)
must be covered, so here the triggers are persistent PL/pgSQL, (re)created by `firm init` from the live schema.
Each entry carries the same fields and the same SHA-256 chain (`juliu_chain` builds exactly the JSON array that
history.chain_hash hashes), so `history verify` checks either engine with one piece of Python. `who` is the app's
named user when the connection sets one (`juliu.user`), else the database role. An advisory lock held to the end
of the writing transaction keeps the chain one line when several staff save at once.
"""
from __future__ import annotations

from typing import Any

from core.storage.pg.dialect import table_columns
from core.storage.recovery.history import UNTRACKED

__all__ = ["install"]

_LOCK = 74150013  # pg_advisory_xact_lock key of the history chain

_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION juliu_now() RETURNS text LANGUAGE sql STABLE AS
       $$ SELECT to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM') $$""",
    # A member of staff (a login in one of the groups of core/storage/pg/roles.py) is recorded as its role: a name
    # typed in the app could be anyone's. Others (the owner, a single-user setup): the app's name, else the role.
    """CREATE OR REPLACE FUNCTION juliu_user() RETURNS text LANGUAGE sql STABLE AS
       $$ SELECT CASE WHEN NOT r.rolsuper AND pg_has_role(r.oid, to_regrole('juliu_viewer'), 'USAGE')
                      THEN session_user::text
                      ELSE coalesce(nullif(current_setting('juliu.user', true), ''), session_user::text) END
          FROM pg_roles r WHERE r.rolname = session_user $$""",
    # json.dumps([prev, at, who, applicant_id, table, row_id, action, before, after], ensure_ascii=False,
    # separators=(",", ":")): to_json escapes text as Python does (\" \\ \b \f \n \r \t, \u00XX below 0x20).
    """CREATE OR REPLACE FUNCTION juliu_chain(prev text, at text, who text, app bigint, tbl text, rid bigint,
           action text, b text, a text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
       SELECT encode(sha256(convert_to('[' || to_json(prev)::text || ',' || to_json(at)::text || ','
           || to_json(who)::text || ',' || coalesce(app::text, 'null') || ',' || to_json(tbl)::text || ','
           || coalesce(rid::text, 'null') || ',' || to_json(action)::text || ','
           || coalesce(to_json(b)::text, 'null') || ',' || coalesce(to_json(a)::text, 'null') || ']', 'UTF8')), 'hex')
       $$""",
]

# The client of a row without its own applicant_id. A cascade has already removed the parent when the child's
# trigger runs, so the parent's own delete entry (written first: see _TRIGGER) answers then.
_GONE = ("(SELECT h.applicant_id FROM history h WHERE h.action = 'delete' AND h.tbl = '{t}' AND h.row_id = {ref}"
         " ORDER BY h.id DESC LIMIT 1)")
_APPLICANT_VIA = {
    "applicant": "{r}.id",
    "attachment": "COALESCE((SELECT applicant_id FROM document WHERE id = {r}.document_id), "
                  "(SELECT applicant_id FROM passport WHERE id = {r}.passport_id), "
                  + _GONE.format(t="document", ref="{r}.document_id") + ", "
                  + _GONE.format(t="passport", ref="{r}.passport_id") + ")",
    "income_certificate": "COALESCE((SELECT applicant_id FROM income_year WHERE id = {r}.income_id), "
                          + _GONE.format(t="income_year", ref="{r}.income_id") + ")",
}
# Named to sort before PostgreSQL's "RI_ConstraintTrigger_…": a parent's entry is written before its cascade.
_TRIGGER = "A_juliu_history"


def _row_json(ref: str, columns: list[tuple[str, str]]) -> str:
    parts = []
    for name, kind in columns:
        value = (f"'sha256:' || encode(sha256({ref}.\"{name}\"), 'hex')" if kind == "BLOB" else f'{ref}."{name}"')
        parts.append(f"'{name}', {value}")
    return f"json_build_object({', '.join(parts)})::text"


def _function(table: str, columns: list[tuple[str, str]], row_id: str | None) -> str:
    """`row_id`: the column SQLite's rowid is (a single integer primary key), None for a table without one."""
    names = {name for name, _ in columns}
    via = _APPLICANT_VIA.get(table, "{r}.applicant_id" if "applicant_id" in names else "NULL")
    blob = next((name for name, kind in columns if kind == "BLOB"), None)

    def rid(ref: str) -> str:
        return f'{ref}."{row_id}"' if row_id else "NULL"

    bin_row = _row_json("OLD", [(n, k) for n, k in columns if n != blob])
    return f"""CREATE OR REPLACE FUNCTION juliu_history_{table}() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  v_at text := juliu_now(); v_who text := juliu_user(); v_action text := lower(TG_OP);
  v_app bigint; v_rid bigint; v_b text; v_a text; v_prev text; v_id bigint;
BEGIN
  PERFORM pg_advisory_xact_lock({_LOCK});
  IF TG_OP = 'DELETE' THEN
    v_app := {via.format(r="OLD")}; v_rid := {rid("OLD")}; v_b := {_row_json("OLD", columns)};
  ELSE
    v_app := {via.format(r="NEW")}; v_rid := {rid("NEW")}; v_a := {_row_json("NEW", columns)};
    IF TG_OP = 'UPDATE' THEN v_b := {_row_json("OLD", columns)}; END IF;
  END IF;
  SELECT hash INTO v_prev FROM history ORDER BY id DESC LIMIT 1;
  v_prev := coalesce(v_prev, '');
  INSERT INTO history (at, who, applicant_id, tbl, row_id, action, before, after, prev, hash)
    VALUES (v_at, v_who, v_app, '{table}', v_rid, v_action, v_b, v_a, v_prev,
            juliu_chain(v_prev, v_at, v_who, v_app, '{table}', v_rid, v_action, v_b, v_a))
    RETURNING id INTO v_id;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO recycle_bin (history_id, deleted_at, applicant_id, tbl, row_id, row, data)
      VALUES (v_id, v_at, v_app, '{table}', v_rid, {bin_row}, {f'OLD."{blob}"' if blob else "NULL"});
  END IF;
  RETURN NULL;
END $f$"""


def install(conn: Any) -> None:
    """(Re)create the functions and the triggers of every table of the records; `conn` is a psycopg connection
    inside the caller's transaction (firm init)."""
    for statement in _FUNCTIONS:
        conn.execute(statement.encode("utf-8"))
    tables = [str(r[0]) for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_type = 'BASE TABLE' ORDER BY table_name")]
    if "history" not in tables:
        return
    for table in tables:
        if table in UNTRACKED or table == "juliu_schema":
            continue
        columns = table_columns(_Adapter(conn), table)
        key = [(str(r[0]), str(r[1])) for r in conn.execute(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_index i JOIN pg_attribute a"
            " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
            " WHERE i.indrelid = to_regclass(%s) AND i.indisprimary", (f'"{table}"',))]
        row_id = key[0][0] if len(key) == 1 and key[0][1] == "bigint" else None
        conn.execute(_function(table, columns, row_id).encode("utf-8"))
        for suffix, event, when in (("change", "INSERT OR DELETE", ""),
                                    ("update", "UPDATE", "WHEN (OLD.* IS DISTINCT FROM NEW.*)")):
            name = f"{_TRIGGER}_{suffix}"
            conn.execute(f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"'.encode())
            conn.execute(f'CREATE TRIGGER "{name}" AFTER {event} ON "{table}" FOR EACH ROW {when} '
                         f"EXECUTE FUNCTION juliu_history_{table}()".encode())


class _Adapter:
    """A raw psycopg connection answering table_columns' `?` query."""

    engine = "postgresql"

    def __init__(self, conn: Any):
        self._conn = conn

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> Any:
        return self._conn.execute(sql.replace("?", "%s").encode("utf-8"), parameters)
