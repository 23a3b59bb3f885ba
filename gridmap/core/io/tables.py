"""Reading record files as text tables: CSV (UTF-8, UTF-8 with BOM, GBK / GB18030 detected), XLSX, and point
layers (Shapefile, GeoPackage, GeoJSON…) whose points become ``lon`` / ``lat`` columns.

Every cell is read as text so that ID numbers, phone numbers and codes keep their leading zeros and all 18
digits; the importer converts the columns it understands. Row numbers are the spreadsheet's: the header is
row 1, the first record row 2 (for point layers: feature 1, 2…).
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from gridmap.core.io.encoding import EncodingInfo, check_encoding
from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr

TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
# Bytes per decoding step: bounds the memory a GBK file needs while it is turned into UTF-8.
CHUNK = 32 << 20
# Bytes looked at to detect the encoding (whole lines; a GBK file is told from UTF-8 within a few lines).
SNIFF = 4 << 20
# The longest line a CSV may have: a longer one is refused before the file is read into memory.
MAX_LINE_BYTES = 16 << 20
# Encodings whose multi-byte characters never hold an ASCII comma, tab, quote or line end (codec names).
_ASCII_SAFE = ("gbk", "gb18030", "gb2312")


@dataclass
class Table:
    """Text cells (``columns`` in file order), the first row number, the encoding, and for point layers the
    CRS the points were in (already turned into ``lon`` / ``lat`` columns)."""

    frame: pd.DataFrame
    first_row: int
    encoding: EncodingInfo | None = None
    crs: str | None = None

    @property
    def rows(self) -> np.ndarray:
        return np.arange(self.first_row, self.first_row + len(self.frame))


def read_table(path: Path | str, encoding: str | None = None, sheet: str | None = None) -> Table:
    """Read ``path`` as a text table (see the module docstring); GridMapError names the file and problem."""
    path = Path(path)
    if not path.exists():
        raise GridMapError(tr("file not found"), path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _read_csv(path, encoding)
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, sheet)
    if suffix == ".xls":
        raise GridMapError(tr("old Excel .xls files cannot be read; save the sheet as .xlsx or CSV"), path)
    if suffix == ".gpx":
        return _read_gpx(path)
    return _read_points(path, encoding, sheet)


def detect_text_encoding(data: bytes, whole: bool = True) -> EncodingInfo:
    """UTF-8 (with or without BOM) if the bytes decode as UTF-8, else GBK, else GB18030. ``data`` is the
    start of a longer text unless ``whole``: then only its whole lines are looked at (a character cut in two
    at the end would decode as nothing)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return EncodingInfo("UTF-8-SIG", "bom")
    cut = data.rfind(b"\n") + 1 or len(data)
    sample = data if whole else data[:cut]
    if sample.isascii():
        return EncodingInfo("UTF-8", "ascii")
    for name in ("UTF-8", "GBK", "GB18030"):
        try:
            sample.decode(name)
            return EncodingInfo(name, "detected")
        except UnicodeDecodeError:
            continue
    raise ValueError(tr("the text is neither UTF-8 nor GBK; choose its encoding"))


def _read_csv(path: Path, encoding: str | None) -> Table:
    import pyarrow as pa

    _check_line_lengths(path)
    data = path.read_bytes()
    try:
        enc = (EncodingInfo(check_encoding(encoding), "user") if encoding
               else detect_text_encoding(data[:SNIFF], whole=len(data) <= SNIFF))
        if enc.source == "ascii" and len(data) > SNIFF and not data.isascii():
            enc = detect_text_encoding(data)  # ASCII at the start only: look at the whole text
    except ValueError as err:
        raise GridMapError(str(err), path) from None
    if codecs.lookup(enc.name).name in _ASCII_SAFE and data.strip() and b"\0" not in data:
        frame = _read_gb_csv(data, enc.name)
        if frame is not None:
            return Table(frame, first_row=2, encoding=enc)
    try:
        utf8 = _to_utf8(data, enc.name)
    except UnicodeDecodeError as err:
        raise GridMapError(tr("cannot decode the file as {encoding} at byte {offset}; choose its encoding",
                              encoding=enc.name, offset=err.start), path) from None
    del data
    if not utf8.strip():
        raise GridMapError(tr("the file is empty"), path)
    if b"\0" in utf8:
        _refuse_nul(utf8, path)
    header_line = utf8[: utf8.find(b"\n") + 1 or len(utf8)].decode("utf-8")
    try:
        table = _parse_csv(utf8, header_line, pa.string())
    except pa.ArrowInvalid as err:
        raise GridMapError(tr("cannot read the table: {error}", error=_arrow_message(err)), path) from None
    return Table(table.to_pandas(), first_row=2, encoding=enc)


def _parse_csv(data: bytes, header_line: str, cell_type):
    """The table of ``data`` below its header line ``header_line`` (tab- or comma-separated), every cell of
    ``cell_type`` (Arrow string or binary)."""
    import pyarrow.csv as pacsv

    delimiter = "\t" if header_line.count("\t") > header_line.count(",") else ","
    header = next(csv.reader([header_line], delimiter=delimiter))
    names = _unique([h.strip() for h in header])
    return pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, invalid_row_handler=None),
        convert_options=pacsv.ConvertOptions(column_types={n: cell_type for n in names},
                                             strings_can_be_null=False, quoted_strings_can_be_null=False))


def _read_gb_csv(data: bytes, encoding: str) -> pd.DataFrame | None:
    """A GBK / GB18030 CSV read without turning the whole text into UTF-8: its bytes are split into cells as
    they are (no byte of a Chinese character is a comma, tab, quote or line end), the ASCII columns taken as
    they are and the others decoded one distinct value at a time. None when the text does not decode or
    parse: the caller's UTF-8 path then reports where."""
    import pyarrow as pa

    try:
        header_line = data[: data.find(b"\n") + 1 or len(data)].decode(encoding)
        table = _parse_csv(data, header_line, pa.binary())
        columns = [_decoded(table.column(i), encoding) for i in range(table.num_columns)]
    except (UnicodeDecodeError, pa.ArrowInvalid):
        return None
    return pa.table(columns, names=table.column_names).to_pandas()


def _decoded(column, encoding: str):
    """A binary column as text: cast when it is ASCII, else its distinct values decoded from ``encoding``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        text = column.cast(pa.string())
        if pc.all(pc.string_is_ascii(text)).as_py() is not False:
            return text
    except pa.ArrowInvalid:  # not UTF-8: GBK text
        pass
    distinct = pc.unique(column)
    values = pa.array([v.decode(encoding) for v in distinct.to_pylist()], pa.string())
    return pc.take(values, pc.index_in(column, value_set=distinct))


def _check_line_lengths(path: Path) -> None:
    """GridMapError if a line is longer than :data:`MAX_LINE_BYTES`, found reading the file a chunk at a time
    (a file with one huge line would otherwise be held several times over in memory)."""
    line, current = 1, 0  # the line being read and its bytes so far
    try:
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                ends = np.flatnonzero(np.frombuffer(chunk, np.uint8) == 10)
                if len(ends):
                    lengths = np.concatenate([[current + ends[0]], np.diff(ends) - 1])
                    longest = int(lengths.argmax())
                    if lengths[longest] > MAX_LINE_BYTES:
                        current, line = MAX_LINE_BYTES + 1, line + longest
                        break
                    line, current = line + len(ends), len(chunk) - int(ends[-1]) - 1
                else:
                    current += len(chunk)
                if current > MAX_LINE_BYTES:
                    break
    except OSError as err:
        raise GridMapError(tr("cannot read the file ({error})", error=err.strerror or err), path) from None
    if current > MAX_LINE_BYTES:
        raise GridMapError(tr("line {line} is longer than {size} MB; is this a table?", line=line,
                              size=MAX_LINE_BYTES >> 20), path)


def _refuse_nul(utf8: bytes, path: Path) -> None:
    """GridMapError naming the line and column of the first NUL character (a NUL would cut the text)."""
    at = utf8.index(b"\0")
    start = utf8.rfind(b"\n", 0, at) + 1
    end = utf8.find(b"\n", at)
    text = utf8[start: end if end >= 0 else len(utf8)].decode("utf-8", "replace")
    header = next(csv.reader([utf8[: utf8.find(b"\n") + 1 or len(utf8)].decode("utf-8", "replace")]))
    cells = next(csv.reader([text.replace("\0", "\ufffd")]), [])
    column = next((i for i, cell in enumerate(cells) if "\ufffd" in cell), 0)
    name = header[column] if column < len(header) else str(column + 1)
    raise GridMapError(tr("line {line}, column {column}: a NUL character (byte 0); the file is damaged or not "
                          "text", line=utf8.count(b"\n", 0, at) + 1, column=name.strip()), path)


def _to_utf8(data: bytes, encoding: str) -> bytes:
    """The text re-encoded as UTF-8, converted a chunk of whole lines at a time."""
    name = encoding.upper()
    if name in ("UTF-8", "UTF8"):
        data.decode("utf-8")  # validates
        return data
    if name == "UTF-8-SIG":
        return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    parts, start = [], 0
    while start < len(data):
        end = data.find(b"\n", start + CHUNK) + 1 if start + CHUNK < len(data) else len(data)
        end = end or len(data)
        try:
            parts.append(data[start:end].decode(encoding).encode("utf-8"))
        except UnicodeDecodeError as err:
            raise UnicodeDecodeError(err.encoding, err.object, start + err.start, start + err.end,
                                     err.reason) from None
        start = end
    return b"".join(parts)


def _arrow_message(err: Exception) -> str:
    text = str(err).splitlines()[0]
    return text.replace("CSV parse error: ", "")


def _unique(names: list[str]) -> list[str]:
    """Header names made unique (``地址``, ``地址_2``) and never empty (``column_3``)."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names, 1):
        name = name or f"column_{i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        seen.setdefault(name, 1)
        out.append(name)
    return out


def _read_excel(path: Path, sheet: str | None) -> Table:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency
        raise GridMapError(tr("reading Excel files needs openpyxl"), path) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:
        raise GridMapError(tr("not a readable Excel workbook ({error})", error=str(err).splitlines()[0]),
                           path) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise GridMapError(tr("no sheet named {sheet}; sheets: {sheets}", sheet=repr(sheet),
                                  sheets=", ".join(book.sheetnames)), path)
        rows = book[sheet or book.sheetnames[0]].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise GridMapError(tr("the sheet is empty"), path)
        names = _unique([_cell_text(h).strip() for h in header])
        body = [[_cell_text(v) for v in row[: len(names)]] + [""] * (len(names) - len(row)) for row in rows]
    except GridMapError:
        raise
    except Exception as err:  # the sheet is parsed while its rows are read: damaged XML, zip or entities
        raise GridMapError(tr("not a readable Excel workbook ({error})", error=str(err).splitlines()[0]
                              if str(err) else type(err).__name__), path) from None
    finally:
        book.close()
    while body and not any(body[-1]):
        body.pop()
    frame = pd.DataFrame(body, columns=names, dtype="str") if body else pd.DataFrame(
        {n: pd.Series([], dtype="str") for n in names})
    return Table(frame, first_row=2)


def _cell_text(value) -> str:
    """An Excel cell as text: whole numbers without ``.0``, dates as ``YYYY-MM-DD HH:MM:SS``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def _read_points(path: Path, encoding: str | None, layer: str | None) -> Table:
    from gridmap.core.io.reader import read_source

    frame, report = read_source(path, layer, encoding)
    if report.crs is None:
        raise GridMapError(report.crs_note, path)
    geom = frame.geometry
    text = pd.DataFrame({c: _text(frame[c]) for c in frame.columns if c != geom.name})
    points = geom.notna() & (geom.geom_type == "Point")
    lonlat = geom[points].to_crs(4490) if len(geom) else geom
    lon = pd.Series("", index=frame.index, dtype="str")
    lat = pd.Series("", index=frame.index, dtype="str")
    lon[points] = lonlat.x.map(repr)
    lat[points] = lonlat.y.map(repr)
    text["lon"], text["lat"] = lon, lat
    if (~points & geom.notna()).any():
        text["__geometry__"] = np.where(points | geom.isna(), "", geom.geom_type.fillna("").astype(str))
    return Table(text, first_row=1, encoding=report.encoding, crs="EPSG:4490")


def _read_gpx(path: Path) -> Table:
    """A GPX file's track points (else its waypoints) as ``worker`` (the track's name, else the file's), ``time``
    (UTC in the file, China Standard Time here), ``lon`` and ``lat`` text columns (GPX is WGS84 by definition)."""
    import pyogrio

    from gridmap.core.clock import local_times
    from gridmap.core.io.reader import gdal_message

    try:
        layers = {str(n) for n in pyogrio.list_layers(path)[:, 0]}
        layer = next((n for n in ("track_points", "route_points", "waypoints") if n in layers
                      and pyogrio.read_info(path, layer=n)["features"]), None)
        if layer is None:
            raise GridMapError(tr("the GPX file holds no track points"), path)
        points = pyogrio.read_dataframe(path, layer=layer)
        names = pd.Series(dtype="str")
        if layer == "track_points" and "tracks" in layers:
            tracks = pyogrio.read_dataframe(path, layer="tracks", read_geometry=False)
            names = tracks["name"].astype("str").where(tracks["name"].notna(), "") if "name" in tracks else names
    except GridMapError:
        raise
    except Exception as err:
        raise GridMapError(tr("not a readable GPX file ({error})", error=gdal_message(err)), path) from None
    fid = points["track_fid"] if "track_fid" in points else pd.Series(0, index=points.index)
    worker = fid.map(names).fillna("").astype("str") if len(names) else pd.Series("", index=points.index, dtype="str")
    worker = worker.where(worker != "", path.stem)
    times = local_times(points[["time"]])["time"] if "time" in points else None  # GPX times are UTC
    text = pd.DataFrame({"worker": worker.to_numpy(), "time": "" if times is None else _text(times).to_numpy(),
                         "lon": points.geometry.x.map(repr).to_numpy(), "lat": points.geometry.y.map(repr).to_numpy()})
    return Table(text, first_row=1, crs="EPSG:4326")


def _text(column: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%d %H:%M:%S").fillna("").astype("str")
    if pd.api.types.is_float_dtype(column):
        whole = column.notna() & (column % 1 == 0) & (column.abs() < 1e15)
        out = column.astype("str").where(column.notna(), "")
        out[whole] = column[whole].astype("int64").astype("str")
        return out
    return column.astype("str").where(column.notna(), "")
