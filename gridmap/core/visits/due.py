"""Who is due a visit: each key person and venue's last visit, due date and status on a day, and coverage per grid,
community, street, district and worker.

The state is the one at the start of the day (the morning brief's view): visits before the day count. A target
last visited on day L under an N-day rule is due on day L + N; on a later day it is overdue by the days since.
So a person visited on day 0 and day 8 under a 7-day rule is overdue on day 8 only, by one day. A target is
``due_soon`` within the rules' ``soon_days`` before its due date, ``never`` without a visit before the day.

A target's worker is the grid worker responsible for its grid: of the workers listing the grid, the first
full-time one (专职), else the first.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.outputs import neutralised, write_table, write_xlsx
from gridmap.core.project.kinds import GRID, TARGET_KINDS, private_columns, mask_private, worker_grids
from gridmap.core.records.assign import index_in
from gridmap.core.visits.rules import visit_rules

STATUSES = ("on_time", "due_soon", "overdue", "never")
BY = ("grid", "community", "street", "district", "worker")
# The target column a kind's category is in.
CATEGORY = {"persons": "category", "venues": "type"}
_KEYS = {"grid": ["grid_code", "grid_name", "community", "street", "district"],
         "community": ["district", "street", "community"], "street": ["district", "street"],
         "district": ["district"], "worker": ["worker_id", "worker"]}
OVERDUE_COLUMNS = ["target_kind", "target_id", "name", "category", "grid_code", "street", "worker", "last_visit",
                   "due", "days_overdue", "status"]

LABELS = {
    "zh": {"target_kind": "对象类型", "target_id": "对象编号", "name": "名称", "category": "类别",
           "grid_code": "网格编码", "grid_name": "网格名称", "community": "社区/村", "street": "街道/乡镇",
           "district": "区县", "worker": "网格员", "worker_id": "网格员编号", "last_visit": "最近走访",
           "due": "应走访日期", "days_overdue": "逾期天数", "status": "状态", "targets": "走访对象数",
           "on_time": "按时", "due_soon": "即将到期", "overdue": "逾期", "never": "从未走访", "coverage": "覆盖率(%)",
           "persons": "重点人员", "venues": "重点场所", "on_time_status": "按时", "due_soon_status": "即将到期",
           "overdue_status": "逾期", "never_status": "从未走访"},
    "en": {},
}
"""Headers (and kind and status names) of visit tables written as CSV or XLSX, per ``--lang``."""


def visit_status(project, day) -> pd.DataFrame:
    """One row per key person and venue on ``day`` (see the module docstring): ``target_kind, target_id, name,
    category, grid_code, grid_name, community, street, district, worker_id, worker, interval_days, last_visit,
    due, days_overdue, status, lon, lat``. ``days_overdue`` is 0 unless overdue, NaN for ``never``."""
    day = pd.Timestamp(day).normalize()
    rules = visit_rules(project.meta)
    parts, last = [], []
    visits = project.layers["visits"] if "visits" in project.layers else None
    if visits is not None:
        before = (visits["visited_at"] < day).to_numpy(dtype=bool)
        v_time = visits["visited_at"].to_numpy(dtype="datetime64[ns]").astype(np.int64)
    for kind in TARGET_KINDS:
        if kind not in project.layers:
            continue
        layer = project.layers[kind]
        n = len(layer)
        column = CATEGORY[kind]
        parts.append(pd.DataFrame({
            "target_kind": np.full(n, kind, dtype=object),
            "target_id": layer["id"].to_numpy(dtype=object),
            "name": _text(layer, "name", n),
            "category": _text(layer, column, n),
            GRID: _text(layer, GRID, n),
            "interval_days": rules.days_for(kind, layer),
            "lon": layer["lon"].to_numpy(float),
            "lat": layer["lat"].to_numpy(float),
        }))
        latest = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
        if visits is not None and n:
            at = index_in(visits["target_id"], layer["id"])
            hit = np.flatnonzero(before & (at >= 0) & (visits["target_kind"] == kind).to_numpy(dtype=bool))
            np.maximum.at(latest, at[hit], v_time[hit])
        last.append(latest)
    if not parts:
        return _empty()
    out = pd.concat(parts, ignore_index=True)
    latest = np.concatenate(last)
    never = latest == np.iinfo(np.int64).min
    last_visit = latest.astype("datetime64[ns]")
    last_visit[never] = np.datetime64("NaT")
    last_day = last_visit.astype("datetime64[D]")
    due = last_day + out["interval_days"].to_numpy().astype("timedelta64[D]")
    late = (np.datetime64(day.date(), "D") - due).astype(np.float64)  # NaN (NaT) for never
    status = np.where(never, "never", np.where(late > 0, "overdue",
                                               np.where(late >= -rules.soon_days, "due_soon", "on_time")))
    out["last_visit"] = last_visit
    out["due"] = due.astype("datetime64[ns]")
    out["days_overdue"] = np.where(never, np.nan, np.maximum(late, 0))
    out["status"] = status.astype(object)
    _places(project, out)
    cols = ["target_kind", "target_id", "name", "category", GRID, "grid_name", "community", "street", "district",
            "worker_id", "worker", "interval_days", "last_visit", "due", "days_overdue", "status", "lon", "lat"]
    return out[cols]


def _text(layer: pd.DataFrame, column: str, n: int) -> np.ndarray:
    if column not in layer.columns:
        return np.full(n, "", dtype=object)
    return layer[column].astype("str").fillna("").to_numpy(dtype=object)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in (
        ("target_kind", object), ("target_id", object), ("name", object), ("category", object), (GRID, object),
        ("grid_name", object), ("community", object), ("street", object), ("district", object),
        ("worker_id", object), ("worker", object), ("interval_days", np.int64), ("last_visit", "datetime64[ns]"),
        ("due", "datetime64[ns]"), ("days_overdue", float), ("status", object), ("lon", float), ("lat", float))})


def _places(project, out: pd.DataFrame) -> None:
    """The grid's name, community, street and district, and the grid's responsible worker, of each target."""
    grids = project.grids
    at = pd.Index(grids["code"].to_numpy(dtype=object)).get_indexer(out[GRID].to_numpy(dtype=object))
    for column, name in (("grid_name", "name"), ("community", "community"), ("street", "street"),
                         ("district", "district")):
        values = np.append(grids[name].astype("str").fillna("").to_numpy(dtype=object), "")
        out[column] = values[at]  # -1 (no grid) takes the "" appended
    workers = grid_workers(project)
    wat = pd.Index(workers.index.to_numpy(dtype=object)).get_indexer(out[GRID].to_numpy(dtype=object))
    for column in ("worker_id", "worker"):
        values = np.append(workers[column].to_numpy(dtype=object), "")
        out[column] = values[wat]


def grid_workers(project) -> pd.DataFrame:
    """The responsible worker (``worker_id``, ``worker`` name) of each grid code that has one, indexed by code."""
    if "workers" not in project.layers or not len(project.layers["workers"]):
        return pd.DataFrame({"worker_id": [], "worker": []}, index=pd.Index([], dtype=object))
    workers = project.layers["workers"]
    role = _text(workers, "role", len(workers))
    rows, codes = _worker_grid_codes(_text(workers, GRID, len(workers)))
    table = pd.DataFrame({"code": codes, "full_time": ["专职" in role[r] for r in rows], "row": rows})
    first = table.sort_values(["full_time", "row"], ascending=[False, True], kind="stable").drop_duplicates("code")
    return pd.DataFrame({"worker_id": _text(workers, "id", len(workers))[first["row"].to_numpy()],
                         "worker": _text(workers, "name", len(workers))[first["row"].to_numpy()]},
                        index=pd.Index(first["code"].to_numpy(dtype=object)))


def _worker_grid_codes(cells: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each grid code of the workers' ``grid_code`` cells (as :func:`worker_grids` splits them) and its row: split
    at once when no cell holds whitespace but spaces (nothing for ``strip`` to do), else cell by cell."""
    if not re.search(r"[^\S ]", "".join(cells)):
        import pyarrow as pa
        import pyarrow.compute as pc

        text = pa.array(cells, type=pa.string())
        for sep in ",，、 ":
            text = pc.replace_substring(text, sep, ";")
        parts = pc.split_pattern(text, ";")
        codes, rows = pc.list_flatten(parts), pc.list_parent_indices(parts)
        keep = pc.not_equal(codes, "")
        return rows.filter(keep).to_numpy().astype(np.int64), codes.filter(keep).to_pylist()
    pairs = [(i, code) for i, value in enumerate(cells) for code in worker_grids(value)]
    return np.array([i for i, _ in pairs], dtype=np.int64), [code for _, code in pairs]


def visit_coverage(status: pd.DataFrame, by: str = "grid", project=None) -> pd.DataFrame:
    """Per unit ``by`` (grid, community, street, district or worker) of a :func:`visit_status` table: the unit's
    columns, then ``targets, on_time, due_soon, overdue, never, coverage``. ``on_time`` counts the targets not
    overdue (so it includes ``due_soon``); ``coverage`` is ``on_time`` in percent of ``targets``, NaN without
    targets. With ``project`` every unit of it is listed (its grids, or its workers), also those without
    targets; targets in no grid (or whose grid has no worker) make a last row with empty unit columns."""
    if by not in BY:
        raise GridMapError(tr("unknown unit {by}; expected one of {expected}", by=repr(by), expected=", ".join(BY)))
    keys = _KEYS[by]
    units = _units(project, by) if project is not None else status[keys].drop_duplicates()
    units = units.reset_index(drop=True)
    lookup = pd.MultiIndex.from_frame(units[keys].astype(object))
    at = lookup.get_indexer(pd.MultiIndex.from_frame(status[keys].astype(object)))
    missing = at < 0
    if missing.any():  # in no grid, or without a worker
        units = pd.concat([units, pd.DataFrame([{k: "" for k in keys}])], ignore_index=True)
        at = np.where(missing, len(units) - 1, at)
    n = len(units)
    codes = pd.Categorical(status["status"], categories=STATUSES).codes
    counts = np.zeros((n, len(STATUSES)), dtype=np.int64)
    np.add.at(counts, (at, codes), 1)
    out = units[keys].copy()
    out["targets"] = counts.sum(axis=1)
    out["on_time"] = counts[:, 0] + counts[:, 1]
    out["due_soon"] = counts[:, 1]
    out["overdue"] = counts[:, 2]
    out["never"] = counts[:, 3]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["coverage"] = np.round(100.0 * out["on_time"] / out["targets"].where(out["targets"] > 0), 1)
    if project is None:
        out = out.sort_values(keys, kind="stable").reset_index(drop=True)
    return out


def _units(project, by: str) -> pd.DataFrame:
    """Every unit of the project at level ``by``, in the order of its grids (or workers)."""
    grids = project.grids
    table = pd.DataFrame({"grid_code": grids["code"].astype("str").to_numpy(dtype=object),
                          "grid_name": grids["name"].astype("str").to_numpy(dtype=object),
                          **{c: grids[c].astype("str").fillna("").to_numpy(dtype=object)
                             for c in ("community", "street", "district")}})
    if by == "worker":
        workers = grid_workers(project)
        return workers.drop_duplicates("worker_id").reset_index(drop=True)[["worker_id", "worker"]]
    return table.sort_values("grid_code", kind="stable")[_KEYS[by]].drop_duplicates()


def overdue_list(status: pd.DataFrame, meta: dict) -> pd.DataFrame:
    """The targets overdue or never visited, most days overdue first (never visited last), with the ids of
    kinds whose ids are private (key persons: often the ID number) masked."""
    rows = status[status["status"].isin(["overdue", "never"])]
    rows = rows.sort_values(["days_overdue", "target_kind", "target_id"], ascending=[False, True, True],
                            na_position="last", kind="stable")
    out = rows[OVERDUE_COLUMNS].reset_index(drop=True).copy()
    for kind in TARGET_KINDS:
        if "id" in private_columns(meta, kind):
            mine = (out["target_kind"] == kind).to_numpy()
            if mine.any():
                out.loc[mine, "target_id"] = mask_private(out.loc[mine, "target_id"]).to_numpy(dtype=object)
    return out


def totals(status: pd.DataFrame) -> dict:
    """The counts of a :func:`visit_status` table: targets, on_time (with due_soon), due_soon, overdue, never and
    coverage in percent (None without targets)."""
    counts = status["status"].value_counts()
    n = len(status)
    on_time = int(counts.get("on_time", 0) + counts.get("due_soon", 0))
    return {"targets": n, "on_time": on_time, "due_soon": int(counts.get("due_soon", 0)),
            "overdue": int(counts.get("overdue", 0)), "never": int(counts.get("never", 0)),
            "coverage": round(100.0 * on_time / n, 1) if n else None}


def for_people(frame: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """A visits table as a CSV or XLSX file shows it: days as ``YYYY-MM-DD``, whole days overdue, and in Chinese
    (``lang`` "zh") the headers, target kinds and statuses."""
    labels = LABELS.get(lang or "en", {})
    out = frame.copy()
    for column in ("last_visit", "due"):
        if column in out.columns:
            out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("").astype(object)
    if "days_overdue" in out.columns:
        out["days_overdue"] = out["days_overdue"].astype("Int64")
    if labels:
        if "target_kind" in out.columns:
            out["target_kind"] = out["target_kind"].map(lambda v: labels.get(v, v))
        if "status" in out.columns:
            out["status"] = out["status"].map(lambda v: labels.get(f"{v}_status", v))
        out = out.rename(columns={c: labels[c] for c in out.columns if c in labels})
    return out


def visits_text(frame: pd.DataFrame, fmt: str, lang: str | None = None) -> str:
    """A visits table as CSV (see :func:`for_people`; text never a formula) or JSON (column names as keys,
    days as ``YYYY-MM-DD``, NaN as null)."""
    if fmt == "csv":
        return neutralised(for_people(frame, lang)).to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, date_format="iso", date_unit="s")
    raise GridMapError(tr("unknown format {format}; expected one of {expected}", format=repr(fmt),
                          expected="csv, json"))


def write_visits(frame: pd.DataFrame, path: Path | str, fmt: str | None = None, lang: str | None = None) -> Path:
    """Write a visits table as ``fmt`` (csv, json or xlsx; default from the suffix), atomically, never over a
    project; CSV is UTF-8 with a BOM and no cell of CSV or XLSX becomes a formula."""
    return write_table(path, fmt, lambda f: visits_text(frame, f, lang),
                       lambda tmp: write_xlsx(for_people(frame, lang), tmp, where=Path(path)))
