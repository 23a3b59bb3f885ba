"""Shapefile attribute encodings: .cpg, DBF language driver, detection, override."""

import pytest

from gridmap.core.io.encoding import check_encoding, detect_encoding
from gridmap.core.io.reader import read_source
from builders import NAMES, grid_frame, write_shp


@pytest.mark.parametrize("encoding, expected", [("GBK", "GBK"), ("UTF-8", "UTF-8")])
def test_detected_without_cpg(tmp_path, encoding, expected):
    path = write_shp(grid_frame(), tmp_path / "grids.shp", encoding=encoding)
    frame, report = read_source(path)
    assert report.encoding.name == expected and report.encoding.detected
    assert list(frame["WGMC"]) == NAMES
    assert list(frame["JDMC"])[:2] == ["海门街道", "海门街道"]


def test_plain_geopandas_gives_mojibake(tmp_path):
    """The problem GridMap solves: GDAL alone reads a GBK file without .cpg as Latin-1."""
    import pyogrio

    path = write_shp(grid_frame(), tmp_path / "grids.shp", encoding="GBK")
    assert list(pyogrio.read_dataframe(path)["WGMC"]) != NAMES


def test_cpg_is_honoured(tmp_path):
    path = write_shp(grid_frame(), tmp_path / "grids.shp", encoding="UTF-8", cpg=True)
    frame, report = read_source(path)
    assert (report.encoding.name, report.encoding.source) == ("UTF-8", "cpg")
    assert list(frame["WGMC"]) == NAMES


def test_cpg_ansi_936(tmp_path):
    path = write_shp(grid_frame(), tmp_path / "grids.shp", encoding="GBK")
    path.with_suffix(".cpg").write_text("ANSI 936")
    frame, report = read_source(path)
    assert (report.encoding.name, report.encoding.source) == ("CP936", "cpg")
    assert list(frame["WGMC"]) == NAMES


def test_ldid_77_is_cp936(tmp_path):
    path = write_shp(grid_frame(), tmp_path / "grids.shp", encoding="GBK", ldid=77)
    frame, report = read_source(path)
    assert (report.encoding.name, report.encoding.source) == ("CP936", "ldid")
    assert not report.encoding.detected
    assert list(frame["WGMC"]) == NAMES


def test_override_wins(tmp_path):
    path = write_shp(grid_frame(), tmp_path / "grids.shp", encoding="GBK", cpg=False)
    path.with_suffix(".cpg").write_text("UTF-8")  # a wrong .cpg, as real files have
    frame, report = read_source(path, encoding="gbk")
    assert (report.encoding.name, report.encoding.source) == ("GBK", "user")
    assert list(frame["WGMC"]) == NAMES


def test_chinese_field_names_decoded(tmp_path):
    frame = grid_frame().rename(columns={"WGBM": "网格编码", "WGMC": "名称"})
    path = write_shp(frame, tmp_path / "grids.shp", encoding="GBK")
    read, report = read_source(path)
    assert "网格编码" in read.columns and list(read["名称"]) == NAMES


def test_ascii_only_is_reported_as_such():
    info = detect_encoding([b"abc", b"123"])
    assert info.source == "ascii" and info.detected


def test_utf8_cut_mid_character_still_utf8():
    """A fixed-width DBF field can cut the last character; that must not flip the guess to GBK."""
    text = "海门街道第一网格".encode("utf-8")
    assert detect_encoding([text, text[:-1]]).name == "UTF-8"


def test_gbk_is_not_taken_for_utf8():
    assert detect_encoding(["椒江区".encode("gbk"), "白云街道".encode("gbk")]).name == "GBK"


def test_unknown_encoding_rejected():
    with pytest.raises(ValueError, match="unknown encoding"):
        check_encoding("klingon")
