"""Staff roles on a firm's database, enforced by PostgreSQL (issue 13 item 5; docs/firm.md "Adding staff").

Three group roles, one inside the next: juliu_viewer (reads everything), juliu_consultant (also writes the
clients' records) and juliu_administrator (also writes the firm's settings, and adds and removes staff: its members
are created with CREATEROLE). `firm init` creates the groups and grants on every table of the schema; each member
of staff is a login role in one group. Nobody but the owner of the schema may INSERT, UPDATE or DELETE history
rows: the history triggers run as SECURITY DEFINER (as the owner), so a consultant's save still writes its entry
while a consultant's own `INSERT INTO history` or `UPDATE history` is refused by the server.

Group roles belong to the whole server (not one database): one firm per PostgreSQL server, as docs/firm.md says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from psycopg import sql

__all__ = ["GROUPS", "ROLES", "StaffMember", "current_role", "install", "list_staff", "add_staff", "set_role",
           "remove_staff", "valid_username"]

ROLES = ("viewer", "consultant", "administrator")
GROUPS = {role: f"juliu_{role}" for role in ROLES}
OWNER = "owner"  # the schema's owner or a superuser: not a member of staff, may do everything
SETTINGS_TABLES = frozenset({"setting"})  # the firm's settings: administrators only
READ_ONLY_TABLES = frozenset({"history", "juliu_schema"})  # history: written by the triggers only
_USERNAME = re.compile(r"[a-z_][a-z0-9_.@-]{0,62}")


@dataclass(frozen=True)
class StaffMember:
    username: str
    role: str  # one of ROLES
    can_login: bool


def valid_username(name: str) -> bool:
    """Lower-case letters, digits, _ . @ -; 1-63 characters; not one of the group roles."""
    return bool(_USERNAME.fullmatch(name)) and name not in GROUPS.values() and not name.startswith("pg_")


def current_role(conn: Any) -> str | None:
    """The session's staff role: "administrator", "consultant", "viewer"; OWNER for the owner of the schema or a
    superuser; None for a login in no group (it can read nothing: the server refuses)."""
    row = conn.execute(
        "SELECT CASE WHEN r.rolsuper OR pg_has_role(r.oid, c.relowner, 'USAGE') THEN 'owner'"
        " WHEN pg_has_role(r.oid, to_regrole('juliu_administrator'), 'USAGE') THEN 'administrator'"
        " WHEN pg_has_role(r.oid, to_regrole('juliu_consultant'), 'USAGE') THEN 'consultant'"
        " WHEN pg_has_role(r.oid, to_regrole('juliu_viewer'), 'USAGE') THEN 'viewer' END"
        " FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass('juliu_schema')"
        " WHERE r.rolname = session_user").fetchone()
    return str(row[0]) if row and row[0] is not None else None


def install(conn: Any) -> None:
    """Create the group roles if missing and grant them on the current schema; `conn` is a psycopg connection
    inside `firm init`'s transaction, after the migrations and the history triggers."""
    existing = {str(r[0]) for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'juliu\\_%'")}
    for role in ROLES:
        if GROUPS[role] not in existing:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(GROUPS[role])))
    viewer, consultant, admin = (sql.Identifier(GROUPS[r]) for r in ROLES)
    memberships = {(str(a), str(b)) for a, b in conn.execute(
        "SELECT g.rolname, m.rolname FROM pg_auth_members x JOIN pg_roles g ON g.oid = x.roleid"
        " JOIN pg_roles m ON m.oid = x.member")}
    if (GROUPS["viewer"], GROUPS["consultant"]) not in memberships:
        conn.execute(sql.SQL("GRANT {} TO {}").format(viewer, consultant))
    if (GROUPS["consultant"], GROUPS["administrator"]) not in memberships:
        conn.execute(sql.SQL("GRANT {} TO {}").format(consultant, admin))
    schema = sql.Identifier(str(conn.execute("SELECT current_schema()").fetchone()[0]))
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, viewer))
    tables = [str(r[0]) for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        " AND table_type = 'BASE TABLE'")]
    for table in tables:
        name = sql.Identifier(table)
        conn.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}, {}, {}").format(name, viewer, consultant, admin))
        conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(name, viewer))
        if table in READ_ONLY_TABLES:
            continue
        writer = admin if table in SETTINGS_TABLES else consultant
        rights = "DELETE" if table == "recycle_bin" else "INSERT, UPDATE, DELETE"  # the bin: filled by the triggers
        conn.execute(sql.SQL("GRANT {} ON {} TO {}").format(sql.SQL(rights), name, writer))
    conn.execute(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema, consultant))
    # The history triggers write as the schema's owner: staff need no right on history or the bin's inserts.
    for (name,) in conn.execute("SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace ="
                                " to_regnamespace(current_schema()) AND p.proname LIKE 'juliu\\_history\\_%'"):
        conn.execute(sql.SQL("ALTER FUNCTION {} SECURITY DEFINER SET search_path = {}, pg_temp").format(
            sql.SQL(str(name)), schema))


def list_staff(conn: Any) -> list[StaffMember]:
    """Every login role in one of the groups, with its highest role, by name."""
    found: dict[str, StaffMember] = {}
    for username, group, login in conn.execute(
            "SELECT m.rolname, g.rolname, m.rolcanlogin FROM pg_auth_members x JOIN pg_roles g ON g.oid = x.roleid"
            " JOIN pg_roles m ON m.oid = x.member WHERE g.rolname = ANY(%s) AND NOT m.rolname = ANY(%s)",
            (list(GROUPS.values()), list(GROUPS.values()))):
        role = str(group).removeprefix("juliu_")
        known = found.get(str(username))
        if known is None or ROLES.index(role) > ROLES.index(known.role):
            found[str(username)] = StaffMember(str(username), role, bool(login))
    return sorted(found.values(), key=lambda m: m.username)


def _password_verifier(conn: Any, username: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier computed here by libpq: the password itself never travels to the server or its
    logs."""
    raw = conn.pgconn.encrypt_password(password.encode("utf-8"), username.encode("utf-8"), b"scram-sha-256")
    return bytes(raw).decode("ascii")


def add_staff(conn: Any, username: str, role: str, password: str) -> None:
    """A login role in the group of `role`; raises psycopg errors (an existing name, no right to create roles)."""
    verifier = _password_verifier(conn, username, password)
    with conn.transaction():
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(username),
                                                                         sql.Literal(verifier)))
        _grant(conn, username, role)


def set_role(conn: Any, username: str, role: str) -> None:
    with conn.transaction():
        user = sql.Identifier(username)
        groups = [str(r[0]) for r in conn.execute(
            "SELECT g.rolname FROM pg_auth_members x JOIN pg_roles g ON g.oid = x.roleid"
            " JOIN pg_roles m ON m.oid = x.member WHERE m.rolname = %s AND g.rolname = ANY(%s)",
            (username, list(GROUPS.values())))]
        if groups:
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(
                sql.SQL(", ").join(sql.Identifier(g) for g in groups), user))
        conn.execute(sql.SQL("ALTER ROLE {} NOCREATEROLE").format(user))
        _grant(conn, username, role)


def _grant(conn: Any, username: str, role: str) -> None:
    user = sql.Identifier(username)
    if role == "administrator":  # manages staff: creates roles, and may grant the groups (PostgreSQL 16 asks)
        conn.execute(sql.SQL("ALTER ROLE {} CREATEROLE").format(user))
        conn.execute(sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(
            sql.SQL(", ").join(sql.Identifier(g) for g in GROUPS.values()), user))
    else:
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUPS[role]), user))


def remove_staff(conn: Any, username: str) -> None:
    conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(username)))

