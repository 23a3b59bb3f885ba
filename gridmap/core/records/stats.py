"""Record statistics per grid, rolled up per community, street and district (``gridmap stats``, the stats dock,
Identify on a grid).

Everything is counted with integer codes and ``np.bincount``: each record's text columns are factorized once
(a few thousand distinct grid codes, a few dozen categories), so a city's million incidents take a fraction
of a second.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from gridmap.core.errors import GridMapError
from gridmap.core.records.filters import RecordFilter
from gridmap.core.i18n import tr
from gridmap.core.outputs import neutralised, write_table, write_xlsx
from gridmap.core.project.kinds import CLOSED, GRID, KINDS, kind_label, mask_private, worker_grids

LEVELS = ("grid", "community", "street", "district")
"""Statistics levels, finest first."""

WORKFLOW = ("上报", "受理", "派遣", "处置", "反馈", "核查", "结案", "评价")
"""Incident statuses in workflow order; statuses outside it follow, most frequent first."""


LABELS = {
    "en": {"unassigned": "unassigned"},
    "zh": {"code": "编码", "name": "名称", "total": "合计", "closed": "已结案", "resolution_rate": "办结率",
           "district": "区县", "street": "街道/乡镇", "community": "社区/村", "workers": "网格员",
           "unassigned": "未分配网格"},
}
"""Headers of the standard columns of a CSV or XLSX file, and the name of its unassigned row, per ``--lang``
(English headers are the column names; JSON keeps them in every language). Category and status columns are
named by the data."""
RATE_FORMAT = "0.0%"
"""The XLSX number format of the resolution rate (the cell holds the fraction)."""
RATE_DIGITS = 3
"""Decimals of the resolution rate in CSV: the fraction 0.972 is 97.2 %."""

# The grid columns naming a unit of each level (the last one is the unit's name), and the context columns
# shown beside it.
_KEYS = {"grid": ("code",), "community": ("district", "street", "community"), "street": ("district", "street"),
         "district": ("district",)}
_CONTEXT = {"grid": ("district", "street", "community"), "community": ("district", "street"),
            "street": ("district",), "district": ()}
# Length of the code prefix a unit's grids share (district: 6-digit county code; street: + 3 digits).
_PREFIX = {"district": 6, "street": 9}


def _text(values) -> pd.Series:
    """A column as plain text, missing values as ``""``."""
    return pd.Series(values).astype("str").fillna("")


def _ranked(values: pd.Series, first: tuple[str, ...] = ()) -> tuple[np.ndarray, list[str]]:
    """Codes for ``values`` (-1 for blank) and the distinct values they index: those in ``first`` in that
    order, then the rest most frequent first (ties by name)."""
    codes, uniques = pd.factorize(values)
    uniques = [str(u) for u in uniques]
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    known = {name: i for i, name in enumerate(first)}
    order = sorted((i for i, u in enumerate(uniques) if u.strip()),
                   key=lambda i: (known.get(uniques[i], len(known)), -counts[i], uniques[i]))
    rank = np.full(len(uniques) + 1, -1)
    rank[order] = np.arange(len(order))
    return rank[codes], [uniques[i] for i in order]


def category_values(frame: pd.DataFrame, kind: str) -> list[str]:
    """The categories (venue types, worker roles) in a ``kind`` layer, most frequent first."""
    column = KINDS[kind].category
    return _ranked(frame[column])[1] if column in frame.columns else []


def status_values(frame: pd.DataFrame) -> list[str]:
    """The incident statuses in a layer, in workflow order."""
    return _ranked(frame["status"], WORKFLOW)[1] if "status" in frame.columns else []


def _units(grids: pd.DataFrame, by: str) -> tuple[pd.DataFrame, np.ndarray]:
    """The units of level ``by`` in code order (``code``, ``name`` and context columns), and each grid's unit."""
    if by not in LEVELS:
        raise GridMapError(tr("unknown level {level}; expected one of {expected}", level=repr(by),
                              expected=", ".join(LEVELS)))
    codes = _text(grids["code"]).to_numpy(object)
    columns = {c: _text(grids[c]).to_numpy(object) for c in ("name", "district", "street", "community")}
    if by == "grid":
        group = np.arange(len(codes))
        names = columns["name"]
    else:
        keys = _KEYS[by]
        group = pd.DataFrame({k: columns[k] for k in keys}).groupby(list(keys), sort=False).ngroup().to_numpy()
        names = columns[keys[-1]]
    first = pd.Series(codes).groupby(group).min().to_numpy(object)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    unit = rank[group]
    lead = pd.Series(np.arange(len(unit))).groupby(unit).first().to_numpy(np.int64)  # one grid of each unit
    frame = pd.DataFrame({"code": codes[lead], "name": names[lead],
                          **{c: columns[c][lead] for c in _CONTEXT[by]}})
    if by in _PREFIX:
        size = _PREFIX[by]
        prefix = pd.Series(codes).str[:size]
        ok = prefix.str.fullmatch(rf"\d{{{size}}}")
        shared = (prefix.groupby(unit).nunique() == 1) & ok.groupby(unit).all()
        frame["code"] = np.where(shared.to_numpy(), prefix.to_numpy(object)[lead], "")
    elif by == "community":
        frame["code"] = ""
    return frame, unit


def _grid_of(values: pd.Series, grid_codes: np.ndarray) -> np.ndarray:
    """Row in ``grid_codes`` of each value, -1 for none (factorized first: far fewer distinct codes than rows)."""
    codes, uniques = pd.factorize(values)
    where = np.append(pd.Index(grid_codes).get_indexer(np.asarray(uniques, dtype=object)), -1)
    return where[codes]


def _assignments(frame: pd.DataFrame, kind: str, grid_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(record row, grid row or -1) pairs: one per record, or per listed grid for workers."""
    if KINDS[kind].points:
        return np.arange(len(frame)), _grid_of(frame[GRID], grid_codes)
    lists = [worker_grids(v) for v in _text(frame[GRID]).tolist()]
    rows = np.repeat(np.arange(len(frame)), [max(len(c), 1) for c in lists])
    cells = pd.Series([c for cs in lists for c in (cs or [""])], dtype="str")
    return rows, _grid_of(cells, grid_codes)


def _layer(project, kind: str) -> pd.DataFrame:
    if kind not in KINDS:
        raise GridMapError(tr("unknown record kind {kind}; expected one of {expected}", kind=repr(kind),
                              expected=", ".join(KINDS)))
    if kind not in project.layers:
        raise GridMapError(tr("the project has no {layer} layer", layer=kind_label(kind)), project.path)
    return project.layers[kind]


def _unique_name(name: str, taken: set[str], prefix: str) -> str:
    name = name if name not in taken else f"{prefix}:{name}"
    taken.add(name)
    return name


def _bincount(keys: np.ndarray, weights: np.ndarray | None, size: int) -> np.ndarray:
    """How many times each key in 0..size-1 occurs, or the sum of its ``weights``, as integers."""
    return np.bincount(keys, weights=weights, minlength=size).astype(np.int64)


def _counts(keys: np.ndarray, values: np.ndarray, units: int, width: int,
            weights: np.ndarray | None = None) -> np.ndarray:
    """units × width matrix counting each (key, value) pair (or summing its ``weights``); values < 0 are not
    counted."""
    ok = values >= 0
    return _bincount(keys[ok] * width + values[ok], None if weights is None else weights[ok],
                     units * width).reshape(units, width)


def record_stats(project, kind: str, by: str = "grid", filt: RecordFilter | None = None) -> pd.DataFrame:
    """One row per unit of level ``by`` (every unit, in code order; at grid level a last ``unassigned`` row with
    code ``""`` when records lie outside every grid): ``code``, ``name``, ``total``, one column per category
    (most frequent first); for incidents one per status, ``closed`` and ``resolution_rate``; then the context
    columns and, at grid level, ``workers`` (names joined with "、"). ``attrs["statuses"]`` names the status
    columns.

    The resolution rate is closed / records with a known status: a record with no status is not unresolved,
    and a unit with no known status (or a layer with no status column) has no rate (NaN).

    Only records passing ``filt`` count. A worker counts once in each unit any of his grids is in.

    When the project's store counts a layer not read into memory (``project.layers.record_counts``, a SQL
    aggregate on PostGIS), the table is built from those counts (:func:`counts_stats`) and the layer is not read."""
    counted = stored_counts(project, kind, filt)
    if counted is not None:
        return counts_stats(project, kind, by, *counted)
    frame = _layer(project, kind)
    spec = KINDS[kind]
    units, unit_of_grid = _units(project.grids, by)
    n = len(units)
    grid_codes = _text(project.grids["code"]).to_numpy(object)
    rows, grid = _assignments(frame, kind, grid_codes)
    unit = np.append(unit_of_grid, n)[grid]  # grid -1 (none) -> n: unassigned
    keep = np.ones(len(frame), dtype=bool) if filt is None else filt.mask(frame, kind)
    pick = keep[rows]
    if not spec.points:
        pick &= ~pd.DataFrame({"r": rows, "u": unit}).duplicated().to_numpy()
    rows, unit = rows[pick], unit[pick]
    values = {}
    for column, first in ((spec.category, ()), (spec.status, WORKFLOW)):
        if column and column in frame.columns:
            codes, names = _ranked(frame[column], first)
            values[column] = (codes[rows], names)
    return _table(project, kind, by, units, unit_of_grid, unit, values)


def stored_counts(project, kind: str, filt: RecordFilter | None) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """``(counts, totals)`` from the project's store for a point layer not read into memory, else None:
    ``counts`` holds ``grid_code, category, status, n`` of the records passing ``filt`` (see
    :meth:`ProjectStore.record_counts`), ``totals`` (its ``attrs["totals"]``) ``column, value, n`` over every
    record of the layer, what orders the category and status columns."""
    if kind not in KINDS or not KINDS[kind].points:
        return None
    counts = project.layers.record_counts(kind, filt)
    if counts is None or counts.attrs.get("totals") is None:
        return None
    return counts, counts.attrs["totals"]


def totals_values(totals: pd.DataFrame, key: str, first: tuple[str, ...] = ()) -> list[str]:
    """The values of ``key`` (``category`` or ``status``) in a store's ``totals`` (see :func:`stored_counts`) in
    the order :func:`category_values` and :func:`status_values` give a layer's: those in ``first`` in that order,
    then the rest most frequent first (ties by name); blanks left out."""
    part = totals[totals["column"] == key]
    known = {name: i for i, name in enumerate(first)}
    order = sorted(((str(v), int(c)) for v, c in zip(part["value"], part["n"]) if pd.notna(v) and str(v).strip()),
                   key=lambda vc: (known.get(vc[0], len(known)), -vc[1], vc[0]))
    return [v for v, _ in order]


def counts_stats(project, kind: str, by: str, counts: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """The :func:`record_stats` table built from counts of records per grid code, category and status (see
    :func:`stored_counts`), equal to the table counted from the layer itself."""
    spec = KINDS[kind]
    units, unit_of_grid = _units(project.grids, by)
    grid = _grid_of(counts["grid_code"], _text(project.grids["code"]).to_numpy(object))
    unit = np.append(unit_of_grid, len(units))[grid]
    values = {}
    for column, key, first in ((spec.category, "category", ()), (spec.status, "status", WORKFLOW)):
        if column and (totals["column"] == key).any():
            names = totals_values(totals, key, first)
            values[column] = (pd.Index(names).get_indexer(counts[key].astype(object)), names)
    return _table(project, kind, by, units, unit_of_grid, unit, values, counts["n"].to_numpy(np.int64))


def _table(project, kind: str, by: str, units: pd.DataFrame, unit_of_grid: np.ndarray, unit: np.ndarray,
           values: dict[str, tuple[np.ndarray, list[str]]], weights: np.ndarray | None = None) -> pd.DataFrame:
    """The :func:`record_stats` table from each counted item's ``unit`` (``len(units)``: unassigned), the
    ``values`` of its category and status columns (codes into the names, -1 for blank) and its weight (a
    number of records; default 1 each)."""
    spec = KINDS[kind]
    n = len(units)
    total = _bincount(unit, weights, n + 1)
    out = units[["code", "name"]].copy()
    out["total"] = total[:n]
    taken = {"code", "name", "total", "closed", "resolution_rate", "workers", *_CONTEXT["grid"]}
    columns: dict[str, np.ndarray] = {}
    closed = np.zeros(n + 1, dtype=np.int64)
    known = np.zeros(n + 1, dtype=np.int64)  # records with a status
    statuses: list[str] = []
    for column in (spec.category, spec.status):
        if column in values:
            codes, names = values[column]
            matrix = _counts(unit, codes, n + 1, len(names), weights)
            named = [_unique_name(name, taken, column) for name in names]
            columns.update(zip(named, matrix.T))
            if column == spec.status:
                statuses, known = named, matrix.sum(axis=1)
                if CLOSED in names:
                    closed = matrix[:, names.index(CLOSED)]
    if spec.status:
        columns["closed"] = closed
        columns["resolution_rate"] = resolution_rate(closed, known)
    for name, column_values in columns.items():
        out[name] = column_values[:n]
    for column in _CONTEXT[by]:
        out[column] = units[column]
    if by == "grid":
        grid_codes = _text(project.grids["code"]).to_numpy(object)
        out["workers"] = _worker_names(project, grid_codes, unit_of_grid, n)
        if total[n]:
            extra = {c: "" for c in out.columns}
            extra.update({"name": tr("unassigned"), "total": total[n], **{k: v[n] for k, v in columns.items()}})
            out = pd.concat([out, pd.DataFrame([extra])], ignore_index=True)
    out.attrs["statuses"] = statuses
    out.attrs["unassigned"] = by == "grid" and bool(total[n])
    return out


def stats_labels(lang: str) -> dict[str, str]:
    """The headers (and unassigned row name) of a stats file in ``lang`` ("zh" or "en")."""
    if lang not in LABELS:
        raise GridMapError(tr("unknown language {lang}; expected one of {expected}", lang=repr(lang),
                              expected=", ".join(LABELS)))
    return LABELS[lang]


def _for_people(frame: pd.DataFrame, labels: Mapping[str, str] | None) -> pd.DataFrame:
    """``frame`` with its standard columns headed by ``labels`` (a header the data already uses gets the
    column's name after it) and its unassigned row named by ``labels["unassigned"]``."""
    if not labels:
        return frame
    frame = frame.copy()
    if frame.attrs.get("unassigned") and "unassigned" in labels:
        frame.loc[frame.index[-1], "name"] = labels["unassigned"]
    names = {str(c) for c in frame.columns}
    headers = {column: label if label not in names else f"{label} ({column})"
               for column, label in labels.items() if column in names and column != "unassigned"}
    return frame.rename(columns=headers)


def resolution_rate(closed, known):
    """Closed / records with a known status, NaN where none is known (arrays or numbers)."""
    closed, known = np.asarray(closed, dtype=float), np.asarray(known, dtype=float)
    rate = np.where(known > 0, closed / np.maximum(known, 1), np.nan)
    return rate if rate.ndim else float(rate)


def overall_resolution_rate(table: pd.DataFrame, rows=None) -> float:
    """The resolution rate over the units of a :func:`record_stats` table (``rows``: a boolean mask, default
    all), NaN when no record has a known status."""
    part = table if rows is None else table[rows]
    statuses = table.attrs.get("statuses") or []
    return resolution_rate(part["closed"].sum() if "closed" in part else 0,
                           part[statuses].to_numpy().sum() if statuses else 0)


def _worker_names(project, grid_codes: np.ndarray, unit_of_grid: np.ndarray, n: int) -> np.ndarray:
    """Per grid unit, its workers' names joined with "、" (``""`` without a workers layer)."""
    names = np.full(n, "", dtype=object)
    workers = project.layers.get("workers")
    if workers is None or "name" not in workers.columns:
        return names
    rows, grid = _assignments(workers, "workers", grid_codes)
    ok = grid >= 0
    lists: dict[int, list[str]] = {}
    for unit, name in zip(unit_of_grid[grid[ok]].tolist(), _text(workers["name"]).to_numpy(object)[rows[ok]]):
        lists.setdefault(unit, []).append(name)
    names[list(lists)] = ["、".join(v) for v in lists.values()]
    return names


def unit_grid_rows(grids: pd.DataFrame, by: str, unit: Mapping) -> np.ndarray:
    """Row positions in ``grids`` of the grids making up a unit (a row of :func:`record_stats` at level ``by``)."""
    if by == "grid":
        match = _text(grids["code"]) == str(unit["code"])
    else:
        keys = _KEYS[by]
        values = {**{k: unit.get(k, "") for k in keys[:-1]}, keys[-1]: unit["name"]}
        match = np.logical_and.reduce([_text(grids[k]) == str(v) for k, v in values.items()])
    return np.flatnonzero(np.asarray(match))


def grid_profile(project, code: str, filters: Mapping[str, RecordFilter] | None = None) -> dict:
    """What one grid holds, for Identify: ``code``, ``name``, and per record kind in the project ``total``,
    ``categories`` {category: count} (most frequent first) and ``rows`` (row positions in the layer); for
    incidents also ``statuses``, ``closed`` and ``resolution_rate`` (NaN with no known status); for workers ``people``, a list of
    {name, phone (masked), role}. ``filters`` holds a RecordFilter per kind (kinds missing from it are not filtered)."""
    grids = project.grids
    row = np.flatnonzero(_text(grids["code"]).to_numpy(object) == str(code))
    if not len(row):
        raise GridMapError(tr("no grid with code {code}", code=code), project.path)
    record = grids.iloc[int(row[0])]
    out = {"code": str(code), "name": str(record["name"])}
    codes = np.array([str(code)], dtype=object)
    for kind, spec in KINDS.items():
        filt = (filters or {}).get(kind)
        if kind in project.layers and project.layers.serves_points(kind):
            out[kind] = _served_profile(project, kind, str(code), filt)
            continue
        frame = project.layers.get(kind)
        if frame is None:
            continue
        rows, grid = _assignments(frame, kind, codes)
        mine = np.unique(rows[grid == 0])
        if filt is not None:
            mine = mine[filt.mask(frame, kind)[mine]]
        part = frame.iloc[mine]
        entry = {"total": len(mine), "rows": mine.tolist(), "categories": _value_counts(part, spec.category)}
        if spec.status:
            entry["statuses"] = _value_counts(part, spec.status, WORKFLOW)
            entry["closed"] = entry["statuses"].get(CLOSED, 0)
            entry["resolution_rate"] = resolution_rate(entry["closed"], sum(entry["statuses"].values()))
        if kind == "workers":
            phones = mask_private(part["phone"]) if "phone" in part.columns else pd.Series([""] * len(part))
            entry["people"] = [{"name": str(r.get("name", "")), "phone": p, "role": str(r.get("role", ""))}
                               for r, p in zip(part.to_dict("records"), phones)]
        out[kind] = entry
    return out


def _served_profile(project, kind: str, code: str, filt: RecordFilter | None) -> dict:
    """:func:`grid_profile`'s entry for a layer the store serves (not read): counted by the store, no rows."""
    counts, totals = stored_counts(project, kind, filt)
    mine = counts[counts["grid_code"].astype(str) == code]
    entry = {"total": int(mine["n"].sum()), "rows": []}
    for key, first in (("category", ()), ("status", WORKFLOW)):
        if key == "category" or KINDS[kind].status:
            per = mine.groupby(mine[key].astype(object).fillna(""))["n"].sum()
            entry[key if key == "status" else "categories"] = {
                name: int(per[name]) for name in totals_values(totals, key, first) if per.get(name, 0)}
    if "status" in entry:
        entry["statuses"] = entry.pop("status")
        entry["closed"] = entry["statuses"].get(CLOSED, 0)
        entry["resolution_rate"] = resolution_rate(entry["closed"], sum(entry["statuses"].values()))
    return entry


def _value_counts(frame: pd.DataFrame, column: str | None, first: tuple[str, ...] = ()) -> dict[str, int]:
    if column not in frame.columns:
        return {}
    codes, names = _ranked(frame[column], first)
    counts = np.bincount(codes[codes >= 0], minlength=len(names))
    return {name: int(c) for name, c in zip(names, counts)}


def stats_text(frame: pd.DataFrame, fmt: str, labels: Mapping[str, str] | None = None) -> str:
    """``frame`` as CSV (headed by ``labels``, see :data:`LABELS`; the resolution rate rounded to
    :data:`RATE_DIGITS`) or JSON text (a list of records with the column names as keys; NaN as null)."""
    if fmt == "csv":
        if "resolution_rate" in frame.columns:
            frame = frame.assign(resolution_rate=frame["resolution_rate"].round(RATE_DIGITS))
        return _for_people(neutralised(frame), labels).to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False)
    raise GridMapError(tr("unknown format {format}; expected one of {expected}", format=repr(fmt),
                          expected="csv, json"))


def write_stats(frame: pd.DataFrame, path: Path | str, fmt: str | None = None,
                labels: Mapping[str, str] | None = None) -> Path:
    """Write ``frame`` as ``fmt`` (csv, json, xlsx; default: from the suffix). CSV and XLSX are headed by
    ``labels`` (see :func:`stats_labels`; default the column names); JSON keeps the column names. XLSX shows
    the resolution rate as a percentage with one decimal, CSV rounds it (see :func:`stats_text`). CSV is UTF-8
    with a BOM so that Excel opens it on Chinese Windows; text cells never become formulas. Atomic: the file is
    written in a private folder beside ``path`` and renamed over it; a GridMap project is never replaced."""
    def xlsx(tmp: Path) -> None:
        table = _for_people(frame, labels)
        rate = {str(table.columns[frame.columns.get_loc("resolution_rate")]): RATE_FORMAT} \
            if "resolution_rate" in frame.columns else {}
        write_xlsx(table, tmp, where=Path(path), formats=rate)

    return write_table(path, fmt, lambda f: stats_text(frame, f, labels), xlsx)


def parse_day(text: str) -> pd.Timestamp:
    """A calendar day written ``2026-01-05``, ``2026/1/5`` or ``2026年1月5日``; ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", str(text))
    if not match:
        raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD)")
    return pd.Timestamp(*map(int, match.groups()))


def day_filter(first: pd.Timestamp | None = None, last: pd.Timestamp | None = None, **choices) -> RecordFilter:
    """The filter for the days ``first`` to ``last``, both whole days included (None: open), plus ``choices``
    (``categories``, ``statuses``)."""
    end = None if last is None else pd.Timestamp(last).normalize() + pd.Timedelta(days=1)
    start = None if first is None else pd.Timestamp(first).normalize()
    return RecordFilter(start=start, end=end, **choices)


# Per-grid values the map can colour grids by (a choropleth): name -> (record kind or None, column).
STATISTICS = {
    "incidents": ("incidents", "total"),
    "open_incidents": ("incidents", "open"),
    "resolution_rate": ("incidents", "resolution_rate"),
    "persons": ("persons", "total"),
    "venues": ("venues", "total"),
    "workers": ("workers", "total"),
    "households": (None, "households"),
    "visit_coverage": ("visits", "coverage"),
    "visit_overdue": ("visits", "overdue"),
}
HIGHER_IS_BETTER = ("visit_coverage",)
"""Statistics whose low values are the ones to look at (their choropleth runs from red to yellow)."""


def grid_statistic(project, name: str, filters: Mapping[str, RecordFilter] | None = None, day=None) -> np.ndarray:
    """One value of statistic ``name`` (see :data:`STATISTICS`) per grid row, for a choropleth: record counts
    pass ``filters[kind]``; a resolution rate is NaN where a grid has no incidents; a missing layer counts 0.
    The visit statistics are for ``day`` (default :func:`gridmap.core.visits.history.default_day`): coverage in
    percent (NaN where a grid has no key person or venue) and the targets overdue or never visited."""
    if name not in STATISTICS:
        raise GridMapError(tr("unknown statistic {name}; expected one of {expected}", name=repr(name),
                              expected=", ".join(STATISTICS)))
    kind, column = STATISTICS[name]
    grids = project.grids
    if kind is None:
        return pd.to_numeric(grids[column], errors="coerce").to_numpy(float)
    if kind == "visits":
        from gridmap.core.visits.due import visit_coverage, visit_status
        from gridmap.core.visits.history import default_day

        table = visit_coverage(visit_status(project, default_day(project) if day is None else day), "grid", project)
        table = table[table["grid_code"] != ""]
        values = table["overdue"] + table["never"] if column == "overdue" else table["coverage"]
        by_code = pd.Series(values.to_numpy(float), index=table["grid_code"].to_numpy(object))
        return by_code.reindex(_text(grids["code"]).to_numpy(object)).to_numpy(float)
    if kind not in project.layers:
        return np.zeros(len(grids)) if column != "resolution_rate" else np.full(len(grids), np.nan)
    table = record_stats(project, kind, "grid", (filters or {}).get(kind))
    table = table[table["code"] != ""]
    values = table["total"] - table["closed"] if column == "open" else table[column]
    by_code = pd.Series(values.to_numpy(float), index=table["code"].to_numpy(object))
    return by_code.reindex(_text(grids["code"]).to_numpy(object)).to_numpy(float)


def refresh_grid_stats(project, table: pd.DataFrame, kind: str, codes, filt: RecordFilter | None = None
                       ) -> pd.DataFrame:
    """A grid-level ``table`` of :func:`record_stats` brought up to date after the grids ``codes`` (and
    the records in them) changed: only their records and the unassigned ones are counted again, so an edit
    on a city with a million incidents refreshes in milliseconds. Rows of grids gone are dropped."""
    from gridmap.core.project.model import Project

    codes = set(codes)
    grids = project.grids
    layer = _layer(project, kind)
    grid_text = _text(layer[GRID])
    if KINDS[kind].points:
        touched = grid_text.isin(codes | {""}).to_numpy()
    else:
        touched = np.array([not worker_grids(v) or bool(codes & set(worker_grids(v))) for v in grid_text])
    layers = {kind: layer.take(np.flatnonzero(touched))}
    if kind != "workers" and "workers" in project.layers:
        workers = project.layers["workers"]
        mentions = _text(workers[GRID]).str.contains("|".join(re.escape(c) for c in codes), regex=True)
        layers["workers"] = workers.take(np.flatnonzero(mentions.to_numpy()))
    part = record_stats(Project(grids[_text(grids["code"]).isin(codes).to_numpy()], project.meta, layers=layers),
                        kind, "grid", filt)
    counts = [c for c in table.columns if c not in ("code", "name", "resolution_rate", *_CONTEXT["grid"], "workers")]
    part = part.reindex(columns=table.columns)
    part[counts] = part[counts].fillna(0).astype(table[counts].dtypes.to_dict())
    kept = table[~table["code"].isin(codes | {""})]
    out = pd.concat([kept, part[part["code"] != ""], part[part["code"] == ""]], ignore_index=True)
    return out.sort_values("code", key=lambda c: c.eq("").astype(str) + c, kind="stable").reset_index(drop=True)
