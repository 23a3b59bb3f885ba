"""Visits as Identify and the Visits dock show them: the day to look at, a target's visit history and a worker's
visits (no Qt)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

HISTORY_COLUMNS = ["visited_at", "worker", "result", "note", "far"]
WORKER_COLUMNS = ["visited_at", "target_kind", "target_id", "result", "note", "far"]


def default_day(project, today: date | None = None) -> pd.Timestamp:
    """The day to show visit status for: ``today`` (default the real one), or the day after the project's latest
    visit when that is earlier, so that a sample or an old export shows its own state rather than everything
    overdue."""
    today = pd.Timestamp(today or date.today()).normalize()
    if "visits" not in project.layers or not len(project.layers["visits"]):
        return today
    latest = project.layers["visits"]["visited_at"].max()
    if pd.isna(latest):
        return today
    return min(today, pd.Timestamp(latest).normalize() + pd.Timedelta(days=1))


def _visits(project) -> pd.DataFrame | None:
    return project.layers["visits"] if "visits" in project.layers else None


def _far(frame: pd.DataFrame) -> np.ndarray:
    if "far" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame["far"].map(lambda v: str(v).strip().lower() in ("true", "1", "1.0", "yes")).to_numpy(dtype=bool)


def visit_history(project, kind: str, target_id: str) -> pd.DataFrame:
    """The visits to the ``kind`` (persons or venues) target ``target_id``, latest first: ``visited_at, worker,
    result, note, far`` (far: the check-in was farther from the target than the rules allow)."""
    visits = _visits(project)
    if visits is None:
        return pd.DataFrame({c: [] for c in HISTORY_COLUMNS})
    mine = visits[(visits["target_kind"].astype(str) == kind).to_numpy()
                  & (visits["target_id"].astype(str) == str(target_id)).to_numpy()]
    return _listed(mine, HISTORY_COLUMNS)


def worker_visits(project, worker_id: str, name: str) -> pd.DataFrame:
    """The visits made by the worker with id ``worker_id`` or name ``name`` (a visit names its worker by either),
    latest first: ``visited_at, target_kind, target_id, result, note, far``."""
    visits = _visits(project)
    if visits is None:
        return pd.DataFrame({c: [] for c in WORKER_COLUMNS})
    who = visits["worker"].astype(str).str.strip()
    keys = {str(v).strip() for v in (worker_id, name) if str(v).strip()}
    return _listed(visits[who.isin(keys).to_numpy()], WORKER_COLUMNS)


def _listed(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({c: (frame[c].to_numpy() if c in frame.columns else np.full(len(frame), ""))
                        for c in columns if c != "far"})
    out["far"] = _far(frame)
    return out.sort_values("visited_at", ascending=False, kind="stable").reset_index(drop=True)[columns]
