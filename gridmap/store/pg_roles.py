"""Who may do what in a PostGIS project: three group roles per database and the grants of each project schema.

- ``gridmap_<db>_viewer`` reads grids, plans, metadata and the edit log, and records only through the views
  ``<kind>_masked``, where ID and phone numbers are masked in SQL exactly as GridMap masks them
  (:func:`gridmap.core.project.kinds.mask_private`: first 6 / last 4 of an ID number, first 3 / last 4 of a
  mobile number).
- ``gridmap_<db>_editor`` also edits grids and records (every table's rows, the sequences, audit rows).
- ``gridmap_<db>_privacy_officer`` reads like a viewer, and reads private columns only through
  ``reveal_<kind>(reason)``: a ``SECURITY DEFINER`` function that writes a row to ``audit_log`` (who, when,
  which layer, how many records, the reason) and a line to the server log, then returns the rows as JSON. The
  officer has no SELECT on the base tables, so no read of private columns escapes the audit, whether it comes
  from GridMap or from psql.

:func:`apply_grants` (re)creates the masking function, the views, the reveal functions and the grants of one
schema; the PostGIS store calls it when it creates a schema, ``gridmap grant`` when it gives a role to a user.
The SQL is printed by ``gridmap grant URL --sql`` and documented in the README ("Shared database", "Roles").
"""

from __future__ import annotations

from psycopg import sql

from gridmap.core.project.kinds import KINDS, private_columns

ROLES = ("viewer", "editor", "privacy_officer")
AUDIT = "audit_log"
MASKED = "{kind}_masked"
REVEAL = "reveal_{kind}"
READ_TABLES = ("grids", "grid_plans", "gridmap_meta", "edit_log", "record_totals")
"""Tables every role reads as they are (no private columns)."""

MASK_FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.mask_private(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(regexp_replace(value, '[^0-9]', '', 'g')) < 7 THEN value
              ELSE left(value, h) || repeat('*', length(value) - h - k) || right(value, k) END
  FROM (SELECT CASE WHEN length(value) >= 15 THEN 6 WHEN length(value) >= 11 THEN 3
                    WHEN length(value) > 8 THEN 2 ELSE 0 END AS h,
               CASE WHEN length(value) > 8 THEN 4 ELSE least(length(value), 2) END AS k) AS m
$$"""
"""GridMap's masking in SQL: values with fewer than 7 digits stay; an ID number (15+ characters) keeps its
first 6 and last 4 characters, a mobile number (11+) its first 3 and last 4, anything over 8 characters its
first 2 and last 4, shorter ones their last 2."""

REVEAL_FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.{function}(reason text) RETURNS SETOF jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE n bigint;
BEGIN
  IF coalesce(btrim(reason), '') = '' THEN
    RAISE EXCEPTION 'a reason is required to reveal ID and phone numbers';
  END IF;
  RETURN QUERY SELECT to_jsonb(t) - 'geom' FROM {schema}.{table} AS t;
  GET DIAGNOSTICS n = ROW_COUNT;
  INSERT INTO {schema}.audit_log ("at", "user", host, action, layer, records, output, reason)
  VALUES (to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS'), session_user,
          coalesce(host(inet_client_addr()), 'local'), 'reveal', {layer}, n, 'database', reason);
  RAISE LOG 'gridmap: % revealed % records of %.% (reason: %)', session_user, n, {layer_schema}, {layer}, reason;
END $$"""
"""The privacy officer's one way to private columns: the audit row is written by the database in the same
transaction; the server-log line stays even if the caller rolls that transaction back."""


def role_names(dbname: str) -> dict[str, str]:
    """The group roles of database ``dbname``: {"viewer": "gridmap_<db>_viewer", ...}."""
    return {role: f"gridmap_{dbname}_{role}"[:63] for role in ROLES}


def _dbname(conn) -> str:
    """The database of a connection or a cursor."""
    return getattr(conn, "connection", conn).info.dbname


def role_statements(conn) -> list[sql.Composable]:
    """The SQL creating the database's three group roles (NOLOGIN) unless they exist."""
    return [sql.SQL("DO $$ BEGIN CREATE ROLE {} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
            .format(sql.Identifier(name)) for name in role_names(_dbname(conn)).values()]


def member_statements(conn, users: dict[str, list[str]]) -> list[sql.Composable]:
    """The SQL making login roles members of group roles: ``users`` maps a role of :data:`ROLES` to names."""
    names = role_names(_dbname(conn))
    return [sql.SQL("GRANT {} TO {}").format(sql.Identifier(names[role]), sql.Identifier(user))
            for role, members in users.items() for user in members]


def ensure_roles(conn) -> None:
    """Create the database's group roles if missing (needs CREATEROLE when one is)."""
    for statement in role_statements(conn):
        conn.execute(statement)


def record_tables(conn, schema: str) -> list[str]:
    """The record kinds that have a table in ``schema``."""
    rows = conn.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND c.relname = ANY(%s)",
                        (schema, list(KINDS))).fetchall()
    return [kind for kind in KINDS if (kind,) in rows]


def _columns(conn, schema: str, table: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
        "ORDER BY attnum", (f'"{schema}"."{table}"',)).fetchall()]


def _meta(conn, schema: str) -> dict:
    row = conn.execute(sql.SQL("SELECT value FROM {}.gridmap_meta WHERE key = 'private_columns'")
                       .format(sql.Identifier(schema))).fetchone()
    return {"private_columns": row[0]} if row else {}


def grant_statements(conn, schema: str) -> list[sql.Composable]:
    """The SQL giving the database's roles their rights on project ``schema`` (see the module docstring)."""
    roles = {k: sql.Identifier(v) for k, v in role_names(_dbname(conn)).items()}
    s = sql.Identifier(schema)
    meta = _meta(conn, schema)
    out: list[sql.Composable] = [sql.SQL(MASK_FUNCTION).format(schema=s)]
    everyone = sql.SQL(", ").join(roles.values())
    out.append(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, everyone))
    out.append(sql.SQL("REVOKE ALL ON FUNCTION {}.mask_private(text) FROM PUBLIC").format(s))
    out.append(sql.SQL("GRANT EXECUTE ON FUNCTION {}.mask_private(text) TO {}").format(s, everyone))
    readable = [t for t in READ_TABLES if t in _tables(conn, schema)]
    for table in readable:
        out.append(sql.SQL("GRANT SELECT ON {}.{} TO {}").format(s, sql.Identifier(table), everyone))
    for kind in record_tables(conn, schema):
        table, view, function = kind, MASKED.format(kind=kind), REVEAL.format(kind=kind)
        columns = _columns(conn, schema, table)
        private = set(private_columns(meta, kind))
        select = sql.SQL(", ").join(
            sql.SQL("{}.mask_private({}::text) AS {}").format(s, sql.Identifier(c), sql.Identifier(c))
            if c in private else sql.Identifier(c) for c in columns)
        out.append(sql.SQL("DROP VIEW IF EXISTS {}.{}").format(s, sql.Identifier(view)))
        out.append(sql.SQL("CREATE VIEW {}.{} AS SELECT {} FROM {}.{}").format(
            s, sql.Identifier(view), select, s, sql.Identifier(table)))
        out.append(sql.SQL("COMMENT ON VIEW {}.{} IS {}").format(
            s, sql.Identifier(view), sql.Literal(f"GridMap: {kind} with ID and phone numbers masked")))
        out.append(sql.SQL("GRANT SELECT ON {}.{} TO {}").format(s, sql.Identifier(view), everyone))
        out.append(sql.SQL(REVEAL_FUNCTION).format(
            schema=s, function=sql.Identifier(function), table=sql.Identifier(table), layer=sql.Literal(kind),
            layer_schema=sql.Literal(schema)))
        out.append(sql.SQL("REVOKE ALL ON FUNCTION {}.{}(text) FROM PUBLIC").format(s, sql.Identifier(function)))
        out.append(sql.SQL("GRANT EXECUTE ON FUNCTION {}.{}(text) TO {}").format(
            s, sql.Identifier(function), roles["privacy_officer"]))
        out.append(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {}.{} TO {}").format(
            s, sql.Identifier(table), roles["editor"]))
    for table in _tables(conn, schema):
        if table not in record_tables(conn, schema) and table != AUDIT:
            out.append(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {}.{} TO {}").format(
                s, sql.Identifier(table), roles["editor"]))
    if AUDIT in _tables(conn, schema):
        out.append(sql.SQL("GRANT SELECT, INSERT ON {}.{} TO {}, {}").format(
            s, sql.Identifier(AUDIT), roles["editor"], roles["privacy_officer"]))
    out.append(sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, roles["editor"]))
    out.append(sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(s, roles["privacy_officer"]))
    return out


def _tables(conn, schema: str) -> list[str]:
    """The tables of ``schema`` (partitions excluded: they are reached through their parent)."""
    return [r[0] for r in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname",
        (schema,)).fetchall()]


def apply_grants(conn, schema: str) -> None:
    """Create the roles if missing and give them their rights on ``schema``, in the caller's transaction.
    Run by the schema's owner (a superuser or the role that created it)."""
    ensure_roles(conn)
    for statement in grant_statements(conn, schema):
        conn.execute(statement)


def grant(conn, schema: str, users: dict[str, list[str]]) -> dict[str, list[str]]:
    """Apply the grants of ``schema`` and make each user a member of a role: ``users`` maps a role in
    :data:`ROLES` to login role names. Returns {group role: [users]}."""
    apply_grants(conn, schema)
    for statement in member_statements(conn, users):
        conn.execute(statement)
    names = role_names(_dbname(conn))
    return {names[role]: list(members) for role, members in users.items() if members}


def may_grant(conn, schema: str) -> bool:
    """Whether this connection can apply the grants of ``schema``: it owns the schema (or is a superuser),
    and the roles exist or it may create them."""
    row = conn.execute("""SELECT pg_has_role(n.nspowner, 'USAGE'), r.rolsuper OR r.rolcreaterole
        FROM pg_namespace n, pg_roles r WHERE n.nspname = %s AND r.rolname = current_user""", (schema,)).fetchone()
    if not row or not row[0]:
        return False
    exist = conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)",
                         (list(role_names(_dbname(conn)).values()),)).fetchone()[0]
    return bool(row[1]) or exist == len(ROLES)


def refresh(conn, schema: str) -> None:
    """Re-apply the grants after a schema change (a new table or column, other private columns) when this
    connection may (see :func:`may_grant`); otherwise the owner runs ``gridmap grant`` again."""
    if may_grant(conn, schema):
        apply_grants(conn, schema)


def readable(conn, schema: str, kind: str) -> str:
    """The relation a connection reads layer ``kind`` from: its table when it may SELECT it, else the masked
    view (a viewer or a privacy officer)."""
    table = f'"{schema}"."{kind}"'
    if conn.execute("SELECT has_table_privilege(%s, 'SELECT')", (table,)).fetchone()[0]:
        return kind
    return MASKED.format(kind=kind)


def may_read(conn, schema: str, table: str) -> bool:
    """Whether the connection may SELECT ``schema.table`` (false when it does not exist)."""
    row = conn.execute("SELECT to_regclass(%s)", (f'"{schema}"."{table}"',)).fetchone()
    return bool(row[0]) and conn.execute("SELECT has_table_privilege(%s, 'SELECT')",
                                         (f'"{schema}"."{table}"',)).fetchone()[0]
