"""Grid operations: edit the grids (split, merge, transfer, create, delete) and manage grid plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gridmap.ops.project import ProjectRef, editing, in_project, open_project, reading, reveal


@dataclass
class EditOptions:
    """One grid edit: ``action`` (split, merge, transfer, create, delete) and what it needs (lon/lat shapely
    geometries, grid codes); ``dry_run`` plans it and changes nothing."""

    action: str
    grid: str | None = None
    line: object = None
    grids: list[str] = field(default_factory=list)
    to: str | None = None
    area: object = None
    street: str | None = None
    dry_run: bool = False


_EDITS = {
    "split": lambda edits, project, o: edits.split(project, o.grid, o.line),
    "merge": lambda edits, project, o: edits.merge(project, o.grids),
    "transfer": lambda edits, project, o: edits.transfer(project, o.to, o.area),
    "create": lambda edits, project, o: edits.create(project, o.area, o.street),
    "delete": lambda edits, project, o: edits.delete(project, o.grid),
}
EDIT_ACTIONS = tuple(_EDITS)


@dataclass
class EditResult:
    """A planned (and, unless a dry run, applied) :class:`~gridmap.core.grids.edits.Edit`."""

    edit: object
    applied: bool

    def to_json(self) -> dict:
        return {**self.edit.impact(), "applied": self.applied}


def edit(ref: ProjectRef, options: EditOptions) -> EditResult:
    """Edit a project's grids keeping the partition, move the records, and save (unless a dry run).

    Parameters
    ----------
    ref : path or ProjectStore
    options : EditOptions

    Returns
    -------
    EditResult
    """
    from gridmap.core.grids import edits

    if options.dry_run:
        with in_project(ref):
            return EditResult(_EDITS[options.action](edits, open_project(ref), options), False)
    with editing(ref) as project:
        with in_project(ref):
            planned = _EDITS[options.action](edits, project, options)
        edits.apply_edit(project, planned)
    return EditResult(planned, True)


@dataclass
class PlanOptions:
    """One plan action (list, save, use, compare, export, export-assignment, import-assignment) and its
    arguments; ``reveal_reason`` writes ID numbers unmasked in an assignment table (recorded in the audit log)."""

    action: str
    name: str | None = None
    replace: bool = False
    a: str | None = None
    b: str | None = None
    out: Path | None = None
    encoding: str = "UTF-8"
    reveal_reason: str | None = None


@dataclass
class PlanResult:
    """What a plan action returned (its JSON)."""

    action: str
    data: dict

    def to_json(self) -> dict:
        return self.data


def _export(plans, project, o: PlanOptions) -> dict:
    out = plans.export_plan(project, o.name, Path(o.out), o.encoding)
    return {"out": str(out), "plan": o.name, "grids": len(plans.layout(project, o.name)),
            "encoding": o.encoding.upper()}


def _export_assignment(plans, project, o: PlanOptions) -> dict:
    rows = plans.export_assignment(project, Path(o.out), reveal=o.reveal_reason is not None)
    reveal(project, o.reveal_reason, "export-assignment", "records", rows, Path(o.out).resolve())
    return {"out": str(o.out), "rows": rows, "masked": o.reveal_reason is None}


# action -> (what it does, whether it changes the project)
_PLANS = {
    "list": (lambda plans, project, o: {"plans": plans.list_plans(project)}, False),
    "save": (lambda plans, project, o: plans.save_plan(project, o.name, replace=o.replace), True),
    "use": (lambda plans, project, o: plans.use_plan(project, o.name), True),
    "compare": (lambda plans, project, o: plans.compare_plans(project, o.a, o.b), False),
    "export": (_export, False),
    "export-assignment": (_export_assignment, False),
    "import-assignment": (lambda plans, project, o: plans.import_assignment(project, Path(o.out)).to_json(), True),
}
PLAN_ACTIONS = tuple(_PLANS)


def plan(ref: ProjectRef, options: PlanOptions) -> PlanResult:
    """Run a plan action; the actions that change the project save it (under its lock).

    Parameters
    ----------
    ref : path or ProjectStore
    options : PlanOptions
        ``out`` is the file written (export, export-assignment) or read (import-assignment).

    Returns
    -------
    PlanResult
    """
    from gridmap.core.grids import plans

    run, writes = _PLANS[options.action]
    context = editing(ref) if writes else reading(ref, options.reveal_reason)
    with context as project:
        with in_project(ref):
            data = run(plans, project, options)
    return PlanResult(options.action, data)
