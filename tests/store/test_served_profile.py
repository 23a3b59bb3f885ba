"""Identify on a grid of a project whose incidents the store serves (not read): the grid's counts come from the
store, equal to those of the loaded layer, and the layer stays unread. On PostGIS and in a GeoPackage."""

import pytest

from builders import served_city_in
from gridmap.core.records.stats import day_filter, grid_profile


@pytest.mark.parametrize("kind", ["postgis", "gpkg"])
def test_a_grid_profile_counts_a_served_layer_in_the_store(tmp_path, request, monkeypatch, kind):
    from gridmap import ops
    from gridmap.core.project import lazy

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)
    store = ops.store_of(served_city_in(kind, tmp_path, request))
    loaded = store.load()
    loaded.layers["incidents"]  # read: counted in memory
    served = store.load()
    assert served.layers.serves_points("incidents")
    filt = day_filter("2026-01-11", "2026-02-20", categories={"盗窃", "诈骗"})
    codes = loaded.layers["incidents"]["grid_code"].astype(str).value_counts().index[:3].tolist()
    for code in codes:
        for filters in (None, {"incidents": filt}):
            expected, got = grid_profile(loaded, code, filters), grid_profile(served, code, filters)
            assert expected["incidents"]["total"] > 0 or filters
            assert got["incidents"] == {**expected["incidents"], "rows": []}
            assert got == {**expected, "incidents": got["incidents"]}
    assert not served.layers.is_read("incidents")
