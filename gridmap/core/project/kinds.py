"""Record layers: incidents (事件), key persons (重点人员), key venues (重点场所), grid workers (网格员) and
visits (走访记录) to key persons and venues.

Each kind is a DataFrame in ``Project.layers[kind]`` with the standard columns of :data:`KINDS` first, then
whatever extra columns the source had. Every layer has ``id`` (text, unique in the layer) and ``grid_code``
(the grid the record belongs to, ``""`` when it lies outside every grid). Point kinds also have ``lon`` and
``lat`` in CGCS2000 degrees. Workers have no position: their ``grid_code`` lists their grids, separated by
``;``. Incidents' ``reported_at`` is a ``datetime64`` column. A visit names its target (``target_kind``
persons or venues, ``target_id``); its ``grid_code`` is the target's grid, its optional ``lon``/``lat`` the
check-in position, and ``far`` tells a check-in farther from the target than the project allows (see
:mod:`gridmap.core.visits.rules`). Tracks (巡查轨迹) are the GPS fixes of grid workers' patrols: ``worker``,
``time`` (``datetime64``), ``lon``, ``lat``, ``grid_code``.

Manual grid assignments (overrides) live in the project metadata (:mod:`gridmap.core.project.meta`,
``{"grid", "reason", "at"}`` by kind and id), and win over the point-in-grid result every time records are (re)assigned.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from gridmap.core.i18n import tr


class RecordKind(StrEnum):
    """The record kinds; each member equals its name as text (``RecordKind.INCIDENTS == "incidents"``)."""

    INCIDENTS = "incidents"
    PERSONS = "persons"
    VENUES = "venues"
    WORKERS = "workers"
    VISITS = "visits"
    TRACKS = "tracks"


@dataclass(frozen=True)
class Kind:
    """One record kind: its standard columns (after ``id``), the column its categories are in, and
    whether its records are points."""

    name: str
    columns: tuple[str, ...]
    category: str | None
    points: bool = True
    status: str | None = None
    time: str | None = None
    private: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    """For kinds whose files carry no ids (GPS fixes): the columns whose values make a record's id (a worker's
    fix at a time is ``worker@YYYYmmddHHMMSS``)."""


KINDS: dict[str, Kind] = {
    RecordKind.INCIDENTS: Kind(RecordKind.INCIDENTS, ("category", "reported_at", "status", "source", "address",
                                                      "description"), "category", status="status", time="reported_at"),
    RecordKind.PERSONS: Kind(RecordKind.PERSONS, ("name", "id_number", "phone", "category", "risk_level", "address"),
                             "category", private=("id", "id_number", "phone")),  # a person's id is often the ID number
    RecordKind.VENUES: Kind(RecordKind.VENUES, ("name", "type", "address", "owner", "phone"), "type",
                            private=("phone",)),
    RecordKind.WORKERS: Kind(RecordKind.WORKERS, ("name", "phone", "role"), "role", points=False, private=("phone",)),
    # a visit's target may be a person whose id is the ID number
    RecordKind.VISITS: Kind(RecordKind.VISITS, ("target_kind", "target_id", "worker", "visited_at", "result", "note"),
                            "result", points=False, time="visited_at", private=("target_id",)),
    RecordKind.TRACKS: Kind(RecordKind.TRACKS, ("worker", "time"), "worker", time="time", key=("worker", "time")),
}

# The kinds a visit can be to, and the visits' check-in columns (optional, so not ``points``).
TARGET_KINDS = (RecordKind.PERSONS, RecordKind.VENUES)
FAR = "far"

# The incident status that counts as resolved (办结) for the resolution rate.
CLOSED = "结案"

GRID = "grid_code"


def kind_label(kind: str) -> str:
    """The record kind as messages name it, translated."""
    return {"incidents": tr("incidents"), "persons": tr("key persons"), "venues": tr("key venues"),
            "workers": tr("grid workers"), "visits": tr("visits"), "tracks": tr("GPS track points")}[kind]


def empty_layer(kind: str) -> pd.DataFrame:
    """A layer of ``kind`` with no records and the standard columns."""
    spec = KINDS[kind]
    columns: dict[str, pd.Series] = {"id": pd.Series([], dtype="str")}
    for col in spec.columns:
        columns[col] = pd.Series([], dtype="datetime64[ns]" if col == spec.time else "str")
    if spec.points or kind == RecordKind.VISITS:
        columns["lon"] = pd.Series([], dtype="float64")
        columns["lat"] = pd.Series([], dtype="float64")
    columns[GRID] = pd.Series([], dtype="str")
    if kind == RecordKind.VISITS:
        columns[FAR] = pd.Series([], dtype="bool")
    return pd.DataFrame(columns)


def worker_grids(value: str) -> list[str]:
    """The grid codes in a worker's ``grid_code`` cell (``;``, ``,``, ``、`` or spaces between them)."""
    text = str(value or "")
    for sep in ",，、 ":
        text = text.replace(sep, ";")
    return [c for c in (p.strip() for p in text.split(";")) if c]


def mask_private(values: pd.Series) -> pd.Series:
    """ID and phone numbers masked as people expect: ``331002********1234`` and ``138****5678``.

    Only values holding at least 7 digits are numbers worth hiding; shorter ones (an internal ``RY12``) stay.
    The first 6 and last 4 characters of an ID number stay, the first 3 and last 4 of a mobile number, the
    last 2 of anything shorter."""
    text = values.astype("str").where(values.notna(), "")
    n = text.str.len()
    head = np.where(n >= 15, 6, np.where(n >= 11, 3, np.where(n > 8, 2, 0)))
    tail = np.where(n > 8, 4, np.minimum(n, 2))
    digits = text.str.count(r"\d").to_numpy()
    out = [t if d < 7 else t[:h] + "*" * (len(t) - h - k) + t[len(t) - k:]
           for t, h, k, d in zip(text.tolist(), head.tolist(), tail.tolist(), digits.tolist())]
    return pd.Series(out, index=values.index, dtype="str")


PRIVATE_KEY = "private_columns"
"""``meta[PRIVATE_KEY][kind]``: the columns of a layer marked private beyond the kind's standard ones."""


def private_columns(meta: dict, kind: str) -> list[str]:
    """The columns of layer ``kind`` holding ID or phone numbers: the kind's standard private columns (always),
    then those the project marks private (detected at import, or chosen by the user)."""
    marked = (meta.get(PRIVATE_KEY) or {}).get(kind) or []
    standard = KINDS[kind].private if kind in KINDS else ()
    return list(dict.fromkeys([*standard, *map(str, marked)]))


def set_private_columns(meta: dict, kind: str, columns) -> None:
    """Mark ``columns`` of layer ``kind`` private (replacing the earlier marks; standard ones stay private).
    ``meta``'s mapping of marks is replaced, not changed in place, so a copy of the project stays as it was."""
    extra = [c for c in dict.fromkeys(columns) if c not in KINDS[kind].private]
    meta[PRIVATE_KEY] = {**(meta.get(PRIVATE_KEY) or {}), kind: extra}


def masked(frame: pd.DataFrame, kind: str, meta: dict) -> pd.DataFrame:
    """``frame`` with the private columns of layer ``kind`` in a project with ``meta`` masked (see
    :func:`private_columns`); the frame is not changed."""
    cols = [c for c in private_columns(meta, kind) if c in frame.columns]
    if not cols:
        return frame
    out = frame.copy()
    for col in cols:
        out[col] = mask_private(out[col])
    return out
