"""Point-in-grid assignment (GridLocator, assign_layer) and manual overrides, with exact expected answers.

The hand-made grids use coordinates that are exact binary fractions (0.25°, 0.125°) so that points lie exactly
on edges and corners::

    28.5  +------+------+      +-----------+      +-----------+               +-----+
          |  NW  |  NE  |      |  H        |      |  K        |               | M   |
          | 003  | 001  |      |   +---+   |      |   +---+   |               | 007 |
    28.25 +------+------+      |   | F |   |      |   |   |   |      +-----+  +-----+
          |  SW  |  SE  |      |   |009|   |      |   |   |   |      | M   |
          | 004  | 002  |      |   +---+   |      |   +---+   |      | 007 |
    28.0  +------+------+      +-----------+      +-----------+      +-----+
        121.0 121.25 121.5   121.75     122.25  122.5      123.0  123.25 123.5 123.75 124.0

H (005) has a hole that grid F (009) fills exactly; K (006) has a hole nothing fills; M (007) is one grid in two
parts. The boundary rule: a point on a boundary shared by several grids (or a grid's outer edge) goes to the
smallest code among the grids whose closed area contains it.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gridmap.core.records.assign import GridLocator, assign_layer, reassign_all, restore_overrides, set_overrides
from gridmap.core.errors import GridMapError
from gridmap.core.project.model import Project
from gridmap.core.project.kinds import empty_layer

NE, SE, NW, SW, H, K, M, F = (f"33100200100{i}" for i in (1, 2, 3, 4, 5, 6, 7, 9))


def square(x0, y0, x1, y1):
    return shapely.box(x0, y0, x1, y1)


def hand_grids() -> gpd.GeoDataFrame:
    hole_h = square(121.875, 28.125, 122.125, 28.375)
    hole_k = square(122.625, 28.125, 122.875, 28.375)
    rows = [  # not in code order, so that the row order and the code order differ
        (SW, square(121.0, 28.0, 121.25, 28.25)),
        (NE, square(121.25, 28.25, 121.5, 28.5)),
        (F, hole_h),
        (NW, square(121.0, 28.25, 121.25, 28.5)),
        (H, shapely.Polygon(square(121.75, 28.0, 122.25, 28.5).exterior.coords, [hole_h.exterior.coords])),
        (SE, square(121.25, 28.0, 121.5, 28.25)),
        (K, shapely.Polygon(square(122.5, 28.0, 123.0, 28.5).exterior.coords, [hole_k.exterior.coords])),
        (M, shapely.MultiPolygon([square(123.25, 28.0, 123.5, 28.25), square(123.75, 28.25, 124.0, 28.5)])),
    ]
    codes, geoms = zip(*rows)
    return gpd.GeoDataFrame({"code": list(codes), "name": [f"网格{c[-1]}" for c in codes], "district": "椒江区",
                             "street": "海门街道", "community": "东山社区",
                             "households": pd.array([300] * len(codes), dtype="Int64")},
                            geometry=list(geoms), crs=4490)


NAN = float("nan")
CASES = [  # (lon, lat, expected code or "" for none, what)
    (121.1, 28.1, SW, "inside SW"),
    (121.4, 28.1, SE, "inside SE"),
    (121.1, 28.4, NW, "inside NW"),
    (121.4, 28.4, NE, "inside NE"),
    (121.25, 28.1, SE, "edge SW|SE -> 002"),
    (121.25, 28.4, NE, "edge NW|NE -> 001"),
    (121.1, 28.25, NW, "edge SW|NW -> 003"),
    (121.4, 28.25, NE, "edge SE|NE -> 001"),
    (121.25, 28.25, NE, "corner of four -> 001"),
    (121.25, 28.0, SE, "outer corner of SW and SE -> 002"),
    (121.0, 28.25, NW, "outer corner of SW and NW -> 003"),
    (121.0, 28.1, SW, "outer west edge"),
    (121.1, 28.0, SW, "outer south edge"),
    (121.0, 28.0, SW, "outer south-west corner"),
    (121.5, 28.5, NE, "outer north-east corner"),
    (121.5, 28.1, SE, "outer east edge"),
    (121.25 - 1e-12, 28.1, SW, "just west of the SW|SE edge"),
    (121.25 + 1e-12, 28.1, SE, "just east of the SW|SE edge"),
    (121.1, 28.25 - 1e-12, SW, "just south of the SW|NW edge"),
    (121.5 + 1e-12, 28.1, "", "just outside the east edge"),
    (121.8, 28.1, H, "inside H"),
    (122.0, 28.25, F, "in H's hole, filled by F"),
    (121.875, 28.25, H, "on H's hole ring = F's edge -> 005"),
    (122.125, 28.375, H, "on a corner of H's hole"),
    (122.55, 28.1, K, "inside K"),
    (122.75, 28.25, "", "in K's empty hole"),
    (122.625, 28.25, K, "on K's hole ring"),
    (122.75, 28.125, K, "on K's hole ring (south)"),
    (122.625 + 1e-12, 28.25, "", "just inside K's hole"),
    (123.3, 28.1, M, "in M's first part"),
    (123.9, 28.4, M, "in M's second part"),
    (123.6, 28.25, "", "between M's parts"),
    (123.5, 28.25, M, "corner of M's first part"),
    (120.5, 28.25, "", "west of everything"),
    (121.6, 28.25, "", "gap between the squares and H"),
    (122.0, 29.0, "", "north of everything"),
    (124.0, 28.5, M, "the overall north-east corner"),
    (NAN, 28.1, "", "NaN lon"),
    (121.1, NAN, "", "NaN lat"),
    (float("inf"), 28.1, "", "infinite lon"),
]


def locate_codes(locator: GridLocator, codes: np.ndarray, x, y) -> list[str]:
    rows = locator.locate(np.asarray(x, float), np.asarray(y, float))
    return [codes[r] if r >= 0 else "" for r in rows]


def geos_codes(geoms, codes, x, y) -> np.ndarray:
    """The reference: GEOS intersects (closed areas), smallest code among the grids found, "" for none."""
    tree = shapely.STRtree(geoms)
    point, grid = tree.query(shapely.points(x, y), predicate="intersects")
    order = np.argsort(codes, kind="stable")
    rank = np.empty(len(codes), dtype=np.int64)
    rank[order] = np.arange(len(codes))
    best = np.full(len(x), len(codes), dtype=np.int64)
    np.minimum.at(best, point, rank[grid])
    sorted_codes = np.asarray(codes, dtype=object)[order]
    return np.where(best < len(codes), sorted_codes[np.minimum(best, len(codes) - 1)], "")


@pytest.mark.parametrize("cell", [None, 0.01, 0.0625, 0.125, 0.25, 0.5, 2.0])
def test_boundary_rule_on_hand_made_grids(cell):
    """Every case, with lattices whose cell edges (0.0625, 0.125, 0.25) or centres (0.5) fall on grid edges."""
    grids = hand_grids()
    codes = grids["code"].to_numpy(dtype=str)
    locator = GridLocator(grids.geometry.values, codes, cell=cell)
    x, y, expected, what = zip(*CASES)
    got = locate_codes(locator, codes, x, y)
    assert dict(zip(what, got)) == dict(zip(what, expected))
    assert (np.array(got) == "").sum() == 10
    # the same as GEOS with the rule (NaN and inf points are in no grid there either)
    assert got == list(geos_codes(grids.geometry.values, codes, np.array(x), np.array(y)))


def test_counts_over_a_dense_lattice_of_points():
    """A lattice of 0.0625° steps over everything: many points on edges, corners and hole rings."""
    grids = hand_grids()
    codes = grids["code"].to_numpy(dtype=str)
    xs, ys = np.meshgrid(np.arange(120.9375, 124.0626, 0.0625), np.arange(27.9375, 28.5626, 0.0625))
    x, y = xs.ravel(), ys.ravel()
    got = np.array(locate_codes(GridLocator(grids.geometry.values, codes), codes, x, y))
    counts = pd.Series(got).value_counts().to_dict()
    assert len(x) == 51 * 11 == 561
    # The 2x2 block holds 9 x 9 lattice points; the smallest code takes its whole closed area first:
    # NE (001) 5 x 5, SE (002) 5 x 4 (its top row is NE's), NW (003) 4 x 5, SW (004) the 4 x 4 left.
    # H's closed outline holds 9 x 9 points; the 3 x 3 strictly inside its hole are F's (its ring is H's).
    # K likewise, but the 3 x 3 inside its hole are in no grid. M: two parts of 5 x 5.
    assert counts == {NE: 25, SE: 20, NW: 20, SW: 16, H: 72, F: 9, K: 72, M: 50,
                      "": 561 - 81 - 81 - 72 - 50}
    assert list(got) == list(geos_codes(grids.geometry.values, codes, x, y))


def test_no_grids_and_no_points():
    empty = GridLocator(np.array([], dtype=object), np.array([], dtype=str))
    assert empty.locate([121.0, NAN], [28.0, 28.0]).tolist() == [-1, -1]
    grids = hand_grids()
    locator = GridLocator(grids.geometry.values, grids["code"].to_numpy(dtype=str))
    assert locator.locate([], []).tolist() == []


def test_overlapping_grids_follow_the_rule():
    """Grids that overlap (a drawing error) still give the smallest code where they overlap."""
    geoms = np.array([square(121.0, 28.0, 121.3, 28.3), square(121.2, 28.2, 121.5, 28.5),
                      square(121.1, 28.1, 121.4, 28.4)], dtype=object)
    codes = np.array(["3", "1", "2"])
    rng = np.random.default_rng(5)
    x, y = rng.uniform(120.95, 121.55, 50_000), rng.uniform(27.95, 28.55, 50_000)
    x[:2000] = np.round(x[:2000], 1)  # many on the edges
    got = locate_codes(GridLocator(geoms, codes), codes, x, y)
    assert got == list(geos_codes(geoms, codes, x, y))
    assert locate_codes(GridLocator(geoms, codes), codes, [121.25, 121.15, 121.05], [28.25, 28.15, 28.05]) == \
        ["1", "2", "3"]


# --- property check on the sample city ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_grids():
    from gridmap.core.sample.city import build_grids

    return build_grids()


def test_random_points_on_the_sample_city_agree_with_geos(sample_grids):
    geoms = sample_grids.geometry.values
    codes = sample_grids["code"].to_numpy(dtype=str)
    minx, miny, maxx, maxy = sample_grids.total_bounds
    rng = np.random.default_rng(2026)
    n = 200_000
    x = rng.uniform(minx - 0.01, maxx + 0.01, n)
    y = rng.uniform(miny - 0.01, maxy + 0.01, n)
    # a quarter of them exactly on vertices or on (or a hair off) the grids' edges, where the rule decides
    coords = shapely.get_coordinates(shapely.get_exterior_ring(shapely.get_parts(geoms)))
    k = n // 4
    pick = rng.integers(0, len(coords) - 1, k)
    t = rng.choice([0.0, 0.5, rng.random()], k)
    x[:k] = coords[pick, 0] + t * (coords[pick + 1, 0] - coords[pick, 0])
    y[:k] = coords[pick, 1] + t * (coords[pick + 1, 1] - coords[pick, 1])
    x[k:k + 1000] += rng.choice([-1e-10, 1e-10, -1e-8, 1e-8], 1000)
    locator = GridLocator(geoms, codes)
    got = locator.locate(x, y)
    got_codes = np.where(got >= 0, codes[np.maximum(got, 0)], "")
    expected = geos_codes(geoms, codes, x, y)
    disagree = np.flatnonzero(got_codes != expected)
    assert len(disagree) == 0, list(zip(x[disagree][:5], y[disagree][:5], got_codes[disagree][:5],
                                        expected[disagree][:5]))
    assert (got_codes == "").sum() == (expected == "").sum() > 0


# --- assign_layer and manual overrides -------------------------------------------------------------------------

def project_with(points: dict[str, tuple[float, float]]) -> Project:
    layer = empty_layer("incidents")
    records = pd.DataFrame({"id": pd.Series(list(points), dtype="str"),
                            "lon": [p[0] for p in points.values()], "lat": [p[1] for p in points.values()]})
    layer = pd.concat([layer, records], ignore_index=True)
    for col in ("category", "status", "source", "address", "description", "grid_code"):
        layer[col] = layer[col].fillna("").astype("str")
    project = Project(hand_grids(), {"format_version": 1}, None, {"incidents": layer})
    assign_layer(project, "incidents")
    return project


POINTS = {"E1": (121.1, 28.1), "E2": (121.4, 28.1), "E3": (121.25, 28.25), "E4": (120.5, 28.0),
          "E5": (122.0, 28.25), "E6": (123.9, 28.4)}


def codes_of(project) -> dict[str, str]:
    layer = project.layers["incidents"]
    return dict(zip(layer["id"], layer["grid_code"]))


AUTO = {"E1": SW, "E2": SE, "E3": NE, "E4": "", "E5": F, "E6": M}


def test_assign_layer():
    project = project_with(POINTS)
    assert codes_of(project) == AUTO
    assert project.layers["incidents"]["grid_code"].dtype == "str"


def test_overrides_move_records_and_need_a_reason():
    project = project_with(POINTS)
    for reason in ("", "   "):
        with pytest.raises(GridMapError, match="needs a reason"):
            set_overrides(project, "incidents", ["E1"], NW, reason)
    with pytest.raises(GridMapError, match="no grid with code '?331002009009"):
        set_overrides(project, "incidents", ["E1"], "331002009009", "地址有误")
    assert codes_of(project) == AUTO and not project.meta.get("overrides", {}).get("incidents")
    previous = set_overrides(project, "incidents", ["E1", "E4"], NW, " 实际地址在西北网格 ")
    assert previous == {"E1": None, "E4": None}
    assert codes_of(project) == {**AUTO, "E1": NW, "E4": NW}
    stored = project.meta["overrides"]["incidents"]
    assert set(stored) == {"E1", "E4"}
    assert stored["E1"]["grid"] == NW and stored["E1"]["reason"] == "实际地址在西北网格" and stored["E1"]["at"]
    # out of every grid by hand ("" is allowed, with a reason)
    set_overrides(project, "incidents", ["E2"], "", "不属于本辖区")
    assert codes_of(project)["E2"] == ""
    # removing needs no reason
    set_overrides(project, "incidents", ["E2"], None)
    assert codes_of(project) == {**AUTO, "E1": NW, "E4": NW}


def test_overrides_survive_reassignment_after_grid_changes():
    project = project_with(POINTS)
    set_overrides(project, "incidents", ["E1"], NE, "手工指定")
    assign_layer(project, "incidents")
    assert codes_of(project) == {**AUTO, "E1": NE}
    # SE grows west over SW's half: E1 (121.1, 28.1) is now in SE and SW is smaller; the override still wins,
    # the other records follow the new geometry.
    grids = project.grids
    grids.loc[grids["code"] == SE, "geometry"] = square(121.05, 28.0, 121.5, 28.25)
    grids.loc[grids["code"] == SW, "geometry"] = square(121.0, 28.0, 121.05, 28.25)
    project.layers["incidents"].loc[project.layers["incidents"]["id"] == "E3", ["lon", "lat"]] = (121.2, 28.1)
    reassign_all(project)
    assert codes_of(project) == {**AUTO, "E1": NE, "E3": SE}
    # the overridden grid is deleted: the record falls back to where its point lies
    project.grids = grids[grids["code"] != NE].reset_index(drop=True)
    reassign_all(project)
    assert codes_of(project) == {**AUTO, "E1": SE, "E3": SE}
    assert project.meta["overrides"]["incidents"]["E1"]["grid"] == NE  # kept, in case the grid comes back


def test_restore_overrides_undoes():
    project = project_with(POINTS)
    first = set_overrides(project, "incidents", ["E1"], NW, "第一次")
    first_entry = dict(project.meta["overrides"]["incidents"]["E1"])
    second = set_overrides(project, "incidents", ["E1", "E2"], NE, "第二次")
    assert second == {"E1": first_entry, "E2": None}
    assert codes_of(project) == {**AUTO, "E1": NE, "E2": NE}
    restore_overrides(project, "incidents", second)
    assert codes_of(project) == {**AUTO, "E1": NW}
    assert project.meta["overrides"]["incidents"] == {"E1": first_entry}
    restore_overrides(project, "incidents", first)
    assert codes_of(project) == AUTO and project.meta["overrides"]["incidents"] == {}
    removed = set_overrides(project, "incidents", ["E5"], SW, "临时")
    removal = set_overrides(project, "incidents", ["E5"], None)
    assert codes_of(project) == AUTO
    restore_overrides(project, "incidents", removal)
    assert codes_of(project) == {**AUTO, "E5": SW}
    restore_overrides(project, "incidents", removed)
    assert codes_of(project) == AUTO


def test_workers_keep_only_existing_grids():
    workers = pd.DataFrame({"id": pd.Series(["W1", "W2", "W3"], dtype="str"), "name": "张三", "phone": "",
                            "role": "专职网格员",
                            "grid_code": pd.Series([f"{SW};{NE}", f"{NE}", ""], dtype="str")})
    project = Project(hand_grids(), {}, None, {"workers": workers})
    assign_layer(project, "workers")
    assert project.layers["workers"]["grid_code"].tolist() == [f"{SW};{NE}", NE, ""]
    project.grids = project.grids[project.grids["code"] != NE].reset_index(drop=True)
    reassign_all(project)
    assert project.layers["workers"]["grid_code"].tolist() == [SW, "", ""]
    set_overrides(project, "workers", ["W3"], SE, "新分配")
    assert project.layers["workers"]["grid_code"].tolist() == [SW, "", SE]


def test_replacing_the_grids_forgets_what_was_derived_from_them():
    """The locator is built once per grids (kept in ``project.derived``); assigning new grids empties it, so no
    caller has to say the grids changed (issue 16)."""
    from gridmap.core.records.assign import grid_locator

    project = project_with(POINTS)
    locator = grid_locator(project)
    assert grid_locator(project) is locator
    project.meta["x"] = 1  # other changes keep it
    assert grid_locator(project) is locator
    project.grids = project.grids[project.grids["code"] != NE].reset_index(drop=True)
    assert project.derived == {}
    assign_layer(project, "incidents")
    assert grid_locator(project) is not locator
    assert codes_of(project)["E3"] != NE  # the removed grid


def test_core_imports_neither_the_store_nor_ops():
    """Core is pure domain: no module of gridmap.core imports gridmap.store or gridmap.ops, even inside a
    function (issue 16)."""
    import ast
    from pathlib import Path

    import gridmap.core

    found = []
    for path in Path(gridmap.core.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.name}: {n}" for n in names if n.split(".")[:2] in (["gridmap", "store"],
                                                                                   ["gridmap", "ops"])]
    assert found == []
