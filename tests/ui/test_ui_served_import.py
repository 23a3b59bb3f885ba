"""File → Import Records… into a layer the store serves (too many records to hold in memory): the records go
straight into the stored project (the same import as ``gridmap add``), the map, statistics and filter bar count
them from the store, and no layer is read; with unsaved changes it is refused (save first). Importing another
kind reads nothing the import does not need. On PostGIS and in a GeoPackage."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from builders import checked, incidents_csv, reopen, served_city_in


def opened(qtbot, tmp_path, request, monkeypatch, kind):
    from gridmap import ops
    from gridmap.core.project import lazy

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)  # as if 40 incidents were years of a city's
    ref = served_city_in(kind, tmp_path, request)
    window = reopen(qtbot, ref)
    qtbot.waitUntil(lambda: window.stats.frame is not None and window.stats.frame["total"].sum() == 40,
                    timeout=10000)
    return window, ops.store_of(ref)


NEW = "事件编号,经度,纬度,上报时间,事件类别,办理状态\n" + "".join(
    f"N{i},{121.305 + i * 0.01:.3f},28.605,2026-03-0{i + 1} 08:00,噪音扰民,受理\n" for i in range(5))


@pytest.mark.parametrize("kind", ["postgis", "gpkg"])
def test_records_imported_into_a_served_layer_go_straight_into_the_store(qtbot, tmp_path, request, monkeypatch,
                                                                         kind):
    window, store = opened(qtbot, tmp_path, request, monkeypatch, kind)
    layers = window.project.layers
    assert layers.serves_points("incidents")
    dialog = checked(qtbot, window.import_records(incidents_csv(tmp_path / "新事件.csv", NEW)))
    assert dialog.kind() == "incidents" and dialog.check.to_import == 5
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: window.stats.frame["total"].sum() == 45, timeout=20000)  # counted by the store
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "Added to the stored project" in boxes[0].text() and "5 imported" in boxes[0].text()
    for box in boxes:
        box.close()
    assert "噪音扰民" in window.filter_bar.categories.values()
    assert store.count_layer("incidents") == 45 and not window.is_modified()
    assert not layers.is_read("incidents") and layers.count("incidents") == 45


@pytest.mark.parametrize("kind", ["gpkg"])
def test_unsaved_changes_refuse_an_import_into_a_served_layer(qtbot, tmp_path, request, monkeypatch, kind):
    window, store = opened(qtbot, tmp_path, request, monkeypatch, kind)
    window.set_modified(True)
    dialog = checked(qtbot, window.import_records(incidents_csv(tmp_path / "新事件.csv", NEW)))
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert "Save the project first" in dialog.check_label.text() and dialog.isVisible()
    assert store.count_layer("incidents") == 40 and not window.project.layers.is_read("incidents")
    dialog.close()


def test_importing_another_kind_reads_no_served_layer(qtbot, tmp_path, request, monkeypatch):
    window, store = opened(qtbot, tmp_path, request, monkeypatch, "gpkg")
    csv = tmp_path / "场所.csv"
    csv.write_text("场所编号,场所名称,场所类型,经度,纬度\nV1,平安超市,商超,121.305,28.605\n", encoding="utf-8")
    dialog = checked(qtbot, window.import_records(csv))
    dialog.set_kind("venues")
    checked(qtbot, dialog)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: "venues" in window.project.layers, timeout=20000)
    for box in window.findChildren(QMessageBox):
        box.close()
    assert len(window.project.layers["venues"]) == 1 and window.is_modified()
    assert not window.project.layers.is_read("incidents")
