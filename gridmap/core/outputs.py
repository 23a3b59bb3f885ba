"""Files GridMap writes for others to open (exports, statistics, HTML maps, printed maps).

* Never over a project: :func:`refuse_project` stops an output that is a GridMap project (the one being
  read, or any other, open or not) or a project's lock file.
* Written in a private staging folder (:func:`staging`: a new folder with an unpredictable name, made
  exclusively) and renamed into place, so no predictable temporary name can be planted as a symlink.
* No formulas from data: :func:`neutralise` is the one rule every CSV and XLSX writer applies to text cells.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from contextlib import closing, contextmanager
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr

# A spreadsheet runs a cell starting with one of these as a formula (tab and CR: after Excel trims them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_SQLITE_HEADER = b"SQLite format 3\x00"


def neutralise(value):
    """``value`` as a spreadsheet shows it as text: a string starting with ``= + - @``, tab or CR gets a
    leading ``'`` (OWASP's advice for CSV); numbers, also written as text (``-3``), and others are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`neutralise` applied to its column names and text cells (vectorised)."""
    out = frame.rename(columns=neutralise)  # a copy
    for i in range(out.shape[1]):
        values = out.iloc[:, i]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        text = values.where(values.map(type) == str) if pd.api.types.is_object_dtype(values) else values
        risky = (text.str.startswith(FORMULA_START) & ~text.str.fullmatch(_NUMBER.pattern)).fillna(False)
        if risky.any():
            out.isetitem(i, values.where(~risky.astype(bool), "'" + text))
    return out


def write_xlsx(frame: pd.DataFrame, path: Path, where: Path | None = None,
               formats: Mapping[str, str] | None = None) -> None:
    """Write ``frame`` as one sheet: every string a text cell (never a formula), numbers as numbers (in the
    columns of ``formats`` with that Excel number format, e.g. ``0.0%``), missing values empty. GridMapError
    naming the cell if text holds a control character XLSX cannot store."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet()

    def cell(value, row: int, column: str):
        if isinstance(value, str):
            if ILLEGAL_CHARACTERS_RE.search(value):
                raise GridMapError(tr("row {row}, column {column}: a control character that an XLSX file cannot "
                                      "hold; export as CSV", row=row, column=column), where or path)
            text = WriteOnlyCell(sheet, value)
            text.data_type = "s"
            return text
        if pd.isna(value):
            return None
        if column in (formats or {}):
            number = WriteOnlyCell(sheet, value)
            number.number_format = formats[column]
            return number
        return value

    names = [str(c) for c in frame.columns]
    sheet.append([cell(name, 1, name) for name in names])
    for row, values in enumerate(frame.itertuples(index=False, name=None), 2):
        sheet.append([cell(v, row, name) for v, name in zip(values, names)])
    book.save(path)


def refuse_project(out: Path | str) -> None:
    """GridMapError if writing ``out`` would replace a GridMap project (it holds ``gridmap_meta``; this covers
    the project being read, through any symlink or hard link, and every other project, open or not) or a
    project's lock file."""
    from gridmap.core.io.sqlite import META_TABLE, sqlite_uri

    out = Path(out)
    if out.name.startswith(".") and out.name.endswith(".lock") and out.with_name(out.name[1:-5]).exists():
        raise GridMapError(tr("is the lock file of a GridMap project; choose another output file"), out)
    try:
        with open(out, "rb") as f:
            if f.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
                return
        with closing(sqlite3.connect(sqlite_uri(out.resolve()), uri=True)) as db:
            found = db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (META_TABLE,)).fetchone()
    except (OSError, sqlite3.Error):
        return  # not there or not a readable database: not a project
    if found:
        raise GridMapError(tr("is a GridMap project; an export never replaces a project: choose another output "
                              "file"), out)


@contextmanager
def staging(folder: Path):
    """A new private folder inside ``folder`` for files written before they are renamed into place (same file
    system, so the rename is atomic); removed afterwards with whatever is left in it."""
    path = Path(tempfile.mkdtemp(prefix=".gridmap-", dir=folder))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


TABLE_FORMATS = ("csv", "json", "xlsx")
"""The formats of the table files GridMap writes (statistics, visit lists)."""


def write_table(path: Path | str, fmt: str | None, text, xlsx) -> Path:
    """Write a table to ``path`` as ``fmt`` (one of :data:`TABLE_FORMATS`; default: from the suffix):
    ``text(fmt)`` gives the CSV or JSON text (CSV written as UTF-8 with a BOM, so that Excel opens it on Chinese
    Windows), ``xlsx(tmp)`` writes the workbook to ``tmp``. Atomic: written in a private folder beside ``path``
    and renamed over it; a GridMap project is never replaced."""
    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt not in TABLE_FORMATS:
        raise GridMapError(tr("unknown format {format}; expected one of {expected}", format=repr(fmt),
                              expected=", ".join(TABLE_FORMATS)), path)
    refuse_project(path)
    try:
        with staging(path.parent) as folder:
            tmp = folder / path.name
            if fmt == "xlsx":
                xlsx(tmp)
            else:
                tmp.write_text(text(fmt), encoding="utf-8-sig" if fmt == "csv" else "utf-8")
            os.replace(tmp, path)
    except OSError as err:
        raise GridMapError(tr("cannot write ({error})", error=err.strerror or str(err)), path) from None
    return path

