"""Checks on a shapefile's parts before GDAL reads them, so broken files get a precise message.

GDAL reads a truncated ``.shp`` or a ``.dbf`` with fewer records than shapes with at most a warning, and
loses rows silently; these checks refuse such files and say which part is wrong.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.problems import Problem

SHP_MAGIC = 9994


def sibling(shp: Path, suffix: str) -> Path | None:
    """The part of a shapefile with ``suffix`` (any letter case), or None."""
    for candidate in (shp.with_suffix(suffix.lower()), shp.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    return next((p for p in shp.parent.glob(shp.stem + ".*") if p.suffix.lower() == suffix.lower()), None)


def dbf_record_count(dbf: Path) -> int:
    """Records in a DBF; GridMapError when its header or length is wrong."""
    size = dbf.stat().st_size
    with dbf.open("rb") as f:
        header = f.read(32)
    if len(header) < 32:
        raise GridMapError(tr("the .dbf attribute file is empty or truncated"), dbf)
    count, header_len, record_len = struct.unpack("<IHH", header[4:12])
    if header_len < 33 or record_len < 1:
        raise GridMapError(tr("the .dbf attribute file has a corrupt header"), dbf)
    if size < header_len + count * record_len:
        complete = max(0, (size - header_len) // record_len)
        raise GridMapError(tr("the .dbf attribute file is truncated: its header announces {count} records "
                              "but only {complete} are complete", count=count, complete=complete), dbf)
    return count


def check_shp(shp: Path) -> None:
    """Refuse an empty, truncated or non-shapefile ``.shp``."""
    size = shp.stat().st_size
    if size == 0:
        raise GridMapError(tr("the .shp file is empty (0 bytes)"), shp)
    with shp.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or struct.unpack(">i", header[:4])[0] != SHP_MAGIC:
        raise GridMapError(tr("not a shapefile: the .shp header is missing or corrupt"), shp)
    declared = struct.unpack(">i", header[24:28])[0] * 2
    if size < declared:
        raise GridMapError(tr("the .shp file is truncated: its header announces {declared} bytes "
                              "but the file has {size}", declared=declared, size=size), shp)


def prepare(shp: Path, workdir: Path) -> tuple[Path, list[Problem]]:
    """Check a shapefile's parts; return the ``.shp`` to read and notes.

    A missing ``.shx`` index is rebuilt from the ``.shp`` in a copy under ``workdir`` (the user's files are
    never written). A ``.dbf`` whose record count differs from the shapes' is refused.
    """
    check_shp(shp)
    dbf = sibling(shp, ".dbf")
    if dbf is None:
        raise GridMapError(tr("the attribute file {name} is missing next to the .shp", name=f"{shp.stem}.dbf"),
                           shp)
    records = dbf_record_count(dbf)
    shx = sibling(shp, ".shx")
    problems: list[Problem] = []
    source = shp
    if shx is None:
        import pyogrio

        copy = workdir / "restored" / shp.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        for part in shp.parent.glob(shp.stem + ".*"):
            if part.suffix.lower() in (".shp", ".dbf", ".prj", ".cpg"):
                shutil.copyfile(part, copy.with_suffix(part.suffix.lower()))
        pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": "YES"})
        try:
            shapes = pyogrio.read_info(copy)["features"]
        finally:
            pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": None})
        problems.append(Problem("missing_shx", tr("the index {name} is missing: rebuilt from the .shp in a "
                                                  "temporary copy ({shapes} shapes)", name=f"{shp.stem}.shx",
                                                  shapes=shapes)))
        shp = copy
    else:
        shapes = max(0, (shx.stat().st_size - 100) // 8)
    if shapes != records:
        raise GridMapError(tr("the .shp has {shapes} shapes but the .dbf has {records} records: the parts do "
                              "not belong together or one is truncated", shapes=shapes, records=records), source)
    return shp, problems
