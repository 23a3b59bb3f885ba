"""Desks on one PostGIS project: File → Open Database Project… (nothing but the password remembered), and a window
that sees another process's import (LISTEN/NOTIFY) and says so, without echoing its own commits."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from builders import QUAD_CODES, QUAD_HEADER, quad_grids, reopen, write_lines
from gridmap.core.project.model import ImportOptions, import_grids
from gridmap.core.records.importing import RecordImportOptions
from gridmap.ops import add
from gridmap.store.dburl import DbUrl
from gridmap.store.postgis import PostgisStore

SERVER = os.environ.get("GRIDMAP_TEST_PG")
pytestmark = pytest.mark.skipif(not SERVER, reason="GRIDMAP_TEST_PG is not set (.ci/run sets it)")
A, B, C, D = QUAD_CODES


@pytest.fixture
def db_project(tmp_path):
    """A fresh schema holding the four-square project; its URL (no password). Dropped afterwards."""
    import psycopg

    source = tmp_path / "grids.geojson"
    quad_grids().to_file(source, driver="GeoJSON")
    schema = f"desks_{uuid.uuid4().hex[:10]}"
    url = DbUrl.parse(f"{SERVER}?schema={schema}")
    PostgisStore(url).create(import_grids(ImportOptions(path=source))[0])
    yield url
    with psycopg.connect(**url.conninfo(), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def test_open_database_project_dialog(qtbot, db_project):
    from gridmap.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_database_dialog()
    dialog.host.setText(db_project.host)
    dialog.port.setValue(db_project.port)
    dialog.database.setText(db_project.dbname)
    dialog.user.setText(db_project.user or "")
    dialog.password.setText("s3cret-pw")  # the test server trusts local users: any password connects
    dialog.schema.setText(db_project.schema)
    with qtbot.waitSignal(window.map.painted, timeout=30000):
        dialog.accept()
    assert len(window.project.grids) == 4
    title = f"{db_project.schema}@{db_project.host}/{db_project.dbname}"
    assert window.windowTitle() == f"{title}[*]"
    assert window.recent_files()[0] == DbUrl.parse(db_project.url()).saved()
    assert "s3cret-pw" not in window.path_label.text()
    settings = QSettings()
    settings.sync()
    assert "s3cret-pw" not in Path(settings.fileName()).read_text("utf-8")
    assert settings.value("databaseProject/schema") == db_project.schema
    window.recent_menu.aboutToShow.emit()
    assert window.recent_menu.actions()[0].text() == title

    again = window.open_database_dialog()  # remembered, except the password
    assert (again.host.text(), again.port.value(), again.schema.text(), again.password.text()) == (
        db_project.host, db_project.port, db_project.schema, "")
    again.schema.setText("Not A Name")
    again.accept()  # refused with a message, the dialog stays
    assert again.isVisible()
    again.reject()


IMPORT = textwrap.dedent("""
    import sys
    from gridmap.core.records.importing import RecordImportOptions
    from gridmap.ops import add
    from gridmap.store.postgis import PostgisStore
    add(PostgisStore(sys.argv[1]), RecordImportOptions(sys.argv[2], "incidents"))
""")


def import_elsewhere(url: DbUrl, csv: Path, desk: str):
    """``csv`` imported into the project by another GridMap process at the desk ``desk``."""
    env = {**os.environ, "GRIDMAP_DESK": desk, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run([sys.executable, "-c", IMPORT, url.url(password=True), str(csv)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_another_desks_import_is_shown(qtbot, db_project, tmp_path):
    window = reopen(qtbot, db_project)
    heard = []
    window.desks.refreshed.connect(heard.extend)
    # this process's own commit: shown by whoever made it, never echoed back
    own = write_lines(tmp_path / "own.csv", [QUAD_HEADER, "O1,121.05,28.05,2026-04-01 08:00,盗窃,结案"])
    add(PostgisStore(db_project), RecordImportOptions(own, "incidents"))

    rows = [QUAD_HEADER] + [f"N{i},121.{i % 2}5,28.{i // 2 % 2}5,2026-04-02 09:00,诈骗,上报" for i in range(40)]
    import_elsewhere(db_project, write_lines(tmp_path / "more.csv", rows), "指挥中心-2")
    qtbot.waitUntil(lambda: "40 new incidents from 指挥中心-2" in window.statusBar().currentMessage(),
                    timeout=10000)
    layer = window.project.layers["incidents"]
    assert len(layer) == 41 and set(layer["grid_code"]) == {A, B, C, D}
    assert window.tables.tables["incidents"].model.rowCount() == 41
    qtbot.waitUntil(lambda: window.stats.frame is not None and window.stats.frame["total"].sum() == 41,
                    timeout=10000)  # the statistics counted again
    assert [n["desk"] for n in heard] == ["指挥中心-2"] and all(n["pid"] != os.getpid() for n in heard)
    assert not window.is_modified()
    window.save()  # the window's next save writes its own changes only: the other desk's records stay once
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=20000)
    assert PostgisStore(db_project).count_layer("incidents") == 41
    window.close()


def test_another_desks_import_into_a_served_layer_is_counted_not_read(qtbot, db_project, tmp_path, monkeypatch):
    from gridmap.core.project import lazy

    monkeypatch.setattr(lazy, "SERVED_ABOVE", 2)  # as if these incidents were years of a city's
    first = [QUAD_HEADER] + [f"S{i},121.{i % 2}5,28.05,2026-04-01 08:00,盗窃,结案" for i in range(5)]
    add(PostgisStore(db_project), RecordImportOptions(write_lines(tmp_path / "first.csv", first), "incidents"))
    window = reopen(qtbot, db_project)
    layers = window.project.layers
    assert layers.serves_points("incidents") and window.filter_bar.categories.values() == ["盗窃"]
    qtbot.waitUntil(lambda: window.stats.frame is not None and window.stats.frame["total"].sum() == 5, timeout=10000)

    rows = [QUAD_HEADER] + [f"N{i},121.{i % 2}5,28.{i // 2 % 2}5,2026-04-02 09:00,诈骗,上报" for i in range(40)]
    import_elsewhere(db_project, write_lines(tmp_path / "more.csv", rows), "指挥中心-2")
    qtbot.waitUntil(lambda: "40 new incidents from 指挥中心-2" in window.statusBar().currentMessage(),
                    timeout=10000)
    qtbot.waitUntil(lambda: window.stats.frame["total"].sum() == 45, timeout=10000)  # counted again by the store
    assert window.filter_bar.categories.values() == ["诈骗", "盗窃"]  # the new category offered
    assert layers.serves_points("incidents") and layers.count("incidents") == 45
    assert not layers.is_read("incidents")  # 45 records or 32 million: never read whole for a refresh
    window.close()
