"""Pages of a record layer's rows read from a store, not from memory: which rows (their fids) make the page at a
position, found by keyset after the last row of a page read before, so that a deep page costs what a first one
does when pages are read in turn (the attribute table scrolling).

An order is a list of phases, each a query ordered on its own key: ``None`` (insertion order) is one phase of
rows by ``fid``; ``"time"`` (newest first) is the rows with a time by ``(time, fid)`` descending, then those
without by ``fid`` descending (where PostgreSQL and SQLite agree, each on its index). A store gives
``fetch(phase, after, skip, limit)`` (the keys of the phase's rows after the key ``after``, None: from its
first, skipping ``skip``; a key is a tuple ending with the fid) and ``count(phase, after)``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

ORDERS = (None, "time")
"""The orders a store pages in: insertion order, or newest first."""


def phases(order: str | None) -> int:
    """How many phases ``order`` has."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    return 1 if order is None else 2


class Marks:
    """Positions already paged to, per layer, filter, order and data version: the phase and the key of the row
    before each (the start of the next page)."""

    def __init__(self):
        self._marks: dict[tuple, tuple[list[int], list[tuple]]] = {}

    def nearest(self, ident: tuple, start: int) -> tuple[int, int, tuple | None]:
        """The marked position at or before ``start``: (position, phase, key of the row before it)."""
        positions, marks = self._marks.get(ident, ([], []))
        at = bisect.bisect_right(positions, start) - 1
        return (positions[at], *marks[at]) if at >= 0 else (0, 0, None)

    def note(self, ident: tuple, position: int, phase: int, key: tuple) -> None:
        """Remember that the row before ``position`` is ``key`` of ``phase``."""
        if ident not in self._marks:
            for old in [i for i in self._marks if i[:-1] == ident[:-1]]:  # the data changed: start over
                del self._marks[old]
            self._marks[ident] = ([], [])
        positions, marks = self._marks[ident]
        at = bisect.bisect_left(positions, position)
        if at < len(positions) and positions[at] == position:
            marks[at] = (phase, key)
        else:
            positions.insert(at, position)
            marks.insert(at, (phase, key))


def page_fids(fetch: Callable[[int, tuple | None, int, int], list[tuple]], count: Callable[[int, tuple | None], int],
              order: str | None, start: int, limit: int, marks: Marks | None = None,
              ident: tuple | None = None) -> list[int]:
    """The fids of the rows at positions ``start`` to ``start + limit`` in ``order`` (see the module
    docstring); ``marks`` under ``ident`` remember where pages ended (no marks: from the first row)."""
    start, limit = max(start, 0), max(limit, 0)
    position, phase, after = marks.nearest(ident, start) if marks is not None else (0, 0, None)
    skip, keys = start - position, []
    last = None
    while phase < phases(order) and len(keys) < limit:
        got = fetch(phase, after, skip, limit - len(keys))
        if got:
            keys += got
            skip, last = 0, (phase, got[-1])
            if len(keys) == limit:
                break
        elif skip:
            skip = max(skip - count(phase, after), 0)
        phase, after = phase + 1, None
    if marks is not None and last is not None:
        marks.note(ident, start + len(keys), *last)
    return [int(key[-1]) for key in keys]
