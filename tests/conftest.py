"""Shared test setup: Qt offscreen, and Qt set up only when a test that may use it is collected (the core and
store tests never load Qt); small real boundary files."""

import os
from pathlib import Path

import pytest

from builders import small_grids

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
# GridMap's messages follow the system locale: the tests (and the CLI processes they start) run in English;
# those about Chinese set the locale themselves.
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

QT_FREE = ("core", "store")
"""Test folders whose tests never use Qt."""


def pytest_collect_file(file_path: Path, parent):
    """Before a test module outside :data:`QT_FREE` is imported, set Qt up (see ``qt_setup``)."""
    tests = Path(__file__).parent
    if file_path.name.startswith("test_") and file_path.suffix == ".py" and file_path.is_relative_to(tests):
        folder = file_path.relative_to(tests).parts
        if len(folder) == 1 or folder[0] not in QT_FREE:
            from qt_setup import set_up

            set_up()


@pytest.fixture
def gbk_shapefile(tmp_path):
    """A shapefile whose DBF is GBK with no .cpg (as many real Chinese files are)."""
    path = tmp_path / "grids.shp"
    small_grids().to_file(path, encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    return path


@pytest.fixture
def small_project(tmp_path):
    """A real GridMap project (.gpkg) made by core from a GeoJSON."""
    from gridmap.core.project.model import ImportOptions
    from gridmap.ops import new as new_project

    source = tmp_path / "grids.geojson"
    small_grids().to_file(source, driver="GeoJSON")
    out = tmp_path / "small.gpkg"
    new_project(out, ImportOptions(path=source))
    return out


@pytest.fixture
def confirm(monkeypatch):
    """Answer every question (a QMessageBox run with ``exec``, as ``gridmap.ui.messages.ask`` does) with
    ``confirm.answer`` (Yes unless a test says otherwise), counting the questions and keeping their texts."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    class Answers:
        answer = QMessageBox.Yes
        asked = 0
        texts: list[str] = []

    def exec_(box):
        assert box.textFormat() == Qt.PlainText
        Answers.asked += 1
        Answers.texts.append(box.text())
        return Answers.answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return Answers


# A PostgreSQL server with PostGIS for the database-store tests: $GRIDMAP_TEST_PG, a URL without schema
# (.ci/run starts a throwaway cluster and sets it). Only without it are those tests skipped.
TEST_PG = os.environ.get("GRIDMAP_TEST_PG", "").strip()


@pytest.fixture
def pg_url():
    """The URL of a new, empty schema in the test database (dropped afterwards)."""
    import uuid

    import psycopg

    if not TEST_PG:
        pytest.skip("GRIDMAP_TEST_PG is not set (.ci/run sets it)")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    yield f"{TEST_PG}{'&' if '?' in TEST_PG else '?'}schema={schema}"
    with psycopg.connect(TEST_PG, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def pg_conn():
    """A connection to the test database (autocommit)."""
    import psycopg

    if not TEST_PG:
        pytest.skip("GRIDMAP_TEST_PG is not set (.ci/run sets it)")
    with psycopg.connect(TEST_PG, autocommit=True) as conn:
        yield conn
