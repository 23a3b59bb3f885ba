"""Opening, creating and changing a project file: the one transaction (lock → load → change → save → release)
every operation that writes a project goes through, and the audit log of reveals.

A project reference (``ref``) is a path to a project file, a database project's URL
(``postgresql://USER@HOST:PORT/DBNAME?schema=NAME``) or a :class:`~gridmap.store.base.ProjectStore`.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.problems import Problem
from gridmap.core.progress import ProgressFn, no_progress
from gridmap.core.project.model import ImportOptions, Project, import_grids
from gridmap.store.base import ProjectStore
from gridmap.store.dburl import is_db_url
from gridmap.store.gpkg import GpkgStore, append_audit, check_project_file, load_audit
from gridmap.store.postgis import PostgisStore

ProjectRef = Path | str | ProjectStore
# ``project.stored[STORE]``: the database store a project was loaded from (where its reveals are recorded).
STORE = "store"


def store_of(ref: ProjectRef) -> ProjectStore:
    """The store ``ref`` names: a ``postgresql://`` URL a PostGIS schema, a path a GeoPackage file."""
    if isinstance(ref, ProjectStore):
        return ref
    return PostgisStore(str(ref)) if is_db_url(ref) else GpkgStore(ref)


def project_ref(text: str) -> ProjectRef:
    """What a user typed for a project (a command-line argument): a database URL as it is, else a path."""
    return text if is_db_url(text) else Path(text)


def project_label(ref: ProjectRef) -> str:
    """The project as messages name it: its file's name, or its URL without the password."""
    store = store_of(ref)
    return store.path.name if isinstance(store, GpkgStore) else str(getattr(store, "label", store))


def _path_of(ref: ProjectRef) -> Path | str | None:
    store = store_of(ref)
    return getattr(store, "path", None) or getattr(store, "label", None)


@contextmanager
def in_project(ref: ProjectRef) -> Iterator[None]:
    """Errors that name no file are about the project ``ref``."""
    try:
        yield
    except GridMapError as err:
        if err.path is None:
            err.path = _path_of(ref)
        raise


def open_project(ref: ProjectRef) -> Project:
    """Load a project (no lock: for reading), then re-assign its records if its grids changed elsewhere.

    Parameters
    ----------
    ref : path or ProjectStore

    Returns
    -------
    Project
    """
    from gridmap.core.records.assign import ensure_assigned

    store = store_of(ref)
    project = store.load()
    if not isinstance(store, GpkgStore):
        project.stored[STORE] = store
    ensure_assigned(project)
    return project


@contextmanager
def editing(ref: ProjectRef, *, new: Project | None = None, save: bool = True,
            progress: ProgressFn = no_progress) -> Iterator[Project]:
    """Lock → load → change (the ``with`` body) → save → release. An error in the body saves nothing; the lock
    is released in every case.

    Parameters
    ----------
    ref : path or ProjectStore
    new : Project, optional
        A project not stored yet: locked as a new file and saved there instead of loading.
    save : bool, default True
        False holds the lock for the body only (e.g. to record a reveal) and saves nothing.
    progress : callable, optional
        ``progress(fraction, message)`` for the save.

    Yields
    ------
    Project
    """
    store = store_of(ref)
    with store.lock(new=new is not None):
        project = new if new is not None else open_project(store)
        yield project
        if save:
            store.save(project, progress)


@contextmanager
def reading(ref: ProjectRef, reason: str | None = None) -> Iterator[Project]:
    """The project loaded for reading; with a ``reason`` (a reveal of personal data) under the project's lock, so
    that :func:`record_reveal` may write its audit row."""
    if reason is None:
        yield open_project(ref)
    else:
        with editing(ref, save=False) as project:
            yield project


def record_reveal(project: Project, entry: dict) -> None:
    """Keep the audit row ``entry`` (see :func:`gridmap.core.project.privacy.reveal_entry`) in ``project.audit``
    and, when the project is stored, append it there at once (one transaction). The caller holds the project
    lock (a file's)."""
    store = project.stored.get(STORE)
    if store is not None:
        store.append_audit([entry], project)
    elif project.path is not None and project.path.exists():
        append_audit(project.path, [entry])
    project.audit.append(entry)


def reveal(project: Project, reason: str | None, action: str, layer: str, records: int, output) -> None:
    """Record a reveal of ``records`` of ``layer`` by ``action`` into ``output``; nothing without a ``reason``."""
    if reason is not None:
        from gridmap.core.project.privacy import reveal_entry

        record_reveal(project, reveal_entry(action, layer, records, output, reason))


@dataclass
class NewResult:
    """The created project and the problems found in its boundary file."""

    project: Project
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict:
        project = self.project
        return {"project": str(project.path), "grids": len(project.grids), "source": project.meta["sources"][0],
                "field_mapping": project.meta["field_mapping"], "problems": [p.to_json() for p in self.problems]}


def new(out: Path | str, options: ImportOptions, force: bool = False, progress: ProgressFn = no_progress,
        meta: dict | None = None) -> NewResult:
    """Create the project file ``out`` (.gpkg) from a boundary file, atomically.

    Parameters
    ----------
    out : path
        Project file to write; refused if it exists, unless ``force``.
    options : ImportOptions
        The boundary file and how to read it.
    force : bool, default False
    progress : callable, optional
    meta : dict, optional
        Extra metadata to store (e.g. the city).

    Returns
    -------
    NewResult
    """
    out = Path(out)
    if out.suffix.lower() != ".gpkg":
        raise GridMapError(tr("a project file must end in .gpkg"), out)
    if out.exists() and not force:
        raise GridMapError(tr("already exists; use --force to overwrite it"), out)
    project, problems = import_grids(options, progress)
    project.meta.update(meta or {})
    out.parent.mkdir(parents=True, exist_ok=True)
    with editing(out, new=project):
        progress(0.8, tr("Writing {name}", name=out.name))
    progress(1.0, tr("Done"))
    return NewResult(project, problems)


@dataclass
class InfoResult:
    """A project's summary (see :meth:`Project.summary`)."""

    summary: dict

    def to_json(self) -> dict:
        return self.summary


def info(ref: ProjectRef) -> InfoResult:
    """Counts, area and layers of a project.

    Parameters
    ----------
    ref : path or ProjectStore

    Returns
    -------
    InfoResult
    """
    summary = open_project(ref).summary()
    if summary["path"] is None:
        summary["path"] = project_label(ref)
    return InfoResult(summary)


def validate(ref: ProjectRef, tolerance_m2: float = 1.0):
    """Check a project's grids (overlaps, gaps, invalid geometry…).

    Parameters
    ----------
    ref : path or ProjectStore
    tolerance_m2 : float, default 1
        Overlaps and gaps up to this area are noise of shared edges.

    Returns
    -------
    ValidationReport
    """
    from gridmap.core.grids.validate import validate as check

    return check(open_project(ref), tolerance_m2=tolerance_m2)


@dataclass
class AuditResult:
    """The audit log's rows, oldest first."""

    rows: list[dict]

    def to_json(self) -> dict:
        return {"audit": self.rows}


def audit(path: ProjectRef) -> AuditResult:
    """Every reveal of ID and phone numbers recorded in the project file or database project ``path``.

    Parameters
    ----------
    path : path, URL or ProjectStore

    Returns
    -------
    AuditResult
    """
    store = store_of(path)
    if not isinstance(store, GpkgStore):
        return AuditResult(store.audit_rows())
    path = store.path
    check_project_file(path)
    if not path.is_file():
        raise GridMapError(tr("project file not found"), path)
    try:
        return AuditResult(load_audit(path))
    except sqlite3.Error as err:
        raise GridMapError(tr("not a readable GeoPackage ({error})", error=err), path) from None


@dataclass
class CopyResult:
    """A project copied between a file and a database (``gridmap push``/``pull``): where from, where to, and the
    rows copied per layer (``grids``, ``plans``: the plans' count, then each record layer)."""

    source: str
    target: str
    counts: dict[str, int]

    def to_json(self) -> dict:
        return {"from": self.source, "to": self.target, **self.counts}


def _counts(project: Project) -> dict[str, int]:
    return {"grids": len(project.grids), "plans": len(project.plans),
            **{name: project.layers.count(name) for name in project.layers}, "audit": len(project.audit)}


def push(path: Path | str, url: str, force: bool = False, progress: ProgressFn = no_progress) -> CopyResult:
    """Copy the project file ``path`` into the database schema ``url`` names, in one transaction.

    Parameters
    ----------
    path : path
        A GeoPackage project.
    url : str
        ``postgresql://USER@HOST:PORT/DBNAME?schema=NAME``; a schema that exists is refused unless ``force``
        (then it is replaced, atomically).
    force : bool, default False
    progress : callable, optional

    Returns
    -------
    CopyResult
    """
    target = store_of(url)
    if not isinstance(target, PostgisStore):
        raise GridMapError(tr("push copies a project into a database: give a postgresql:// URL"), str(url))
    source = GpkgStore(path)
    project = source.load()
    for name in project.layers:
        project.layers[name]  # read every layer now, as it is
    target.create(project, force, progress)
    return CopyResult(str(source.path), target.label, _counts(project))


def pull(url: str, out: Path | str, force: bool = False, progress: ProgressFn = no_progress) -> CopyResult:
    """Copy the database project ``url`` into the new project file ``out`` (.gpkg), atomically.

    Parameters
    ----------
    url : str
    out : path
        Refused if it exists, unless ``force``.
    force : bool, default False
    progress : callable, optional

    Returns
    -------
    CopyResult
    """
    source = store_of(url)
    if not isinstance(source, PostgisStore):
        raise GridMapError(tr("pull copies a project out of a database: give a postgresql:// URL"), str(url))
    out = Path(out)
    if out.suffix.lower() != ".gpkg":
        raise GridMapError(tr("a project file must end in .gpkg"), out)
    if out.exists() and not force:
        raise GridMapError(tr("already exists; use --force to overwrite it"), out)
    project = source.load()
    for name in project.layers:
        project.layers[name]  # read in full: the file gets every record
    project.stored.clear()  # a new file: everything is written
    out.parent.mkdir(parents=True, exist_ok=True)
    with editing(out, new=project, progress=progress):
        pass
    return CopyResult(source.label, str(out), _counts(project))
