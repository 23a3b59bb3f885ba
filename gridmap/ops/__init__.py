"""Operations the CLI and the GUI share, above core and the store: each takes options and a progress callback
and returns a result with ``to_json`` (the JSON ``gridmap COMMAND --json`` prints). :func:`editing` is the one
lock → load → change → save → release transaction; :func:`open_project` loads, then assigns.
"""

from gridmap.ops.brief import BriefOptions, BriefResult, brief
from gridmap.ops.demo import DemoResult, build_demo, demo
from gridmap.ops.grids import EditOptions, EditResult, PlanOptions, PlanResult, edit, plan
from gridmap.ops.project import (AuditResult, CopyResult, InfoResult, NewResult, ProjectRef, audit, editing, info, new,
                                 open_project, project_label, project_ref, pull, push, reading, record_reveal, reveal,
                                 store_of, validate)
from gridmap.ops.patrol import PatrolResult, patrol
from gridmap.ops.records import ExportResult, StatsResult, add, export, stats
from gridmap.ops.visits import RulesChange, RulesResult, VisitsResult, rules, visits

__all__ = [
    "AuditResult", "BriefOptions", "BriefResult", "CopyResult", "DemoResult", "EditOptions", "EditResult",
    "ExportResult", "InfoResult", "NewResult", "PatrolResult", "PlanOptions", "PlanResult", "ProjectRef", "RulesChange",
    "RulesResult", "StatsResult", "VisitsResult", "add", "audit", "brief", "build_demo", "demo", "edit", "editing",
    "export", "info", "new", "open_project", "patrol", "plan", "project_label", "project_ref", "pull", "push",
    "reading", "record_reveal", "reveal", "rules", "stats", "store_of", "validate", "visits",
]
