"""Record operations: import records into a project, count them, export a layer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.progress import ProgressFn, no_progress, scaled
from gridmap.core.records.assign import needs_assigning
from gridmap.core.records.importing import ImportResult, RecordImportOptions
from gridmap.ops.project import ProjectRef, open_project, project_label, reading, reveal, store_of


def add(ref: ProjectRef, options: RecordImportOptions, progress: ProgressFn = no_progress) -> ImportResult:
    """Import incidents, persons, venues or workers into a project and store them (under its lock).

    New records are appended to the stored layer without reading it (their ids looked up in the store); when
    some ids are already there (those records are updated) or the grids changed since the records were
    assigned, the layer is read, merged and saved.

    Parameters
    ----------
    ref : path or ProjectStore
    options : RecordImportOptions
        The record file, its kind and columns.
    progress : callable, optional

    Returns
    -------
    ImportResult
    """
    from gridmap.core.records.importing import merge_records, new_records, read_new_records

    store = store_of(ref)
    kind = options.kind
    with store.lock():
        project = store.load()
        records, result = read_new_records(project, options, scaled(progress, 0.0, 0.7))
        if not needs_assigning(project) and (kind not in project.layers or not store.stored_ids(kind, records["id"])):
            progress(0.7, tr("Writing {name}", name=project_label(ref)))
            store.append_records(kind, new_records(project, kind, records, result), project.meta)
        else:
            merge_records(project, kind, records, result)
            progress(0.7, tr("Writing {name}", name=project_label(ref)))
            store.save(project, scaled(progress, 0.7, 1.0))
    progress(1.0, tr("Done"))
    return result


@dataclass
class StatsResult:
    """Record counts per unit (one row per grid, community, street or district); ``out`` the file written."""

    frame: pd.DataFrame
    kind: str
    out: Path | None = None
    lang: str | None = None

    def text(self, fmt: str) -> str:
        """The counts as CSV (headed in ``lang``, default the column names) or JSON text."""
        from gridmap.core.records.stats import stats_labels, stats_text

        return stats_text(self.frame, fmt, stats_labels(self.lang) if self.lang else None)

    def to_json(self) -> list[dict]:
        return json.loads(self.text("json"))


def stats(ref: ProjectRef, kind: str = "incidents", by: str = "grid", start: date | None = None,
          end: date | None = None, out: Path | str | None = None, fmt: str | None = None,
          lang: str | None = None) -> StatsResult:
    """Count a project's records per grid, community, street or district.

    Parameters
    ----------
    ref : path or ProjectStore
    kind : str, default "incidents"
    by : str, default "grid"
    start, end : date, optional
        Incidents reported from ``start`` to ``end`` (included).
    out : path, optional
        File to write atomically (csv, json or xlsx, see ``fmt``).
    fmt : str, optional
        Format of ``out`` (default: from its suffix).
    lang : str, optional
        Language of the CSV and XLSX headers, "zh" or "en" (default: the column names; JSON keeps them).

    Returns
    -------
    StatsResult
    """
    from gridmap.core.records.stats import day_filter, record_stats, stats_labels, write_stats

    labels = stats_labels(lang) if lang else None
    frame = record_stats(open_project(ref), kind, by, day_filter(start, end))
    return StatsResult(frame, kind, write_stats(frame, Path(out), fmt, labels) if out is not None else None, lang)


@dataclass
class ExportResult:
    """An exported layer: the file, the layer, its rows and whether ID and phone numbers were masked."""

    out: Path
    layer: str
    rows: int
    masked: bool

    def to_json(self) -> dict:
        return {"out": str(self.out), "layer": self.layer, "rows": self.rows, "masked": self.masked}


def export(ref: ProjectRef, layer: str, out: Path | str, reveal_reason: str | None = None) -> ExportResult:
    """Write a layer to CSV, GeoPackage, Shapefile or GeoJSON, ID and phone numbers masked.

    Parameters
    ----------
    ref : path or ProjectStore
    layer : str
        ``grids`` or a record layer.
    out : path
    reveal_reason : str, optional
        Write the numbers in full, for this reason (recorded in the project's audit log).

    Returns
    -------
    ExportResult
    """
    from gridmap.core.io.export import export_layer

    if reveal_reason is not None and not reveal_reason.strip():
        raise GridMapError(tr("a reveal needs a reason"))
    with reading(ref, reveal_reason) as project:
        written = export_layer(project, layer, Path(out), reveal=reveal_reason is not None)
        rows = len(project.grids) if layer == "grids" else len(project.layers[layer])
        reveal(project, reveal_reason, "export", layer, rows, written.resolve())
    return ExportResult(written, layer, rows, reveal_reason is None)
