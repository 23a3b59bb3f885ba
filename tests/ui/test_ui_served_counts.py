"""A window on a layer the store serves asks the store for each filter's counts once: the statistics, the
choropleth, the map's legend and clusters and the filter bar share them (a count of 32 million records takes
a database a third of a second, a GeoPackage without its totals seconds)."""

from collections import Counter

import pytest

from builders import incidents_overlay, reopen, served_city, served_city_in


@pytest.mark.parametrize("kind", ["postgis", "gpkg"])
def test_each_filter_s_counts_are_asked_of_the_store_once(qtbot, tmp_path, request, monkeypatch, kind):
    from gridmap.core.project import lazy
    from gridmap.store.gpkg import GpkgStore
    from gridmap.store.postgis import PostgisStore
    from gridmap.ui.map.record_overlays import ChoroplethSpec

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)
    ref = served_city_in(kind, tmp_path, request)
    cls = PostgisStore if kind == "postgis" else GpkgStore
    asked, count = Counter(), cls.record_counts

    def record_counts(store, layer, filt=None):
        asked[(layer, filt)] += 1
        return count(store, layer, filt)

    monkeypatch.setattr(cls, "record_counts", record_counts)
    window = reopen(qtbot, ref)
    qtbot.waitUntil(lambda: incidents_overlay(qtbot, window).get("total") == 40, timeout=15000)
    qtbot.waitUntil(lambda: window.stats.frame is not None and window.stats.frame["total"].sum() == 40,
                    timeout=10000)
    window.overlays.set_choropleth(ChoroplethSpec("incidents", "equal_interval", 3, "事件数"))
    with qtbot.waitSignal(window.filterChanged, timeout=5000):
        window.filter_bar.categories.set_checked(frozenset({"盗窃"}))
    qtbot.waitUntil(lambda: window.stats.frame["total"].sum() < 40, timeout=10000)
    qtbot.waitUntil(lambda: incidents_overlay(qtbot, window).get("total") < 40, timeout=10000)
    assert asked and all(layer == "incidents" for layer, _ in asked)
    assert len(asked) >= 3  # the bar's totals, the whole layer, the filter
    assert max(asked.values()) == 1, asked  # each asked once, whoever needed it
    assert not window.project.layers.is_read("incidents")
    window.close()


def test_an_older_file_s_served_layer_is_counted_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    import sqlite3
    import threading
    from contextlib import closing

    from gridmap.core.project import lazy
    from gridmap.store import gpkg_query

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)
    path = served_city(tmp_path)
    with closing(sqlite3.connect(path)) as db, db:  # written before the counts were kept: counting scans
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                                  "'gridmap_totals_%'").fetchall():
            db.execute(f'DROP TRIGGER "{name}"')
    scans, whole = [], gpkg_query._whole

    def counted(db, at, layer, columns):
        if not gpkg_query._counted(db, layer, columns) and not any(
                key[0] == str(at.absolute()) for key in gpkg_query._WHOLE):
            scans.append(threading.current_thread() is threading.main_thread())
        return whole(db, at, layer, columns)

    monkeypatch.setattr(gpkg_query, "_whole", counted)
    gpkg_query._WHOLE.clear()
    window = reopen(qtbot, path)
    qtbot.waitUntil(lambda: window.stats.frame is not None and window.stats.frame["total"].sum() == 40,
                    timeout=10000)
    assert window.filter_bar.categories.values() and window.project.layers.serves_points("incidents")
    assert scans == [False]  # one scan of the records, on the worker thread: the window kept painting
    window.close()
