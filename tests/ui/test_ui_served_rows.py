"""A layer the store serves (too large to read) in the attribute table, its rows paged from the store as the
view scrolls, and in Identify with all its fields: ID and phone numbers masked, the layer never read; on
PostGIS and in a GeoPackage."""

import pandas as pd
import pytest

from gridmap.core.project.kinds import mask_private
from gridmap.core.records.assign import assign_layer
from gridmap.core.records.filters import RecordFilter
from gridmap.store.gpkg import GpkgStore

from builders import gpkg_project, reopen


def incidents_project(tmp_path, request, kind: str):
    """The small project's incidents replaced by 30 with the reporter's phone number (marked private), 1-30 March,
    in ``kind``'s store."""
    from gridmap import ops
    from gridmap.core.project.kinds import set_private_columns

    store = gpkg_project(tmp_path)
    project = store.load()
    n = 30
    project.layers["incidents"] = pd.DataFrame({
        "id": pd.Series([f"I{i:02d}" for i in range(n)], dtype="str"),
        "category": pd.Series(["盗窃"] * n, dtype="str"),
        "reported_at": pd.Timestamp("2026-03-01 08:00") + pd.to_timedelta(range(n), unit="D"),
        "address": pd.Series([f"和平路{i}号" for i in range(n)], dtype="str"),
        "reporter_phone": pd.Series([f"138{i:08d}" for i in range(n)], dtype="str"),
        "lon": [121.305 + 0.001 * i for i in range(n)], "lat": [28.605] * n})
    set_private_columns(project.meta, "incidents", ["reporter_phone"])
    assign_layer(project, "incidents")
    store.save(project)
    if kind == "gpkg":
        return store
    url = request.getfixturevalue("pg_url")
    ops.push(store.path, url)
    return ops.store_of(url)


@pytest.mark.parametrize("kind", ["postgis", "gpkg"])
def test_a_served_layer_s_table_pages_rows_from_the_store_and_identify_reads_the_whole_record(
        qtbot, tmp_path, request, monkeypatch, kind):
    from gridmap.core.project import lazy
    from gridmap.ui.panels import served_table

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)  # as if these were a city's years of records
    monkeypatch.setattr(served_table, "PAGE", 4)  # pages of 4 rows: scrolling reads more of them
    store = incidents_project(tmp_path, request, kind)
    expected = store.read_layer("incidents")
    window = reopen(qtbot, store.url if kind == "postgis" else store.path)
    layers = window.project.layers
    table = window.tables.tables["incidents"]
    model = table.model
    qtbot.waitUntil(lambda: model.rowCount() == 30, timeout=10000)
    assert "30 of 30" in table.count_label.text()
    phone, key = model._keys.index("reporter_phone"), model._keys.index("id")

    table.view.scrollToBottom()  # the last pages are read now, off the window's thread
    qtbot.waitUntil(lambda: "…" not in (model.index(29, phone).data(), model.index(27, phone).data()), timeout=10000)
    assert model.index(29, phone).data() == mask_private(expected["reporter_phone"]).iat[29] == "138****0029"
    assert model.index(27, model._keys.index("address")).data() == "和平路27号"
    assert model.index(27, key).data() == "I27"

    window.session.filterChanged.emit("incidents", RecordFilter(start=pd.Timestamp("2026-03-21")))
    qtbot.waitUntil(lambda: model.rowCount() == 10, timeout=10000)  # the filter bar's filter, by the store
    assert "10 of 30" in table.count_label.text()
    table.view.horizontalHeader().sectionClicked.emit(model.time_column())  # newest first
    qtbot.waitUntil(lambda: model.index(0, key).data() == "I29", timeout=10000)
    qtbot.waitUntil(lambda: model.index(9, key).data() != "…", timeout=10000)  # the third page
    assert [model.index(r, key).data() for r in (1, 9)] == ["I28", "I20"]

    window.tables.servedActivated.emit("incidents", model.row_frame(9))  # a row activated: Identify
    fields = window.identify.field_values()
    assert "和平路20号" in fields.values() and "138****0020" in fields.values()
    assert "13800000020" not in fields.values()

    window.map.served_rows["incidents"] = pd.DataFrame({"lon": [121.312], "lat": [28.605], "id": ["I07"],
                                                        "n": [1]})
    window.show_record("incidents", 0)  # a served point clicked: only a few fields came with it
    fields = window.identify.field_values()
    assert {"和平路7号", "138****0007", "2026-03-08 08:00:00"} <= set(fields.values())
    assert not layers.is_read("incidents")
    window.close()


def test_a_reveal_counts_a_served_layer_without_reading_it(qtbot, tmp_path, request, monkeypatch):
    from gridmap.core.project import lazy

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)
    store: GpkgStore = incidents_project(tmp_path, request, "gpkg")
    window = reopen(qtbot, store.path)
    monkeypatch.setattr("gridmap.ui.main_window.RevealDialog.ask", lambda *_args: "核对")
    window.reveal_action.trigger()
    model = window.tables.tables["incidents"].model
    qtbot.waitUntil(lambda: model.rowCount() == 30 and model.index(3, 0).data() != "…", timeout=10000)
    assert model.index(3, model._keys.index("reporter_phone")).data() == "13800000003"  # revealed
    assert window.project.audit[-1]["records"] == 30 and not window.project.layers.is_read("incidents")
    window.close()
