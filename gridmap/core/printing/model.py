"""What a printed map shows, composed without Qt: the grids of the extent in the project's Gauss-Krüger zone at
a true scale, their fills per template, boundaries, label candidates, points or a heat grid, the legend, the
title and the notes, all in page millimetres. :mod:`gridmap.print` draws a :class:`PrintModel` with QPainter.

Text on the page is in the map's language (``PrintSpec.lang``), not the program's: a community's notice map is
Chinese even when printed from an English command line. Place names are data and print as the grids name them:
an English title reads "Grid overview: 台州市", each language's words in its own order.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from gridmap.core.geo.crs import PROJECT_CRS
from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.printing.layout import (MapFrame, PageLayout, PrintSpec, Rect, ScaleBar, map_frame, page_layout,
                                 scale_bar, text_mm)
from gridmap.core.project.kinds import kind_label, mask_private, worker_grids

ZH = {
    "Grid overview: {area}": "{area}网格总览图", "Grid workers: {area}": "{area}网格公示图",
    "Incidents: {area}": "{area}事件分布图", "Key venues: {area}": "{area}重点场所分布图",
    "Legend": "图例", "Scale 1:{scale}": "比例尺 1:{scale}", "N": "北",
    "District boundary": "区县界", "Street / town boundary": "街道（乡镇）界",
    "Community / village boundary": "社区（村）界", "Grid": "网格",
    "Fills tell districts apart": "填色区分区县", "Fills tell streets / towns apart": "填色区分街道（乡镇）", "Fills tell communities / villages apart":
    "填色区分社区（村）", "Grid name": "网格名称", "Grid code": "网格编码", "Worker  phone": "网格员  联系电话",
    "Phone numbers partly hidden": "联系电话已部分隐去", "Incidents per grid": "事件数（件/网格）",
    "Incident density": "事件密度", "low": "低", "high": "高", "Other": "其他",
    "Key venues": "重点场所", "{start} to {end}": "{start} 至 {end}", "Total": "合计",
    "{count} incidents": "事件 {count} 件", "{count} grid workers": "网格员 {count} 名",
    "{grids} grids": "网格 {grids} 个", "{grids} grids in {units} districts": "网格 {grids} 个，区县 {units} 个",
    "{grids} grids in {units} streets / towns": "网格 {grids} 个，街道（乡镇）{units} 个",
    "{grids} grids in {units} communities / villages": "网格 {grids} 个，社区（村）{units} 个",
    "Coordinate system: {crs}": "坐标系：{crs}", "Boundaries: {source}; map data: GridMap":
    "边界数据：{source}；制图：GridMap", "Basemap: {name}": "底图：{name}", "Made by {author}": "制图单位：{author}",
    "Date: {date}": "制图日期：{date}", "Numbered grids": "图中编号网格",
    "… {count} more: print on bigger paper": "……另有 {count} 个，请用更大纸张或分街道打印",
}
"""The page's words in Chinese, by their English template."""

GRID_OUTLINE = ("#6e6e6e", 0.1)
FINE_LINE = ("#3c3c3c", 0.35)
COARSE_LINE = ("#1e1e1e", 0.7)
CONTEXT = ("#efefef", "#c4c4c4")
PLAIN_FILL = "#f4f3ef"
LABEL_PT = {"code": (6.0, 4.5, 3.8), "name": (6.5, 5.0, 4.2), "worker": (6.5, 5.0, 4.2),
            "workers": (5.5, 4.8, 4.2), "fine": (7.5,), "coarse": (11.0,)}
"""Label sizes in points, tried in turn until a label fits its grid (big grids get bigger codes and names; a
notice map keeps one size where it can, to label as many grids as possible). Grid labels keep their sizes on
every paper (a bigger sheet holds more of them); street and district names grow with the paper's type."""
FIT = 1.15
"""A grid label is drawn only where it fits in this many times its grid's bounding box."""
POINT_COLOURS = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#1b9e77",
                 "#d95f02", "#7570b3", "#e7298a")
"""Venue types, most frequent first; the rest are "other"."""
OTHER_COLOUR = "#8c8c8c"
HEAT_COLOURS = ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026")
HEAT_SIGMA_MM = 2.5
HEAT_CELL_MM = 0.5
SIMPLIFY_MM = 0.05
"""Geometry is simplified to this on paper: finer detail cannot be printed."""


def page_text(lang: str, template: str, **values) -> str:
    """``template`` in the map's language ``lang``, filled from ``values``."""
    return (ZH.get(template, template) if lang == "zh" else template).format(**values)


@dataclass(frozen=True)
class Polygons:
    """Polygons on the page: ``xy`` (n, 2) in mm, ``rings`` offsets into ``xy`` per ring, ``parts`` offsets
    into ``rings`` per polygon, a fill colour per polygon (``fills``) and one outline."""

    xy: np.ndarray
    rings: np.ndarray
    parts: np.ndarray
    fills: list[str]
    outline: str
    width: float


@dataclass(frozen=True)
class Lines:
    """Polylines on the page: ``xy`` in mm, ``offsets`` per line, drawn ``width`` mm in ``colour``."""

    xy: np.ndarray
    offsets: np.ndarray
    colour: str
    width: float


@dataclass(frozen=True)
class Points:
    """Point symbols: centres (mm), a colour per point, ``size`` mm across."""

    x: np.ndarray
    y: np.ndarray
    colours: list[str]
    size: float


@dataclass(frozen=True)
class Heat:
    """A density surface over ``rect`` (mm): ``values`` 0..1, first row at the top, coloured by ``colours``,
    shown inside ``clip``."""

    values: np.ndarray
    rect: Rect
    colours: tuple[str, ...]
    clip: Polygons


@dataclass(frozen=True)
class Labels:
    """Label candidates of one kind, centred on (``x``, ``y``) mm, each a tuple of lines, in the first of
    the type ``sizes`` (points) at which it fits. ``room`` (n, 3) is the width, height and area (mm, mm²) of
    the grid a label must fit in (:data:`FIT` times its box, and no bigger than its area; None: anywhere);
    higher ``priority`` wins overlaps. ``header``: the first line is bold; ``halo``: a white outline behind."""

    x: np.ndarray
    y: np.ndarray
    lines: list[tuple[str, ...]]
    sizes: tuple[float, ...]
    priority: np.ndarray
    room: np.ndarray | None = None
    bold: bool = False
    header: bool = False
    halo: bool = False
    colour: str = "#000000"
    key: bool = False
    """Labels that find no room get a number on the map and their text in the key."""


@dataclass(frozen=True)
class LegendItem:
    """One legend row: ``kind`` fill, line, point, ramp (``colours`` low to high, ``label`` "low|high") or
    text; ``size`` is a line width or point diameter in mm; ``value`` is shown right-aligned."""

    kind: str
    label: str
    colour: str = ""
    size: float = 0.0
    outline: str = ""
    colours: tuple[str, ...] = ()
    value: str = ""


@dataclass(frozen=True)
class PrintModel:
    """One page, ready to draw."""

    spec: PrintSpec
    layout: PageLayout
    frame: MapFrame
    title: str
    subtitle: str
    notes: list[str]
    scale_text: str
    scale_bar: ScaleBar
    north: float
    """Clockwise angle in degrees from up on the page to true north at the map's centre."""
    grids: Polygons
    context: Polygons | None = None
    lines: list[Lines] = field(default_factory=list)
    points: Points | None = None
    heat: Heat | None = None
    labels: list[Labels] = field(default_factory=list)
    legend_title: str = ""
    legend: list[LegendItem] = field(default_factory=list)
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    fill_alpha: float = 1.0


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].astype("str").where(frame[column].notna(), "") if column in frame.columns else \
        pd.Series([""] * len(frame), index=frame.index, dtype="str")


def select_rows(project, spec: PrintSpec) -> np.ndarray:
    """Row positions of the grids ``spec``'s extent prints, ascending; GridMapError when there are none."""
    grids = project.grids
    codes = _text(grids, "code")
    if spec.extent == "all":
        rows = np.arange(len(grids))
    elif spec.extent in ("district", "street"):
        rows = _unit_rows(grids, codes, spec)
    elif spec.extent == "selection":
        rows = np.unique(np.asarray(spec.rows, dtype=int))
        if len(rows) and (rows[0] < 0 or rows[-1] >= len(grids)):
            raise GridMapError(tr("the selection holds rows that are not grids of the project"))
    else:
        if spec.bbox is None or len(spec.bbox) != 4:
            raise GridMapError(tr("the current view has no extent (west, south, east, north)"))
        tree = shapely.STRtree(grids.geometry.values)
        rows = np.unique(tree.query(shapely.box(*spec.bbox), predicate="intersects"))
    if not len(rows):
        raise GridMapError(tr("no grids to print"), project.path)
    return rows.astype(int)


def _unit_rows(grids: pd.DataFrame, codes: pd.Series, spec: PrintSpec) -> np.ndarray:
    keep = np.ones(len(grids), dtype=bool)
    if spec.district:
        district = str(spec.district).strip()
        keep &= ((_text(grids, "district") == district) | (district.isdigit() & codes.str.startswith(district))
                 ).to_numpy()
        if not keep.any():
            raise GridMapError(tr("no district {district} in the project", district=repr(district)))
    elif spec.extent == "district":
        raise GridMapError(tr("which district? Give its name or its 6-digit code"))
    if spec.extent == "street":
        if not spec.street:
            raise GridMapError(tr("which street? Give its name or its 9-digit code"))
        street = str(spec.street).strip()
        keep &= ((_text(grids, "street") == street) | (street.isdigit() & codes.str.startswith(street))
                 ).to_numpy()
        districts = sorted(set(_text(grids, "district")[keep]))
        if not keep.any():
            raise GridMapError(tr("no street {street} in the project", street=repr(street)))
        if len(districts) > 1:
            raise GridMapError(tr("street {street} is in several districts ({districts}); give the district too",
                                  street=repr(street), districts=", ".join(districts)))
    return np.flatnonzero(keep)


def area_name(project, rows: np.ndarray) -> str:
    """What the rows make up, for a title: their street or district when they share one, else the project's
    ``city`` (metadata), else ``""``."""
    part = project.grids.iloc[rows]
    for column in ("street", "district"):
        values = set(_text(part, column))
        if len(values) == 1 and "" not in values:
            return values.pop()
    return str(project.meta.get("city") or "")


def compose(project, spec: PrintSpec) -> PrintModel:
    """The page ``spec`` describes for ``project``; GridMapError on input that cannot be printed."""
    rows = select_rows(project, spec)
    lang = spec.lang
    epsg = project.gk_epsg()
    metres = np.asarray(project.grids.geometry.to_crs(epsg).values)
    if spec.extent == "view":
        bounds = Transformer.from_crs(PROJECT_CRS, epsg, always_xy=True).transform_bounds(*spec.bbox)
    else:
        bounds = tuple(shapely.total_bounds(metres[rows]))
    template = {"overview": "Grid overview: {area}", "workers": "Grid workers: {area}",
                "incidents": "Incidents: {area}", "venues": "Key venues: {area}"}[spec.template]
    title = spec.title or page_text(lang, template, area=area_name(project, rows)).strip().removesuffix(":")
    incidents = _incident_filter(project, spec) if spec.template == "incidents" else None
    subtitle = spec.subtitle or (incidents[1] if incidents else "")
    notes = _notes(project, spec, epsg)
    layout = page_layout(spec, notes, bool(subtitle))
    frame = map_frame(layout.map, bounds, epsg, pad=0.0 if spec.extent == "view" else 0.03)
    tolerance = SIMPLIFY_MM * frame.scale / 1000.0
    sub = project.grids.iloc[rows]
    units = _Units(sub, metres[rows], tolerance)

    fills, legend, legend_title, points, heat, alpha = _symbols(project, spec, rows, units, frame, incidents)
    drawn = [(level, style) for level, style in ((units.fine, FINE_LINE), (units.coarse, COARSE_LINE))
             if units.named(level)]  # a level the grids do not name has no boundaries of its own
    lines = [_lines(units.boundaries(level), frame, *style) for level, style in drawn]
    legend = [LegendItem("line", page_text(lang, _LEVEL_LINE[level]), *style) for level, style in drawn[::-1]] + legend
    context = _context(metres, rows, frame, tolerance)
    bar = scale_bar(frame.scale, layout.scale[2] - text_mm("8888 km", layout.pt("scale_numbers")))
    return PrintModel(
        spec=spec, layout=layout, frame=frame, title=title, subtitle=subtitle, notes=notes,
        scale_text=page_text(lang, "Scale 1:{scale}", scale=f"{frame.scale:,.0f}"), scale_bar=bar,
        north=_north(frame), grids=_polygons(metres[rows], frame, fills, *GRID_OUTLINE, tolerance),
        context=context, lines=lines, points=points, heat=heat,
        labels=_labels(project, spec, sub, metres[rows], units, frame, layout.text),
        legend_title=legend_title or page_text(lang, "Legend"), legend=legend, rows=rows, fill_alpha=alpha)


_LEVEL_LINE = {"district": "District boundary", "street": "Street / town boundary",
               "community": "Community / village boundary"}


class _Units:
    """The streets (or, within one street, communities) of the printed grids, and the level above them."""

    def __init__(self, grids: pd.DataFrame, metres: np.ndarray, tolerance: float):
        self.grids, self.metres, self.tolerance = grids, metres, tolerance
        one_street = len(set(zip(_text(grids, "district"), _text(grids, "street")))) == 1
        self.fine = "community" if one_street else "street"
        self.coarse = "street" if one_street else "district"
        self._unions: dict[str, tuple[list[str], np.ndarray]] = {}
        self._keys: dict[str, list[str]] = {}

    def named(self, level: str) -> bool:
        """Whether any printed grid names its unit of ``level`` (a county file may have no street field)."""
        return bool(_text(self.grids, level).str.strip().ne("").any())

    def fill_level(self) -> str | None:
        """The finest level the grids name, of those the fills tell apart (None: no level)."""
        return next((level for level in (self.fine, self.coarse) if self.named(level)), None)

    def keys(self, level: str) -> pd.Series:
        columns = {"district": ["district"], "street": ["district", "street"],
                   "community": ["district", "street", "community"]}[level]
        key = _text(self.grids, columns[0])
        for column in columns[1:]:
            key = key + "\x1f" + _text(self.grids, column)
        return key

    def unions(self, level: str) -> tuple[list[str], np.ndarray]:
        """Names and merged geometry (metres) of the units of ``level``, in code order."""
        if level not in self._unions:
            keys = self.keys(level).to_numpy(object)
            order = np.argsort(_text(self.grids, "code").to_numpy(object), kind="stable")
            names = list(dict.fromkeys(keys[order]))
            if level == "district" and self.fine == "street":  # merging the streets is 5x faster
                streets = self.unions("street")
                parent = np.array([key.split("\x1f")[0] for key in self._keys["street"]], dtype=object)
                parts = [streets[1][parent == n] for n in names]
            else:
                parts = [self.metres[keys == n] for n in names]
            with ThreadPoolExecutor(os.cpu_count() or 1) as pool:  # GEOS releases the GIL: one union per core
                geoms = list(pool.map(shapely.union_all, parts))
            self._keys[level] = names
            self._unions[level] = ([n.split("\x1f")[-1] for n in names], np.array(geoms, dtype=object))
        return self._unions[level]

    def boundaries(self, level: str) -> np.ndarray:
        """The outlines of the units of ``level``, simplified to what prints."""
        return shapely.simplify(shapely.boundary(self.unions(level)[1]), self.tolerance, preserve_topology=False)


def _page_xy(xy: np.ndarray, frame: MapFrame) -> np.ndarray:
    x, y = frame.to_page(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _polygons(geoms: np.ndarray, frame: MapFrame, fills: list[str], outline: str, width: float,
              tolerance: float) -> Polygons:
    """Polygonal geometries (metres) on the page, simplified to ``tolerance`` (what prints the same), one fill
    colour each."""
    geoms = shapely.simplify(np.asarray(geoms, dtype=object), tolerance, preserve_topology=False)
    odd = ~np.isin(shapely.get_type_id(geoms), (3, 6))  # not (multi)polygons: keep their polygons
    geoms[odd] = [shapely.MultiPolygon([p for p in shapely.get_parts(g) if p.geom_type == "Polygon"])
                  for g in geoms[odd]]
    if not len(geoms):
        return Polygons(np.zeros((0, 2)), np.zeros(1, int), np.zeros(1, int), [], outline, width)
    _, xy, offsets = shapely.to_ragged_array(geoms)
    rings = offsets[0]
    parts = offsets[1][offsets[2]] if len(offsets) == 3 else offsets[1]
    return Polygons(_page_xy(xy, frame), rings, parts, list(fills), outline, width)


def _lines(geoms: np.ndarray, frame: MapFrame, colour: str, width: float) -> Lines:
    parts = shapely.get_parts(shapely.line_merge(np.asarray(geoms, dtype=object)))
    parts = parts[shapely.get_type_id(parts) == 1] if len(parts) else parts
    if not len(parts):
        return Lines(np.zeros((0, 2)), np.zeros(1, int), colour, width)
    _, xy, offsets = shapely.to_ragged_array(parts)
    return Lines(_page_xy(xy, frame), offsets[0], colour, width)


def _context(metres: np.ndarray, rows: np.ndarray, frame: MapFrame, tolerance: float) -> Polygons | None:
    """The grids outside the extent that the frame shows, plain grey, for orientation."""
    others = np.setdiff1d(np.arange(len(metres)), rows)
    if not len(others):
        return None
    hit = others[shapely.STRtree(metres[others]).query(shapely.box(*frame.bounds), predicate="intersects")]
    if not len(hit):
        return None
    return _polygons(metres[np.sort(hit)], frame, [CONTEXT[0]] * len(hit), CONTEXT[1], 0.08, tolerance)


def _north(frame: MapFrame) -> float:
    """Meridian convergence at the frame's centre: the angle from grid north to true north, clockwise."""
    x0, y0, x1, y1 = frame.bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    to_lonlat = Transformer.from_crs(frame.epsg, PROJECT_CRS, always_xy=True)
    lon, lat = to_lonlat.transform(cx, cy)
    nx, ny = Transformer.from_crs(PROJECT_CRS, frame.epsg, always_xy=True).transform(lon, min(lat + 0.01, 89.9))
    return math.degrees(math.atan2(nx - cx, ny - cy))


def _notes(project, spec: PrintSpec, epsg: int) -> list[str]:
    lang = spec.lang
    sources = project.meta.get("sources") or [{}]
    source = sources[0].get("name") or (project.path.name if project.path else "GridMap")
    notes = [page_text(lang, "Coordinate system: {crs}", crs=f"{CRS.from_epsg(epsg).name} (EPSG:{epsg})"),
             page_text(lang, "Boundaries: {source}; map data: GridMap", source=source)]
    if spec.basemap:
        notes.append(page_text(lang, "Basemap: {name}", name=Path(spec.basemap).name))
    if spec.template == "workers" and spec.mask_private:
        notes.append(page_text(lang, "Phone numbers partly hidden"))
    if spec.author:
        notes.append(page_text(lang, "Made by {author}", author=spec.author))
    if spec.date:
        notes.append(page_text(lang, "Date: {date}", date=spec.date))
    return notes


def _incident_filter(project, spec: PrintSpec):
    """The incidents' day filter and the period as text."""
    from gridmap.core.records.stats import day_filter, parse_day

    frame = project.layers.get("incidents")
    if frame is None:
        raise GridMapError(tr("the project has no {layer} layer", layer=kind_label("incidents")), project.path)
    days = []
    for text, fallback in ((spec.start, frame["reported_at"].min()), (spec.end, frame["reported_at"].max())):
        try:
            days.append(parse_day(text) if text else (None if pd.isna(fallback) else pd.Timestamp(fallback)))
        except ValueError:
            raise GridMapError(tr("not a date: {text} (expected YYYY-MM-DD)", text=repr(text))) from None
    start, end = days
    if start is None or end is None:  # no incidents and no period given
        return day_filter(start, end), ""
    first, last = f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}"
    if start.normalize() > end.normalize():
        raise GridMapError(tr("the period starts after it ends ({start} > {end})", start=first, end=last))
    return day_filter(start, end), page_text(spec.lang, "{start} to {end}", start=first, end=last)


def _symbols(project, spec: PrintSpec, rows: np.ndarray, units: _Units, frame: MapFrame, incidents):
    """Fills per grid, legend items and title, points, heat and the fill opacity for the template."""
    alpha = 0.55 if spec.basemap else 1.0
    if spec.template in ("overview", "workers"):
        fills, legend = _unit_fills(project, spec, units)
        return fills, legend, "", None, None, alpha
    lang, sub = spec.lang, units.grids
    fills = [PLAIN_FILL] * len(rows)
    if spec.template == "venues":
        points, legend = _venues(project, spec, sub, frame)
        return fills, legend, page_text(lang, "Key venues"), points, None, alpha
    filt, _ = incidents
    chosen = _records_in(project, "incidents", sub, filt.mask(project.layers["incidents"], "incidents"))
    total = LegendItem("text", page_text(lang, "{count} incidents", count=f"{len(chosen):,}"))
    if spec.heat:
        ramp = LegendItem("ramp", page_text(lang, "low") + "|" + page_text(lang, "high"), colours=HEAT_COLOURS)
        heat = _heat(chosen, frame, units)
        return fills, [ramp, total], page_text(lang, "Incident density"), None, heat, alpha
    from gridmap.core.style.classify import classify
    from gridmap.core.records.stats import grid_statistic
    from gridmap.core.style.choropleth import choropleth_colours

    values = grid_statistic(project, "incidents", {"incidents": filt})[rows]
    breaks = classify(values, 5, "natural_breaks")
    style = choropleth_colours(values, breaks)
    fills = [style["palette"][i] for i in style["index"]]
    legend = [LegendItem("fill", label, colour, outline=GRID_OUTLINE[0])
              for label, (_, colour) in zip(_count_labels(values, breaks), style["legend"])]
    return fills, legend + [total], page_text(lang, "Incidents per grid"), None, None, alpha


def _count_labels(values: np.ndarray, breaks: np.ndarray) -> list[str]:
    """Class labels for whole counts: class i holds the counts above the previous break up to its own."""
    low = [float(np.nanmin(values))] + [b + 1 for b in breaks[:-1]]
    return [f"{a:,.0f}" if a >= b else f"{a:,.0f} – {b:,.0f}" for a, b in zip(low, breaks)]


def _unit_fills(project, spec: PrintSpec, units: _Units) -> tuple[list[str], list[LegendItem]]:
    """Grids filled by street (or community): a colour each, listed with their grid counts, when the palette
    has enough; else neighbours never sharing one. The notice map's fills are lighter, under its labels."""
    from gridmap.core.style.palettes import PALETTE, grid_colours

    lang, sub = spec.lang, units.grids
    keys = units.keys(units.fine)
    distinct = keys.nunique() <= len(PALETTE)
    keyed = sub.assign(**{"district" if distinct else "street": keys.to_numpy(object)})
    colours = grid_colours(keyed, "district" if distinct else "street")
    overview = spec.template == "overview"
    palette = colours["palette"] if overview else [_lighten(c, 0.55) for c in colours["palette"]]
    fills = [palette[i] for i in colours["index"]]
    counts = keys.value_counts()
    level = units.fill_level()
    if overview and distinct and level:
        legend = [LegendItem("fill", _unit_name(key), colour, outline=GRID_OUTLINE[0], value=f"{counts[key]:,}")
                  for key, colour in colours["legend"]]
        legend.append(LegendItem("text", page_text(lang, "Total"), value=f"{len(sub):,}"))
        return fills, legend
    legend = [LegendItem("fill", page_text(lang, "Grid"), fills[0] if fills else PLAIN_FILL,
                         outline=GRID_OUTLINE[0])]
    if overview:
        if level:
            legend.append(LegendItem("text", page_text(lang, _FILLS[level])))
    elif spec.labels != "none":
        head = {"code": "Grid code", "name": "Grid name"}.get(spec.labels)
        legend.append(LegendItem("text", (page_text(lang, head) + " / " if head else "")
                                 + page_text(lang, "Worker  phone")))
    legend.append(LegendItem("text", page_text(lang, _COUNTS[level], grids=f"{len(sub):,}",
                                               units=f"{len(counts):,}")))
    if not overview:
        people = sum(len(v) for v in _workers_by_grid(project, sub, False, False).values())
        legend.append(LegendItem("text", page_text(lang, "{count} grid workers", count=f"{people:,}")))
    return fills, legend


_FILLS = {"district": "Fills tell districts apart", "street": "Fills tell streets / towns apart",
          "community": "Fills tell communities / villages apart"}
_COUNTS = {None: "{grids} grids", "district": "{grids} grids in {units} districts",
           "street": "{grids} grids in {units} streets / towns",
           "community": "{grids} grids in {units} communities / villages"}


def _unit_name(key: str) -> str:
    """A unit's name from its key: the finest part the grids name ("—" for none)."""
    return next((part for part in reversed(key.split("\x1f")) if part.strip()), "—")


def _lighten(colour: str, amount: float) -> str:
    """``colour`` (#rrggbb) mixed with ``amount`` of white."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def _records_in(project, kind: str, sub: pd.DataFrame, mask=None) -> pd.DataFrame:
    """The ``kind`` records (passing ``mask``) that belong to the printed grids."""
    frame = project.layers.get(kind)
    if frame is None:
        raise GridMapError(tr("the project has no {layer} layer", layer=kind_label(kind)), project.path)
    keep = _text(frame, "grid_code").isin(set(_text(sub, "code"))).to_numpy().copy()
    if mask is not None:
        keep &= mask
    return frame.loc[keep]


def _project_points(frame: pd.DataFrame, epsg: int, page: MapFrame) -> tuple[np.ndarray, np.ndarray]:
    x, y = Transformer.from_crs(PROJECT_CRS, epsg, always_xy=True).transform(frame["lon"].to_numpy(float),
                                                                             frame["lat"].to_numpy(float))
    return page.to_page(x, y)


def _venues(project, spec: PrintSpec, sub: pd.DataFrame, frame: MapFrame) -> tuple[Points, list[LegendItem]]:
    """Venue points coloured by type (the most frequent types; the rest grey), with their legend."""
    venues = _records_in(project, "venues", sub)
    types = _text(venues, "type").replace("", page_text(spec.lang, "Other"))
    counts = types.value_counts()
    named = [t for t in counts.index[:len(POINT_COLOURS)] if t != page_text(spec.lang, "Other")]
    colour = {t: c for t, c in zip(named, POINT_COLOURS)}
    order = np.argsort(-types.map(counts).to_numpy(), kind="stable")  # rare types drawn last, on top
    venues, types = venues.iloc[order], types.iloc[order]
    x, y = _project_points(venues, frame.epsg, frame)
    legend = [LegendItem("point", f"{t} ({counts[t]:,})", colour[t], 1.6) for t in named]
    other = int(counts.drop(named).sum())
    if other:
        legend.append(LegendItem("point", f"{page_text(spec.lang, 'Other')} ({other:,})", OTHER_COLOUR, 1.6))
    size = 1.1 if len(venues) > 3000 else 1.6
    return Points(x, y, [colour.get(t, OTHER_COLOUR) for t in types], size), legend


def _heat(chosen: pd.DataFrame, frame: MapFrame, units: _Units) -> Heat:
    """A Gaussian kernel density of the ``chosen`` incidents over the map frame, scaled to 0..1, shown
    within the printed grids."""
    fx, fy, fw, fh = frame.rect
    cols, rows = max(int(fw / HEAT_CELL_MM), 1), max(int(fh / HEAT_CELL_MM), 1)
    x, y = _project_points(chosen, frame.epsg, frame)
    grid, _, _ = np.histogram2d(y, x, bins=(rows, cols), range=((fy, fy + fh), (fx, fx + fw)))
    sigma = HEAT_SIGMA_MM / HEAT_CELL_MM
    kernel = np.exp(-0.5 * (np.arange(-int(3 * sigma), int(3 * sigma) + 1) / sigma) ** 2)
    for axis in (0, 1):
        grid = np.apply_along_axis(np.convolve, axis, grid, kernel, mode="same")
    top = grid.max()
    outline = units.unions(units.coarse)[1]
    clip = _polygons(outline, frame, [""] * len(outline), "", 0.0, units.tolerance)
    return Heat(grid / top if top > 0 else grid, frame.rect, HEAT_COLOURS, clip)


def _labels(project, spec: PrintSpec, sub: pd.DataFrame, shapes: np.ndarray, units: _Units,
            frame: MapFrame, text: float) -> list[Labels]:
    """Unit names (with a halo, first; sized by the paper's ``text`` factor) and grid labels as the template
    and ``spec.labels`` ask."""
    out: list[Labels] = []
    k = 1000.0 / frame.scale
    if spec.template != "workers":
        for level, size, rank in ((units.coarse, LABEL_PT["coarse"], 3e12), (units.fine, LABEL_PT["fine"], 2e12)):
            names, geoms = units.unions(level)
            if not units.named(level) or level == units.coarse and len(names) < 2:
                continue
            anchor = shapely.get_coordinates(shapely.point_on_surface(geoms))
            x, y = frame.to_page(anchor[:, 0], anchor[:, 1])
            area = shapely.area(geoms) * k * k
            out.append(Labels(x, y, [(n,) for n in names], tuple(v * text for v in size), rank + area,
                              bold=True, halo=True, colour="#202020"))
    lines = _grid_label_lines(project, spec, sub)
    if lines is None:
        return out
    anchor = shapely.get_coordinates(shapely.point_on_surface(shapes))
    x, y = frame.to_page(anchor[:, 0], anchor[:, 1])
    bounds = shapely.bounds(shapes)
    area = shapely.area(shapes) * k * k
    room = np.column_stack([(bounds[:, 2] - bounds[:, 0]) * k, (bounds[:, 3] - bounds[:, 1]) * k, area])
    size = LABEL_PT["workers"] if spec.template == "workers" else LABEL_PT[spec.labels]
    header = spec.template == "workers" and spec.labels in ("code", "name")
    out.append(Labels(x, y, lines, size, area, room=room, header=header, key=spec.template == "workers"))
    return out


def _grid_label_lines(project, spec: PrintSpec, sub: pd.DataFrame) -> list[tuple[str, ...]] | None:
    if spec.labels == "none":
        return None
    head = {"code": _text(sub, "code"), "name": _short_names(sub)}.get(spec.labels)
    if spec.template != "workers" and spec.labels != "worker":
        return [(t,) for t in head]
    people = _workers_by_grid(project, sub, spec.template == "workers", spec.mask_private)
    codes = _text(sub, "code").tolist()
    if spec.template != "workers":
        return [("、".join(people.get(c, [])),) for c in codes]
    return [((h,) if head is not None else ()) + tuple(people.get(c, [])) for c, h in
            zip(codes, head if head is not None else codes)]


def _short_names(sub: pd.DataFrame) -> pd.Series:
    """Grid names without the district and street they start with (the page shows those already)."""
    names = _text(sub, "name").tolist()
    for column in ("district", "street"):
        names = [n[len(p):] if p and n.startswith(p) and len(n) > len(p) else n
                 for n, p in zip(names, _text(sub, column).tolist())]
    return pd.Series(names, index=sub.index, dtype="str")


def _workers_by_grid(project, sub: pd.DataFrame, phones: bool, mask: bool) -> dict[str, list[str]]:
    """Per grid code, its workers as label lines ("name phone", full-time workers first)."""
    workers = project.layers.get("workers")
    if workers is None:
        raise GridMapError(tr("the project has no {layer} layer", layer=kind_label("workers")), project.path)
    names = _text(workers, "name")
    phone = _text(workers, "phone")
    phone = mask_private(phone) if mask else phone
    first = ~_text(workers, "role").str.contains("兼职|志愿", regex=True)
    wanted = set(_text(sub, "code"))
    people: dict[str, list[tuple[bool, str]]] = {}
    for name, number, lead, cell in zip(names, phone, first, _text(workers, "grid_code")):
        text = f"{name} {number}".strip() if phones else name
        for code in worker_grids(cell):
            if code in wanted:
                people.setdefault(code, []).append((not lead, text))
    return {code: [t for _, t in sorted(v, key=lambda p: p[0])] for code, v in people.items()}


BATCHES = ("street", "district")


def unit_specs(project, spec: PrintSpec, by: str) -> list[tuple[str, PrintSpec]]:
    """One (name, spec) per street or district (``by``) with grids in ``spec``'s extent, in code order. Each
    spec prints its whole unit; a given title is kept after the unit's name."""
    if by not in BATCHES:
        raise GridMapError(tr("unknown batch {batch}; expected one of {expected}", batch=repr(by),
                              expected=", ".join(BATCHES)))
    sub = project.grids.iloc[select_rows(project, spec)]
    codes = _text(sub, "code")
    order = np.argsort(codes.to_numpy(object), kind="stable")
    district = _text(sub, "district").to_numpy(object)[order]
    street = _text(sub, "street").to_numpy(object)[order]
    first_code = codes.to_numpy(object)[order]
    keys = list(zip(district, street)) if by == "street" else [(d, "") for d in district]
    firsts = dict(zip(reversed(keys), reversed(first_code.tolist())))  # each unit's smallest code
    names = [s for _, s in firsts]
    out = []
    for (d, s), code in sorted(firsts.items(), key=lambda item: item[1]):
        d = d or code[:6]
        if by == "district":
            name, unit = d, spec.with_(extent="district", district=d, street=None, rows=(), bbox=None)
        else:
            s = s or code[:9]
            name = f"{d}{s}" if names.count(s) > 1 else s
            unit = spec.with_(extent="street", district=d, street=s, rows=(), bbox=None)
        out.append((name, unit.with_(title=f"{name} {spec.title}") if spec.title else unit))
    return out
