"""The Leaflet map in real QtWebEngine, offscreen: loading offline, clicks, box select, table and search sync,
basemaps (a real MBTiles file), GCJ-02 display, saved map state, snapshot and HTML export."""

import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from gridmap.store.gpkg import GpkgStore
from gridmap.map.basemaps import PRESETS, Basemap
from gridmap.core.style.palettes import PALETTE
from gridmap.map.tiles import local_basemap
from builders import make_mbtiles, reopen, run_js

BACKGROUND = QColor("#eef0f3")
FILL_OPACITY = 0.62


@pytest.fixture
def window(qtbot, small_project):
    window = reopen(qtbot, small_project)
    yield window
    window.close()


def state(qtbot, window) -> dict:
    return run_js(qtbot, window.map, "GridMap.state()")


def point_of(qtbot, window, row: int) -> QPoint:
    x, y = run_js(qtbot, window.map, f"GridMap.pointOf({row})")
    return QPoint(round(x), round(y))


def click(qtbot, window, row: int, modifier=Qt.NoModifier) -> None:
    """A real mouse click on grid ``row``'s label point, through the widget Chromium receives input on."""
    target = window.map.focusProxy()
    QTest.mouseClick(target, Qt.LeftButton, modifier, point_of(qtbot, window, row))


def blended(colour: str) -> QColor:
    c = QColor(colour)
    mix = [round(FILL_OPACITY * a + (1 - FILL_OPACITY) * b) for a, b in
           zip((c.red(), c.green(), c.blue()), (BACKGROUND.red(), BACKGROUND.green(), BACKGROUND.blue()))]
    return QColor(*mix)


def colour_pixels(image: QImage, colour: QColor, tolerance: int = 4) -> int:
    image = image.convertToFormat(QImage.Format_RGB888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = arr[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    target = np.array([colour.red(), colour.green(), colour.blue()])
    return int((np.abs(rgb - target).max(axis=2) <= tolerance).sum())


def test_page_loads_offline_and_grids_arrive(qtbot, window):
    s = state(qtbot, window)
    assert s["grids"] == 12 and s["selected"] == [] and not s["basemap"]
    log = window.map.request_log()
    assert {"gridmap://app/map.html", "gridmap://app/web/leaflet/leaflet.js", "gridmap://app/qwebchannel.js"} <= {
        url.split("?")[0] for url, _ in log}
    assert all(url.startswith("gridmap://") and not blocked for url, blocked in log)
    linked = run_js(qtbot, window.map,
                    "Array.from(document.querySelectorAll('script[src], link[href]')).map(e => e.src || e.href)")
    assert len(linked) == 6 and all(url.startswith("gridmap://app/") for url in linked)


def test_nothing_leaves_the_machine(qtbot, window):
    # the page's Content-Security-Policy refuses them, and the request guard would block them
    run_js(qtbot, window.map, "(window.__r = [], fetch('https://example.com/x').then(() => __r.push('got'), "
                              "() => __r.push('refused')), Object.assign(new Image(), {onload: () => __r.push('got'), "
                              "onerror: () => __r.push('refused')}).src = 'http://tile.example.org/1/1/1.png', 1)")
    qtbot.waitUntil(lambda: len(run_js(qtbot, window.map, "__r")) == 2)
    assert run_js(qtbot, window.map, "__r") == ["refused", "refused"]
    assert all(blocked for url, blocked in window.map.request_log() if not url.startswith("gridmap://"))


def test_click_selects_and_the_table_and_identify_follow(qtbot, window):
    with qtbot.waitSignal(window.selectionChanged, timeout=10000) as signal:
        click(qtbot, window, 5)
    assert signal.args == [[5]]
    assert window.table.selected_rows() == [5]
    code = window.project.grids.iloc[5]["code"]
    assert code in window.identify.heading.text()
    assert window.identify.field_values()["Grid code"] == code
    qtbot.waitUntil(lambda: state(qtbot, window)["selected"] == [5])

    with qtbot.waitSignal(window.selectionChanged, timeout=10000):
        click(qtbot, window, 9, Qt.ControlModifier)
    assert window.selection == [5, 9] and window.table.selected_rows() == [5, 9]
    with qtbot.waitSignal(window.selectionChanged, timeout=10000):
        click(qtbot, window, 5, Qt.ControlModifier)
    assert window.selection == [9]


def test_table_selection_drives_the_map(qtbot, window):
    view = window.table.view
    view.selectRow(2)
    assert window.selection == [2]
    qtbot.waitUntil(lambda: state(qtbot, window)["selected"] == [2])


def test_shift_drag_box_selects(qtbot, window):
    target = window.map.focusProxy()
    a, b = point_of(qtbot, window, 0), point_of(qtbot, window, 5)
    start, end = QPoint(min(a.x(), b.x()), min(a.y(), b.y())), QPoint(max(a.x(), b.x()), max(a.y(), b.y()))
    QTest.mousePress(target, Qt.LeftButton, Qt.ShiftModifier, start)
    for k in range(1, 6):
        QTest.mouseMove(target, start + (end - start) * k / 5)
    QTest.mouseRelease(target, Qt.LeftButton, Qt.ShiftModifier, end)
    qtbot.waitUntil(lambda: len(window.selection) >= 4)
    qtbot.wait(500)  # a click event after the drag must not replace the box's selection
    # the box spans the label points of grids 0 and 5 (a 2 x 2 block of 0.02° squares): rows 0, 1, 4, 5 and
    # the neighbours the box edges touch
    assert {0, 1, 4, 5} <= set(window.selection)
    assert window.table.selected_rows() == window.selection


def test_search_selects_and_zooms(qtbot, window):
    before = state(qtbot, window)["zoom"]
    window.search.edit.setText("第7网格")
    window.search.update_results()
    assert window.search.results.count() == 1
    window.search.results.itemActivated.emit(window.search.results.item(0))
    row = int(np.flatnonzero(window.project.grids["name"].str.contains("第7网格"))[0])
    assert window.selection == [row]
    qtbot.waitUntil(lambda: state(qtbot, window)["selected"] == [row] and state(qtbot, window)["zoom"] > before)


def test_mouse_position_in_status_bar_in_lonlat_and_gauss_kruger(qtbot, window):
    QTest.mouseMove(window.map.focusProxy(), point_of(qtbot, window, 0))
    qtbot.waitUntil(lambda: "°E" in window.position_label.text())
    text = window.position_label.text()
    lon = float(text.split("°E")[0])
    assert 121.30 <= lon <= 121.32
    assert "EPSG:4528" in text  # the 3° zone with its central meridian nearest 121.3°E: zone 40, CM 120°E
    assert " E 40" in text and " N 3,1" in text  # prefixed easting (zone 40), northing about 3,166 km


def test_local_mbtiles_basemap_is_served_through_the_scheme(qtbot, window, tmp_path):
    image = QImage(256, 256, QImage.Format_RGB32)
    image.fill(QColor("#336699"))
    path = tmp_path / "底图.mbtiles"
    image.save(str(tmp_path / "t.png"))
    tile = (tmp_path / "t.png").read_bytes()
    tiles = {(z, x, y): tile for z in range(0, 7) for x in range(2 ** z) for y in range(2 ** z) if z < 5 or
             (40 <= x * 64 // 2 ** z <= 60)}
    make_mbtiles(path, tiles, {"name": "Test tiles", "format": "png", "minzoom": "0", "maxzoom": "6"})
    window.map.set_basemap(local_basemap(path))
    qtbot.waitUntil(lambda: state(qtbot, window)["stats"]["tilesLoaded"] > 0, timeout=10000)
    assert state(qtbot, window)["stats"]["tileErrors"] == 0
    assert any(url.startswith("gridmap://tiles/") for url, _ in window.map.request_log())
    qtbot.wait(300)
    assert colour_pixels(window.map.grab().toImage(), QColor("#336699")) > 10000
    window.map.set_basemap(Basemap(name="none", kind="none"))
    qtbot.waitUntil(lambda: not state(qtbot, window)["basemap"])


def test_gcj02_basemap_shifts_the_grids_and_clicks_still_hit(qtbot, window):
    before = run_js(qtbot, window.map, "GridMap.pointOf(3)")
    amap = next(b for b in PRESETS if b.coords == "gcj02")
    window.map.set_basemap(amap)
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, "GridMap.pointOf(3)") not in (None, before))
    assert window.map.coords == "gcj02"
    # the online hosts are now allowed (the tiles fail here only because there is no network)
    qtbot.waitUntil(lambda: any("autonavi.com" in url and not blocked for url, blocked in window.map.request_log()),
                    timeout=10000)
    with qtbot.waitSignal(window.selectionChanged, timeout=10000):
        click(qtbot, window, 3)
    assert window.selection == [3]


def test_map_state_is_saved_with_the_project(qtbot, window, tmp_path, small_project):
    window.set_colour_by("street")
    window.map.set_labels("name")
    window.map.set_extent([121.30, 28.60, 121.34, 28.64])
    def centred():
        e = window.map.extent
        return e is not None and abs((e[0] + e[2]) / 2 - 121.32) < 0.002 and abs((e[1] + e[3]) / 2 - 28.62) < 0.002

    qtbot.waitUntil(centred)
    extent = window.map.extent
    window.save()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=20000)
    saved = GpkgStore(small_project).load().meta["map"]
    assert saved["colour_by"] == "street" and saved["labels"] == "name" and saved["extent"] == extent
    window.close()

    again = reopen(qtbot, small_project)
    assert again.map.colour_by == "street" and again.map.labels == "name"
    assert again.colour_actions["street"].isChecked()
    qtbot.waitUntil(lambda: again.map.extent is not None)
    e = again.map.extent
    assert (e[0] + e[2]) / 2 == pytest.approx((extent[0] + extent[2]) / 2, abs=0.002)
    assert (e[1] + e[3]) / 2 == pytest.approx((extent[1] + extent[3]) / 2, abs=0.002)
    assert e[2] - e[0] < 0.12  # not the full extent (0.08° plus padding) but about the saved one
    again.close()


def test_snapshot_command_shows_coloured_grids(tmp_path, small_project):
    out = tmp_path / "snap.png"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}  # not the user's GridMap settings
    result = subprocess.run([sys.executable, "-m", "gridmap", "snapshot", str(small_project), "--out", str(out),
                             "--size", "1000x700", "--json"], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["grids"] == 12 and 0 < data["first_paint_s"] < 30 and data["size"] == [1000, 700]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    # the three districts' fill colours, blended over the map background, each cover a real area
    for colour in PALETTE[:3]:
        assert colour_pixels(image, blended(colour)) > 2000, colour


def test_snapshot_of_a_missing_project_is_one_line_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "gridmap", "snapshot", str(tmp_path / "nope.gpkg"), "--out",
                             str(tmp_path / "x.png")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_exported_html_opens_offline_in_a_browser_view(qtbot, tmp_path, small_project):
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from gridmap.ui.map.scheme import WebContext

    out = tmp_path / "地图.html"
    result = subprocess.run([sys.executable, "-m", "gridmap", "export-html", str(small_project), "--out", str(out),
                             "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["grids"] == 12
    context = WebContext.get()
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.setPage(context.new_page(view))
    view.resize(900, 600)
    view.show()
    url = QUrl.fromLocalFile(str(out))
    view.page().guard.allowed = [re.compile(re.escape(bytes(url.toEncoded()).decode()))]  # this file only
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        view.load(url)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "window.GridMap && GridMap.state().grids") == 12)
    requested = [url for url, _ in view.page().guard.log]
    assert requested and all(url.startswith("file://") for url in requested)


def test_one_grid_geometry_and_visibility_update_without_a_reload(qtbot, window):
    import shapely

    run_js(qtbot, window.map, "(window.__marker = 1)")
    grids = window.project.grids
    old = grids.geometry.iloc[0]
    grids.loc[grids.index[0], "geometry"] = shapely.affinity.scale(old, 0.5, 0.5, origin="centroid")
    window.map.update_grid(0)
    expected = [round(v, 6) for v in grids.geometry.iloc[0].bounds]
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, "GridMap.boundsOf(0)") == pytest.approx(expected, abs=1e-6))
    window.map.set_grids_visible(False)
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, "GridMap.state().visible") is False)
    window.map.set_grids_visible(True)
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, "GridMap.state().visible") is True)
    assert run_js(qtbot, window.map, "window.__marker") == 1  # the same page: nothing was reloaded


def test_hover_shows_the_grid_under_the_mouse(qtbot, window):
    QTest.mouseMove(window.map.focusProxy(), point_of(qtbot, window, 7))
    code = window.project.grids.iloc[7]["code"]
    qtbot.waitUntil(lambda: code in (run_js(qtbot, window.map,
                                            "document.querySelector('.gm-info').textContent") or ""))
    assert run_js(qtbot, window.map, "GridMap.state().hover") == 7


def test_layer_tree_zooms_to_a_grid(qtbot, window):
    full = state(qtbot, window)["zoom"]
    district = window.layer_panel.topLevelItem(0).child(0)
    assert len(window.layer_panel.rows([district])) == 4
    window.layer_panel.expandItem(district)  # streets, communities and grids are created when expanded
    street = district.child(0)
    window.layer_panel.expandItem(street)
    community = street.child(0)
    window.layer_panel.expandItem(community)
    grid = community.child(0)
    rows = window.layer_panel.rows([grid])
    assert len(rows) == 1
    window.layer_panel.itemDoubleClicked.emit(grid, 0)
    qtbot.waitUntil(lambda: state(qtbot, window)["zoom"] > full)
    zoomed = state(qtbot, window)["zoom"]
    window.map.zoom_to()
    qtbot.waitUntil(lambda: state(qtbot, window)["zoom"] < zoomed)


def test_a_saved_local_basemap_comes_back_and_a_missing_one_is_reported(qtbot, window, tmp_path, small_project):
    path = tmp_path / "tiles.mbtiles"
    image = QImage(256, 256, QImage.Format_RGB32)
    image.fill(QColor("#884422"))
    image.save(str(tmp_path / "t.png"))
    make_mbtiles(path, {(0, 0, 0): (tmp_path / "t.png").read_bytes()}, {"name": "本地底图", "maxzoom": "0"})
    window.map.set_basemap(local_basemap(path))
    window.save()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=20000)
    window.close()

    again = reopen(qtbot, small_project)
    assert again.map.basemap.name == "本地底图" and again.map.basemap.kind == "mbtiles"
    qtbot.waitUntil(lambda: state(qtbot, again)["stats"]["tilesLoaded"] > 0)
    again.close()

    path.unlink()
    third = reopen(qtbot, small_project)
    assert third.map.basemap.kind == "none"
    assert "tiles.mbtiles" in third.statusBar().currentMessage()
    third.close()


@pytest.mark.skipif(not hasattr(__import__("os"), "kill") or sys.platform == "win32", reason="POSIX signals")
def test_the_map_comes_back_after_its_page_process_dies(qtbot, window):
    import os
    import signal

    window.set_selection([3, 4])
    qtbot.waitUntil(lambda: state(qtbot, window)["selected"] == [3, 4])
    with qtbot.waitSignal(window.map.painted, timeout=30000):
        os.kill(window.map.page().renderProcessPid(), signal.SIGKILL)
    s = state(qtbot, window)
    assert s["grids"] == 12 and s["selected"] == [3, 4]
    with qtbot.waitSignal(window.selectionChanged, timeout=10000):
        click(qtbot, window, 6)
    assert window.selection == [6]


def test_the_grid_layer_check_box_hides_the_grids(qtbot, window):
    item = window.layer_panel.topLevelItem(0)
    item.setCheckState(0, Qt.Unchecked)
    assert not window.grids_visible_action.isChecked()
    qtbot.waitUntil(lambda: state(qtbot, window)["visible"] is False)
    window.grids_visible_action.trigger()
    assert item.checkState(0) == Qt.Checked
    qtbot.waitUntil(lambda: state(qtbot, window)["visible"] is True)


def test_the_home_button_zooms_to_all_grids(qtbot, window):
    assert run_js(qtbot, window.map, "document.querySelector('.gm-home').title") == "Zoom to full extent"
    full = state(qtbot, window)["zoom"]
    window.map.zoom_to([0])
    qtbot.waitUntil(lambda: state(qtbot, window)["zoom"] > full + 1)
    run_js(qtbot, window.map, "(document.querySelector('.gm-home').click(), 1)")
    qtbot.waitUntil(lambda: abs(state(qtbot, window)["zoom"] - full) <= 0.25)


def test_export_from_the_window_keeps_the_view_and_labels_the_fields(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "导出.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(out), "")))
    window.set_colour_by("street")
    window.map.set_extent([121.30, 28.60, 121.34, 28.64])
    qtbot.waitUntil(lambda: window.map.extent is not None and window.map.extent[2] < 121.37)
    window.export_html_dialog()
    html = out.read_text(encoding="utf-8")
    assert '"columns":["District","Street / town","Community / village","Households"]' in html
    (south, west), (north, east) = json.loads(html.split('"view":')[1].split("}")[0])
    assert south == pytest.approx(28.60, abs=0.01) and north == pytest.approx(28.64, abs=0.01)
    assert (west + east) / 2 == pytest.approx(121.32, abs=0.005)  # the window's view, not the whole city
