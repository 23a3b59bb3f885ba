"""`record_stats` at city scale: the sample city's 6,917 grids and 1,000,000 incidents, per level, with and
without a filter (a quarter of the year, two categories). Goal (issue 4): well under 0.5 s. Prints best-of-5."""

from __future__ import annotations

import pandas as pd
from bench_new_info import best  # this folder is on the path when run as a script

from gridmap.core.records.assign import assign_layer
from gridmap.core.project.model import Project
from gridmap.core.sample.city import build_grids, build_records
from gridmap.core.records.stats import LEVELS, day_filter, record_stats


def main() -> None:
    grids = build_grids()
    layers = build_records(grids, incidents=1_000_000)
    incidents = layers["incidents"]
    incidents["id"] = pd.Series(range(len(incidents))).astype("str")
    incidents["reported_at"] = pd.to_datetime(incidents["reported_at"])
    for column in ("category", "status"):
        incidents[column] = incidents[column].astype("str")
    project = Project(grids, {}, None, {"incidents": incidents, "workers": layers["workers"]})
    assign_layer(project, "incidents")
    quarter = day_filter(pd.Timestamp("2026-04-01"), pd.Timestamp("2026-06-30"), categories=frozenset({"盗窃", "诈骗"}))
    print(f"{len(grids):,} grids, {len(incidents):,} incidents")
    for by in LEVELS:
        whole = best(lambda: record_stats(project, "incidents", by))
        filtered = best(lambda: record_stats(project, "incidents", by, quarter))
        print(f"  by {by:<9}  all: {whole * 1000:5.0f} ms   filtered: {filtered * 1000:5.0f} ms")


if __name__ == "__main__":
    main()
