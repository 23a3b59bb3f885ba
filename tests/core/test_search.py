"""Grid search: ranking, case, whitespace, Chinese, limits, and speed on the sample city."""


import numpy as np
import pandas as pd
import pytest

from gridmap.core.sample.city import build_grids
from gridmap.core.grids.search import GridSearch, SearchResult, search_grids


@pytest.fixture(scope="module")
def grids():
    return pd.DataFrame({
        "code": ["A100", "a1", "B7", "X9", "C5", "D1", "E2", "F3"],
        "name": ["东湖一", "Lake Road", "湖滨", "东湖", "东湖社区北", "其他", "other", np.nan],
        "district": ["椒江区"] * 8,
        "street": ["海门街道", "海门街道", "白云街道", "白云街道", "东湖街道", "", "东湖街道", "x"],
        "community": ["一村", "二村", "三村", "东湖社区", "", "", "", ""],
        "households": [1, 2, 3, 4, 5, np.nan, 7, 8],
    }, index=[10, 11, 12, 13, 14, 15, 16, 17])


def test_ranking_by_match_kind(grids):
    # exact name X9 (3), name prefix A100 (0), C5 (4), name contains B7 (2), community X9 (already), street E2 (6)
    assert search_grids(grids, "东湖") == SearchResult([3, 0, 4, 6], 4)
    assert search_grids(grids, "湖") == SearchResult([2, 0, 4, 3, 6], 5)


def test_code_before_name_and_case_insensitive(grids):
    # exact code a1, code prefix A100, then name contains "lake road" would not match "a1"
    assert search_grids(grids, "A1").rows == [1, 0]
    assert search_grids(grids, "  lake ").rows == [1]
    assert search_grids(grids, "d1").rows == [5]
    assert search_grids(grids, "1").rows == [1, 0, 5]  # all code contains: in (case-folded) code order


def test_name_contains_before_code_contains(grids):
    frame = pd.DataFrame({"code": ["Z0", "A0"], "name": ["other", "z"], "street": ["", ""], "community": ["", ""]})
    assert search_grids(frame, "z").rows == [0, 1]  # code prefix beats exact name
    frame = pd.DataFrame({"code": ["X0Q", "A0"], "name": ["", "xq"], "street": ["", ""], "community": ["", ""]})
    assert search_grids(frame, "q").rows == [1, 0]  # name contains beats code contains


def test_blank_and_missing(grids):
    assert search_grids(grids, "") == SearchResult([], 0)
    assert search_grids(grids, "   ") == SearchResult([], 0)
    assert search_grids(grids, "不存在") == SearchResult([], 0)
    assert search_grids(grids.iloc[:0], "东") == SearchResult([], 0)


def test_limit_and_total(grids):
    assert search_grids(grids, "湖", limit=2) == SearchResult([2, 0], 5)
    assert search_grids(grids, "湖", limit=None).total == 5


def test_sample_city_ranked():
    city = build_grids()
    index = GridSearch(city)
    result = index.search("街道")
    codes = city["code"].iloc[result.rows]
    assert result.total == (city["name"].str.contains("街道") | city["street"].str.contains("街道")).sum() > 100
    assert len(result.rows) == 100 and codes.is_monotonic_increasing
    first = city.iloc[0]
    assert index.search(first["code"]).rows[0] == 0
    assert index.search(first["name"]).rows[0] == 0
    all_rows = index.search("3310", None)
    assert all_rows.total == len(city) and sorted(all_rows.rows) == list(range(len(city)))
