"""Exceptions that carry a message meant for the user."""

from __future__ import annotations

import re
from pathlib import Path


class GridMapError(Exception):
    """Bad input or a refused operation, reported to the user as one line: ``<file>: <problem>``. The file may
    be a database project's URL (text holding ``://``), kept as text with its password masked."""

    def __init__(self, message: str, path: str | Path | None = None):
        super().__init__(message)
        self.message = message
        if isinstance(path, str) and "://" in path:
            self.path = re.sub(r"(://[^:/?#@\s]*:)[^@/?#\s]*@", r"\1***@", path)
        else:
            self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


class BoundaryFileGiven(GridMapError):
    """A boundary file (Shapefile, GeoJSON, a GeoPackage GridMap did not make…) given where a project is expected:
    the command line tells how to make a project of it, the GUI opens the New from Boundaries dialog with it."""


class ProjectLocked(GridMapError):
    """The project is open in another GridMap process."""


class Cancelled(Exception):
    """The user cancelled a long operation; nothing was written."""
