"""Which records are shown and counted: a time window and category / status choices, shared by the map
overlays, the statistics and the tables so that they always agree."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gridmap.core.project.kinds import KINDS


@dataclass(frozen=True)
class RecordFilter:
    """``start`` inclusive, ``end`` exclusive (None = open); ``categories`` / ``statuses`` None = all."""

    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    categories: frozenset[str] | None = None
    statuses: frozenset[str] | None = None

    def __post_init__(self) -> None:  # any iterable of choices, kept as a frozenset (a filter is a dict key)
        for name in ("categories", "statuses"):
            values = getattr(self, name)
            if values is not None and not isinstance(values, frozenset):
                object.__setattr__(self, name, frozenset(values))

    @property
    def is_empty(self) -> bool:
        return self.start is None and self.end is None and self.categories is None and self.statuses is None

    def mask(self, frame: pd.DataFrame, kind: str) -> np.ndarray:
        """Boolean array: which rows of a ``kind`` layer pass. Parts that do not apply to the kind (a time
        window for venues) are ignored."""
        spec = KINDS[kind]
        keep = np.ones(len(frame), dtype=bool)
        if spec.time and spec.time in frame.columns:
            times = frame[spec.time]
            if self.start is not None:
                keep &= (times >= pd.Timestamp(self.start)).to_numpy(dtype=bool, na_value=False)
            if self.end is not None:
                keep &= (times < pd.Timestamp(self.end)).to_numpy(dtype=bool, na_value=False)
        if self.categories is not None and spec.category in frame.columns:
            keep &= frame[spec.category].isin(self.categories).to_numpy()
        if self.statuses is not None and spec.status and spec.status in frame.columns:
            keep &= frame[spec.status].isin(self.statuses).to_numpy()
        return keep
