"""The time stamps GridMap stores (project created/modified, edit log, manual assignments)."""

from __future__ import annotations

from datetime import datetime, timezone


def now() -> str:
    """The current UTC time as ISO 8601 to the second, e.g. ``2026-01-05T08:00:00+00:00``."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
