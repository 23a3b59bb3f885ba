"""Records in the window: the import dialog on a GBK CSV, record tables (masked, fast), revealing, manual grid
assignment and grid workers through the undo stack, Identify, and the unsaved-changes prompt."""

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from gridmap.ui.dialogs.record_dialogs import AssignGridDialog, WorkerDialog
from gridmap.ui.dialogs.record_import_dialog import RecordImportDialog
from gridmap.ui.panels.record_table import RecordTableModel

from builders import checked, opened_window as window  # noqa: F401 - the window fixture

HEADER = "人员编号,姓名,身份证号,联系电话,人员类别,经度,纬度,现住址"
ROWS = [
    "P001,张三,331002199001011234,13812345678,刑满释放,121.31,28.61,海门街道1号",  # row 2: grid 331002001001
    "P002,李四,331003198505052345,13900001111,吸毒,121.33,28.61,东城街道2号",  # row 3: grid 331003001002
    "P003,王五,331004197003033456,13700002222,社区矫正,,,路南街道3号",
    "P004,赵六,331002196006064567,13600003333,重点上访,abc,28.61,海门街道4号",
    "P001,张三,331002199001011234,13812345678,刑满释放,121.31,28.61,海门街道1号",
    "P006,孙七,331002198808085678,13500004444,吸毒,28.63,121.35,海门街道6号",  # swapped: grid 331002001007
    "P007,周八,331002199909096789,13400005555,邪教,121.50,28.50,椒江区7号",  # outside every grid
]
REJECTED = ["Row 4: no coordinates", "Row 5: coordinates are not numbers: 'abc', '28.61'",
            "Row 6: duplicate id P001 (first in row 2)", "Row 7: longitude and latitude look swapped"]
G1, G2 = "331002001001", "331003001002"


@pytest.fixture
def persons_csv(tmp_path):
    path = tmp_path / "重点人员.csv"
    path.write_bytes(("\n".join([HEADER, *ROWS]) + "\n").encode("gbk"))
    return path


def cells(model, header):
    column = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index(header)
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def imported(qtbot, window, persons_csv, swap=True):
    dialog = checked(qtbot, window.import_records(persons_csv))
    if swap:
        dialog.swap_check.setChecked(True)
        checked(qtbot, dialog)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: "persons" in window.project.layers, timeout=20000)
    for box in window.findChildren(QMessageBox):
        box.close()
    return window.project.layers["persons"]


def test_dialog_guesses_and_dry_run_lists_rejected_rows(qtbot, window, persons_csv):
    dialog = checked(qtbot, window.import_records(persons_csv))
    assert dialog.kind() == "persons"
    assert "GBK" in dialog.detected_label.text() and "7 rows" in dialog.detected_label.text()
    assert dialog.mapping() == {"id": "人员编号", "lon": "经度", "lat": "纬度", "name": "姓名", "id_number": "身份证号",
                                "phone": "联系电话", "category": "人员类别", "address": "现住址"}
    assert cells(dialog.preview_model, "姓名")[:2] == ["张三", "李四"]
    assert dialog.check_label.text() == "7 rows read · 3 to import · 4 rejected · 1 outside every grid"
    assert dialog.rejected_texts() == REJECTED
    assert "persons" not in window.project.layers  # a dry run changes nothing
    assert dialog.swap_check.isVisibleTo(dialog)
    dialog.swap_check.setChecked(True)
    checked(qtbot, dialog)
    assert dialog.check_label.text() == "7 rows read · 4 to import · 3 rejected · 1 outside every grid · 1 swapped"
    assert dialog.rejected_texts() == REJECTED[:3]


def test_wrong_encoding_is_shown_and_changeable(qtbot, window, persons_csv):
    dialog = checked(qtbot, window.import_records(persons_csv))
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("UTF-8"))
    assert "decode" in dialog.check_label.text() and not dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("GBK"))
    checked(qtbot, dialog)
    assert cells(dialog.preview_model, "姓名")[0] == "张三" and dialog.rejected_texts() == REJECTED


def test_dropped_table_opens_the_record_import(qtbot, window, persons_csv):
    window.open_dropped(persons_csv)
    dialogs = [d for d in window.findChildren(RecordImportDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].source_path() == persons_csv
    checked(qtbot, dialogs[0]).reject()


def test_mostly_swapped_columns_offer_the_swap(qtbot, window, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("编号,事件类别,上报时间,经度,纬度\nE1,盗窃,2026-01-05 08:30,28.61,121.31\n"
                    "E2,诈骗,2026/1/6,28.61,121.33\n", encoding="utf-8")
    dialog = checked(qtbot, window.import_records(path))
    assert dialog.kind() == "incidents"
    assert "swapped" in dialog.check_label.text() and not dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()
    dialog.swap_check.setChecked(True)
    checked(qtbot, dialog)
    assert dialog.check_label.text().startswith("2 rows read · 2 to import · 0 rejected · 0 outside")


def test_import_adds_records_shown_masked(qtbot, window, persons_csv):
    changed = []
    window.recordsChanged.connect(changed.append)
    layer = imported(qtbot, window, persons_csv)
    assert len(layer) == 4 and changed == ["persons"]
    assert dict(zip(layer["id"], layer["grid_code"])) == {"P001": G1, "P002": G2, "P006": "331002001007", "P007": ""}
    assert window.is_modified() and window.isWindowModified()
    table = window.tables.tables["persons"]
    assert window.tables.tabText(window.tables.indexOf(table)) == "Key persons (4)"
    assert cells(table.model, "Name") == ["张三", "李四", "孙七", "周八"]
    assert cells(table.model, "ID number")[0] == "331002********1234"
    assert cells(table.model, "Phone")[0] == "138****5678"
    window.show_record("persons", 0)
    assert window.identify.field_values()["Phone"] == "138****5678"
    assert window.identify.field_values()["Grid"].startswith(G1)


def test_reveal_asks_every_time_and_unmasks(qtbot, window, persons_csv, monkeypatch):
    from gridmap.ui.dialogs.privacy_dialogs import RevealDialog

    asked = []
    monkeypatch.setattr(RevealDialog, "ask", lambda *args: asked.append(1) or answer[0])
    imported(qtbot, window, persons_csv)
    table = window.tables.tables["persons"]
    assert not window.privacy_revealed()
    answer = [None]  # cancelled
    window.set_privacy_revealed(True)
    assert len(asked) == 1 and not window.privacy_revealed() and not window.reveal_action.isChecked()
    assert cells(table.model, "Phone")[0] == "138****5678"
    answer = ["走访核实"]
    with qtbot.waitSignal(window.privacyChanged) as signal:
        window.reveal_action.trigger()
    assert signal.args == [True] and len(asked) == 2 and window.privacy_revealed()
    assert cells(table.model, "Phone")[0] == "13812345678"
    assert cells(table.model, "ID number")[0] == "331002199001011234"
    window.show_record("persons", 0)
    assert window.identify.field_values()["ID number"] == "331002199001011234"
    window.set_privacy_revealed(False)  # hiding again asks nothing
    assert len(asked) == 2 and cells(table.model, "Phone")[0] == "138****5678"
    assert window.identify.field_values()["ID number"] == "331002********1234"
    window.set_privacy_revealed(True)
    assert len(asked) == 3


def test_manual_assignment_is_undoable(qtbot, window, persons_csv):
    imported(qtbot, window, persons_csv)
    window.set_modified(False)
    table = window.tables.tables["persons"]
    menu = table.context_menu([3])
    assert [a.text() for a in menu.actions() if a.text()] == ["Identify", "Assign to Grid…", "Clear Manual Assignment"]
    assert not menu.actions()[-1].isEnabled()
    window.record_actions.assign("persons", [3], G2, "住在网格内的出租屋")
    layer = window.project.layers["persons"]
    assert layer["grid_code"].iat[3] == G2 and window.is_modified()
    assert cells(table.model, "Manual assignment") == ["", "", "", "住在网格内的出租屋"]
    window.show_record("persons", 3)
    assert window.identify.field_values()["Manual assignment"].startswith(f"{G2}: 住在网格内的出租屋")
    window.undo_stack.undo()
    assert window.project.layers["persons"]["grid_code"].iat[3] == "" and not window.is_modified()
    assert cells(table.model, "Manual assignment")[3] == ""
    window.undo_stack.redo()
    assert window.project.layers["persons"]["grid_code"].iat[3] == G2
    assert table.context_menu([3]).actions()[-1].isEnabled()
    window.record_actions.clear("persons", [3])
    assert window.project.layers["persons"]["grid_code"].iat[3] == ""
    window.undo_stack.undo()
    assert window.project.layers["persons"]["grid_code"].iat[3] == G2


def test_assign_grid_dialog_needs_a_known_grid_and_a_reason(qtbot, window):
    dialog = AssignGridDialog(window.project.grids, 2, window)
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    dialog.code_edit.setText("999")
    dialog.reason_edit.setText("搬迁")
    assert not ok.isEnabled() and dialog.name_label.text() == "No such grid"
    dialog.code_edit.setText(G1)
    assert ok.isEnabled() and dialog.name_label.text() == "海门街道第1网格"
    dialog.reason_edit.setText("  ")
    assert not ok.isEnabled()
    assert dialog.code_edit.completer().model().rowCount() == 12


def test_grid_workers_in_identify_and_undo(qtbot, window):
    window.set_selection([0])
    identify = window.identify
    assert identify.code == G1 and identify.listed("workers") == []
    window.record_actions.add_worker(G1, "钱九", "13800009999", "专职网格员")
    assert identify.listed("workers") == ["钱九"]
    assert identify.field_values()["Grid workers"] == "1"
    section = next(identify.tree.topLevelItem(i) for i in range(identify.tree.topLevelItemCount())
                   if identify.tree.topLevelItem(i).text(0) == "Grid workers")
    identify.tree.itemActivated.emit(section.child(section.childCount() - 1), 0)  # the listed worker
    assert identify.record == ("workers", 0) and "钱九" in identify.heading.text()
    assert identify.field_values()["Phone"] == "138****9999"
    window.set_selection([])
    window.set_selection([0])
    workers = window.project.layers["workers"]
    assert workers["grid_code"].tolist() == [G1] and window.tables.tables["workers"].model.rowCount() == 1
    window.record_actions.assign_worker(G2, 0)
    assert window.project.layers["workers"]["grid_code"].iat[0] == f"{G1};{G2}"
    window.record_actions.unassign_worker(G1, 0)
    assert identify.listed("workers") == []
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert identify.listed("workers") == ["钱九"]
    window.undo_stack.undo()
    assert "workers" not in window.project.layers and "workers" not in window.tables.tables
    assert identify.listed("workers") == []


def test_worker_dialog_offers_workers_not_in_the_grid(qtbot, window):
    window.record_actions.add_worker(G1, "钱九", "13800009999", "专职网格员")
    window.record_actions.add_worker(G2, "吴十", "13800008888", "兼职网格员")
    dialog = WorkerDialog(window.project.layers["workers"], G1, False, window)
    assert [dialog.worker_combo.itemText(i) for i in range(dialog.worker_combo.count())] == [
        "吴十 · 兼职网格员 · 138****8888"]
    assert dialog.existing_row() == 1
    dialog.new_radio.setChecked(True)
    assert not dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()
    dialog.name_edit.setText("郑一")
    assert dialog.existing_row() is None and dialog.new_worker()["name"] == "郑一"
    menu = window.record_actions.grid_menu(0)
    remove = menu.actions()[1].menu()
    assert [a.text() for a in remove.actions()] == ["钱九"]


def test_close_asks_to_save_changes(qtbot, window):
    window.record_actions.add_worker(G1, "钱九")
    window.close()
    box = window._save_prompt
    assert box is not None and box.isVisible()
    box.button(QMessageBox.Discard).click()
    assert not window.is_modified() and window._lock is None


def test_large_table_loads_quickly(qapp):
    n = 200_000
    rng = np.random.default_rng(2)
    frame = pd.DataFrame({
        "id": pd.Series([f"P{i}" for i in range(n)], dtype="str"),
        "name": pd.Series(np.array(["张三", "李四"])[rng.integers(0, 2, n)], dtype="str"),
        "phone": pd.Series([f"139{i:08d}" for i in range(n)], dtype="str"),
        "lon": rng.random(n) + 121, "lat": rng.random(n) + 28,
        "grid_code": pd.Series(["331002001001"] * n, dtype="str")})
    model = RecordTableModel("venues")
    model.set_frame(frame, {"P5": {"grid": G1, "reason": "核实"}})
    assert model.rowCount() == n and model.data(model.index(n - 1, 2)) == "139****9999"
    model.sort(3, Qt.DescendingOrder)
    assert model.data(model.index(0, 3)) == f"{frame['lon'].max():.6f}"
    model.sort(6, Qt.DescendingOrder)
    assert model.original_row(0) == 5 and model.data(model.index(0, 6)) == "核实"
    model.set_filter_text("p19999")
    assert model.rowCount() == 11


def test_gpx_track_imported_as_tracks(qtbot, window, tmp_path):
    """A GPX file from a worker's app goes through File → Import Records… as GPS tracks."""
    points = "".join(f'<trkpt lat="28.61" lon="{121.301 + 0.001 * i}"><time>2026-03-01T00:0{i}:00Z</time></trkpt>'
                     for i in range(4))
    path = tmp_path / "巡查.gpx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" '
                    'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>张三</name><trkseg>'
                    f"{points}</trkseg></trk></gpx>", encoding="utf-8")
    dialog = window.import_records(path)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("tracks"))
    dialog = checked(qtbot, dialog)
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: "tracks" in window.project.layers, timeout=20000)
    for box in window.findChildren(QMessageBox):
        box.close()
    tracks = window.project.layers["tracks"]
    assert tracks["id"].tolist() == [f"张三@2026030108{i:02d}00" for i in range(4)]
    assert set(tracks["grid_code"]) == {"331002001001"}
