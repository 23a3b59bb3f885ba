"""GeoJSON that is a bare array of features is read through a wrapped copy; GDAL's driver-prefix advice never
reaches a message (issue 14, item 9)."""

import json

import pytest

from gridmap.core.errors import GridMapError
from gridmap.core.io.reader import list_layers, read_source

SQUARE = [[[121.4, 28.6], [121.5, 28.6], [121.5, 28.7], [121.4, 28.7], [121.4, 28.6]]]


def feature(name, adcode):
    return {"type": "Feature", "properties": {"name": name, "adcode": adcode},
            "geometry": {"type": "Polygon", "coordinates": SQUARE}}


def test_bare_array_is_read(tmp_path):
    path = tmp_path / "330000.json"
    path.write_bytes(b"\xef\xbb\xbf\n " + json.dumps([feature("椒江区", 331002), feature("黄岩区", 331003)],
                                                      ensure_ascii=False).encode())
    before = path.read_bytes()
    frame, report = read_source(path)
    assert list(frame["name"]) == ["椒江区", "黄岩区"] and list(frame["adcode"]) == [331002, 331003]
    assert (report.format, report.layers, report.features) == ("GeoJSON", ["330000"], 2)
    assert report.crs.to_epsg() == 4326 and report.bbox_wgs84 == [121.4, 28.6, 121.5, 28.7]
    assert list_layers(path) == ["330000"]
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["330000.json"]


def test_array_of_other_things_is_refused(tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text(json.dumps([feature("椒江区", 1), {"type": "Polygon", "coordinates": SQUARE}]))
    with pytest.raises(GridMapError, match="item 2 of the GeoJSON array is not a Feature"):
        read_source(path)


def test_unrecognised_file_says_so_plainly(tmp_path):
    path = tmp_path / "notes.geojson"
    path.write_text("# not a map\n")
    with pytest.raises(GridMapError) as caught:
        read_source(path)
    assert caught.value.message == "cannot read: not a GeoJSON file"
