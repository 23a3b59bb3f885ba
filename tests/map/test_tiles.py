"""Basemap definitions and reading real MBTiles files and tile folders (no Qt)."""

import hashlib
import sqlite3
import struct
import threading
from pathlib import PurePosixPath, PureWindowsPath

import pytest

from gridmap.core.errors import GridMapError
from gridmap.map.basemaps import NONE, PRESETS, Basemap
from builders import make_mbtiles, png
from gridmap.store.gpkg import sqlite_uri
from gridmap.map.tiles import MBTiles, TileFolder, content_type, local_basemap, open_tiles


JPEG = b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\xff\xd9"
WEBP = b"RIFF" + struct.pack("<I", 4) + b"WEBP"




@pytest.fixture
def mbtiles(tmp_path):
    folder = tmp_path / "离线 瓦片#1"  # Chinese, a space and a '#' must survive the sqlite URI
    folder.mkdir()
    return make_mbtiles(folder / "台州.mbtiles", {(1, 0, 0): png(10), (1, 0, 1): png(20), (2, 3, 0): JPEG},
                        {"name": "台州影像", "format": "png", "bounds": "120.9,28.3,121.9,29.1", "minzoom": "1",
                         "maxzoom": "2", "attribution": "© 台州"})


def test_mbtiles_flips_xyz_rows_to_tms(mbtiles):
    with MBTiles(mbtiles) as tiles:
        assert tiles.tile(1, 0, 1) == png(10)  # TMS row 0 is the southern row
        assert tiles.tile(1, 0, 0) == png(20)
        assert tiles.tile(2, 3, 3) == JPEG
        assert tiles.tile(1, 1, 0) is None
        assert tiles.tile(5, 0, 0) is None
        assert tiles.tile(-1, 0, 0) is None


def test_mbtiles_metadata(mbtiles):
    with MBTiles(mbtiles) as tiles:
        meta = tiles.metadata()
    assert meta["name"] == "台州影像"
    assert meta["format"] == "png"
    assert meta["bounds"] == (120.9, 28.3, 121.9, 29.1)
    assert (meta["minzoom"], meta["maxzoom"]) == (1, 2)


def test_mbtiles_without_metadata_zooms_uses_tiles(tmp_path):
    path = make_mbtiles(tmp_path / "bare.mbtiles", {(3, 1, 1): png(1), (5, 2, 2): png(2)}, {"bounds": "junk"})
    with MBTiles(path) as tiles:
        meta = tiles.metadata()
    assert (meta["minzoom"], meta["maxzoom"], meta["name"]) == (3, 5, "bare")
    assert "bounds" not in meta


def test_mbtiles_is_never_written(mbtiles):
    before = hashlib.sha256(mbtiles.read_bytes()).hexdigest()
    mtime = mbtiles.stat().st_mtime_ns
    names = sorted(p.name for p in mbtiles.parent.iterdir())
    with MBTiles(mbtiles) as tiles:
        tiles.tile(1, 0, 0)
        tiles.metadata()
    assert hashlib.sha256(mbtiles.read_bytes()).hexdigest() == before
    assert mbtiles.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in mbtiles.parent.iterdir()) == names


def test_mbtiles_read_from_several_threads(mbtiles):
    results, errors = [], []
    with MBTiles(mbtiles) as tiles:
        def read():
            try:
                results.extend(tiles.tile(1, 0, 1) for _ in range(50))
            except Exception as err:  # noqa: BLE001 - reported below
                errors.append(err)
        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    assert results == [png(10)] * 200


def test_bad_mbtiles_files_name_the_file(tmp_path):
    corrupt = tmp_path / "corrupt.mbtiles"
    corrupt.write_bytes(b"this is not sqlite at all" * 100)
    other = tmp_path / "other.mbtiles"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE things (a)")
    db.commit()
    db.close()
    wrong_columns = tmp_path / "columns.mbtiles"
    db = sqlite3.connect(wrong_columns)
    db.execute("CREATE TABLE tiles (z, x, y, data)")
    db.commit()
    db.close()
    for path, words in [(corrupt, "not an MBTiles"), (other, "no tiles table"), (wrong_columns, "not an MBTiles"),
                        (tmp_path / "missing.mbtiles", "not found")]:
        with pytest.raises(GridMapError) as info:
            MBTiles(path)
        assert info.value.path == path
        assert words in str(info.value) and path.name in str(info.value)
    assert corrupt.read_bytes() == b"this is not sqlite at all" * 100


def test_tile_folder(tmp_path):
    root = tmp_path / "tiles"
    (root / "4" / "13").mkdir(parents=True)
    (root / "4" / "13" / "6.png").write_bytes(png(5))
    (root / "4" / "13" / "7.jpg").write_bytes(JPEG)
    (root / "6" / "52").mkdir(parents=True)
    (root / "6" / "52" / "27.webp").write_bytes(WEBP)
    folder = TileFolder(root)
    assert folder.tile(4, 13, 6) == png(5)
    assert folder.tile(4, 13, 7) == JPEG
    assert folder.tile(6, 52, 27) == WEBP
    assert folder.tile(4, 13, 8) is None
    assert folder.metadata() == {"name": "tiles", "minzoom": 4, "maxzoom": 6}
    with pytest.raises(GridMapError) as info:
        TileFolder(tmp_path / "nowhere")
    assert info.value.path == tmp_path / "nowhere"


def test_open_tiles_and_local_basemap(mbtiles, tmp_path):
    with open_tiles(Basemap(name="t", kind="mbtiles", source=str(mbtiles))) as tiles:
        assert isinstance(tiles, MBTiles)
    assert isinstance(open_tiles(Basemap(name="f", kind="folder", source=str(tmp_path))), TileFolder)
    with pytest.raises(GridMapError):
        open_tiles(PRESETS[0])
    basemap = local_basemap(mbtiles)
    assert basemap == Basemap(name="台州影像", kind="mbtiles", source=str(mbtiles), attribution="© 台州",
                              min_zoom=1, max_zoom=2)
    assert basemap.is_local and not basemap.is_online


def test_content_type():
    assert content_type(png(1)) == "image/png"
    assert content_type(JPEG) == "image/jpeg"
    assert content_type(WEBP) == "image/webp"
    assert content_type(b"<html>") == "application/octet-stream"


def test_basemap_dict_round_trip():
    for basemap in (NONE, *PRESETS, Basemap(name="本地", kind="folder", source="C:/瓦片", coords="gcj02", max_zoom=16)):
        assert Basemap.from_dict(basemap.to_dict()) == basemap
    assert Basemap.from_dict({"name": "x", "kind": "xyz", "source": "https://a/{z}/{x}/{-y}.png", "max_zoom": "17",
                              "future": 1}).max_zoom == 17


@pytest.mark.parametrize("d, words", [
    ({"name": "x", "kind": "wms"}, "unknown basemap kind"),
    ({"name": "x", "kind": "xyz", "source": "https://a/{z}/{x}.png"}, "{z}, {x} and {y}"),
    ({"name": "x", "kind": "xyz", "source": "https://a/{Z}/{x}/{y}.png"}, "unknown placeholder {Z}"),
    ({"name": "x", "kind": "xyz", "source": "https://{s}.a/{z}/{x}/{y}.png"}, "no subdomains"),
    ({"name": "x", "kind": "xyz", "source": "https://a/{z}/{x/{y}.png"}, "malformed"),
    ({"name": "x", "kind": "xyz", "source": "https://a{z}.b/{z}/{x}/{y}"}, "host name"),
    ({"name": "x", "kind": "none", "coords": "bd09"}, "unknown coordinate system"),
    ({"name": "x", "kind": "none", "max_zoom": 30}, "zoom"),
    ({"name": "x", "kind": "none", "min_zoom": 5, "max_zoom": 4}, "zoom"),
    ({"name": "x", "kind": "none", "max_zoom": "high"}, "whole number"),
    ({"name": "x", "kind": "mbtiles"}, "no file"),
    ({"name": " ", "kind": "none"}, "needs a name"),
    ({"kind": "none"}, "needs a name"),
    (["x"], "mapping"),
])
def test_basemap_validation(d, words):
    with pytest.raises(GridMapError) as info:
        Basemap.from_dict(d)
    assert words in str(info.value)


def test_hosts_and_online():
    osm, tianditu, _, amap = PRESETS
    assert osm.hosts() == {"tile.openstreetmap.org"} and osm.is_online
    assert tianditu.hosts() == {f"t{i}.tianditu.gov.cn" for i in range(8)}
    assert amap.hosts() == {f"webrd0{i}.is.autonavi.com" for i in range(1, 5)}
    assert amap.coords == "gcj02" and tianditu.coords == "wgs84"
    assert Basemap(name="x", kind="xyz", source="https://Tiles.Example.com:8443/{z}/{x}/{y}",
                   subdomains="abc").hosts() == {"tiles.example.com"}
    assert Basemap(name="x", kind="xyz", source="file:///tiles/{z}/{x}/{y}.png").hosts() == set()
    assert NONE.hosts() == set() and not NONE.is_online and not NONE.is_local


def test_key_substitution():
    tianditu = PRESETS[1]
    with pytest.raises(GridMapError, match="needs a key"):
        tianditu.url_template()
    template = Basemap.from_dict({**tianditu.to_dict(), "key": "abc123"}).url_template()
    assert template.endswith("&tk=abc123") and "{key}" not in template
    assert "{z}" in template and "{s}" in template
    assert PRESETS[0].url_template() == PRESETS[0].source
    assert NONE.url_template() == ""


def test_sqlite_uri_for_windows_paths():
    assert sqlite_uri(PureWindowsPath(r"C:\瓦片\a b.mbtiles")) == "file:///C:/%E7%93%A6%E7%89%87/a%20b.mbtiles?mode=ro"
    assert sqlite_uri(PureWindowsPath(r"\\server\share\a#b.mbtiles")) == "file:////server/share/a%23b.mbtiles?mode=ro"
    assert sqlite_uri(PurePosixPath("/tmp/x?.mbtiles")) == "file:///tmp/x%3F.mbtiles?mode=ro"
