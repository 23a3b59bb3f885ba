"""Tests for the deterministic sample city (gridmap.core.sample.city)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyogrio
import pyproj
import pytest
import shapely

from gridmap.core.sample import city as sample
from gridmap.core.errors import Cancelled

METRIC = 4549


@pytest.fixture(scope="module")
def grids():
    return sample.build_grids()


@pytest.fixture(scope="module")
def records(grids):
    return sample.build_records(grids)


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    return sample.write_sources(tmp_path_factory.mktemp("sources"))


def test_counties_file():
    counties = sample.read_counties()
    assert list(counties["code"]) == list(sample.COUNTIES)
    assert list(counties["name"]) == list(sample.COUNTIES.values())
    assert counties.crs.to_epsg() == 4490
    assert counties.is_valid.all()
    metric = counties.to_crs(METRIC).geometry.to_numpy()
    assert shapely.union_all(metric).area == pytest.approx(shapely.area(metric).sum(), rel=1e-6)
    minx, miny, maxx, maxy = counties.total_bounds
    assert 120.0 < minx < maxx < 122.5 and 27.9 < miny < maxy < 29.6


def test_grid_columns_and_counts(grids):
    assert list(grids.columns) == ["code", "name", "district", "street", "community", "households", "geometry"]
    assert grids.crs.to_epsg() == 4490
    assert len(grids) == 6917
    by_county = grids.groupby(grids["code"].str[:6]).size().to_dict()
    assert by_county == sample.GRID_COUNTS
    assert 110 <= grids["street"].nunique() <= 140


def test_codes_and_names(grids):
    assert grids["code"].is_unique and grids["name"].is_unique
    assert grids["code"].str.fullmatch(r"\d{12}").all()
    codes = {name: code for code, name in sample.COUNTIES.items()}
    assert (grids["code"].str[:6] == grids["district"].map(codes)).all()
    assert grids["community"].str.endswith(("村", "社区")).all()
    per_community = grids.groupby(["street", "community"]).size()
    assert per_community.between(1, 6).all()
    assert grids.groupby("street")["code"].agg(lambda c: c.str[:9].nunique()).eq(1).all()
    assert grids["households"].between(50, 600).all()


def test_geometries_partition_counties(grids):
    assert grids.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert grids.is_valid.all() and not grids.is_empty.any()
    metric = grids.to_crs(METRIC).geometry.to_numpy()
    assert (shapely.area(metric) > 0).all()
    union = shapely.union_all(metric).area
    assert shapely.area(metric).sum() == pytest.approx(union, rel=1e-4)
    counties = sample.read_counties().to_crs(METRIC)
    assert union == pytest.approx(counties.area.sum(), rel=1e-3)
    for code, county in zip(counties["code"], counties.geometry):
        part = metric[(grids["code"].str[:6] == code).to_numpy()]
        assert shapely.union_all(part).area == pytest.approx(county.area, rel=1e-3)


def test_streets_are_denser(grids):
    area = grids.to_crs(METRIC).area
    kind = grids["street"].str[-1]
    assert area[kind == "道"].median() < area[kind == "镇"].median() < area[kind == "乡"].median()


def test_deterministic(grids):
    again = sample.build_grids(2026)
    pd.testing.assert_frame_equal(grids.drop(columns="geometry"), again.drop(columns="geometry"))
    assert shapely.equals_exact(grids.geometry.to_numpy(), again.geometry.to_numpy(), tolerance=0).all()
    other = sample.build_grids(7)
    assert len(other) == 6917
    assert not other["name"].equals(grids["name"])
    assert not shapely.equals_exact(grids.geometry.to_numpy(), other.geometry.to_numpy(), tolerance=1e-9).all()


def _cancel_at(text: str, seen: list):
    """A progress callback that records its calls and cancels at the first message containing ``text``."""
    def progress(fraction: float, message: str) -> None:
        seen.append((fraction, message))
        if text in message:
            raise Cancelled()
    return progress


def test_progress_and_cancel():
    seen = []
    with pytest.raises(Cancelled):
        sample.build_grids(progress=_cancel_at("路桥区", seen))
    assert seen[0] == (0.0, "Generating grids for 椒江区")
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)


def test_cancelled_write_leaves_nothing(tmp_path):
    seen = []
    with pytest.raises(Cancelled):
        sample.write_sources(tmp_path, progress=_cancel_at("workers.csv", seen))
    assert list(tmp_path.iterdir()) == []
    assert all(0.0 <= f <= 1.0 for f, _ in seen)


def test_records_shape(records, grids):
    assert set(records) == {"incidents", "persons", "venues", "workers"}
    incidents = records["incidents"]
    assert len(incidents) == 20000 and incidents["id"].is_unique
    assert incidents["id"].str.fullmatch(r"SJ2026\d{6}").all()
    assert incidents["reported_at"].str.fullmatch(r"2026-\d\d-\d\d \d\d:\d\d:\d\d").all()
    pd.to_datetime(incidents["reported_at"], format="%Y-%m-%d %H:%M:%S")
    assert set(incidents["status"]) <= set(sample.STATUSES)
    assert (incidents["status"] == "结案").mean() > 0.9
    assert set(incidents["category"]) == set(sample.INCIDENT_CATEGORIES)
    households = grids["households"].sum()
    assert len(records["persons"]) == households // 300
    assert len(records["venues"]) == households // 150
    assert set(records["venues"]["type"]) <= set(sample.VENUE_TYPES)
    workers = records["workers"]
    assert workers["worker_id"].is_unique
    assert workers.groupby("grid_code").size().reindex(grids["code"]).between(1, 3).all()


def test_id_numbers_and_phones(records):
    persons = records["persons"]
    ids = persons["id_number"]
    assert ids.str.fullmatch(r"3310\d{13}[\dX]").all()
    assert ids.str[:6].isin(list(sample.COUNTIES)).all()
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    for number in ids.head(200):
        assert "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], weights)) % 11] == number[17]
    for frame in (persons, records["venues"], records["workers"]):
        assert frame["phone"].str.fullmatch(r"1[3-9]\d{9}").all()
    assert set(persons["category"]) <= set(sample.PERSON_CATEGORIES)


def test_records_inside_grids(records, grids):
    geoms = grids.geometry.to_numpy()
    union = shapely.union_all(geoms)
    shapely.prepare(union)
    for key in ("incidents", "persons", "venues"):
        frame = records[key]
        assert shapely.contains_xy(union, frame["lon"].to_numpy(), frame["lat"].to_numpy()).all(), key


def test_records_deterministic_and_large(grids, records):
    again = sample.build_records(grids)
    for key, frame in records.items():
        pd.testing.assert_frame_equal(frame, again[key])
    other = sample.build_records(grids, seed=1, incidents=100)
    assert len(other["incidents"]) == 100
    assert not other["persons"]["name"].equals(records["persons"]["name"])


def test_write_sources_files(sources):
    assert set(sources) == {"grids", "incidents", "persons", "venues", "workers", "tracks"}
    shp = sources["grids"]
    folder = shp.parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["taizhou_grids.shp", "taizhou_grids.shx", "taizhou_grids.dbf", "taizhou_grids.prj",
         "incidents.csv", "persons.csv", "venues.csv", "workers.csv", "tracks.csv"])
    assert not shp.with_suffix(".cpg").exists()


def test_tracks_walk_the_street_grids(records, grids):
    """One street's full-time workers walk their own grid on the day before the sample's today: a fix every 30 s
    while their app is on, steps of a walk, each shift's patrol in one piece."""
    tracks = sample.build_tracks(grids, records["workers"])
    workers = records["workers"].set_index("worker_id")
    street = grids[grids["street"] == sample.TRACK_STREET]
    assert tracks["worker_id"].nunique() == int(workers.loc[workers["grid_code"].isin(street["code"])
                                                            & (workers["role"] == "专职网格员")].shape[0])
    time = pd.to_datetime(tracks["time"])
    assert (time.dt.normalize() == sample.TODAY - pd.Timedelta(days=1)).all()
    home = street.set_index("code").geometry.loc[workers.loc[tracks["worker_id"], "grid_code"]].to_numpy()
    assert shapely.contains_xy(home, tracks["lon"].to_numpy(), tracks["lat"].to_numpy()).mean() > 0.99
    same = tracks["worker_id"].to_numpy()[1:] == tracks["worker_id"].to_numpy()[:-1]
    gap = np.diff(time.to_numpy()).astype("timedelta64[s]").astype(np.int64)
    breaks = same & (gap != 30)  # each worker: one break, from the morning's patrol to the afternoon's
    assert breaks.sum() == tracks["worker_id"].nunique() and (gap[breaks] >= 9000).all()
    metres = np.hypot(np.diff(tracks["lon"]) * 97_700, np.diff(tracks["lat"]) * 110_900)[same & (gap == 30)]
    assert np.percentile(metres, 99) < 60


def test_write_sources_dbf_is_gbk(sources):
    dbf = sources["grids"].with_suffix(".dbf").read_bytes()
    assert dbf[29] == 0
    header = int.from_bytes(dbf[8:10], "little")
    names = [dbf[32 + 32 * i: 43 + 32 * i].rstrip(b"\0").decode("ascii") for i in range((header - 33) // 32)]
    assert names == ["WGBM", "WGMC", "QXMC", "JDMC", "SQMC", "HS"]
    body = dbf[header:]
    text = body.decode("gbk")
    assert "椒江区" in text and "海门街道" in text
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_write_sources_shapefile_contents(sources, grids):
    shp = sources["grids"]
    prj = pyproj.CRS.from_wkt(shp.with_suffix(".prj").read_text())
    assert prj.to_epsg() == 4528
    assert pyogrio.read_info(shp)["encoding"] != "GBK"
    frame = pyogrio.read_dataframe(shp, encoding="GBK")
    assert len(frame) == 6917
    assert list(frame["WGBM"]) == list(grids["code"]) and list(frame["WGMC"]) == list(grids["name"])
    assert (frame["HS"].to_numpy() == grids["households"].to_numpy()).all()
    minx, miny, maxx, maxy = frame.total_bounds
    assert 40_300_000 < minx < maxx < 40_800_000 and 3_000_000 < miny < maxy < 3_300_000


def test_write_sources_csv_encodings(sources):
    raw = sources["incidents"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    incidents = pd.read_csv(sources["incidents"], encoding="gbk", dtype=str)
    assert len(incidents) == 20000 and incidents["事件编号"].iloc[0] == "SJ2026000001"
    assert list(incidents.columns[:4]) == ["事件编号", "事件类别", "上报时间", "办理状态"]
    for key in ("persons", "venues", "workers"):
        data = sources[key].read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        data.decode("utf-8")
    persons = pd.read_csv(sources["persons"], encoding="utf-8-sig", dtype=str)
    assert persons["身份证号"].str.len().eq(18).all()
