"""Database projects on the command line: push/pull round trip, every project command with a URL, connection
errors as one line with the password masked (needs $GRIDMAP_TEST_PG, except the error tests)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely

from builders import run_cli
from gridmap.core.records.assign import grids_fingerprint
from gridmap.ops import open_project, store_of


def _same(a, b):
    import pandas as pd
    import shapely

    assert list(a.grids["code"]) == list(b.grids["code"])
    assert shapely.equals(a.grids.geometry.values, b.grids.geometry.values).all()
    assert sorted(a.layers) == sorted(b.layers)
    for name in a.layers:
        pd.testing.assert_frame_equal(a.layers[name], b.layers[name])
    # the schema's grids are MultiPolygons: the records' assignment is said to be to those (the same grids)
    assert b.meta["assigned_to"] == grids_fingerprint(b.grids)
    skip = {"modified", "assigned_to"}
    assert {k: v for k, v in a.meta.items() if k not in skip} == {k: v for k, v in b.meta.items() if k not in skip}
    assert sorted(a.plans) == sorted(b.plans) and a.audit == b.audit


@pytest.fixture
def pushed(small_project, pg_url, tmp_path, capsys):
    csv = tmp_path / "事件.csv"
    csv.write_text("事件编号,经度,纬度,上报时间,事件类别\n" + "".join(
        f"A{i},121.3{i},28.61,2026-03-0{i} 08:00:00,盗窃\n" for i in range(1, 4)), encoding="utf-8")
    assert run_cli(capsys, "add", small_project, "--kind", "incidents", csv)[0] == 0
    assert run_cli(capsys, "plan", small_project, "save", "现行")[0] == 0
    return small_project, pg_url


def test_push_pull_round_trip(pushed, tmp_path, capsys):
    project, url = pushed
    code, out, err = run_cli(capsys, "push", project, url, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["grids"] == 12 and data["incidents"] == 3 and data["to"] == url
    code, out, err = run_cli(capsys, "push", project, url)
    assert code == 2 and err.count("\n") == 1 and "exists; use --force" in err
    assert run_cli(capsys, "push", project, url, "--force")[0] == 0
    back = tmp_path / "back.gpkg"
    code, out, err = run_cli(capsys, "pull", url, back, "--json")
    assert code == 0, err
    assert json.loads(out) == {**data, "from": url, "to": str(back)}
    stored = store_of(url).load()
    assert stored.meta["assigned_to"] == grids_fingerprint(stored.grids)  # opening re-assigns nothing
    _same(open_project(project), open_project(back))


def test_every_project_command_takes_a_url(pushed, tmp_path, capsys, qapp):  # qapp: print needs a QApplication that later widgets can share
    project, url = pushed
    assert run_cli(capsys, "push", project, url)[0] == 0
    code, out, _ = run_cli(capsys, "info", url, "--json")
    assert code == 0 and json.loads(out)["layers"] == {"grids": 12, "incidents": 3} and json.loads(out)["path"] == url
    assert run_cli(capsys, "validate", url)[0] in (0, 1)
    code, out, _ = run_cli(capsys, "stats", url, "--format", "json")
    assert code == 0 and sum(r["total"] for r in json.loads(out)) == 3
    assert run_cli(capsys, "export", url, "--layer", "incidents", "--out", tmp_path / "e.csv")[0] == 0
    code, _, err = run_cli(capsys, "export", url, "--layer", "grids", "--out", tmp_path / "g.csv", "--reveal",
                           "--reason", "核对")
    assert code == 0, err
    code, out, _ = run_cli(capsys, "audit", url, "--json")
    assert code == 0 and [r["reason"] for r in json.loads(out)["audit"]] == ["核对"]  # the reveal is in the database
    grids = open_project(url).grids
    first = grids.geometry.iloc[0]
    a, b = grids["code"].iloc[0], grids["code"][shapely.length(shapely.intersection(grids.geometry.values, first)) > 0].iloc[1]
    code, out, err = run_cli(capsys, "edit", url, "merge", "--grids", f"{a},{b}")
    assert code == 0, err
    assert len(open_project(url).grids) == 11 and open_project(url).meta["edit_log"][-1]["what"] == "merge"
    code, out, _ = run_cli(capsys, "plan", url, "list", "--json")
    assert code == 0 and [p["name"] for p in json.loads(out)["plans"]] == ["现行"]
    code, out, err = run_cli(capsys, "export-html", url, "--out", tmp_path / "m.html", "--json")
    assert code == 0 and (tmp_path / "m.html").stat().st_size > 1000, err
    for command in (["print", url, "--out", str(tmp_path / "m.png"), "--dpi", "72", "--paper", "A4"],
                    ["snapshot", url, "--out", str(tmp_path / "s.png"), "--size", "800x600"]):  # Qt: a process each
        run = subprocess.run([sys.executable, "-m", "gridmap", *command], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0 and Path(command[3]).stat().st_size > 1000, run.stderr


def test_connection_errors_are_one_line_without_the_password(capsys):
    url = "postgresql://gridmap:s3cret@127.0.0.1:1/gm?schema=city"
    for args in (("info", url), ("stats", url), ("pull", url, "x.gpkg"), ("audit", url), ("visits", url),
                 ("rules", url, "--set", "高风险=7"), ("patrol", url, "--date", "2026-03-01"),
                 ("brief", url, "--date", "2026-03-15", "--out", "x.pdf")):
        code, out, err = run_cli(capsys, *args)
        assert code == 2 and err.count("\n") == 1 and "s3cret" not in err, err
        assert "cannot connect to the database gm on 127.0.0.1 port 1" in err and "gridmap:***@" in err
    code, _, err = run_cli(capsys, "info", "postgresql://127.0.0.1/gm")
    assert code == 2 and "add ?schema=NAME" in err
    code, _, err = run_cli(capsys, "info", "postgresql://127.0.0.1/gm?schema=Bad-Name")
    assert code == 2 and "not a plain name" in err


def test_url_parsing_and_masking():
    from gridmap.store.dburl import DbUrl, mask_url

    url = DbUrl.parse("postgresql://张三:p%40ss@db.local:6543/指挥中心?schema=taizhou&sslmode=require")
    assert (url.user, url.password, url.host, url.port, url.dbname, url.schema) == \
        ("张三", "p@ss", "db.local", 6543, "指挥中心", "taizhou")
    assert "p@ss" not in url.masked() and "p%40ss" not in url.masked() and ":***@" in url.masked()
    assert ":" not in url.saved().split("@")[0].removeprefix("postgresql:")  # no password kept
    assert url.conninfo()["password"] == "p@ss" and "schema" not in url.conninfo()
    assert url.conninfo()["sslmode"] == "require"
    assert DbUrl.parse(url.url(password=True)) == url
    assert mask_url("postgresql://u:pw@h/db?schema=a") == "postgresql://u:***@h/db?schema=a"
