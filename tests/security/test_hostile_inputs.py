"""Item 10: hostile input files end cleanly: exit status 2, one line on stderr (no traceback), nothing written,
memory bounded."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import zipfile

import openpyxl
import pytest

from builders import small_grids
from builders import run_cli


def refused(capsys, *args, says: str = "") -> str:
    code, out, err = run_cli(capsys, *args)
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert says in err, err
    return err


def files(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def project(small_project, tmp_path, capsys):
    """The small project with two incidents."""
    csv = tmp_path / "incidents.csv"
    csv.write_text("事件编号,经度,纬度\nE1,121.31,28.61\nE2,121.33,28.61\n", encoding="utf-8")
    assert run_cli(capsys, "add", small_project, "--kind", "incidents", csv)[0] == 0
    return small_project


def test_zip_bomb_refused_before_unpacking(capsys, tmp_path, monkeypatch):
    """A zip holding a good GeoJSON and 200 MB of zeros (200 KB packed): refused, nothing unpacked."""
    source = tmp_path / "grids.geojson"
    small_grids().to_file(source, driver="GeoJSON")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(source, "grids.geojson")
        with z.open("padding.bin", "w", force_zip64=True) as f:
            block = bytes(1 << 20)
            for _ in range(200):
                f.write(block)
    assert bomb.stat().st_size < 1 << 20
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)
    refused(capsys, "new", tmp_path / "p.gpkg", "--grids", bomb, says="unpack to 200")
    assert not (tmp_path / "p.gpkg").exists()
    assert sum(f.stat().st_size for f in temp.rglob("*") if f.is_file()) == 0


def _view_bomb(path):
    small_grids().to_file(path, driver="GPKG", layer="grids")
    with sqlite3.connect(path) as db:
        db.execute("CREATE VIEW bomb AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                   "SELECT i AS fid, geom, 网格编码, 网格名称 FROM n, grids WHERE grids.fid = 1")
        db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                   "VALUES ('bomb', 'features', 'bomb', 4490)")
        db.execute("INSERT INTO gpkg_geometry_columns VALUES ('bomb', 'geom', 'POLYGON', 4490, 0, 0)")


def test_endless_geopackage_view_times_out(tmp_path):
    gpkg = tmp_path / "view.gpkg"
    _view_bomb(gpkg)
    script = textwrap.dedent("""
        import sys
        import gridmap.core.io.reader as reader
        reader.VIEW_SECONDS = 1.0
        from gridmap.cli import main
        sys.exit(main(sys.argv[1:]))
    """)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for args in (["inspect", gpkg, "--layer", "bomb"], ["new", tmp_path / "p.gpkg", "--grids", gpkg, "--layer", "bomb"]):
        run = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                             timeout=60, env=env)
        assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
        assert "did not finish within 1 s" in run.stderr
    assert not (tmp_path / "p.gpkg").exists()


@pytest.mark.parametrize("value", [float("inf"), 1e30])
def test_households_not_a_count(capsys, tmp_path, value):
    frame = small_grids()
    frame["户数"] = frame["户数"].astype(float)
    frame.loc[3, "户数"] = value
    source = tmp_path / "grids.gpkg"
    frame.to_file(source, driver="GPKG")
    refused(capsys, "new", tmp_path / "p.gpkg", "--grids", source, says="row 4: the households field 户数")
    assert not (tmp_path / "p.gpkg").exists()


@pytest.mark.parametrize("encoding", ["rot13", "hex"])
def test_not_a_text_encoding(capsys, project, tmp_path, gbk_shapefile, encoding):
    csv = tmp_path / "more.csv"
    csv.write_text("事件编号,经度,纬度\nE3,121.31,28.61\n", encoding="utf-8")
    before = project.read_bytes()
    refused(capsys, "add", project, "--kind", "incidents", csv, "--encoding", encoding, says="unknown encoding")
    assert project.read_bytes() == before
    refused(capsys, "new", tmp_path / "q.gpkg", "--grids", gbk_shapefile, "--encoding", encoding,
            says="unknown encoding")
    assert not (tmp_path / "q.gpkg").exists()


def test_control_character_in_xlsx_export(capsys, tmp_path):
    frame = small_grids()
    frame.loc[0, "网格名称"] = "海门\x01第1网格"
    source = tmp_path / "grids.geojson"
    frame.to_file(source, driver="GeoJSON")
    project = tmp_path / "p.gpkg"
    assert run_cli(capsys, "new", project, "--grids", source)[0] == 0
    csv = tmp_path / "incidents.csv"
    csv.write_text("事件编号,经度,纬度\nE1,121.31,28.61\n", encoding="utf-8")
    assert run_cli(capsys, "add", project, "--kind", "incidents", csv)[0] == 0
    out = tmp_path / "out"
    out.mkdir()
    refused(capsys, "stats", project, "--out", out / "stats.xlsx", says="column name: a control character")
    assert files(out) == set()


def _xlsx_bytes(tmp_path) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["事件编号", "经度", "纬度"])
    book.active.append(["E9", 121.31, 28.61])
    path = tmp_path / "good.xlsx"
    book.save(path)
    return path.read_bytes()


def _with_sheet(data: bytes, sheet: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, sheet if item.filename == "xl/worksheets/sheet1.xml" else src.read(item))
    return out.getvalue()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'


@pytest.mark.parametrize("kind", ["random", "truncated", "broken-sheet", "billion-laughs", "bad-number", "bad-date",
                                  "bad-cell-ref"])
def test_malformed_xlsx(capsys, project, tmp_path, kind):
    """Billion laughs: Python's expat (2.4+) stops the entity expansion; the cells that fail only while the rows
    are read (a number, date or cell reference that is not one) printed a traceback."""
    good = _xlsx_bytes(tmp_path)
    data = {"random": os.urandom(4096), "truncated": good[: len(good) // 2],
            "broken-sheet": _with_sheet(good, b"<worksheet><sheetData><row r='1'><c r='A1' t='str'><v>x"),
            "billion-laughs": _with_sheet(good, LAUGHS),
            "bad-number": _with_sheet(good, SHEET + b'<c r="A1" t="n"><v>abc</v></c></row></sheetData></worksheet>'),
            "bad-date": _with_sheet(good, SHEET + b'<c r="A1" t="d"><v>x</v></c></row></sheetData></worksheet>'),
            "bad-cell-ref": _with_sheet(good, SHEET + b'<c r="??1"><v>1</v></c></row></sheetData></worksheet>'),
            }[kind]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(data)
    before = project.read_bytes()
    refused(capsys, "add", project, "--kind", "incidents", bad, says="bad.xlsx")
    assert project.read_bytes() == before


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 256 KB tmpfs filled up (skips where mounting is not allowed)."""
    folder = tmp_path / "full"
    folder.mkdir()
    if os.name == "nt" or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, bytes(4096)):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        keep = files(folder)
        yield folder, keep
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg"])
def test_disk_full_while_exporting(capsys, small_project, full_disk, suffix):
    folder, before = full_disk
    refused(capsys, "export", small_project, "--layer", "grids", "--out", folder / f"grids{suffix}",
            says="cannot write the file")
    assert files(folder) == before


@pytest.mark.parametrize("damage", ["meta-json", "missing-column"])
def test_damaged_project(capsys, small_project, damage):
    with sqlite3.connect(small_project) as db:
        if damage == "meta-json":
            db.execute("UPDATE gridmap_meta SET value = '{\"broken' WHERE key = 'sources'")
        else:
            db.execute("ALTER TABLE grids DROP COLUMN households")
    refused(capsys, "info", small_project, says="damaged project")


def test_nul_byte_in_csv_reported(capsys, project, tmp_path):
    csv = tmp_path / "nul.csv"
    csv.write_bytes("事件编号,经度,纬度\nE3,121.31,28.61\nE4,121.3\x001,28.61\n".encode())
    before = project.read_bytes()
    refused(capsys, "add", project, "--kind", "incidents", csv, says="line 3, column 经度: a NUL character")
    assert project.read_bytes() == before


LONG_LINE = textwrap.dedent("""
    import resource, sys
    from gridmap.core.errors import GridMapError
    from gridmap.core.io.tables import read_table
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        read_table(sys.argv[1])
        print("read")
    except GridMapError as err:
        print(err)
    print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
""")


@pytest.mark.skipif(os.name == "nt", reason="resource.getrusage")
def test_csv_with_one_huge_line_refused_in_bounded_memory(capsys, project, tmp_path):
    """A 300 MB line: refused with a plain message, memory growing by well under the file's size."""
    csv = tmp_path / "line.csv"
    with open(csv, "wb") as f:
        f.write("事件编号,经度,纬度\nE3,121.31,28.61\n".encode())
        block = b"x" * (1 << 20)
        for _ in range(300):
            f.write(block)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run([sys.executable, "-c", LONG_LINE, str(csv)], capture_output=True, text=True, timeout=120,
                         env=env)
    message, grown_mb = run.stdout.strip().splitlines()
    assert "line 3 is longer than 16 MB" in message, run.stdout + run.stderr
    assert int(grown_mb) < 100
    before = project.read_bytes()
    refused(capsys, "add", project, "--kind", "incidents", csv, says="line 3 is longer than")
    assert project.read_bytes() == before
