"""``gridmap add --kind visits``, ``gridmap rules`` and ``gridmap visits`` as users run them, on the hand-made city of
tests/core/test_visits.py saved as a project: exact counts, the visits layer through a save and load, outputs
that never replace a project and never hold formulas."""

from __future__ import annotations

import json

import openpyxl
import pytest

from builders import PERSONS, QUAD_CODES, VENUES, VISITS, WORKERS, quad_grids, run_cli, write_lines
from gridmap.cli import main
from gridmap.ops import open_project

A, B, C, D = QUAD_CODES


@pytest.fixture
def project(tmp_path):
    source = tmp_path / "grids.geojson"
    quad_grids().to_file(source, driver="GeoJSON")
    path = tmp_path / "城市.gpkg"
    assert main(["new", str(path), "--grids", str(source)]) == 0
    for kind, lines in (("persons", PERSONS), ("venues", VENUES), ("workers", WORKERS)):
        assert main(["add", str(path), "--kind", kind, str(write_lines(tmp_path / f"{kind}.csv", lines))]) == 0
    return path


def test_add_visits_and_reload(project, tmp_path, capsys):
    capsys.readouterr()
    code, out, err = run_cli(capsys, "add", project, "--kind", "visits",
                             write_lines(tmp_path / "visits.csv", VISITS, "gbk"), "--json")
    data = json.loads(out)
    assert (code, data["imported"], data["rejected"], data["far"]) == (0, 5, 3, 1)
    visits = open_project(project).layers["visits"].set_index("id")
    assert visits["far"].astype(bool).tolist() == [False, False, False, True, False]
    assert visits["grid_code"].tolist() == [A, A, C, D, D]
    assert str(visits["visited_at"].dtype) == "datetime64[ns]" and visits["target_kind"].iloc[2] == "persons"
    code, out, _ = run_cli(capsys, "add", project, "--kind", "visits", tmp_path / "visits.csv", "--far-m", "50",
                           "--json")
    assert json.loads(out)["far"] == 2 and json.loads(out)["updated"] == 5


def test_far_m_only_for_visits(project, tmp_path, capsys):
    code, _, err = run_cli(capsys, "add", project, "--kind", "persons", tmp_path / "persons.csv", "--far-m", "50")
    assert code == 2 and err.count("\n") == 1 and "--far-m" in err


@pytest.fixture
def visited(project, tmp_path, capsys):
    assert main(["add", str(project), "--kind", "visits", str(write_lines(tmp_path / "visits.csv", VISITS, "gbk"))]) == 0
    capsys.readouterr()
    return project


def test_visits_by_street_json(visited, capsys):
    code, out, _ = run_cli(capsys, "visits", visited, "--date", "2026-03-20", "--by", "street", "--json")
    data = json.loads(out)
    assert code == 0 and data["date"] == "2026-03-20"
    assert (data["targets"], data["on_time"], data["overdue"], data["never"], data["coverage"]) == (5, 2, 2, 1, 40.0)
    assert [(r["street"], r["targets"], r["on_time"], r["coverage"]) for r in data["rows"]] == [
        ("海门街道", 2, 0, 0.0), ("白云街道", 3, 2, 66.7)]


def test_overdue_list_csv_and_xlsx(visited, tmp_path, capsys):
    code, out, _ = run_cli(capsys, "visits", visited, "--date", "2026-03-20", "--overdue", "--lang", "en")
    lines = out.splitlines()
    assert lines[0] == "target_kind,target_id,name,category,grid_code,street,worker,last_visit,due,days_overdue,status"
    assert lines[1:] == [f"persons,RY03,张三,社区矫正,{C},白云街道,网格员二,2026-03-01,2026-03-08,12,overdue",
                         f"persons,RY01,张一,刑满释放,{A},海门街道,网格员一,2026-03-09,2026-03-16,4,overdue",
                         f"persons,RY02,张二,吸毒,{B},海门街道,网格员一,,,,never"]
    out_file = tmp_path / "逾期.xlsx"
    code, out, _ = run_cli(capsys, "visits", visited, "--date", "2026-03-20", "--overdue", "--out", out_file,
                           "--lang", "zh")
    sheet = openpyxl.load_workbook(out_file).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("对象类型", "对象编号", "名称") and rows[1][0] == "重点人员" and rows[1][9] == 12
    assert rows[3][10] == "从未走访"


def test_outputs_never_formulas_or_projects(visited, tmp_path, capsys):
    status_csv = tmp_path / "workers.csv"
    code, _, err = run_cli(capsys, "visits", visited, "--date", "2026-03-20", "--by", "worker", "--out", visited)
    assert code == 2 and "project" in err and err.count("\n") == 1
    assert open_project(visited).layers["visits"].shape[0] == 5
    main(["add", str(visited), "--kind", "workers",
          str(write_lines(tmp_path / "w2.csv", ["工号,姓名,网格编码", f"W1,=HYPERLINK(\"x\"),{A}"]))])
    code, _, _ = run_cli(capsys, "visits", visited, "--date", "2026-03-20", "--by", "worker", "--out", status_csv)
    text = status_csv.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=" not in text and ",=" not in text


def test_rules_cli(visited, capsys):
    code, out, _ = run_cli(capsys, "rules", visited, "--json")
    data = json.loads(out)
    assert code == 0 and {"field": "risk_level", "value": "高风险", "days": 7} in data["rules"] and not data["changed"]
    code, out, _ = run_cli(capsys, "rules", visited, "--set", "高=30", "--set", "category:社区矫正=30", "--json")
    assert json.loads(out)["changed"]
    _, out, _ = run_cli(capsys, "visits", visited, "--date", "2026-03-20", "--json")
    assert json.loads(out)["overdue"] == 0  # RY01 and RY03 now every 30 days
    code, _, err = run_cli(capsys, "rules", visited, "--set", "网吧=3")
    assert code == 2 and "type:网吧" in err and err.count("\n") == 1
    code, out, _ = run_cli(capsys, "rules", visited, "--reset", "--far-m", "300", "--json")
    assert json.loads(out)["far_m"] == 300 and {"field": "risk_level", "value": "高风险", "days": 7} in json.loads(
        out)["rules"]
