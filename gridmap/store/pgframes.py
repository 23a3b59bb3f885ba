"""DataFrames in and out of PostgreSQL tables with COPY (CSV, ``\\N`` for null), geometries as EWKB.

Column types: booleans ``boolean``, integers ``bigint``, floats ``double precision``, times ``timestamptz`` (a
naive time in a frame is China Standard Time, as records' times are; read back the same way), the rest ``text``.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import shapely
from psycopg import sql

from gridmap.core.clock import RECORD_TIME_ZONE

SRID = 4490
NULL = "\\N"
CHUNK = 200_000
# Records' times are written with the offset and read back as naive China Standard Time.
_OFFSET = "+08:00"
assert RECORD_TIME_ZONE.utcoffset(None).total_seconds() == 8 * 3600


def pg_type(dtype) -> str:
    """The column type a frame column of ``dtype`` is stored as."""
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "bigint"
    if pd.api.types.is_float_dtype(dtype):
        return "double precision"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "timestamptz"
    return "text"


def ewkb_hex(geoms, multi: bool = False) -> np.ndarray:
    """Hex EWKB (SRID 4490) of ``geoms`` (None stays None); ``multi`` makes polygons multipolygons."""
    geoms = np.asarray(geoms, dtype=object)
    if multi:
        single = shapely.get_type_id(geoms) == 3
        geoms = geoms.copy()
        geoms[single] = shapely.multipolygons(geoms[single].reshape(-1, 1)) if single.any() else geoms[single]
    return shapely.to_wkb(shapely.set_srid(geoms, SRID), hex=True, include_srid=True, output_dimension=2)


_POINT_HEADER = np.frombuffer(bytes.fromhex("0101000020") + SRID.to_bytes(4, "little"), np.uint8)
"""Little-endian EWKB of a 2D point with SRID (type 0x20000001), before its two doubles."""


def point_ewkb(lon, lat) -> np.ndarray:
    """Hex EWKB points (SRID 4490) from lon/lat columns (None where a coordinate is missing), written directly:
    the same text as :func:`ewkb_hex` of the points, without making geometries."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    raw = np.empty((len(lon), 25), np.uint8)
    raw[:, :9] = _POINT_HEADER
    raw[:, 9:] = np.column_stack([lon, lat]).astype("<f8").view(np.uint8).reshape(-1, 16)
    text = np.frombuffer(raw.tobytes().hex().upper().encode("ascii"), "S50").astype(object)
    out = np.array([t.decode("ascii") for t in text], dtype=object)
    out[np.isnan(lon) | np.isnan(lat)] = None
    return out


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its times as text with their offset (COPY reads them exactly)."""
    out = {}
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            if isinstance(values.dtype, pd.DatetimeTZDtype):
                values = values.dt.tz_convert(RECORD_TIME_ZONE).dt.tz_localize(None)
            text = values.dt.strftime("%Y-%m-%dT%H:%M:%S.%f") + _OFFSET
            values = text.astype(object).where(values.notna(), None)
        out[col] = values
    return pd.DataFrame(out, index=frame.index)


def copy_in(cur, table: sql.Composable, frame: pd.DataFrame, extra: dict[str, np.ndarray] | None = None) -> None:
    """COPY ``frame``'s rows (and the ``extra`` columns, e.g. ``fid`` and ``geom``) into ``table``."""
    extra = extra or {}
    columns = [*map(str, frame.columns), *extra]
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv, NULL {})").format(
        table, sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Literal(NULL))
    with cur.copy(statement) as copy:
        for start in range(0, len(frame), CHUNK):
            part = _csv_ready(frame.iloc[start:start + CHUNK])
            part = part.set_axis(range(len(part.columns)), axis=1)
            for i, (name, values) in enumerate(extra.items()):
                part[len(frame.columns) + i] = values[start:start + CHUNK]
            buf = io.StringIO()
            part.to_csv(buf, index=False, header=False, na_rep=NULL)
            copy.write(buf.getvalue().encode())


def copy_out(cur, query: sql.Composable, types: dict[str, str]) -> pd.DataFrame:
    """The rows of ``query`` (its columns named and typed as ``types``, column name -> PostgreSQL type) read with
    COPY; times as naive China Standard Time (the query must select them ``AT TIME ZONE`` +08:00, see
    :func:`select_list`)."""
    buf = io.BytesIO()
    statement = sql.SQL("COPY ({}) TO STDOUT (FORMAT csv, NULL {})").format(query, sql.Literal(NULL))
    with cur.copy(statement) as copy:
        for data in copy:
            buf.write(data)
    buf.seek(0)
    names = list(types)
    if not buf.getbuffer().nbytes:
        return pd.DataFrame({n: pd.Series([], dtype=_dtype(t)) for n, t in types.items()})
    dtypes = {i: ("str" if t in ("timestamptz", "timestamp without time zone") else _dtype(t))
              for i, t in enumerate(types.values())}
    frame = pd.read_csv(buf, header=None, dtype=dtypes, keep_default_na=False, na_values=[NULL], encoding="utf-8")
    frame.columns = names
    for name, t in types.items():
        if t in ("timestamptz", "timestamp without time zone"):
            frame[name] = pd.to_datetime(frame[name], format="ISO8601").astype("datetime64[ns]")
        elif t == "boolean":
            frame[name] = frame[name].map({"t": True, "f": False}).astype("boolean")
    return frame


def _dtype(pgtype: str):
    return {"bigint": "Int64", "integer": "Int64", "smallint": "Int64", "double precision": "float64",
            "real": "float64", "boolean": "str", "timestamptz": "datetime64[ns]",
            "timestamp without time zone": "datetime64[ns]"}.get(pgtype, "str")


def select_list(types: dict[str, str]) -> sql.Composable:
    """The columns of ``types`` for a SELECT, times as naive China Standard Time."""
    items = []
    for name, t in types.items():
        if t == "timestamptz":
            items.append(sql.SQL("{} AT TIME ZONE INTERVAL '+08:00'").format(sql.Identifier(name)))
        else:
            items.append(sql.Identifier(name))
    return sql.SQL(", ").join(items)
