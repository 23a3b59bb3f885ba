"""Importing incidents, key persons, key venues, grid workers and visits into a project.

:func:`import_records` is the one implementation behind ``gridmap add`` and the GUI's record import: it reads
the file (:mod:`gridmap.core.io.tables`), maps its columns (Chinese, pinyin or English headers are recognised;
any can be chosen), checks every row, converts coordinates to CGCS2000 lon/lat, assigns grids and merges the
records into the layer by ``id`` so that importing the same file again updates records instead of
duplicating them. Rejected rows are reported with their row number and reason; nothing is half-imported.
A visit must name a key person or venue of the project (else it is rejected); its check-in position is optional,
and one farther from the target than the limit is flagged (``far``), not rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from gridmap.core.geo.chinacoords import COORDS, to_wgs84
from gridmap.core.errors import GridMapError
from gridmap.core.io.fields import match_columns
from gridmap.core.i18n import tr
from gridmap.core.progress import ProgressFn, no_progress
from gridmap.core.project.privacy import detect_private, mask_text
from gridmap.core.project.kinds import (FAR, GRID, KINDS, TARGET_KINDS, RecordKind, kind_label, private_columns,
                                        set_private_columns, worker_grids)
from gridmap.core.io.tables import Table, read_table
from gridmap.core.records.assign import index_in

# Candidate headers per role, best first; matched case-insensitively, exact before contained.
ALIASES = {
    "id": ["事件编号", "事件编码", "事件id", "工单号", "工单编号", "案件编号", "人员编号", "场所编号", "工号",
           "网格员编号", "网格员工号", "编号", "id", "sjbh", "bh", "worker_id", "event_id", "record_id"],
    "lon": ["经度", "东经", "lng", "lon", "long", "longitude", "x坐标", "横坐标", "jd", "x", "point_x"],
    "lat": ["纬度", "北纬", "lat", "latitude", "y坐标", "纵坐标", "wd", "y", "point_y"],
    "reported_at": ["上报时间", "发生时间", "报告时间", "登记时间", "受理时间", "时间", "日期", "reported_at",
                    "report_time", "time", "datetime", "date", "sbsj", "fssj"],
    "category": ["事件类别", "事件类型", "事件分类", "人员类别", "人员类型", "重点人员类别", "类别", "分类",
                 "category", "class", "sjlb", "lb"],
    "type": ["场所类型", "场所类别", "行业类别", "类型", "类别", "type", "category", "cslx", "lx"],
    "status": ["办理状态", "处置状态", "事件状态", "状态", "status", "state", "zt"],
    "source": ["事件来源", "上报来源", "来源", "source", "ly"],
    "address": ["详细地址", "发生地址", "发生地点", "地址", "住址", "居住地址", "现住址", "地点", "address", "dz"],
    "description": ["事件描述", "事件内容", "描述", "内容", "情况描述", "description", "content", "ms"],
    "name": ["姓名", "场所名称", "名称", "网格员姓名", "name", "xm", "mc"],
    "id_number": ["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "id_number", "idcard", "sfzh"],
    "phone": ["联系电话", "手机号码", "手机号", "手机", "电话", "联系方式", "phone", "mobile", "tel", "lxdh"],
    "risk_level": ["风险等级", "危险性评估等级", "危险等级", "管控等级", "风险级别", "risk_level", "risk", "fxdj"],
    "owner": ["负责人", "责任人", "法定代表人", "法人", "经营者", "owner", "fzr"],
    "role": ["角色", "职务", "岗位", "网格员类型", "类型", "role"],
    "time": ["定位时间", "采集时间", "轨迹时间", "上报时间", "时间", "日期时间", "time", "timestamp", "datetime",
             "gps_time", "dwsj", "sj"],
    GRID: ["网格编码", "所属网格编码", "所属网格", "负责网格", "网格编号", "网格", "grid_code", "grid", "wgbm"],
    "target_id": ["走访对象编号", "走访对象id", "被走访对象编号", "对象编号", "target_id", "target", "zfdxbh"],
    "target_kind": ["走访对象类型", "走访对象类别", "对象类型", "对象类别", "target_kind", "target_type", "zfdxlx"],
    "worker": ["走访人", "走访人员", "走访网格员", "走访人姓名", "网格员", "网格员姓名", "巡查人", "巡查人员", "采集人",
               "worker", "visitor", "user", "zfr", "xcr"],
    "visited_at": ["走访时间", "走访日期", "签到时间", "时间", "日期", "visited_at", "visit_time", "time", "date",
                   "zfsj"],
    "result": ["走访结果", "走访情况", "结果", "result", "zfjg"],
    "note": ["备注", "走访备注", "情况说明", "说明", "note", "remark", "bz"],
}
# A visit file's own id (its generic headers would take the target's 走访对象编号 or the worker's 工号).
VISIT_ID_ALIASES = ["走访编号", "走访记录编号", "走访记录id", "记录编号", "visit_id", "id", "bh"]
CHECKIN_ALIASES = {"lon": ["签到经度", *ALIASES["lon"]], "lat": ["签到纬度", *ALIASES["lat"]]}
# How a visit file names its targets' kind (case-insensitive); an empty cell: found by the target's id.
TARGET_KIND_NAMES = {"persons": ("persons", "person", "重点人员", "人员", "人", "重点人"),
                     "venues": ("venues", "venue", "重点场所", "场所", "单位", "场所单位")}
DEFAULT_FAR_M = 500.0
"""How far (m) a visit's check-in may be from its target before it is flagged ``far``."""

# Column holding each record's source row number while it is imported.
ROW = "__row__"
# Longitude and latitude ranges of China, for telling swapped columns.
CHINA_LON = (73.0, 136.0)
CHINA_LAT = (3.0, 54.0)
# Time formats tried (after 年/月/日/时/分 and / are normalised), most common first.
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y%m%d%H%M%S", "%Y%m%d", "%Y-%m-%dT%H:%M:%S")


def roles(kind: str) -> list[str]:
    """The columns a ``kind`` file can map, in the order the dialog shows them."""
    spec = KINDS[kind]
    if kind == RecordKind.VISITS:  # the target first: generic id headers must not take its column
        return ["target_id", "target_kind", "worker", "visited_at", "result", "note", "id", "lon", "lat"]
    out = ["id"] * (not spec.key) + (["lon", "lat"] if spec.points else []) + list(spec.columns)
    return out + ([GRID] if not spec.points else [])


def guess_columns(kind: str, columns: list[str]) -> dict[str, str]:
    """Guess the column for each of the kind's roles; a column serves one role at most."""
    own = {"id": VISIT_ID_ALIASES, **CHECKIN_ALIASES} if kind == RecordKind.VISITS else {}
    return match_columns({role: own.get(role) or ALIASES[role] for role in roles(kind)}, columns, contained_min=2)


# Words in a file name telling its record kind, checked in this order.
KIND_WORDS = (("workers", "网格员"), ("venues", "场所"), ("persons", "人员"), ("incidents", "事件"))


def guess_kind(path: Path, columns: list[str]) -> str:
    """The kind a file's name says (Chinese or English), else the one its columns suggest."""
    stem = Path(path).stem.lower()
    for kind, word in KIND_WORDS:
        if word in stem or kind in stem:
            return kind
    if "id_number" in guess_columns("persons", columns):
        return "persons"
    return "incidents" if "lon" in guess_columns("incidents", columns) else "workers"


@dataclass
class RecordImportOptions:
    """What to import and how; ``columns`` maps roles to source columns (guessed where not given);
    ``private`` and ``public`` name columns (in the file, or as the layer calls them) to mark private or not,
    overriding what :func:`~gridmap.core.project.privacy.detect_private` found."""

    path: Path
    kind: str
    columns: dict[str, str] = field(default_factory=dict)
    coords: str = "wgs84"
    encoding: str | None = None
    sheet: str | None = None
    fix_swapped: bool = False
    private: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)
    far_m: float | None = None  # visits: the check-in distance flagged far (default: the project's setting)


@dataclass
class ImportResult:
    """What an import did; ``to_json`` gives the keys ``gridmap add --json`` prints."""

    kind: str
    rows: int = 0
    imported: int = 0
    new: int = 0
    updated: int = 0
    rejected: int = 0
    unassigned: int = 0
    swapped: int = 0
    swapped_rejected: int = 0
    rejected_rows: list[tuple[int, str]] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    private_columns: list[str] = field(default_factory=list)
    far: int = 0  # visits whose check-in is farther from the target than the limit

    def to_json(self) -> dict:
        return {"kind": self.kind, **({"far": self.far} if self.kind == RecordKind.VISITS else {}), "rows": self.rows, "imported": self.imported, "new": self.new,
                "updated": self.updated, "rejected": self.rejected, "unassigned": self.unassigned,
                "swapped": self.swapped, "swapped_rejected": self.swapped_rejected, "encoding": self.encoding,
                "columns": self.columns, "private_columns": self.private_columns,
                "rejected_rows": [{"row": r, "reason": why} for r, why in self.rejected_rows]}

    def summary(self) -> str:
        if self.kind == RecordKind.VISITS:
            return tr("visits: {rows} rows read, {imported} imported ({new} new, {updated} updated), {rejected} "
                      "rejected, {far} checked in far from their target", rows=self.rows, imported=self.imported,
                      new=self.new, updated=self.updated, rejected=self.rejected, far=self.far)
        return tr("{kind}: {rows} rows read, {imported} imported ({new} new, {updated} updated), {rejected} "
                  "rejected, {unassigned} outside every grid", kind=kind_label(self.kind), rows=self.rows,
                  imported=self.imported, new=self.new, updated=self.updated, rejected=self.rejected,
                  unassigned=self.unassigned)


class _Rejects:
    """Rows rejected so far (position in the table -> first reason)."""

    def __init__(self, n: int):
        self.bad = np.zeros(n, dtype=bool)
        self.reason = np.full(n, "", dtype=object)

    def add(self, mask: np.ndarray, reasons) -> None:
        new = mask & ~self.bad
        self.reason[new] = reasons[new] if isinstance(reasons, np.ndarray) else reasons
        self.bad |= new


def read_records(options: RecordImportOptions, grid_bounds=None, progress: ProgressFn = no_progress,
                 known_private=()) -> tuple[pd.DataFrame, ImportResult]:
    """Read and check a record file: the records (standard columns, extras, ``grid_code`` empty for point
    kinds, the source row number in ``ROW``) and the result so far, with the layer's private columns.
    ``grid_bounds`` (lon/lat) helps tell swapped coordinates; ``known_private`` are the layer's columns marked
    private already."""
    kind, path = options.kind, Path(options.path)
    if kind not in KINDS:
        raise GridMapError(tr("unknown record kind {kind}; expected one of {expected}", kind=repr(kind),
                              expected=", ".join(KINDS)))
    coords = options.coords.lower()
    spec = KINDS[kind]
    progress(0.02, tr("Reading {name}", name=path.name))
    table = read_table(path, options.encoding, options.sheet)
    frame = table.frame
    columns = list(frame.columns)
    mapping = _mapping(kind, columns, table, options, path)
    result = ImportResult(kind, rows=len(frame), columns=mapping,
                          encoding=table.encoding.name if table.encoding else None)
    rows = table.rows
    rejects = _Rejects(len(frame))
    progress(0.3, tr("Looking for ID and phone numbers"))
    names = _layer_names(kind, columns, mapping)
    private = _private(kind, frame, names, options, known_private, path)
    layer = ["id", *spec.columns, *names.values(), *known_private]
    result.private_columns = [c for c in dict.fromkeys(layer) if c in private]
    progress(0.35, tr("Checking rows"))
    out = pd.DataFrame(index=frame.index)
    id_column = mapping.get("id") or (mapping.get("id_number") if kind == "persons" else None)
    hidden = [c for c in columns if names.get(c) in private]
    out["id"] = "" if spec.key else _ids(frame, id_column, rejects, rows, hidden)
    for col in spec.columns:
        if col == spec.time:
            out[col] = (_times(frame[mapping[col]], rejects) if col in mapping
                        else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]"))
        else:
            out[col] = frame[mapping[col]].str.strip() if col in mapping else ""
    if spec.key:
        out["id"] = _ids(pd.DataFrame({"id": _key_ids(out, spec.key)}), "id", rejects, rows, [])
    if spec.points:
        lon, lat = _coordinates(frame, mapping, coords, rejects, options.fix_swapped, grid_bounds, result, path)
        out["lon"], out["lat"] = lon, lat
        out[GRID] = ""  # assigned later; here so that it comes before the extra columns and is not one of them
    elif kind == RecordKind.VISITS:
        out["target_kind"] = _target_kinds(out["target_kind"], rejects)
        out["lon"], out["lat"] = _checkins(frame, mapping, coords, rejects, options.fix_swapped, grid_bounds,
                                           result, path)
        out[GRID] = ""  # the target's, assigned later
        out[FAR] = False
    else:
        out[GRID] = frame[mapping[GRID]].str.strip() if GRID in mapping else ""
    used = set(mapping.values())
    for col in columns:
        if col not in used and not col.startswith("__"):
            out[names[col]] = frame[col]
    out[ROW] = rows
    keep = ~rejects.bad
    result.rejected = int(rejects.bad.sum())
    result.rejected_rows = [(int(r), str(why)) for r, why in zip(rows[rejects.bad], rejects.reason[rejects.bad])]
    return out[keep].reset_index(drop=True), result


def _layer_names(kind: str, columns: list[str], mapping: dict) -> dict[str, str]:
    """What the layer calls each column of the file: its role, or its own name (``…_src`` when a standard
    column has that name)."""
    spec = KINDS[kind]
    checkin = spec.points or kind == RecordKind.VISITS
    standard = {"id", *spec.columns, GRID, *(("lon", "lat") if checkin else ()), *((FAR,) if checkin else ())}
    roles_of = {col: role for role, col in mapping.items()}
    return {col: roles_of.get(col) or (col if col not in standard else f"{col}_src")
            for col in columns if not col.startswith("__")}


def _private(kind: str, frame: pd.DataFrame, names: dict[str, str], options: RecordImportOptions, known,
             path: Path) -> set[str]:
    """The layer columns to keep private: the standard ones, those marked before, those holding ID or phone
    numbers (:func:`~gridmap.core.project.privacy.detect_private`) and ``options.private``, less ``options.public``."""
    by_layer = {v: v for v in names.values()}

    def chosen(columns) -> set[str]:
        out = set()
        for col in columns:
            if col not in names and col not in by_layer:
                raise GridMapError(tr("no column {column}; columns: {columns}", column=repr(col),
                                      columns=", ".join(names)), path)
            out.add(names.get(col) or by_layer[col])
        return out

    spec = KINDS[kind]
    public = chosen(options.public)
    always = public & set(spec.private)
    if always:
        raise GridMapError(tr("{column} always stays private", column=", ".join(sorted(always))), path)
    detected = {names[c] for c in detect_private(frame, [c for c in names if names[c] not in spec.private])}
    return ((set(spec.private) | set(known) | detected) - public) | chosen(options.private)


def _mapping(kind: str, columns: list[str], table: Table, options: RecordImportOptions, path: Path) -> dict:
    for role, col in options.columns.items():
        if role not in roles(kind):
            raise GridMapError(tr("{kind} have no column role {role}; roles: {roles}", kind=kind_label(kind),
                                  role=repr(role), roles=", ".join(roles(kind))), path)
        if col not in columns:
            raise GridMapError(tr("no column {column}; columns: {columns}", column=repr(col),
                                  columns=", ".join(columns)), path)
    mapping = {**guess_columns(kind, [c for c in columns if c not in options.columns.values()]),
               **options.columns}
    if KINDS[kind].points and ("lon" not in mapping or "lat" not in mapping):
        raise GridMapError(tr("no longitude/latitude columns found; name them with --lon-col and --lat-col "
                              "(columns: {columns})", columns=", ".join(columns)), path)
    if kind == RecordKind.VISITS:
        if "target_id" not in mapping or "visited_at" not in mapping:
            raise GridMapError(tr("no column for the visited target's id (走访对象编号) or the visit time (走访时间) "
                                  "found; name them with --col target_id=COLUMN --col visited_at=COLUMN "
                                  "(columns: {columns})", columns=", ".join(columns)), path)
    elif not KINDS[kind].points and GRID not in mapping:
        raise GridMapError(tr("no grid code column found for the workers; columns: {columns}",
                              columns=", ".join(columns)), path)
    return mapping


def _ids(frame: pd.DataFrame, column: str | None, rejects: _Rejects, rows: np.ndarray,
         private: list[str]) -> pd.Series:
    """The id column (for key persons without one, the ID number), or else a fingerprint of the row's
    content but its ``private`` columns (so that no ID or phone number can be recovered from it), so that
    importing the same file twice finds the same records (rows alike but for private columns get ``-2``,
    ``-3``… after the fingerprint, so that ids stay unique). ``rows`` are the rows' numbers, for messages;
    a private id column's values are masked in them."""
    if column is None:
        digest = pd.util.hash_pandas_object(frame.drop(columns=private), index=False).to_numpy()
        ids = pd.Series(np.char.add("R", np.char.mod("%016x", digest)).astype(object), index=frame.index,
                        dtype="str")
        again = ids.duplicated(keep="first").to_numpy()
        if again.any():
            nth = ids.groupby(ids.to_numpy()).cumcount().to_numpy()
            ids[again] = ids[again] + "-" + pd.Series(nth[again] + 1, index=ids.index[again]).astype("str")
        return ids
    ids = frame[column].str.strip()
    rejects.add((ids == "").to_numpy(), tr("no id"))
    dup = ids.duplicated(keep="first").to_numpy() & (ids != "").to_numpy()
    if dup.any():
        first = pd.Series(np.arange(len(ids)), index=ids.index).groupby(ids.to_numpy()).transform("min")
        reasons = np.array([tr("duplicate id {id} (first in row {row})", id=i, row=int(rows[r]))
                            for i, r in zip(ids.to_numpy()[dup], first.to_numpy()[dup])], dtype=object)
        if column in private:
            reasons = np.array([mask_text(r, [i]) for r, i in zip(reasons, ids.to_numpy()[dup])], dtype=object)
        full = np.full(len(ids), "", dtype=object)
        full[dup] = reasons
        rejects.add(dup, full)
    return ids


def _key_ids(out: pd.DataFrame, key: tuple[str, ...]) -> pd.Series:
    """The ids made of the ``key`` columns of ``out``, joined by ``@`` (times as ``YYYYmmddHHMMSS``; ``""`` where a
    value is missing), with NumPy and Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(column: pd.Series):
        if not pd.api.types.is_datetime64_dtype(column):
            return pa.array(column, type=pa.string())
        t = column.to_numpy("datetime64[s]")
        day, month = t.astype("datetime64[D]"), t.astype("datetime64[M]")
        months = month.astype(np.int64)
        seconds = (t - day).astype(np.int64)
        number = ((months // 12 + 1970) * 10**10 + (months % 12 + 1) * 10**8
                  + ((day - month.astype("datetime64[D]")).astype(np.int64) + 1) * 10**6
                  + seconds // 3600 * 10**4 + seconds % 3600 // 60 * 100 + seconds % 60)
        return pc.cast(pa.array(number, mask=np.isnat(t)), pa.string())

    joined = pc.binary_join_element_wise(*[text(out[c]) for c in key], "@").fill_null("")
    return pd.Series(pd.array(joined, dtype="str"), index=out.index)


def _times(values: pd.Series, rejects: _Rejects) -> pd.Series:
    """Dates and times in the common Chinese forms (2026-01-05 08:30, 2026/1/5, 2026年1月5日 8时30分,
    20260105083000, Excel serial numbers such as 46027.35…): the forms of :func:`_shape_times` at once, the
    rest row by row."""
    text = values.str.strip()
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    todo = np.array(text != "", dtype=bool)
    _shape_times(text, parsed, todo)
    if todo.any():
        _parse_times(text, parsed, todo)
    if todo.any():  # the rarer forms: normalise the rest and try again
        where = np.flatnonzero(todo)
        rest = pd.Series([_normal_time(v) for v in text.to_numpy()[where]], index=text.index[where], dtype="str")
        norm = pd.Series("", index=text.index, dtype="str")
        norm.iloc[where] = rest.to_numpy()
        _parse_times(norm, parsed, todo)
    rejects.add((text == "").to_numpy(), tr("no time"))
    if todo.any():
        reasons = np.full(len(text), "", dtype=object)
        reasons[todo] = [tr("unreadable time {value}", value=repr(v)) for v in text.to_numpy()[todo]]
        rejects.add(todo, reasons)
    return parsed


# A time's shape: its text with each ASCII digit as "#". The shapes read at once: a date (year, month, day
# separated by - / . or 年 月, optionally 日) and optionally a time (hours and minutes separated by : 时 点,
# optionally seconds after : 分, optionally 秒) after spaces or 日, or an ISO date and time with T and seconds.
_SHAPE = re.compile(r"(####)[-/.年](##?)[-/.月](##?)(?:[ \t]*日)?"
                    r"(?:(?:[ \t]*日[ \t]*|[ \t]+)(##?)[:时点](##?)(?:[:分](?:(##?)秒?)?)?)?"
                    r"|(####)[-/.](##?)[-/.](##?)T(##?):(##?):(##?)")
_COMPACT = {8: (4, 2, 2), 12: (4, 2, 2, 2, 2), 14: (4, 2, 2, 2, 2, 2)}  # digits only: YYYYMMDD[HHMM[SS]]
_EXCEL = re.compile(r"#####(?:\.#{1,12})?")  # days since 1899-12-30 (10000 is 1927-05-18, 99999 is 2173-10-14)
_DIGIT = 0xFF  # a digit in a shape (a byte no UTF-8 text holds)
_SHAPE_BYTES = np.where((np.arange(256) >= 48) & (np.arange(256) <= 57), _DIGIT, np.arange(256)).astype(np.uint8)
_MAX_BYTES = 40
_FIRST, _LAST = np.datetime64("1678-01-01"), np.datetime64("2262-01-01")


def _shape_times(text: pd.Series, parsed: pd.Series, todo: np.ndarray) -> None:
    """Parse the rows of ``todo`` whose shape is a known form (see ``_SHAPE``), grouped by shape, with NumPy on
    the UTF-8 bytes; rows of other shapes or with impossible values (2026-02-30, 24:00) stay in ``todo``
    for the row-by-row parser, which reads or rejects them as before."""
    import pyarrow as pa

    arr = pa.array(text, type=pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.null_count:
        arr = arr.fill_null("")
    offsets = np.frombuffer(arr.buffers()[1], np.int64)[arr.offset:arr.offset + len(arr) + 1]
    data = np.frombuffer(arr.buffers()[2], np.uint8) if arr.buffers()[2] is not None else np.zeros(0, np.uint8)
    lengths = np.diff(offsets)
    rows = np.flatnonzero(todo & (lengths <= _MAX_BYTES))
    if not len(rows) or not len(data):
        return
    width = -(-int(lengths[rows].max()) // 8) * 8  # whole 8-byte words, for hashing
    windows = np.lib.stride_tricks.sliding_window_view(np.concatenate([data, np.zeros(width, np.uint8)]), width)
    raw = windows[offsets[rows]]  # each row's bytes, then the next rows' (cleared below)
    raw[np.arange(width) >= lengths[rows, None]] = 0
    shape = _SHAPE_BYTES[raw]
    words = shape.view(np.uint64)
    keys = words[:, 0].copy()
    for column in range(1, words.shape[1]):
        keys = keys * np.uint64(0x9E3779B97F4A7C15) + words[:, column]
    codes, uniques = pd.factorize(keys)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    out = np.full(len(rows), np.iinfo(np.int64).min, dtype=np.int64)  # seconds since 1970, min for none
    for k in range(len(uniques)):
        members = order[bounds[k]:bounds[k + 1]]
        template = shape[members[0]]
        same = members[(shape[members] == template).all(axis=1)]  # a hash collision leaves the others
        size = int(lengths[rows[members[0]]])
        form = template[:size].tobytes().replace(bytes([_DIGIT]), b"#").decode("utf-8", "replace")
        out[same] = _form_seconds(form, template[:size], raw[same, :size])
    ok = out != np.iinfo(np.int64).min
    parsed.iloc[rows[ok]] = out[ok].astype("datetime64[s]").astype("datetime64[ns]")
    todo[rows[ok]] = False


def _form_seconds(form: str, template: np.ndarray, raw: np.ndarray) -> np.ndarray:
    """Seconds since 1970 of rows of bytes ``raw`` that share the shape ``form`` (``template`` its bytes), the
    int64 minimum where the form is not known or the values are impossible."""
    none = np.full(len(raw), np.iinfo(np.int64).min, dtype=np.int64)
    starts = np.flatnonzero(np.diff(np.concatenate([[0], template == _DIGIT, [0]]).astype(np.int8)) == 1)
    runs = [(s, int(np.argmin(np.concatenate([template[s:] == _DIGIT, [False]])))) for s in starts]

    def number(start: int, size: int) -> np.ndarray:
        return (raw[:, start:start + size].astype(np.int64) - 48) @ (10 ** np.arange(size - 1, -1, -1))

    if _EXCEL.fullmatch(form):
        days = number(*runs[0])
        seconds = days * 86400
        if len(runs) > 1:
            seconds = seconds + np.round(number(*runs[1]) / 10 ** runs[1][1] * 86400).astype(np.int64)
        return np.where(days >= 10000, seconds - 25569 * 86400, none)  # 1899-12-30 to 1970-01-01
    if form == "#" * len(form) and len(form) in _COMPACT:
        cuts = np.cumsum((0,) + _COMPACT[len(form)])
        runs = [(int(a), int(b - a)) for a, b in zip(cuts[:-1], cuts[1:])]
    elif _SHAPE.fullmatch(form):
        pass
    else:
        return none
    year, month, day, *clock = [number(s, n) for s, n in runs]
    hour, minute, second = (clock + [np.zeros(len(raw), np.int64)] * 3)[:3]
    ok = ((year >= 1678) & (year <= 2261) & (month >= 1) & (month <= 12) & (day >= 1) & (hour <= 23)
          & (minute <= 59) & (second <= 59))
    month = np.clip(month, 1, 12)
    start = (year - 1970) * 12 + month - 1  # months since 1970-01
    days = start.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    days_in_month = (start + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) - days
    ok &= day <= days_in_month
    return np.where(ok, (days + day - 1) * 86400 + hour * 3600 + minute * 60 + second, none)


def _parse_times(text: pd.Series, parsed: pd.Series, todo: np.ndarray) -> None:
    for fmt in TIME_FORMATS:
        if not todo.any():
            return
        where = np.flatnonzero(todo)
        got = pd.to_datetime(text.iloc[where], format=fmt, errors="coerce").to_numpy()
        ok = ~np.isnat(got) & (got >= _FIRST) & (got <= _LAST)  # datetime64[ns] holds 1678-2261
        parsed.iloc[where[ok]] = got[ok]
        todo[where[ok]] = False


def _normal_time(value: str) -> str:
    """``2026年1月5日 8时30分`` and ``2026/1/5 8:30`` as ``2026-1-5 8:30``."""
    for a, b in (("年", "-"), ("月", "-"), ("日", " "), ("/", "-"), (".", "-"), ("时", ":"), ("点", ":"),
                 ("分", ":"), ("秒", "")):
        value = value.replace(a, b)
    return " ".join(value.split()).rstrip(": ")


def _numbers(text: pd.Series) -> np.ndarray:
    """Text cells as floats, NaN where they are not numbers (a trailing ° is allowed)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        return pc.cast(pa.array(text, type=pa.string()), pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(text.str.rstrip("°"), errors="coerce").to_numpy(float)


def isin(values: pd.Series, others: pd.Series) -> np.ndarray:
    """``values.isin(others)`` for text columns, hashed by Arrow (pandas' path is slow for Arrow strings)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.is_in(pa.array(values, type=pa.string()), value_set=pa.array(others, type=pa.string()))
    return found.to_numpy(zero_copy_only=False).astype(bool)


def _coordinates(frame, mapping, coords, rejects, fix_swapped, grid_bounds, result, path):
    """Longitude and latitude in CGCS2000 degrees; bad rows rejected with their reason."""
    raw_x, raw_y = frame[mapping["lon"]].str.strip(), frame[mapping["lat"]].str.strip()
    x, y = _numbers(raw_x), _numbers(raw_y)
    if "__geometry__" in frame.columns:
        other = (frame["__geometry__"] != "").to_numpy()
        rejects.add(other, np.array([tr("not a point but a {geometry}", geometry=g) if g else ""
                                     for g in frame["__geometry__"].to_numpy()], dtype=object))
    empty = ((raw_x == "") | (raw_y == "")).to_numpy()
    rejects.add(empty, tr("no coordinates"))
    bad = (np.isnan(x) | np.isnan(y)) & ~empty
    if bad.any():
        reasons = np.full(len(x), "", dtype=object)
        reasons[bad] = [tr("coordinates are not numbers: {x}, {y}", x=repr(a), y=repr(b))
                        for a, b in zip(raw_x.to_numpy()[bad], raw_y.to_numpy()[bad])]
        rejects.add(bad, reasons)
    ok = ~np.isnan(x) & ~np.isnan(y)
    if coords in COORDS or coords in ("cgcs2000", "wgs84"):
        name = "wgs84" if coords == "cgcs2000" else coords
        x, y = _fix_swapped(x, y, ok, rejects, fix_swapped, grid_bounds, result, path)
        out_range = ok & ((np.abs(x) > 180) | (np.abs(y) > 90))
        _reject_range(out_range, x, y, rejects)
        good = ok & ~out_range
        lon, lat = np.full(len(x), np.nan), np.full(len(x), np.nan)
        lon[good], lat[good] = to_wgs84(x[good], y[good], name)
        return lon, lat
    return _projected(x, y, ok, coords, rejects, path)


def _fix_swapped(x, y, ok, rejects, fix, grid_bounds, result, path):
    """Rows whose longitude and latitude look exchanged: swapped when ``fix``, else rejected (or, when most
    rows are, the import stops and says how to fix it)."""
    def plausible(a, b):
        if grid_bounds is not None:
            w, s, e, n = grid_bounds
            pad = max(e - w, n - s) * 0.5 + 0.1
            return (a >= w - pad) & (a <= e + pad) & (b >= s - pad) & (b <= n + pad)
        return (a >= CHINA_LON[0]) & (a <= CHINA_LON[1]) & (b >= CHINA_LAT[0]) & (b <= CHINA_LAT[1])

    swapped = ok & ~plausible(x, y) & plausible(y, x)
    count = int(swapped.sum())
    if not count:
        return x, y
    if fix:
        x, y = np.where(swapped, y, x), np.where(swapped, x, y)
        result.swapped = count
        return x, y
    if count > ok.sum() / 2:
        first = int(np.flatnonzero(swapped)[0])
        raise GridMapError(tr("longitude and latitude look swapped ({count} rows, e.g. {x}, {y}); swap them "
                              "(--fix-swapped) or choose the columns", count=count, x=x[first], y=y[first]), path)
    rejects.add(swapped, tr("longitude and latitude look swapped"))
    result.swapped_rejected = count
    return x, y


def _target_kinds(values: pd.Series, rejects: _Rejects):
    """Visits' target kinds as ``persons``, ``venues`` or ``""`` (not given: found by the target's id); others
    rejected."""
    names = {name.lower(): kind for kind, known in TARGET_KIND_NAMES.items() for name in known}
    codes, distinct = pd.factorize(values, use_na_sentinel=False)  # each distinct value looked up once
    text = pd.Series(distinct, dtype="str").str.strip().str.lower()
    kinds_of = text.map(names).where(text != "", "").to_numpy(dtype=object)  # per distinct value, NaN: unknown
    bad = pd.isna(kinds_of)[codes]
    if bad.any():
        reasons = np.full(len(values), "", dtype=object)
        reasons[bad] = [tr("unknown target kind {value}; expected 重点人员 (persons) or 重点场所 (venues)",
                           value=repr(v)) for v in values.to_numpy()[bad]]
        rejects.add(bad, reasons)
    return pd.array(np.where(pd.isna(kinds_of), "", kinds_of).astype(object), dtype="str").take(codes)


def _checkins(frame, mapping, coords, rejects, fix_swapped, grid_bounds, result, path):
    """Visits' optional check-in positions in CGCS2000 lon/lat (NaN where the row has none); rows with a
    position that is not one (half of it, not numbers, out of range) are rejected."""
    n = len(frame)
    lon, lat = np.full(n, np.nan), np.full(n, np.nan)
    if "lon" not in mapping or "lat" not in mapping:
        return lon, lat
    given = np.flatnonzero(((frame[mapping["lon"]].str.strip() != "")
                            | (frame[mapping["lat"]].str.strip() != "")).to_numpy())
    if not len(given):
        return lon, lat
    some = _Rejects(len(given))
    lon[given], lat[given] = _coordinates(frame.iloc[given], mapping, coords, some, fix_swapped, grid_bounds, result,
                                          path)
    reasons = np.full(n, "", dtype=object)
    reasons[given] = some.reason
    bad = np.zeros(n, dtype=bool)
    bad[given] = some.bad
    rejects.add(bad, reasons)
    return lon, lat


def _reject_range(out_range, x, y, rejects) -> None:
    if out_range.any():
        reasons = np.full(len(x), "", dtype=object)
        reasons[out_range] = [tr("coordinates out of range: {x}, {y}", x=a, y=b)
                              for a, b in zip(x[out_range], y[out_range])]
        rejects.add(out_range, reasons)


def _projected(x, y, ok, coords, rejects, path):
    from pyproj import Transformer

    from gridmap.core.geo.crs import parse_crs

    try:
        crs = parse_crs(coords)
    except ValueError as err:
        raise GridMapError(str(err), path) from None
    transformer = Transformer.from_crs(crs, 4490, always_xy=True)
    lon, lat = np.full(len(x), np.nan), np.full(len(x), np.nan)
    lon[ok], lat[ok] = transformer.transform(x[ok], y[ok])
    out_range = ok & (~np.isfinite(lon) | ~np.isfinite(lat) | (np.abs(lon) > 180) | (np.abs(lat) > 90))
    _reject_range(out_range, x, y, rejects)
    lon[out_range], lat[out_range] = np.nan, np.nan
    return lon, lat


def import_records(project, options: RecordImportOptions, progress: ProgressFn = no_progress) -> ImportResult:
    """Read ``options.path`` and merge its records into ``project`` (in memory; the caller saves). Records
    with an id already in the layer are updated; their manual grid assignments stay."""
    records, result = read_new_records(project, options, progress)
    merge_records(project, options.kind, records, result)
    progress(1.0, tr("Done"))
    return result


def read_new_records(project, options: RecordImportOptions,
                     progress: ProgressFn = no_progress) -> tuple[pd.DataFrame, ImportResult]:
    """The records of ``options.path`` checked for ``project`` (not assigned, not merged yet); the kind's private
    columns are noted in the project's metadata."""
    bounds = project.grids.total_bounds if len(project.grids) else None
    kind = options.kind
    records, result = read_records(options, bounds, progress, private_columns(project.meta, kind))
    progress(0.7, tr("Assigning grids"))
    set_private_columns(project.meta, kind, result.private_columns)
    if kind == RecordKind.VISITS:
        records = _check_targets(project, records, result, options.far_m)
    elif not KINDS[kind].points:
        records = _check_worker_grids(project, records, result)
    return records.drop(columns=ROW), result


def merge_records(project, kind: str, records: pd.DataFrame, result: ImportResult) -> None:
    """Merge checked ``records`` (see :func:`read_new_records`) into the layer ``kind`` and assign it."""
    from gridmap.core.records.assign import assign_layer, ensure_assigned, grids_fingerprint

    ensure_assigned(project)  # the records already there match the current grids
    project.layers[kind] = _merge(project.layers.get(kind), records, result)
    assigned = assign_layer(project, kind)
    project.meta["assigned_to"] = grids_fingerprint(project.grids)
    result.unassigned = int((assigned[GRID].iloc[len(assigned) - len(records):] == "").sum())


def new_records(project, kind: str, records: pd.DataFrame, result: ImportResult) -> pd.DataFrame:
    """Checked ``records`` none of whose ids is in the layer ``kind``, assigned, as the rows to append to it
    (the layer is not read); the result counts them."""
    from gridmap.core.records.assign import grid_codes, grids_fingerprint

    records = records.reset_index(drop=True)
    records[GRID] = grid_codes(project, kind, records)
    result.imported = result.new = len(records)
    result.unassigned = int((records[GRID] == "").sum())
    project.meta["assigned_to"] = grids_fingerprint(project.grids)
    return records


def _check_worker_grids(project, records: pd.DataFrame, result: ImportResult) -> pd.DataFrame:
    """Workers whose grid codes are not in the project are rejected, naming the codes."""
    known = set(project.grids["code"])
    unknown = [[c for c in worker_grids(v) if c not in known] for v in records[GRID]]
    bad = np.array([bool(u) for u in unknown], dtype=bool)
    for row, codes in zip(records.loc[bad, ROW], (u for u in unknown if u)):
        result.rejected_rows.append((int(row), tr("unknown grid code {codes}", codes=", ".join(codes))))
    result.rejected += int(bad.sum())
    result.rejected_rows.sort()
    records = records[~bad].reset_index(drop=True)
    records[GRID] = [";".join(worker_grids(v)) for v in records[GRID]]
    return records


def _check_targets(project, records: pd.DataFrame, result: ImportResult, far_m: float | None) -> pd.DataFrame:
    """Visits to no key person or venue of the project are rejected with their row; the others get their
    target's kind and ``far`` (check-in farther than ``far_m``, default the project's setting, from the target)."""
    from gridmap.core.visits.rules import visit_rules

    limit = visit_rules(project.meta).far_m if far_m is None else float(far_m)
    if not limit > 0:
        raise GridMapError(tr("the far check-in distance must be more than 0 m, not {value}", value=limit))
    ids = records["target_id"]
    given = records["target_kind"]
    kinds = np.zeros(len(records), dtype=np.int64)  # 0: no target found, else 1 + its kind's place in TARGET_KINDS
    tlon, tlat = np.full(len(records), np.nan), np.full(len(records), np.nan)
    for number, kind in enumerate(TARGET_KINDS, 1):
        if kind not in project.layers:
            continue
        layer = project.layers[kind]
        at = index_in(ids, layer["id"])
        hit = (at >= 0) & (kinds == 0) & ((given == "") | (given == kind)).to_numpy(dtype=bool)
        kinds[hit] = number
        tlon[hit], tlat[hit] = layer["lon"].to_numpy(float)[at[hit]], layer["lat"].to_numpy(float)[at[hit]]
    bad = kinds == 0
    for row, target, kind in zip(records.loc[bad, ROW], ids[bad], given[bad]):
        reason = tr("unknown target {id}", id=target) if not kind else tr("no {kind} with id {id}",
                                                                           kind=kind_label(kind), id=target)
        result.rejected_rows.append((int(row), mask_text(reason, [target])))
    result.rejected += int(bad.sum())
    result.rejected_rows.sort()
    records = records[~bad].reset_index(drop=True)
    records["target_kind"] = pd.array(["", *TARGET_KINDS], dtype="str").take(kinds[~bad])
    distance = metres_between(records["lon"].to_numpy(float), records["lat"].to_numpy(float), tlon[~bad], tlat[~bad])
    records[FAR] = distance > limit  # NaN (no check-in) is not far
    result.far = int(records[FAR].sum())
    return records


def metres_between(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle distances in metres between lon/lat degrees (NaN where a point is missing)."""
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, dtype=float)) for v in (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def _merge(layer: pd.DataFrame | None, records: pd.DataFrame, result: ImportResult) -> pd.DataFrame:
    result.imported = len(records)
    if layer is None or not len(layer):
        result.new = len(records)
        return records
    existing = isin(layer["id"], records["id"])
    result.updated = int(existing.sum())
    result.new = len(records) - result.updated
    kept = layer[~existing]
    return pd.concat([kept, records], ignore_index=True)

