"""The window keeps the map's record overlays, the layer panel, the filter bar and the choropleth together."""

import pytest
from PySide6.QtCore import Qt

from gridmap.core.records.filters import RecordFilter
from gridmap.core.records.importing import RecordImportOptions, import_records
from gridmap.store.gpkg import GpkgStore
from gridmap.ops import open_project
from gridmap.ui.panels.layer_panel import KIND_ROLE
from gridmap.ui.map.record_overlays import ChoroplethSpec
from builders import run_js
from builders import reopen


@pytest.fixture
def project_with_records(small_project, tmp_path):
    """The 12-grid project with 6 incidents in grid 1 (4 of them 盗窃) and 2 in grid 5, and 3 key persons."""
    incidents = tmp_path / "事件.csv"
    rows = ["事件编号,经度,纬度,上报时间,事件类别,办理状态"]
    rows += [f"A{i},{121.301 + 0.002 * i},28.61,2026-03-0{i + 1} 08:00:00,{'盗窃' if i < 4 else '诈骗'},结案"
             for i in range(6)]
    rows += [f"B{i},121.31,{28.621 + 0.002 * i},2026-05-0{i + 1} 08:00:00,诈骗,受理" for i in range(2)]
    incidents.write_text("\n".join(rows) + "\n", encoding="gbk")
    persons = tmp_path / "人员.csv"
    persons.write_text("姓名,身份证号,经度,纬度,人员类别\n"
                       "张三,331002199001011234,121.305,28.605,刑满释放\n"
                       "李四,331002199001021234,121.306,28.606,吸毒\n"
                       "王五,33100219900103123X,121.335,28.605,吸毒\n", encoding="utf-8-sig")
    project = open_project(small_project)
    import_records(project, RecordImportOptions(incidents, "incidents"))
    import_records(project, RecordImportOptions(persons, "persons"))
    GpkgStore(small_project).save(project)
    return small_project


def overlays(qtbot, window) -> dict:
    return run_js(qtbot, window.map, "GridMap.overlays()")


def layer_item(window, kind):
    panel = window.layer_panel
    return next(panel.topLevelItem(i) for i in range(panel.topLevelItemCount())
                if panel.topLevelItem(i).data(0, KIND_ROLE) == kind)


def test_incidents_shown_persons_a_tick_away_and_filters_reach_the_map(qtbot, project_with_records):
    window = reopen(qtbot, project_with_records)
    qtbot.waitUntil(lambda: (overlays(qtbot, window).get("incidents") or {}).get("total") == 8, timeout=10000)
    assert layer_item(window, "incidents").checkState(0) == Qt.Checked
    assert layer_item(window, "persons").checkState(0) == Qt.Unchecked
    assert not overlays(qtbot, window)["persons"]["visible"]

    layer_item(window, "persons").setCheckState(0, Qt.Checked)  # as a click on the check box does
    qtbot.waitUntil(lambda: overlays(qtbot, window)["persons"]["visible"]
                    and overlays(qtbot, window)["persons"]["total"] == 3, timeout=10000)

    window.filterChanged.emit("incidents", RecordFilter(categories=frozenset({"盗窃"})))
    qtbot.waitUntil(lambda: overlays(qtbot, window)["incidents"]["total"] == 4, timeout=10000)

    window.overlays.set_style("incidents", "heat")
    qtbot.waitUntil(lambda: overlays(qtbot, window)["incidents"]["heat"], timeout=10000)
    window.close()


def test_choropleth_counts_the_filtered_incidents_per_grid(qtbot, project_with_records):
    window = reopen(qtbot, project_with_records)
    window.overlays.set_choropleth(ChoroplethSpec("incidents", "equal_interval", 3, "事件数"))
    legend = "document.querySelector('.gm-legend').innerText"
    qtbot.waitUntil(lambda: (run_js(qtbot, window.map, legend) or "").startswith("事件数"), timeout=10000)
    # Counts 6, 2 and ten 0: three distinct values, one class each.
    assert run_js(qtbot, window.map, legend).split("\n")[:4] == ["事件数", "0", "0 – 2", "2 – 6"]
    # The filter bar's choice recolours: only 盗窃 now, 4 in grid 1 and 0 elsewhere.
    window.filterChanged.emit("incidents", RecordFilter(categories=frozenset({"盗窃"})))
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, legend).split("\n")[:3] == ["事件数", "0", "0 – 4"],
                    timeout=10000)
    window.set_colour_by("district")
    qtbot.waitUntil(lambda: not run_js(qtbot, window.map, legend).startswith("事件数"), timeout=10000)
    assert window.overlays.choropleth is None
    window.close()


def test_an_imported_layer_appears_in_the_panel_and_on_the_map(qtbot, project_with_records, tmp_path):
    window = reopen(qtbot, project_with_records)
    assert window.layer_panel.findItems("Key venues", Qt.MatchExactly) == []
    source = tmp_path / "场所.csv"
    source.write_text("场所名称,场所类型,经度,纬度\n如意旅馆,旅馆业,121.305,28.605\n鑫源网吧,上网服务,121.335,28.605\n",
                      encoding="utf-8-sig")
    import_records(window.project, RecordImportOptions(source, "venues"))
    window.records_changed("venues", new_values=True)
    item = layer_item(window, "venues")
    assert item.text(1) == "2" and item.checkState(0) == Qt.Checked
    qtbot.waitUntil(lambda: (overlays(qtbot, window).get("venues") or {}).get("total") == 2, timeout=10000)
    assert overlays(qtbot, window)["venues"]["visible"]
    import_records(window.project, RecordImportOptions(_more_incidents(tmp_path), "incidents"))
    window.records_changed("incidents", new_values=True)
    assert layer_item(window, "incidents").text(1) == "9"
    qtbot.waitUntil(lambda: overlays(qtbot, window)["incidents"]["total"] == 9, timeout=10000)
    window.set_modified(False)
    window.close()


def _more_incidents(tmp_path):
    path = tmp_path / "补充.csv"
    path.write_text("事件编号,经度,纬度,上报时间,事件类别,办理状态\nC1,121.35,28.65,2026-06-01 08:00:00,盗窃,上报\n",
                    encoding="utf-8")
    return path


def test_opening_another_project_with_unsaved_changes_asks_first(qtbot, project_with_records, small_project,
                                                                  tmp_path, confirm):
    from PySide6.QtWidgets import QMessageBox

    window = reopen(qtbot, project_with_records)
    window.set_modified(True)
    confirm.answer = QMessageBox.Cancel
    other = tmp_path / "other.gpkg"
    other.write_bytes(small_project.read_bytes())
    assert not window.open_path(other) and window.project.path == project_with_records
    assert "unsaved changes" in confirm.texts[0]
    confirm.answer = QMessageBox.Discard
    assert window.open_path(other) and window.project.path == other and not window.is_modified()
    window.close()


def test_export_layer_from_the_window_masks_until_revealed(qtbot, project_with_records, tmp_path, confirm,
                                                        monkeypatch):
    import pandas as pd

    window = reopen(qtbot, project_with_records)
    window.tables.setCurrentWidget(window.tables.tables["persons"])
    assert window.tables.current_layer() == "persons"
    assert window.export_layer("persons", tmp_path / "人员.csv")
    masked = pd.read_csv(tmp_path / "人员.csv", dtype=str, encoding="utf-8-sig")
    assert masked["id_number"].tolist()[0] == "331002********1234" and masked["name"].tolist()[0] == "张三"
    from gridmap.ui.dialogs.privacy_dialogs import RevealDialog

    monkeypatch.setattr(RevealDialog, "ask", lambda *args: "核对名单")
    window.set_privacy_revealed(True)
    assert window.export_layer("persons", tmp_path / "人员全.gpkg")
    import pyogrio
    full = pyogrio.read_dataframe(tmp_path / "人员全.gpkg")
    assert full["id_number"].tolist()[2] == "33100219900103123X" and len(full) == 3
    assert not window.export_layer("persons", tmp_path / "人员.txt")  # unknown format: told, nothing written
    assert not (tmp_path / "人员.txt").exists()
    window.close()


def test_the_days_tracks_drawn_as_lines(qtbot, small_project, tmp_path):
    """Two patrols of 张三 (a 10-minute break between them) and one of 李四 on the last day make three lines; the
    day before is drawn when asked for; the layer's check box hides them; None removes them."""
    rows = ["网格员,定位时间,经度,纬度", "王五,2026-03-01 08:00:00,121.305,28.605"]
    rows += [f"张三,2026-03-02 08:0{i}:00,{121.301 + 0.001 * i},28.61" for i in range(4)]
    rows += [f"张三,2026-03-02 08:{15 + i}:00,{121.301 + 0.001 * i},28.62" for i in range(3)]
    rows += [f"李四,2026-03-02 09:0{i}:30,121.33,{28.601 + 0.001 * i}" for i in range(5)]
    path = tmp_path / "轨迹.csv"
    path.write_text("\n".join(rows) + "\n", encoding="gbk")
    project = open_project(small_project)
    import_records(project, RecordImportOptions(path, "tracks"))
    GpkgStore(small_project).save(project)
    window = reopen(qtbot, small_project)
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, "GridMap.tracks()") is not None, timeout=10000)
    assert run_js(qtbot, window.map, "GridMap.tracks()") == {"day": "2026-03-02", "lines": 3, "points": 12,
                                                             "visible": True}
    layer_item(window, "tracks").setCheckState(0, Qt.Unchecked)  # the tracks layer's check box hides them
    qtbot.waitUntil(lambda: not run_js(qtbot, window.map, "GridMap.tracks()")["visible"], timeout=10000)
    payload = window.map.set_tracks(project.layers["tracks"], "2026-03-01")
    assert (payload["sizes"], len(payload["colour"])) == ([1], 1)
    window.map.set_tracks(None)
    qtbot.waitUntil(lambda: run_js(qtbot, window.map, "GridMap.tracks()") is None, timeout=10000)
