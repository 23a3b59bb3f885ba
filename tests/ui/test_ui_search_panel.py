"""The search panel on a real project: typing lists matches, activating emits row positions."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from gridmap.core.sample.city import build_grids
from gridmap.ops import open_project
from gridmap.ui.panels.search_panel import SearchPanel


@pytest.fixture
def grids(small_project):
    return open_project(small_project).grids


@pytest.fixture
def panel(qtbot, grids):
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.set_grids(grids)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def type_text(widget, text):
    """Type ``text`` key by key (QTest.keyClicks only takes Latin-1)."""
    for char in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, char))


def expected_rows(grids, fragment):
    return [i for i, name in enumerate(grids["name"]) if fragment in name]


def test_typing_chinese_lists_matches(panel, grids, qtbot):
    panel.focus_search()
    type_text(panel.edit, "东城")
    assert panel.edit.text() == "东城"
    assert panel.results.count() == 0  # debounced
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=2000)
    rows = [panel.results.item(i).data(Qt.UserRole) for i in range(panel.results.count())]
    assert rows == expected_rows(grids, "东城") and len(rows) == 4
    first = grids.iloc[rows[0]]
    assert panel.results.item(0).text() == f"{first['code']}  {first['name']}  — 东城街道, 黄岩区"
    assert panel.count_label.text() == "4 results"


def test_click_and_enter_emit_rows(panel, grids, qtbot):
    panel.edit.setText("第1")
    panel.update_results()
    rows = expected_rows(grids, "第1")  # 第1, 第10, 第11, 第12
    assert len(rows) == 4
    item = panel.results.item(1)
    with qtbot.waitSignal(panel.activated) as signal:
        qtbot.mouseClick(panel.results.viewport(), Qt.LeftButton, pos=panel.results.visualItemRect(item).center())
    assert signal.args == [[item.data(Qt.UserRole)]]
    with qtbot.waitSignal(panel.activated) as signal:
        qtbot.keyClick(panel.edit, Qt.Key_Return)
    assert sorted(signal.args[0]) == rows


def test_enter_before_debounce_uses_current_text(panel, grids, qtbot):
    panel.edit.setText(grids["code"].iloc[5])
    with qtbot.waitSignal(panel.activated) as signal:
        qtbot.keyClick(panel.edit, Qt.Key_Return)
    assert signal.args == [[5]]
    assert panel.results.count() == 1


def test_clearing_and_no_grids(panel, qtbot):
    panel.edit.setText("网格")
    panel.update_results()
    assert panel.results.count() == 12
    panel.edit.clear()
    panel.update_results()
    assert panel.results.count() == 0 and panel.count_label.text() == ""
    panel.edit.setText("网格")
    panel.set_grids(None)
    assert panel.results.count() == 0
    with qtbot.assertNotEmitted(panel.activated):
        qtbot.keyClick(panel.edit, Qt.Key_Return)


def test_sample_city_shows_first_hundred(qtbot):
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.set_grids(build_grids())
    panel.edit.setText("街道")
    panel.update_results()
    assert panel.results.count() == 100
    assert panel.count_label.text().startswith("showing 100 of ")
