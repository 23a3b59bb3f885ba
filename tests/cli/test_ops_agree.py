"""The CLI and :mod:`gridmap.ops` agree: each case runs ``gridmap ... --json`` on one copy of a small project and
the ops call on another, and the CLI's JSON must equal ``result.to_json()`` (paths of the two folders and
times aside), and the two project files must end up the same. Also: ``cli.py`` holds no transaction of its own."""

from __future__ import annotations

import ast
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

import gridmap.cli
from gridmap import ops
from gridmap.core.project.model import ImportOptions
from gridmap.core.records.importing import RecordImportOptions
from builders import QUAD_CODES, QUAD_HEADER, quad_grids, run_cli, write_lines

A, B, C, D = QUAD_CODES
VOLATILE = {"modified", "created", "at", "imported_at"}
INCIDENTS = [QUAD_HEADER, "SJ01,121.05,28.05,2026-01-05 08:30,盗窃,结案",
             "SJ02,121.15,28.05,2026-02-01,诈骗,上报", "SJ03,121.05,28.15,2026-03-01,盗窃,结案",
             "SJ04,121.5,28.5,2026-03-02,矛盾纠纷,受理"]
MORE = [QUAD_HEADER, "SJ05,121.15,28.15,2026-03-05,盗窃,结案", "SJ01,121.15,28.05,2026-01-05,盗窃,结案"]
PERSONS = ["编号,姓名,身份证号,联系电话,经度,纬度",
           "P1,张三,330102199001011234,13812345678,121.05,28.05"]

# (name, CLI arguments after the project, the ops call on (folder, project)); {dir} is the case's folder
CASES = [
    ("new", ["new", "{dir}/new.gpkg", "--grids", "{dir}/grids.geojson", "--json"],
     lambda d, p: ops.new(d / "new.gpkg", ImportOptions(d / "grids.geojson"))),
    ("info", ["info", "{project}", "--json"], lambda d, p: ops.info(p)),
    ("validate", ["validate", "{project}", "--json"], lambda d, p: ops.validate(p)),
    ("add", ["add", "{project}", "--kind", "incidents", "{dir}/more.csv", "--json"],
     lambda d, p: ops.add(p, RecordImportOptions(d / "more.csv", "incidents"))),
    ("stats", ["stats", "{project}", "--format", "json"], lambda d, p: ops.stats(p)),
    ("stats_period", ["stats", "{project}", "--by", "street", "--from", "2026-01-10", "--to", "2026-03-01",
                      "--format", "json"],
     lambda d, p: ops.stats(p, "incidents", "street", date(2026, 1, 10), date(2026, 3, 1))),
    ("export", ["export", "{project}", "--layer", "persons", "--out", "{dir}/persons.csv", "--json"],
     lambda d, p: ops.export(p, "persons", d / "persons.csv")),
    ("export_reveal", ["export", "{project}", "--layer", "persons", "--out", "{dir}/persons.csv", "--reveal",
                       "--reason", "核对", "--json"],
     lambda d, p: ops.export(p, "persons", d / "persons.csv", reveal_reason="核对")),
    ("audit", ["audit", "{project}", "--json"], lambda d, p: ops.audit(p)),
    ("edit_dry", ["edit", "{project}", "merge", "--grids", f"{A},{B}", "--dry-run", "--json"],
     lambda d, p: ops.edit(p, ops.EditOptions("merge", grids=[A, B], dry_run=True))),
    ("edit_merge", ["edit", "{project}", "merge", "--grids", f"{C},{D}", "--json"],
     lambda d, p: ops.edit(p, ops.EditOptions("merge", grids=[C, D]))),
    ("edit_delete", ["edit", "{project}", "delete", "--grid", B, "--json"],
     lambda d, p: ops.edit(p, ops.EditOptions("delete", grid=B))),
    ("plan_save", ["plan", "{project}", "save", "第一版", "--json"],
     lambda d, p: ops.plan(p, ops.PlanOptions("save", name="第一版"))),
    ("plan_list", ["plan", "{project}", "list", "--json"], lambda d, p: ops.plan(p, ops.PlanOptions("list"))),
    ("plan_export_assignment", ["plan", "{project}", "export-assignment", "{dir}/a.csv", "--json"],
     lambda d, p: ops.plan(p, ops.PlanOptions("export-assignment", out=d / "a.csv"))),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A folder with a four-grid project holding incidents and persons, its boundary file and more incidents."""
    folder = tmp_path_factory.mktemp("base")
    quad_grids().to_file(folder / "grids.geojson", driver="GeoJSON")
    project = folder / "城市.gpkg"
    ops.new(project, ImportOptions(folder / "grids.geojson"))
    write_lines(folder / "incidents.csv", INCIDENTS)
    write_lines(folder / "persons.csv", PERSONS)
    ops.add(project, RecordImportOptions(folder / "incidents.csv", "incidents"))
    ops.add(project, RecordImportOptions(folder / "persons.csv", "persons"))
    write_lines(folder / "more.csv", MORE)
    return folder


def _copy(base: Path, folder: Path) -> Path:
    for name in ("城市.gpkg", "grids.geojson", "more.csv"):
        shutil.copyfile(base / name, folder / name)
    return folder / "城市.gpkg"


def _normalised(value, folder: Path):
    if isinstance(value, dict):
        return {k: "<volatile>" if k in VOLATILE else _normalised(v, folder) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalised(v, folder) for v in value]
    if isinstance(value, str):
        return value.replace(str(folder), "<dir>")
    return value


@pytest.mark.parametrize("name, args, call", CASES, ids=[c[0] for c in CASES])
def test_cli_and_ops_agree(name, args, call, base, tmp_path, capsys):
    by_cli, by_ops = tmp_path / "cli", tmp_path / "ops"
    by_cli.mkdir(), by_ops.mkdir()
    project = _copy(base, by_cli)
    code, out, err = run_cli(capsys, *[a.format(dir=by_cli, project=project) for a in args])
    assert code in (0, 1), err  # validate exits 1 when it finds errors
    from_cli = _normalised(json.loads(out), by_cli)

    result = call(by_ops, _copy(base, by_ops))
    from_ops = _normalised(json.loads(json.dumps(result.to_json(), ensure_ascii=False, default=str)), by_ops)
    assert from_cli == from_ops
    assert from_cli  # a case that compares nothing proves nothing
    after_cli = _normalised(ops.open_project(by_cli / "城市.gpkg").summary(), by_cli)
    assert after_cli == _normalised(ops.open_project(by_ops / "城市.gpkg").summary(), by_ops)
    assert len(ops.audit(by_cli / "城市.gpkg").rows) == len(ops.audit(by_ops / "城市.gpkg").rows)


def test_cli_holds_no_transaction():
    """``cli.py`` parses, calls :mod:`gridmap.ops` and prints: it imports no store and locks, loads or saves
    nothing itself."""
    tree = ast.parse(Path(gridmap.cli.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {m for m in imported if m and m.startswith("gridmap.store")}
    called = {node.func.attr for node in ast.walk(tree)
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    assert not called & {"lock", "load", "save", "release"}
