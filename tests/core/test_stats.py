"""Statistics per grid and per community / street / district, counted by hand on a small project; their files;
``gridmap stats``."""

import json
import math
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from gridmap.cli import main
from gridmap.core.errors import GridMapError
from gridmap.core.records.filters import RecordFilter
from gridmap.core.records.stats import (LEVELS, day_filter, grid_profile, parse_day, record_stats, status_values,
                                unit_grid_rows, write_stats)
from stats_data import A1, A2, A3, B1, C1, C2, stats_project

CATEGORIES = ["盗窃", "诈骗", "矛盾纠纷"]
STATUSES = ["上报", "受理", "派遣", "结案"]


@pytest.fixture
def project():
    return stats_project()


def rows(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    return frame[columns].to_numpy().tolist()


def test_grid_level_counts(project):
    stats = record_stats(project, "incidents")
    assert list(stats.columns) == ["code", "name", "total", *CATEGORIES, *STATUSES, "closed", "resolution_rate",
                                   "district", "street", "community", "workers"]
    assert rows(stats, ["code", "total", *CATEGORIES, *STATUSES, "closed"]) == [
        [A1, 3, 2, 1, 0, 1, 0, 0, 2, 2],
        [A2, 1, 1, 0, 0, 0, 0, 0, 1, 1],
        [A3, 1, 0, 0, 1, 0, 1, 0, 0, 0],
        [B1, 1, 1, 0, 0, 0, 0, 0, 1, 1],
        [C1, 1, 0, 1, 0, 0, 0, 1, 0, 0],
        [C2, 0, 0, 0, 0, 0, 0, 0, 0, 0],  # no records, still listed
        ["", 2, 1, 1, 0, 1, 0, 0, 1, 1],  # outside every grid
    ]
    assert stats["name"].iloc[-1] == "unassigned" and stats["name"].iloc[0] == "海门第一网格"
    rate = stats["resolution_rate"].tolist()
    assert rate[:5] == pytest.approx([2 / 3, 1, 0, 1, 0]) and math.isnan(rate[5]) and rate[6] == 0.5
    assert stats["workers"].tolist() == ["张三、李四", "张三", "", "王五", "王五", "", ""]
    assert stats.loc[0, ["district", "street", "community"]].tolist() == ["椒江区", "海门街道", "和平社区"]


def test_no_unassigned_row_without_such_records(project):
    inside = project.layers["incidents"]["grid_code"] != ""
    project.layers["incidents"] = project.layers["incidents"][inside]
    assert record_stats(project, "incidents")["code"].tolist() == [A1, A2, A3, B1, C1, C2]


def test_time_window_includes_the_whole_last_day(project):
    stats = record_stats(project, "incidents", filt=day_filter(parse_day("2026-01-01"), parse_day("2026/1/5")))
    # 01-01 00:00 and 01-05 23:59:59 in A1, 01-03 outside the grids; 01-06 00:00 is the next day
    assert rows(stats, ["code", "total", "盗窃", "诈骗"]) == [
        [A1, 2, 2, 0], [A2, 0, 0, 0], [A3, 0, 0, 0], [B1, 0, 0, 0], [C1, 0, 0, 0], [C2, 0, 0, 0], ["", 1, 1, 0]]
    assert list(stats.columns[3:6]) == CATEGORIES  # columns do not depend on the filter
    stats = record_stats(project, "incidents", filt=day_filter(parse_day("2026年1月6日"), None))
    assert stats["total"].tolist() == [1, 1, 1, 1, 1, 0, 1]


def test_category_and_status_filters(project):
    stats = record_stats(project, "incidents", "district", RecordFilter(categories=frozenset({"盗窃"})))
    assert rows(stats, ["code", "total", *CATEGORIES, "closed"]) == [["331002", 4, 4, 0, 0, 3],
                                                                      ["331003", 0, 0, 0, 0, 0]]
    stats = record_stats(project, "incidents", filt=RecordFilter(statuses=frozenset({"结案"})))
    assert stats["total"].tolist() == [2, 1, 0, 1, 0, 0, 1]
    assert stats["resolution_rate"].tolist()[:2] == [1.0, 1.0]


@pytest.mark.parametrize("by, expected", [
    ("community", [["", "和平社区", "椒江区", "海门街道", 4, 3], ["", "东山社区", "椒江区", "海门街道", 1, 0],
                   ["", "白云社区", "椒江区", "白云街道", 1, 1], ["", "和平社区", "黄岩区", "东城街道", 1, 0]]),
    ("street", [["331002001", "海门街道", "椒江区", 5, 3], ["331002002", "白云街道", "椒江区", 1, 1],
                ["331003001", "东城街道", "黄岩区", 1, 0]]),
    ("district", [["331002", "椒江区", 6, 4], ["331003", "黄岩区", 1, 0]]),
])
def test_roll_ups(project, by, expected):
    stats = record_stats(project, "incidents", by)
    context = {"community": ["district", "street"], "street": ["district"], "district": []}[by]
    assert rows(stats, ["code", "name", *context, "total", "closed"]) == expected
    assert list(stats.columns[-len(context):] if context else []) == context
    assert "workers" not in stats.columns


def test_unit_code_empty_when_grids_do_not_share_it(project):
    grids = project.grids
    grids.loc[grids["code"] == B1, ["district", "street"]] = ["黄岩区", "东城街道"]
    assert record_stats(project, "incidents", "district")["code"].tolist() == ["331002", ""]
    assert record_stats(project, "incidents", "street")["code"].tolist() == ["331002001", ""]


def test_roll_ups_add_up_on_sample_records(small_project):
    import geopandas as gpd

    from gridmap.core.sample.city import build_records
    from gridmap.ops import open_project

    project = open_project(small_project)
    layers = build_records(project.grids, incidents=3000)
    for kind in ("incidents", "persons", "venues"):
        frame = layers[kind]
        points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4490)
        hit = gpd.sjoin(points, project.grids[["code", "geometry"]], predicate="within")
        frame["grid_code"] = hit.groupby(level=0)["code"].min().reindex(frame.index).fillna("").astype("str")
        frame["id"] = [f"{kind}{i}" for i in range(len(frame))]
    layers["incidents"]["reported_at"] = pd.to_datetime(layers["incidents"]["reported_at"])
    project.layers = layers
    for kind in ("incidents", "persons", "venues"):
        grid = record_stats(project, kind)
        assert grid["total"].sum() == len(layers[kind])
        assigned = grid[grid["code"] != ""]
        counts = assigned.select_dtypes("number").drop(columns="resolution_rate", errors="ignore")
        per_grid = assigned.set_index("code")["total"]
        for by in LEVELS[1:]:
            up = record_stats(project, kind, by)
            assert up[counts.columns].sum().tolist() == counts.sum().tolist()
            for unit in up.to_dict("records"):
                codes = project.grids["code"].iloc[unit_grid_rows(project.grids, by, unit)]
                assert per_grid[codes].sum() == unit["total"]


def test_unit_grid_rows(project):
    grids = project.grids
    for by in LEVELS:
        units = [u for u in record_stats(project, "incidents", by).to_dict("records") if u["code"] or by != "grid"]
        found = np.concatenate([unit_grid_rows(grids, by, unit) for unit in units])
        assert sorted(found) == list(range(len(grids)))  # every grid in exactly one unit
    community = record_stats(project, "incidents", "community").to_dict("records")
    assert sorted(grids["code"].iloc[unit_grid_rows(grids, "community", community[3])]) == [C1, C2]
    assert grids["code"].iloc[unit_grid_rows(grids, "grid", {"code": A3})].tolist() == [A3]
    assert len(unit_grid_rows(grids, "grid", {"code": "", "name": "unassigned"})) == 0


def test_workers_with_several_grids(project):
    grid = record_stats(project, "workers")
    assert rows(grid, ["code", "total", "专职网格员", "兼职网格员"]) == [
        [A1, 2, 1, 1], [A2, 1, 1, 0], [A3, 0, 0, 0], [B1, 1, 1, 0], [C1, 1, 1, 0], [C2, 0, 0, 0], ["", 1, 0, 1]]
    # 张三 covers A1 and A2 (one community): counted once there; 王五 counts in both districts
    community = record_stats(project, "workers", "community")
    assert community["total"].tolist() == [2, 0, 1, 1]
    assert rows(record_stats(project, "workers", "district"), ["name", "total"]) == [["椒江区", 3], ["黄岩区", 1]]


def test_persons_and_venues(project):
    persons = record_stats(project, "persons", "district")
    assert list(persons.columns) == ["code", "name", "total", "刑满释放", "吸毒", "社区矫正"]
    assert rows(persons, ["total", "刑满释放", "吸毒", "社区矫正"]) == [[3, 2, 1, 0], [1, 0, 0, 1]]
    venues = record_stats(project, "venues")
    assert list(venues.columns[:6]) == ["code", "name", "total", "小餐饮", "小旅馆", "小诊所"]
    assert venues["total"].tolist() == [1, 0, 0, 2, 0, 0, 1]


def test_unknown_kind_level_and_missing_layer(project):
    with pytest.raises(GridMapError, match="unknown record kind"):
        record_stats(project, "cars")
    with pytest.raises(GridMapError, match="unknown level"):
        record_stats(project, "incidents", "city")
    del project.layers["venues"]
    with pytest.raises(GridMapError, match="no key venues layer"):
        record_stats(project, "venues")


def test_grid_profile(project):
    profile = grid_profile(project, A1, {"incidents": day_filter(None, parse_day("2026-01-05"))})
    assert profile["code"] == A1 and profile["name"] == "海门第一网格"
    incidents = profile["incidents"]
    assert incidents["total"] == 2 and incidents["rows"] == [0, 1]
    assert incidents["categories"] == {"盗窃": 2}
    assert list(incidents["statuses"].items()) == [("上报", 1), ("结案", 1)]
    assert incidents["closed"] == 1 and incidents["resolution_rate"] == 0.5
    assert profile["persons"] == {"total": 3, "rows": [0, 1, 2], "categories": {"刑满释放": 2, "吸毒": 1}}
    assert profile["venues"]["rows"] == [0] and profile["venues"]["categories"] == {"小餐饮": 1}
    assert profile["workers"]["people"] == [{"name": "张三", "phone": "138****5678", "role": "专职网格员"},
                                            {"name": "李四", "phone": "139****1111", "role": "兼职网格员"}]
    empty = grid_profile(project, C2)
    assert empty["incidents"]["total"] == 0 and math.isnan(empty["incidents"]["resolution_rate"])
    assert empty["workers"]["people"] == []
    with pytest.raises(GridMapError, match="no grid"):
        grid_profile(project, "999")


def test_status_values_in_workflow_order(project):
    assert status_values(project.layers["incidents"]) == STATUSES


@pytest.mark.parametrize("text", ["2026-01-05", "2026/1/5", "2026年1月5日", " 2026.01.05 "])
def test_parse_day(text):
    assert parse_day(text) == pd.Timestamp("2026-01-05")


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "2026-02-30", "05/01/2026", ""])
def test_parse_day_refuses(text):
    with pytest.raises(ValueError):
        parse_day(text)


def test_write_formats(project, tmp_path):
    stats = record_stats(project, "incidents")
    csv = write_stats(stats, tmp_path / "s.csv")
    assert csv.read_bytes().startswith("\ufeffcode,name,total,盗窃".encode("utf-8"))
    back = pd.read_csv(csv, encoding="utf-8-sig", dtype={"code": str}, keep_default_na=False)
    assert back["total"].tolist() == stats["total"].tolist() and back["code"].iloc[0] == A1
    data = json.loads((write_stats(stats, tmp_path / "s.json")).read_text("utf-8"))
    assert data[0]["code"] == A1 and data[0]["盗窃"] == 2 and data[5]["resolution_rate"] is None
    xlsx = write_stats(stats, tmp_path / "out.dat", "xlsx")
    sheet = pd.read_excel(xlsx, dtype={"code": str})
    assert sheet.columns[3] == "盗窃" and sheet["total"].tolist() == stats["total"].tolist()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.dat", "s.csv", "s.json"]


def test_write_fails_cleanly(project, tmp_path):
    stats = record_stats(project, "incidents")
    with pytest.raises(GridMapError, match="unknown format"):
        write_stats(stats, tmp_path / "s.txt")
    with pytest.raises(GridMapError, match="cannot write"):
        write_stats(stats, tmp_path / "missing" / "s.csv")
    assert list(tmp_path.iterdir()) == []


# --- gridmap stats -----------------------------------------------------------------------------------------

@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "city.gpkg"
    stats_project(path)
    return path


def run(capsys, *args):
    code = main(["stats", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_csv_on_stdout(gpkg, capsys):
    code, out, err = run(capsys, gpkg, "--from", "2026-01-01", "--to", "2026/1/5")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("code,name,total,盗窃,诈骗,矛盾纠纷,上报,")
    assert lines[1].startswith(f"{A1},海门第一网格,2,2,0,0,1,") and lines[-1].startswith(",unassigned,1,1,")
    assert len(lines) == 8


def test_cli_levels_kinds_and_files(gpkg, capsys, tmp_path):
    code, out, _ = run(capsys, gpkg, "--by", "district", "--kind", "workers", "--format", "json")
    assert code == 0 and [(u["name"], u["total"]) for u in json.loads(out)] == [("椒江区", 3), ("黄岩区", 1)]
    for name in ("s.csv", "s.xlsx", "s.json"):
        code, out, _ = run(capsys, gpkg, "--by", "street", "--out", tmp_path / name)
        assert code == 0 and out.startswith(str(tmp_path / name)) and "3 rows" in out
    assert (tmp_path / "s.csv").read_bytes().startswith(b"\xef\xbb\xbfcode,name,total")
    assert pd.read_excel(tmp_path / "s.xlsx")["total"].tolist() == [5, 1, 1]
    assert [u["total"] for u in json.loads((tmp_path / "s.json").read_text("utf-8"))] == [5, 1, 1]


@pytest.mark.parametrize("args, message", [
    (["--from", "2026-02-30"], "argument --from: expected a date"),
    (["--to", "soon"], "argument --to: expected a date"),
    (["--from", "2026-02-01", "--to", "2026-01-01"], "--from is after --to"),
    (["--kind", "cars"], "argument --kind: invalid choice"),
    (["--by", "city"], "argument --by: invalid choice"),
    (["--format", "xlsx"], "xlsx needs --out"),
])
def test_cli_usage_errors(gpkg, capsys, args, message):
    code, out, err = run(capsys, gpkg, *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_cli_missing_layer_and_file(tmp_path, capsys):
    project = stats_project()
    del project.layers["persons"]
    from gridmap.store.gpkg import GpkgStore

    GpkgStore(tmp_path / "p.gpkg").save(project)
    code, out, err = run(capsys, tmp_path / "p.gpkg", "--kind", "persons")
    assert code == 2 and err.count("\n") == 1 and "no key persons layer" in err and "p.gpkg" in err
    code, _, err = run(capsys, tmp_path / "none.gpkg")
    assert code == 2 and err.count("\n") == 1 and "not found" in err


def test_cli_process(gpkg):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "gridmap", "stats", str(gpkg), "--by", "district"],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("331002,椒江区,6,4,1,1,")
    assert done.stdout.splitlines()[1].split(",")[-1] == "0.667"  # 4 / 6, rounded in CSV
