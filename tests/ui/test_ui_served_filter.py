"""The filter bar offers a layer the store serves (not read into memory): its days, categories and statuses come
from the store, and the map, its legend, the statistics and the choropleth follow the filter, counted by the
store as they are on the loaded layer. On PostGIS and in a GeoPackage."""

import numpy as np
import pandas as pd
import pytest

from builders import incidents_overlay as overlays, reopen, served_city_in
from gridmap.core.records.stats import category_values, grid_statistic, record_stats, status_values
from gridmap.core.style.classify import classify

@pytest.mark.parametrize("kind", ["postgis", "gpkg"])
def test_a_served_layer_is_filtered_in_the_filter_bar_and_everything_follows(qtbot, tmp_path, request, monkeypatch,
                                                                            kind):
    from gridmap import ops
    from gridmap.core.project import lazy
    from gridmap.core.style.choropleth import choropleth_colours
    from gridmap.ui.map.record_overlays import ChoroplethSpec

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)  # as if 40 incidents were years of a city's
    ref = served_city_in(kind, tmp_path, request)
    loaded = ops.store_of(ref).load()
    frame = loaded.layers["incidents"]  # what the window's numbers must equal, counted in memory

    window = reopen(qtbot, ref)
    layers, bar = window.project.layers, window.filter_bar
    assert layers.serves_points("incidents")
    assert bar.kind() == "incidents" and bar.isEnabled()
    assert bar.categories.values() == category_values(frame, "incidents")
    assert bar.statuses.values() == status_values(frame) and bar.statuses.isEnabled()
    times = frame["reported_at"]
    assert bar.days() == (times.min().normalize(), times.max().normalize()) and bar.from_slider.isEnabled()
    qtbot.waitUntil(lambda: overlays(qtbot, window).get("mode") == "clusters", timeout=15000)
    assert overlays(qtbot, window)["total"] == len(frame) == 40
    window.overlays.set_choropleth(ChoroplethSpec("incidents", "equal_interval", 3, "事件数"))
    unfiltered = window.map._choropleth

    with qtbot.waitSignal(window.filterChanged, timeout=5000) as signal:
        bar.categories.set_checked(frozenset({"盗窃", "诈骗"}))
        bar.statuses.set_checked(frozenset({"受理", "结案"}))
        bar.set_days("2026-01-21", "2026-02-27")
    filt = signal.args[1]
    assert signal.args[0] == "incidents" and filt == window.record_filter("incidents")
    assert filt.start == pd.Timestamp("2026-01-21") and filt.end == pd.Timestamp("2026-02-28")
    passing = int(filt.mask(frame, "incidents").sum())
    assert 0 < passing < 20

    # the statistics dock: the table of the loaded layer with the same filter
    assert window.stats.kind == "incidents" and window.stats.filter == filt
    pd.testing.assert_frame_equal(window.stats.frame, record_stats(loaded, "incidents", "grid", filt),
                                  check_dtype=False)
    assert f"{passing} records" in window.stats.totals_label.text()
    # the map: the store's clusters and the legend's counts hold the passing records only
    qtbot.waitUntil(lambda: overlays(qtbot, window).get("total") == passing, timeout=10000)
    assert overlays(qtbot, window)["count"] == passing
    # the choropleth: the loaded layer's counts per grid with the same filter
    values = grid_statistic(loaded, "incidents", {"incidents": filt})
    assert np.nansum(values) == passing
    assert window.map._choropleth == choropleth_colours(values, classify(values, 3, "equal_interval"), None,
                                                         "事件数") != unfiltered
    assert not layers.is_read("incidents")  # nothing above read the layer
    window.close()
