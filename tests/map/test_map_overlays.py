"""Record overlays and choropleths: class breaks, the overlay payloads (exact counts, positions, legends) and the
real page in offscreen QtWebEngine (200,000 incidents clustered, zoomed to points, clicked; heat map; legends)."""

import json
import sys

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from gridmap.core.geo.chinacoords import wgs84_to_gcj02
from gridmap.core.style.classify import bins, class_labels, classify
from gridmap.core.sample.city import build_records
from gridmap.ops import open_project
from gridmap.map.basemaps import Basemap
from gridmap.core.style.choropleth import NO_DATA, YLORRD, choropleth_colours, sequential
from gridmap.map.overlays import CLUSTER_PX, HEAT_HEADROOM, MAX_POINTS, OTHER, PALETTES, PointLayer, View, mercator
from builders import run_js

BACKGROUND = QColor("#eef0f3")
FILL_OPACITY = 0.62


# --- class breaks --------------------------------------------------------------------------------------------


def test_quantile_and_equal_interval_breaks():
    assert classify(np.arange(1, 11), 5, "quantile").tolist() == pytest.approx([2.8, 4.6, 6.4, 8.2, 10])
    assert classify(np.arange(0, 11), 4, "equal_interval").tolist() == [2.5, 5.0, 7.5, 10.0]
    assert classify([np.nan, 1, 2, np.nan, 3, 4], 2, "quantile").tolist() == [2.5, 4.0]  # NaN left out


def test_natural_breaks_are_the_optimal_partition():
    assert classify([1, 2, 3, 10, 11, 12, 20, 21, 22], 3, "natural_breaks").tolist() == [3, 12, 22]
    # repeated values weigh as often as they occur: {1, 1, 1, 2} {8, 9} {20}
    assert classify([20, 1, 8, 1, 2, 9, 1], 3, "natural_breaks").tolist() == [2, 9, 20]
    assert classify([1, 2, 2, 3, 10, 11, 12, 20, 21, 22, 30, np.nan], 3, "natural_breaks").tolist() == [3, 12, 30]


def test_natural_breaks_on_many_values_sample_and_stay_exact_at_the_top():
    rng = np.random.default_rng(5)
    values = np.concatenate([rng.normal(10, 1, 60000), rng.normal(50, 2, 30000), rng.normal(100, 3, 10000)])
    breaks = classify(values, 3, "natural_breaks")
    assert breaks[-1] == values.max()
    assert breaks[0] == pytest.approx(values[values < 30].max(), abs=3)
    assert breaks[1] == pytest.approx(values[values < 75].max(), abs=5)
    assert classify(values, 3, "natural_breaks").tolist() == breaks.tolist()  # a fixed sample


def test_degenerate_values():
    for method in ("quantile", "natural_breaks", "equal_interval"):
        assert classify([5, 5, 5], 4, method).tolist() == [5]
        assert classify([1, 2, 2, 3], 5, method).tolist() == [1, 2, 3]  # fewer distinct values than classes
        assert classify([np.nan, np.nan], 3, method).tolist() == []
    with pytest.raises(ValueError):
        classify([1, 2], 3, "jenks")


def test_bins_and_class_labels():
    assert bins([0, 1, 1.5, 2, 3, np.nan, 9], [1, 2, 3]).tolist() == [0, 0, 1, 1, 2, -1, 2]
    assert bins([1, np.nan], []).tolist() == [-1, -1]
    assert class_labels([3, 12, 22], 1) == ["1 – 3", "3 – 12", "12 – 22"]
    assert class_labels([0.25, 0.5, 0.93], 0.1) == ["0.10 – 0.25", "0.25 – 0.50", "0.50 – 0.93"]
    assert class_labels([1, 2], 1) == ["1", "1 – 2"]
    assert class_labels([2500, 12000], 0) == ["0 – 2,500", "2,500 – 12,000"]


def test_choropleth_colours_grey_for_no_data():
    out = choropleth_colours([1, 5, np.nan, 30], [3, 12, 30], title="事件数")
    assert out["palette"] == list(YLORRD[3]) + [NO_DATA]
    assert out["index"] == [0, 1, 3, 2]
    assert out["legend"] == [["1 – 3", YLORRD[3][0]], ["3 – 12", YLORRD[3][1]], ["12 – 30", YLORRD[3][2]],
                             ["no data", NO_DATA]]
    assert out["title"] == "事件数"
    assert [len(sequential(k)) for k in range(1, 10)] == list(range(1, 10))
    with pytest.raises(ValueError):
        choropleth_colours([1, 2], [1, 2], ["#000"])


# --- overlay payloads ------------------------------------------------------------------------------------------


def clumps(n_a: int, n_b: int) -> pd.DataFrame:
    """Two clumps of incidents 0.5° apart: A near (121.0, 28.5), mostly 盗窃, B near (121.5, 29.0), all 诈骗;
    plus one record without a position."""
    rng = np.random.default_rng(3)
    lon = np.concatenate([rng.uniform(121.0, 121.01, n_a), rng.uniform(121.5, 121.51, n_b), [np.nan]]).round(6)
    lat = np.concatenate([rng.uniform(28.5, 28.51, n_a), rng.uniform(29.0, 29.01, n_b), [np.nan]]).round(6)
    category = np.where(np.arange(n_a) % 4 == 3, "抢劫", "盗窃").tolist() + ["诈骗"] * n_b + ["盗窃"]
    return pd.DataFrame({"id": [f"SJ{i}" for i in range(n_a + n_b + 1)], "category": category, "lon": lon,
                         "lat": lat, "grid_code": ""})


VIEW_A = View(120.99, 28.49, 121.02, 28.52, 14)
"""A view of clump A only (B is 0.5° away, far beyond the padding)."""


def decode_xy(xy) -> np.ndarray:
    return np.cumsum(np.array(xy, dtype=np.int64).reshape(-1, 2), axis=0) / 1e6


def test_points_in_view_with_rows_positions_and_categories():
    frame = clumps(5000, 3000)
    p = PointLayer("incidents", frame).payload(VIEW_A)
    assert p["mode"] == "points" and p["kind"] == "incidents" and p["shape"] == "circle"
    rows = np.cumsum(p["row"])
    assert rows.tolist() == list(range(5000))
    assert np.abs(decode_xy(p["xy"]) - frame[["lon", "lat"]].to_numpy()[:5000]).max() < 1e-9
    # classes by frequency over the whole layer: 盗窃 3751 (with the one without a position), 诈骗 3000, 抢劫 1250
    assert p["colours"] == list(PALETTES["incidents"][:3])
    labels = PointLayer("incidents", frame).classes()[1]
    assert [labels[c] for c in p["cat"][:4]] == ["盗窃", "盗窃", "盗窃", "抢劫"]
    # the legend counts what has a position and passes the filter, over the whole layer
    assert p["legend"] == [["盗窃", PALETTES["incidents"][0], 3750], ["诈骗", PALETTES["incidents"][1], 3000],
                           ["抢劫", PALETTES["incidents"][2], 1250]]
    assert p["total"] == 8000


def test_clusters_count_every_masked_point_in_view():
    frame = clumps(40000, 10000)
    mask = np.arange(len(frame)) % 5 != 0
    p = PointLayer("incidents", frame).payload(VIEW_A, mask)
    assert p["mode"] == "clusters"  # 32,000 points in view: more than MAX_POINTS
    assert 32000 > MAX_POINTS and sum(p["count"]) == int(mask[:40000].sum()) == 32000
    assert p["total"] == int(mask[:50000].sum())
    assert set(p["cat"]) == {0}  # 盗窃 dominates every cluster of clump A
    assert p["row"] == [-1] * len(p["count"])
    # each cluster's centroid lies inside clump A and the clusters are CLUSTER_PX squares at zoom 14
    xy = decode_xy(p["xy"])
    assert (xy[:, 0] >= 121.0).all() and (xy[:, 0] <= 121.01).all()
    x, _ = mercator(np.array([121.0, 121.01]), np.array([28.5, 28.5]))
    columns = np.ptp(x) * VIEW_A.scale / CLUSTER_PX
    assert len(p["count"]) <= (np.ceil(columns) + 1) ** 2


def test_clusters_style_sends_single_records_with_their_row():
    frame = clumps(3, 2)
    p = PointLayer("incidents", frame).payload(View(120.5, 28.0, 122.0, 29.5, 16), style="clusters")
    assert p["mode"] == "clusters" and p["count"] == [1, 1, 1, 1, 1]
    assert sorted(p["row"]) == [0, 1, 2, 3, 4]
    by_row = dict(zip(p["row"], decode_xy(p["xy"]).tolist()))
    for row in range(5):
        assert by_row[row] == pytest.approx(frame.loc[row, ["lon", "lat"]].tolist(), abs=2e-6)


def test_one_million_records_become_a_small_cluster_payload():  # its time: benchmarks/bench_overlays.py
    frame = clumps(1_000_000, 0)
    p = PointLayer("incidents", frame).payload(VIEW_A)
    assert p["mode"] == "clusters" and sum(p["count"]) == 1_000_000
    assert len(json.dumps(p)) < 100_000


def test_heat_weights_sum_to_the_points_in_view():
    frame = clumps(30000, 5000)
    p = PointLayer("incidents", frame).payload(VIEW_A, style="heat")
    assert p["mode"] == "heat" and sum(p["w"]) == 30000 and p["zoom"] == 14
    assert p["max"] == pytest.approx(HEAT_HEADROOM * np.quantile(p["w"], 0.98))
    assert len(p["w"]) == len(p["xy"]) // 2


def test_gcj02_display_shifts_the_points_like_the_grids():
    frame = clumps(10, 0)
    lon, lat = frame["lon"].to_numpy()[:10], frame["lat"].to_numpy()[:10]
    glon, glat = wgs84_to_gcj02(lon, lat)
    view = View(*wgs84_to_gcj02(np.array([120.99, 121.02]), np.array([28.49, 28.52]))[0][:1],
                28.49, 121.03, 28.53, 14)
    p = PointLayer("incidents", frame).payload(view, coords="gcj02")
    xy = decode_xy(p["xy"])
    assert np.abs(xy - np.column_stack([glon, glat])).max() < 1e-6
    assert np.abs(xy[:, 0] - lon).min() > 0.003  # about 500 m east in Zhejiang


def test_categories_beyond_the_palette_share_other():
    types = [f"类型{i:02d}" for i in range(20)]
    frame = pd.DataFrame({"type": np.repeat(types, np.arange(20, 0, -1)), "lon": 121.0, "lat": 28.5})
    p = PointLayer("venues", frame).payload(VIEW_A)
    n = len(PALETTES["venues"])
    assert [item[0] for item in p["legend"]] == types[:n] + ["other"]
    assert p["legend"][-1] == ["other", OTHER, int(np.arange(20 - n, 0, -1).sum())]
    assert p["shape"] == "square" and max(p["cat"]) == n


def test_an_empty_layer_and_records_without_a_position_send_nothing():
    from gridmap.core.project.kinds import empty_layer

    for frame in (empty_layer("incidents"), pd.DataFrame({"category": ["盗窃"], "lon": [np.nan], "lat": [np.nan]})):
        for style in ("points", "clusters", "heat"):
            p = PointLayer("incidents", frame).payload(VIEW_A, style=style)
            assert p["total"] == 0 and p["legend"] == [] and p["xy"] == []
    with pytest.raises(ValueError):
        PointLayer("workers", empty_layer("workers"))


# --- the real page ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from gridmap.core.project.model import ImportOptions
    from gridmap.ops import new as new_project
    from tests.conftest import small_grids

    folder = tmp_path_factory.mktemp("overlays")
    small_grids().to_file(folder / "grids.geojson", driver="GeoJSON")
    new_project(folder / "small.gpkg", ImportOptions(path=folder / "grids.geojson"))
    return open_project(folder / "small.gpkg")


@pytest.fixture(scope="module")
def incidents(project):
    frame = build_records(project.grids, incidents=200_000)["incidents"]
    frame["reported_at"] = pd.to_datetime(frame["reported_at"])
    frame["grid_code"] = ""
    return frame


@pytest.fixture
def view(qtbot, project):
    from gridmap.ui.map.view import MapView

    view = MapView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.painted, timeout=30000):
        view.set_grids(project.grids)
    return view


def overlays(qtbot, view) -> dict:
    return run_js(qtbot, view, "GridMap.overlays()")


def legend_text(qtbot, view) -> str:
    return run_js(qtbot, view, "document.querySelector('.gm-legend').innerText") or ""


def pixels(image: QImage, colour: QColor, tolerance: int = 3) -> int:
    image = image.convertToFormat(QImage.Format_RGB888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = arr[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    return int((np.abs(rgb - np.array([colour.red(), colour.green(), colour.blue()])).max(axis=2) <= tolerance).sum())


def blended(colour: str) -> QColor:
    c = QColor(colour)
    return QColor(*[round(FILL_OPACITY * a + (1 - FILL_OPACITY) * b) for a, b in
                    zip((c.red(), c.green(), c.blue()), (BACKGROUND.red(), BACKGROUND.green(), BACKGROUND.blue()))])


def click_at(view, x: float, y: float) -> None:
    QTest.mouseClick(view.focusProxy(), Qt.LeftButton, Qt.NoModifier, QPoint(round(x), round(y)))


def isolated_row(frame: pd.DataFrame, lon: float, lat: float) -> int:
    """A record near (lon, lat) whose nearest neighbour is furthest away."""
    near = frame.index[(abs(frame["lon"] - lon) < 0.0008) & (abs(frame["lat"] - lat) < 0.0006)]
    xy = frame.loc[near, ["lon", "lat"]].to_numpy()
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    return int(frame.index.get_loc(near[int(np.argmax(d.min(axis=1)))]))


def test_200k_incidents_cluster_then_show_points_and_a_click_identifies_one(qtbot, view, incidents):
    view.set_records("incidents", incidents)
    qtbot.waitUntil(lambda: overlays(qtbot, view).get("incidents", {}).get("drawn", 0) > 0, timeout=20000)
    state = overlays(qtbot, view)["incidents"]
    assert state["mode"] == "clusters" and state["count"] == 200_000 and state["total"] == 200_000
    assert state["items"] < 2000  # clusters, not markers
    qtbot.wait(100)
    top = PALETTES["incidents"][0]  # the commonest category, 矛盾纠纷, dominates most clusters
    assert pixels(view.grab().toImage(), QColor(top)) > 500
    text = legend_text(qtbot, view)
    counts = incidents["category"].value_counts()
    assert "incidents (200,000)" in text
    assert f"矛盾纠纷 {counts['矛盾纠纷']:,}" in text and f"抢劫 {counts['抢劫']:,}" in text

    # zoomed in to a few hundred metres: individual points, and a real click reports the record under it
    row = isolated_row(incidents, 121.345, 28.635)
    lon, lat = incidents.loc[row, ["lon", "lat"]]
    view.set_extent([lon - 0.002, lat - 0.0015, lon + 0.002, lat + 0.0015])
    qtbot.waitUntil(lambda: overlays(qtbot, view)["incidents"]["mode"] == "points", timeout=10000)
    state = overlays(qtbot, view)["incidents"]
    assert 0 < state["items"] <= MAX_POINTS and state["drawn"] > 0
    qtbot.wait(100)
    x, y = run_js(qtbot, view, f"GridMap.recordPoint('incidents', {row})")
    colour = QColor(view.grab().toImage().pixel(round(x), round(y)))
    category = incidents.loc[row, "category"]
    assert colour == QColor(PALETTES["incidents"][int(np.flatnonzero(counts.index == category)[0])])
    grid_clicks = []
    view.gridClicked.connect(lambda *args: grid_clicks.append(args))
    with qtbot.waitSignal(view.pointClicked, timeout=5000) as signal:
        click_at(view, x, y)
    assert signal.args == ["incidents", row] and grid_clicks == []


def test_a_click_on_a_cluster_zooms_in(qtbot, view, incidents):
    view.set_records("incidents", incidents)
    qtbot.waitUntil(lambda: overlays(qtbot, view).get("incidents", {}).get("drawn", 0) > 0, timeout=20000)
    zoom = run_js(qtbot, view, "GridMap.state().zoom")
    biggest = overlays(qtbot, view)["incidents"]["biggest"]
    x, y = run_js(qtbot, view, f"GridMap.overlayPoint('incidents', {biggest})")
    click_at(view, x, y)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "GridMap.state().zoom") == pytest.approx(zoom + 2))
    qtbot.waitUntil(lambda: overlays(qtbot, view)["incidents"]["count"] not in (None, 200_000), timeout=10000)


def test_filter_visibility_and_heat_map(qtbot, view, incidents):
    view.set_records("incidents", incidents)
    theft = (incidents["category"] == "盗窃").to_numpy()
    view.set_record_filter("incidents", theft)
    qtbot.waitUntil(lambda: overlays(qtbot, view).get("incidents", {}).get("total") == int(theft.sum()),
                    timeout=20000)
    assert overlays(qtbot, view)["incidents"]["count"] == int(theft.sum())
    text = legend_text(qtbot, view)
    assert f"盗窃 {int(theft.sum()):,}" in text and "矛盾纠纷" not in text
    with pytest.raises(ValueError):
        view.set_record_filter("incidents", theft[:10])

    view.set_layer_style("incidents", "heat")
    qtbot.waitUntil(lambda: overlays(qtbot, view)["incidents"]["heat"], timeout=10000)
    qtbot.wait(200)
    coloured = run_js(qtbot, view, """(function () {
        var c = document.querySelector('.leaflet-heatmap-layer'), n = 0,
            d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n / (c.width * c.height); })()""")
    assert coloured > 0.1  # the grids' area is covered
    image = view.grab().toImage().convertToFormat(QImage.Format_RGB888)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = arr[:, :image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    assert ((rgb[..., 0] > 200) & (rgb[..., 1] < 120) & (rgb[..., 2] < 120)).sum() > 1000  # the hottest are red
    assert overlays(qtbot, view)["incidents"]["drawn"] == 0  # no markers meanwhile

    view.set_layer_visible("incidents", False)
    qtbot.waitUntil(lambda: not overlays(qtbot, view)["incidents"]["heat"])
    assert "incidents" not in legend_text(qtbot, view)
    view.set_layer_style("incidents", "points")
    view.set_layer_visible("incidents", True)
    qtbot.waitUntil(lambda: overlays(qtbot, view)["incidents"]["mode"] == "clusters"
                    and overlays(qtbot, view)["incidents"]["drawn"] > 0, timeout=10000)
    view.set_records("incidents", None)
    qtbot.waitUntil(lambda: overlays(qtbot, view)["incidents"]["items"] == 0)


def test_points_follow_the_grids_onto_a_gcj02_basemap(qtbot, view, incidents, tmp_path):
    view.set_records("incidents", incidents)
    row = isolated_row(incidents, 121.315, 28.645)
    lon, lat = incidents.loc[row, ["lon", "lat"]]
    view.set_extent([lon - 0.002, lat - 0.0015, lon + 0.002, lat + 0.0015])
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"GridMap.recordPoint('incidents', {row})") is not None,
                    timeout=10000)
    before = run_js(qtbot, view, f"GridMap.recordPoint('incidents', {row})")
    view.set_basemap(Basemap(name="GCJ-02 tiles", kind="folder", source=str(tmp_path), coords="gcj02"))
    # the page gets the record at its GCJ-02 position, so it is drawn where it was over the grids (an unshifted
    # one would be about 500 m, thousands of pixels, off)
    qtbot.waitUntil(lambda: view.coords == "gcj02" and np.hypot(*np.subtract(
        run_js(qtbot, view, f"GridMap.recordPoint('incidents', {row})") or [1e9, 1e9], before)) < 3, timeout=10000)


def test_choropleth_colours_the_grids_with_class_ranges_in_the_legend(qtbot, view, project):
    values = np.array([1, 2, 2, 3, 10, 11, 12, 20, 21, 22, 30, np.nan])
    breaks = classify(values, 3, "natural_breaks")
    assert breaks.tolist() == [3, 12, 30]
    view.set_choropleth(values, breaks, title="事件数")
    qtbot.waitUntil(lambda: "12 – 30" in legend_text(qtbot, view))
    assert legend_text(qtbot, view).split("\n")[:5] == ["事件数", "1 – 3", "3 – 12", "12 – 30", "no data"]
    qtbot.wait(100)
    image = view.grab().toImage()
    for colour in (YLORRD[3][0], YLORRD[3][2], NO_DATA):  # 4, 4 and 1 grids of the 12
        assert pixels(image, blended(colour)) > 1000, colour
    with pytest.raises(ValueError):
        view.set_choropleth(values[:5], breaks)
    view.set_colour_by("district", "区县")
    qtbot.waitUntil(lambda: legend_text(qtbot, view).startswith("区县"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_record_layers_come_back_after_the_page_process_dies(qtbot, view, incidents):
    import os
    import signal

    venues = incidents.iloc[:100].rename(columns={"category": "type"})
    view.set_records("incidents", incidents)
    view.set_records("venues", venues)
    view.set_layer_visible("venues", False)
    qtbot.waitUntil(lambda: overlays(qtbot, view).get("incidents", {}).get("drawn", 0) > 0, timeout=20000)
    with qtbot.waitSignal(view.painted, timeout=30000):
        os.kill(view.page().renderProcessPid(), signal.SIGKILL)
    qtbot.waitUntil(lambda: overlays(qtbot, view).get("incidents", {}).get("count") == 200_000, timeout=20000)
    assert overlays(qtbot, view)["venues"] == {"visible": False, "mode": None, "items": 0, "total": 0, "drawn": 0,
                                               "heat": False, "count": None, "biggest": None}
