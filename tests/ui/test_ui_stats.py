"""The filter bar and the statistics dock: the numbers shown, filters updating them, export, the main window."""

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from gridmap.core.records.filters import RecordFilter
from gridmap.ui.panels import stats_dock
from gridmap.ui.panels.filter_bar import FilterBar
from gridmap.ui.panels.stats_dock import StatsPanel
from stats_data import A1, A2, C1, C2, stats_project


@pytest.fixture
def panel(qtbot):
    panel = StatsPanel()
    qtbot.addWidget(panel)
    panel.set_project(stats_project())
    panel.set_filter("incidents", RecordFilter())
    return panel


@pytest.fixture
def bar(qtbot):
    bar = FilterBar()
    qtbot.addWidget(bar)
    return bar


def cells(panel: StatsPanel, column: str) -> list[str]:
    model = panel.model
    col = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index(column)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_panel_shows_counts_rates_and_totals(panel):
    assert panel.model.rowCount() == 7
    assert cells(panel, "Code")[:2] == [A1, A2] and cells(panel, "Name")[-1] == "unassigned"
    assert cells(panel, "Total") == ["3", "1", "1", "1", "1", "0", "2"]
    assert cells(panel, "盗窃") == ["2", "1", "0", "1", "0", "0", "1"]
    assert cells(panel, "Resolution rate") == ["66.7%", "100.0%", "0.0%", "100.0%", "0.0%", "—", "50.0%"]
    assert cells(panel, "Grid workers")[0] == "张三、李四"
    text = panel.totals_label.text()
    assert "6 units · 7 records" in text and "2 outside every grid" in text and "4 closed" in text
    assert "57.1%" in text and panel.title_label.text() == "Incidents"


def test_panel_levels_and_sorting(panel):
    panel.set_level("district")
    assert cells(panel, "Name") == ["椒江区", "黄岩区"] and cells(panel, "Code") == ["331002", "331003"]
    assert "2 units · 7 records" in panel.totals_label.text()
    assert "outside" not in panel.totals_label.text()
    panel.set_level("grid")
    total = [panel.model.headerData(c, Qt.Horizontal) for c in range(panel.model.columnCount())].index("Total")
    panel.view.sortByColumn(total, Qt.DescendingOrder)
    assert cells(panel, "Total")[:2] == ["3", "2"]


def test_panel_follows_the_filter(panel):
    panel.set_filter("incidents", RecordFilter(start=pd.Timestamp("2026-01-06"), categories=frozenset({"诈骗"})))
    assert cells(panel, "Total") == ["1", "0", "0", "0", "1", "0", "1"]
    panel.set_filter("workers", RecordFilter())
    assert cells(panel, "Total") == ["2", "1", "0", "1", "1", "0", "1"] and panel.title_label.text() == "Grid workers"
    assert "Resolution rate" not in [panel.model.headerData(c, Qt.Horizontal) for c in range(panel.model.columnCount())]
    panel.set_project(None)
    assert panel.model.rowCount() == 0 and not panel.export_button.isEnabled()


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
def test_export(panel, tmp_path, suffix):
    path = panel.export(tmp_path / f"stats.{suffix}")
    assert path.exists() and [p.name for p in tmp_path.iterdir()] == [f"stats.{suffix}"]
    if suffix == "csv":
        assert path.read_text("utf-8-sig").startswith("Code,Name,Total,盗窃,诈骗,矛盾纠纷,上报")
    elif suffix == "xlsx":
        sheet = pd.read_excel(path, dtype={"Code": str})
        assert sheet["Total"].tolist() == [3, 1, 1, 1, 1, 0, 2] and sheet["Code"].iloc[0] == A1


def test_double_click_gives_the_units_grids(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_level("community")
    grids = panel.project.grids
    rect = panel.view.visualRect(panel.model.index(3, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.LeftButton, pos=rect.center())  # a double click starts with one
    with qtbot.waitSignal(panel.unitActivated) as signal:
        qtbot.mouseDClick(panel.view.viewport(), Qt.LeftButton, pos=rect.center())
    assert sorted(grids["code"].iloc[signal.args[0]]) == [C1, C2]


def test_large_layers_are_counted_on_a_worker(panel, qtbot, monkeypatch):
    monkeypatch.setattr(stats_dock, "SYNC_ROWS", 0)
    panel.set_filter("incidents", RecordFilter(categories=frozenset({"盗窃"})))
    assert panel.is_busy() and panel.totals_label.text() == "Counting…"
    panel.set_filter("incidents", RecordFilter(categories=frozenset({"诈骗"})))  # while the first one runs
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=10000)
    assert cells(panel, "Total") == ["1", "0", "0", "0", "1", "0", "1"]


def test_filter_bar(bar, qtbot):
    project = stats_project()
    with qtbot.waitSignal(bar.filterChanged) as signal:
        bar.set_project(project)
    assert signal.args == ["incidents", RecordFilter()]
    assert [bar.kind_combo.itemData(i) for i in range(bar.kind_combo.count())] == [
        "incidents", "persons", "venues", "workers"]
    assert bar.categories.values() == ["盗窃", "诈骗", "矛盾纠纷"]
    assert bar.statuses.values() == ["上报", "受理", "派遣", "结案"]
    assert bar.days() == (pd.Timestamp("2026-01-01"), pd.Timestamp("2026-03-01"))
    assert bar.from_edit.date().toString("yyyy-MM-dd") == "2026-01-01"

    with qtbot.waitSignal(bar.filterChanged) as signal:
        bar.set_days("2026-01-01", "2026-01-05")
    assert signal.args[1] == RecordFilter(start=None, end=pd.Timestamp("2026-01-06"))
    assert bar.to_edit.date().toString("yyyy-MM-dd") == "2026-01-05"

    with qtbot.waitSignal(bar.filterChanged) as signal:
        bar.statuses.set_checked(frozenset({"结案"}))
        bar.categories.set_checked(frozenset({"盗窃", "诈骗"}))
    assert signal.args[1].statuses == {"结案"} and signal.args[1].categories == {"盗窃", "诈骗"}
    assert bar.statuses.text() == "Statuses: 1/4"

    with qtbot.waitSignal(bar.filterChanged) as signal:
        bar.set_kind("venues")
    assert signal.args == ["venues", RecordFilter(end=pd.Timestamp("2026-01-06"))]
    assert bar.categories.values() == ["小餐饮", "小旅馆", "小诊所"]
    assert not bar.statuses.isEnabled() and not bar.from_slider.isEnabled()
    assert bar.filter_for("incidents").statuses == {"结案"}  # kept for when incidents come back

    with qtbot.waitSignal(bar.filterChanged) as signal:
        bar.set_kind("incidents")
        bar.reset()
    assert signal.args == ["incidents", RecordFilter()]


def test_category_menu_stays_open_while_ticking(bar, qtbot):
    bar.set_project(stats_project())
    menu = bar.categories.menu()
    menu.popup(bar.mapToGlobal(bar.rect().center()))
    qtbot.waitExposed(menu)
    action = menu.actions()[3]  # All, None, separator, then 盗窃
    qtbot.mouseMove(menu, menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: menu.activeAction() is action)
    qtbot.mouseClick(menu, Qt.LeftButton, pos=menu.actionGeometry(action).center())
    assert menu.isVisible() and bar.categories.checked() == {"诈骗", "矛盾纠纷"}
    menu.close()


def test_filter_bar_slider_handles_do_not_cross(bar):
    bar.set_project(stats_project())
    bar.to_slider.setValue(10)
    bar.from_slider.setValue(20)
    assert bar.to_slider.value() == 20
    bar.to_edit.setDate(bar.to_edit.date().addDays(-15))
    assert (bar.from_slider.value(), bar.to_slider.value()) == (5, 5)


def test_filter_bar_without_records(bar):
    project = stats_project()
    project.layers = {}
    bar.set_project(project)
    assert not bar.isEnabled() and bar.kind() is None


def test_main_window_wires_filter_and_stats(qtbot, tmp_path):
    from gridmap.ui.main_window import MainWindow

    path = tmp_path / "city.gpkg"
    stats_project(path)
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.filterChanged) as signal:
            assert window.open_path(path)
        assert signal.args == ["incidents", RecordFilter()]
        assert window.stats.model.rowCount() == 7 and "7 records" in window.stats.totals_label.text()
        with qtbot.waitSignal(window.filterChanged):
            window.filter_bar.set_days("2026-01-01", "2026-01-05")
        assert window.record_filter("incidents").end == pd.Timestamp("2026-01-06")
        assert cells(window.stats, "Total")[0] == "2"
        window.stats.set_level("street")
        with qtbot.waitSignal(window.stats.unitActivated) as zoom:
            window.stats._on_double_click(window.stats.model.index(0, 0))
        assert len(zoom.args[0]) == 3
    finally:
        window.close()
