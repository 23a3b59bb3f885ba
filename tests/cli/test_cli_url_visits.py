"""``gridmap visits|rules|patrol|brief`` on a database project: the hand-made brief month (with a GPS track) pushed
to a PostGIS schema gives the same JSON as the file; ``rules --set`` saves in the schema's metadata, not the file
(needs $GRIDMAP_TEST_PG)."""

from __future__ import annotations

import json
import shutil

import pytest
from psycopg import sql

from builders import brief_project, centre, run_cli, write_lines
from gridmap.core.records.importing import RecordImportOptions, import_records
from gridmap.store.gpkg import GpkgStore

TRACK = ["网格员,定位时间,经度,纬度"] + [f"员1,2026-03-14 08:0{i}:00,{centre(1)}" for i in range(4)] + [
    f"员2,2026-03-14 09:00:00,{centre(2)}"]


@pytest.fixture
def pushed(tmp_path, pg_url, capsys):
    """(the project file, the URL of its copy in a new schema)."""
    project = brief_project(tmp_path)
    import_records(project, RecordImportOptions(write_lines(tmp_path / "轨迹.csv", TRACK), "tracks"))
    path = tmp_path / "城市.gpkg"
    GpkgStore(path).save(project)
    code, _, err = run_cli(capsys, "push", path, pg_url)
    assert code == 0, err
    return path, pg_url


def _both(capsys, path, url, command, *args) -> dict:
    """``gridmap COMMAND PROJECT ARGS --json`` on the file and on the URL: the same JSON, returned."""
    (code, out, err), (url_code, url_out, url_err) = (run_cli(capsys, command, ref, *args, "--json")
                                                       for ref in (path, url))
    assert (code, url_code) == (0, 0), err + url_err
    assert json.loads(url_out) == json.loads(out)
    return json.loads(out)


def test_visits_rules_patrol_on_a_url(pushed, capsys, qapp):  # qapp: brief draws with Qt
    path, url = pushed
    data = _both(capsys, path, url, "visits", "--date", "2026-03-15", "--by", "street")
    assert (data["targets"], data["on_time"], data["overdue"]) == (2, 1, 1)
    assert [r["target_id"] for r in _both(capsys, path, url, "visits", "--date", "2026-03-15", "--overdue")["rows"]] \
        == ["P2"]
    assert _both(capsys, path, url, "rules")["rules"]
    data = _both(capsys, path, url, "patrol", "--date", "2026-03-14")
    assert [(r["grid_code"], r["fixes"], r["minutes"]) for r in data["rows"]] == [
        ("331002001001", 4, 3.0), ("331002001002", 1, 0.0)]
    before = path.read_bytes()
    for args in (["visits"], ["patrol", "--date", "2026-03-14"], ["brief", "--date", "2026-03-15"]):
        decoy = shutil.copy(path, path.with_suffix(".pdf" if args[0] == "brief" else ".csv"))  # a project all the same
        code, _, err = run_cli(capsys, args[0], url, *args[1:], "--out", decoy)
        assert code == 2 and err.count("\n") == 1 and "never replaces a project" in err, err
        assert decoy.read_bytes() == before


def test_brief_on_a_url(pushed, tmp_path, capsys, qapp):
    path, url = pushed
    runs = []
    for ref, name in ((path, "file"), (url, "url")):
        out = tmp_path / f"{name}.pdf"
        code, stdout, err = run_cli(capsys, "brief", ref, "--date", "2026-03-15", "--out", out, "--json")
        assert code == 0, err
        assert out.read_bytes().startswith(b"%PDF")
        data = json.loads(stdout)
        assert data.pop("out") == str(out)
        data.pop("seconds")
        runs.append(data)
    assert runs[1] == runs[0]
    assert [r["new"] for r in runs[0]["summary"]] == [3, 5]


def test_rules_set_on_a_url_saves_in_the_schema(pushed, capsys, pg_conn):
    path, url = pushed
    before = path.read_bytes()
    code, out, err = run_cli(capsys, "rules", url, "--set", "高风险=3", "--far-m", "200", "--json")
    assert code == 0 and json.loads(out)["changed"], err
    code, out, _ = run_cli(capsys, "rules", url, "--json")
    data = json.loads(out)
    assert {"field": "risk_level", "value": "高风险", "days": 3} in data["rules"] and data["far_m"] == 200
    schema = url.rpartition("schema=")[2]
    stored = pg_conn.execute(sql.SQL("SELECT value FROM {} WHERE key = 'visit_rules'").format(
        sql.Identifier(schema, "gridmap_meta"))).fetchone()[0]
    assert stored == {k: v for k, v in data.items() if k != "changed"}
    assert path.read_bytes() == before
    assert json.loads(run_cli(capsys, "rules", path, "--json")[1])["far_m"] == 500
