"""Patrol coverage per grid and day from the imported GPS tracks (``gridmap patrol``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gridmap.core.visits.patrol import BUFFER_M, GAP_MINUTES
from gridmap.ops.project import ProjectRef, open_project


@dataclass
class PatrolResult:
    """Per grid patrolled on ``day``: workers, fixes, minutes, covered share; ``out`` the file written."""

    frame: pd.DataFrame
    day: pd.Timestamp
    out: Path | None = None

    def to_json(self) -> dict:
        rows = json.loads(self.frame.to_json(orient="records", force_ascii=False))
        return {"date": f"{self.day:%Y-%m-%d}", "grids": len(self.frame),
                "minutes": round(float(self.frame["minutes"].sum()), 1), "rows": rows,
                **({"out": str(self.out)} if self.out else {})}


def patrol(ref: ProjectRef, day, out: Path | str | None = None, gap_minutes: float = GAP_MINUTES,
           buffer_m: float = BUFFER_M) -> PatrolResult:
    """Minutes on patrol and the share of each grid within ``buffer_m`` of a track on ``day``.

    Parameters
    ----------
    ref : path or ProjectStore
    day : date
    out : path, optional
        CSV, JSON or XLSX file to write atomically (by its suffix).
    gap_minutes : float, default 5
        Consecutive fixes further apart are not one patrol.
    buffer_m : float, default 50

    Returns
    -------
    PatrolResult
    """
    from gridmap.core.records.stats import write_stats
    from gridmap.core.visits.patrol import patrol_by_grid

    frame = patrol_by_grid(open_project(ref), day, gap_minutes, buffer_m)
    day = pd.Timestamp(day).normalize()
    return PatrolResult(frame, day, write_stats(frame, Path(out)) if out is not None else None)
