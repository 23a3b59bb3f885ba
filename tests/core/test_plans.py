"""Grid plans on the 3x3 block of test_edits: saved, switched and compared with exact counts, kept through a
save and reload; exports that GDAL reads with the Chinese intact in UTF-8 and GBK; the assignment table out and
back in, bad rows flagged with their row numbers, nothing half-applied."""

import copy

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from gridmap.core.grids import edits

from gridmap.core.grids import plans
from gridmap.core.records.assign import assign_layer, restore_overrides
from gridmap.core.errors import GridMapError
from gridmap.core.project.model import Project
from gridmap.store.gpkg import GpkgStore
from builders import D, X0, Y0, block, counts

A, B, E, F = "331002001001", "331002001002", "331002001005", "331002001010"


def merged() -> Project:
    """The block saved as plan 现状, then as plan 合并 with grids 001 and 002 merged (合并 in use)."""
    project = block()
    plans.save_plan(project, "现状")
    assert plans.save_plan(project, "合并") == {"plan": "合并", "previous": "现状", "grids": 9,
                                                "plans": ["合并", "现状"]}
    edits.apply_edit(project, edits.merge(project, [A, B]))
    return project


MERGE = {"a": "现状", "b": "合并", "grids": {"a": 9, "b": 8}, "changed_grids": [A, B], "added": [], "removed": [B],
         "geometry_changed": [A], "attributes_changed": [A],  # households 100 -> 200
         "moved": {"incidents": 100, "workers": 1},
         "moves": {"incidents": [{"from": B, "to": A, "count": 100}], "workers": [{"from": B, "to": A, "count": 1}]}}


def test_plans_are_saved_switched_and_compared():
    project = merged()
    assert plans.list_plans(project) == [{"name": "合并", "grids": 8, "in_use": True},
                                         {"name": "现状", "grids": 9, "in_use": False}]
    assert plans.compare_plans(project, "现状", "合并") == MERGE
    back = plans.compare_plans(project, "合并", "现状")
    assert (back["added"], back["removed"], back["moved"]) == ([B], [], {"incidents": 100, "workers": 1})
    assert plans.use_plan(project, "现状") == {"plan": "现状", "previous": "合并", "grids": 9,
                                               "moved": {"incidents": 100, "workers": 1}}
    assert counts(project) == {f"331002001{i:03d}": 100 for i in range(1, 10)}
    assert project.layers["workers"]["grid_code"].tolist()[1] == B  # the worker of 002 is back in 002
    assert list(project.plans) == ["合并"] and len(project.plans["合并"]) == 8
    assert plans.compare_plans(project, "现状", "合并") == MERGE
    assert plans.use_plan(project, "现状")["moved"] == {"incidents": 0, "workers": 0}
    assert plans.use_plan(project, "合并")["moved"] == {"incidents": 100, "workers": 1}
    assert counts(project)[A] == 200 and project.layers["workers"]["grid_code"].tolist()[1] == A


def test_plans_survive_save_and_reload(tmp_path):
    project = merged()
    path = tmp_path / "方案.gpkg"
    GpkgStore(path).save(project)
    stored = pyogrio.read_dataframe(path, layer="grid_plans")
    assert stored["plan"].tolist() == ["现状"] * 9 and stored["name"].tolist()[0] == "网格1"
    loaded = GpkgStore(path).load()
    assert list(loaded.layers) == ["incidents", "workers"]  # the plans are not a record layer
    assert list(loaded.plans) == ["现状"] and loaded.meta["plan"] == "合并" and len(loaded.grids) == 8
    assert shapely.to_wkb(loaded.plans["现状"].geometry.values).tolist() == \
        shapely.to_wkb(block().grids.geometry.values).tolist()
    assert loaded.plans["现状"]["households"].dtype == "Int64"
    assert plans.compare_plans(loaded, "现状", "合并") == MERGE
    plans.use_plan(loaded, "现状")
    GpkgStore(path).save(loaded)
    again = GpkgStore(path).load()
    assert (again.meta["plan"], list(again.plans), len(again.grids)) == ("现状", ["合并"], 9)
    assert plans.use_plan(again, "合并")["moved"] == {"incidents": 100, "workers": 1}


def test_a_plan_keeps_multipolygons_and_polygons_as_they_are(tmp_path):
    project = block()
    plans.save_plan(project, "现状")
    exclave = project.grids.copy()
    exclave.loc[8, "geometry"] = shapely.MultiPolygon([exclave.geometry[8], shapely.box(X0 + 5 * D, Y0, X0 + 6 * D,
                                                                                        Y0 + D)])
    project.plans["飞地"] = exclave
    GpkgStore(tmp_path / "p.gpkg").save(project)
    loaded = GpkgStore(tmp_path / "p.gpkg").load()
    assert loaded.plans["飞地"].geometry.geom_type.tolist() == ["Polygon"] * 8 + ["MultiPolygon"]


def test_compare_a_split_and_the_one_square_metre_tolerance():
    project = block()
    plans.save_plan(project, "现状")
    plans.save_plan(project, "拆分")
    line = shapely.LineString([(X0 + 1.3 * D, Y0 + 0.9 * D), (X0 + 1.3 * D, Y0 + 2.1 * D)])
    edits.apply_edit(project, edits.split(project, E, line))
    assert plans.compare_plans(project, "现状", "拆分") == {
        "a": "现状", "b": "拆分", "grids": {"a": 9, "b": 10}, "changed_grids": [E, F], "added": [F], "removed": [],
        "geometry_changed": [E], "attributes_changed": [E], "moved": {"incidents": 30, "workers": 0},
        "moves": {"incidents": [{"from": E, "to": F, "count": 30}], "workers": []}}
    same = plans.compare_plans(project, "拆分", "拆分")
    assert same["changed_grids"] == [] and same["moved"] == {"incidents": 0, "workers": 0}
    for shift, changed in ((1e-9, []), (1e-6, ["331002001001"])):  # ~0.1 m² and ~110 m² of a 1.1 km edge
        nudged = project.plans["现状"].copy()
        nudged.loc[0, "geometry"] = shapely.box(X0, Y0, X0 + D + shift, Y0 + D)
        project.plans["微调"] = nudged
        assert plans.compare_plans(project, "现状", "微调")["geometry_changed"] == changed


def test_use_and_save_refusals():
    project = block()
    with pytest.raises(GridMapError, match="no plan named '方案二'; plans: -"):
        plans.use_plan(project, "方案二")
    with pytest.raises(GridMapError, match="a plan needs a name"):
        plans.save_plan(project, "  ")
    plans.save_plan(project, "现状")
    plans.save_plan(project, "方案二")
    with pytest.raises(GridMapError, match="a plan named '现状' exists"):
        plans.save_plan(project, "现状")
    assert plans.save_plan(project, "现状", replace=True)["plans"] == ["方案二", "现状"]
    del project.meta["plan"]  # a layout without a plan name (metadata edited elsewhere) is not dropped
    with pytest.raises(GridMapError, match="not saved as a plan and would be lost"):
        plans.use_plan(project, "方案二")
    assert len(project.grids) == 9 and list(project.plans) == ["方案二"]


# --- exports ------------------------------------------------------------------------------------------------------

@pytest.fixture
def planned():
    project = merged()
    project.grids["所属社区网格员"] = "张三"  # a field name longer than a DBF allows
    return project


@pytest.mark.parametrize("encoding, cpg, ldid, field", [("UTF-8", "UTF-8", 0, "所属社"),
                                                       ("GBK", "936", 77, "所属社区网")])
def test_export_plan_as_shapefile_reads_back_in_chinese(planned, tmp_path, encoding, cpg, ldid, field):
    out = plans.export_plan(planned, "合并", tmp_path / "导出" / "合并方案.shp", encoding=encoding)
    assert sorted(p.name for p in out.parent.iterdir()) == [f"合并方案{s}" for s in (".cpg", ".dbf", ".prj", ".shp",
                                                                                     ".shx")]
    assert out.with_suffix(".cpg").read_text() == cpg
    dbf = out.with_suffix(".dbf").read_bytes()
    assert dbf[29] == ldid and "海门街道".encode(encoding) in dbf
    frame = pyogrio.read_dataframe(out)
    assert list(frame.columns) == ["code", "name", "district", "street", "community", "households", field, "geometry"]
    assert frame["name"].tolist() == [f"网格{i}" for i in (1, 3, 4, 5, 6, 7, 8, 9)]
    assert frame[field].tolist() == ["张三"] * 8 and frame["households"].tolist()[0] == 200
    if encoding == "GBK":  # software that ignores the .cpg reads the code page byte
        out.with_suffix(".cpg").unlink()
        assert pyogrio.read_dataframe(out)["street"].tolist()[0] == "海门街道"


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson"])
def test_export_plan_as_geopackage_and_geojson(planned, tmp_path, suffix):
    out = plans.export_plan(planned, "现状", tmp_path / f"现状{suffix}", encoding="GBK")  # UTF-8 by format
    frame = pyogrio.read_dataframe(out)
    assert len(frame) == 9 and frame["name"].tolist()[1] == "网格2" and frame["community"].tolist()[0] == "东山社区"
    assert np.allclose(shapely.area(frame.geometry.values), D * D)


def test_export_plan_refusals_write_nothing(planned, tmp_path):
    planned.grids.loc[0, "name"] = "网格😀"
    with pytest.raises(GridMapError, match="'网格😀' \\(field name\\) has characters GBK cannot hold"):
        plans.export_plan(planned, "合并", tmp_path / "x.shp", encoding="GBK")
    with pytest.raises(GridMapError, match="unknown plan format"):
        plans.export_plan(planned, "合并", tmp_path / "x.csv")
    with pytest.raises(GridMapError, match="unknown Shapefile encoding"):
        plans.export_plan(planned, "合并", tmp_path / "x.shp", encoding="Big5")
    with pytest.raises(GridMapError, match="no plan named '方案三'"):
        plans.export_plan(planned, "方案三", tmp_path / "x.shp")
    assert list(tmp_path.iterdir()) == []


# --- assignment table ---------------------------------------------------------------------------------------------

ID_NUMBER = "331002199001011234"


def with_person() -> Project:
    """The block with one key person (id = their ID number) in grid 001."""
    project = block()
    project.layers["persons"] = pd.DataFrame({"id": pd.Series([ID_NUMBER], dtype="str"),
                                              "name": pd.Series(["张三"], dtype="str"),
                                              "lon": [X0 + 0.5 * D], "lat": [Y0 + 0.5 * D]})
    assign_layer(project, "persons")
    return project


def test_export_assignment_masks_id_numbers_and_round_trips_when_revealed(tmp_path):
    project = with_person()
    out = tmp_path / "分配.csv"
    assert plans.export_assignment(project, out) == 901
    data = out.read_bytes()
    assert data.startswith("\ufeffkind,id,grid_code\nincidents,E0,331002001001\n".encode())
    assert data.decode("utf-8-sig").splitlines()[-1] == f"persons,331002********1234,{A}"
    result = plans.import_assignment(project, out)
    assert result.to_json() == {"rows": 901, "applied": 0, "unchanged": 900, "rejected": 1, "rejected_rows": [
        {"row": 902, "reason": "the id 331002********1234 is masked; export the assignment with ID numbers "
                               "revealed"}]}
    assert plans.export_assignment(project, out, reveal=True) == 901
    assert plans.import_assignment(project, out).to_json() == {"rows": 901, "applied": 0, "unchanged": 901,
                                                               "rejected": 0, "rejected_rows": []}
    assert "overrides" not in project.meta  # rows that agree are not pinned


BAD = ["kind,id,grid_code",
       "incidents,E0,331002001009",   # row 2: moved by hand
       "incidents,E1,331002001001",   # row 3: already there
       "cars,E2,331002001001",        # row 4
       "incidents,E999,331002001001",  # row 5
       "incidents,E3,331002009999",   # row 6
       ",E4,331002001001",            # row 7
       "incidents,,331002001001",     # row 8
       "incidents,E5,",               # row 9
       "incidents,E0,331002001002",   # row 10
       "workers,W0,331002001002",     # row 11: workers list their grids in the workers layer
       "persons,331002199001011234,331002001008"]  # row 12: moved by hand


def test_import_assignment_flags_bad_rows_and_applies_the_rest(tmp_path):
    project = with_person()
    path = tmp_path / "分配.csv"
    path.write_text("\n".join(BAD) + "\n", encoding="gbk")
    result = plans.import_assignment(project, path)
    assert result.to_json() == {"rows": 11, "applied": 2, "unchanged": 1, "rejected": 8, "rejected_rows": [
        {"row": 4, "reason": "unknown kind 'cars'; expected incidents, persons"},
        {"row": 5, "reason": "no incidents record with id E999"},
        {"row": 6, "reason": "no grid with code 331002009999"},
        {"row": 7, "reason": "empty kind or id"},
        {"row": 8, "reason": "empty kind or id"},
        {"row": 9, "reason": "empty grid code"},
        {"row": 10, "reason": "incidents E0 repeats row 2"},
        {"row": 11, "reason": "unknown kind 'workers'; expected incidents, persons"}]}
    overrides = project.meta["overrides"]
    assert overrides["incidents"]["E0"]["grid"] == "331002001009"
    assert overrides["incidents"]["E0"]["reason"] == "imported from 分配.csv"
    assert overrides["persons"][ID_NUMBER]["grid"] == "331002001008"
    assert project.layers["incidents"]["grid_code"].iloc[0] == "331002001009"
    assert project.layers["persons"]["grid_code"].iloc[0] == "331002001008"
    assert result.previous == {"incidents": {"E0": None}, "persons": {ID_NUMBER: None}}
    for kind, previous in result.previous.items():  # undo
        restore_overrides(project, kind, previous)
    assert project.layers["incidents"]["grid_code"].iloc[0] == A and project.meta["overrides"]["incidents"] == {}


def test_import_assignment_file_errors_change_nothing(tmp_path, monkeypatch):
    project = with_person()
    before = copy.deepcopy(project.meta)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("kind,record,grid\nincidents,E0,331002001009\n", encoding="utf-8")
    with pytest.raises(GridMapError, match="wrong.csv: no column id, grid_code; an assignment table has the columns"):
        plans.import_assignment(project, wrong)
    with pytest.raises(GridMapError, match="missing.csv: file not found"):
        plans.import_assignment(project, tmp_path / "missing.csv")
    good = tmp_path / "good.csv"
    good.write_text("\n".join([BAD[0], BAD[1], BAD[-1]]) + "\n", encoding="utf-8")
    import gridmap.core.records.assign as assign

    real, calls = assign.set_overrides, []

    def failing(project, kind, ids, grid, reason=""):
        calls.append(kind)
        if len(calls) == 2:
            raise OSError("disk gone")
        return real(project, kind, ids, grid, reason)

    monkeypatch.setattr(assign, "set_overrides", failing)
    with pytest.raises(OSError):
        plans.import_assignment(project, good)
    assert calls == ["incidents", "persons"]  # the first was applied, then undone
    assert project.meta.get("overrides", {}).get("incidents", {}) == {} and "overrides" not in before
    assert counts(project)[A] == 100
