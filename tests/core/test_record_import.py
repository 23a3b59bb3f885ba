"""Importing record files (incidents, key persons, key venues, grid workers): every count checked exactly.

The files are written here by hand: CSVs in GBK / UTF-8 / UTF-8 with a BOM / tab-separated, an XLSX made with
openpyxl, point GeoPackages and Shapefiles. The project has four 0.1° squares near 121°E 28°N, in code order
A B (south row, west to east) and C D (north row)::

    28.2 +-----+-----+
         |  C  |  D  |
    28.1 +-----+-----+
         |  A  |  B  |
    28.0 +-----+-----+
       121.0 121.1 121.2

Row numbers are a spreadsheet's: the header is row 1, the first record row 2 (point layers: feature 1, 2…).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from pyproj import Transformer

from gridmap.core.geo.chinacoords import from_wgs84
from gridmap.core.errors import GridMapError
from gridmap.core.project.model import Project
from gridmap.core.records.importing import RecordImportOptions, guess_columns, import_records, read_records
from gridmap.store.gpkg import CODED, GpkgStore
from builders import QUAD_CODES, QUAD_HEADER, quad_grids, write_lines

A, B, C, D = QUAD_CODES
CENTRES = {A: (121.05, 28.05), B: (121.15, 28.05), C: (121.05, 28.15), D: (121.15, 28.15)}
HEADER = QUAD_HEADER
MAPPING = {"id": "事件编号", "lon": "经度", "lat": "纬度", "reported_at": "上报时间", "category": "事件类别",
           "status": "办理状态"}


grids = quad_grids


@pytest.fixture
def project() -> Project:
    return Project(grids(), {"format_version": 1})


write = write_lines


def incidents(project, path, **options):
    return import_records(project, RecordImportOptions(path, "incidents", **options))


def layer(project, kind: str = "incidents") -> pd.DataFrame:
    return project.layers[kind]


def grid_of(project, kind: str = "incidents") -> dict[str, str]:
    frame = layer(project, kind)
    return dict(zip(frame["id"], frame["grid_code"]))


GOOD = [HEADER,
        "SJ001,121.05,28.05,2026-01-05 08:30:00,盗窃,结案",
        "SJ002,121.15,28.05,2026-01-05 09:00:00,诈骗,上报",
        "SJ003,121.05,28.15,2026-01-06 10:15:30,矛盾纠纷,受理",
        "SJ004,121.15,28.15,2026-01-07 23:59:59,消防隐患,派遣"]


# --- encodings and CSV dialects ---------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, detected", [("gbk", "GBK"), ("utf-8-sig", "UTF-8-SIG"), ("utf-8", "UTF-8")])
def test_csv_encodings(project, tmp_path, encoding, detected):
    path = write(tmp_path / "事件.csv", GOOD, encoding)
    if encoding == "gbk":
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
    result = incidents(project, path)
    assert result.encoding == detected
    assert result.columns == MAPPING
    assert (result.rows, result.imported, result.new, result.rejected, result.unassigned) == (4, 4, 4, 0, 0)
    frame = layer(project)
    assert list(frame["id"]) == ["SJ001", "SJ002", "SJ003", "SJ004"]
    assert list(frame["category"]) == ["盗窃", "诈骗", "矛盾纠纷", "消防隐患"]
    assert list(frame["status"]) == ["结案", "上报", "受理", "派遣"]
    assert list(frame["grid_code"]) == [A, B, C, D]
    assert list(frame["reported_at"]) == [pd.Timestamp("2026-01-05 08:30:00"), pd.Timestamp("2026-01-05 09:00:00"),
                                          pd.Timestamp("2026-01-06 10:15:30"), pd.Timestamp("2026-01-07 23:59:59")]
    assert frame["lon"].tolist() == [121.05, 121.15, 121.05, 121.15]
    assert frame["lat"].tolist() == [28.05, 28.05, 28.15, 28.15]


def test_gbk_with_rare_characters_is_decoded(project, tmp_path):
    """A GBK file whose text only GBK decodes (not UTF-8), including characters outside GB2312."""
    lines = [HEADER + ",发生地址", "SJ1,121.05,28.05,2026-01-05 08:30:00,盗窃,结案,椒江区葭沚街道堃垚小区"]
    path = write(tmp_path / "gbk.csv", lines, "gbk")
    result = incidents(project, path)
    assert result.encoding == "GBK" and result.columns["address"] == "发生地址"
    assert layer(project)["address"].tolist() == ["椒江区葭沚街道堃垚小区"]


def test_encoding_given_by_the_user(project, tmp_path):
    path = write(tmp_path / "gbk.csv", GOOD, "gbk")
    assert incidents(project, path, encoding="GB18030").imported == 4
    with pytest.raises(GridMapError, match="cannot decode the file as UTF-8"):
        incidents(Project(grids(), {}), path, encoding="utf-8")


@pytest.mark.parametrize("encoding, name", [("gbk", "GBK"), ("utf-8", "UTF-8")])
def test_long_file_whose_sniffed_start_cuts_a_character(tmp_path, monkeypatch, encoding, name):
    """Only the start of a long file is looked at to detect its encoding; wherever that start ends (here in
    the middle of a Chinese character), the file is GBK or UTF-8 all the same (it was refused or read as
    GB18030 mojibake when the cut fell inside a character)."""
    from gridmap.core.io import tables

    monkeypatch.setattr(tables, "SNIFF", 4096)
    rows = [HEADER + ",事件描述"] + [f"SJ{i:05d},121.05,28.05,2026-01-05,盗窃,结案,居民反映楼道堆放杂物" for i in range(400)]
    cuts = 0
    for pad in range(24):
        data = ("\r\n".join(rows).replace("SJ00000,", "SJ00000" + "x" * pad + ",", 1) + "\r\n").encode(encoding)
        try:
            data[:4096].decode(encoding)
        except UnicodeDecodeError:
            cuts += 1
        path = tmp_path / f"long{pad}.csv"
        path.write_bytes(data)
        table = tables.read_table(path)
        assert table.encoding.name == name
        assert len(table.frame) == 400 and set(table.frame["事件描述"]) == {"居民反映楼道堆放杂物"}
    assert cuts >= 2


def test_long_file_ascii_at_the_start_only(project, tmp_path, monkeypatch):
    """The first part of a GBK file is all ASCII (no Chinese there): its Chinese further on still decodes."""
    from gridmap.core.io import tables

    monkeypatch.setattr(tables, "SNIFF", 4096)
    rows = ["id,lon,lat,category"] + [f"E{i},121.05,28.05,theft" for i in range(300)] + ["E300,121.15,28.05,盗窃"]
    path = write(tmp_path / "late.csv", rows, "gbk")
    assert path.read_bytes()[:4096].isascii()
    result = incidents(project, path)
    assert result.encoding == "GBK" and (result.imported, result.rejected) == (301, 0)
    assert layer(project)["category"].iloc[-1] == "盗窃"


def test_tab_separated(project, tmp_path):
    path = write(tmp_path / "事件.txt", [line.replace(",", "\t") for line in GOOD], "gbk")
    result = incidents(project, path)
    assert (result.rows, result.imported, result.rejected) == (4, 4, 0) and result.columns == MAPPING
    assert list(layer(project)["grid_code"]) == [A, B, C, D]


def test_quoted_fields_with_commas_and_newlines(project, tmp_path):
    lines = [HEADER + ",事件描述",
             'SJ1,121.05,28.05,2026-01-05 08:30:00,盗窃,结案,"电动车被盗, 价值约3000元"',
             'SJ2,121.15,28.05,2026-01-05 09:00:00,矛盾纠纷,受理,"邻里纠纷：\r\n一楼漏水\r\n""楼上""不认"',
             'SJ3,abc,28.05,2026-01-05 09:00:00,盗窃,上报,"第二行\r\n后面"',
             'SJ4,121.05,28.15,2026-01-05 10:00:00,"诈骗",结案,']
    path = write(tmp_path / "quoted.csv", lines, "utf-8-sig")
    result = incidents(project, path)
    assert (result.rows, result.imported, result.rejected) == (4, 3, 1)
    # The spreadsheet row of the record (Excel shows one row per record, whatever the line breaks in it).
    assert result.rejected_rows == [(4, "coordinates are not numbers: 'abc', '28.05'")]
    frame = layer(project)
    assert frame["description"].tolist() == ["电动车被盗, 价值约3000元", '邻里纠纷：\r\n一楼漏水\r\n"楼上"不认', ""]
    assert frame["category"].tolist() == ["盗窃", "矛盾纠纷", "诈骗"]
    assert frame["grid_code"].tolist() == [A, B, C]


def test_extra_columns_kept_as_text(project, tmp_path):
    lines = [HEADER + ",报告人电话,楼栋号,地址", "SJ1,121.05,28.05,2026-01-05,盗窃,结案,013812345678,007,椒江区1号"]
    incidents(project, write(tmp_path / "x.csv", lines))
    frame = layer(project)
    assert frame["报告人电话"].tolist() == ["013812345678"] and frame["楼栋号"].tolist() == ["007"]
    assert frame["address"].tolist() == ["椒江区1号"]  # 地址 is the address role
    assert list(frame.columns[:10]) == ["id", "category", "reported_at", "status", "source", "address",
                                        "description", "lon", "lat", "grid_code"]


def test_a_grid_column_in_a_point_file_is_kept(project, tmp_path):
    """Points are assigned by position; a grid code the file carries stays as an extra column."""
    lines = ["编号,经度,纬度,grid_code,网格编码", f"1,121.05,28.05,{B},{C}"]
    incidents(project, write(tmp_path / "g.csv", lines))
    frame = layer(project)
    assert frame["grid_code"].tolist() == [A]
    assert frame["grid_code_src"].tolist() == [B] and frame["网格编码"].tolist() == [C]


def test_column_guessing_pinyin_and_english():
    assert guess_columns("incidents", ["SJBH", "JD", "WD", "SBSJ", "SJLB", "ZT"]) == {
        "id": "SJBH", "lon": "JD", "lat": "WD", "reported_at": "SBSJ", "category": "SJLB", "status": "ZT"}
    assert guess_columns("incidents", ["event_id", "lng", "lat", "report_time", "category", "status"]) == {
        "id": "event_id", "lon": "lng", "lat": "lat", "reported_at": "report_time", "category": "category",
        "status": "status"}
    assert guess_columns("persons", ["姓名", "公民身份号码", "手机号码", "重点人员类别", "居住地址", "经度", "纬度"]) == {
        "name": "姓名", "id_number": "公民身份号码", "phone": "手机号码", "category": "重点人员类别",
        "address": "居住地址", "lon": "经度", "lat": "纬度"}


def test_columns_chosen_by_the_user(project, tmp_path):
    lines = ["单号,坐标一,坐标二,时刻,类,状态", "X1,121.05,28.05,2026-01-05,盗窃,结案"]
    path = write(tmp_path / "odd.csv", lines)
    with pytest.raises(GridMapError, match="no longitude/latitude columns found"):
        incidents(project, path)
    result = incidents(project, path, columns={"lon": "坐标一", "lat": "坐标二", "id": "单号",
                                               "reported_at": "时刻", "category": "类"})
    assert result.imported == 1 and grid_of(project) == {"X1": A}
    assert layer(project)["category"].tolist() == ["盗窃"] and layer(project)["status"].tolist() == ["结案"]
    with pytest.raises(GridMapError, match="no column '经度'"):
        incidents(project, path, columns={"lon": "经度"})
    with pytest.raises(GridMapError, match="have no column role 'colour'"):
        incidents(project, path, columns={"colour": "类"})


# --- XLSX and point layers --------------------------------------------------------------------------------------

def test_xlsx_numbers_and_long_id_text(project, tmp_path):
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["人员编号", "姓名", "身份证号", "联系电话", "人员类别", "经度", "纬度", "登记日期", "门牌"])
    sheet.append(["RY001", "张三", "331002199001011234", 13812345678, "刑满释放", 121.05, 28.05,
                  datetime.datetime(2026, 1, 5, 8, 30), "0012"])
    sheet.append(["RY002", "李四", "33100219851231002X", 13900001111, "吸毒", 121.15, 28.15,
                  datetime.datetime(2026, 2, 1), 12])
    sheet.append(["RY003", "王五", "011002198001010011", "", "社区矫正", 121, 28.19, None, None])
    sheet.append([None] * 9)  # Excel's trailing empty rows are not records
    path = tmp_path / "人员.xlsx"
    book.save(path)
    result = import_records(project, RecordImportOptions(path, "persons"))
    assert (result.rows, result.imported, result.rejected, result.unassigned) == (3, 3, 0, 0)
    assert result.encoding is None
    frame = layer(project, "persons")
    assert frame["id"].tolist() == ["RY001", "RY002", "RY003"]
    assert frame["id_number"].tolist() == ["331002199001011234", "33100219851231002X", "011002198001010011"]
    assert frame["phone"].tolist() == ["13812345678", "13900001111", ""]
    assert frame["lon"].tolist() == [121.05, 121.15, 121.0] and frame["lat"].tolist() == [28.05, 28.15, 28.19]
    assert frame["grid_code"].tolist() == [A, D, C]  # 121.0 is C's outer (west) edge
    assert frame["登记日期"].tolist() == ["2026-01-05 08:30:00", "2026-02-01 00:00:00", ""]
    assert frame["门牌"].tolist() == ["0012", "12", ""]


def test_xlsx_incident_times_and_rejects(project, tmp_path):
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "说明"
    sheet = book.create_sheet("事件")
    sheet.append(HEADER.split(","))
    sheet.append(["SJ1", 121.05, 28.05, datetime.datetime(2026, 1, 5, 8, 30), "盗窃", "结案"])
    sheet.append(["SJ2", "121.15", "28.05", "2026年1月5日 8时30分", "盗窃", "结案"])
    sheet.append(["SJ3", None, 28.05, "2026-01-05", "盗窃", "结案"])
    path = tmp_path / "事件.xlsx"
    book.save(path)
    with pytest.raises(GridMapError, match="no sheet named '第二页'; sheets: 说明, 事件"):
        incidents(project, path, sheet="第二页")
    result = incidents(project, path, sheet="事件")
    assert (result.rows, result.imported, result.rejected) == (3, 2, 1)
    assert result.rejected_rows == [(4, "no coordinates")]
    assert layer(project)["reported_at"].tolist() == [pd.Timestamp("2026-01-05 08:30")] * 2


def point_records(crs=4490) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame({
        "事件编号": ["SJ1", "SJ2", "SJ3", "SJ4", "SJ5"],
        "身份证号": ["331002199001011234", "000000000000000001", "33100219851231002X", "", "1"],
        "事件类别": ["盗窃", "诈骗", "矛盾纠纷", "盗窃", "环境卫生"],
        "上报时间": ["2026-01-05 08:30:00", "2026/1/5 8:30", "2026年1月5日", "20260105", "2026-01-05"],
    }, geometry=shapely.points([(121.05, 28.05), (121.15, 28.05), (121.05, 28.15), (121.15, 28.15),
                                (121.5, 28.5)]), crs=4490)
    return frame.to_crs(crs)


def test_point_geopackage(project, tmp_path):
    path = tmp_path / "事件.gpkg"
    point_records().to_file(path, layer="事件点", driver="GPKG")
    result = incidents(project, path)
    assert (result.rows, result.imported, result.rejected, result.unassigned) == (5, 5, 0, 1)
    assert grid_of(project) == {"SJ1": A, "SJ2": B, "SJ3": C, "SJ4": D, "SJ5": ""}
    frame = layer(project)
    assert frame["身份证号"].tolist() == ["331002199001011234", "000000000000000001", "33100219851231002X", "", "1"]
    assert frame["lon"].tolist() == [121.05, 121.15, 121.05, 121.15, 121.5]
    assert frame["reported_at"].tolist() == [pd.Timestamp("2026-01-05 08:30")] * 2 + [pd.Timestamp("2026-01-05")] * 3


PINYIN = {"事件编号": "SJBH", "身份证号": "SFZH", "事件类别": "SJLB", "上报时间": "SBSJ"}


@pytest.mark.parametrize("encoding", ["GBK", "UTF-8"])
def test_point_shapefile_in_gauss_krueger(project, tmp_path, encoding):
    """A Shapefile in EPSG:4549 (CGCS2000 3° Gauss-Krüger, CM 120°E) without .cpg is converted to lon/lat.
    The UTF-8 one has pinyin field names, as DBF names hold only 10 bytes (3 Chinese characters in UTF-8)."""
    path = tmp_path / "事件点.shp"
    frame = point_records(4549)
    if encoding == "UTF-8":
        frame = frame.rename(columns=PINYIN)
    frame.to_file(path, encoding=encoding)
    path.with_suffix(".cpg").unlink(missing_ok=True)  # as many real files: the encoding must be detected
    result = incidents(project, path)
    assert (result.rows, result.imported, result.rejected, result.unassigned) == (5, 5, 0, 1)
    assert result.encoding == encoding
    assert grid_of(project) == {"SJ1": A, "SJ2": B, "SJ3": C, "SJ4": D, "SJ5": ""}
    got = layer(project)
    np.testing.assert_allclose(got["lon"], [121.05, 121.15, 121.05, 121.15, 121.5], atol=1e-8)
    np.testing.assert_allclose(got["lat"], [28.05, 28.05, 28.15, 28.15, 28.5], atol=1e-8)
    assert got["category"].tolist() == ["盗窃", "诈骗", "矛盾纠纷", "盗窃", "环境卫生"]
    numbers = ["331002199001011234", "000000000000000001", "33100219851231002X", "", "1"]
    assert got["身份证号" if encoding == "GBK" else "SFZH"].tolist() == numbers


def test_point_layer_with_other_geometries(project, tmp_path):
    frame = gpd.GeoDataFrame({"事件编号": ["SJ1", "SJ2", "SJ3"], "上报时间": ["2026-01-05"] * 3},
                             geometry=[shapely.Point(121.05, 28.05), shapely.box(121.1, 28.0, 121.2, 28.1), None],
                             crs=4490)
    path = tmp_path / "mixed.geojson"
    frame.to_file(path, driver="GeoJSON")
    result = incidents(project, path)
    assert (result.rows, result.imported, result.rejected) == (3, 1, 2)
    assert result.rejected_rows == [(2, "not a point but a Polygon"), (3, "no coordinates")]


# --- times -------------------------------------------------------------------------------------------------------

def test_chinese_time_formats(project, tmp_path):
    times = ["2026-01-05 08:30:00", "2026/1/5 8:30", "2026年1月5日 8时30分", "2026年1月5日", "20260105",
             "2026-1-5 8:30", "2026.01.05 08:30:00", "2026/01/05", "2026年01月05日08时30分00秒", "2026-01-05T08:30:00",
             "20260105083000", " 2026-01-05 08:30 "]
    expected = ["2026-01-05 08:30", "2026-01-05 08:30", "2026-01-05 08:30", "2026-01-05", "2026-01-05",
                "2026-01-05 08:30", "2026-01-05 08:30", "2026-01-05", "2026-01-05 08:30", "2026-01-05 08:30",
                "2026-01-05 08:30", "2026-01-05 08:30"]
    lines = [HEADER] + [f"SJ{i},121.05,28.05,{t},盗窃,结案" for i, t in enumerate(times)]
    result = incidents(project, write(tmp_path / "t.csv", lines, "gbk"))
    assert (result.rows, result.imported, result.rejected) == (len(times), len(times), 0)
    assert layer(project)["reported_at"].tolist() == [pd.Timestamp(t) for t in expected]
    assert layer(project)["reported_at"].dtype == "datetime64[ns]"


def test_compact_excel_and_padded_times(project, tmp_path):
    """Times read at once by their shape, mixed in one file: every form, zero-padded or not, gives the same
    time as the row-by-row reader; 12 digits are minutes; Excel serial numbers are days since 1899-12-30."""
    times = ["2026/01/01 08:11", "2026/1/1 8:11", "2026-01-01 08:11:00", "2026.1.1 8:11", "2026年01月01日 08时11分",
             "2026年1月1日8时11分0秒", "2026年1月1日 8点11分", "2026/01/01 08:11:00", "2026-1-1T8:11:00", "20260101081100",
             "202601010811", "20260101", "46023", "46023.341666666667", "46023.5", "2024/2/29 23:59:59",
             "2026年1月1日", "2026/1/1 8:11分"]
    expected = ["2026-01-01 08:11"] * 11 + ["2026-01-01", "2026-01-01", "2026-01-01 08:12", "2026-01-01 12:00",
                                            "2024-02-29 23:59:59", "2026-01-01", "2026-01-01 08:11"]
    lines = [HEADER] + [f"SJ{i},121.05,28.05,{t},盗窃,结案" for i, t in enumerate(times)]
    result = incidents(project, write(tmp_path / "t.csv", lines, "gbk"))
    assert (result.rows, result.imported, result.rejected) == (len(times), len(times), 0)
    assert layer(project)["reported_at"].tolist() == [pd.Timestamp(t) for t in expected]


def test_impossible_times_rejected_with_their_rows(project, tmp_path):
    """Well-shaped times with impossible values and years a time column cannot hold are rejected by row."""
    times = ["2026/02/29 08:00", "2026/1/1 24:00", "2026-01-01 08:60", "0026-01-05", "3026-01-05 08:00",
             "20261301", "09999", "2026/1/1 8:11"]
    lines = [HEADER] + [f"SJ{i},121.05,28.05,{t},盗窃,结案" for i, t in enumerate(times)]
    result = incidents(project, write(tmp_path / "t.csv", lines, "gbk"))
    assert (result.rows, result.imported) == (len(times), 1)
    assert result.rejected_rows == [(i + 2, f"unreadable time {t!r}") for i, t in enumerate(times[:-1])]


def test_empty_and_garbage_times_rejected(project, tmp_path):
    lines = [HEADER, "SJ1,121.05,28.05,2026-01-05 08:30,盗窃,结案", "SJ2,121.05,28.05,,盗窃,结案",
             "SJ3,121.05,28.05,昨天下午,盗窃,结案", "SJ4,121.05,28.05,2026-13-45,盗窃,结案",
             "SJ5,121.05,28.05,2026年2月30日,盗窃,结案", "SJ6,121.05,28.05,  ,盗窃,结案"]
    result = incidents(project, write(tmp_path / "t.csv", lines, "gbk"))
    assert (result.rows, result.imported, result.rejected) == (6, 1, 5)
    assert result.rejected_rows == [(3, "no time"), (4, "unreadable time '昨天下午'"),
                                    (5, "unreadable time '2026-13-45'"), (6, "unreadable time '2026年2月30日'"),
                                    (7, "no time")]


def test_file_without_a_time_column(project, tmp_path):
    result = incidents(project, write(tmp_path / "t.csv", ["编号,经度,纬度", "1,121.05,28.05"]))
    assert result.imported == 1 and layer(project)["reported_at"].isna().all()
    assert layer(project)["reported_at"].dtype == "datetime64[ns]"


# --- bad rows ----------------------------------------------------------------------------------------------------

def test_bad_rows_with_spreadsheet_row_numbers(project, tmp_path):
    lines = [HEADER,
             "SJ01,121.05,28.05,2026-01-05 08:30,盗窃,结案",      # row 2: A
             "SJ02,,28.05,2026-01-05 08:30,盗窃,结案",            # row 3: no lon
             "SJ03,121.05,,2026-01-05 08:30,盗窃,结案",           # row 4: no lat
             "SJ04,abc,28.05,2026-01-05 08:30,盗窃,结案",         # row 5: not a number
             "SJ05,200,28.05,2026-01-05 08:30,盗窃,结案",         # row 6: out of range
             "SJ06,121.15,95,2026-01-05 08:30,盗窃,结案",         # row 7: out of range
             "SJ01,121.15,28.15,2026-01-06 08:30,诈骗,结案",      # row 8: duplicate of row 2
             "SJ07,121.3,28.05,2026-01-05 08:30,盗窃,结案",       # row 9: outside every grid (near)
             "SJ08,122.5,29.5,2026-01-05 08:30,盗窃,结案",        # row 10: outside every grid (far)
             ",121.05,28.05,2026-01-05 08:30,盗窃,结案",          # row 11: no id
             "SJ09,121.15,28.15,2026-01-05 08:30,盗窃,结案",      # row 12: D
             "SJ10,121.15°,28.05°,2026-01-05 08:30,盗窃,结案",    # row 13: degrees sign allowed: B
             "SJ11, 121.05 , 28.15 ,2026-01-05 08:30,盗窃,结案",  # row 14: spaces: C
             "SJ01,1,2,,盗窃,结案"]                               # row 15: duplicate (first reason wins)
    result = incidents(project, write(tmp_path / "bad.csv", lines, "gbk"))
    assert (result.rows, result.imported, result.new, result.rejected, result.unassigned) == (14, 6, 6, 8, 2)
    assert result.rejected_rows == [
        (3, "no coordinates"),
        (4, "no coordinates"),
        (5, "coordinates are not numbers: 'abc', '28.05'"),
        (6, "coordinates out of range: 200.0, 28.05"),
        (7, "coordinates out of range: 121.15, 95.0"),
        (8, "duplicate id SJ01 (first in row 2)"),
        (11, "no id"),
        (15, "duplicate id SJ01 (first in row 2)"),
    ]
    assert grid_of(project) == {"SJ01": A, "SJ07": "", "SJ08": "", "SJ09": D, "SJ10": B, "SJ11": C}
    assert len(layer(project)) == 6
    json = result.to_json()
    assert json["rejected_rows"][0] == {"row": 3, "reason": "no coordinates"} and json["rejected"] == 8


def test_nothing_imported_from_a_bad_file(project, tmp_path):
    incidents(project, write(tmp_path / "good.csv", GOOD))
    before = layer(project).copy()
    for lines, message in ((["a,b", "1,2"], "no longitude/latitude columns"), ([""], "the file is empty")):
        with pytest.raises(GridMapError, match=message):
            incidents(project, write(tmp_path / "bad.csv", lines))
    with pytest.raises(GridMapError, match="file not found"):
        incidents(project, tmp_path / "missing.csv")
    with pytest.raises(GridMapError, match="old Excel .xls files"):
        incidents(project, write(tmp_path / "old.xls", ["x"]))
    pd.testing.assert_frame_equal(layer(project), before)


# --- swapped coordinates -----------------------------------------------------------------------------------------

SWAPPED = [HEADER,
           "SJ1,28.05,121.05,2026-01-05,盗窃,结案",
           "SJ2,28.05,121.15,2026-01-05,盗窃,结案",
           "SJ3,28.15,121.05,2026-01-05,盗窃,结案",
           "SJ4,28.15,121.15,2026-01-05,盗窃,结案",
           "SJ5,121.05,28.15,2026-01-05,盗窃,结案"]


def test_swapped_columns_stop_the_import(project, tmp_path):
    path = write(tmp_path / "swapped.csv", SWAPPED)
    with pytest.raises(GridMapError, match=r"longitude and latitude look swapped \(4 rows, e\.g\. 28\.05, 121\.05\); "
                                           r"swap them \(--fix-swapped\)") as err:
        incidents(project, path)
    assert err.value.path == path
    assert "incidents" not in project.layers


def test_swapped_columns_fixed(project, tmp_path):
    result = incidents(project, write(tmp_path / "swapped.csv", SWAPPED), fix_swapped=True)
    assert (result.rows, result.imported, result.rejected, result.swapped, result.unassigned) == (5, 5, 0, 4, 0)
    assert grid_of(project) == {"SJ1": A, "SJ2": B, "SJ3": C, "SJ4": D, "SJ5": C}
    assert layer(project)["lon"].tolist() == [121.05, 121.15, 121.05, 121.15, 121.05]


def test_swapped_columns_chosen_the_other_way(project, tmp_path):
    result = incidents(project, write(tmp_path / "swapped.csv", SWAPPED[:-1]), columns={"lon": "纬度", "lat": "经度"})
    assert (result.imported, result.swapped) == (4, 0)
    assert grid_of(project) == {"SJ1": A, "SJ2": B, "SJ3": C, "SJ4": D}


def test_a_few_swapped_rows(project, tmp_path):
    lines = GOOD + ["SJ005,28.05,121.05,2026-01-05,盗窃,结案", "SJ006,28.15,121.15,2026-01-05,盗窃,结案"]
    path = write(tmp_path / "some.csv", lines)
    result = incidents(project, path)
    assert (result.rows, result.imported, result.rejected, result.swapped) == (6, 4, 2, 0)
    assert result.rejected_rows == [(6, "longitude and latitude look swapped"),
                                    (7, "longitude and latitude look swapped")]
    fixed = Project(grids(), {})
    result = incidents(fixed, path, fix_swapped=True)
    assert (result.rows, result.imported, result.rejected, result.swapped) == (6, 6, 0, 2)
    assert grid_of(fixed) == {"SJ001": A, "SJ002": B, "SJ003": C, "SJ004": D, "SJ005": A, "SJ006": D}


def test_swapped_without_grids_uses_china(tmp_path):
    empty = Project(grids().iloc[:0], {})
    lines = [HEADER, "SJ1,28.05,121.05,2026-01-05,盗窃,结案", "SJ2,121.05,28.05,2026-01-05,盗窃,结案",
             "SJ3,116.4,39.9,2026-01-05,盗窃,结案"]
    records, result = read_records(RecordImportOptions(write(tmp_path / "s.csv", lines), "incidents"))
    assert result.rejected_rows == [(2, "longitude and latitude look swapped")]
    assert records["id"].tolist() == ["SJ2", "SJ3"]
    assert incidents(empty, tmp_path / "s.csv").unassigned == 2


# --- coordinates: GCJ-02, BD-09 and projected -------------------------------------------------------------------

# WGS84 points 300 m inside a grid's east edge (and others near edges): GCJ-02 moves them about 400 m east
# (BD-09 about 1 km), so read as WGS84 the first four fall in the neighbouring grid or outside every grid. Tested
# below so that the conversion visibly matters.
NEAR_EDGE = {"P1": (121.097, 28.05, A), "P2": (121.197, 28.05, B), "P3": (121.097, 28.15, C),
             "P4": (121.197, 28.197, D), "P5": (121.103, 28.097, B), "P6": (121.0015, 28.0015, A),
             "P7": (121.05, 28.103, C)}


@pytest.mark.parametrize("coords", ["gcj02", "bd09"])
def test_gcj02_and_bd09_points_land_in_the_right_grids(project, tmp_path, coords):
    ids = list(NEAR_EDGE)
    lon, lat = from_wgs84(np.array([NEAR_EDGE[i][0] for i in ids]), np.array([NEAR_EDGE[i][1] for i in ids]), coords)
    lines = ["编号,lng,lat"] + [f"{i},{x:.9f},{y:.9f}" for i, x, y in zip(ids, lon, lat)]
    path = write(tmp_path / f"{coords}.csv", lines)
    naive = Project(grids(), {})
    import_records(naive, RecordImportOptions(path, "venues"))
    wrong = [i for i in ids if grid_of(naive, "venues")[i] != NEAR_EDGE[i][2]]  # unconverted
    assert wrong[:4] == ["P1", "P2", "P3", "P4"]
    result = import_records(project, RecordImportOptions(path, "venues", coords=coords))
    assert (result.rows, result.imported, result.rejected, result.unassigned) == (7, 7, 0, 0)
    assert grid_of(project, "venues") == {i: NEAR_EDGE[i][2] for i in ids}
    frame = layer(project, "venues")
    np.testing.assert_allclose(frame["lon"], [NEAR_EDGE[i][0] for i in ids], atol=1e-7)
    np.testing.assert_allclose(frame["lat"], [NEAR_EDGE[i][1] for i in ids], atol=1e-7)


def test_projected_csv(project, tmp_path):
    ids = list(NEAR_EDGE)
    to_gk = Transformer.from_crs(4490, 4549, always_xy=True)
    x, y = to_gk.transform([NEAR_EDGE[i][0] for i in ids], [NEAR_EDGE[i][1] for i in ids])
    lines = ["事件编号,X坐标,Y坐标,上报时间"] + [f"{i},{a:.3f},{b:.3f},2026-01-05" for i, a, b in zip(ids, x, y)]
    lines.append("P8,99999999,3100000,2026-01-05")  # far out of the projection's range
    path = write(tmp_path / "gk.csv", lines, "gbk")
    result = incidents(project, path, coords="EPSG:4549")
    assert result.columns["lon"] == "X坐标" and result.columns["lat"] == "Y坐标"
    assert (result.rows, result.imported, result.rejected, result.unassigned) == (8, 7, 1, 0)
    assert result.rejected_rows[0][0] == 9 and result.rejected_rows[0][1].startswith("coordinates out of range")
    assert grid_of(project) == {i: NEAR_EDGE[i][2] for i in ids}
    np.testing.assert_allclose(layer(project)["lon"], [NEAR_EDGE[i][0] for i in ids], atol=1e-7)
    with pytest.raises(GridMapError, match="unknown coordinate system"):
        incidents(project, path, coords="EPSG:0")


# --- merging: re-importing does not duplicate -------------------------------------------------------------------

def test_reimport_updates_instead_of_duplicating(project, tmp_path):
    path = write(tmp_path / "事件.csv", GOOD, "gbk")
    first = incidents(project, path)
    assert (first.new, first.updated) == (4, 0)
    again = incidents(project, path)
    assert (again.rows, again.imported, again.new, again.updated, again.rejected) == (4, 4, 0, 4, 0)
    assert len(layer(project)) == 4 and layer(project)["id"].is_unique
    changed = [HEADER, "SJ002,121.15,28.15,2026-01-05 09:00:00,诈骗,结案",  # moved to D and closed
               "SJ005,121.05,28.05,2026-02-01 09:00:00,盗窃,上报"]
    third = incidents(project, write(tmp_path / "更新.csv", changed, "gbk"))
    assert (third.imported, third.new, third.updated) == (2, 1, 1)
    assert len(layer(project)) == 5
    frame = layer(project).set_index("id")
    assert frame.loc["SJ002", "status"] == "结案" and frame.loc["SJ002", "grid_code"] == D
    assert frame.loc["SJ001", "grid_code"] == A and frame.loc["SJ005", "grid_code"] == A


def test_reimport_without_id_column(project, tmp_path):
    lines = ["经度,纬度,上报时间,事件类别", "121.05,28.05,2026-01-05 08:30,盗窃", "121.15,28.05,2026-01-05 08:30,盗窃",
             "121.05,28.05,2026-01-05 08:31,盗窃", "121.05,28.15,2026-01-05 08:30,诈骗"]
    path = write(tmp_path / "noid.csv", lines, "gbk")
    first = incidents(project, path)
    assert (first.imported, first.new, first.updated) == (4, 4, 0)
    ids = layer(project)["id"].tolist()
    assert len(set(ids)) == 4 and all(i.startswith("R") for i in ids)
    again = incidents(project, path)
    assert (again.imported, again.new, again.updated) == (4, 0, 4)
    assert len(layer(project)) == 4 and sorted(layer(project)["id"]) == sorted(ids)
    # The same records in a UTF-8 copy of the file are the same records.
    utf8 = incidents(project, write(tmp_path / "noid-utf8.csv", lines, "utf-8-sig"))
    assert (utf8.new, utf8.updated) == (0, 4) and len(layer(project)) == 4


def test_identical_rows_without_id_column(project, tmp_path):
    lines = ["经度,纬度,事件类别", "121.05,28.05,盗窃", "121.05,28.05,盗窃", "121.15,28.05,盗窃"]
    path = write(tmp_path / "twice.csv", lines)
    first = incidents(project, path)
    assert (first.rows, first.imported, first.new) == (3, 3, 3)
    assert layer(project)["id"].is_unique
    again = incidents(project, path)
    assert (again.imported, again.new, again.updated) == (3, 0, 3)
    assert len(layer(project)) == 3 and layer(project)["id"].is_unique


def test_persons_use_the_id_number_as_id(project, tmp_path):
    lines = ["姓名,身份证号,经度,纬度", "张三,331002199001011234,121.05,28.05", "李四,33100219851231002X,121.15,28.15"]
    path = write(tmp_path / "人员.csv", lines, "gbk")
    import_records(project, RecordImportOptions(path, "persons"))
    again = import_records(project, RecordImportOptions(path, "persons"))
    assert (again.new, again.updated) == (0, 2)
    assert layer(project, "persons")["id"].tolist() == ["331002199001011234", "33100219851231002X"]


def test_reimport_keeps_manual_assignments(project, tmp_path):
    from gridmap.core.records.assign import set_overrides

    path = write(tmp_path / "事件.csv", GOOD, "gbk")
    incidents(project, path)
    set_overrides(project, "incidents", ["SJ001"], D, "地址在丁网格")
    result = incidents(project, path)
    assert result.updated == 4 and grid_of(project) == {"SJ001": D, "SJ002": B, "SJ003": C, "SJ004": D}


# --- workers -----------------------------------------------------------------------------------------------------

def test_workers_with_several_grids(project, tmp_path):
    lines = ["姓名,联系电话,工号,网格编码,角色",
             f"张三,13812345678,WGY001,{A};{B},专职网格员",   # row 2
             f"李四,13900001111,WGY002,{A}、{C},兼职网格员",  # row 3
             f"王五,13700002222,WGY003, {D} ,专职网格员",     # row 4
             "赵六,13600003333,WGY004,331002009009,专职网格员",  # row 5: no such grid
             f"钱七,13500004444,WGY005,{A}，{B} {C},兼职网格员",  # row 6
             f"孙八,13400005555,WGY006,{B};331002009009;331002009008,兼职网格员",  # row 7
             "周九,13300006666,WGY007,,兼职网格员",            # row 8: no grid yet
             f"吴十,13200007777,,{A},兼职网格员"]              # row 9: no id
    path = write(tmp_path / "网格员.csv", lines, "gbk")
    result = import_records(project, RecordImportOptions(path, "workers"))
    assert result.columns == {"id": "工号", "name": "姓名", "phone": "联系电话", "role": "角色", "grid_code": "网格编码"}
    assert (result.rows, result.imported, result.rejected, result.unassigned) == (8, 5, 3, 1)
    assert result.rejected_rows == [(5, "unknown grid code 331002009009"),
                                    (7, "unknown grid code 331002009009, 331002009008"), (9, "no id")]
    assert grid_of(project, "workers") == {"WGY001": f"{A};{B}", "WGY002": f"{A};{C}", "WGY003": D,
                                           "WGY005": f"{A};{B};{C}", "WGY007": ""}
    assert "lon" not in layer(project, "workers").columns
    again = import_records(project, RecordImportOptions(path, "workers"))
    assert (again.new, again.updated) == (0, 5) and len(layer(project, "workers")) == 5


def test_workers_need_a_grid_column(project, tmp_path):
    path = write(tmp_path / "w.csv", ["姓名,工号", "张三,1"])
    with pytest.raises(GridMapError, match="no grid code column found for the workers"):
        import_records(project, RecordImportOptions(path, "workers"))


def test_unknown_kind(project, tmp_path):
    with pytest.raises(GridMapError, match="unknown record kind 'cars'"):
        import_records(project, RecordImportOptions(write(tmp_path / "x.csv", GOOD), "cars"))


# --- save and reload ---------------------------------------------------------------------------------------------

def test_save_and_reload_keeps_columns_types_and_ids(project, tmp_path):
    lines = [HEADER + ",发生地址,事件描述,楼栋号",
             "SJ001,121.05,28.05,2026-01-05 08:30:00,盗窃,结案,椒江区1号,\"电动车被盗, 价值3000元\",007",
             "SJ002,121.5,28.5,2026-01-05 09:00:15,诈骗,上报,,,"]
    incidents(project, write(tmp_path / "事件.csv", lines, "gbk"))
    persons = ["人员编号,姓名,身份证号,联系电话,经度,纬度,人员类别",
               "000123,张三,331002199001011234,013812345678,121.15,28.05,刑满释放",
               "000124,李四,33100219851231002X,13900001111,121.15,28.15,吸毒"]
    import_records(project, RecordImportOptions(write(tmp_path / "人员.csv", persons, "gbk"), "persons"))
    workers = ["姓名,工号,网格编码", f"张三,0001,{A};{B}"]
    import_records(project, RecordImportOptions(write(tmp_path / "网格员.csv", workers), "workers"))
    from gridmap.core.records.assign import set_overrides

    set_overrides(project, "persons", ["000123"], C, "住在丙网格")
    path = tmp_path / "项目.gpkg"
    GpkgStore(path).save(project)
    loaded = GpkgStore(path).load()
    assert set(loaded.layers) == {"incidents", "persons", "workers"}
    for kind in ("incidents", "persons", "workers"):
        before, after = project.layers[kind], loaded.layers[kind]
        assert list(after.columns) == list(before.columns), kind
        for col in before.columns:
            assert after[col].tolist() == before[col].tolist(), (kind, col)
            compact = kind != "workers" and col in CODED  # repetitive text is read back as a categorical
            expected = "category" if compact else before[col].dtype
            assert after[col].dtype == expected, (kind, col, after[col].dtype, before[col].dtype)
    assert loaded.layers["incidents"]["reported_at"].dtype == "datetime64[ns]"
    assert loaded.layers["incidents"]["reported_at"].tolist() == [pd.Timestamp("2026-01-05 08:30:00"),
                                                                  pd.Timestamp("2026-01-05 09:00:15")]
    assert loaded.layers["incidents"]["楼栋号"].tolist() == ["007", ""]
    assert loaded.layers["persons"]["id"].tolist() == ["000123", "000124"]
    assert loaded.layers["persons"]["id_number"].tolist() == ["331002199001011234", "33100219851231002X"]
    assert loaded.layers["persons"]["phone"].tolist() == ["013812345678", "13900001111"]
    assert loaded.layers["persons"]["grid_code"].tolist() == [C, D]
    assert loaded.layers["workers"]["id"].tolist() == ["0001"]
    assert loaded.meta["overrides"]["persons"]["000123"]["grid"] == C
    # QGIS sees point layers in CGCS2000
    info = pyogrio.read_info(path, layer="incidents")
    assert info["geometry_type"] == "Point" and info["crs"] == "EPSG:4490" and info["features"] == 2
    # Importing into the reloaded project still merges by id.
    again = import_records(loaded, RecordImportOptions(tmp_path / "人员.csv", "persons"))
    assert (again.new, again.updated) == (0, 2) and loaded.layers["persons"]["grid_code"].tolist() == [C, D]


def test_save_and_reload_without_times(project, tmp_path):
    incidents(project, write(tmp_path / "t.csv", ["编号,经度,纬度", "1,121.05,28.05", "2,121.15,28.05"]))
    path = tmp_path / "p.gpkg"
    GpkgStore(path).save(project)
    loaded = GpkgStore(path).load().layers["incidents"]
    assert loaded["reported_at"].dtype == "datetime64[ns]" and loaded["reported_at"].isna().all()
    assert loaded["id"].tolist() == ["1", "2"] and loaded["grid_code"].tolist() == [A, B]
