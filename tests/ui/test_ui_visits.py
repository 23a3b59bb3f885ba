"""The Visits dock, the map coloured by visit coverage, targets drawn by visit status, Identify's visit histories
and the Visit Rules dialog, on the hand-made city of tests/core/test_visits.py (four grids A B C D; RY01 visited
on 03-01 and 03-09 under a 7-day rule, RY02 never, RY03 on 03-01 under 7 days, the venues CS01 and CS02 on
03-01 under 30 and 90 days)."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from builders import PERSONS, QUAD_CODES, VENUES, VISITS, WORKERS, quad_grids, reopen, run_js, write_lines
from gridmap.cli import main
from gridmap.core.style.choropleth import sequential
from gridmap.core.visits.rules import DEFAULT_RULES, visit_rules

A, B, C, D = QUAD_CODES
LEGEND = "Array.from(document.querySelectorAll('.gm-legend')).map(function (e) { return e.innerText; }).join('\\n')"


@pytest.fixture
def city(tmp_path):
    source = tmp_path / "grids.geojson"
    quad_grids().to_file(source, driver="GeoJSON")
    path = tmp_path / "城市.gpkg"
    assert main(["new", str(path), "--grids", str(source)]) == 0
    for kind, lines in (("persons", PERSONS), ("venues", VENUES), ("workers", WORKERS), ("visits", VISITS)):
        assert main(["add", str(path), "--kind", kind, str(write_lines(tmp_path / f"{kind}.csv", lines))]) == 0
    return path


def shown_on(qtbot, window, day: str):
    """The window's Visits dock once it shows ``day``."""
    panel = window.visits
    panel.set_day(day)
    qtbot.waitUntil(lambda: not panel.is_busy() and panel.status is not None
                    and f"on {day}" in panel.summary.text(), timeout=10000)
    return panel


def test_dock_shows_the_exact_overdue_rows(qtbot, city):
    window = reopen(qtbot, city)
    panel = window.visits
    assert panel.day() == pd.Timestamp("2026-03-10")  # the day after the latest visit, not today
    shown_on(qtbot, window, "2026-03-20")
    assert panel.overdue_rows() == [
        ["Key persons", "RY03", "张三", C, "网格员二", "2026-03-01", "2026-03-08", "12", "Overdue", "社区矫正",
         "白云街道"],
        ["Key persons", "RY01", "张一", A, "网格员一", "2026-03-09", "2026-03-16", "4", "Overdue", "刑满释放",
         "海门街道"],
        ["Key persons", "RY02", "张二", B, "网格员一", "", "", "", "Never visited", "吸毒", "海门街道"]]
    assert panel.summary.text() == ("5 targets on 2026-03-20: 2 visited on time (40.0%), 0 of them due soon; "
                                    "2 overdue, 1 never visited")
    panel.worker.setCurrentIndex(panel.worker.findData("网格员一"))
    assert [r[1] for r in panel.overdue_rows()] == ["RY01", "RY02"]
    assert panel.count.text() == "2 of 3 targets"
    panel.worker.setCurrentIndex(0)
    panel.street.setCurrentIndex(panel.street.findData("白云街道"))
    assert [r[1] for r in panel.overdue_rows()] == ["RY03"]
    panel.street.setCurrentIndex(0)
    panel.overdue_view.sortByColumn(7, Qt.AscendingOrder)  # days overdue, never visited last
    assert [r[1] for r in panel.overdue_rows()] == ["RY01", "RY03", "RY02"]

    panel.by.setCurrentIndex(panel.by.findData("worker"))
    coverage = panel.coverage.set_index("worker_id")
    assert coverage[["targets", "on_time", "overdue", "never"]].to_dict("index") == {
        "W1": {"targets": 2, "on_time": 0, "overdue": 1, "never": 1},
        "W3": {"targets": 2, "on_time": 2, "overdue": 0, "never": 0},
        "W2": {"targets": 1, "on_time": 0, "overdue": 1, "never": 0}}


def test_the_dock_follows_the_records(qtbot, city):
    window = reopen(qtbot, city)
    panel = shown_on(qtbot, window, "2026-03-20")
    persons = window.project.layers["persons"]
    window.project.layers["persons"] = persons[persons["id"] != "RY02"].reset_index(drop=True)
    window.session.records_changed("persons")
    qtbot.waitUntil(lambda: not panel.is_busy() and [r[1] for r in panel.overdue_rows()] == ["RY03", "RY01"],
                    timeout=10000)


def test_double_click_zooms_to_the_target_selects_its_grid_and_identifies_it(qtbot, city):
    window = reopen(qtbot, city)
    panel = shown_on(qtbot, window, "2026-03-20")
    window.show_visits()
    view = panel.overdue_view
    qtbot.waitUntil(view.isVisible)
    index = panel.overdue_model.index(0, 2)  # RY03 in C, at 121.05°E 28.15°N
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    rows = window.project.grids["code"].tolist()
    assert window.selection == [rows.index(C)]
    qtbot.waitUntil(lambda: window.map.extent is not None and window.map.extent[2] - window.map.extent[0] < 0.05,
                    timeout=10000)
    west, south, east, north = window.map.extent
    assert west < 121.05 < east and south < 28.15 < north
    assert window.identify.record == ("persons", 2)


def test_map_coloured_by_coverage_for_the_day(qtbot, city):
    window = reopen(qtbot, city)
    panel = shown_on(qtbot, window, "2026-03-10")
    panel.colour.setCurrentIndex(panel.colour.findData("visit_coverage"))
    red, yellow = sequential(2)[::-1]  # low coverage red
    codes = window.project.grids["code"].tolist()

    def colours():
        spec = window.map._choropleth
        return {code: spec["palette"][i] for code, i in zip(codes, spec["index"])} if spec else None

    # A: RY01 visited the day before; B: RY02 never; C: RY03 overdue; D: both venues on time
    assert colours() == {A: yellow, B: red, C: red, D: yellow}
    qtbot.waitUntil(lambda: "Visit coverage (%) on 2026-03-10" in (run_js(qtbot, window.map, LEGEND) or ""),
                    timeout=10000)
    legend = run_js(qtbot, window.map, LEGEND).split("\n")
    assert legend[legend.index("Visit coverage (%) on 2026-03-10") + 1:][:2] == ["0", "0 – 100"]
    shown_on(qtbot, window, "2026-03-20")  # RY01 overdue by then
    qtbot.waitUntil(lambda: colours() == {A: red, B: red, C: red, D: yellow}, timeout=10000)
    panel.colour.setCurrentIndex(panel.colour.findData("visit_overdue"))
    assert colours() == {A: red, B: red, C: red, D: yellow}  # 1 target overdue or never visited, and none
    panel.colour.setCurrentIndex(0)
    assert window.map._choropleth is None and window.overlays.choropleth is None


def test_targets_drawn_by_visit_status(qtbot, city):
    window = reopen(qtbot, city)
    panel = shown_on(qtbot, window, "2026-03-20")
    panel.by_status.setChecked(True)
    assert window.map._records["persons"].style == "points" and window.map.layer_visible("venues")
    layer = window.map._records["persons"].layer
    classes, labels, colours = layer.classes()
    ids = window.project.layers["persons"]["id"].tolist()
    assert dict(zip(ids, (labels[c] for c in classes))) == {"RY01": "overdue", "RY02": "never visited",
                                                           "RY03": "overdue"}
    assert colours[labels.index("overdue")] == "#d73027"
    qtbot.waitUntil(lambda: "never visited" in (run_js(qtbot, window.map, LEGEND) or ""), timeout=10000)
    panel.by_status.setChecked(False)
    assert window.map._records["persons"].layer.classes()[1][:3] == ["刑满释放", "吸毒", "社区矫正"]
    assert window.map._records["persons"].style == "clusters"


def test_identify_shows_visit_histories(qtbot, city):
    window = reopen(qtbot, city)
    shown_on(qtbot, window, "2026-03-20")
    ids = window.project.layers["persons"]["id"].tolist()
    window.show_record("persons", ids.index("RY01"))
    fields = window.identify.field_values()
    assert fields["Visit status"] == "Overdue · 4 days overdue · due 2026-03-16"
    assert fields["Visits"] == "2"
    tree = window.identify.tree
    section = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                   if tree.topLevelItem(i).text(0) == "Visits")
    assert [(section.child(j).text(0), section.child(j).text(1)) for j in range(section.childCount())] == [
        ("2026-03-09 10:00", "网格员一 · 正常"), ("2026-03-01 09:00", "网格员一 · 正常")]

    venues = window.project.layers["venues"]["id"].tolist()
    window.show_record("venues", venues.index("CS01"))
    section = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                   if tree.topLevelItem(i).text(0) == "Visits")
    assert section.child(0).text(1) == "网格员三 · 发现问题 · =1+2 · check-in far from the target"

    workers = window.project.layers["workers"]["id"].tolist()
    window.show_record("workers", workers.index("W1"))
    fields = window.identify.field_values()
    assert fields["Visit targets"] == "2  Overdue 1 · Never visited 1"
    assert fields["Visits made"] == "2"
    targets = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                   if tree.topLevelItem(i).text(0) == "Visit targets")
    assert [targets.child(j).text(0) for j in range(targets.childCount())] == ["张一", "张二"]


def test_rule_edit_is_undoable_and_saved(qtbot, city):
    from gridmap.ops import open_project
    from gridmap.ui.dialogs.rules_dialog import RulesDialog

    window = reopen(qtbot, city)
    panel = shown_on(qtbot, window, "2026-03-20")
    dialog = window.show_visit_rules()
    assert isinstance(dialog, RulesDialog) and dialog.rules() == DEFAULT_RULES
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 1).text() == "高风险")
    dialog.table.cellWidget(row, 2).setValue(30)  # RY01 (high risk) is due on 04-08 then
    dialog.accept()
    assert visit_rules(window.project.meta).days_for("persons", window.project.layers["persons"]).tolist() == [30, 30, 7]
    assert window.session.is_modified() and window.undo_stack.undoText() == "Change visit rules"
    qtbot.waitUntil(lambda: not panel.is_busy() and [r[1] for r in panel.overdue_rows()] == ["RY03", "RY02"],
                    timeout=10000)

    window.undo_stack.undo()
    assert "visit_rules" not in window.project.meta and not window.session.is_modified()
    qtbot.waitUntil(lambda: not panel.is_busy() and [r[1] for r in panel.overdue_rows()] == ["RY03", "RY01", "RY02"],
                    timeout=10000)
    window.undo_stack.redo()
    window.save()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=10000)
    assert visit_rules(open_project(city).meta).days_for("persons", window.project.layers["persons"]).tolist() == \
        [30, 30, 7]

    dialog = window.show_visit_rules()
    dialog.set_rules(DEFAULT_RULES)  # Restore Defaults
    dialog.add_rule(DEFAULT_RULES.rules[0].__class__("type", "", 30))
    dialog.accept()  # a rule without a value: said, not taken
    assert dialog.isVisible() and "Row 17" in dialog.error.text()
    dialog.remove_selected()
    dialog.accept()
    assert visit_rules(window.project.meta) == DEFAULT_RULES
