"""Visit operations: the project's visit rules (read and change), and for a day the visit coverage per unit or the
list of overdue targets."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.visits.rules import VisitRules, changed_rules, set_visit_rules, visit_rules
from gridmap.ops.project import ProjectRef, editing, open_project


@dataclass
class RulesResult:
    """The visit rules after the operation, and those before (for undo; the same when nothing changed)."""

    rules: VisitRules
    previous: VisitRules
    changed: bool = False

    def to_json(self) -> dict:
        return {**self.rules.to_json(), "changed": self.changed}


@dataclass
class RulesChange:
    """Changes to the visit rules: ``set`` (``VALUE=DAYS``, ``FIELD:VALUE=DAYS``, ``default:KIND=DAYS``), ``remove``
    (``VALUE`` or ``FIELD:VALUE``), ``reset`` (back to the defaults first), the far check-in distance in metres and
    the days before due that count as due soon."""

    set: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    reset: bool = False
    far_m: float | None = None
    soon_days: int | None = None

    def empty(self) -> bool:
        return not (self.set or self.remove or self.reset) and self.far_m is None and self.soon_days is None


def rules(ref: ProjectRef, change: RulesChange | None = None) -> RulesResult:
    """Read a project's visit rules or, with a ``change``, change them and save the project (one transaction).

    Parameters
    ----------
    ref : path or ProjectStore
    change : RulesChange, optional

    Returns
    -------
    RulesResult
    """
    if change is None or change.empty():
        current = visit_rules(open_project(ref).meta)
        return RulesResult(current, current)
    with editing(ref) as project:
        previous = visit_rules(project.meta)
        if change.reset:
            set_visit_rules(project.meta, None)
        new = changed_rules(visit_rules(project.meta), change.set, change.remove, known_values(project),
                            change.far_m, change.soon_days)
        set_visit_rules(project.meta, new)
    return RulesResult(new, previous, new != previous)


def known_values(project) -> dict[str, set[str]]:
    """The risk levels and categories of the project's key persons and the types of its venues, for telling
    which field a bare rule value is."""
    out = {}
    for kind, column in (("persons", "risk_level"), ("persons", "category"), ("venues", "type")):
        if kind in project.layers and column in project.layers[kind].columns:
            out[column] = set(project.layers[kind][column].astype("str").dropna())
    return out


@dataclass
class VisitsResult:
    """Visit coverage per unit (``by``) or the overdue targets (``by`` None) on ``day``; ``out`` the file written."""

    frame: pd.DataFrame
    day: pd.Timestamp
    by: str | None
    totals: dict
    out: Path | None = None
    lang: str | None = None

    def text(self, fmt: str) -> str:
        from gridmap.core.visits.due import visits_text

        return visits_text(self.frame, fmt, self.lang)

    def to_json(self) -> dict:
        from gridmap.core.visits.due import visits_text

        return {"date": self.day.date().isoformat(), "by": self.by, "overdue_list": self.by is None,
                **self.totals, "out": str(self.out) if self.out else None,
                "rows": json.loads(visits_text(self.frame, "json"))}


def visits(ref: ProjectRef, day, by: str = "grid", overdue: bool = False, out: Path | str | None = None,
           fmt: str | None = None, lang: str | None = None) -> VisitsResult:
    """Visit coverage of a project's key persons and venues on ``day`` per unit, or the overdue list.

    Parameters
    ----------
    ref : path or ProjectStore
    day : date
        The state at the start of this day (visits before it count).
    by : str, default "grid"
        grid, community, street, district or worker.
    overdue : bool, default False
        List the targets overdue or never visited (ids masked where private) instead.
    out : path, optional
        File to write atomically (csv, json or xlsx, see ``fmt``); never a project.
    fmt : str, optional
        Format of ``out`` (default: from its suffix).
    lang : str, optional
        Language of CSV and XLSX headers, kinds and statuses ("zh" or "en").

    Returns
    -------
    VisitsResult
    """
    from gridmap.core.visits.due import BY, overdue_list, totals, visit_coverage, visit_status, write_visits

    if by not in BY:
        raise GridMapError(tr("unknown unit {by}; expected one of {expected}", by=repr(by), expected=", ".join(BY)))
    project = open_project(ref)
    day = pd.Timestamp(day).normalize()
    status = visit_status(project, day)
    frame = overdue_list(status, project.meta) if overdue else visit_coverage(status, by, project)
    written = write_visits(frame, Path(out), fmt, lang) if out is not None else None
    return VisitsResult(frame, day, None if overdue else by, totals(status), written, lang)
