"""File → Watch Folder…: a file dropped into the watched folder appears in the open project (stored, nothing to
save), the status bar says so; with unsaved changes the feed waits."""

from __future__ import annotations

import pytest

from builders import QUAD_CODES, QUAD_HEADER, quad_grids, reopen, write_lines
from gridmap.core.project.model import ImportOptions
from gridmap.ops import new, open_project

A, B, C, D = QUAD_CODES


@pytest.fixture
def window(qtbot, tmp_path):
    source = tmp_path / "grids.geojson"
    quad_grids().to_file(source, driver="GeoJSON")
    new(tmp_path / "city.gpkg", ImportOptions(path=source))
    window = reopen(qtbot, tmp_path / "city.gpkg")
    yield window
    window.stop_watching()


def test_dropped_file_appears_in_the_project(qtbot, window, tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    assert window.watch_folder(drop, interval_ms=100) is not None
    assert window.watch_action.isChecked()
    write_lines(drop / "incidents.csv", [QUAD_HEADER, "F1,121.05,28.05,2026-03-01 08:00,盗窃,结案",
                                         "F2,121.15,28.15,2026-03-01 09:00,诈骗,上报", "F3,abc,28.1,2026-03-01,盗窃,结案"])
    qtbot.waitUntil(lambda: "incidents" in window.project.layers, timeout=20000)
    layer = window.project.layers["incidents"]
    assert dict(zip(layer["id"], layer["grid_code"])) == {"F1": A, "F2": D}
    assert window.tables.tables["incidents"].model.rowCount() == 2
    assert "incidents.csv: 2 records imported" in window.statusBar().currentMessage()
    assert not window.is_modified()
    assert (drop / "done" / "incidents.csv.log").exists() and not (drop / "incidents.csv").exists()
    assert open_project(window.project.path).layers["incidents"]["id"].tolist() == ["F1", "F2"]

    window.set_modified(True)  # unsaved changes: the feed waits
    write_lines(drop / "incidents2.csv", [QUAD_HEADER, "F4,121.05,28.15,2026-03-02 08:00,盗窃,结案"])
    qtbot.waitUntil(lambda: "waiting until the project is saved" in window.statusBar().currentMessage(),
                    timeout=20000)
    assert (drop / "incidents2.csv").exists()
    window.set_modified(False)
    qtbot.waitUntil(lambda: len(window.project.layers["incidents"]) == 3, timeout=20000)
    assert window.project.layers["incidents"]["grid_code"].tolist()[-1] == C

    window.save()  # the window's next save writes its own changes only: the imported records stay once
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=20000)
    assert sorted(open_project(window.project.path).layers["incidents"]["id"]) == ["F1", "F2", "F4"]

    window.watch_action.trigger()  # unchecked: stops
    assert window.feed is None and not window.watch_action.isChecked()


def test_records_dropped_into_a_layer_read_at_open_are_saved_once(qtbot, tmp_path):
    from gridmap.core.records.importing import RecordImportOptions
    from gridmap.ops import add

    source = tmp_path / "grids.geojson"
    quad_grids().to_file(source, driver="GeoJSON")
    new(tmp_path / "city.gpkg", ImportOptions(path=source))
    add(tmp_path / "city.gpkg", RecordImportOptions(
        write_lines(tmp_path / "first.csv", [QUAD_HEADER, "F0,121.05,28.05,2026-03-01 07:00,盗窃,结案"]), "incidents"))
    window = reopen(qtbot, tmp_path / "city.gpkg")
    assert window.project.layers.is_read("incidents")
    drop = tmp_path / "drop"
    drop.mkdir()
    window.watch_folder(drop, interval_ms=100)
    write_lines(drop / "incidents.csv", [QUAD_HEADER, "F1,121.15,28.15,2026-03-01 09:00,诈骗,上报"])
    qtbot.waitUntil(lambda: len(window.project.layers["incidents"]) == 2, timeout=20000)
    window.stop_watching()
    window.set_modified(True)
    window.save()  # the feed's records are the project's now: not written a second time
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=20000)
    assert sorted(open_project(window.project.path).layers["incidents"]["id"]) == ["F0", "F1"]
