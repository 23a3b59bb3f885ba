"""``gridmap watch``: files dropped into a folder are imported once each, moved to done/ or failed/ with a log; a
file still being written, or open in Excel, waits."""

from __future__ import annotations

import json

import pytest

from builders import QUAD_CODES, QUAD_HEADER, quad_grids, run_cli, write_lines
from gridmap.cli import main
from gridmap.ops import open_project
from gridmap.ops.watch import FolderWatch

A, B, C, D = QUAD_CODES
GOOD = [QUAD_HEADER, "W1,121.05,28.05,2026-02-01 08:00,盗窃,结案", "W2,121.15,28.05,2026-02-01 09:00,诈骗,上报",
        "W3,,28.05,2026-02-01,盗窃,结案", "W4,121.05,28.15,2026-02-02,消防隐患,派遣"]
PERSONS = ["人员编号,姓名,身份证号,经度,纬度,人员类别", "RY1,张三,331002199001011234,121.15,28.15,社区矫正"]


@pytest.fixture
def project(tmp_path):
    source = tmp_path / "grids.geojson"
    quad_grids().to_file(source, driver="GeoJSON")
    path = tmp_path / "城市.gpkg"
    assert main(["new", str(path), "--grids", str(source)]) == 0
    return path


def watch_once(capsys, project, folder, *extra):
    code, out, err = run_cli(capsys, "watch", project, "--folder", folder, "--once", "--interval", "0.05", "--json",
                             *extra)
    assert (code, err) == (0, "")
    return {f["file"]: f for f in json.loads(out)["files"]}


def test_good_bad_and_duplicate_files(project, tmp_path, capsys):
    drop = tmp_path / "drop"
    drop.mkdir()
    write_lines(drop / "事件0201.csv", GOOD, "gbk")
    write_lines(drop / "事件0201_copy.csv", GOOD, "gbk")  # the same content under another name
    write_lines(drop / "人员.csv", PERSONS)  # the kind from the name
    write_lines(drop / "事件_bad.csv", ["名称,备注", "甲,乙"])  # no coordinates
    (drop / "notes.txt").write_text("not a record file")
    files = watch_once(capsys, project, drop)

    assert set(files) == {"事件0201.csv", "事件0201_copy.csv", "人员.csv", "事件_bad.csv"}
    good = files["事件0201.csv"]
    assert (good["status"], good["kind"], good["rows"], good["imported"], good["rejected"]) == (
        "imported", "incidents", 4, 3, 1)
    assert files["人员.csv"]["status"] == "imported" and files["人员.csv"]["kind"] == "persons"
    assert files["事件0201_copy.csv"]["status"] == "duplicate"
    assert "already imported as 事件0201.csv" in files["事件0201_copy.csv"]["error"]
    assert files["事件_bad.csv"]["status"] == "failed" and "longitude" in files["事件_bad.csv"]["error"]

    assert sorted(p.name for p in drop.iterdir()) == ["done", "failed", "notes.txt"]
    assert sorted(p.name for p in (drop / "done").iterdir()) == sorted(
        ["事件0201.csv", "事件0201.csv.log", "事件0201_copy.csv", "事件0201_copy.csv.log", "人员.csv",
         "人员.csv.log"])
    assert sorted(p.name for p in (drop / "failed").iterdir()) == ["事件_bad.csv", "事件_bad.csv.log"]
    log = (drop / "done" / "事件0201.csv.log").read_text("utf-8-sig")
    assert "3 imported (3 new, 0 updated), 1 rejected" in log and "row 4: no coordinates" in log
    assert "no longitude/latitude columns" in (drop / "failed" / "事件_bad.csv.log").read_text("utf-8-sig")
    assert "not imported: already imported" in (drop / "done" / "事件0201_copy.csv.log").read_text("utf-8-sig")

    loaded = open_project(project)
    layer = loaded.layers["incidents"]
    assert dict(zip(layer["id"], layer["grid_code"])) == {"W1": A, "W2": B, "W4": C}
    assert loaded.layers["persons"]["id"].tolist() == ["RY1"]
    assert len(loaded.meta["imported_files"]) == 2

    # dropped again after a restart (a new watch process), under yet another name: not imported twice
    write_lines(drop / "again.csv", GOOD, "gbk")
    files = watch_once(capsys, project, drop)
    assert files["again.csv"]["status"] == "duplicate"
    assert (drop / "done" / "again.csv").exists()
    assert len(open_project(project).layers["incidents"]) == 3


def test_same_name_dropped_twice_keeps_both(project, tmp_path, capsys):
    drop = tmp_path / "drop"
    drop.mkdir()
    write_lines(drop / "feed.csv", GOOD)
    assert watch_once(capsys, project, drop, "--kind", "incidents")["feed.csv"]["status"] == "imported"
    write_lines(drop / "feed.csv", [QUAD_HEADER, "W9,121.15,28.15,2026-02-03,盗窃,结案"])
    assert watch_once(capsys, project, drop, "--kind", "incidents")["feed.csv"]["status"] == "imported"
    assert sorted(p.name for p in (drop / "done").iterdir()) == [
        "feed (2).csv", "feed (2).csv.log", "feed.csv", "feed.csv.log"]
    assert sorted(open_project(project).layers["incidents"]["id"]) == ["W1", "W2", "W4", "W9"]


def test_file_being_written_or_open_waits(project, tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    feed = drop / "feed.csv"
    write_lines(feed, GOOD[:2])
    watch = FolderWatch(project, drop)
    assert watch.ready() == []  # first seen
    with open(feed, "ab") as out:
        out.write((GOOD[2] + "\r\n").encode())
    assert watch.ready() == []  # grew since the last look
    assert watch.ready() == [feed]
    (drop / "~$feed.csv").write_bytes(b"owner")  # Excel has it open
    assert watch.ready() == []
    (drop / "~$feed.csv").unlink()
    watch.ready()
    assert [o.status for o in watch.poll()] == ["imported"]
    assert watch.ready() == []


def test_text_output_and_errors(project, tmp_path, capsys):
    drop = tmp_path / "drop"
    drop.mkdir()
    write_lines(drop / "incidents.csv", GOOD)
    code, out, err = run_cli(capsys, "watch", project, "--folder", drop, "--once", "--interval", "0.05")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "incidents.csv: incidents: 4 rows read, 3 imported (3 new, 0 updated), 1 rejected, 0 outside every grid"]
    code, out, err = run_cli(capsys, "watch", project, "--folder", tmp_path / "missing", "--once")
    assert code == 2 and out == "" and err.count("\n") == 1 and "not a folder" in err
