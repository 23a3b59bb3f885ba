"""Rows of a layer read from the store a page at a time, not the whole layer (what the attribute table and
Identify show of a layer the store serves): the same rows and values as slices of the loaded layer, in both
stores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gridmap.core.project.lazy import LazyLayers
from gridmap.store.gpkg import GpkgStore
from builders import stored_in
from test_pg_sql import FILTERS, records_project


@pytest.fixture(params=["gpkg", "postgis"])
def rows_store(request, tmp_path):
    """The 900 incidents (some without a time) and 3 key persons of :func:`records_project`, stored."""
    return stored_in(request.param, records_project(), tmp_path, request)


def assert_rows(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same columns, values and types (a page's categoricals have the page's categories only; pages
    concatenated have them as text)."""
    assert list(got.columns) == list(expected.columns)
    coded = [c for c in expected.columns if isinstance(expected[c].dtype, pd.CategoricalDtype)]
    for column in expected.columns:
        if column not in coded:
            assert got[column].dtype == expected[column].dtype, column
    pd.testing.assert_frame_equal(got.reset_index(drop=True).astype({c: "str" for c in coded}),
                                  expected.reset_index(drop=True).astype({c: "str" for c in coded}))


def newest_first(layer: pd.DataFrame) -> np.ndarray:
    """Positions of ``layer`` by time descending (ties: later rows first), then those without a time."""
    times, positions = layer["reported_at"], np.arange(len(layer))
    timed = positions[times.notna().to_numpy()]
    timed = timed[np.lexsort((-timed, -times.iloc[timed].to_numpy("int64")))]
    return np.concatenate([timed, positions[times.isna().to_numpy()][::-1]])


@pytest.mark.parametrize("f", range(len(FILTERS)))
def test_pages_of_rows_are_slices_of_the_loaded_layer(rows_store, f):
    filt = FILTERS[f]
    layer = rows_store.read_layer("incidents")
    passing = layer[filt.mask(layer, "incidents")] if filt is not None else layer
    assert rows_store.count_rows("incidents", filt) == len(passing)
    assert_rows(rows_store.read_rows("incidents", filt, 0, 40), passing.iloc[:40])
    pages = [rows_store.read_rows("incidents", filt, start, 128) for start in range(0, len(passing) + 1, 128)]
    assert_rows(pd.concat(pages, ignore_index=True), passing)  # page after page, each from the last's end
    deep = max(len(passing) - 30, 0)
    fresh = type(rows_store)(rows_store.path if isinstance(rows_store, GpkgStore) else rows_store.url)
    assert_rows(fresh.read_rows("incidents", filt, deep, 20), passing.iloc[deep:deep + 20])  # a jump
    assert len(fresh.read_rows("incidents", filt, len(passing) + 5, 20)) == 0

    newest = passing.iloc[newest_first(passing)]
    assert_rows(rows_store.read_rows("incidents", filt, 0, 25, order="time"), newest.iloc[:25])
    pages = [rows_store.read_rows("incidents", filt, start, 100, order="time")
             for start in range(0, len(passing) + 1, 100)]
    assert_rows(pd.concat(pages, ignore_index=True), newest)  # across the records without a time too
    middle = max(len(passing) - 35, 0)  # a jump into those without a time
    assert_rows(fresh.read_rows("incidents", filt, middle, 30, order="time"), newest.iloc[middle:middle + 30])


def test_a_record_is_read_by_its_id_with_all_its_fields(rows_store):
    layer = rows_store.read_layer("incidents")
    assert_rows(rows_store.read_record("incidents", layer["id"].iat[123]), layer.iloc[[123]])
    assert len(rows_store.read_record("incidents", "no such id")) == 0
    persons = rows_store.read_layer("persons")
    assert_rows(rows_store.read_record("persons", "RY12"), persons.iloc[[1]])  # numbers as stored: shown masked


def test_lazy_layers_ask_the_store_only_while_a_layer_is_not_read(rows_store):
    project = rows_store.load()
    layers: LazyLayers = project.layers
    filt = FILTERS[1]
    assert layers.count_rows("incidents", filt) == rows_store.count_rows("incidents", filt)
    assert len(layers.read_rows("incidents", filt, 0, 10)) == 10
    assert layers.read_record("incidents", "nothing") is not None and not layers.is_read("incidents")
    layers["incidents"]
    assert layers.count_rows("incidents") is None and layers.read_rows("incidents") is None
