"""The choices of what the map shows, as names: what colours the grids and what labels them (no Qt)."""

from enum import StrEnum


class ColourBy(StrEnum):
    """What the grids' fill colours show when no statistic does."""

    DISTRICT = "district"
    STREET = "street"
    NONE = "none"


COLOUR_BY = tuple(c.value for c in ColourBy)


class GridLabel(StrEnum):
    """A grid's label: its code, its name, its grid workers' names (printed maps only) or nothing."""

    CODE = "code"
    NAME = "name"
    WORKER = "worker"
    NONE = "none"


MAP_LABELS = (GridLabel.CODE.value, GridLabel.NAME.value, GridLabel.NONE.value)
"""The labels the map page can show."""
