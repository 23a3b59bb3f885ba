"""What the label on each grid shows, on the map and on printed maps (no Qt)."""

from enum import StrEnum


class GridLabel(StrEnum):
    """A grid's label: its code, its name, its grid workers' names (printed maps only) or nothing."""

    CODE = "code"
    NAME = "name"
    WORKER = "worker"
    NONE = "none"


MAP_LABELS = (GridLabel.CODE, GridLabel.NAME, GridLabel.NONE)
"""The labels the map page can show."""
