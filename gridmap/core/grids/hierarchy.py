"""The district → street → community → grid tree of a project's grids, as plain data for the layer panel."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gridmap.core.grids.search import text_column

LEVELS = ("district", "street", "community", "grid")


@dataclass
class Node:
    """One tree node: its label ('' for a missing name; a grid's is "code name"), level (one of
    :data:`LEVELS`), the row positions of the grids under it, in code order, and its child nodes."""

    label: str
    level: str
    rows: np.ndarray
    children: list[Node] = field(default_factory=list)


def build_hierarchy(grids: pd.DataFrame) -> list[Node]:
    """The district nodes of ``grids``; streets are grouped within their district and communities within
    their street. Siblings are in code order (of the first grid code under each), grids by code."""
    codes = text_column(grids, "code").to_numpy(dtype=object)
    names = text_column(grids, "name").to_numpy(dtype=object)
    keys = [text_column(grids, level).to_numpy(dtype=object) for level in LEVELS[:3]]
    order = np.argsort(codes, kind="stable")
    # Factorising in code order numbers each group by its first code; the nested key keeps groups apart.
    ids, nested = [], np.full(len(order), "", dtype=object)
    for key in keys:
        nested = nested + "\x00" + key[order]
        ids.append(pd.factorize(nested)[0])
    grouped = np.lexsort(ids[::-1])
    rows = order[grouped]
    ids = [level_ids[grouped] for level_ids in ids]
    labels = [key[rows] for key in keys]
    grid_labels = [f"{code} {name}".strip() for code, name in zip(codes[rows], names[rows])]

    def build(depth: int, start: int, stop: int) -> list[Node]:
        if depth == 3:
            return [Node(grid_labels[i], "grid", rows[i:i + 1]) for i in range(start, stop)]
        level_ids = ids[depth][start:stop]
        bounds = [start, *(start + np.flatnonzero(level_ids[1:] != level_ids[:-1]) + 1), stop]
        return [Node(labels[depth][a], LEVELS[depth], rows[a:b], build(depth + 1, a, b))
                for a, b in zip(bounds[:-1], bounds[1:])]

    return build(0, 0, len(rows)) if len(rows) else []
