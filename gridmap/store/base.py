"""The store interface: :class:`ProjectStore` (where a project is loaded from and saved to) and
:class:`ProjectLock`, the OS-level lock that tells other GridMap processes a project is open.

A lock file ``.<project>.lock`` is held with an OS lock (released by the OS if the process dies); the file stays
when the lock is released, so every process locks the same file (removing it would let two processes hold
locks on two files). A store only reads and writes: it assigns nothing (see :func:`gridmap.ops.open_project`).
"""

from __future__ import annotations

import os
import socket
from abc import ABC, abstractmethod
from datetime import datetime
from pathlib import Path

from gridmap.core.errors import GridMapError, ProjectLocked
from gridmap.core.i18n import tr
from gridmap.core.progress import ProgressFn, no_progress


class ProjectStore(ABC):
    """A place a project is loaded from and saved to (a GeoPackage file, a PostGIS schema).

    :meth:`load` reads grids, plans, meta and audit; record layers come as a
    :class:`~gridmap.core.project.lazy.LazyLayers` that reads a layer on first access (:meth:`read_layer`) and
    counts one without reading it (:meth:`count_layer`). :meth:`save` writes, in one transaction, only what
    changed since the load; :meth:`append_records` adds rows to a layer without reading it.
    """

    @abstractmethod
    def load(self):
        """The stored :class:`~gridmap.core.project.model.Project`, its record layers not read yet."""

    @abstractmethod
    def read_layer(self, name: str):
        """The record layer ``name`` as a DataFrame (text columns as text, times as local datetime64)."""

    @abstractmethod
    def count_layer(self, name: str) -> int:
        """The rows of the record layer ``name``, without reading it."""

    @abstractmethod
    def layer_names(self) -> list[str]:
        """The stored record layers (not grids, plans, meta or audit), in stored order."""

    @abstractmethod
    def save(self, project, progress: ProgressFn = no_progress) -> None:
        """Store ``project`` completely or not at all, in one transaction writing only what changed since it
        was loaded from this store (everything when it comes from elsewhere)."""

    @abstractmethod
    def append_records(self, kind: str, frame, meta: dict) -> None:
        """Append the already-assigned rows ``frame`` to the layer ``kind`` (created if missing) and store
        ``meta`` (the whole metadata dict), in one transaction; the stored layer is not read."""

    @abstractmethod
    def stored_ids(self, kind: str, ids) -> set[str]:
        """Which of ``ids`` the layer ``kind`` already holds (a query; the layer is not read)."""

    @abstractmethod
    def lock(self, new: bool = False):
        """Claim the project for this process (``new``: one about to be created); raises :class:`ProjectLocked` if
        another holds it. A context manager (a store whose concurrency comes from transactions locks nothing)."""

    def record_counts(self, kind: str, filt=None):
        """Optional fast path: a DataFrame ``grid_code, category, status, n`` of the records of ``kind`` passing
        the :class:`~gridmap.core.records.filters.RecordFilter` ``filt``, counted by the store; None when the store
        does not offer it (callers then count the loaded layer)."""
        return None

    def points_in(self, kind: str, bbox, zoom: int, filt=None, outside: bool = False):
        """Optional fast path: the points of ``kind`` in the lon/lat box ``bbox`` (clusters when zoomed out);
        ``outside``: only those outside every grid (grid code empty or null), read from an index. None when the
        store does not offer it (callers then use the loaded layer)."""
        return None

    def time_range(self, kind: str):
        """Optional fast path: the first and last time of the records of ``kind`` as naive China Standard Time
        Timestamps (as a loaded layer holds them), read from an index, not the layer; None when the layer has
        no timed record or the store does not offer it."""
        return None

    def count_rows(self, kind: str, filt=None) -> int | None:
        """Optional fast path: how many records of ``kind`` pass the RecordFilter ``filt``, counted by the store;
        None when the store does not offer it."""
        return None

    def read_rows(self, kind: str, filt=None, start: int = 0, limit: int = 100, order=None):
        """Optional fast path: the records of ``kind`` passing ``filt`` at positions ``start`` to ``start +
        limit`` as a DataFrame with the loaded layer's columns and types, in insertion order (``order`` None) or
        newest first (``"time"``, then those without a time; see :mod:`gridmap.store.paging`). Reading pages in
        turn costs no more deep in the layer than at its start. None when the store does not offer it."""
        return None

    def read_record(self, kind: str, record_id: str):
        """Optional fast path: the record of ``kind`` whose ``id`` is ``record_id`` as a one-row DataFrame like
        :meth:`read_rows` (the first if several; empty if none); None when the store does not offer it."""
        return None


class ProjectLock:
    """An OS-level lock on ``.<project>.lock``; the file says who holds it."""

    def __init__(self, project: Path):
        self.project = project
        self.path = project.with_name(f".{project.name}.lock")
        self._file = None

    def acquire(self) -> "ProjectLock":
        while True:
            handle = _open_lock_file(self.path)
            try:
                _os_lock(handle)
            except OSError:
                handle.seek(0)
                holder = handle.read(200).decode("utf-8", "replace").strip() or tr("another process")
                handle.close()
                raise ProjectLocked(tr("the project is open in another GridMap ({holder})", holder=holder),
                                    self.project) from None
            try:
                if os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path)):
                    break
            except OSError:
                pass
            handle.close()  # the file was removed or replaced after it was opened: lock the one there now
        handle.seek(0)
        handle.truncate()
        stamp = datetime.now().isoformat(timespec="seconds")
        handle.write(f"pid {os.getpid()} on {socket.gethostname()} since {stamp}".encode())
        handle.flush()
        self._file = handle
        return self

    def release(self) -> None:
        """Unlock; the lock file stays (see the module docstring)."""
        if self._file is None:
            return
        _os_unlock(self._file)
        self._file.close()
        self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()


def _open_lock_file(path: Path):
    """The lock file opened for reading and writing, created if missing; never through a symlink."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        return os.fdopen(os.open(path, flags, 0o644), "r+b")
    except OSError as err:
        if path.is_symlink():
            raise GridMapError(tr("the lock file is a symbolic link; GridMap does not follow it: remove it"),
                               path) from None
        raise GridMapError(tr("cannot open the lock file ({error})", error=err.strerror or err), path) from None


# Windows locks a byte range far past the holder text so that the text stays readable.
_LOCK_OFFSET = 1 << 20

if os.name == "nt":
    import msvcrt

    def _os_lock(handle):
        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _os_unlock(handle):
        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _os_lock(handle):
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _os_unlock(handle):
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
