"""Workload balance on grids built here: exact workload counts and status flags, the adjacency of a 3x3 block
(also with noisy shared edges), and suggested transfers with exact households, that keep the partition and
every grid in one piece when applied; timings on the sample city printed."""

import time

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from gridmap.core.grids import balance

from gridmap.core.grids import edits
from gridmap.core.project.model import Project

X0, Y0, D = 121.40, 28.60, 0.01
GEOD = Geod(ellps="GRS80")


def project_of(geometries, households, streets=None) -> Project:
    """Grids ``g1``, ``g2``… with these geometries and households, in one community (or ``streets``)."""
    n = len(geometries)
    grids = gpd.GeoDataFrame({
        "code": [f"g{k + 1}" for k in range(n)], "name": [f"网格{k + 1}" for k in range(n)],
        "district": ["椒江区"] * n, "street": streets or ["海门街道"] * n, "community": ["东山社区"] * n,
        "households": pd.array(households, dtype="Int64")}, geometry=list(geometries), crs=4490)
    return Project(grids, {"sources": [{"crs": "EPSG:4490"}]})


def row(*households) -> Project:
    """A row of 0.01° squares from west to east."""
    return project_of([shapely.box(X0 + k * D, Y0, X0 + (k + 1) * D, Y0 + D) for k in range(len(households))],
                      households)


def block(noise: float = 0.0) -> Project:
    """3x3 squares g1..g9, row by row from the south-west; ``noise`` (degrees) shifts every vertex a little."""
    rng = np.random.default_rng(1)
    corners = np.array([(0, 0), (1, 0), (1, 1), (0, 1)])
    return project_of([shapely.Polygon((X0, Y0) + D * (corners + (k % 3, k // 3)) + rng.uniform(-noise, noise, (4, 2)))
                       for k in range(9)], [400] * 9)


def assert_partition(before: Project, after: Project):
    """Same union, no overlap, every grid one polygon."""
    old, new = before.grids.geometry.values, after.grids.geometry.values
    assert shapely.area(shapely.union_all(new)) == pytest.approx(shapely.area(shapely.union_all(old)), rel=1e-9)
    assert shapely.area(new).sum() == pytest.approx(shapely.area(shapely.union_all(new)), rel=1e-9)
    assert all(len(shapely.get_parts(g)) == 1 for g in new)


# --- workload --------------------------------------------------------------------------------------------------

def test_workload_counts_records_per_grid_and_incidents_in_the_period():
    project = row(299, 300, 500, 501, None)
    project.layers = {
        "persons": pd.DataFrame({"id": ["P1", "P2", "P3"], "grid_code": ["g1", "g1", "g3"]}),
        "venues": pd.DataFrame({"id": ["V1", "V2"], "grid_code": ["g5", ""]}),
        "incidents": pd.DataFrame({
            "id": [f"E{k}" for k in range(5)], "grid_code": ["g2", "g2", "g2", "g4", "nowhere"],
            "reported_at": pd.to_datetime(["2026-02-28 23:59", "2026-03-01 00:00", "2026-03-31 23:59",
                                           "2026-04-01 00:00", "2026-03-05 10:00"])}),
    }
    table = balance.workload(project, "2026-03-01", "2026-04-01")
    assert list(table.columns) == ["code", "name", "street", "community", "households", "persons", "venues",
                                   "incidents", "area_km2", "status"]
    assert table["code"].tolist() == ["g1", "g2", "g3", "g4", "g5"]
    assert table["persons"].tolist() == [2, 0, 1, 0, 0]
    assert table["venues"].tolist() == [0, 0, 0, 0, 1]
    assert table["incidents"].tolist() == [0, 2, 0, 0, 0]  # [start, end): not the day before, not April 1
    assert balance.workload(project)["incidents"].tolist() == [0, 3, 0, 1, 0]
    assert table["status"].tolist() == ["low", "ok", "ok", "high", "unknown"]
    assert table["households"].tolist()[:4] == [299, 300, 500, 501] and pd.isna(table["households"].iloc[4])
    square = GEOD.geometry_area_perimeter(shapely.box(X0, Y0, X0 + D, Y0 + D))[0] / 1e6
    assert table["area_km2"].to_numpy() == pytest.approx([square] * 5, rel=1e-6)
    assert balance.workload(project, low=100, high=299)["status"].tolist() == ["ok", "high", "high", "high",
                                                                               "unknown"]


def test_workload_without_record_layers():
    table = balance.workload(row(400, 400))
    assert table[["persons", "venues", "incidents"]].to_numpy().tolist() == [[0, 0, 0], [0, 0, 0]]


# --- adjacency -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("noise", [0.0, 1e-9])
def test_adjacency_of_a_3x3_block(noise):
    pairs = balance.adjacency(block(noise).grids)
    rook = [(0, 1), (0, 3), (1, 2), (1, 4), (2, 5), (3, 4), (3, 6), (4, 5), (4, 7), (5, 8), (6, 7), (7, 8)]
    assert sorted((i, j) for i, j, _ in pairs) == rook  # diagonal neighbours meet at a point only
    for i, j, length in pairs:
        y = Y0 + (i // 3 + 1) * D  # the shared edge: vertical between i and i+1, horizontal at the top of i
        edge = ((X0, Y0), (X0, Y0 + D)) if j == i + 1 else ((X0, y), (X0 + D, y))
        (lon1, lat1), (lon2, lat2) = edge
        assert length == pytest.approx(GEOD.inv(lon1, lat1, lon2, lat2)[2], rel=1e-3)


def test_adjacency_ignores_a_gap_and_a_short_contact():
    grids = project_of([shapely.box(X0, Y0, X0 + D, Y0 + D), shapely.box(X0 + D + 1e-6, Y0, X0 + 2 * D, Y0 + D),
                        shapely.box(X0 - D, Y0 + D - 5e-6, X0, Y0 + 2 * D)], [400] * 3).grids
    assert balance.adjacency(grids) == []  # 10 cm apart; sharing 0.5 m of edge


# --- suggestions -----------------------------------------------------------------------------------------------

def test_suggestion_moves_a_slice_from_the_big_grid_to_the_small_one():
    project = row(800, 100, 400)
    project.layers = {"incidents": pd.DataFrame({
        "id": ["E1", "E2", "E3"], "grid_code": ["g1", "g1", "g2"],
        "lon": [X0 + 0.3 * D, X0 + 0.8 * D, X0 + 1.5 * D], "lat": [Y0 + D / 2] * 3})}
    [suggestion] = balance.suggest_transfers(project)
    assert (suggestion.giver, suggestion.taker) == ("g1", "g2")
    # 350 of 800 households: the eastern 7/16 of g1, both grids end at 450
    assert suggestion.households == {"g1": (800, 450), "g2": (100, 450)}
    assert (suggestion.before, suggestion.after) == (500, 0)
    assert shapely.bounds(suggestion.area) == pytest.approx([X0 + D * 9 / 16, Y0, X0 + D, Y0 + D], abs=D / 8000)
    assert shapely.area(suggestion.area) == pytest.approx(D * D * 7 / 16, rel=1 / 3500)  # a tenth of a household
    assert suggestion.edit.kind == "transfer" and suggestion.edit.moved == {"incidents": 1}
    assert suggestion.edit.impact()["households"]["after"] == {"g1": 450, "g2": 450}
    before = Project(project.grids.copy(), {})
    edits.apply_edit(project, suggestion.edit)
    assert_partition(before, project)
    assert project.layers["incidents"]["grid_code"].tolist() == ["g1", "g2", "g2"]
    assert balance.workload(project)["status"].tolist() == ["ok", "ok", "ok"]
    assert balance.suggest_transfers(project) == []


def test_skipped_pair_gives_way_to_the_next_best():
    [suggestion] = balance.suggest_transfers(row(800, 100, 400), skip={("g1", "g2")})
    assert (suggestion.giver, suggestion.taker) == ("g3", "g2")  # g3 stays in range: it gives 100
    assert suggestion.households == {"g3": (400, 300), "g2": (100, 200)}
    assert (suggestion.before, suggestion.after) == (200, 100)


def test_suggestions_touch_disjoint_grids_and_each_can_be_applied():
    project = row(800, 100, 400, 100)
    suggestions = balance.suggest_transfers(project)
    assert [(s.giver, s.taker, s.households) for s in suggestions] == [
        ("g1", "g2", {"g1": (800, 450), "g2": (100, 450)}),
        ("g3", "g4", {"g3": (400, 300), "g4": (100, 200)})]
    before = Project(project.grids.copy(), {})
    edits.apply_edit(project, suggestions[0].edit)
    second = suggestions[1]
    edits.apply_edit(project, edits.transfer(project, second.taker, second.area, [second.giver]))
    assert_partition(before, project)
    assert project.grids.set_index("code")["households"].to_dict() == {"g1": 450, "g2": 450, "g3": 300,
                                                                       "g4": 200}


def test_no_suggestion_without_a_neighbour_able_to_give():
    assert balance.suggest_transfers(row(100, 300, 300)) == []
    assert balance.suggest_transfers(row(520, 500)) == []
    assert balance.suggest_transfers(row(100, None)) == []


def test_grids_trade_within_a_street_unless_asked():
    project = row(800, 100)
    project.grids["street"] = ["海门街道", "白云街道"]
    assert balance.suggest_transfers(project) == []
    assert len(balance.suggest_transfers(project, same_street=False)) == 1


@pytest.mark.parametrize("giver, expected", [(450, None), (350, {"g1": (350, 300), "g2": (100, 150)})])
def test_a_slice_that_would_cut_the_giver_in_two_is_not_suggested(giver, expected):
    """g1 is two blocks joined by a neck 0.2 D thick under g2: moving a third of it takes the neck."""
    g1 = shapely.difference(shapely.box(X0, Y0, X0 + 3 * D, Y0 + D),
                            shapely.box(X0 + D, Y0 + 0.2 * D, X0 + 2 * D, Y0 + D))
    g2 = shapely.box(X0 + D, Y0 + 0.2 * D, X0 + 2 * D, Y0 + D)
    project = project_of([g1, g2], [giver, 100])
    suggestions = balance.suggest_transfers(project)
    assert [s.households for s in suggestions] == ([expected] if expected else [])
    if expected:
        before = Project(project.grids.copy(), {})
        edits.apply_edit(project, suggestions[0].edit)
        assert_partition(before, project)


# --- the sample city -------------------------------------------------------------------------------------------

def test_timings_on_the_sample_city(tmp_path_factory):
    from gridmap.ops.demo import build_demo
    from gridmap.ops import open_project

    project = open_project(build_demo(tmp_path_factory.mktemp("city")))
    incidents = project.layers["incidents"]
    project.layers["incidents"] = pd.concat([incidents] * (1_000_000 // len(incidents) + 1), ignore_index=True)
    balance.workload(project)
    started = time.perf_counter()
    table = balance.workload(project, "2026-03-01", "2026-09-01")
    took = time.perf_counter() - started
    started = time.perf_counter()
    suggestions = balance.suggest_transfers(project)
    planned = time.perf_counter() - started
    fixed = sum(after == 0 for s in suggestions for before, after in
                [(balance.distance(h[0], 300, 500), balance.distance(h[1], 300, 500)) for h in s.households.values()]
                if before > 0)
    print(f"\nworkload of {len(table)} grids, {len(project.layers['incidents'])} incidents: {took:.3f} s; "
          f"status {table['status'].value_counts().to_dict()}; suggest_transfers: {planned:.2f} s, "
          f"{len(suggestions)} suggestions bringing {fixed} grids into range")
    assert len(suggestions) == 20 and all(s.after < s.before for s in suggestions)
