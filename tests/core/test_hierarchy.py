"""The district → street → community → grid tree: grouping, code order, missing names, the sample city."""


import numpy as np
import pandas as pd

from gridmap.core.grids.hierarchy import build_hierarchy
from gridmap.core.sample.city import build_grids


def shape(nodes):
    return [(n.label, n.level, n.rows.tolist(), shape(n.children)) for n in nodes]


def test_small_tree_exact():
    grids = pd.DataFrame({
        "code": ["B02", "A02", "B01", "A01", "C01", "A03"],
        "name": ["乙二", "甲二", "乙一", "甲一", "", "甲三"],
        "district": ["黄岩区", "椒江区", "黄岩区", "椒江区", "", "椒江区"],
        "street": ["东城街道", "海门街道", "东城街道", "白云街道", "", "海门街道"],
        "community": ["和平社区", "高岸村", "和平社区", "", np.nan, "高岸村"],
        "households": [1, np.nan, 3, 4, 5, 6],
    }, index=[50, 40, 30, 20, 10, 0])
    assert shape(build_hierarchy(grids)) == [
        ("椒江区", "district", [3, 1, 5], [
            ("白云街道", "street", [3], [("", "community", [3], [("A01 甲一", "grid", [3], [])])]),
            ("海门街道", "street", [1, 5], [
                ("高岸村", "community", [1, 5], [("A02 甲二", "grid", [1], []), ("A03 甲三", "grid", [5], [])])]),
        ]),
        ("黄岩区", "district", [2, 0], [
            ("东城街道", "street", [2, 0], [
                ("和平社区", "community", [2, 0], [("B01 乙一", "grid", [2], []), ("B02 乙二", "grid", [0], [])])]),
        ]),
        ("", "district", [4], [("", "street", [4], [("", "community", [4], [("C01", "grid", [4], [])])])]),
    ]


def test_same_names_in_different_parents_stay_apart():
    grids = pd.DataFrame({"code": ["1", "2", "3", "4"], "name": ["", "", "", ""],
                          "district": ["甲", "乙", "甲", "乙"], "street": ["城关镇"] * 4,
                          "community": ["新村", "新村", "新村", "新村"]})
    tree = build_hierarchy(grids)
    assert [(d.label, d.rows.tolist()) for d in tree] == [("甲", [0, 2]), ("乙", [1, 3])]
    assert [len(d.children) for d in tree] == [1, 1]


def test_empty():
    assert build_hierarchy(pd.DataFrame({"code": [], "name": [], "district": [], "street": [], "community": []})) == []


def test_sample_city():
    grids = build_grids()
    tree = build_hierarchy(grids)
    assert len(tree) == 9
    assert tree[0].label == "椒江区" and len(tree[0].rows) == 820
    streets = [s for d in tree for s in d.children]
    assert len(streets) == 131
    grid_nodes = [g for s in streets for c in s.children for g in c.children]
    assert len(grid_nodes) == len(grids) == 6917
    rows = np.concatenate([d.rows for d in tree])
    assert sorted(rows.tolist()) == list(range(6917))
    assert [g.rows[0] for g in grid_nodes] == rows.tolist()
    for node in [*tree, *streets]:
        assert np.array_equal(node.rows, np.concatenate([child.rows for child in node.children]))
    assert grid_nodes[0].label == f"{grids['code'].iloc[0]} {grids['name'].iloc[0]}"
    firsts = [grids["code"].iloc[d.rows].min() for d in tree]
    assert firsts == sorted(firsts)
