""":class:`LazyLayers`: a project's record layers by name, each read from its store on first access.

A store gives a ``loader`` (name -> DataFrame) and a ``counter`` (name -> row count without reading); the names
and counts answer without reading a layer. Assigning a frame replaces the layer; deleting removes it. Core code
that needs a whole layer just indexes it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, MutableMapping

import pandas as pd


SERVED_ABOVE = 1_000_000
"""A point layer of more records than this, in a store that gives the points in view (PostGIS, GeoPackage), is not read whole
by the window: the map asks the store for the points or clusters in view. Smaller layers are read, so that the
filter bar, the attribute table and the statistics offer them."""

KEPT_COUNTS = 4
"""How many filters' store counts :meth:`LazyLayers.record_counts` keeps per layer."""


class LazyLayers(MutableMapping):
    """Record layers by name, read on first access through ``loader``."""

    def __init__(self, frames: dict[str, pd.DataFrame] | None = None, *, names: Iterable[str] = (),
                 loader: Callable[[str], pd.DataFrame] | None = None,
                 counter: Callable[[str], int] | None = None,
                 aggregator: Callable[[str, object], pd.DataFrame | None] | None = None,
                 pointer: Callable[..., pd.DataFrame | None] | None = None,
                 time_range: Callable[[str], tuple[pd.Timestamp, pd.Timestamp] | None] | None = None,
                 rows=None):
        self._frames: dict[str, pd.DataFrame] = {}
        self._names: list[str] = list(dict.fromkeys(names))
        self._loader, self._counter, self._aggregator = loader, counter, aggregator
        self._pointer = pointer
        self._time_range = time_range
        self._rows = rows  # the store's count_rows, read_rows and read_record
        self._held: list[tuple[int, str]] = []
        self._sizes: dict[str, int] = {}  # the store's row counts (until the layer changes)
        self._counted: dict[str, dict] = {}  # the store's record_counts per layer, by filter (the last few)
        for name, frame in (frames or {}).items():
            self[name] = frame

    def __getitem__(self, name: str) -> pd.DataFrame:
        frame = self._frames.get(name)
        if frame is None:
            if name not in self._names or self._loader is None:
                raise KeyError(name)
            frame = self._frames[name] = self._loader(name)
        return frame

    def __setitem__(self, name: str, frame: pd.DataFrame) -> None:
        if name not in self._names:
            self._names.append(name)
        self._frames[name] = frame
        self._forget(name)

    def __delitem__(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(name)
        self._names.remove(name)
        self._frames.pop(name, None)
        self._forget(name)

    def stored_changed(self, name: str) -> None:
        """The store's layer ``name`` changed (another process added records, or it is new): what was asked of
        the store about it is asked again, and it is read again on next access."""
        if not self._known(name):
            self._names.append(name)
        self._frames.pop(name, None)
        self._forget(name)

    def copy(self) -> LazyLayers:
        """A copy reading from the same store, sharing the layers in memory (nothing is read by this): changing
        a layer of one does not change the other's."""
        other = copy.copy(self)
        other._frames, other._names, other._held = dict(self._frames), list(self._names), list(self._held)
        other._sizes, other._counted = dict(self._sizes), {n: dict(c) for n, c in self._counted.items()}
        return other

    def reread(self, name: str) -> pd.DataFrame:
        """The layer ``name`` read anew through the loader (so the store notes it as this project's, as it does
        the first read, and a save writes only what changes after it), not put in: assign it (safe on another
        thread)."""
        if self._loader is None:
            raise KeyError(name)
        return self._loader(name)

    def _forget(self, name: str) -> None:
        self._sizes.pop(name, None)
        self._counted.pop(name, None)

    def __contains__(self, name) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        unread = [n for n in self._names if n not in self._frames]
        return f"LazyLayers({self._names!r}, unread={unread!r})"

    def hold(self) -> list[str]:
        """Hide the layers not read yet (e.g. while the grids are shown first) and return their names; they come
        back, read, with :meth:`read_held` and :meth:`release`."""
        held = [n for n in self._names if n not in self._frames]
        self._held = [(self._names.index(n), n) for n in held]
        self._names = [n for n in self._names if n not in held]
        return held

    def read_held(self, skip: Iterable[str] = ()) -> None:
        """Read the held layers but ``skip`` (safe on another thread: the visible layers do not change)."""
        for _, name in self._held:
            if name not in self._frames and name not in skip and self._loader is not None:
                self._frames[name] = self._loader(name)

    def release(self) -> list[str]:
        """Show the held layers again, in their places; returns their names."""
        held, self._held = self._held, []
        for index, name in held:
            if name not in self._names:
                self._names.insert(min(index, len(self._names)), name)
        return [name for _, name in held]

    def is_read(self, name: str) -> bool:
        """Whether the layer ``name`` is in memory (read, or assigned)."""
        return name in self._frames

    def read(self) -> dict[str, pd.DataFrame]:
        """The layers in memory by name (none is read by this)."""
        return {n: self._frames[n] for n in self._names if n in self._frames}

    def count(self, name: str) -> int:
        """The rows of ``name``: of the frame in memory, else the store's count (nothing read; kept until
        :meth:`stored_changed`)."""
        if name in self._frames:
            return len(self._frames[name])
        if name not in self._names:
            raise KeyError(name)
        if self._counter is None:
            return len(self[name])
        if name not in self._sizes:
            self._sizes[name] = self._counter(name)
        return self._sizes[name]

    def record_counts(self, name: str, filt=None) -> pd.DataFrame | None:
        """The store's counts of the records of ``name`` passing ``filt`` (see
        :meth:`ProjectStore.record_counts`) while the layer is not in memory; None otherwise (a layer read may
        hold unsaved changes: count it). The last :data:`KEPT_COUNTS` filters' counts are kept (the statistics,
        the map and the filter bar ask for the same) until :meth:`stored_changed`."""
        if self._aggregator is None or name in self._frames or not self._known(name):
            return None
        kept = self._counted.setdefault(name, {})
        if filt not in kept:
            counts = self._aggregator(name, filt)
            if len(kept) >= KEPT_COUNTS:
                kept.pop(next(iter(kept)))
            kept[filt] = counts
        counts = kept[filt]
        return None if counts is None else counts.copy()

    def time_range(self, name: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The store's first and last record time of ``name`` (see :meth:`ProjectStore.time_range`) while the
        layer is not in memory; None otherwise (a layer read is looked at itself)."""
        if self._time_range is None or name in self._frames or not self._known(name):
            return None
        return self._time_range(name)

    def _known(self, name: str) -> bool:
        """Whether ``name`` is a layer, shown or held."""
        return name in self._names or any(name == held for _, held in self._held)

    def serves_points(self, name: str) -> bool:
        """Whether the store gives the points of ``name`` per view (:meth:`points_in`): a layer not in memory of
        more than :data:`SERVED_ABOVE` records, in a store that offers it."""
        if self._pointer is None or self._counter is None or not self._known(name) or name in self._frames:
            return False
        if name not in self._sizes:
            self._sizes[name] = self._counter(name)
        return self._sizes[name] > SERVED_ABOVE

    def points_in(self, name: str, bbox, zoom: int, filt=None, outside: bool = False) -> pd.DataFrame | None:
        """The store's points (or clusters) of ``name`` in a lon/lat box (``outside``: only those outside every
        grid; see :meth:`ProjectStore.points_in`) while the layer is not in memory; None otherwise."""
        if not self.serves_points(name):
            return None
        return self._pointer(name, bbox, zoom, filt, outside=outside)

    def _queried(self, name: str) -> bool:
        """Whether the store answers row queries on ``name``: a layer it holds that is not in memory."""
        return self._rows is not None and self._known(name) and name not in self._frames

    def count_rows(self, name: str, filt=None) -> int | None:
        """The store's count of the records of ``name`` passing ``filt`` (see :meth:`ProjectStore.count_rows`)
        while the layer is not in memory; None otherwise."""
        return self._rows.count_rows(name, filt) if self._queried(name) else None

    def read_rows(self, name: str, filt=None, start: int = 0, limit: int = 100, order=None) -> pd.DataFrame | None:
        """A page of the records of ``name`` passing ``filt`` from the store (see :meth:`ProjectStore.read_rows`)
        while the layer is not in memory; None otherwise."""
        return self._rows.read_rows(name, filt, start, limit, order) if self._queried(name) else None

    def read_record(self, name: str, record_id: str) -> pd.DataFrame | None:
        """The record of ``name`` with id ``record_id`` from the store (see :meth:`ProjectStore.read_record`)
        while the layer is not in memory; None otherwise."""
        return self._rows.read_record(name, record_id) if self._queried(name) else None
