"""Drawing one page of a :class:`~gridmap.core.printing.model.PrintModel` with QPainter.

Positions come in millimetres and are drawn in device pixels (``dpi``); fonts are sized in points against the
device's own resolution, so a PDF, a 300 dpi PNG and a 50 dpi preview show the same page. Uses QImage and
QPainter only (no QPixmap, no widgets): safe on a worker thread.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QImage, QLinearGradient, QPainter, QPainterPath,
                           QPen, QPolygonF, QTransform)

from gridmap.core.printing.layout import GAP_MM, line_mm, place_labels
from gridmap.core.printing.model import FIT, Labels, LegendItem, Lines, PrintModel, Polygons, page_text
from gridmap.print.fonts import page_font, require_chinese_font

MM_PER_INCH = 25.4
NUMBER = "#b00000"
"""The colour of the numbers of grids whose label is in the key."""


class _Page:
    """A painter with millimetre helpers: ``k`` device pixels per mm."""

    def __init__(self, painter: QPainter, dpi: float):
        self.p = painter
        self.k = dpi / MM_PER_INCH
        self._brushes: dict[tuple[str, float], QBrush] = {}

    def rect(self, r) -> QRectF:
        return QRectF(r[0] * self.k, r[1] * self.k, r[2] * self.k, r[3] * self.k)

    def pen(self, colour: str, width_mm: float) -> QPen:
        return QPen(QColor(colour), width_mm * self.k, Qt.SolidLine, Qt.FlatCap, Qt.MiterJoin)

    def brush(self, colour: str, alpha: float = 1.0) -> QBrush:
        key = (colour, alpha)
        if key not in self._brushes:
            c = QColor(colour)
            c.setAlphaF(alpha)
            self._brushes[key] = QBrush(c)
        return self._brushes[key]

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.p.device())

    def text(self, x_mm: float, y_mm: float, text: str, font: QFont, align: str = "left",
             colour: str = "#000000") -> float:
        """Draw one line with its top at ``y_mm``, ``x_mm`` at its left, centre or right; returns its width
        in mm."""
        fm = self.metrics(font)
        width = fm.horizontalAdvance(text)
        x = x_mm * self.k - {"left": 0.0, "centre": width / 2, "right": width}[align]
        self.p.setFont(font)
        self.p.setPen(QColor(colour))
        self.p.drawText(QPointF(x, y_mm * self.k + fm.ascent()), text)
        return width / self.k


def _points(xy: np.ndarray, k: float) -> list[QPointF]:
    return list(map(QPointF, (xy[:, 0] * k).tolist(), (xy[:, 1] * k).tolist()))


def draw_page(painter: QPainter, model: PrintModel, dpi: float, basemap: QImage | None = None) -> None:
    """Draw ``model`` on ``painter``'s device (whose top-left corner is the paper's) at ``dpi``; ``basemap``
    is an image already fitted to the map frame. Refuses (GridMapError) a page whose Chinese no font can draw."""
    require_chinese_font(model_text(model))
    page = _Page(painter, dpi)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    painter.setRenderHint(QPainter.SmoothPixmapTransform)
    lay = model.layout
    painter.fillRect(page.rect((0, 0, *lay.page)), QColor("white"))
    _title(page, model)
    key = _map(page, model, basemap)
    if model.spec.north_arrow:
        _north_arrow(page, model)
    _legend(page, model, key)
    if model.spec.scale_bar:
        _scale(page, model)
    _notes(page, model)


def model_text(model: PrintModel) -> str:
    """Every text ``model`` puts on the page (labels, legend, title, notes), joined."""
    parts = [model.title, model.subtitle, model.scale_text, model.legend_title, page_text(model.spec.lang, "N"),
             page_text(model.spec.lang, "Numbered grids"), *model.notes]
    parts += [item.label + item.value for item in model.legend]
    parts += ["".join(lines) for labels in model.labels for lines in labels.lines]
    return "\n".join(parts)


def _title(page: _Page, model: PrintModel) -> None:
    lay = model.layout
    x, y, w, _ = lay.title
    page.text(x + w / 2, y, model.title, page_font(lay.pt("title"), bold=True), "centre")
    if model.subtitle:
        page.text(x + w / 2, y + line_mm(lay.pt("title")), model.subtitle, page_font(lay.pt("subtitle")), "centre")


def _map(page: _Page, model: PrintModel, basemap: QImage | None) -> list[tuple[str, ...]]:
    p = page.p
    frame = page.rect(model.layout.map)
    p.save()
    p.setClipRect(frame)
    if basemap is not None:
        p.drawImage(frame, basemap)
    if model.context is not None:
        _polygons(page, model.context, model.fill_alpha)
    _polygons(page, model.grids, model.fill_alpha)
    if model.heat is not None:
        p.save()
        p.setClipPath(_path(model.heat.clip, page.k), Qt.IntersectClip)
        p.drawImage(page.rect(model.heat.rect), _heat_image(model.heat, page.k))
        p.restore()
    for lines in model.lines:
        _lines(page, lines)
    if model.points is not None:
        _symbols(page, model)
    key = _labels(page, model)
    p.restore()
    p.setPen(page.pen("#000000", 0.35))
    p.setBrush(Qt.NoBrush)
    p.drawRect(frame)
    return key


def _polygons(page: _Page, shapes: Polygons, alpha: float) -> None:
    p, k = page.p, page.k
    p.setPen(page.pen(shapes.outline, shapes.width) if shapes.width else Qt.NoPen)
    pts = _points(shapes.xy, k)
    rings, parts = shapes.rings.tolist(), shapes.parts.tolist()
    for i, colour in enumerate(shapes.fills):
        p.setBrush(page.brush(colour, alpha))
        first, last = parts[i], parts[i + 1]
        if last - first == 1:
            p.drawPolygon(QPolygonF(pts[rings[first]:rings[first + 1]]))
        elif last > first:
            path = QPainterPath()
            path.setFillRule(Qt.OddEvenFill)
            for r in range(first, last):
                path.addPolygon(QPolygonF(pts[rings[r]:rings[r + 1]]))
                path.closeSubpath()
            p.drawPath(path)


def _path(shapes: Polygons, k: float) -> QPainterPath:
    """All the polygons as one path (odd-even: holes stay open)."""
    path = QPainterPath()
    path.setFillRule(Qt.OddEvenFill)
    pts = _points(shapes.xy, k)
    rings = shapes.rings.tolist()
    for a, b in zip(rings[:-1], rings[1:]):
        path.addPolygon(QPolygonF(pts[a:b]))
        path.closeSubpath()
    return path


def _lines(page: _Page, lines: Lines) -> None:
    p = page.p
    pen = page.pen(lines.colour, lines.width)
    pen.setCapStyle(Qt.RoundCap)
    pen.setJoinStyle(Qt.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.NoBrush)
    pts = _points(lines.xy, page.k)
    offsets = lines.offsets.tolist()
    for a, b in zip(offsets[:-1], offsets[1:]):
        p.drawPolyline(QPolygonF(pts[a:b]))


def _symbols(page: _Page, model: PrintModel) -> None:
    p, k, pts = page.p, page.k, model.points
    r = pts.size * k / 2
    p.setPen(page.pen("#ffffff", 0.12))
    for x, y, colour in zip((pts.x * k).tolist(), (pts.y * k).tolist(), pts.colours):
        p.setBrush(page.brush(colour))
        p.drawEllipse(QPointF(x, y), r, r)


def _ramp(colours, t: np.ndarray) -> np.ndarray:
    """RGB (n, 3) of ``t`` in 0..1 along the colour stops."""
    stops = np.array([[QColor(c).red(), QColor(c).green(), QColor(c).blue()] for c in colours], float)
    pos = np.clip(t, 0, 1) * (len(stops) - 1)
    i = np.minimum(pos.astype(int), len(stops) - 2)
    f = (pos - i)[..., None]
    return stops[i] * (1 - f) + stops[i + 1] * f


def _heat_image(heat, k: float) -> QImage:
    """The density as a translucent ARGB image (transparent where there is next to nothing)."""
    v = heat.values
    rgb = _ramp(heat.colours, v ** 0.5)
    alpha = np.clip((v - 0.02) / 0.2, 0, 1) * 0.85
    argb = np.empty(v.shape + (4,), np.uint8)
    argb[..., 0] = rgb[..., 2] * alpha
    argb[..., 1] = rgb[..., 1] * alpha
    argb[..., 2] = rgb[..., 0] * alpha
    argb[..., 3] = alpha * 255
    h, w = v.shape
    image = QImage(argb.tobytes(), w, h, w * 4, QImage.Format_ARGB32_Premultiplied).copy()
    width, height = heat.rect[2] * k, heat.rect[3] * k
    scale = min(1.0, 2000.0 / max(width, height))  # smooth enough; more only bloats a PDF
    return image.scaled(max(int(width * scale), 1), max(int(height * scale), 1), Qt.IgnoreAspectRatio,
                        Qt.SmoothTransformation)


def _labels(page: _Page, model: PrintModel) -> list[tuple[str, ...]]:
    """Measure every candidate in its sizes, keep those that fit their grid, place them without overlaps and
    draw them. Key labels that find no room get a number instead; returns their key entries, by number."""
    k = page.k
    styles, cands, unfit = [], [], []
    for labels in model.labels:
        n = len(labels.lines)
        size_of = np.where(_may_fit(labels), -1, -2)  # -2: too big for its grid whatever the size
        width, height = np.zeros(n), np.zeros(n)
        for z, points in enumerate(labels.sizes):
            fonts = _label_fonts(labels, points)
            fm = [page.metrics(f) for f in fonts]
            line_h = [m.height() / k for m in fm]
            styles.append((labels, fonts, fm, line_h))
            todo = np.flatnonzero(size_of == -1)
            w = np.array([max((fm[min(i, 1)].horizontalAdvance(t) for i, t in enumerate(labels.lines[j])),
                              default=0.0) for j in todo]) / k
            h = np.array([sum(line_h[min(i, 1)] for i in range(len(labels.lines[j]))) for j in todo])
            ok = w > 0
            if labels.room is not None and len(todo):
                room = labels.room[todo]
                ok &= (w <= FIT * room[:, 0]) & (h <= FIT * room[:, 1]) & (w * h <= room[:, 2])
            size_of[todo[ok]], width[todo[ok]], height[todo[ok]] = z, w[ok], h[ok]
            fit = np.flatnonzero(size_of == z)
            cands.append((len(styles) - 1, fit, labels.x[fit], labels.y[fit], width[fit], height[fit],
                          labels.priority[fit]))
        if labels.key:
            unfit += [(labels, i) for i in np.flatnonzero(size_of < 0) if labels.lines[i]]
    if not cands:
        return []
    x, y, w, h, prio = (np.concatenate([c[i] for c in cands]) for i in range(2, 7))
    who = np.concatenate([np.column_stack([np.full(len(c[1]), c[0]), c[1]]) for c in cands]).astype(int)
    is_key = np.array([styles[s][0].key for s in who[:, 0]], dtype=bool)
    numbers = _Numbers(page, model, len(unfit) + int(is_key.sum()))
    # the numbers of grids whose label cannot fit go first: small, they leave room for the labels
    nx, ny = numbers.anchors(unfit)
    fx, fy, fw, fh = model.layout.map
    keep = place_labels(np.concatenate([nx, x]), np.concatenate([ny, y]),
                        np.concatenate([np.full(len(nx), numbers.width), w]),
                        np.concatenate([np.full(len(nx), numbers.height), h]),
                        np.concatenate([np.full(len(nx), 1e15), prio]), (fx, fy, fx + fw, fy + fh), gap=0.3)
    keep = keep[len(nx):]
    for j in np.flatnonzero(keep):
        labels, fonts, fm, line_h = styles[who[j, 0]]
        _draw_label(page, labels.lines[who[j, 1]], fonts, fm, line_h, x[j], y[j] - h[j] / 2, labels.halo,
                    labels.colour)
    # then those of key labels that lost their place to others
    lost = [(styles[s][0], i) for s, i in who[is_key & ~keep]]
    lx, ly = numbers.anchors(lost)
    return numbers.draw(unfit + lost, np.concatenate([nx, lx]), np.concatenate([ny, ly]))


class _Numbers:
    """Grid numbers standing for labels that are in the key: measured for up to ``count`` of them."""

    def __init__(self, page: _Page, model: PrintModel, count: int):
        self.page = page
        key = [labels for labels in model.labels if labels.key]
        self.font = page_font((min(key[0].sizes) if key else 4.0) + 1.5, bold=True)
        self.fm = page.metrics(self.font)
        self.width = self.fm.horizontalAdvance(str(max(count, 1))) / page.k
        self.height = self.fm.height() / page.k

    @staticmethod
    def anchors(items) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([labels.x[i] for labels, i in items], float),
                np.array([labels.y[i] for labels, i in items], float))

    def draw(self, items, x: np.ndarray, y: np.ndarray) -> list[tuple[str, ...]]:
        """Number ``items`` in reading order and draw the numbers (also where one finds no free room: every
        grid must be findable); returns the key entries."""
        order = np.lexsort((x, np.round(y / 10.0)))  # bands 10 mm high, left to right
        entries = []
        for n, j in enumerate(order):
            labels, i = items[j]
            _draw_label(self.page, (str(n + 1),), [self.font], [self.fm], [self.height], x[j],
                        y[j] - self.height / 2, True, NUMBER)
            entries.append((str(n + 1),) + labels.lines[i])
        return entries


def _draw_label(page: _Page, lines: tuple[str, ...], fonts, fm, line_h, x: float, top: float, halo: bool,
                colour: str) -> None:
    """A label's ``lines`` centred on ``x`` (mm), the first line's top at ``top``; the first line in
    ``fonts[0]``, the others in ``fonts[-1]``."""
    k = page.k
    for n, line in enumerate(lines):
        f = min(n, len(fonts) - 1)
        origin = QPointF(x * k - fm[f].horizontalAdvance(line) / 2,
                         (top + sum(line_h[min(m, len(fonts) - 1)] for m in range(n))) * k + fm[f].ascent())
        if halo:
            _halo(page, origin, fonts[f], line, fm[f])
        page.p.setFont(fonts[f])
        page.p.setPen(QColor(colour))
        page.p.drawText(origin, line)


def _may_fit(labels: Labels) -> np.ndarray:
    """Which labels might fit their grid at the smallest size, judged from their number of characters and
    lines alone (no character is narrower than 0.4 em or shorter than 1 em), to measure only those."""
    chars = np.array([max(map(len, lines), default=0) for lines in labels.lines])
    if labels.room is None:
        return chars > 0
    em = min(labels.sizes) * MM_PER_INCH / 72.0
    w = 0.4 * em * chars
    h = em * np.array([len(lines) for lines in labels.lines])
    room = labels.room
    return (chars > 0) & (w <= FIT * room[:, 0]) & (h <= FIT * room[:, 1]) & (w * h <= room[:, 2])


def _label_fonts(labels: Labels, points: float) -> list[QFont]:
    """The font of a label's first line and of the others."""
    return [page_font(points, bold=labels.bold or labels.header), page_font(points, bold=labels.bold)]


def _halo(page: _Page, origin: QPointF, font: QFont, text: str, fm: QFontMetricsF) -> None:
    """A white outline behind the text (drawn as a path, so the text itself stays selectable once)."""
    path = QPainterPath()
    path.addText(0, 0, font, text)
    ratio = fm.height() / QFontMetricsF(font).height()  # addText sizes the font for the screen
    path = QTransform(ratio, 0, 0, ratio, origin.x(), origin.y()).map(path)
    pen = page.pen("#ffffff", 0.6)
    pen.setJoinStyle(Qt.RoundJoin)
    page.p.strokePath(path, pen)


def _north_arrow(page: _Page, model: PrintModel) -> None:
    p, k, lay = page.p, page.k, model.layout
    x, y, w, h = lay.north
    size = min(h * 0.62, 14.0 * lay.text)
    letter = page_font(lay.pt("legend_title") * 1.3, bold=True)
    letter_h = page.metrics(letter).height() / k
    cx, cy = x + w / 2, y + letter_h + 1.0 + size / 2
    p.save()
    p.translate(cx * k, cy * k)
    p.rotate(model.north)
    half, tip, notch = size * 0.22 * k, size / 2 * k, size * 0.28 * k
    p.setPen(page.pen("#000000", 0.25))
    p.setBrush(QColor("#000000"))
    p.drawPolygon(QPolygonF([QPointF(0, -tip), QPointF(-half, tip), QPointF(0, notch)]))
    p.setBrush(QColor("#ffffff"))
    p.drawPolygon(QPolygonF([QPointF(0, -tip), QPointF(half, tip), QPointF(0, notch)]))
    p.translate(0, -tip - 1.0 * k)
    fm = page.metrics(letter)
    text = page_text(model.spec.lang, "N")
    p.setFont(letter)
    p.setPen(QColor("#000000"))
    p.drawText(QPointF(-fm.horizontalAdvance(text) / 2, -fm.descent()), text)
    p.restore()


def _legend(page: _Page, model: PrintModel, key: list[tuple[str, ...]]) -> None:
    """The legend (when asked for) and below it the key of numbered grids, in the legend's box."""
    lay = model.layout
    x, y, w, h = lay.legend
    top = _legend_items(page, model) if model.spec.legend else y
    if key:
        _key(page, model, key, (x, top, w, y + h - top))


def _legend_items(page: _Page, model: PrintModel) -> float:
    """Draw the legend's title and items (in columns when they are many); returns where they end (mm)."""
    k, lay = page.k, model.layout
    x, y, w, h = lay.legend
    title_font = page_font(lay.pt("legend_title"), bold=True)
    font = page_font(lay.pt("legend"))
    fm = page.metrics(font)
    page.text(x, y, model.legend_title, title_font)
    top = y + line_mm(lay.pt("legend_title")) + 1.0
    row = max(line_mm(lay.pt("legend")), 4.2 * lay.text)
    per_col = max(int((y + h - top) // row), 1)
    items = model.legend
    cols = -(-len(items) // per_col) if items else 1
    col_w = w / cols
    sym_w, sym_h = 7.0 * lay.text, 3.4 * lay.text
    for n, item in enumerate(items):
        cx, cy = x + (n // per_col) * col_w, top + (n % per_col) * row
        mid = cy + row / 2
        text_y = mid - fm.height() / k / 2
        right = cx + col_w - 2.0
        if item.value:
            right -= page.text(right, text_y, item.value, font, "right") + 1.5
        if item.kind == "ramp":
            _ramp_item(page, item, cx, mid, col_w, sym_h, font)
            continue
        left = cx if item.kind == "text" else cx + sym_w + 2.0
        if item.kind != "text":
            _legend_symbol(page, item, cx, mid, sym_w, sym_h)
        label = fm.elidedText(item.label, Qt.ElideRight, (right - left) * k)
        page.text(left, text_y, label, font, colour="#333333" if item.kind == "text" else "#000000")
    return top + min(len(items), per_col) * row + GAP_MM * lay.text


def _key(page: _Page, model: PrintModel, key: list[tuple[str, ...]], rect) -> None:
    """The numbered grids' labels, one entry per grid wrapped between its parts, as many as fit; the last
    line counts the rest."""
    k, lay = page.k, model.layout
    x, y, w, h = rect
    lang = model.spec.lang
    heading = page_font(lay.pt("legend"), bold=True)
    font = page_font(lay.pt("note") * 1.1)
    line = page.metrics(font).height() / k
    if h < 2 * line_mm(lay.pt("legend")):
        return
    page.text(x, y, page_text(lang, "Numbered grids"), heading)
    top = y + page.metrics(heading).height() / k + 0.8
    for n, entry in enumerate(key):
        rows = _wrap(page, entry, font, w)
        if top + (len(rows) + 1) * line > y + h and n < len(key) - 1:
            page.text(x, top, page_text(lang, "… {count} more: print on bigger paper", count=len(key) - n), font,
                      colour=NUMBER)
            return
        for r, text in enumerate(rows):
            page.text(x + (3.0 * lay.text if r else 0.0), top, text, font)
            top += line


def _wrap(page: _Page, parts: tuple[str, ...], font: QFont, width: float) -> list[str]:
    """``parts`` joined by two spaces into lines no wider than ``width`` mm (continuation lines indented 3 mm),
    breaking only between parts."""
    fm = page.metrics(font)
    rows: list[str] = []
    for part in parts:
        room = (width - (3.0 if rows else 0.0)) * page.k
        if rows and fm.horizontalAdvance(rows[-1] + "  " + part) <= room:
            rows[-1] += "  " + part
        else:
            rows.append(part)
    return rows


def _legend_symbol(page: _Page, item: LegendItem, x: float, mid: float, w: float, h: float) -> None:
    p, k = page.p, page.k
    if item.kind == "fill":
        p.setPen(page.pen(item.outline or "#666666", 0.15))
        p.setBrush(page.brush(item.colour))
        p.drawRect(QRectF(x * k, (mid - h / 2) * k, w * k, h * k))
    elif item.kind == "line":
        pen = page.pen(item.colour, item.size)
        pen.setCapStyle(Qt.RoundCap)
        p.setPen(pen)
        p.drawLine(QPointF(x * k, mid * k), QPointF((x + w) * k, mid * k))
    elif item.kind == "point":
        p.setPen(page.pen("#ffffff", 0.12))
        p.setBrush(page.brush(item.colour))
        r = item.size / 2 * k
        p.drawEllipse(QPointF((x + w / 2) * k, mid * k), r, r)


def _ramp_item(page: _Page, item: LegendItem, x: float, mid: float, w: float, h: float, font: QFont) -> None:
    p, k = page.p, page.k
    low, high = item.label.split("|")
    low_w = page.metrics(font).horizontalAdvance(low) / k
    high_w = page.metrics(font).horizontalAdvance(high) / k
    bar = QRectF((x + low_w + 1.5) * k, (mid - h / 2) * k, (w - low_w - high_w - 4.0) * k, h * k)
    gradient = QLinearGradient(bar.topLeft(), bar.topRight())
    for i, colour in enumerate(item.colours):
        gradient.setColorAt(i / max(len(item.colours) - 1, 1), QColor(colour))
    p.setPen(page.pen("#666666", 0.15))
    p.setBrush(QBrush(gradient))
    p.drawRect(bar)
    text_y = mid - page.metrics(font).height() / k / 2
    page.text(x, text_y, low, font)
    page.text(bar.right() / k + 1.5, text_y, high, font)


def _scale(page: _Page, model: PrintModel) -> None:
    p, k, lay, bar = page.p, page.k, model.layout, model.scale_bar
    x, y, _, _ = lay.scale
    page.text(x, y, model.scale_text, page_font(lay.pt("scale")))
    top = y + line_mm(lay.pt("scale")) + 0.8 * lay.text
    height = 1.8 * lay.text
    seg = bar.width_mm / bar.segments
    p.setPen(page.pen("#000000", 0.2))
    for i in range(bar.segments):
        p.setBrush(QColor("#000000" if i % 2 == 0 else "#ffffff"))
        p.drawRect(QRectF((x + i * seg) * k, top * k, seg * k, height * k))
    numbers = page_font(lay.pt("scale_numbers"))
    for i, label in enumerate(bar.labels):
        end = page.text(x + i * seg, top + height + 0.6 * lay.text, label, numbers, "centre")
        if i == bar.segments:
            page.text(x + i * seg + end / 2 + 1.0, top + height + 0.6 * lay.text, bar.unit, numbers)


def _notes(page: _Page, model: PrintModel) -> None:
    p, k, lay = page.p, page.k, model.layout
    x, y, w, _ = lay.notes
    font = page_font(lay.pt("note"))
    fm = page.metrics(font)
    p.setFont(font)
    p.setPen(QColor("#333333"))
    flags = int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap)
    top = y * k
    for note in model.notes:
        box = fm.boundingRect(QRectF(x * k, top, w * k, 1e6), flags, note)
        p.drawText(QRectF(x * k, top, w * k, box.height() + 1), flags, note)
        top += box.height()
