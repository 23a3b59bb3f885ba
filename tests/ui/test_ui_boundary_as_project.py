"""A boundary file opened as a project opens the New from Boundaries dialog with it (issue 14, item 10)."""

from PySide6.QtWidgets import QMessageBox

from gridmap.ui.dialogs.import_dialog import ImportDialog
from gridmap.ui.main_window import MainWindow


def test_boundary_file_opens_the_import_dialog(qtbot, gbk_shapefile):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(gbk_shapefile) is False
    dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].source_path() == gbk_shapefile
    assert dialogs[0].preview_model.rowCount() == 12
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert window.project is None
    dialogs[0].reject()


def test_geopackage_of_boundaries_opens_the_import_dialog(qtbot, tmp_path):
    from builders import small_grids

    path = tmp_path / "台州网格.gpkg"
    small_grids().to_file(path, driver="GPKG")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path) is False
    dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].source_path() == path
    dialogs[0].reject()
