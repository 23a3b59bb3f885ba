"""Typed accessors for the manual grid assignments (overrides) in a project's metadata.

They live in ``meta["overrides"][kind][id] = {"grid", "reason", "at"}`` and win over the point-in-grid result
every time records are (re)assigned. Reading never adds the key; the ``table`` functions hand out the stored
dicts themselves (changes to them are changes to the project)."""

from __future__ import annotations

OVERRIDES = "overrides"


def all_overrides(meta: dict) -> dict[str, dict[str, dict]]:
    """Every kind's overrides, ``{kind: {id: {"grid", "reason", "at"}}}`` (empty when there are none)."""
    return meta.get(OVERRIDES, {})


def overrides(meta: dict, kind: str) -> dict[str, dict]:
    """The overrides of ``kind`` records by id (empty when there are none)."""
    return all_overrides(meta).get(kind, {})


def override(meta: dict, kind: str, record_id: str) -> dict | None:
    """The override of one ``kind`` record, or None."""
    return overrides(meta, kind).get(record_id)


def overrides_table(meta: dict, kind: str) -> dict[str, dict]:
    """The stored overrides of ``kind`` by id, created empty if missing, for changing in place."""
    return meta.setdefault(OVERRIDES, {}).setdefault(kind, {})


def set_override(meta: dict, kind: str, record_id: str, value: dict | None) -> None:
    """Store the override of one ``kind`` record (``{"grid", "reason", "at"}``), or remove it (None)."""
    table = overrides_table(meta, kind)
    if value is None:
        table.pop(record_id, None)
    else:
        table[record_id] = value


def with_overrides(table: dict) -> dict:
    """Metadata holding only the overrides ``table`` (``{kind: {id: override}}``), e.g. for a snapshot."""
    return {OVERRIDES: table}
