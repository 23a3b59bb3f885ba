"""Issue 11 item 1: strings from files (basemap attribution, grid names, districts) reach the map page, the
snapshot and the exported HTML as text only; nothing in them runs or creates an element."""

import shutil
import subprocess

import pytest

from gridmap.store.gpkg import GpkgStore
from gridmap.ui.map.basemap_settings import trust
from gridmap.map.basemaps import Basemap
from gridmap.map.tiles import local_basemap
from builders import make_mbtiles, run_cli, run_js

ATTACK = """<img src=x onerror="document.title='PWNED'">"""
COMMENT = "<!--<script>"
TILE = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8"
                     "cfc0f01f0005000201ff9fc1dd0a0000000049454e44ae426082")  # a 1x1 PNG


def hostile(path, basemap: Basemap):
    """The project at ``path`` with grid names, a district and the basemap's attribution that are HTML."""
    store = GpkgStore(path)
    project = store.load()
    grids = project.grids
    grids.loc[grids.index[0], "name"] = ATTACK
    grids.loc[grids.index[1], "name"] = COMMENT
    grids.loc[grids.index[0], "district"] = COMMENT
    grids.loc[grids.index[1], "district"] = ATTACK
    project.meta["map"] = {"basemap": basemap.to_dict(), "colour_by": "district", "labels": "name"}
    store.save(project)
    return path


def test_the_app_page_shows_html_from_a_project_and_an_mbtiles_file_as_text(qtbot, small_project, tmp_path):
    from gridmap.ui.main_window import MainWindow

    mbtiles = make_mbtiles(tmp_path / "tiles.mbtiles", {(0, 0, 0): TILE},
                           {"name": "瓦片", "format": "png", "maxzoom": "0", "attribution": ATTACK})
    basemap = local_basemap(mbtiles)
    assert basemap.attribution == ATTACK
    hostile(small_project, basemap)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    with qtbot.waitSignal(window.map.painted, timeout=30000):
        assert window.open_path(small_project)
    view = window.map
    qtbot.waitUntil(lambda: run_js(qtbot, view, "GridMap.state().stats.tilesLoaded") > 0, timeout=10000)
    qtbot.wait(500)  # an injected <img src=x> would have failed to load and run its onerror by now
    assert run_js(qtbot, view, "document.title") != "PWNED"
    assert run_js(qtbot, view, "document.querySelectorAll('img:not(.leaflet-tile)').length") == 0
    attribution = run_js(qtbot, view, "document.querySelector('.leaflet-control-attribution').textContent")
    assert ATTACK in attribution
    legend = run_js(qtbot, view, "document.querySelector('.gm-legend').textContent")
    assert COMMENT in legend and ATTACK in legend
    assert run_js(qtbot, view, "document.querySelectorAll('.gm-legend img, .gm-legend script').length") == 0
    window.close()


def exported(tmp_path, small_project, capsys):
    """``gridmap export-html`` of the hostile project with an online basemap (confirmed on this machine)."""
    basemap = Basemap(name="Local XYZ", kind="xyz", source="http://127.0.0.1:9/{z}/{x}/{y}.png", attribution=ATTACK)
    trust(basemap)
    hostile(small_project, basemap)
    out = tmp_path / "map.html"
    code, _, err = run_cli(capsys, "export-html", small_project, "--out", out)
    assert code == 0, err
    return out


@pytest.mark.skipif(not shutil.which("chromium"), reason="headless Chromium (Debian package chromium) not installed")
def test_exported_html_in_chromium_runs_nothing_from_data_and_is_not_blank(tmp_path, small_project, capsys):
    out = exported(tmp_path, small_project, capsys)
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                          "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert "leaflet-container" in dom  # the page is there
    assert "PWNED" not in dom.split("<body")[0]  # no <title>PWNED</title>
    assert "<title>PWNED" not in dom
    # the attribution and the districts in the legend are text, escaped when serialised
    assert "&lt;img src=x onerror=\"document.title='PWNED'\"&gt;" in dom
    assert dom.count("&lt;!--&lt;script&gt;") >= 1
    assert '<img src="x"' not in dom and "<img src=x" not in dom


def test_exported_html_popup_shows_a_grid_name_as_text(qtbot, tmp_path, small_project, capsys):
    import re

    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from gridmap.ui.map.scheme import WebContext

    out = exported(tmp_path, small_project, capsys)
    html = out.read_text(encoding="utf-8")
    assert COMMENT not in html and "<img src=x" not in html
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.setPage(WebContext.get().new_page(view))
    view.resize(900, 600)
    view.show()
    url = QUrl.fromLocalFile(str(out))
    view.page().guard.allowed = [re.compile(re.escape(bytes(url.toEncoded()).decode()))]
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        view.load(url)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "window.GridMap && GridMap.state().grids") == 12)
    grids = GpkgStore(small_project).load().grids
    for row, name in ((0, ATTACK), (1, COMMENT)):
        lon, lat = grids.geometry.iloc[row].representative_point().coords[0]
        run_js(qtbot, view, f"(window[document.querySelector('.folium-map').id].fire('click', "
                            f"{{latlng: L.latLng({lat}, {lon}), originalEvent: {{timeStamp: 1}}}}), 1)")
        qtbot.waitUntil(lambda: name in (run_js(qtbot, view, "(document.querySelector('.gm-popup') || "
                                                             "{}).textContent") or ""))
    assert run_js(qtbot, view, "document.title") != "PWNED"
    assert run_js(qtbot, view, "document.querySelectorAll('.leaflet-popup img, .leaflet-popup script').length") == 0
