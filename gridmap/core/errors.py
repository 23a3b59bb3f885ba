"""Exceptions that carry a message meant for the user."""

from __future__ import annotations

from pathlib import Path


class GridMapError(Exception):
    """Bad input or a refused operation, reported to the user as one line: ``<file>: <problem>``."""

    def __init__(self, message: str, path: str | Path | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


class ProjectLocked(GridMapError):
    """The project is open in another GridMap process."""


class Cancelled(Exception):
    """The user cancelled a long operation; nothing was written."""
