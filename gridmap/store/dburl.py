"""Database project URLs and connections: ``postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DBNAME?schema=NAME``.

The ``schema`` names the project (one PostgreSQL schema per project) and is stripped before connecting. A password
may be in the URL, but GridMap never stores or prints one: :meth:`DbUrl.masked` is the URL messages show, and
:meth:`DbUrl.saved` the one a project or a setting keeps; without a password in the URL libpq takes it from
``PGPASSWORD`` or ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf`` on Windows). Connection failures are one
:class:`~gridmap.core.errors.GridMapError` line naming the host, the port and what failed.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr

SCHEMES = ("postgresql", "postgres")
DEFAULT_PORT = 5432
# A schema GridMap creates and names: a plain identifier (QGIS and psql users type it unquoted).
SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def is_db_url(ref) -> bool:
    """True if ``ref`` is a ``postgresql://`` (or ``postgres://``) URL."""
    return isinstance(ref, (str, DbUrl)) and str(ref).split("://", 1)[0].lower() in SCHEMES and "://" in str(ref)


@dataclass(frozen=True)
class DbUrl:
    """A parsed database project URL (``password`` None when the URL has none)."""

    host: str
    port: int
    dbname: str
    user: str | None = None
    password: str | None = None
    schema: str | None = None
    options: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, text: str, need_schema: bool = True) -> "DbUrl":
        """Parse ``text``; GridMapError (the URL masked) says what is wrong with it."""
        masked = mask_url(str(text))
        parts = urlsplit(str(text))
        if parts.scheme.lower() not in SCHEMES:
            raise GridMapError(tr("not a database URL (postgresql://USER@HOST:PORT/DBNAME?schema=NAME)"), masked)
        try:
            port = parts.port or DEFAULT_PORT
        except ValueError:
            raise GridMapError(tr("the port in the database URL is not a number"), masked) from None
        dbname = unquote(parts.path.lstrip("/"))
        if not parts.hostname or not dbname or "/" in dbname:
            raise GridMapError(tr("a database URL needs a host and a database name "
                                  "(postgresql://USER@HOST:PORT/DBNAME?schema=NAME)"), masked)
        query = parse_qsl(parts.query, keep_blank_values=True)
        schema = next((v for k, v in query if k == "schema"), None)
        if need_schema and not schema:
            raise GridMapError(tr("the database URL names no project: add ?schema=NAME"), masked)
        if schema is not None and not SCHEMA_NAME.fullmatch(schema):
            raise GridMapError(tr("the schema name {name} is not a plain name (lower-case letters, digits and _, "
                                  "not starting with a digit)", name=repr(schema)), masked)
        return cls(parts.hostname, port, dbname, unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password is not None else None, schema,
                   tuple((k, v) for k, v in query if k != "schema"))

    def url(self, password: bool = False, schema: bool = True) -> str:
        """The URL; with the password only if ``password`` (for nothing but connecting)."""
        who = ""
        if self.user:
            who = quote(self.user, safe="")
            if password and self.password is not None:
                who += ":" + quote(self.password, safe="")
            elif self.password is not None:
                who += ":***"
            who += "@"
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = [*self.options, *([("schema", self.schema)] if schema and self.schema else [])]
        return (f"postgresql://{who}{host}:{self.port}/{quote(self.dbname, safe='')}"
                + (f"?{urlencode(query)}" if query else ""))

    def masked(self) -> str:
        """The URL for messages: a password shown as ``***``."""
        return self.url()

    def saved(self) -> str:
        """The URL a project, a setting or a recent-files list keeps: without the password."""
        return DbUrl(self.host, self.port, self.dbname, self.user, None, self.schema, self.options).url()

    def __str__(self) -> str:
        return self.masked()

    def conninfo(self) -> dict:
        """Keyword arguments for :func:`psycopg.connect` (no schema; no password unless the URL had one)."""
        args = {"host": self.host, "port": self.port, "dbname": self.dbname, "application_name": "GridMap",
                "connect_timeout": 10, **dict(self.options)}
        if self.user:
            args["user"] = self.user
        if self.password is not None:
            args["password"] = self.password
        return args


def mask_url(text: str) -> str:
    """``text`` with the password of a URL in it replaced by ``***``."""
    return re.sub(r"(://[^:/?#@\s]*:)[^@/?#\s]*@", r"\1***@", str(text))


def connect(url: DbUrl, autocommit: bool = False):
    """A psycopg connection to ``url``'s database; GridMapError (host, port, what failed) if it cannot be made."""
    import psycopg

    try:
        return psycopg.connect(autocommit=autocommit, **url.conninfo())
    except psycopg.Error as err:
        raise GridMapError(tr("cannot connect to the database {db} on {host} port {port}: {error}",
                              db=url.dbname, host=url.host, port=url.port, error=db_message(err)),
                           url.masked()) from None


def db_message(err) -> str:
    """The one line of a database error worth showing (libpq repeats the address on each line), password masked."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    text = lines[0] if lines else type(err).__name__
    text = re.sub(r'^connection failed:\s*', "", text)
    text = re.sub(r'^connection to server at "[^"]*"(?: \([^)]*\))?, port \d+ failed:\s*', "", text)
    return mask_url(text) or type(err).__name__


def desk() -> str:
    """This desk's name in notifications and the edit log: ``$GRIDMAP_DESK``, else the host name."""
    return os.environ.get("GRIDMAP_DESK", "").strip() or socket.gethostname()
