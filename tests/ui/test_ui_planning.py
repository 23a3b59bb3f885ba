"""The planning docks and dialog in the window, offscreen in real QtWebEngine, on a 3x3 block built here (grid 5
has 800 households, its western neighbour grid 4 has 100, the others 400; grid 2 reaches into grid 3; grid 9 has
no worker; one incident lies outside every grid): the validation panel's exact findings, zooming to them and
checking again after an edit; plans saved, compared, switched, exported and read back, an assignment table
imported with its bad rows listed and undone; the workload table's statuses, the outlier colours on the map, and
transfer suggestions accepted (undoable with Ctrl+Z) or rejected."""

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gridmap.core.grids import edits
from gridmap.core.records.assign import assign_layer
from gridmap.ui.panels.balance_dock import HIGH, IN_RANGE, LOW
from gridmap.ui.editing.edit_tools import GridEditCommand
from gridmap.ui.editing.plans_dialog import PlansDialog
from gridmap.ui.editing.record_edits import WorkersCommand, with_worker_grid
from builders import run_js, show_project
from builders import D, X0, Y0, block

CODE = "331002001{:03d}".format
LEGEND = "document.querySelector('.gm-legend').innerText"


def project():
    """tests.test_edits' block with the households, overlap, missing worker and stray incident above."""
    project = block()
    grids = project.grids
    grids["households"] = pd.array([400, 400, 400, 100, 800, 400, 400, 400, 400], dtype="Int64")
    geoms = list(grids.geometry.values)
    # grid 2 a tenth of a grid into grid 3 (its northern edge keeps the vertex grid 5's edge has)
    geoms[1] = shapely.Polygon([(X0 + D, Y0), (X0 + 2.1 * D, Y0), (X0 + 2.1 * D, Y0 + D), (X0 + 2 * D, Y0 + D),
                                (X0 + D, Y0 + D)])
    project.grids = grids.set_geometry(geoms, crs=4490)
    project.layers["workers"] = project.layers["workers"].iloc[:8].reset_index(drop=True)
    stray = pd.DataFrame({"id": pd.Series(["E900"], dtype="str"), "category": pd.Series(["盗窃"], dtype="str"),
                          "lon": [X0 + 5 * D], "lat": [Y0 + 5 * D]})
    project.layers["incidents"] = pd.concat([project.layers["incidents"], stray], ignore_index=True)
    for kind in ("incidents", "workers"):
        assign_layer(project, kind)
    return project


@pytest.fixture
def window(qtbot):
    window = show_project(qtbot, project())
    yield window
    window.set_modified(False)
    window.close()


def js(qtbot, window, script: str):
    return run_js(qtbot, window.map, script)


def households(window) -> dict[str, int]:
    return dict(zip(window.project.grids["code"], window.project.grids["households"].astype(int)))


def wait_for_map(qtbot, window) -> None:
    """Until the page shows the grids the map was last given."""
    qtbot.waitUntil(lambda: js(qtbot, window, "GridMap.state().grids") == len(window.map.grids), timeout=10000)


# --- validation ------------------------------------------------------------------------------------------------

def run_check(qtbot, panel) -> list[tuple[str, str, str, str]]:
    with qtbot.waitSignal(panel.checked, timeout=30000):
        panel.run_button.click()
    return [tuple(panel.list.topLevelItem(i).text(c) for c in range(4)) for i in range(panel.list.topLevelItemCount())]


def test_validation_lists_the_findings_zooms_to_them_and_checks_again_after_an_edit(qtbot, window):
    panel = window.validation
    assert panel.summary.text() == "Not checked yet."
    assert run_check(qtbot, panel) == [
        ("Overlap", f"{CODE(2)}, {CODE(3)}", "108,398.5",
         f"grids {CODE(2)} and {CODE(3)} overlap by 108,398.5 m², about 97.8 m wide"),
        ("Records outside grids", "", "", "1 incidents outside every grid"),
        ("No worker", CODE(9), "", f"grid {CODE(9)} has no worker")]
    assert panel.list.topLevelItem(0).toolTip(0) == "Error" and panel.list.topLevelItem(1).toolTip(0) == "Warning"
    assert panel.summary.text() == "1 errors, 2 warnings; click one to see it on the map."
    assert panel.run_button.text() == "Re-check"

    with qtbot.waitSignal(window.map.extentChanged, timeout=10000):  # the overlap: both grids selected, in view
        panel.list.itemClicked.emit(panel.list.topLevelItem(0), 0)
    assert window.selection == [1, 2] and js(qtbot, window, "GridMap.state().selected") == [1, 2]
    west, south, east, north = window.map.extent
    assert west <= X0 + D and east >= X0 + 3 * D and south <= Y0 and north >= Y0 + D and east - west < 6 * D

    with qtbot.waitSignal(window.map.extentChanged, timeout=10000):  # no grid: a small view around the record
        panel.list.itemActivated.emit(panel.list.topLevelItem(1), 0)
    assert window.selection == []
    west, south, east, north = window.map.extent
    assert west < X0 + 5 * D < east and south < Y0 + 5 * D < north and east - west < 0.02

    panel.tolerance.setValue(200_000)  # the overlap is within this tolerance
    assert [row[0] for row in run_check(qtbot, panel)] == ["Records outside grids", "No worker"]

    workers = with_worker_grid(window.project.layers["workers"], 0, CODE(9), add=True)
    with qtbot.waitSignal(panel.checked, timeout=30000):  # an undoable change: checked again by itself
        window.undo_stack.push(WorkersCommand(window.session, workers, "worker"))
    assert [panel.list.topLevelItem(i).text(0) for i in range(panel.list.topLevelItemCount())] == [
        "Records outside grids"]


# --- plans -----------------------------------------------------------------------------------------------------

def test_plans_save_compare_switch_and_export(qtbot, window, tmp_path):
    dialog = PlansDialog.show_for(window)
    assert dialog.list.count() == 0 and "not saved as a plan" in dialog.result.toPlainText()
    assert dialog.save_plan("现状")
    assert dialog.result.toPlainText() == "Saved the grids as plan 现状 (9 grids); it is in use: edits change it."
    assert dialog.save_plan("调整")  # a copy to edit; 现状 is kept as it is
    window.balance.suggest()  # grid 5 gives grid 4 350 households
    window.balance.accept()
    assert [dialog.list.item(i).text() for i in range(2)] == ["现状 — 9 grids", "调整 — 9 grids (in use)"]
    assert dialog.list.currentItem().text().startswith("调整") and window.is_modified()

    dialog.compare_a.setCurrentText("现状")
    dialog.compare_b.setCurrentText("调整")
    data = dialog.compare("现状", "调整")
    assert data["changed_grids"] == [CODE(4), CODE(5)] and data["moved"] == {"incidents": 40, "workers": 0}
    assert dialog.result.toPlainText().splitlines() == [
        "Plan 现状 → plan 调整: 9 → 9 grids",
        f"Changed grids: (2) {CODE(4)}, {CODE(5)}", "Added: (0) —", "Removed: (0) —",
        f"Boundaries changed: (2) {CODE(4)}, {CODE(5)}", f"Attributes changed: (2) {CODE(4)}, {CODE(5)}",
        "Records moved:", f"  Incidents 40 ({CODE(5)} → {CODE(4)}: 40)", "  Grid workers 0"]

    dialog.list.setCurrentRow(0)
    with qtbot.waitSignal(window.projectChanged, timeout=10000):
        dialog._switch_selected()
    assert households(window)[CODE(4)] == 100 and households(window)[CODE(5)] == 800
    assert window.project.layers["incidents"]["grid_code"].value_counts()[CODE(4)] == 100
    assert window.is_modified() and window.isWindowModified()
    assert dialog.result.toPlainText() == "Using plan 现状 (9 grids). Records that changed grid: Incidents 40, " \
                                          "Grid workers 0"
    assert window.balance.frame.set_index("code")["status"][CODE(5)] == "high"  # the docks follow
    assert dialog.list.currentItem().text() == "现状 — 9 grids (in use)"

    for name, encoding in (("plan.shp", "GBK"), ("plan.gpkg", "UTF-8"), ("plan.geojson", "UTF-8")):
        assert dialog.export_plan("调整", tmp_path / name, encoding) == tmp_path / name
        back = gpd.read_file(tmp_path / name)  # a Shapefile's .cpg tells its encoding
        assert sorted(back["code"]) == [CODE(k) for k in range(1, 10)] and back["name"][0] == "网格1"
        assert back.set_index("code")["households"][CODE(5)] == 450
    assert (tmp_path / "plan.cpg").read_text() == "936"  # the GBK code page
    assert "网格1".encode("gbk") in (tmp_path / "plan.dbf").read_bytes()
    assert dialog.result.toPlainText() == "Exported plan 调整 to plan.geojson"

    window.balance.outliers.setChecked(True)  # to a plan of more grids, with the outliers shown
    window.undo_stack.push(GridEditCommand(window.session, edits.merge(window.project, [CODE(7), CODE(8)])))
    assert len(window.project.grids) == 8 and len(window.map._choropleth["index"]) == 8
    dialog.list.setCurrentRow(1)
    dialog._switch_selected()
    assert len(window.project.grids) == 9 and window.undo_stack.count() == 0
    qtbot.waitUntil(lambda: js(qtbot, window, "GridMap.state().grids") == 9)
    assert len(window.map._choropleth["index"]) == 9
    assert [dialog.list.item(i).text() for i in range(2)] == ["现状 — 8 grids", "调整 — 9 grids (in use)"]


def test_assignment_table_export_and_import_with_rejected_rows_undoable(qtbot, window, tmp_path):
    dialog = PlansDialog.show_for(window)
    assert dialog.export_assignment(tmp_path / "out.csv") == 901
    table = pd.read_csv(tmp_path / "out.csv", dtype=str, encoding="utf-8-sig")
    assert list(table.columns) == ["kind", "id", "grid_code"] and table["grid_code"][0] == CODE(1)

    source = tmp_path / "assign.csv"
    source.write_text("kind,id,grid_code\n"
                      f"incidents,E0,{CODE(9)}\n"
                      f"incidents,E1,{CODE(1)}\n"
                      "incidents,E2,999\n"
                      f"persons,P1,{CODE(1)}\n"
                      f"incidents,NOPE,{CODE(1)}\n"
                      f"incidents,E0,{CODE(2)}\n", encoding="utf-8")
    dialog.import_assignment(source)
    assert dialog.result.toPlainText().splitlines() == [
        "assign.csv: 6 rows; 1 applied, 1 unchanged, 4 rejected",
        "Row 4: no grid with code 999",
        "Row 5: unknown kind 'persons'; expected incidents",
        "Row 6: no incidents record with id NOPE",
        "Row 7: incidents E0 repeats row 2"]
    incidents = window.project.layers["incidents"]
    assert incidents["grid_code"][0] == CODE(9) and window.is_modified()
    assert window.project.meta["overrides"]["incidents"]["E0"]["reason"] == "imported from assign.csv"
    assert window.tables.tables["incidents"] is not None

    window.undo_stack.undo()
    assert window.project.layers["incidents"]["grid_code"][0] == CODE(1)
    assert "E0" not in window.project.meta["overrides"]["incidents"]
    window.undo_stack.redo()
    assert window.project.layers["incidents"]["grid_code"][0] == CODE(9)


# --- workload balance ------------------------------------------------------------------------------------------

def test_workload_table_statuses_and_outliers_on_the_map(qtbot, window):
    panel = window.balance
    model = panel.model
    status = [model.index(r, 9).data() for r in range(model.rowCount())]
    assert status == ["In range"] * 3 + ["Low", "High"] + ["In range"] * 4
    assert model.headerData(4, Qt.Horizontal) == "Households" and model.index(4, 4).data() == "800"
    assert model.index(0, 7).data() == "100"  # incidents
    assert panel.summary.text() == "9 grids: 1 below the range, 7 in range, 1 above it, 0 without households"

    panel.outliers.setChecked(True)
    qtbot.waitUntil(lambda: (js(qtbot, window, LEGEND) or "").startswith("Households (target 300–500)"))
    assert js(qtbot, window, LEGEND).split("\n")[:4] == ["Households (target 300–500)", "100 – 299", "299 – 500",
                                                         "500 – 800"]
    colours = window.map._choropleth
    assert [colours["palette"][k] for k in colours["index"]] == [IN_RANGE] * 3 + [LOW, HIGH] + [IN_RANGE] * 4

    panel.high.setValue(900)  # a new range: the table and the map follow
    assert [model.index(r, 9).data() for r in range(5)] == ["In range"] * 3 + ["Low", "In range"]
    qtbot.waitUntil(lambda: js(qtbot, window, LEGEND).split("\n")[:3] == ["Households (target 300–900)",
                                                                          "100 – 299", "299 – 900"])
    panel.outliers.setChecked(False)  # the district colouring again
    qtbot.waitUntil(lambda: js(qtbot, window, LEGEND).split("\n")[:2] == ["Districts", "椒江区"])

    view = panel.view
    with qtbot.waitSignal(window.map.extentChanged, timeout=10000):
        view.doubleClicked.emit(model.index(4, 0))
    assert window.selection == [4]


def test_suggestions_previewed_accepted_undone_and_rejected(qtbot, window):
    panel = window.balance
    incidents = window.project.layers["incidents"]["grid_code"].value_counts()
    panel.suggest()
    assert panel.box.isVisible() and panel.suggestion.giver == CODE(5) and panel.suggestion.taker == CODE(4)
    assert panel.text.text().splitlines() == [
        f"Move 0.474 km² with 350 households from {CODE(5)} to its neighbour {CODE(4)}.",
        f"{CODE(5)} 网格5: 800 → 450 households", f"{CODE(4)} 网格4: 100 → 450 households",
        "Records changing grid: Incidents 40", "Households outside the range: 500 before, 0 after."]
    # the map previews the layout after, coloured by the statuses after; the taker selected, the area it takes
    # outlined as a part of its own
    wait_for_map(qtbot, window)
    preview, before = window.map.grids.geometry.values, window.project.grids.geometry.values
    assert window.map.grids is not window.project.grids and window.selection == [3]
    assert shapely.equals(preview[4], panel.suggestion.edit.after.set_index("code").geometry[CODE(5)])
    taker, taken = shapely.get_parts(preview[3])
    assert shapely.equals(taker, before[3]) and shapely.equals(taken, shapely.difference(before[4], preview[4]))
    qtbot.waitUntil(lambda: js(qtbot, window, "GridMap.state().selected") == [3])
    qtbot.waitUntil(lambda: (js(qtbot, window, LEGEND) or "").split("\n")[:2] == [
        "Households (target 300–500)", "400 – 500"])

    panel.reject()  # the next pair: grid 5 gives grid 6 100 households
    assert (panel.suggestion.giver, panel.suggestion.taker) == (CODE(5), CODE(6))
    assert panel.text.text().splitlines()[1:3] == [f"{CODE(5)} 网格5: 800 → 700 households",
                                                   f"{CODE(6)} 网格6: 400 → 500 households"]
    panel.stop()
    assert not panel.box.isVisible() and window.map.grids is window.project.grids and households(window)[CODE(5)] == 800

    panel.suggest()
    panel.accept()
    assert households(window)[CODE(4)] == 450 and households(window)[CODE(5)] == 450
    counts = window.project.layers["incidents"]["grid_code"].value_counts()
    assert counts[CODE(4)] == incidents[CODE(4)] + 40 and counts[CODE(5)] == incidents[CODE(5)] - 40
    assert [panel.model.index(r, 9).data() for r in range(9)] == ["In range"] * 9
    assert not panel.box.isVisible() and panel.summary.text().startswith("No more transfers to suggest.")
    assert window.map.grids is window.project.grids
    wait_for_map(qtbot, window)

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert households(window)[CODE(4)] == 100 and households(window)[CODE(5)] == 800
    assert window.project.layers["incidents"]["grid_code"].value_counts()[CODE(4)] == incidents[CODE(4)]
    assert [panel.model.index(r, 9).data() for r in (3, 4)] == ["Low", "High"]
