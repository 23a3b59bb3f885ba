"""Issue 14, item 4: the printed legend shows what the map draws. A county file with no street or community
field, coloured by its district field, printed nine classes labelled "—" and listed street boundaries the
project does not have; the legend names each class and lists only the boundaries drawn."""

import shutil
import subprocess
from pathlib import Path

import pytest

from gridmap.core.io.fields import FieldMapping
from gridmap.core.printing.layout import PrintSpec
from gridmap.core.printing.model import compose
from gridmap.core.project.model import ImportOptions
from gridmap.ops import new, open_project
from gridmap.print.output import write_print

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

COUNTIES = Path(__file__).resolve().parents[2] / "maps" / "taizhou" / "counties.geojson"
NAMES = ["椒江区", "黄岩区", "路桥区", "三门县", "天台县", "仙居县", "温岭市", "临海市", "玉环市"]


def county_project(tmp_path, district: str | None):
    out = tmp_path / "counties.gpkg"
    new(out, ImportOptions(COUNTIES, mapping=FieldMapping(code="code", name="name", district=district)))
    return open_project(out)


def legend_text(project, tmp_path, lang: str) -> str:
    out = tmp_path / f"{lang}.pdf"
    write_print(project, PrintSpec(lang=lang, labels="none"), out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text


def test_counties_coloured_by_district_are_named_in_the_legend(qapp, tmp_path):
    project = county_project(tmp_path, district="name")
    model = compose(project, PrintSpec(labels="none"))
    fills = [item.label for item in model.legend if item.kind == "fill"]
    assert fills == NAMES
    assert [item.label for item in model.legend if item.kind == "line"] == ["区县界"]
    assert len(model.lines) == 1  # no street boundaries drawn over the county ones

    text = legend_text(project, tmp_path, "zh")
    assert "—" not in text and "街道（乡镇）界" not in text and "社区（村）界" not in text
    assert "区县界" in text and all(name in text for name in NAMES)
    english = legend_text(project, tmp_path, "en")
    assert "District boundary" in english and "Street / town boundary" not in english


def test_grids_without_any_unit_show_no_boundary_symbols(qapp, tmp_path):
    project = county_project(tmp_path, district=None)
    model = compose(project, PrintSpec(labels="none", lang="en"))
    assert model.lines == []
    assert [(item.kind, item.label) for item in model.legend] == [("fill", "Grid"), ("text", "9 grids")]
    text = legend_text(project, tmp_path, "zh")
    assert "—" not in text and "网格 9 个" in text
    assert not any(line in text for line in ("区县界", "街道（乡镇）界", "社区（村）界"))
