"""The grid edit tools in the window, offscreen in real QtWebEngine: drawing on the map with real mouse events
and keys (snapping to a grid vertex, Backspace, Esc), the impact preview's exact counts and sentences, Apply,
Ctrl+Z / Ctrl+Y restoring and reapplying exactly, and refusals with their reason."""

import json

import numpy as np
import pandas as pd
import pytest
import shapely
from PySide6.QtCore import QDateTime, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from gridmap.core.records.assign import assign_layer
from gridmap.core.geo.chinacoords import wgs84_to_gcj02
from gridmap.core.project.kinds import KINDS, empty_layer
from gridmap.map.basemaps import Basemap
from gridmap.ui.editing.edit_dialogs import RecodeDialog, TransferDialog
from gridmap.ui.editing.impact_dialog import ImpactDialog
from builders import run_js, show_project
from builders import D, X0, Y0, block

CODE = "331002001{:03d}".format


def records(kind: str, points: list[tuple[float, float]], **values) -> pd.DataFrame:
    """A ``kind`` layer with the standard columns and one record at each (lon, lat)."""
    n = len(points)
    frame = {c: pd.Series([""] * n, dtype="str") for c in empty_layer(kind).columns}
    frame["id"] = pd.Series([f"{kind[0].upper()}{i}" for i in range(n)], dtype="str")
    if KINDS[kind].time:
        frame[KINDS[kind].time] = pd.Series([pd.Timestamp("2024-05-01")] * n, dtype="datetime64[ns]")
    frame["lon"] = pd.Series([p[0] for p in points], dtype="float64")
    frame["lat"] = pd.Series([p[1] for p in points], dtype="float64")
    for column, value in values.items():
        frame[column] = pd.Series([value] * n, dtype="str")
    return pd.DataFrame(frame)


def project():
    """tests.test_edits' 3 x 3 block (100 households, 100 incidents and a worker per grid) with key persons and
    venues: 3 persons and 2 venues in the eastern fifth of grid 4, one person in its west."""
    project = block()
    incidents = project.layers["incidents"]
    project.layers["incidents"] = records("incidents", list(zip(incidents["lon"], incidents["lat"])),
                                          category="盗窃", status="结案")
    project.layers["persons"] = records("persons", [(X0 + 0.9 * D, Y0 + (1.2 + 0.3 * k) * D) for k in range(3)]
                                        + [(X0 + 0.1 * D, Y0 + 1.5 * D)], category="刑满释放", name="张三")
    project.layers["venues"] = records("venues", [(X0 + 0.85 * D, Y0 + 1.3 * D), (X0 + 0.95 * D, Y0 + 1.7 * D)],
                                       type="小旅馆", name="平安旅馆")
    for kind in ("incidents", "persons", "venues"):
        assign_layer(project, kind)
    return project


@pytest.fixture
def window(qtbot):
    window = show_project(qtbot, project())
    with qtbot.waitSignal(window.map.extentChanged, timeout=10000):  # room east of the block to draw in
        window.map.set_extent([X0 - 0.6 * D, Y0 - 0.3 * D, X0 + 3.6 * D, Y0 + 3.3 * D])
    window.activateWindow()
    yield window
    window.set_modified(False)
    window.close()


def js(qtbot, window, script: str):
    return run_js(qtbot, window.map, script)


def screen(qtbot, window, lon: float, lat: float) -> QPoint:
    x, y = js(qtbot, window, f"GridMap.screenPoint({float(lon)!r}, {float(lat)!r})")
    return QPoint(round(x), round(y))


def start(qtbot, window, tool: str, kind: str) -> None:
    window.edit_tools.actions[tool].trigger()
    qtbot.waitUntil(lambda: (js(qtbot, window, "GridMap.drawing()") or {}).get("kind") == kind)


def draw(qtbot, window, points: list[tuple[float, float]]) -> list:
    """Click each point but the last on the map, double-click the last; returns the drawn vertices."""
    target = window.map.focusProxy()
    with qtbot.waitSignal(window.map.drawn, timeout=10000) as signal:
        for lon, lat in points[:-1]:
            QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, screen(qtbot, window, lon, lat))
        double_click(target, screen(qtbot, window, *points[-1]))
    return signal.args[1]


def double_click(target, pos: QPoint) -> None:
    """Two clicks 50 ms apart: QtWebEngine counts clicks itself from the presses' timestamps (it drops Qt's
    double-click events, and QTest spaces its clicks so that they never make one)."""
    at = QPointF(pos)
    steps = [(QEvent.MouseButtonPress, Qt.LeftButton), (QEvent.MouseButtonRelease, Qt.NoButton)] * 2
    for i, (kind, buttons) in enumerate(steps):
        event = QMouseEvent(kind, at, QPointF(target.mapToGlobal(pos)), Qt.LeftButton, buttons, Qt.NoModifier)
        event.setTimestamp(QDateTime.currentMSecsSinceEpoch() % 2 ** 31 + 25 * i)
        QApplication.sendEvent(target, event)


def report(window, kind: str, points) -> None:
    """The page reporting a finished drawing (for tools tested past the drawing)."""
    window.map.bridge.drawFinished.emit(kind, json.dumps([list(p) for p in points]))


def impact(qtbot, window) -> ImpactDialog:
    qtbot.waitUntil(lambda: isinstance(window.edit_tools.dialog, ImpactDialog) and window.edit_tools.dialog.isVisible())
    return window.edit_tools.dialog


def cells(dialog: ImpactDialog) -> dict[str, list[str]]:
    """The preview's table: grid → counts, with the column titles under ""."""
    table = dialog.table
    out = {"": [table.horizontalHeaderItem(c).text() for c in range(2, table.columnCount())]}
    for r in range(table.rowCount()):
        out[table.item(r, 0).text()] = [table.item(r, c).text() for c in range(2, table.columnCount())]
    return out


def apply(qtbot, window, dialog: ImpactDialog) -> None:
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: js(qtbot, window, "GridMap.state().grids") == len(window.project.grids))


def key(qtbot, window, sequence) -> None:
    """Press Ctrl+Z or Ctrl+Y in the window (active again once the preview closed, as a window manager would
    make it) and wait for the map to show the grids."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    count = window.undo_stack.index()
    QTest.keyClick(window, sequence[1], sequence[0])
    assert window.undo_stack.index() != count
    qtbot.waitUntil(lambda: js(qtbot, window, "GridMap.state().grids") == len(window.project.grids))


UNDO, REDO = (Qt.ControlModifier, Qt.Key_Z), (Qt.ControlModifier, Qt.Key_Y)


def codes(window) -> list[str]:
    return window.project.grids["code"].tolist()


def incident_counts(window) -> dict[str, int]:
    return window.project.layers["incidents"]["grid_code"].value_counts().to_dict()


def test_split_along_a_line_drawn_on_the_map_then_undo_and_redo(qtbot, window):
    original, incidents = window.project.grids, window.project.layers["incidents"].copy()
    QTest.mouseClick(window.map.focusProxy(), Qt.LeftButton, Qt.NoModifier,
                     screen(qtbot, window, X0 + 1.5 * D, Y0 + 1.5 * D))
    qtbot.waitUntil(lambda: window.selection == [4])
    start(qtbot, window, "split", "line")
    line = draw(qtbot, window, [(X0 + 1.3 * D, Y0 + 0.9 * D), (X0 + 1.3 * D, Y0 + 2.1 * D)])
    assert np.allclose(line, [(X0 + 1.3 * D, Y0 + 0.9 * D), (X0 + 1.3 * D, Y0 + 2.1 * D)], atol=2e-5)

    dialog = impact(qtbot, window)
    assert js(qtbot, window, "GridMap.drawing().finished")  # the line stays on the map while previewed
    assert dialog.sentences() == [f"This moves 30 incidents from {CODE(5)} to {CODE(10)}."]
    table = cells(dialog)
    assert table[""] == ["Households", "Key persons", "Key venues", "Incidents", "Grid workers"]
    assert table[CODE(5)] == ["100 → 70", "0 → 0", "0 → 0", "100 → 70", "1 → 1"]
    assert table[f"{CODE(10)} (new)"] == ["— → 30", "— → 0", "— → 0", "— → 30", "— → 0"]

    apply(qtbot, window, dialog)
    assert len(codes(window)) == 10 and incident_counts(window)[CODE(10)] == 30
    qtbot.waitUntil(lambda: js(qtbot, window, "GridMap.drawing()") is None)
    assert window.project.meta["edit_log"][-1]["after"] == [CODE(5), CODE(10)]
    assert window.selection == [4, 9] and js(qtbot, window, "GridMap.state().selected") == [4, 9]
    assert window.table.model.rowCount() == 10 and window.layer_panel.topLevelItem(0).text(1) == "10"
    assert window.is_modified() and window.isWindowModified()

    key(qtbot, window, UNDO)
    assert window.project.grids is original and "edit_log" not in window.project.meta
    pd.testing.assert_frame_equal(window.project.layers["incidents"], incidents)
    assert window.selection == [4] and not window.is_modified()
    key(qtbot, window, REDO)
    assert len(codes(window)) == 10 and incident_counts(window)[CODE(5)] == 70


def test_vertices_snap_and_a_grid_is_created_in_unassigned_area(qtbot, window):
    start(qtbot, window, "create", "polygon")
    grids = window.project.grids.set_index("code").geometry
    south_east, north_east = grids[CODE(3)].exterior.coords[0], grids[CODE(3)].exterior.coords[1]  # (x1, y0), (x1, y1)
    target = window.map.focusProxy()
    near = screen(qtbot, window, *south_east) + QPoint(5, -4)
    QTest.mouseMove(target, near)
    qtbot.waitUntil(lambda: js(qtbot, window, "GridMap.drawing().snap") is not None)
    assert js(qtbot, window, "GridMap.drawing().snap") == pytest.approx(list(south_east), abs=1e-6)
    QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, near)
    east = X0 + 3.5 * D
    polygon = draw(qtbot, window, [(east, Y0), (east, Y0 + D), north_east])
    assert polygon[0] == list(south_east) and polygon[-1] == list(north_east)  # exactly, not 1e-6° off

    dialog = impact(qtbot, window)
    assert dialog.moves_label.text() == "No records change grid."
    assert cells(dialog)[f"{CODE(10)} (new)"][:2] == ["— → —", "— → 0"]
    apply(qtbot, window, dialog)
    new = window.project.grids.set_index("code").geometry[CODE(10)]
    assert new.area == pytest.approx(0.5 * D * D, rel=0.02)  # the unsnapped corners are where the pixels were
    assert shapely.intersection(new, grids[CODE(3)]).length == pytest.approx(D, rel=1e-9)  # shares the whole edge
    assert window.selection == [9]


def test_snapping_is_exact_over_a_gcj02_basemap(qtbot, window, tmp_path):
    window.map.set_basemap(Basemap(name="GCJ-02 tiles", kind="folder", source=str(tmp_path), coords="gcj02"))
    qtbot.waitUntil(lambda: window.map.coords == "gcj02" and js(qtbot, window, "GridMap.boundsOf(0)")[0] > X0 + 1e-3)
    window.set_selection([4])
    start(qtbot, window, "split", "line")
    corners = [(X0 + D, Y0 + D), (X0 + 2 * D, Y0 + 2 * D)]  # grid 5's diagonal
    shown = [screen(qtbot, window, *np.ravel(wgs84_to_gcj02(*corner))) + QPoint(3, -2) for corner in corners]
    target = window.map.focusProxy()
    with qtbot.waitSignal(window.map.drawn, timeout=10000) as signal:
        QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, shown[0])
        double_click(target, shown[1])
    vertices = {tuple(v) for v in shapely.get_coordinates(window.project.grids.geometry.values)}
    assert all(tuple(v) in vertices for v in signal.args[1])  # exactly grid vertices, not 1e-6° or GCJ-02 off
    assert np.allclose(signal.args[1], corners, rtol=0, atol=1e-12)
    dialog = impact(qtbot, window)
    assert [cells(dialog)[c][0] for c in (CODE(5), f"{CODE(10)} (new)")] == ["100 → 50", "— → 50"]


def test_drawing_keys_backspace_and_esc(qtbot, window):
    window.set_selection([4])
    start(qtbot, window, "split", "line")
    target = window.map.focusProxy()
    for lon in (X0 + 1.2 * D, X0 + 1.4 * D):
        QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, screen(qtbot, window, lon, Y0 + 1.5 * D))
    qtbot.waitUntil(lambda: len(js(qtbot, window, "GridMap.drawing().vertices")) == 2)
    QTest.keyClick(target, Qt.Key_Backspace)
    qtbot.waitUntil(lambda: len(js(qtbot, window, "GridMap.drawing().vertices")) == 1)
    with qtbot.waitSignal(window.map.drawingCancelled, timeout=10000):
        QTest.keyClick(target, Qt.Key_Escape)
    assert js(qtbot, window, "GridMap.drawing()") is None
    assert window.selection == [4]  # Esc ended the drawing, not the selection
    assert window.edit_tools.dialog is None and window.undo_stack.count() == 0


def test_merge_moves_records_and_workers_and_undoes(qtbot, window):
    original = window.project.grids
    window.set_selection([0, 1])
    window.edit_tools.actions["merge"].trigger()
    dialog = impact(qtbot, window)
    assert dialog.sentences() == [f"This moves 100 incidents and 1 grid worker from {CODE(2)} to {CODE(1)}."]
    assert cells(dialog)[CODE(1)][0] == "100 → 200" and cells(dialog)[f"{CODE(2)} (removed)"][0] == "100 → —"
    apply(qtbot, window, dialog)
    assert len(codes(window)) == 8 and incident_counts(window)[CODE(1)] == 200
    assert window.project.layers["workers"]["grid_code"].tolist()[1] == CODE(1)
    key(qtbot, window, UNDO)
    assert window.project.grids is original and window.project.layers["workers"]["grid_code"].tolist()[1] == CODE(2)
    key(qtbot, window, REDO)
    assert CODE(2) not in codes(window)


def test_transfer_area_to_a_chosen_neighbour(qtbot, window):
    start(qtbot, window, "transfer", "polygon")
    area = shapely.box(X0 + 0.8 * D, Y0 + D, X0 + 1.5 * D, Y0 + 2 * D)  # the east fifth of grid 4, half of 5
    report(window, "polygon", area.exterior.coords[:-1])
    qtbot.waitUntil(lambda: isinstance(window.edit_tools.dialog, TransferDialog))
    chooser = window.edit_tools.dialog
    assert chooser.receiver() == CODE(1) and chooser.sources() == [CODE(4), CODE(5)]  # the first grid it touches
    chooser.set_receiver(CODE(5))
    assert chooser.sources() == [CODE(4)]
    chooser.accept()

    dialog = impact(qtbot, window)
    assert dialog.sentences() == [
        f"This moves 3 key persons, 2 key venues and 20 incidents from {CODE(4)} to {CODE(5)}."]
    assert cells(dialog)[CODE(4)] == ["100 → 80", "4 → 1", "2 → 0", "100 → 80", "1 → 1"]
    assert cells(dialog)[CODE(5)] == ["100 → 120", "0 → 3", "0 → 2", "100 → 120", "1 → 1"]
    apply(qtbot, window, dialog)
    assert window.project.layers["persons"]["grid_code"].tolist() == [CODE(5)] * 3 + [CODE(4)]
    assert window.project.meta["edit_log"][-1]["moved"] == {"incidents": 20, "persons": 3, "venues": 2}
    key(qtbot, window, UNDO)
    assert window.project.layers["persons"]["grid_code"].tolist() == [CODE(4)] * 4


def test_refused_edits_show_the_reason(qtbot, window):
    window.set_selection([4])
    start(qtbot, window, "split", "line")
    report(window, "line", [(X0 - D, Y0 - D), (X0 + 4 * D, Y0 - D)])
    qtbot.waitUntil(lambda: isinstance(window.edit_tools.dialog, QMessageBox))
    assert window.edit_tools.dialog.text() == (f"The edit is refused: the line does not cut grid {CODE(5)} in two; "
                                               "draw it across the grid from edge to edge")
    window.edit_tools.dialog.accept()

    window.set_selection([0, 8])
    window.edit_tools.actions["merge"].trigger()
    assert "do not form one connected area" in window.edit_tools.dialog.text()
    window.edit_tools.dialog.accept()
    assert len(codes(window)) == 9 and window.undo_stack.count() == 0

    start(qtbot, window, "transfer", "polygon")
    report(window, "polygon", [(X0 - 3 * D, Y0), (X0 - 2 * D, Y0), (X0 - 2 * D, Y0 + D)])
    qtbot.waitUntil(lambda: isinstance(window.edit_tools.dialog, QMessageBox))
    assert window.edit_tools.dialog.text() == "The edit is refused: the drawn area touches no grid"
    window.edit_tools.dialog.accept()
    qtbot.waitUntil(lambda: js(qtbot, window, "GridMap.drawing()") is None)  # the drawing goes with the message

    window.set_selection([])
    window.edit_tools.actions["delete"].trigger()
    assert window.statusBar().currentMessage() == "Select the grid to delete first."


def test_delete_recode_and_reshape_then_undo_all(qtbot, window):
    original = window.project.grids
    window.set_selection([0])
    window.edit_tools.actions["delete"].trigger()
    dialog = impact(qtbot, window)
    assert dialog.sentences() == [f"This moves 100 incidents and 1 grid worker from {CODE(1)} to no grid."]
    apply(qtbot, window, dialog)
    assert CODE(1) not in codes(window) and incident_counts(window)[""] == 100 and window.selection == []

    window.set_selection([codes(window).index(CODE(2))])
    window.edit_tools.actions["recode"].trigger()
    recode = window.edit_tools.dialog
    assert isinstance(recode, RecodeDialog) and recode.code() == CODE(2)
    recode.code_edit.setText(CODE(99))
    recode.name_edit.setText("新名")
    recode.accept()
    dialog = impact(qtbot, window)
    assert dialog.sentences() == [f"This moves 100 incidents and 1 grid worker from {CODE(2)} to {CODE(99)}."]
    apply(qtbot, window, dialog)
    assert window.project.grids.set_index("code").at[CODE(99), "name"] == "新名"
    assert incident_counts(window)[CODE(99)] == 100
    window.search.edit.setText(CODE(99))
    window.search.update_results()
    assert window.search.results.count() == 1

    window.set_selection([codes(window).index(CODE(3))])
    start(qtbot, window, "reshape", "polygon")
    lower = shapely.box(X0 + 2 * D, Y0 - 0.2 * D, X0 + 3 * D, Y0 + D)  # south and east edges are outer
    report(window, "polygon", lower.exterior.coords[:-1])
    dialog = impact(qtbot, window)
    apply(qtbot, window, dialog)
    assert window.project.grids.set_index("code").geometry[CODE(3)].area == pytest.approx(1.2 * D * D)
    assert [e["what"] for e in window.project.meta["edit_log"]] == ["delete", "recode", "reshape"]

    for _ in range(3):
        key(qtbot, window, UNDO)
    assert window.project.grids is original and incident_counts(window) == {CODE(i): 100 for i in range(1, 10)}
