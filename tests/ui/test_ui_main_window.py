"""The main window on real projects: status bar, table, layers, locking, saving."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from gridmap.core.errors import ProjectLocked
from gridmap.core.project.model import ImportOptions
from gridmap.ops import new as new_project
from gridmap.core.sample.city import build_grids
from gridmap.store.gpkg import GpkgStore
from gridmap.ui.main_window import MainWindow


def message_boxes(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.isVisible()]


def test_opens_project(window, small_project):
    assert window.open_path(small_project)
    assert window.windowTitle() == f"{small_project.name}[*]"
    assert "12" in window.count_label.text()
    assert window.admin_label.text().startswith("3 ")
    assert "4490" in window.crs_label.text()
    assert window.path_label.text() == str(small_project)
    assert window.table.proxy.rowCount() == 12
    assert window.layer_panel.topLevelItem(0).text(1) == "12"
    assert window.layer_panel.topLevelItem(0).childCount() == 3
    assert str(small_project.resolve()) in window.recent_files()


def test_locked_project_is_not_opened(window, small_project):
    lock = GpkgStore(small_project).lock()
    try:
        assert not window.open_path(small_project)
    finally:
        lock.release()
    assert window.project is None
    boxes = message_boxes(window)
    assert len(boxes) == 1 and small_project.name in boxes[0].text()
    boxes[0].close()


def test_open_holds_lock_until_close(qtbot, small_project):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(small_project)
    with pytest.raises(ProjectLocked):
        GpkgStore(small_project).lock()
    window.close()
    GpkgStore(small_project).lock().release()


def test_bad_file_shows_message(window, tmp_path):
    bogus = tmp_path / "bogus.gpkg"
    bogus.write_text("not a geopackage")
    assert not window.open_path(bogus)
    assert message_boxes(window)
    assert window.project is None


def test_missing_project_creates_nothing(window, tmp_path):
    missing = tmp_path / "nowhere" / "gone.gpkg"
    assert not window.open_path(missing)
    assert "project file not found" in message_boxes(window)[0].text()
    assert not (tmp_path / "nowhere").exists()


def test_save_in_worker(window, small_project, qtbot):
    window.open_path(small_project)
    before = small_project.stat().st_mtime_ns
    window.save()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=20000)
    assert small_project.stat().st_mtime_ns != before
    assert len(GpkgStore(small_project).load().grids) == 12


def test_sample_city_screenshot(window, tmp_path, qtbot):
    source = tmp_path / "taizhou.gpkg"
    build_grids().to_file(source, layer="grids", driver="GPKG")
    project = new_project(tmp_path / "台州.gpkg", ImportOptions(path=source)).project
    window.set_project(project, GpkgStore(project.path).lock())
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    assert window.table.proxy.rowCount() == 6917
    window.grab().save(str(Path("/tmp/gridmap_main.png")))


def test_sample_city_built_in_worker_and_opened(window, tmp_path, qtbot):
    from gridmap.ui.app import open_sample

    open_sample(window, tmp_path)
    qtbot.waitUntil(lambda: window.project is not None, timeout=45000)
    assert len(window.project.grids) > 6000
    assert window.windowTitle() == "taizhou.gpkg[*]"
