"""Print layout geometry, without Qt: paper sizes, what a print shows (:class:`PrintSpec`), the map frame at a
true scale in the project's Gauss-Krüger zone, a round scale bar, and label placement without overlaps.

Page coordinates are millimetres from the top-left corner of the paper, y downwards. The map is drawn in a
metric projection (the project's Gauss-Krüger zone) so that the scale and the scale bar are true.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

import numpy as np

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.style.choices import GridLabel

PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "A2": (420.0, 594.0), "A1": (594.0, 841.0),
          "A0": (841.0, 1189.0)}
"""ISO 216 paper sizes in millimetres, portrait (width, height)."""


class Template(StrEnum):
    """What a printed map is for: an overview of the grids, the grid workers' notice, incidents or venues."""

    OVERVIEW = "overview"
    WORKERS = "workers"
    INCIDENTS = "incidents"
    VENUES = "venues"


TEMPLATES = tuple(t.value for t in Template)
LABELS = tuple(label.value for label in GridLabel)
TEMPLATE_LABELS = {Template.OVERVIEW: GridLabel.CODE, Template.WORKERS: GridLabel.NAME,
                   Template.INCIDENTS: GridLabel.NONE, Template.VENUES: GridLabel.NONE}
"""The grid labels each template starts with."""
EXTENTS = ("all", "district", "street", "selection", "view")
LANGUAGES = ("zh", "en")
# Scale denominators are rounded up to one of these times a power of ten.
NICE_SCALES = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0)
# Scale bar lengths are one of these times a power of ten metres.
NICE_LENGTHS = (1.0, 2.0, 2.5, 5.0)


@dataclass(frozen=True)
class PrintSpec:
    """Everything that decides a printed map; the same spec drives the dialog's preview, the PDF, the PNG
    and ``gridmap print``.

    ``district`` and ``street`` are names or code prefixes (6 and 9 digits); ``district`` also tells apart
    streets of the same name. ``rows`` are grid row positions (extent ``selection``), ``bbox`` is west, south,
    east, north in lon/lat (extent ``view``). ``start``/``end`` (``YYYY-MM-DD``, both days included) bound the
    incidents counted; ``heat`` draws them as a heat map instead of a choropleth. ``lang`` is the language of
    the text on the page (``zh`` or ``en``), whatever the language of the program."""

    template: str = Template.OVERVIEW
    paper: str = "A3"
    landscape: bool = True
    margin_mm: float = 10.0
    dpi: int = 300
    extent: str = "all"
    district: str | None = None
    street: str | None = None
    rows: tuple[int, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    title: str = ""
    subtitle: str = ""
    date: str = field(default_factory=lambda: date.today().isoformat())
    author: str = ""
    legend: bool = True
    scale_bar: bool = True
    north_arrow: bool = True
    labels: str = GridLabel.CODE
    mask_private: bool = True
    basemap: str | None = None
    start: str | None = None
    end: str | None = None
    heat: bool = False
    lang: str = "zh"

    def __post_init__(self):
        if self.paper not in PAPERS:
            raise GridMapError(tr("unknown paper {paper}; expected one of {expected}", paper=repr(self.paper),
                                  expected=", ".join(PAPERS)))
        if self.template not in TEMPLATES:
            raise GridMapError(tr("unknown template {template}; expected one of {expected}",
                                  template=repr(self.template), expected=", ".join(TEMPLATES)))
        if self.labels not in LABELS:
            raise GridMapError(tr("unknown labels {labels}; expected one of {expected}", labels=repr(self.labels),
                                  expected=", ".join(LABELS)))
        if self.extent not in EXTENTS:
            raise GridMapError(tr("unknown extent {extent}; expected one of {expected}", extent=repr(self.extent),
                                  expected=", ".join(EXTENTS)))
        if self.lang not in LANGUAGES:
            raise GridMapError(tr("unknown map language {lang}; expected one of {expected}", lang=repr(self.lang),
                                  expected=", ".join(LANGUAGES)))
        if not 72 <= self.dpi <= 1200:
            raise GridMapError(tr("the resolution must be between 72 and 1200 dpi, not {dpi}", dpi=self.dpi))
        width, height = PAPERS[self.paper]
        if not 0 <= self.margin_mm < min(width, height) / 4:
            raise GridMapError(tr("margins of {margin} mm do not fit on {paper}", margin=self.margin_mm,
                                  paper=self.paper))

    @property
    def page_mm(self) -> tuple[float, float]:
        """Paper (width, height) in millimetres, as oriented."""
        width, height = PAPERS[self.paper]
        return (height, width) if self.landscape else (width, height)

    def with_(self, **changes) -> "PrintSpec":
        return replace(self, **changes)


@dataclass(frozen=True)
class MapFrame:
    """Where the map goes on the page and what it shows: ``rect`` (x, y, width, height) in mm on the page,
    ``bounds`` (minx, miny, maxx, maxy) in metres of ``epsg`` filling the rect exactly at 1:``scale``."""

    rect: tuple[float, float, float, float]
    bounds: tuple[float, float, float, float]
    scale: float
    epsg: int

    def to_page(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        """Projected metres to page millimetres (y downwards)."""
        fx, fy, _, fh = self.rect
        k = 1000.0 / self.scale
        return (fx + (np.asarray(x, float) - self.bounds[0]) * k,
                fy + fh - (np.asarray(y, float) - self.bounds[1]) * k)


def nice_scale(denominator: float) -> float:
    """The smallest round scale denominator (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8 × 10^k) not below it."""
    if denominator <= 0 or not math.isfinite(denominator):
        raise ValueError(f"not a scale: {denominator}")
    power = 10.0 ** math.floor(math.log10(denominator))
    for step in NICE_SCALES + (10.0,):
        if step * power >= denominator * (1 - 1e-12):
            return step * power
    return 10.0 * power  # pragma: no cover - the loop always returns


def map_frame(rect: tuple[float, float, float, float], bounds: tuple[float, float, float, float], epsg: int,
              pad: float = 0.03) -> MapFrame:
    """The frame showing ``bounds`` (projected metres, padded by ``pad`` of their size) whole in ``rect`` (mm)
    at the round scale just small enough, centred."""
    x, y, width, height = rect
    minx, miny, maxx, maxy = bounds
    w = max(maxx - minx, 1.0) * (1 + 2 * pad)
    h = max(maxy - miny, 1.0) * (1 + 2 * pad)
    scale = nice_scale(max(w / width, h / height) * 1000.0)
    half_w, half_h = width * scale / 2000.0, height * scale / 2000.0
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return MapFrame(rect, (cx - half_w, cy - half_h, cx + half_w, cy + half_h), scale, epsg)


@dataclass(frozen=True)
class ScaleBar:
    """A scale bar of ``metres`` drawn ``width_mm`` long, in ``segments`` alternating parts; ``unit`` is m or
    km and ``labels`` the numbers under the segment ends."""

    metres: float
    width_mm: float
    segments: int
    unit: str
    labels: tuple[str, ...]


def scale_bar(scale: float, max_mm: float) -> ScaleBar:
    """The longest round length (1, 2, 2.5, 5 × 10^k m) whose bar at 1:``scale`` fits in ``max_mm``."""
    metres_max = max_mm * scale / 1000.0
    power = 10.0 ** math.floor(math.log10(metres_max))
    metres = max(step * power for step in NICE_LENGTHS if step * power <= metres_max)
    first = metres / power
    segments = {1.0: 5, 2.0: 4, 2.5: 5, 5.0: 5}[first]
    unit, div = ("km", 1000.0) if metres >= 1000 else ("m", 1.0)
    labels = tuple(_number(metres * i / segments / div) for i in range(segments + 1))
    return ScaleBar(metres, metres / scale * 1000.0, segments, unit, labels)


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def place_labels(x, y, width, height, priority, bounds: tuple[float, float, float, float],
                 gap: float = 0.5) -> np.ndarray:
    """Which labels to draw (boolean array): labels centred on (``x``, ``y``) with sizes ``width`` ×
    ``height`` (same units), taken greedily by descending ``priority``, each only if its box (grown by
    ``gap``) lies inside ``bounds`` (x0, y0, x1, y1) and overlaps no label already taken."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    w, h = np.asarray(width, float) / 2 + gap, np.asarray(height, float) / 2 + gap
    x0, y0, x1, y1 = x - w, y - h, x + w, y + h
    inside = (x0 >= bounds[0]) & (y0 >= bounds[1]) & (x1 <= bounds[2]) & (y1 <= bounds[3])
    keep = np.zeros(len(x), dtype=bool)
    if not inside.any():
        return keep
    cell = float(max(np.median((x1 - x0)[inside]), np.median((y1 - y0)[inside]), 1e-9))
    buckets: dict[tuple[int, int], list[int]] = {}
    for i in np.flatnonzero(inside)[np.argsort(-np.asarray(priority, float)[inside], kind="stable")]:
        cols = range(int(x0[i] // cell), int(x1[i] // cell) + 1)
        rows = range(int(y0[i] // cell), int(y1[i] // cell) + 1)
        if any(x0[i] < x1[j] and x0[j] < x1[i] and y0[i] < y1[j] and y0[j] < y1[i]
               for c in cols for r in rows for j in buckets.get((c, r), ())):
            continue
        keep[i] = True
        for c in cols:
            for r in rows:
                buckets.setdefault((c, r), []).append(i)
    return keep


Rect = tuple[float, float, float, float]
TYPE_PT = {"title": 20.0, "subtitle": 12.0, "legend_title": 9.0, "legend": 7.5, "scale": 8.0, "scale_numbers": 7.0,
           "note": 6.0}
"""Type sizes in points on A3; other papers scale them by :attr:`PageLayout.text`."""
GAP_MM = 5.0


def line_mm(points: float) -> float:
    """The height of a line of text of ``points`` size, in millimetres (1.35 × the em)."""
    return points * 25.4 / 72.0 * 1.35


def text_mm(text: str, points: float) -> float:
    """A rough width of ``text`` at ``points`` (CJK one em, other characters 0.55 em), for layout before Qt
    measures it."""
    ems = sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text)
    return ems * points * 25.4 / 72.0


@dataclass(frozen=True)
class PageLayout:
    """Where each part of a page goes: rects (x, y, width, height) in mm; ``text`` scales the type sizes of
    :data:`TYPE_PT` (1 on A3); ``column`` is True when the legend, north arrow, scale and notes are stacked
    in a panel right of the map (landscape), False when they share a band below it (portrait)."""

    page: tuple[float, float]
    text: float
    column: bool
    title: Rect
    map: Rect
    north: Rect
    legend: Rect
    scale: Rect
    notes: Rect

    def pt(self, role: str) -> float:
        """The type size of ``role`` (a key of :data:`TYPE_PT`) on this page, in points."""
        return TYPE_PT[role] * self.text


def page_layout(spec: PrintSpec, notes: list[str], subtitle: bool) -> PageLayout:
    """The page of ``spec``: a title block on top, the map, and a panel holding the north arrow, the legend,
    the scale and the ``notes`` (one paragraph each, wrapped to the panel) right of the map or below it."""
    width, height = spec.page_mm
    m = spec.margin_mm
    text = min(max(math.sqrt(width * height / (297.0 * 420.0)), 0.8), 2.0)
    title_h = line_mm(TYPE_PT["title"] * text) + (line_mm(TYPE_PT["subtitle"] * text) if subtitle else 0.0)
    title = (m, m, width - 2 * m, title_h)
    top = m + title_h + 2.0 * text
    scale_h = line_mm(TYPE_PT["scale"] * text) + 3.5 * text + line_mm(TYPE_PT["scale_numbers"] * text)
    north_h = 22.0 * text
    note_pt = TYPE_PT["note"] * text

    def notes_h(w: float) -> float:
        lines = sum(max(1, math.ceil(text_mm(note, note_pt) / max(w, 1.0))) for note in notes)
        return lines * line_mm(note_pt)

    if spec.landscape:
        panel = min(max(0.17 * width, 55.0), 120.0)
        map_rect = (m, top, width - 2 * m - panel - GAP_MM, height - m - top)
        x = m + map_rect[2] + GAP_MM
        nh = notes_h(panel)
        notes_rect = (x, height - m - nh, panel, nh)
        scale = (x, notes_rect[1] - GAP_MM - scale_h, panel, scale_h)
        north = (x, top, panel, north_h)
        legend_y = top + north_h + GAP_MM
        legend = (x, legend_y, panel, max(scale[1] - GAP_MM - legend_y, 0.0))
        return PageLayout((width, height), text, True, title, map_rect, north, legend, scale, notes_rect)
    band = min(max(0.15 * height, 42.0), 120.0)
    inner = width - 2 * m
    y = height - m - band
    map_rect = (m, top, inner, y - GAP_MM - top)
    legend = (m, y, 0.45 * inner - GAP_MM, band)
    north = (m + 0.45 * inner, y, 0.15 * inner - GAP_MM, min(north_h, band))
    right = m + 0.6 * inner
    scale = (right, y, 0.4 * inner, scale_h)
    nh = notes_h(0.4 * inner)
    notes_rect = (right, height - m - nh, 0.4 * inner, nh)
    return PageLayout((width, height), text, False, title, map_rect, north, legend, scale, notes_rect)
