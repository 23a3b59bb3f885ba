"""Item 7: outputs never replace a project; saves keep permission bits and refuse read-only files; temporary and
lock files are never created through a planted symlink; a killed save's leftovers (with its journal) go."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap

import pytest

from builders import run_cli

from gridmap.core.errors import GridMapError
from gridmap.store.gpkg import GpkgStore, ProjectLock
from gridmap.ops import open_project

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits and symlinks")


@pytest.fixture
def project(small_project, tmp_path, capsys):
    """The small project with two incidents (``stats`` counts them)."""
    csv = tmp_path / "incidents.csv"
    csv.write_text("事件编号,经度,纬度\nE1,121.31,28.61\nE2,121.33,28.61\n", encoding="utf-8")
    from gridmap.cli import main

    assert main(["add", str(small_project), "--kind", "incidents", str(csv)]) == 0
    capsys.readouterr()
    return small_project


def _refused(capsys, *args, path):
    before = path.read_bytes()
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "GridMap project" in err, err
    assert path.read_bytes() == before
    open_project(path)


@pytest.mark.parametrize("command", [
    ["export", "--layer", "grids", "--out"],
    ["stats", "--out"],
    ["export-html", "--out"],
])
def test_out_is_the_project(capsys, project, command):
    _refused(capsys, command[0], project, *command[1:], project, path=project)


def test_print_out_is_the_project(capsys, small_project, tmp_path):
    """A project under a name print accepts (GDAL opens a GeoPackage whatever its suffix)."""
    project = tmp_path / "map.pdf"
    shutil.copy(small_project, project)
    _refused(capsys, "print", project, "--out", project, path=project)


def test_snapshot_out_is_the_project(capsys, small_project, tmp_path):
    project = tmp_path / "map.png"
    shutil.copy(small_project, project)
    _refused(capsys, "snapshot", project, "--out", project, path=project)


@pytest.mark.parametrize("command", [
    ["export", "--layer", "grids", "--out"],
    ["stats", "--format", "csv", "--out"],
    ["export-html", "--out"],
])
def test_out_is_another_locked_project(capsys, project, tmp_path, command):
    other = tmp_path / "other.gpkg"
    shutil.copy(project, other)
    with ProjectLock(other).acquire():
        _refused(capsys, command[0], project, *command[1:], other, path=other)


def test_out_through_a_symlink_to_the_project(capsys, project, tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(project)
    code, _, err = run_cli(capsys, "stats", project, "--out", link)
    assert code == 2 and "GridMap project" in err
    assert link.is_symlink()
    open_project(project)


@POSIX
def test_save_keeps_mode_bits(small_project):
    os.chmod(small_project, 0o600)
    store = GpkgStore(small_project)
    store.save(store.load())
    assert stat.S_IMODE(os.stat(small_project).st_mode) == 0o600


@POSIX
def test_read_only_project_refused(capsys, small_project):
    os.chmod(small_project, 0o444)
    before = small_project.read_bytes()
    inode = os.stat(small_project).st_ino
    code, out, err = run_cli(capsys, "plan", small_project, "save", "A")
    assert code == 2 and err.count("\n") == 1 and "read-only" in err, err
    assert small_project.read_bytes() == before and os.stat(small_project).st_ino == inode
    assert stat.S_IMODE(os.stat(small_project).st_mode) == 0o444


@POSIX
def test_stats_temp_name_symlink_not_followed(capsys, project, tmp_path):
    """The old temporary name ``.<stem>.<pid>.tmp.csv`` planted as a symlink to a victim file."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "stats.csv"
    (tmp_path / f".stats.{os.getpid()}.tmp.csv").symlink_to(victim)
    code, _, err = run_cli(capsys, "stats", project, "--out", out)
    assert code == 0, err
    assert victim.read_text() == "precious"
    assert out.read_text(encoding="utf-8-sig").startswith("code,")


@POSIX
def test_html_temp_name_symlink_not_followed(capsys, small_project, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "map.html"
    (tmp_path / f".map.html.{os.getpid()}.tmp").symlink_to(victim)
    code, _, err = run_cli(capsys, "export-html", small_project, "--out", out)
    assert code == 0, err
    assert victim.read_text() == "precious"


@POSIX
def test_lock_symlink_not_followed(small_project, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    lock = tmp_path / f".{small_project.name}.lock"
    lock.unlink(missing_ok=True)  # older versions removed it on release
    lock.symlink_to(victim)
    with pytest.raises(GridMapError, match="symbolic link"):
        GpkgStore(small_project).lock()
    assert victim.read_text() == "precious"


def test_killed_save_leftovers_removed(small_project, tmp_path):
    """What a killed save leaves (older versions' temp file with its SQLite journal, or a staging folder) goes
    with the next save."""
    store = GpkgStore(small_project)
    project = store.load()
    killed = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import os, sys
        from gridmap.store.gpkg import GpkgStore
        store = GpkgStore(sys.argv[1])
        project = store.load()
        import gridmap.store.gpkg as s
        s._copy_table = lambda db, name: os._exit(9)  # killed in the save's transaction
        project.grids = project.grids.assign(name="改名")
        store.save(project)
    """), str(small_project)], env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert killed.returncode == 9
    old = tmp_path / f".{small_project.stem}.4242.saving.gpkg"
    shutil.copy(small_project, old)
    journal = tmp_path / f"{old.name}-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\0" * 504)
    leftovers = {p.name for p in tmp_path.iterdir() if "saving" in p.name}
    assert len(leftovers) == 3  # the old pair and the killed save's
    store.save(project)
    assert not any("saving" in p.name for p in tmp_path.iterdir())
    assert list(open_project(small_project).grids["name"]) == list(project.grids["name"])  # rolled back
