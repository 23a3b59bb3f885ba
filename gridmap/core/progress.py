"""Progress reporting for long operations, shared by the CLI and the GUI's worker threads.

A progress callback takes ``(fraction 0..1, message)``. It may raise :class:`~gridmap.core.errors.Cancelled`
to stop the operation; core functions only call it between steps that leave nothing half written.
"""

from __future__ import annotations

from typing import Callable

ProgressFn = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    """The default callback: report nothing."""


def scaled(progress: ProgressFn, start: float, end: float) -> ProgressFn:
    """A callback mapping 0..1 onto ``start..end`` of ``progress`` (for a step within a larger task)."""
    return lambda fraction, message: progress(start + (end - start) * fraction, message)
