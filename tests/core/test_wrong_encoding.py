"""A wrong encoding chosen for a shapefile: the records that do not decode are counted and reported, with the
detected encoding suggested; with ``strict`` they are an error (issue 14, item 1)."""

import warnings

import pytest

from builders import grid_frame, write_shp

from gridmap.core.errors import GridMapError
from gridmap.core.io.encoding import undecodable_rows
from gridmap.core.io.reader import inspect_source, read_source
from gridmap.core.project.model import ImportOptions, import_grids

ZHOUSHAN = ["嵊泗县", "岱山县", "定海区", "普陀区"]


@pytest.fixture
def utf8_shp(tmp_path):
    """A UTF-8 DBF without .cpg holding county names whose UTF-8 bytes are not GBK (as 浙江省.shp)."""
    frame = grid_frame()
    frame["WGMC"] = ZHOUSHAN
    return write_shp(frame, tmp_path / "浙江省.shp", encoding="UTF-8")


def test_wrong_encoding_is_a_problem_naming_the_rows(utf8_shp):
    frame, report = read_source(utf8_shp, encoding="GBK")
    problems = [p for p in report.problems if p.kind == "encoding_errors"]
    assert len(problems) == 1
    assert problems[0].rows == [1, 2, 3, 4]
    assert "GBK" in problems[0].message and "UTF-8" in problems[0].message  # the detected one is suggested
    assert list(frame["WGMC"]) != ZHOUSHAN


def test_inspect_and_new_report_it(utf8_shp):
    assert [p.rows for p in inspect_source(utf8_shp, encoding="GBK").problems if p.kind == "encoding_errors"] \
        == [[1, 2, 3, 4]]
    _, problems = import_grids(ImportOptions(utf8_shp, encoding="GBK"))
    assert [p.kind for p in problems].count("encoding_errors") == 1


def test_strict_makes_it_an_error(utf8_shp):
    with pytest.raises(GridMapError, match="4 records do not decode as GBK"):
        read_source(utf8_shp, encoding="GBK", strict=True)
    with pytest.raises(GridMapError, match="GBK"):
        import_grids(ImportOptions(utf8_shp, encoding="GBK", strict=True))
    frame, report = read_source(utf8_shp, strict=True)  # detected: fine
    assert list(frame["WGMC"]) == ZHOUSHAN and not report.problems


def test_right_encoding_has_no_problem(utf8_shp):
    frame, report = read_source(utf8_shp, encoding="UTF-8")
    assert list(frame["WGMC"]) == ZHOUSHAN and not [p for p in report.problems if p.kind == "encoding_errors"]


def test_no_raw_gdal_warning(utf8_shp):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_source(utf8_shp, encoding="GBK")
    assert not [w for w in caught if "converted" in str(w.message)]


def test_a_character_cut_by_a_full_field_still_decodes(tmp_path):
    """Only a full fixed-width field can cut a character; a short value that does not decode is an error."""
    frame = grid_frame()
    frame["WGMC"] = ["海门街道第一网格"] * 4
    path = write_shp(frame, tmp_path / "cut.shp", encoding="UTF-8")
    data = bytearray(path.with_suffix(".dbf").read_bytes())
    header_len, record_len = int.from_bytes(data[8:10], "little"), int.from_bytes(data[10:12], "little")
    name = "海门街道第一网格".encode()
    width = data[32 + 32 + 16]  # WGMC, the second field
    first = data.index(name, header_len)
    data[first:first + width] = b"a" * (width - 2) + name[:2]  # full, its last character cut by the width
    assert undecodable_rows(bytes(data), "UTF-8") == []
    second = data.index(name, header_len + record_len)
    data[second + 23] = 0x20  # a short value whose last character is broken
    assert undecodable_rows(bytes(data), "UTF-8") == [2]
