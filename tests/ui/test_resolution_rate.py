"""Issue 14, item 3: a record with no status is not an unresolved one. Incidents imported from a file with no
status column had a resolution rate of 0.0 %; with no known status the rate is "no data" (— in the GUI, an
empty cell in CSV and XLSX, null in JSON), and where some statuses are known it is closed / known."""

import json

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from openpyxl import load_workbook

from gridmap.core.records.stats import grid_profile, record_stats, write_stats
from gridmap.ui.panels.identify_panel import IdentifyPanel
from gridmap.ui.panels.stats_dock import StatsPanel
from gridmap.core.records.filters import RecordFilter
from stats_data import A1, A2, stats_project


@pytest.fixture
def no_status():
    """The hand-counted project with its incidents' statuses unknown (imported without a status column)."""
    project = stats_project()
    project.layers["incidents"]["status"] = ""
    return project


@pytest.fixture
def some_status():
    """A1's incidents: 2 closed, 1 with no status (was 上报); A2's one closed incident loses its status."""
    project = stats_project()
    incidents = project.layers["incidents"]
    incidents.loc[(incidents["grid_code"] == A1) & (incidents["status"] == "上报"), "status"] = ""
    incidents.loc[incidents["grid_code"] == A2, "status"] = ""
    return project


def test_no_known_status_has_no_rate(no_status, tmp_path):
    stats = record_stats(no_status, "incidents")
    assert stats["total"].sum() == 9 and stats["resolution_rate"].isna().all()
    assert all(np.isnan(record_stats(no_status, "incidents", by)["resolution_rate"]).all()
               for by in ("community", "street", "district"))
    assert np.isnan(grid_profile(no_status, A1)["incidents"]["resolution_rate"])

    csv = write_stats(stats, tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    rate = csv[0].split(",").index("resolution_rate")
    assert [line.split(",")[rate] for line in csv[1:]] == [""] * (len(csv) - 1)
    data = json.loads(write_stats(stats, tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [row["resolution_rate"] for row in data] == [None] * len(data)
    sheet = load_workbook(write_stats(stats, tmp_path / "s.xlsx")).active
    rows = list(sheet.iter_rows(values_only=True))
    rate = rows[0].index("resolution_rate")
    assert [row[rate] for row in rows[1:]] == [None] * (len(rows) - 1)


def test_rate_counts_only_known_statuses(some_status):
    stats = record_stats(some_status, "incidents").set_index("code")
    assert stats.loc[A1, "total"] == 3 and stats.loc[A1, "closed"] == 2
    assert stats.loc[A1, "resolution_rate"] == 1.0  # 2 closed of 2 known (was 2 of 3)
    assert pd.isna(stats.loc[A2, "resolution_rate"])  # its only incident has no status (was 0.0)
    profile = grid_profile(some_status, A1)["incidents"]
    assert profile["resolution_rate"] == 1.0


def test_gui_shows_no_rate_as_a_dash(qtbot, no_status):
    panel = StatsPanel()
    qtbot.addWidget(panel)
    panel.set_project(no_status)
    panel.set_filter("incidents", RecordFilter())
    model = panel.model
    col = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index("Resolution rate")
    assert {model.data(model.index(r, col)) for r in range(model.rowCount())} == {"—"}
    assert "resolution rate —" in panel.totals_label.text()
    assert "0.0%" not in panel.totals_label.text()

    identify = IdentifyPanel()
    qtbot.addWidget(identify)
    identify.set_project(no_status)
    identify.show_grid(no_status.grids, int(np.flatnonzero(no_status.grids["code"] == A1)[0]))
    assert identify.field_values()["Incidents"] == "3 · — resolved"
