"""Findings about a user's data, each naming the rows it concerns."""

from __future__ import annotations

from dataclasses import dataclass, field

from gridmap.core.i18n import tr

# How many row numbers a one-line message quotes before "…".
QUOTED_ROWS = 10


@dataclass
class Problem:
    """A finding: ``kind`` (machine-readable), a message for people, and the 1-based source rows concerned."""

    kind: str
    message: str
    rows: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"kind": self.kind, "message": self.message, "rows": self.rows}


def rows_text(rows: list[int]) -> str:
    """``rows 3, 7, 9`` or ``rows 1, 2, … (120 in all)`` for messages."""
    shown = ", ".join(str(r) for r in rows[:QUOTED_ROWS])
    if len(rows) > QUOTED_ROWS:
        return tr("rows {rows}, … ({count} in all)", rows=shown, count=len(rows))
    return tr("rows {rows}", rows=shown) if len(rows) > 1 else tr("row {rows}", rows=shown)
