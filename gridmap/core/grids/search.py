"""Find grids by code or name: ranked, case-insensitive substring search over the standard columns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FIELDS = ("code", "name", "community", "street")


@dataclass(frozen=True)
class SearchResult:
    """The best ``limit`` matching row positions, best first, and how many rows matched in all."""

    rows: list[int]
    total: int


def text_column(grids: pd.DataFrame, column: str) -> pd.Series:
    """``grids[column]`` as strings with a RangeIndex ('' for missing values, or everywhere if no such column)."""
    if column not in grids:
        return pd.Series([""] * len(grids), dtype=str)
    return grids[column].fillna("").astype(str).reset_index(drop=True)


class GridSearch:
    """The grids' searched columns, lower-cased once so that each query over 7,000 grids takes a few ms."""

    def __init__(self, grids: pd.DataFrame):
        self.columns = {c: text_column(grids, c).str.lower() for c in FIELDS}
        self.code_order = np.argsort(self.columns["code"].to_numpy(dtype=object), kind="stable").argsort()

    def __len__(self) -> int:
        return len(self.code_order)

    def search(self, text: str, limit: int | None = 100) -> SearchResult:
        """Row positions matching ``text``, best first, at most ``limit`` of them (None: all).

        Ranks: exact code, code prefix, exact name, name prefix, name contains, code contains, community
        contains, street contains; ties in code order. Case-insensitive; surrounding whitespace is ignored;
        blank text matches nothing."""
        needle = text.strip().lower()
        if not needle or not len(self):
            return SearchResult([], 0)
        code, name, community, street = (self.columns[c] for c in FIELDS)
        conditions = [
            (code == needle).to_numpy(),
            code.str.startswith(needle).to_numpy(),
            (name == needle).to_numpy(),
            name.str.startswith(needle).to_numpy(),
            name.str.contains(needle, regex=False).to_numpy(),
            code.str.contains(needle, regex=False).to_numpy(),
            community.str.contains(needle, regex=False).to_numpy(),
            street.str.contains(needle, regex=False).to_numpy(),
        ]
        rank = np.select(conditions, np.arange(len(conditions)), default=len(conditions))
        matched = np.flatnonzero(rank < len(conditions))
        best = matched[np.lexsort((self.code_order[matched], rank[matched]))]
        return SearchResult(best[:limit].tolist(), len(matched))


def search_grids(grids: pd.DataFrame, text: str, limit: int | None = 100) -> SearchResult:
    """One-off :meth:`GridSearch.search` over ``grids``; build a :class:`GridSearch` to run many queries."""
    return GridSearch(grids).search(text, limit)
