"""``gridmap grant``: give users the viewer, editor or privacy-officer role of a PostGIS project's database
(see :mod:`gridmap.store.pg_roles`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr


@dataclass
class GrantResult:
    """The group roles of the database, the users made members of each, and the SQL run (or to run)."""

    schema: str
    roles: dict[str, str]
    members: dict[str, list[str]] = field(default_factory=dict)
    statements: list[str] = field(default_factory=list)
    applied: bool = True

    def to_json(self) -> dict:
        return {"schema": self.schema, "roles": self.roles, "members": self.members, "applied": self.applied}


def grant(url, users: dict[str, list[str]] | None = None, sql_only: bool = False) -> GrantResult:
    """Apply the role grants to the project at ``url`` and make ``users`` ({"viewer": [...], "editor": [...],
    "privacy_officer": [...]}) members of the roles, in one transaction; with ``sql_only`` nothing is changed
    and the statements are returned."""
    import psycopg

    from gridmap.store import pg_roles
    from gridmap.store.dburl import DbUrl, connect, db_message

    url = url if isinstance(url, DbUrl) else DbUrl.parse(str(url))
    users = {role: list(names) for role, names in (users or {}).items() if names}
    conn = connect(url, autocommit=True)  # the grants in one explicit transaction below
    try:
        names = pg_roles.role_names(url.dbname)
        if not conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (url.schema,)).fetchone():
            raise GridMapError(tr("no GridMap project in schema {schema} (copy one there with gridmap push)",
                                  schema=url.schema), url.masked())
        if sql_only:
            statements = [s.as_string(conn) for s in pg_roles.role_statements(conn)
                          + pg_roles.grant_statements(conn, url.schema)
                          + pg_roles.member_statements(conn, users)]
            return GrantResult(url.schema, names, users, statements, applied=False)
        with conn.transaction():
            members = pg_roles.grant(conn, url.schema, users)
        return GrantResult(url.schema, names, members)
    except psycopg.Error as err:
        raise GridMapError(tr("database error; nothing was changed ({error})", error=db_message(err)),
                           url.masked()) from None
    finally:
        conn.close()
