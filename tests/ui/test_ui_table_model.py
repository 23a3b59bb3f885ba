"""DataFrameModel and its filter proxy on a city-sized frame."""


import numpy as np
import pandas as pd
from PySide6.QtCore import Qt

from gridmap.ui.panels.attribute_table import AttributeTable
from gridmap.ui.table_model import ContainsFilterProxy, DataFrameModel

N = 7000


def city_frame() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    return pd.DataFrame({
        "code": [f"331002001{i:03d}" if i < 1000 else f"331003{i:06d}" for i in range(N)],
        "name": [f"网格{i}" if i % 2 else f"Grid {i}" for i in range(N)],
        "district": np.where(np.arange(N) % 3 == 0, "椒江区", "黄岩区"),
        "households": pd.array(rng.integers(1, 1000, N), dtype="Int64"),
        "area": rng.random(N) * 10,
    })


def make_proxy(frame):
    model = DataFrameModel(frame)
    proxy = ContainsFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def column_values(proxy, column):
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_shapes_and_lazy_cells(qapp):
    model, proxy = make_proxy(city_frame())
    assert (model.rowCount(), model.columnCount()) == (N, 5)
    assert model.headerData(0, Qt.Horizontal) == "code"
    assert model.index(1, 1).data() == "网格1"
    assert model.index(0, 3).data(Qt.TextAlignmentRole) is not None


def test_numeric_sort_is_numeric(qapp):
    frame = city_frame()
    frame.loc[5, "households"] = pd.NA
    model, proxy = make_proxy(frame)
    proxy.sort(3, Qt.DescendingOrder)
    values = column_values(proxy, 3)
    numbers = [int(v) for v in values if v]
    assert numbers == sorted(numbers, reverse=True)
    assert values[-1] == ""  # missing values last
    proxy.sort(3, Qt.AscendingOrder)
    assert int(proxy.index(0, 3).data()) == frame["households"].min()


def test_text_sort(qapp):
    model, proxy = make_proxy(city_frame())
    proxy.sort(0, Qt.DescendingOrder)
    assert proxy.index(0, 0).data() == "331003006999"


def test_filter_any_column_case_insensitive_chinese(qapp):
    model, proxy = make_proxy(city_frame())
    proxy.set_text("网格12")
    assert proxy.rowCount() > 0
    assert all("网格12" in v for v in column_values(proxy, 1))
    proxy.set_text("GRID 10")
    assert set(column_values(proxy, 1)) >= {"Grid 10", "Grid 100"}
    proxy.set_text("椒江")
    assert proxy.rowCount() == len(range(0, N, 3))
    proxy.sort(3, Qt.AscendingOrder)  # sorting keeps the filter
    assert proxy.rowCount() == len(range(0, N, 3))
    proxy.set_text("")
    assert proxy.rowCount() == N


def test_attribute_table_filter_box(qtbot):
    table = AttributeTable()
    qtbot.addWidget(table)
    table.set_frame(city_frame())
    table.filter_edit.setText("黄岩")  # QTest cannot type non-ASCII keys
    assert table.proxy.rowCount() == N - len(range(0, N, 3))
    assert f"{N:,}" in table.count_label.text()
