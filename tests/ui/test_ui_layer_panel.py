"""The layer panel on a real project: the lazy district → street → community → grid tree and its signals."""

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from gridmap.core.project.model import Project
from gridmap.core.sample.city import build_grids
from gridmap.ops import open_project
from gridmap.ui.panels.layer_panel import ROWS_ROLE, LayerPanel


@pytest.fixture
def project(small_project):
    return open_project(small_project)


@pytest.fixture
def panel(qtbot, project):
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.set_project(project)
    panel.resize(400, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def rows_where(grids, **values):
    mask = pd.Series(True, index=grids.index)
    for column, value in values.items():
        mask &= grids[column] == value
    return [i for i, keep in enumerate(mask) if keep]


def double_click(qtbot, panel, item):
    """Press-release then double-click, as a real double-click arrives (QTest's alone skips the press)."""
    pos = panel.visualItemRect(item).center()
    qtbot.mouseClick(panel.viewport(), Qt.LeftButton, pos=pos)
    qtbot.mouseDClick(panel.viewport(), Qt.LeftButton, pos=pos)


def test_tree_levels_and_counts(panel, project):
    grids = project.grids
    root = panel.topLevelItem(0)
    assert (root.text(0), root.text(1), root.childCount()) == ("Grids", "12", 3)
    assert [root.child(i).text(0) for i in range(3)] == ["椒江区", "黄岩区", "路桥区"]  # code order
    district = root.child(1)
    assert district.text(1) == "4" and sorted(district.data(0, ROWS_ROLE)) == rows_where(grids, district="黄岩区")
    assert district.childCount() == 0  # created when first expanded
    district.setExpanded(True)
    street = district.child(0)
    assert (district.childCount(), street.text(0), street.text(1)) == (1, "东城街道", "4")
    street.setExpanded(True)
    assert [street.child(i).text(0) for i in range(street.childCount())] == ["和平社区2", "和平社区1"]
    community = street.child(0)
    community.setExpanded(True)
    expected = rows_where(grids, district="黄岩区", community="和平社区2")
    assert community.data(0, ROWS_ROLE) == expected  # in code order, as are the children
    labels = [community.child(i).text(0) for i in range(community.childCount())]
    assert labels == [f"{grids['code'].iloc[r]} {grids['name'].iloc[r]}" for r in expected]
    assert community.child(0).data(0, ROWS_ROLE) == expected[:1] and community.child(0).childCount() == 0


def test_double_click_zooms_to_rows(panel, project, qtbot):
    district = panel.topLevelItem(0).child(2)
    with qtbot.waitSignal(panel.zoomRequested) as signal:
        double_click(qtbot, panel, district)
    assert signal.args == [rows_where(project.grids, district="路桥区")]  # ascending
    assert not district.isExpanded()
    district.setExpanded(True)
    district.child(0).setExpanded(True)
    community = district.child(0).child(0)
    community.setExpanded(True)
    grid = community.child(1)
    panel.scrollToItem(grid)
    with qtbot.waitSignal(panel.zoomRequested) as signal:
        double_click(qtbot, panel, grid)
    assert signal.args == [grid.data(0, ROWS_ROLE)] and len(signal.args[0]) == 1


def test_context_menu_zooms_and_selects(panel, project, qtbot):
    root = panel.topLevelItem(0)
    menu = panel.context_menu([root.child(0), root.child(1)])
    zoom, select = menu.actions()
    assert [zoom.text(), select.text()] == ["Zoom to", "Select grids"]
    expected = sorted(rows_where(project.grids, district="椒江区") + rows_where(project.grids, district="黄岩区"))
    with qtbot.waitSignal(panel.selectRequested) as signal:
        select.trigger()
    assert signal.args == [expected]
    with qtbot.waitSignal(panel.zoomRequested) as signal:
        zoom.trigger()
    assert signal.args == [expected]
    with qtbot.waitSignal(panel.zoomRequested) as signal:
        panel.context_menu([root]).actions()[0].trigger()
    assert signal.args == [list(range(12))]


def test_other_layers_and_missing_names(qtbot):
    grids = build_grids().iloc[:30].copy()
    grids.loc[grids.index[:5], "district"] = ""
    panel = LayerPanel()
    qtbot.addWidget(panel)
    panel.set_project(Project(grids, layers={"people": pd.DataFrame({"x": range(7)})}))
    root = panel.topLevelItem(0)
    assert [root.child(i).text(0) for i in range(root.childCount())] == ["(none)", "椒江区"]
    assert root.child(0).data(0, ROWS_ROLE) == [0, 1, 2, 3, 4]
    other = panel.topLevelItem(1)
    assert (other.text(0), other.text(1), other.data(0, ROWS_ROLE)) == ("people", "7", None)
    assert panel.context_menu([other]) is None
    panel.set_project(None)
    assert panel.topLevelItemCount() == 0
