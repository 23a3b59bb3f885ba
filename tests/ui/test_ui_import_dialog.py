"""The import dialog end to end on a GBK shapefile without .cpg."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from gridmap.ui.dialogs.import_dialog import ImportDialog
from gridmap.ui.main_window import MainWindow


def preview_column(dialog, header):
    model = dialog.preview_model
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Horizontal) == header)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_gbk_shapefile_to_project(qtbot, gbk_shapefile, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    dialog = window.new_from_boundaries(gbk_shapefile)
    assert "网格名称" in [dialog.preview_model.headerData(c, Qt.Horizontal) for c in range(dialog.preview_model.columnCount())]
    assert preview_column(dialog, "网格名称")[0] == "海门街道第1网格"
    assert preview_column(dialog, "区县")[:3] == ["椒江区", "黄岩区", "路桥区"]
    assert "GBK" in dialog.detected_label.text().upper() or "936" in dialog.detected_label.text()
    assert dialog.role_combos["code"].currentData() == "网格编码"
    assert dialog.role_combos["name"].currentData() == "网格名称"
    assert dialog.role_combos["households"].currentData() == "户数"

    out = tmp_path / "网格项目.gpkg"
    dialog.output_edit.setText(str(out))
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: window.project is not None, timeout=20000)
    assert out.exists()
    assert window.windowTitle() == f"{out.name}[*]" and not window.isWindowModified()
    assert window.table.proxy.rowCount() == 12
    assert "海门街道第1网格" in [window.table.proxy.index(r, 1).data() for r in range(12)]
    window.close()


def test_wrong_encoding_then_back(qtbot, gbk_shapefile):
    dialog = ImportDialog(source=gbk_shapefile)
    qtbot.addWidget(dialog)
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("UTF-8"))
    headers = [dialog.preview_model.headerData(c, Qt.Horizontal) for c in range(dialog.preview_model.columnCount())]
    assert "网格名称" not in headers or dialog.problems_list.count()  # GBK bytes read as UTF-8 do not decode
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("GBK"))
    assert preview_column(dialog, "网格名称")[0] == "海门街道第1网格"


def test_failed_import_keeps_dialog_open(qtbot, gbk_shapefile, tmp_path):
    dialog = ImportDialog(source=gbk_shapefile)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.role_combos["code"].setCurrentIndex(dialog.role_combos["code"].findData("区县"))  # duplicate codes
    dialog.output_edit.setText(str(tmp_path / "bad.gpkg"))
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20000)
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "row" in boxes[0].text().lower()
    assert dialog.isVisible()
    assert not (tmp_path / "bad.gpkg").exists()
    assert dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()


def test_drop_opens_prefilled_dialog(qtbot, gbk_shapefile):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    window = MainWindow()
    qtbot.addWidget(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(gbk_shapefile))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].source_path() == gbk_shapefile
    assert dialogs[0].output_path() == gbk_shapefile.with_suffix(".gpkg")
    dialogs[0].reject()


def test_checks_follow_the_field_mapping(qtbot, gbk_shapefile):
    """Choosing a field that is no code lists the duplicate-code error before anything is written."""
    dialog = ImportDialog(source=gbk_shapefile)
    qtbot.addWidget(dialog)
    problems = lambda: [dialog.problems_list.item(i).text() for i in range(dialog.problems_list.count())]
    assert not any("duplicate" in p for p in problems())
    dialog.role_combos["code"].setCurrentIndex(dialog.role_combos["code"].findData("区县"))
    assert any("duplicate codes in 区县" in p for p in problems())
    dialog.role_combos["code"].setCurrentIndex(dialog.role_combos["code"].findData("网格编码"))
    assert not any("duplicate" in p for p in problems())
