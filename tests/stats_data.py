"""A hand-built project with record layers whose statistics are counted by hand in the tests.

Grids (given out of code order): 海门街道 A1 A2 (和平社区) A3 (东山社区), 白云街道 B1, 东城街道 C1 C2
(和平社区, the same community name in another street). Incidents: 5 盗窃, 3 诈骗, 1 矛盾纠纷; two outside every grid.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from gridmap.core.project.model import Project

A1, A2, A3, B1, C1, C2 = ("331002001001", "331002001002", "331002001003", "331002002001", "331003001001",
                          "331003001002")

GRIDS = [  # code, name, district, street, community
    (C2, "东城第二网格", "黄岩区", "东城街道", "和平社区"),
    (A2, "海门第二网格", "椒江区", "海门街道", "和平社区"),
    (A1, "海门第一网格", "椒江区", "海门街道", "和平社区"),
    (B1, "白云第一网格", "椒江区", "白云街道", "白云社区"),
    (A3, "海门第三网格", "椒江区", "海门街道", "东山社区"),
    (C1, "东城第一网格", "黄岩区", "东城街道", "和平社区"),
]

INCIDENTS = [  # grid, category, status, reported at
    (A1, "盗窃", "结案", "2026-01-01 00:00:00"),
    (A1, "盗窃", "上报", "2026-01-05 23:59:59"),
    (A1, "诈骗", "结案", "2026-01-06 00:00:00"),
    (A2, "盗窃", "结案", "2026-01-10 12:00:00"),
    (A3, "矛盾纠纷", "受理", "2026-01-31 23:00:00"),
    (B1, "盗窃", "结案", "2026-02-01 00:00:00"),
    (C1, "诈骗", "派遣", "2026-02-15 10:00:00"),
    ("", "盗窃", "结案", "2026-01-03 08:00:00"),
    ("", "诈骗", "上报", "2026-03-01 08:00:00"),
]

WORKERS = [  # name, phone, role, grids
    ("张三", "13812345678", "专职网格员", f"{A1};{A2}"),
    ("李四", "13900001111", "兼职网格员", A1),
    ("王五", "13700002222", "专职网格员", f"{C1}、{B1}"),
    ("赵六", "13600003333", "兼职网格员", ""),
]

PERSONS = [(A1, "刑满释放"), (A1, "吸毒"), (A1, "刑满释放"), (C1, "社区矫正")]
VENUES = [(A1, "小餐饮"), (B1, "小旅馆"), (B1, "小餐饮"), ("", "小诊所")]


def _text(values) -> pd.Series:
    return pd.Series(values, dtype="str")


CODES = sorted(g[0] for g in GRIDS)


def _lon(codes) -> list[float]:
    """Longitudes of points in the middle of each grid (latitude 28.655), far west of them all for ``""``."""
    return [121.405 + 0.01 * CODES.index(c) if c else 121.0 for c in codes]


def stats_grids() -> gpd.GeoDataFrame:
    """Six 0.01° squares in a row, west to east in code order."""
    boxes = {code: shapely.box(121.40 + 0.01 * i, 28.65, 121.41 + 0.01 * i, 28.66) for i, code in enumerate(CODES)}
    frame = pd.DataFrame(GRIDS, columns=["code", "name", "district", "street", "community"])
    frame["households"] = pd.array([300] * len(frame), dtype="Int64")
    return gpd.GeoDataFrame(frame, geometry=[boxes[c] for c in frame["code"]], crs=4490)


def stats_layers() -> dict[str, pd.DataFrame]:
    grid, category, status, at = zip(*INCIDENTS)
    incidents = pd.DataFrame({"id": _text([f"SJ{i}" for i in range(len(INCIDENTS))]), "category": _text(category),
                              "reported_at": pd.to_datetime(list(at)), "status": _text(status),
                              "lon": _lon(grid), "lat": 28.655, "grid_code": _text(grid)})
    name, phone, role, grids = zip(*WORKERS)
    workers = pd.DataFrame({"id": _text([f"W{i}" for i in range(len(WORKERS))]), "name": _text(name),
                            "phone": _text(phone), "role": _text(role), "grid_code": _text(grids)})
    persons = pd.DataFrame({"id": _text([f"P{i}" for i in range(len(PERSONS))]), "name": "某人",
                            "phone": "13800000000", "category": _text([p[1] for p in PERSONS]),
                            "lon": _lon(p[0] for p in PERSONS), "lat": 28.655,
                            "grid_code": _text([p[0] for p in PERSONS])})
    venues = pd.DataFrame({"id": _text([f"V{i}" for i in range(len(VENUES))]), "name": "某店",
                           "type": _text([v[1] for v in VENUES]),
                           "lon": _lon(v[0] for v in VENUES), "lat": 28.655,
                           "grid_code": _text([v[0] for v in VENUES])})
    return {"incidents": incidents, "persons": persons, "venues": venues, "workers": workers}


def stats_project(path=None) -> Project:
    """The project in memory; with ``path`` also saved there (a real .gpkg)."""
    project = Project(stats_grids(), {"format_version": 1}, None, stats_layers())
    if path is not None:
        from gridmap.store.gpkg import GpkgStore

        GpkgStore(path).save(project)
    return project
