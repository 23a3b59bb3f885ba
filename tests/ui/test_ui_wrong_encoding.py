"""The import dialog's preview reports the records a wrongly chosen encoding garbles (issue 14, item 1)."""

from builders import grid_frame, write_shp

from gridmap.ui.dialogs.import_dialog import ImportDialog


def test_preview_reports_undecodable_records(qtbot, tmp_path):
    frame = grid_frame()
    frame["WGMC"] = ["嵊泗县", "岱山县", "定海区", "普陀区"]
    path = write_shp(frame, tmp_path / "浙江省.shp", encoding="UTF-8")
    dialog = ImportDialog(source=path)
    qtbot.addWidget(dialog)
    texts = lambda: [dialog.problems_list.item(i).text() for i in range(dialog.problems_list.count())]  # noqa: E731
    assert not [t for t in texts() if "decode" in t]
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("GBK"))
    problems = [t for t in texts() if "do not decode as GBK" in t]
    assert len(problems) == 1 and "4 records" in problems[0] and "UTF-8" in problems[0]
