"""The Chinese UI: the compiled translation loads and key strings are translated."""

from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFontDatabase

from gridmap.ui.app import CJK_FONTS, TRANSLATIONS_DIR, set_cjk_font, wants_chinese
from gridmap.ui.main_window import MainWindow


def test_qm_loads():
    translator = QTranslator()
    assert translator.load(str(Path(TRANSLATIONS_DIR) / "gridmap_zh_CN.qm"))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"


def test_language_choice():
    assert wants_chinese("zh") and wants_chinese("zh_CN")
    assert not wants_chinese("en")


def test_english_by_default(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.file_menu.title() == "&File"


def test_main_window_in_chinese(qtbot, chinese, small_project):
    assert chinese, "gridmap_zh_CN.qm was not installed"
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.file_menu.title().startswith("文件")
    assert window.layer_dock.windowTitle() == "图层"
    assert window.table_dock.windowTitle() == "属性表"
    assert window.table.filter_edit.placeholderText() == "筛选…"
    window.open_path(small_project)
    assert window.count_label.text() == "12 个网格"
    assert "个区县" in window.admin_label.text()
    assert window.layer_panel.topLevelItem(0).text(0) == "网格"
    window.close()


def test_cjk_font_preferred(qapp):
    original = qapp.font()
    set_cjk_font(qapp)
    try:
        if set(CJK_FONTS) & set(QFontDatabase.families()):
            assert qapp.font().families()[0] in CJK_FONTS
    finally:
        qapp.setFont(original)
