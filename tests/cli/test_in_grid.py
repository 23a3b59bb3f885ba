"""One function decides "in which grid": validate's records outside every grid are the records ``add`` leaves
unassigned, even 1.2e-7° from a long slanted edge, where a straight edge in lon/lat and the same edge in metres
part (issue 14, item 2)."""

import json
import re

import geopandas as gpd
import numpy as np
import shapely

from builders import run_cli

from gridmap import ops
from gridmap.core.project.model import ImportOptions
from gridmap.core.records.importing import RecordImportOptions

# A township-sized grid whose east edge runs 20 km slanted; points 1.2e-7° (about 1 cm) either side of its middle.
TOWNSHIP = shapely.Polygon([(121.30, 28.50), (121.45, 28.52), (121.50, 28.70), (121.32, 28.68)])
A, B = np.array([121.45, 28.52]), np.array([121.50, 28.70])
NORMAL = np.array([(B - A)[1], -(B - A)[0]]) / np.hypot(*(B - A))  # pointing out of the grid
OUTSIDE, INSIDE = (A + B) / 2 + 1.2e-7 * NORMAL, (A + B) / 2 - 1.2e-7 * NORMAL


def test_validate_counts_what_add_leaves_unassigned(tmp_path, capsys):
    source = tmp_path / "township.geojson"
    gpd.GeoDataFrame({"code": ["331002001"], "name": ["海门街道"]}, geometry=[TOWNSHIP], crs=4490).to_file(source)
    project = tmp_path / "p.gpkg"
    ops.new(project, ImportOptions(source))
    csv = tmp_path / "incidents.csv"
    csv.write_text("编号,经度,纬度\n" + "".join(f"SJ{i},{float(x)!r},{float(y)!r}\n" for i, (x, y) in enumerate(
        [OUTSIDE, INSIDE, (121.40, 28.60)])), encoding="utf-8")
    added = ops.add(project, RecordImportOptions(csv, "incidents"))
    assert added.unassigned == 1
    code, out, _ = run_cli(capsys, "validate", project, "--json")
    outside = [f for f in json.loads(out)["warnings"] if f["kind"] == "outside_grids"]
    assert len(outside) == 1 and re.match(r"(\d+) ", outside[0]["message"])[1] == str(added.unassigned)
    assert outside[0]["location"] == [round(float(v), 7) for v in OUTSIDE]
