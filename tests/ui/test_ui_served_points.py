"""A large project's incidents on the map come from the store for the view (clusters when zoomed out), and
the incidents table is never read whole: on PostGIS and in a GeoPackage."""

import pandas as pd
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from gridmap.core.records.filters import RecordFilter
import pytest

from builders import gpkg_project, incidents_overlay as overlays, postgis_project, reopen, run_js


@pytest.mark.parametrize("kind", ["postgis", "gpkg"])
def test_a_large_project_s_incidents_are_fetched_per_view_and_identified(qtbot, tmp_path, request, monkeypatch,
                                                                         kind):
    from gridmap.core.project import lazy

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)  # as if 3 incidents were years of a city's
    # incidents A1-A3 (盗窃, 1-3 March) at 121.31-121.33, 28.61
    store = postgis_project(tmp_path, request) if kind == "postgis" else gpkg_project(tmp_path)
    window = reopen(qtbot, store.url if kind == "postgis" else store.path)
    layers = window.project.layers
    qtbot.waitUntil(lambda: overlays(qtbot, window).get("mode") == "clusters", timeout=15000)
    state = overlays(qtbot, window)
    assert state["count"] == state["total"] == 3 and state["visible"]

    window.overlays.set_filter("incidents", RecordFilter(start=pd.Timestamp("2026-03-02")))
    qtbot.waitUntil(lambda: overlays(qtbot, window).get("total") == 2, timeout=10000)
    assert overlays(qtbot, window)["count"] == 2  # the server's clusters hold the filtered records only

    window.map.set_extent([121.318, 28.6085, 121.322, 28.6115])  # a few hundred metres around A2
    qtbot.waitUntil(lambda: overlays(qtbot, window).get("mode") == "points", timeout=10000)
    assert overlays(qtbot, window)["items"] == 1
    qtbot.wait(100)
    x, y = run_js(qtbot, window.map, "GridMap.recordPoint('incidents', 0)")
    view = window.map.focusProxy() or window.map
    QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, QPoint(round(x), round(y)))
    qtbot.waitUntil(lambda: "A2" in window.identify.heading.text(), timeout=5000)
    assert not layers.is_read("incidents")  # nothing above asked for the whole table
    window.close()


def test_a_small_database_layer_is_read_for_the_filters_and_tables(qtbot, tmp_path, request):

    store = postgis_project(tmp_path, request)
    window = reopen(qtbot, store.url)
    assert window.project.layers.is_read("incidents") and not window.project.layers.serves_points("incidents")
    window.close()
