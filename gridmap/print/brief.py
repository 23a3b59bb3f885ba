"""The morning brief as an A4 PDF: the tables of :mod:`gridmap.core.brief.model` drawn with QPainter on a
QPdfWriter, as maps are printed (vector, the CJK font embedded, text selectable); bar charts are QPainter
rectangles. Page 1: the headline numbers, incidents by category, the top grids with a small map; page 2: overdue
visits by street and worker, grids without a worker, grid boundary changes."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPainterPath, QPdfWriter, QPolygonF

from gridmap.core.brief.model import TEXT, Brief, district_grids
from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.outputs import refuse_project, staging
from gridmap.core.progress import ProgressFn, no_progress
from gridmap.print.fonts import page_font, require_chinese_font
from gridmap.print.pdftext import fix_to_unicode
from gridmap.print.render import _Page

A4 = (210.0, 297.0)
MARGIN = 14.0
DPI = 300
INK, GREY, LIGHT, RED, BLUE = "#1a1a1a", "#6b6b6b", "#e6e6e6", "#c0392b", "#2f5d8a"
BAR = "_bar"
"""A table column holding the bar of its number column."""


class _Writer:
    """Pages being written: a cursor ``y`` (mm) going down the page between the margins, a new page (with the
    footer on the one left) when what comes next does not fit."""

    def __init__(self, page: _Page, device: QPdfWriter, lang: str, made: str):
        self.page, self.device, self.words, self.made = page, device, TEXT[lang], made
        self.y, self.number = MARGIN, 1
        self.width = A4[0] - 2 * MARGIN

    def ensure(self, height: float) -> None:
        if self.y + height <= A4[1] - MARGIN - 5:
            return
        self.footer()
        self.device.newPage()
        self.number += 1
        self.y = MARGIN

    def footer(self) -> None:
        y, font = A4[1] - MARGIN + 3, page_font(7)
        self.page.text(MARGIN, y, self.words["made"].format(when=self.made) + "  ·  " + self.words["masked"], font,
                       "left", GREY)
        self.page.text(A4[0] - MARGIN, y, self.words["page"].format(n=self.number), font, "right", GREY)

    def heading(self, text: str, room: float = 25) -> None:
        self.ensure(10 + room)
        self.y += 3
        self.page.text(MARGIN, self.y, text, page_font(11.5, bold=True), colour=BLUE)
        self.y += 6
        self.page.p.setPen(self.page.pen(BLUE, 0.3))
        self.page.p.drawLine(QPointF(MARGIN * self.page.k, self.y * self.page.k),
                             QPointF((A4[0] - MARGIN) * self.page.k, self.y * self.page.k))
        self.y += 1.5

    def note(self, text: str, colour: str = GREY) -> None:
        self.ensure(4.2)
        self.page.text(MARGIN, self.y, text, page_font(8), colour=colour)
        self.y += 4.2

    def table(self, frame: pd.DataFrame, columns: list[tuple[str, float, str]], x: float | None = None,
              bars: str | None = None, red: pd.Series | None = None) -> None:
        """Rows of ``frame``: ``columns`` (column, width mm, align); a column ``BAR`` draws the number column
        ``bars`` as a bar; rows where ``red`` holds drawn in red."""
        x0 = MARGIN if x is None else x
        row_h, font, bold = 4.6, page_font(8), page_font(8, bold=True)
        p, k = self.page.p, self.page.k
        total = sum(w for _, w, _ in columns)
        self.ensure(2 * row_h)
        p.fillRect(QRectF(x0 * k, self.y * k, total * k, row_h * k), QColor(LIGHT))
        self._cells(x0, [self.words.get(c, "") for c, _, _ in columns], columns, bold, INK)
        self.y += row_h
        top = float(frame[bars].max()) if bars and len(frame) else 0.0
        names = [c for c, _, _ in columns]
        for i, values in enumerate(frame.itertuples(index=False)):
            self.ensure(row_h)
            row = dict(zip(frame.columns, values))
            colour = RED if red is not None and bool(red.iloc[i]) else INK
            if BAR in names and top > 0:
                at = x0 + sum(w for _, w, _ in columns[:names.index(BAR)])
                width = columns[names.index(BAR)][1] - 2
                p.fillRect(QRectF((at + 1) * k, (self.y + 1) * k, width * float(row[bars]) / top * k,
                                  (row_h - 2) * k), QColor("#e8a49b" if colour == RED else "#9fbbd8"))
            self._cells(x0, ["" if c == BAR else _cell(row[c], self.words) for c in names], columns, font, colour)
            self.y += row_h
            p.setPen(self.page.pen(LIGHT, 0.15))
            p.drawLine(QPointF(x0 * k, self.y * k), QPointF((x0 + total) * k, self.y * k))
        self.y += 1.5

    def _cells(self, x0: float, texts: list[str], columns, font, colour: str) -> None:
        x = x0
        for text, (_, width, align) in zip(texts, columns):
            fitted = _fit(self.page, text, font, width - 2)
            at = {"left": x + 1, "right": x + width - 1, "centre": x + width / 2}[align]
            self.page.text(at, self.y + 0.6, fitted, font, align, colour)
            x += width


def _cell(value, words: dict) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return words["resolution_none"]
    if isinstance(value, (bool, np.bool_)):
        return words["yes"] if value else words["no"]
    if isinstance(value, (float, np.floating)):
        return f"{value:,.1f}"
    if isinstance(value, (int, np.integer)):
        return f"{value:,}"
    return str(value)


def _fit(page: _Page, text: str, font, width_mm: float) -> str:
    """``text`` cut with … to fit ``width_mm``."""
    metrics = page.metrics(font)
    if metrics.horizontalAdvance(text) / page.k <= width_mm:
        return text
    while text and metrics.horizontalAdvance(text + "…") / page.k > width_mm:
        text = text[:-1]
    return text + "…"


def brief_text(brief: Brief, lang: str) -> str:
    """Every text the brief draws (for the font check)."""
    words = TEXT[lang]
    parts = list(words.values()) + [brief.city, brief.district or ""]
    for frame in brief.tables().values():
        for column in frame.columns:
            if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
                parts += [str(v) for v in frame[column].tolist()]
    return "\n".join(parts)


def _date(day: pd.Timestamp, lang: str) -> str:
    weekday = TEXT[lang]["weekday"][day.weekday()]
    return f"{day.year}年{day.month}月{day.day}日(星期{weekday})" if lang == "zh" else f"{day:%a %d %B %Y}"


def _title(w: _Writer, brief: Brief, lang: str) -> None:
    words, page = w.words, w.page
    place = brief.district or brief.city
    page.text(A4[0] / 2, w.y, f"{place}{words['title']}" if lang == "zh" else f"{words['title']} {place}".strip(),
              page_font(18, bold=True), "centre")
    w.y += 9.5
    first, last = brief.period_start, brief.day
    period = (f"{first.month}月{first.day}日–{last.month}月{last.day}日" if lang == "zh"
              else f"{brief.period_start:%d %b}–{brief.day:%d %b %Y}")
    page.text(A4[0] / 2, w.y, f"{_date(brief.day, lang)}  ·  {words['period']} {period}", page_font(9.5), "centre",
              GREY)
    w.y += 7


def _kpis(w: _Writer, brief: Brief) -> None:
    """Four boxes: new, closed, resolution rate, 盗抢骗 share; yesterday large, month to date under it."""
    words, page, p, k = w.words, w.page, w.page.p, w.page.k
    day, per = brief.summary.iloc[0], brief.summary.iloc[1]
    boxes = [("new", day["new"], per["new"], ""), ("closed", day["closed"], per["closed"], ""),
             ("resolution_rate", day["resolution_rate"], per["resolution_rate"], "%"),
             ("trf_share", day["trf_share"], per["trf_share"], "%")]
    gap, height = 3.0, 21.0
    width = (w.width - 3 * gap) / 4
    for i, (key, value, period, unit) in enumerate(boxes):
        x = MARGIN + i * (width + gap)
        p.setPen(page.pen("#c8c8c8", 0.25))
        p.setBrush(QColor("#f7f7f7"))
        p.drawRect(QRectF(x * k, w.y * k, width * k, height * k))
        label = words[key].replace("(%)", "")
        page.text(x + width / 2, w.y + 1.6, label, page_font(8), "centre", GREY)
        shown = words["resolution_none"] if value is None or pd.isna(value) else (
            f"{value:.1f}{unit}" if unit else f"{int(value):,}")
        page.text(x + width / 2, w.y + 6, shown, page_font(17, bold=True), "centre",
                  RED if key == "trf_share" else INK)
        later = words["resolution_none"] if period is None or pd.isna(period) else (
            f"{period:.1f}{unit}" if unit else f"{int(period):,}")
        page.text(x + width / 2, w.y + 15, f"{words['period']} {later}", page_font(8), "centre", GREY)
    p.setBrush(Qt.NoBrush)
    w.y += height + 2
    trf = f"{words['theft_robbery_fraud']}: {words['day']} {int(day['theft_robbery_fraud']):,} · " \
          f"{words['period']} {int(per['theft_robbery_fraud']):,}"
    w.note(f"{trf}    ({words['trf_note']})")


def _map(w: _Writer, grids, top: pd.DataFrame, rect: tuple[float, float, float, float]) -> None:
    """The grids in light grey, the top grids in red numbered by rank, fitted into ``rect`` (mm)."""
    page, p, k = w.page, w.page.p, w.page.k
    x, y, width, height = rect
    p.setPen(page.pen("#c8c8c8", 0.25))
    p.drawRect(QRectF(x * k, y * k, width * k, height * k))
    if not len(grids):
        return
    minx, miny, maxx, maxy = grids.total_bounds
    mid = np.radians((miny + maxy) / 2)
    sx = (maxx - minx) * np.cos(mid)
    scale = min((width - 4) / max(sx, 1e-9), (height - 4) / max(maxy - miny, 1e-9))
    ox = x + (width - sx * scale) / 2
    oy = y + (height - (maxy - miny) * scale) / 2

    def to_page(xy: np.ndarray) -> np.ndarray:
        return np.column_stack([(ox + (xy[:, 0] - minx) * np.cos(mid) * scale) * k,
                                (oy + (maxy - xy[:, 1]) * scale) * k])

    tolerance = 0.2 / scale  # 0.2 mm on the page
    geoms = shapely.simplify(grids.geometry.values, tolerance)
    p.save()
    p.setClipRect(QRectF(x * k, y * k, width * k, height * k))
    p.setPen(Qt.NoPen)
    p.setBrush(QColor("#d5d5d5"))
    p.drawPath(_path(geoms, to_page))
    codes = grids["code"].to_numpy(dtype=str)
    p.setBrush(QColor(RED))
    p.setPen(page.pen("#7a1f15", 0.15))
    hot = [np.flatnonzero(codes == c) for c in top["grid_code"]]
    hot = [h[0] for h in hot if len(h)]
    if hot:
        p.drawPath(_path(grids.geometry.values[hot], to_page))
    font = page_font(6.5, bold=True)
    metrics = page.metrics(font)
    dots = [to_page(shapely.get_coordinates(shapely.point_on_surface(grids.geometry.values[i])))[0] / k for i in hot]
    taken = [QRectF(x - 1, y - 1, 2, 2) for x, y in dots]
    p.setPen(page.pen("#ffffff", 0.2))
    p.setBrush(QColor(RED))
    for cx, cy in dots:
        p.drawEllipse(QPointF(cx * k, cy * k), 0.9 * k, 0.9 * k)
    for rank, (cx, cy) in zip(top["rank"], dots):  # each number beside its dot, clear of other dots and numbers
        w_mm, h_mm = metrics.horizontalAdvance(str(rank)) / k, metrics.height() / k
        spots = [(cx + 1.1 + dx, cy - h_mm / 2 + dy) for dy in (0, -h_mm, h_mm, -2 * h_mm, 2 * h_mm)
                 for dx in (0, w_mm + 1.5)]
        spots[1:1] = [(cx - 1.1 - w_mm, cy - h_mm / 2)]
        box = next((QRectF(sx, sy, w_mm, h_mm) for sx, sy in spots
                    if not any(QRectF(sx, sy, w_mm, h_mm).intersects(t) for t in taken)), None)
        box = box or QRectF(spots[0][0], spots[0][1], w_mm, h_mm)
        taken.append(box)
        near = QPointF(min(max(cx, box.left()), box.right()), min(max(cy, box.top()), box.bottom()))
        if abs(near.x() - cx) > 1.3 or abs(near.y() - cy) > 1.3:  # moved away: a leader line to it
            p.setPen(page.pen("#7a1f15", 0.12))
            p.drawLine(QPointF(cx * k, cy * k), near * k)
        page.text(box.left(), box.top(), str(rank), font, "left", "#7a1f15")
    p.restore()
    p.setBrush(Qt.NoBrush)


def _path(geoms, to_page) -> QPainterPath:
    path = QPainterPath()
    rings = shapely.get_rings(shapely.get_parts(geoms))
    for ring in rings:
        xy = to_page(shapely.get_coordinates(ring))
        path.addPolygon(QPolygonF(list(map(QPointF, xy[:, 0].tolist(), xy[:, 1].tolist()))))
    path.setFillRule(Qt.OddEvenFill)
    return path


def draw_brief(painter: QPainter, writer: QPdfWriter, brief: Brief, grids, lang: str = "zh") -> int:
    """Draw the brief's pages on ``painter`` (begun on ``writer``, A4 at :data:`DPI`); returns the pages drawn."""
    require_chinese_font(brief_text(brief, lang))
    page = _Page(painter, DPI)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    words = TEXT[lang]
    w = _Writer(page, writer, lang, datetime.now().strftime("%Y-%m-%d %H:%M"))
    _title(w, brief, lang)
    _kpis(w, brief)
    w.heading(words["categories"])
    categories = brief.categories.head(14)
    w.table(categories, [("category", 38, "left"), ("day", 20, "right"), ("period", 24, "right"),
                         (BAR, 60, "left"), ("share", 20, "right"), ("trf", 20, "centre")], bars="period",
            red=categories["trf"])
    if len(brief.categories) > len(categories):
        w.note(words["more"].format(n=len(brief.categories) - len(categories)))
    w.heading(words["top_grids"], room=60)
    top_y = w.y
    columns = [("rank", 9, "right"), ("grid_code", 24, "left"), ("name", 38, "left"), ("day", 17, "right"),
               ("period", 24, "right")]
    w.table(brief.top_grids, columns)
    left = sum(width for _, width, _ in columns) + 3
    _map(w, grids, brief.top_grids, (MARGIN + left, top_y, w.width - left, max(w.y - top_y, 58)))
    w.y = max(w.y, top_y + 60)
    w.note(words["map"])
    visits = brief.visits
    w.heading(words["visits"], room=10)
    if visits:
        w.note(f"{words['targets']} {visits['targets']:,} · {words['on_time']} {visits['on_time']:,} · "
               f"{words['overdue']} {visits['overdue'] + visits['never']:,} ({words['never']} {visits['never']:,})"
               + ("" if pd.isna(visits.get("coverage")) else f" · {words['coverage']} {visits['coverage']:.1f}"),
               INK)
    overdue = [("targets", 22, "right"), ("overdue", 20, "right"), (BAR, 58, "left"), ("coverage", 22, "right")]
    w.heading(words["overdue_streets"])
    _or_none(w, brief.overdue_streets, [("district", 30, "left"), ("street", 30, "left"), *overdue], "overdue")
    w.heading(words["overdue_workers"])
    _or_none(w, brief.overdue_workers, [("worker", 30, "left"), ("street", 30, "left"), *overdue], "overdue")
    w.heading(words["no_worker"] + f" ({len(brief.no_worker):,})", room=10)
    _or_none(w, brief.no_worker.head(8), [("grid_code", 32, "left"), ("name", 70, "left"), ("street", 40, "left"),
                                          ("district", 40, "left")])
    if len(brief.no_worker) > 8:
        w.note(words["more"].format(n=len(brief.no_worker) - 8))
    w.heading(words["boundary_changes"] + f" ({len(brief.boundary_changes):,})", room=10)
    _or_none(w, brief.boundary_changes.head(8), [("when", 28, "left"), ("description", 74, "left"),
                                                 ("before", 40, "left"), ("after", 40, "left")])
    w.footer()
    return w.number


def _or_none(w: _Writer, frame: pd.DataFrame, columns, bars: str | None = None) -> None:
    """The table, or "none" under its heading."""
    if len(frame):
        w.table(frame, columns, bars=bars)
    else:
        w.note(w.words["none"], INK)


def write_brief_pdf(brief: Brief, grids, out: Path, lang: str = "zh") -> int:
    """Write the brief to ``out`` (PDF) atomically: drawn in a private folder beside it, renamed into place;
    returns its pages."""
    out = Path(out)
    refuse_project(out)
    if not out.parent.is_dir():
        raise GridMapError(tr("the folder does not exist"), out.parent)
    try:
        with staging(out.parent) as folder:
            tmp = folder / out.name
            writer = QPdfWriter(str(tmp))
            writer.setResolution(DPI)
            writer.setCreator("GridMap")
            writer.setTitle(f"{brief.city}{brief.district or ''} {TEXT[lang]['title']} {brief.day:%Y-%m-%d}")
            writer.setPageLayout(QPageLayout(QPageSize(QSizeF(*A4), QPageSize.Millimeter), QPageLayout.Portrait,
                                             QMarginsF(0, 0, 0, 0)))
            painter = QPainter()
            if not painter.begin(writer):
                raise GridMapError(tr("cannot write the PDF"), out)
            try:
                pages = draw_brief(painter, writer, brief, grids, lang)
            finally:
                painter.end()
            fix_to_unicode(tmp)
            os.replace(tmp, out)
    except OSError as err:
        raise GridMapError(tr("cannot write ({error})", error=err.strerror or str(err)), out) from None
    return pages


def print_brief(ref, options, progress: ProgressFn = no_progress, font: str | Path | None = None):
    """``gridmap brief`` and File → Daily Brief…: build the brief of ``options`` (a
    :class:`~gridmap.ops.brief.BriefOptions`) from the project ``ref`` (path, store or loaded project), write its
    PDF to ``options.out`` and its tables to ``options.xlsx``; a Qt GUI application is made when none exists.
    Returns a :class:`~gridmap.ops.brief.BriefResult`."""
    import time

    from gridmap.ops.brief import brief, write_xlsx
    from gridmap.print.fonts import use_font_file
    from gridmap.print.output import ensure_application

    started = time.perf_counter()
    progress(0.05, tr("Counting"))
    project = ref if hasattr(ref, "grids") else None
    if project is None:
        from gridmap.ops import open_project

        project = open_project(ref)
    result = brief(project, replace(options, xlsx=None))
    ensure_application()
    if font is not None:
        use_font_file(font)
    progress(0.5, tr("Drawing {name}", name=Path(options.out).name))
    grids = district_grids(project.grids, options.district)
    result.pages = write_brief_pdf(result.brief, grids, Path(options.out), options.lang)
    result.out = Path(options.out)
    if options.xlsx:
        result.xlsx = write_xlsx(result.brief, Path(options.xlsx), options.lang)
    result.seconds = round(time.perf_counter() - started, 2)
    progress(1.0, tr("Done"))
    return result
