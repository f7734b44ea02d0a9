"""How a laptop reaches the firm database (issue 13 item 2): the connection's parts, the URL kept in settings
(never with the password), a test connection, and the password in the user's pgpass file (mode 600).

libpq reads the pgpass file and the service file itself, so a URL without a password connects once either holds
it. psycopg is imported only when a connection is tried: the window starts without it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from core.i18n import N_, _
from core.storage.sqlite.health import StorageError

SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable", "allow")
TIMEOUT_S = 5


class PasswordNeeded(StorageError):
    """The server wants a password that neither the URL, the pgpass file nor the service file gave (`wrong`:
    one was given and refused)."""

    def __init__(self, message: str, wrong: bool):
        super().__init__(message)
        self.wrong = wrong


def password_problem(exc: Exception) -> bool | None:
    """For a failed connection: None when it was not about the password, else whether a password was refused
    (True) or none was given (False). By SQLSTATE where the server sends one (28P01), else libpq's words."""
    if getattr(exc, "sqlstate", None) == "28P01" or "password authentication failed" in str(exc):
        return True
    if "no password supplied" in str(exc):
        return False
    return None


def with_password(url: str, password: str) -> str:
    """The URL with the password, for this session's connections only (never saved; shown redacted)."""
    parts = urlsplit(url)
    if not parts.netloc:  # postgresql://?service=…: libpq takes the password as a parameter too
        return url + ("&" if parts.query else "?") + urlencode({"password": password})
    user, _at, host = parts.netloc.rpartition("@")
    user = user.partition(":")[0]
    return parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}").geturl()


@dataclass(frozen=True)
class FirmLogin:
    """Either `service` (a name from pg_service.conf) or host/port/database/user; TLS by `sslmode`."""

    host: str = ""
    port: int = 5432
    database: str = ""
    user: str = ""
    service: str = ""
    sslmode: str = "prefer"
    sslrootcert: str = ""  # the office server's CA certificate, for verify-ca / verify-full

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for what is missing or wrong; nothing when it can be tried."""
        found = []
        if not self.service:
            found += [(f, N_("required (or give a service name)")) for f in ("host", "database", "user")
                      if not getattr(self, f).strip()]
        if not 0 < self.port < 65536:
            found.append(("port", N_("must be between 1 and 65535")))
        if self.sslmode not in SSL_MODES:
            found.append(("sslmode", N_("not a TLS mode libpq knows")))
        if self.sslmode in ("verify-ca", "verify-full") and not self.sslrootcert:
            found.append(("sslrootcert", N_("needed to verify the server (verify-ca, verify-full)")))
        if self.sslrootcert and not Path(self.sslrootcert).is_file():
            found.append(("sslrootcert", N_("no such file")))
        return found

    @classmethod
    def from_url(cls, url: str) -> FirmLogin:
        """The parts of a URL `url()` made (what settings keep); a URL it cannot read gives the defaults."""
        if not url.startswith(("postgresql://", "postgres://")):
            return cls()
        try:
            parts = urlsplit(url)
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            host = unquote(parts.netloc.rpartition("@")[2].rsplit(":", 1)[0].strip("[]")) if parts.netloc else ""
            # postgresql:///?host=…&user=…&dbname=… says the same in parameters
            return cls(host=host or query.get("host", ""), port=parts.port or int(query.get("port", 5432)),
                       database=unquote(parts.path.lstrip("/")) or query.get("dbname", ""),
                       user=unquote(parts.username or "") or query.get("user", ""),
                       service=query.get("service", ""), sslmode=query.get("sslmode", "prefer"),
                       sslrootcert=query.get("sslrootcert", ""))
        except ValueError:
            return cls()

    def url(self) -> str:
        """The URL settings keep: everything but the password."""
        query = {k: v for k, v in (("service", self.service), ("sslmode", self.sslmode),
                                   ("sslrootcert", self.sslrootcert)) if v}
        if self.service:
            return "postgresql://?" + urlencode(query)
        host = quote(self.host, safe="") if self.host.startswith("/") else (  # a unix-socket folder
            f"[{self.host}]" if ":" in self.host else self.host)
        return (f"postgresql://{quote(self.user, safe='')}@{host}:{self.port}/{quote(self.database, safe='')}"
                f"?{urlencode(query)}")


def try_connection(login: FirmLogin, password: str = "") -> str:
    """Connect once and ask the server's version; StorageError with the server's reason (never the password)."""
    import psycopg  # only when a firm database is tried: the window starts without it

    extra: dict[str, Any] = {"password": password} if password else {}
    try:
        with psycopg.connect(login.url(), connect_timeout=TIMEOUT_S, application_name="juliu", **extra) as conn:
            row = conn.execute("SHOW server_version").fetchone()
    except psycopg.Error as exc:
        reason = " ".join(line.strip() for line in str(exc).splitlines() if line.strip()) or type(exc).__name__
        if password:
            reason = reason.replace(password, "***")
        wrong = password_problem(exc)
        if wrong is not None:
            raise PasswordNeeded(f"cannot reach the firm database: {reason}", wrong) from exc
        raise StorageError(_("cannot reach the firm database: {reason}").format(reason=reason)) from exc
    return str(row[0]) if row else ""


def pgpass_path(env: dict[str, str] | None = None) -> Path:
    """Where libpq looks for passwords: PGPASSFILE, else ~/.pgpass (Windows: %APPDATA%/postgresql/pgpass.conf)."""
    env = dict(os.environ) if env is None else env
    if env.get("PGPASSFILE"):
        return Path(env["PGPASSFILE"])
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def save_password(path: Path, login: FirmLogin, password: str) -> Path:
    """Put the password in the pgpass file (mode 600), replacing the line for the same server, database and user."""
    if login.service or not password:
        raise StorageError(_("a password is saved for a host, database and user (a service file holds its own)"))
    key = ":".join(_field(v) for v in (login.host, str(login.port), login.database, login.user))
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    kept = [line for line in lines if not line.startswith(key + ":")]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join([*kept, f"{key}:{_field(password)}"]) + "\n")
    if os.name == "posix":
        path.chmod(0o600)  # libpq ignores a pgpass file others can read
    return path
