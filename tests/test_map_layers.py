"""The map's JSON payloads, colours, page and standalone HTML export, without Qt."""

import json
import re

import numpy as np
import pytest
import shapely

from gridmap.core.errors import GridMapError
from gridmap.core.sample import build_grids
from gridmap.map.basemaps import PRESETS
from gridmap.map.export import export_html
from gridmap.map.layers import PALETTE, display_bounds, grid_colours, grid_payload
from gridmap.map.page import app_page, standalone_page
from tests.helpers import CODES, NAMES, grid_frame

URL_ATTR = re.compile(r'<(?:script|link|img)\b[^>]*(?:src|href)="([^"]+)"')


@pytest.fixture(scope="module")
def city():
    return build_grids()


def four_grids():
    frame = grid_frame().rename(columns={"WGBM": "code", "WGMC": "name", "QXMC": "district", "JDMC": "street",
                                         "SQMC": "community"})
    return frame


def test_payload_carries_geometry_ids_and_labels():
    grids = four_grids()
    data = json.loads(grid_payload(grids))
    features = data["geojson"]["features"]
    assert [f["id"] for f in features] == [0, 1, 2, 3]
    assert all("properties" not in f for f in features)
    assert data["code"] == CODES and data["name"] == NAMES
    ring = np.array(features[0]["geometry"]["coordinates"][0][0])
    assert ring.min(axis=0).tolist() == pytest.approx([121.40, 28.65], abs=1e-9)
    # label points lie inside their grid; spans are the bbox sizes
    for (x, y), geom in zip(data["label"], grids.geometry):
        assert geom.contains(shapely.Point(x, y))
    assert data["span"][0] == pytest.approx([0.01, 0.01], abs=1e-6)


def test_payload_rounds_to_a_tenth_of_a_metre_and_shifts_to_gcj02(city):
    text = grid_payload(city)
    decimals = {len(m) for m in re.findall(r"\d+\.(\d+)", text[:200000])}
    assert max(decimals) <= 6
    data = json.loads(text)
    assert len(data["geojson"]["features"]) == len(city) == 6917
    shifted = json.loads(grid_payload(city.iloc[:5], "gcj02"))
    dx = np.array(shifted["label"]) - np.array(data["label"][:5])
    # GCJ-02 moves Taizhou by roughly 0.004-0.006° east and -0.002..-0.004° north (about 500 m)
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
