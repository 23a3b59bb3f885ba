"""The basemap dialog with real widgets (offscreen) and real QSettings in a temporary folder."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from gridmap.map.basemaps import NONE, PRESETS, Basemap
from gridmap.map.tiles import local_basemap
from gridmap.ui.map.basemap_dialog import KEYS_SETTINGS_KEY, BasemapDialog, save_user_basemaps, user_basemaps

from builders import make_mbtiles, png

MINE = Basemap(name="街道图", kind="xyz", source="https://{s}.tiles.example.cn/{z}/{x}/{y}.png", subdomains="ab",
               attribution="© 示例", max_zoom=17)


@pytest.fixture(autouse=True)
def no_user_basemaps():
    save_user_basemaps([])
    QSettings().remove(KEYS_SETTINGS_KEY)
    yield
    save_user_basemaps([])
    QSettings().remove(KEYS_SETTINGS_KEY)


def make_dialog(qtbot, current=NONE):
    dialog = BasemapDialog(current)
    qtbot.addWidget(dialog)
    return dialog


def ok_button(dialog):
    return dialog.button_box.button(QDialogButtonBox.Ok)


def test_lists_none_and_presets(qtbot):
    dialog = make_dialog(qtbot)
    assert dialog.list.count() == 1 + len(PRESETS)
    assert dialog.basemap() == NONE
    assert ok_button(dialog).isEnabled()
    dialog.list.setCurrentRow(1)
    assert dialog.basemap() == PRESETS[0]
    assert dialog.source_edit.isReadOnly() and not dialog.remove_button.isEnabled()


def test_added_basemap_persists_and_is_chosen(qtbot):
    dialog = make_dialog(qtbot)
    dialog.add_basemap(MINE)
    assert dialog.basemap() == MINE
    assert dialog.name_edit.text() == "街道图" and dialog.subdomains_edit.text() == "ab"
    dialog.coords_combo.setCurrentIndex(dialog.coords_combo.findData("gcj02"))
    dialog.accept()
    chosen = dialog.basemap()
    assert chosen.coords == "gcj02" and chosen.name == "街道图"
    assert user_basemaps() == [chosen]

    again = make_dialog(qtbot, current=chosen)
    assert again.list.count() == 2 + len(PRESETS)
    assert again.basemap() == chosen
    assert again.remove_button.isEnabled()


def test_remove(qtbot):
    save_user_basemaps([MINE])
    dialog = make_dialog(qtbot, current=MINE)
    dialog.remove_selected()
    assert dialog.list.count() == 1 + len(PRESETS)
    dialog.accept()
    assert user_basemaps() == []


def test_presets_cannot_be_removed(qtbot):
    dialog = make_dialog(qtbot, current=PRESETS[0])
    dialog.remove_selected()
    assert dialog.list.count() == 1 + len(PRESETS)


def test_invalid_template_disables_ok(qtbot):
    dialog = make_dialog(qtbot)
    dialog.add_basemap(MINE)
    dialog.source_edit.setText("https://tiles.example.cn/{z}/{x}.png")
    assert not ok_button(dialog).isEnabled()
    assert "{z}, {x} and {y}" in dialog.error_label.text() and not dialog.error_label.isHidden()
    dialog.list.setCurrentRow(0)  # choosing another basemap does not save the broken one
    assert not ok_button(dialog).isEnabled()
    dialog.list.setCurrentRow(dialog.list.count() - 1)
    dialog.source_edit.setText("https://tiles.example.cn/{z}/{x}/{y}.png")
    assert ok_button(dialog).isEnabled() and dialog.error_label.isHidden()


def test_duplicate_name_disables_ok(qtbot):
    dialog = make_dialog(qtbot)
    dialog.add_basemap(MINE)
    dialog.name_edit.setText("OpenStreetMap")
    assert not ok_button(dialog).isEnabled()
    dialog.name_edit.setText("OSM 2")
    assert ok_button(dialog).isEnabled()


def test_tianditu_needs_a_key_which_is_remembered(qtbot):
    dialog = make_dialog(qtbot, current=PRESETS[1])
    assert dialog.form.isRowVisible(dialog.key_edit)
    assert not ok_button(dialog).isEnabled() and "needs a key" in dialog.error_label.text()
    dialog.key_edit.setText("0123abcd")
    assert ok_button(dialog).isEnabled()
    dialog.accept()
    assert dialog.basemap().url_template().endswith("tk=0123abcd")

    again = make_dialog(qtbot, current=PRESETS[1])
    assert again.basemap().key == "0123abcd"
    again.list.setCurrentRow(1)
    assert not again.form.isRowVisible(again.key_edit)


def test_local_mbtiles(qtbot, tmp_path):
    path = make_mbtiles(tmp_path / "台州.mbtiles", {(3, 1, 1): png(1)}, {"name": "台州", "maxzoom": "15"})
    dialog = make_dialog(qtbot)
    dialog.add_basemap(local_basemap(path))
    assert dialog.basemap() == Basemap(name="台州", kind="mbtiles", source=str(path), min_zoom=3, max_zoom=15)
    assert not dialog.form.isRowVisible(dialog.subdomains_edit)
    assert ok_button(dialog).isEnabled()
    dialog.source_edit.setText(str(tmp_path / "gone.mbtiles"))
    assert not ok_button(dialog).isEnabled() and "not found" in dialog.error_label.text()
    dialog.list.setCurrentRow(0)  # a missing file can be kept (a USB drive may be unplugged)
    assert ok_button(dialog).isEnabled()
