"""The map's JSON payloads, colours, page and standalone HTML export, without Qt."""

import json
import re

import numpy as np
import pytest
import shapely

from gridmap.core.errors import GridMapError
from gridmap.core.sample.city import build_grids
from gridmap.map.basemaps import PRESETS
from gridmap.map.export import export_html
from gridmap.core.style.palettes import PALETTE, grid_colours
from gridmap.map.layers import display_bounds, grid_payload
from gridmap.map.page import app_page, standalone_page
from builders import CODES, NAMES, grid_frame

URL_ATTR = re.compile(r'<(?:script|link|img)\b[^>]*(?:src|href)="([^"]+)"')


@pytest.fixture(scope="module")
def city():
    return build_grids()


def four_grids():
    frame = grid_frame().rename(columns={"WGBM": "code", "WGMC": "name", "QXMC": "district", "JDMC": "street",
                                         "SQMC": "community"})
    return frame


def decode(shapes) -> list:
    """The page's decoding, in Python: shapely MultiPolygons from the quantised, delta-encoded payload."""
    xy = np.cumsum(np.array(shapes["xy"], dtype=np.int64).reshape(-1, 2), axis=0) / 1e6
    rings, parts, geoms = shapes["rings"], shapes["parts"], shapes["geoms"]
    out = []
    for g in range(len(geoms) - 1):
        polygons = []
        for p in range(geoms[g], geoms[g + 1]):
            ring_xy = [xy[rings[r]:rings[r + 1]] for r in range(parts[p], parts[p + 1])]
            polygons.append(shapely.Polygon(ring_xy[0], ring_xy[1:]))
        out.append(shapely.MultiPolygon(polygons))
    return out


def test_payload_carries_geometry_in_row_order_and_labels():
    grids = four_grids()
    data = json.loads(grid_payload(grids))
    shapes = decode(data["shapes"])
    assert len(shapes) == 4
    for decoded, original in zip(shapes, grids.geometry):
        assert decoded.equals_exact(shapely.MultiPolygon([original]), tolerance=1e-6)
    assert data["code"] == CODES and data["name"] == NAMES
    for (x, y), geom in zip(np.reshape(data["label"], (-1, 2)), grids.geometry):
        assert geom.contains(shapely.Point(x, y))
    assert data["span"][:2] == pytest.approx([0.01, 0.01], abs=1e-6)


def test_payload_is_quantised_to_a_tenth_of_a_metre_and_keeps_holes_and_parts(city):
    data = json.loads(grid_payload(city))
    assert all(isinstance(v, int) for v in data["shapes"]["xy"][:1000])
    shapes = decode(data["shapes"])
    assert len(shapes) == len(city) == 6917
    original = city.geometry.values
    assert np.all(shapely.hausdorff_distance(shapes, original) <= 1e-6)
    assert [s.area for s in shapes[:50]] == pytest.approx(shapely.area(original[:50]), rel=1e-3)
    multi = np.flatnonzero(shapely.get_num_geometries(original) > 1)
    assert len(multi) > 0 and all(len(shapes[i].geoms) == shapely.get_num_geometries(original[i]) for i in multi)
    holed = shapely.Polygon([(121, 28), (121.1, 28), (121.1, 28.1), (121, 28.1)],
                            [[(121.02, 28.02), (121.05, 28.02), (121.05, 28.05)]])
    frame = four_grids().iloc[:1].copy()
    frame.loc[frame.index[0], "geometry"] = holed
    one = decode(json.loads(grid_payload(frame))["shapes"])[0]
    assert len(one.geoms[0].interiors) == 1 and one.area == pytest.approx(holed.area)


def test_gcj02_display_shifts_about_500_metres(city):
    plain = json.loads(grid_payload(city.iloc[:5]))
    shifted = json.loads(grid_payload(city.iloc[:5], "gcj02"))
    dx = np.reshape(shifted["label"], (-1, 2)) - np.reshape(plain["label"], (-1, 2))
    # GCJ-02 moves Taizhou about 0.004-0.006° east and a little north or south (about 500 m)
    assert np.all((dx[:, 0] > 0.003) & (dx[:, 0] < 0.007)) and np.all(np.abs(dx[:, 1]) < 0.005)


def test_district_colours_follow_code_order_with_a_legend(city):
    colours = grid_colours(city, "district")
    assert [name for name, _ in colours["legend"]] == ["椒江区", "黄岩区", "路桥区", "三门县", "天台县", "仙居县",
                                                       "温岭市", "临海市", "玉环市"]
    assert len({c for _, c in colours["legend"]}) == 9
    assert colours["palette"][colours["index"][0]] == PALETTE[0]


def test_neighbouring_streets_never_share_a_colour(city):
    colours = np.array(grid_colours(city, "street")["index"])
    key = (city["district"] + "/" + city["street"]).to_numpy()
    tree = shapely.STRtree(city.geometry.values)
    a, b = tree.query(city.geometry.values, predicate="intersects")
    other_street = key[a] != key[b]
    assert other_street.sum() > 1000
    assert np.all(colours[a[other_street]] != colours[b[other_street]])
    assert len(set(colours)) <= len(PALETTE)


def test_unknown_colouring_is_refused(city):
    with pytest.raises(ValueError):
        grid_colours(city, "households")


def test_bounds_in_display_coordinates():
    grids = four_grids()
    (s, w), (n, e) = display_bounds(grids)
    assert (w, s, e, n) == pytest.approx((121.40, 28.65, 121.42, 28.67))
    (s2, w2), _ = display_bounds(grids, [3], "gcj02")
    assert w2 - 121.41 == pytest.approx(0.0047, abs=0.001)


def test_app_page_uses_only_local_urls():
    urls = URL_ATTR.findall(app_page())
    assert urls and all(u.startswith("gridmap://app/") for u in urls)
    assert "GridMap.init" in app_page()


def test_standalone_page_inlines_everything():
    html = standalone_page({"labels": "name"})
    assert not URL_ATTR.findall(html)
    assert "L.version" in html or "Leaflet" in html
    assert '"bridge":false' in html


def test_export_html_embeds_grids_and_opens_offline(tmp_path, city):
    out = export_html(city, tmp_path / "台州网格.html", colour_by="street", labels="name",
                      extent=[121.3, 28.6, 121.5, 28.7], field_labels={"district": "区县"})
    html = out.read_text(encoding="utf-8")
    assert not URL_ATTR.findall(html)
    assert "http://" not in html.split("GridMap.init")[1][:200]
    assert "331002001001" in html and "海门街道高岸村第一网格" in html and "区县" in html
    assert [p.name for p in tmp_path.iterdir()] == ["台州网格.html"]


def test_export_html_keeps_an_online_basemap(tmp_path):
    out = export_html(four_grids(), tmp_path / "m.html", basemap=PRESETS[0])
    assert "tile.openstreetmap.org" in out.read_text(encoding="utf-8")


def test_export_html_refuses_a_missing_folder_and_leaves_nothing(tmp_path):
    with pytest.raises(GridMapError, match="does not exist"):
        export_html(four_grids(), tmp_path / "nope" / "m.html")
    assert not (tmp_path / "nope").exists()
