"""Record layers in the project file: saved, reloaded, and re-assigned when the grids changed elsewhere."""

import pyogrio
import shapely

from gridmap.core.records.importing import RecordImportOptions, import_records
from gridmap.store.gpkg import GpkgStore
from gridmap.ops import open_project


def _incidents_csv(path):
    # Grid 1 is the box 121.30-121.32 / 28.60-28.62; grid 2 is east of it, 121.32-121.34.
    path.write_text("事件编号,经度,纬度,上报时间,事件类别,办理状态\n"
                    "A1,121.31,28.61,2026-03-01 08:00:00,盗窃,结案\n"
                    "A2,121.33,28.61,2026-03-02 09:30:00,诈骗,受理\n"
                    "A3,121.319,28.61,2026-03-03 10:00:00,盗窃,结案\n", encoding="gbk")
    return path


def test_records_survive_save_and_follow_grids_edited_elsewhere(small_project, tmp_path):
    project = open_project(small_project)
    import_records(project, RecordImportOptions(_incidents_csv(tmp_path / "事件.csv"), "incidents"))
    codes = dict(zip(project.layers["incidents"]["id"], project.layers["incidents"]["grid_code"]))
    assert codes == {"A1": "331002001001", "A2": "331003001002", "A3": "331002001001"}
    GpkgStore(small_project).save(project)

    reloaded = open_project(small_project)
    frame = reloaded.layers["incidents"]
    assert list(frame["id"]) == ["A1", "A2", "A3"] and str(frame["reported_at"].iloc[1]) == "2026-03-02 09:30:00"
    assert list(frame["category"]) == ["盗窃", "诈骗", "盗窃"]

    # Someone moves the boundary between grids 1 and 2 west to 121.318 in QGIS; A3 (121.319) changes grid.
    grids = pyogrio.read_dataframe(small_project, layer="grids")
    first = grids.index[grids["code"] == "331002001001"][0]
    second = grids.index[grids["code"] == "331003001002"][0]
    grids.loc[first, "geometry"] = shapely.box(121.30, 28.60, 121.318, 28.62)
    grids.loc[second, "geometry"] = shapely.box(121.318, 28.60, 121.34, 28.62)
    pyogrio.write_dataframe(grids, small_project, layer="grids", driver="GPKG")
    moved = open_project(small_project).layers["incidents"]
    assert dict(zip(moved["id"], moved["grid_code"])) == {"A1": "331002001001", "A2": "331003001002",
                                                           "A3": "331003001002"}


def test_grid_statistic_one_value_per_grid_row(small_project, tmp_path):
    import numpy as np

    from gridmap.core.records.filters import RecordFilter
    from gridmap.core.records.stats import grid_statistic

    project = open_project(small_project)
    assert np.isnan(grid_statistic(project, "resolution_rate")).all()  # no incidents layer yet
    import_records(project, RecordImportOptions(_incidents_csv(tmp_path / "事件.csv"), "incidents"))
    rows = {code: i for i, code in enumerate(project.grids["code"])}
    first, second = rows["331002001001"], rows["331003001002"]
    counts = grid_statistic(project, "incidents")
    assert counts[first] == 2 and counts[second] == 1 and counts.sum() == 3
    assert grid_statistic(project, "open_incidents")[second] == 1
    rate = grid_statistic(project, "resolution_rate")
    assert rate[first] == 1.0 and rate[second] == 0.0 and np.isnan(rate).sum() == len(rate) - 2
    theft = grid_statistic(project, "incidents", {"incidents": RecordFilter(categories=frozenset({"诈骗"}))})
    assert theft[first] == 0 and theft[second] == 1
    assert grid_statistic(project, "households").tolist() == project.grids["households"].astype(float).tolist()
    assert (grid_statistic(project, "venues") == 0).all()


def test_key_persons_known_by_id_number_have_their_id_masked(small_project, tmp_path):
    from gridmap.core.project.kinds import masked

    source = tmp_path / "人员.csv"
    source.write_text("姓名,身份证号,联系电话,经度,纬度\n张三,331002199001011234,13812345678,121.305,28.605\n",
                      encoding="utf-8-sig")
    project = open_project(small_project)
    import_records(project, RecordImportOptions(source, "persons"))
    shown = masked(project.layers["persons"], "persons", project.meta).iloc[0]
    assert project.layers["persons"]["id"].iat[0] == "331002199001011234"
    assert shown["id"] == shown["id_number"] == "331002********1234" and shown["phone"] == "138****5678"


def test_a_project_path_with_url_characters_opens(small_project, tmp_path):
    odd = tmp_path / "网格 #1 100%" / "城市 a#b.gpkg"
    odd.parent.mkdir()
    odd.write_bytes(small_project.read_bytes())
    assert len(open_project(odd).grids) == 12


def test_the_store_only_reads_opening_assigns(small_project, tmp_path):
    """Loading from the store assigns nothing (issue 16); :func:`gridmap.ops.open_project` loads, then assigns."""
    project = open_project(small_project)
    import_records(project, RecordImportOptions(_incidents_csv(tmp_path / "事件.csv"), "incidents"))
    GpkgStore(small_project).save(project)
    grids = pyogrio.read_dataframe(small_project, layer="grids")  # grid 1 shrinks west of A3 (121.319)
    grids.loc[grids["code"] == "331002001001", "geometry"] = shapely.box(121.30, 28.60, 121.318, 28.62)
    grids.loc[grids["code"] == "331003001002", "geometry"] = shapely.box(121.318, 28.60, 121.34, 28.62)
    pyogrio.write_dataframe(grids, small_project, layer="grids", driver="GPKG")

    loaded = GpkgStore(small_project).load()
    assert dict(zip(loaded.layers["incidents"]["id"], loaded.layers["incidents"]["grid_code"]))["A3"] == \
        "331002001001"  # as stored
    opened = open_project(small_project).layers["incidents"]
    assert dict(zip(opened["id"], opened["grid_code"]))["A3"] == "331003001002"


def test_layers_are_read_compactly_and_edits_still_move_their_records(tmp_path):
    """Repetitive text (category, grid code) is read back as categoricals; a split that creates a new grid code
    still moves the records into it, and the statistics and the saved file say so."""
    import pandas as pd

    from builders import D, X0, Y0, block
    from gridmap.core.grids import edits
    from gridmap.core.records.stats import record_stats

    path = tmp_path / "block.gpkg"
    GpkgStore(path).save(block())
    project = GpkgStore(path).load()
    layer = project.layers["incidents"]
    assert isinstance(layer["category"].dtype, pd.CategoricalDtype)
    assert isinstance(layer["grid_code"].dtype, pd.CategoricalDtype)
    assert layer["id"].dtype == "str"
    centre = "331002001005"
    edit = edits.split(project, centre, shapely.LineString([(X0 + 1.3 * D, Y0 + 0.9 * D),
                                                            (X0 + 1.3 * D, Y0 + 2.1 * D)]))
    edits.apply_edit(project, edit)
    counts = project.layers["incidents"]["grid_code"].value_counts()
    assert counts[centre] == 70 and counts["331002001010"] == 30
    by_grid = record_stats(project, "incidents").set_index("code")["total"]
    assert by_grid[centre] == 70 and by_grid["331002001010"] == 30
    GpkgStore(path).save(project)
    again = GpkgStore(path).load().layers["incidents"]["grid_code"].astype(str).value_counts()
    assert again[centre] == 70 and again["331002001010"] == 30
