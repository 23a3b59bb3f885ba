"""The morning brief's tables for a date (``gridmap brief``; the PDF is drawn by :mod:`gridmap.print.brief`)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.ops.project import ProjectRef, open_project


@dataclass
class BriefOptions:
    """The brief of the morning of ``date`` (the day before and the month to date), for one ``district`` or the
    whole project, in ``lang``; ``out`` the PDF, ``xlsx`` the tables' workbook (either optional here)."""

    date: object
    out: Path | None = None
    district: str | None = None
    lang: str = "zh"
    xlsx: Path | None = None


@dataclass
class BriefResult:
    """The brief built (``brief``), the files written, the PDF's pages and the seconds it took."""

    brief: object
    out: Path | None = None
    xlsx: Path | None = None
    pages: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        b = self.brief
        tables = {name: json.loads(frame.to_json(orient="records", force_ascii=False))
                  for name, frame in b.tables().items()}
        return {"out": str(self.out) if self.out else None, "xlsx": str(self.xlsx) if self.xlsx else None,
                "pages": self.pages, "date": f"{b.date:%Y-%m-%d}", "day": f"{b.day:%Y-%m-%d}",
                "period_start": f"{b.period_start:%Y-%m-%d}", "district": b.district,
                "visits": {k: None if v != v else v for k, v in b.visits.items()},  # NaN: no targets
                "seconds": self.seconds, **tables}


def write_xlsx(brief, path: Path, lang: str) -> Path:
    """The brief's tables written to ``path`` atomically (never over a project)."""
    from gridmap.core.brief.model import write_brief_xlsx
    from gridmap.core.outputs import refuse_project, staging

    path = Path(path)
    refuse_project(path)
    if not path.parent.is_dir():
        raise GridMapError(tr("the folder does not exist"), path.parent)
    try:
        with staging(path.parent) as folder:
            write_brief_xlsx(brief, folder / path.name, lang)
            os.replace(folder / path.name, path)
    except OSError as err:
        raise GridMapError(tr("cannot write ({error})", error=err.strerror or str(err)), path) from None
    return path


def brief(ref: ProjectRef, options: BriefOptions) -> BriefResult:
    """The brief's tables (and their XLSX when ``options.xlsx``); the PDF is :func:`gridmap.print.brief.print_brief`.

    Parameters
    ----------
    ref : path, ProjectStore or a loaded Project
    options : BriefOptions

    Returns
    -------
    BriefResult
    """
    from gridmap.core.brief.model import build_brief

    project = ref if hasattr(ref, "grids") else open_project(ref)
    built = build_brief(project, options.date, options.district)
    return BriefResult(built, xlsx=write_xlsx(built, options.xlsx, options.lang) if options.xlsx else None)
