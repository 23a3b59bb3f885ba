"""Shared test setup: Qt offscreen, isolated QSettings, small real boundary files."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from gridmap.ui.map_scheme import register_scheme  # noqa: E402  (before pytest-qt creates the QApplication)

register_scheme()

import geopandas as gpd  # noqa: E402
import pytest  # noqa: E402
from shapely.geometry import box  # noqa: E402

DISTRICTS = [("331002", "椒江区", "海门街道"), ("331003", "黄岩区", "东城街道"), ("331004", "路桥区", "路南街道")]


@pytest.fixture(autouse=True, scope="session")
def _isolated_qsettings(tmp_path_factory):
    """Keep QSettings (recent files, window geometry) out of the user's real settings."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("GridMapTests")
    QCoreApplication.setApplicationName("GridMapTests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path_factory.mktemp("settings")))


def small_grids() -> gpd.GeoDataFrame:
    """12 rectangular grids near Taizhou with Chinese attribute names and values, in CGCS2000."""
    rows = []
    for i in range(12):
        county, district, street = DISTRICTS[i % 3]
        x, y = 121.30 + (i % 4) * 0.02, 28.60 + (i // 4) * 0.02
        rows.append({"网格编码": f"{county}001{i + 1:03d}", "网格名称": f"{street}第{i + 1}网格", "区县": district,
                     "街道": street, "社区": f"和平社区{i % 2 + 1}", "户数": 300 + i, "geometry": box(x, y, x + 0.02, y + 0.02)})
    return gpd.GeoDataFrame(rows, crs="EPSG:4490")


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
