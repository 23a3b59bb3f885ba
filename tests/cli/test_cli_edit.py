"""``gridmap edit`` and ``gridmap plan`` on the 3x3 block of test_edits saved as a project: exact dry-run JSON,
applied edits saved, refusals on one stderr line with exit 2 and the project file byte-identical."""

import json
import os
import subprocess
import sys

import pyogrio
import pytest
import shapely

from builders import run_cli

from gridmap.store.gpkg import GpkgStore
from gridmap.ops import open_project
from builders import D, X0, Y0, block

A, B, C, E, I, NEW = (f"331002001{i:03d}" for i in (1, 2, 3, 5, 9, 10))
SPLIT = shapely.LineString([(X0 + 1.3 * D, Y0 + 0.9 * D), (X0 + 1.3 * D, Y0 + 2.1 * D)]).wkt
HALF_OF_B = shapely.box(X0 + D, Y0, X0 + 1.5 * D, Y0 + D).wkt  # its edges lie on 004, 005 and 001
EAST_OF_C = shapely.box(X0 + 3 * D, Y0, X0 + 4 * D, Y0 + D).wkt


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "城市.gpkg"
    GpkgStore(path).save(block())
    return path


@pytest.mark.parametrize("args, changed, moved", [
    (["split", "--grid", E, "--line", SPLIT], [E, NEW], {"incidents": 30}),
    (["merge", "--grids", f"{A},{B}"], [A, B], {"incidents": 100, "workers": 1}),
    (["transfer", "--to", A, "--area", HALF_OF_B], [A, B], {"incidents": 50}),
    (["create", "--area", EAST_OF_C], [NEW], {"incidents": 0}),
    (["delete", "--grid", E], [E], {"incidents": 100, "workers": 1}),
])
def test_dry_run_prints_the_impact_and_changes_nothing(project, capsys, args, changed, moved):
    before = project.read_bytes()
    code, out, err = run_cli(capsys, "edit", project, *args, "--dry-run", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert (data["changed_grids"], data["moved"], data["applied"]) == (changed, moved, False)
    assert project.read_bytes() == before


def test_dry_run_text_and_exact_split_impact(project, capsys):
    code, out, _ = run_cli(capsys, "edit", project, "split", "--grid", E, "--line", SPLIT, "--dry-run", "--json")
    assert json.loads(out) == {
        "edit": "split", "description": f"split grid {E} into 2", "changed_grids": [E, NEW], "removed": [],
        "added": [NEW], "moved": {"incidents": 30}, "moves": {"incidents": [{"from": E, "to": NEW, "count": 30}]},
        "households": {"before": {E: 100}, "after": {E: 70, NEW: 30}}, "warnings": [], "applied": False}
    code, out, _ = run_cli(capsys, "edit", project, "merge", "--grids", f"{A},{B}", "--dry-run")
    assert out == (f"{project}: merge {A}, {B} into {A} (dry run: nothing changed)\n"
                   f"  changed grids: {A}, {B}\n  records moved: incidents 100, workers 1\n")


def test_applied_edits_are_saved(project, capsys):
    code, out, _ = run_cli(capsys, "edit", project, "merge", "--grids", f"{A},{B}", "--json")
    assert code == 0 and json.loads(out)["applied"] is True
    code, out, _ = run_cli(capsys, "edit", project, "split", "--grid", E, "--line", SPLIT, "--json")
    assert code == 0 and json.loads(out)["added"] == [NEW]
    assert run_cli(capsys, "edit", project, "delete", "--grid", I)[0] == 0
    saved = open_project(project)
    assert sorted(saved.grids["code"]) == [A, C, "331002001004", E, "331002001006", "331002001007",
                                           "331002001008", NEW]
    grids = saved.layers["incidents"]["grid_code"].value_counts().to_dict()
    assert grids == {A: 200, C: 100, "331002001004": 100, E: 70, "331002001006": 100, "331002001007": 100,
                     "331002001008": 100, NEW: 30, "": 100}
    assert saved.layers["workers"]["grid_code"].tolist() == [A, A, C, "331002001004", E, "331002001006",
                                                             "331002001007", "331002001008", ""]
    assert [e["what"] for e in saved.meta["edit_log"]] == ["merge", "split", "delete"]
    GpkgStore(project).lock().release()  # the edits released the lock (its file stays)


@pytest.mark.parametrize("args, message", [
    (["split", "--grid", E, "--line", "LINESTRING (0 0, 1 1)"],
     f"城市.gpkg: the line does not cut grid {E} in two; draw it across the grid from edge to edge"),
    (["split", "--grid", E, "--line", "LINE (0 0"], "edit split: argument --line: expected WKT in lon/lat"),
    (["split", "--grid", E], "edit split: the following arguments are required: --line"),
    (["merge", "--grids", f"{A},{I}"], f"grids {A}, {I} do not form one connected area"),
    (["merge", "--grids", f"{A},331002009999"], "城市.gpkg: no grid with code 331002009999"),
    (["transfer", "--to", I, "--area", HALF_OF_B], f"the area does not touch grid {I}"),
    (["create", "--area", shapely.box(X0, Y0, X0 + D / 2, Y0 + D / 2).wkt], "a new grid needs unassigned area"),
    (["create", "--area", EAST_OF_C, "--street", "白云街道"], "no street named 白云街道"),
    (["delete", "--grid", "x"], "no grid with code x"),
    (["explode", "--grid", E], "argument EDIT: invalid choice: 'explode'"),
])
def test_refusals_exit_2_and_leave_the_project_unchanged(project, capsys, args, message):
    before = project.read_bytes()
    for dry in ([], ["--dry-run"]):
        code, out, err = run_cli(capsys, "edit", project, *args, *dry)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith("gridmap: ") and message in err, err
        assert project.read_bytes() == before


def test_an_edit_is_refused_while_another_gridmap_holds_the_project(project, capsys):
    before = project.read_bytes()
    lock = GpkgStore(project).lock()
    try:
        code, _, err = run_cli(capsys, "edit", project, "delete", "--grid", E)
    finally:
        lock.release()
    assert code == 2 and "the project is open in another GridMap" in err and project.read_bytes() == before


def test_edit_as_a_process(project):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "gridmap", "edit", str(project), "merge", "--grids", f"{A},{B}",
                           "--dry-run", "--json"], capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["moved"] == {"incidents": 100, "workers": 1}


# --- plans --------------------------------------------------------------------------------------------------------

def test_plan_save_list_use_compare(project, capsys):
    code, _, err = run_cli(capsys, "plan", project, "use", "现状")
    assert code == 2 and err == f"gridmap: {project}: no plan named '现状'; plans: -\n"
    assert json.loads(run_cli(capsys, "plan", project, "save", "现状", "--json")[1]) == {
        "plan": "现状", "previous": None, "grids": 9, "plans": ["现状"]}
    assert run_cli(capsys, "plan", project, "save", "合并")[1] == f"{project}: saved plan 合并 (9 grids), now in use\n"
    assert run_cli(capsys, "edit", project, "merge", "--grids", f"{A},{B}")[0] == 0
    assert run_cli(capsys, "plan", project, "list")[1] == "* 合并: 8 grids\n  现状: 9 grids\n"
    assert json.loads(run_cli(capsys, "plan", project, "list", "--json")[1]) == {"plans": [
        {"name": "合并", "grids": 8, "in_use": True}, {"name": "现状", "grids": 9, "in_use": False}]}
    compare = json.loads(run_cli(capsys, "plan", project, "compare", "现状", "合并", "--json")[1])
    assert (compare["changed_grids"], compare["removed"], compare["moved"]) == (
        [A, B], [B], {"incidents": 100, "workers": 1})
    assert run_cli(capsys, "plan", project, "compare", "现状", "合并")[1] == (
        f"现状 (9 grids) -> 合并 (8 grids)\n  added: -\n  removed: {B}\n  geometry changed: {A}\n"
        f"  attributes changed: {A}\n  incidents moved: 100\n    {B} -> {A}: 100\n"
        f"  workers moved: 1\n    {B} -> {A}: 1\n")
    before = project.read_bytes()
    code, _, err = run_cli(capsys, "plan", project, "save", "现状")
    assert code == 2 and "a plan named '现状' exists" in err and project.read_bytes() == before
    assert json.loads(run_cli(capsys, "plan", project, "use", "现状", "--json")[1]) == {
        "plan": "现状", "previous": "合并", "grids": 9, "moved": {"incidents": 100, "workers": 1}}
    saved = open_project(project)
    assert (saved.meta["plan"], list(saved.plans), len(saved.grids)) == ("现状", ["合并"], 9)
    assert saved.layers["incidents"]["grid_code"].value_counts()[B] == 100


def test_plan_export_and_assignment_tables(project, capsys, tmp_path):
    run_cli(capsys, "plan", project, "save", "现状")
    out = tmp_path / "导出" / "现状.shp"
    code, text, _ = run_cli(capsys, "plan", project, "export", "现状", "--out", out, "--encoding", "gbk", "--json")
    assert code == 0 and json.loads(text) == {"out": str(out), "plan": "现状", "grids": 9, "encoding": "GBK"}
    assert out.with_suffix(".cpg").read_text() == "936"
    assert pyogrio.read_dataframe(out)["street"].tolist() == ["海门街道"] * 9
    table = tmp_path / "分配.csv"
    assert run_cli(capsys, "plan", project, "export-assignment", table)[1] == \
        f"{table}: 900 records (ID numbers masked)\n"
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 901 and lines[1] == f"incidents,E0,{A}"
    lines[1] = f"incidents,E0,{I}"
    lines[8] = "incidents,E7,331002009999"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    code, text, _ = run_cli(capsys, "plan", project, "import-assignment", table, "--json")
    assert code == 0 and json.loads(text) == {"rows": 900, "applied": 1, "unchanged": 898, "rejected": 1,
                                              "rejected_rows": [{"row": 9,
                                                                 "reason": "no grid with code 331002009999"}]}
    saved = open_project(project)
    assert saved.layers["incidents"]["grid_code"].iloc[0] == I
    assert saved.meta["overrides"]["incidents"]["E0"]["reason"] == "imported from 分配.csv"
