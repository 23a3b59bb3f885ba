"""Findings about a user's data, each naming the rows it concerns."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    more = f", … ({len(rows)} in all)" if len(rows) > QUOTED_ROWS else ""
    return f"row{'s' if len(rows) > 1 else ''} {shown}{more}"
