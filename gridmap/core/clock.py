"""The time stamps GridMap stores (project created/modified, edit log, manual assignments), and the records'
times as a GeoPackage holds them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

RECORD_TIME_ZONE = timezone(timedelta(hours=8))
"""Records' times (``reported_at``…) are wall-clock China Standard Time (UTC+8, no daylight saving). A
GeoPackage holds a DATETIME in UTC with a trailing ``Z``: :func:`utc_times` on writing, :func:`local_times` on
reading (older projects hold naive times, which are read as they are)."""


def now() -> str:
    """The current UTC time as ISO 8601 to the second, e.g. ``2026-01-05T08:00:00+00:00``."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def utc_times(frame):
    """``frame`` with its naive datetime columns (China Standard Time) as UTC, as a GeoPackage stores them."""
    import pandas as pd

    naive = [c for c in frame.columns if pd.api.types.is_datetime64_dtype(frame[c].dtype)]
    return frame.assign(**{c: frame[c].dt.tz_localize(RECORD_TIME_ZONE).dt.tz_convert("UTC") for c in naive})


def local_times(frame):
    """``frame`` with its time-zone-aware datetime columns as naive China Standard Time."""
    import pandas as pd

    aware = [c for c in frame.columns if isinstance(frame[c].dtype, pd.DatetimeTZDtype)]
    return frame.assign(**{c: frame[c].dt.tz_convert(RECORD_TIME_ZONE).dt.tz_localize(None) for c in aware})
