"""Issue 14, item 14: exports speak one language. The stats CSV header mixed ``code,name,total,…,结案,closed,
resolution_rate`` and the rate was a raw float; ``--lang`` (default: the system's) now chooses the CSV and XLSX
headers, XLSX shows the rate as a percentage with one decimal, CSV rounds it, JSON keeps English keys for
scripts. The exported HTML has a ``<title>`` and its legend follows ``--lang``; printed titles are built per
language ("Grid overview: 台州市", not "台州市 grid overview"). Category and status values are data."""

import json
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from builders import run_cli
from gridmap.core.printing.layout import PrintSpec
from gridmap.core.printing.model import compose
from gridmap.ops import open_project
from stats_data import stats_project

DATA = ["盗窃", "诈骗", "矛盾纠纷", "上报", "受理", "派遣", "结案"]  # categories and statuses: data
ZH = ["编码", "名称", "合计", *DATA, "已结案", "办结率", "区县", "街道/乡镇", "社区/村", "网格员"]
EN = ["code", "name", "total", *DATA, "closed", "resolution_rate", "district", "street", "community", "workers"]


@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "city.gpkg"
    stats_project(path)
    return path


@pytest.fixture
def system(monkeypatch):
    """Set the system's language (its locale variables)."""
    def set_to(name: str):
        for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(variable, raising=False)
        monkeypatch.setenv("LANG", name)
    return set_to


def test_stats_csv_headers_in_one_language(gpkg, capsys, system):
    system("zh_CN.UTF-8")
    code, out, err = run_cli(capsys, "stats", gpkg)  # default: the system's language
    lines = out.splitlines()
    assert code == 0 and lines[0].split(",") == ZH
    assert lines[-1].split(",")[1] == "未分配网格"
    code, out, _ = run_cli(capsys, "stats", gpkg, "--lang", "en")
    assert out.splitlines()[0].split(",") == EN
    system("en_US.UTF-8")
    assert run_cli(capsys, "stats", gpkg)[1].splitlines()[0].split(",") == EN
    assert run_cli(capsys, "stats", gpkg, "--lang", "zh")[1].splitlines()[0].split(",") == ZH


def test_rate_rounded_in_csv_a_percentage_in_xlsx_raw_in_json(gpkg, capsys, tmp_path):
    code, out, _ = run_cli(capsys, "stats", gpkg, "--lang", "zh")
    rates = [line.split(",")[ZH.index("办结率")] for line in out.splitlines()[1:]]
    assert rates == ["0.667", "1.0", "0.0", "1.0", "0.0", "", "0.5"]

    out = tmp_path / "s.xlsx"
    assert run_cli(capsys, "stats", gpkg, "--lang", "zh", "--out", out)[0] == 0
    rows = list(load_workbook(out).active.iter_rows())
    assert [c.value for c in rows[0]] == ZH
    rate = rows[1][ZH.index("办结率")]
    assert rate.value == pytest.approx(2 / 3, abs=1e-12) and rate.number_format == "0.0%"

    code, out, _ = run_cli(capsys, "stats", gpkg, "--lang", "zh", "--format", "json")
    data = json.loads(out)
    assert list(data[0]) == EN and data[0]["resolution_rate"] == pytest.approx(2 / 3, abs=1e-9)


def test_gui_export_headers_and_rate(qtbot, tmp_path):
    from gridmap.core.records.filters import RecordFilter
    from gridmap.ui.panels.stats_dock import StatsPanel

    panel = StatsPanel()
    qtbot.addWidget(panel)
    panel.set_project(stats_project())
    panel.set_filter("incidents", RecordFilter())
    rows = list(load_workbook(panel.export(tmp_path / "s.xlsx")).active.iter_rows())
    rate = [c.value for c in rows[0]].index("Resolution rate")
    assert rows[1][rate].number_format == "0.0%"
    assert list(json.loads(panel.export(tmp_path / "s.json").read_text("utf-8"))[0])[:3] == ["code", "name", "total"]


def test_exported_html_has_a_title_and_a_legend_in_its_language(small_project, capsys, tmp_path):
    pages = {}
    for lang in ("zh", "en"):
        out = tmp_path / f"{lang}.html"
        assert run_cli(capsys, "export-html", small_project, "--out", out, "--lang", lang)[0] == 0
        pages[lang] = out.read_text("utf-8")
    assert "<title>small网格地图</title>" in pages["zh"] and "<title>Grid map: small</title>" in pages["en"]
    assert '"title":"区县"' in pages["zh"] and "Districts" not in pages["zh"]
    assert '"title":"Districts"' in pages["en"]
    assert '"columns":["区县","街道/乡镇","社区/村","户数"]' in pages["zh"]  # the popup's field names
    if shutil.which("chromium"):
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                              "--dump-dom", str(tmp_path / "zh.html")], capture_output=True, text=True,
                             timeout=120).stdout
        assert re.search(r'legend-title">区县<', dom)


def test_printed_titles_are_built_per_language(qapp, small_project):
    project = open_project(small_project)
    project.meta["city"] = "台州市"
    assert compose(project, PrintSpec(lang="en")).title == "Grid overview: 台州市"
    assert compose(project, PrintSpec(lang="zh")).title == "台州市网格总览图"
    street = PrintSpec(lang="en", extent="street", street="海门街道")
    assert compose(project, street).title == "Grid overview: 海门街道"
    project.meta["city"] = ""
    assert compose(project, PrintSpec(lang="en")).title == "Grid overview"
