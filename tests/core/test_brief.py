"""The morning brief's tables on a hand-made project: exact counts of incidents by category, new vs closed, the
盗抢骗 share, the top grids, overdue visits by street and worker, grids without a worker, boundary changes."""

from __future__ import annotations

import pandas as pd
import pytest

from builders import BRIEF_INCIDENTS as INCIDENTS, brief_project as build
from gridmap.core.brief.model import build_brief, write_brief_xlsx


def test_brief_tables(tmp_path):
    brief = build_brief(build(tmp_path), pd.Timestamp("2026-03-15"))
    assert (brief.day, brief.period_start) == (pd.Timestamp("2026-03-14"), pd.Timestamp("2026-03-01"))
    assert brief.summary.to_dict("records") == [
        {"window": "day", "new": 3, "closed": 2, "resolution_rate": 66.7, "theft_robbery_fraud": 2, "trf_share": 66.7},
        {"window": "period", "new": 5, "closed": 3, "resolution_rate": 60.0, "theft_robbery_fraud": 3,
         "trf_share": 60.0}]
    assert brief.categories.to_dict("records") == [
        {"category": "矛盾纠纷", "day": 1, "period": 2, "share": 40.0, "trf": False},
        {"category": "盗窃", "day": 1, "period": 1, "share": 20.0, "trf": True},
        {"category": "诈骗", "day": 1, "period": 1, "share": 20.0, "trf": True},
        {"category": "入室盗窃", "day": 0, "period": 1, "share": 20.0, "trf": True}]
    assert brief.top_grids[["rank", "grid_code", "day", "period"]].to_dict("records") == [
        {"rank": 1, "grid_code": "331002001001", "day": 2, "period": 2},
        {"rank": 2, "grid_code": "331002001002", "day": 1, "period": 2},
        {"rank": 3, "grid_code": "331002001003", "day": 0, "period": 1}]
    # P1 visited on the 10th is due on the 17th; P2 visited on the 1st was due on the 8th: overdue
    assert brief.visits["targets"] == 2 and brief.visits["overdue"] == 1
    assert brief.overdue_streets.to_dict("records") == [
        {"district": "椒江区", "street": "海门街道", "targets": 2, "overdue": 1, "coverage": 50.0}]
    assert brief.overdue_workers.to_dict("records") == [
        {"worker": "员2", "street": "海门街道", "targets": 1, "overdue": 1, "coverage": 0.0}]
    assert brief.no_worker["grid_code"].tolist() == ["331002001009"]
    assert brief.boundary_changes[["when", "what", "before", "after"]].to_dict("records") == [
        {"when": "2026-03-10 10:00", "what": "split", "before": "331002001005",
         "after": "331002001005, 331002001010"}]


def test_top_grids_of_a_loaded_project(tmp_path):
    """A GeoPackage loads grid codes as a categorical: grids without incidents in the month are still left out."""
    from gridmap.ops import open_project
    from gridmap.store.gpkg import GpkgStore

    GpkgStore(tmp_path / "城市.gpkg").save(build(tmp_path))
    brief = build_brief(open_project(tmp_path / "城市.gpkg"), pd.Timestamp("2026-03-15"))
    assert brief.top_grids["grid_code"].tolist() == ["331002001001", "331002001002", "331002001003"]


def test_no_status_no_resolution_rate(tmp_path):
    lines = [",".join(line.split(",")[:-1]) for line in INCIDENTS]  # the status column dropped
    brief = build_brief(build(tmp_path, lines), pd.Timestamp("2026-03-15"))
    assert brief.summary["closed"].tolist() == [None, None]
    assert brief.summary["resolution_rate"].tolist() == [None, None]


def test_district_filter(tmp_path):
    project = build(tmp_path)
    assert build_brief(project, pd.Timestamp("2026-03-15"), "331002").summary["new"].tolist() == [3, 5]
    with pytest.raises(Exception, match="no district '东区'"):
        build_brief(project, pd.Timestamp("2026-03-15"), "东区")


def test_xlsx_sheets(tmp_path):
    from openpyxl import load_workbook

    brief = build_brief(build(tmp_path), pd.Timestamp("2026-03-15"))
    write_brief_xlsx(brief, tmp_path / "brief.xlsx", "zh")
    book = load_workbook(tmp_path / "brief.xlsx")
    assert book.sheetnames == ["事件概况", "事件类别", "事件最多的网格", "逾期走访(按街道)", "逾期走访(按网格员)",
                               "无网格员的网格", "网格边界变更"]
    rows = list(book["事件概况"].values)
    assert rows[0][:3] == ("统计期", "新增事件", "已结案") and rows[2][:4] == ("本月累计", 5, 3, 60.0)
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)
