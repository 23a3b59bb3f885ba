"""The map widget: a QWebEngineView on the Leaflet page, driven over QWebChannel.

Python owns the state (grids, colours, selection, basemap, labels, record layers) and pushes it to the page as
small JSON commands; the page reports gestures back (clicks, box selections, the mouse position, the view).
Geometry is pushed once per project and again only when the display coordinates change (a GCJ-02 basemap) or
grids are edited; everything else is an incremental update. Record layers are never sent whole: each time
the view, a filter or a style changes, the part the view needs (points, clusters or heat-map weights, see
:mod:`gridmap.map.overlays`) is computed on a worker thread and sent. The page also draws lines and polygons for
the edit tools (:meth:`MapView.start_drawing`). Positions reported to Python are converted back to WGS84.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineWidgets import QWebEngineView

from gridmap.core.errors import GridMapError
from gridmap.core.geo.chinacoords import to_wgs84
from gridmap.core.style.classify import classify
from gridmap.core.grids.query import GridIndex
from gridmap.map.basemaps import NONE, Basemap
from gridmap.core.style.choropleth import choropleth_colours
from gridmap.map.drawing import KINDS as DRAW_KINDS
from gridmap.map.drawing import snap_to_vertices
from gridmap.core.style.choices import MAP_LABELS
from gridmap.core.style.palettes import grid_colours
from gridmap.map.layers import (DIGITS, display_bounds, display_extent, display_geometries, encode_geometries,
                                grid_payload, label_points)
from gridmap.map.overlays import STYLES, PointLayer, ServedLayer, View
from gridmap.core.records.filters import RecordFilter
from gridmap.ui.map.scheme import WebContext, page_url
from gridmap.map.tiles import open_tiles

log = logging.getLogger(__name__)
LABELS = MAP_LABELS
VIEW_OPS = ("fit", "extent")
KEEP_QUEUED = ("geometry", "points", "pointsVisible")
"""Commands queued while the page loads that a newer one of their kind does not replace (they are per grid or
per record layer)."""
OVERLAY_DELAY_MS = 60
"""Record layers are recomputed this long after the last change of view, filter or style (debounce)."""
PAGE_BACKGROUND = (0xEE, 0xF0, 0xF3)
"""The map page's background (``.leaflet-container`` in gridmap.css), where neither grids nor a basemap are."""
FRAME_WAIT_S = 5.0
"""How long :attr:`MapView.painted` waits for Qt to show the frame Chromium painted (it comes through the event
loop, later on a busy machine) before it is emitted anyway."""
FRAME_POLL_MS = 30
DRAW_KEYS = (Qt.Key_Escape, Qt.Key_Return, Qt.Key_Enter, Qt.Key_Backspace)
"""Keys the page's drawing takes before the window's shortcuts (Esc would clear the selection)."""


@dataclass
class _Records:
    """A record layer on the map and how it shows."""

    layer: PointLayer | ServedLayer
    mask: np.ndarray | None = None
    """Of a :class:`PointLayer`: the records shown (None: all)."""
    filt: RecordFilter | None = None
    """Of a :class:`ServedLayer`: the filter the store applies."""
    visible: bool = True
    style: str = "points"


class MapBridge(QObject):
    """The object the page knows as ``bridge``: ``send`` carries commands to the page, the slots carry
    gestures from it."""

    send = Signal(str, str)
    pageReady = Signal(str)
    gridClicked = Signal(int, bool, bool)
    mapClicked = Signal(bool)
    boxSelected = Signal(float, float, float, float, bool)
    mouseMoved = Signal(float, float)
    mouseLeft = Signal()
    viewChanged = Signal(float, float, float, float, float)
    paintDone = Signal(str, float, float)
    pointClicked = Signal(str, int)
    drawFinished = Signal(str, str)
    drawCancelled = Signal()
    basemapRequested = Signal()

    @Slot(str)
    def ready(self, load: str) -> None:
        self.pageReady.emit(load)

    @Slot(int, bool, bool)
    def gridClick(self, row: int, ctrl: bool, shift: bool) -> None:
        self.gridClicked.emit(row, ctrl, shift)

    @Slot(bool)
    def mapClick(self, ctrl: bool) -> None:
        self.mapClicked.emit(ctrl)

    @Slot(str, int)
    def pointClick(self, kind: str, row: int) -> None:
        self.pointClicked.emit(kind, row)

    @Slot(float, float, float, float, bool)
    def boxSelect(self, west: float, south: float, east: float, north: float, add: bool) -> None:
        self.boxSelected.emit(west, south, east, north, add)

    @Slot(float, float)
    def mouseMove(self, lon: float, lat: float) -> None:
        self.mouseMoved.emit(lon, lat)

    @Slot()
    def mouseLeave(self) -> None:
        self.mouseLeft.emit()

    @Slot(float, float, float, float, float)
    def viewChange(self, west: float, south: float, east: float, north: float, zoom: float) -> None:
        self.viewChanged.emit(west, south, east, north, zoom)

    @Slot(str, float, float)
    def painted(self, what: str, ms: float, coverage: float) -> None:
        self.paintDone.emit(what, ms, coverage)

    @Slot(str, str)
    def drawFinish(self, kind: str, coords: str) -> None:
        self.drawFinished.emit(kind, coords)

    @Slot()
    def drawCancel(self) -> None:
        self.drawCancelled.emit()

    @Slot()
    def chooseBasemap(self) -> None:
        self.basemapRequested.emit()


class MapView(QWebEngineView):
    """The grid map. Signals carry row positions and WGS84 lon/lat."""

    gridClicked = Signal(int, bool)
    """A grid was clicked: row, and whether Ctrl was held (toggle)."""
    emptyClicked = Signal(bool)
    """The map outside every grid was clicked (with Ctrl held or not)."""
    boxSelected = Signal(list, bool)
    """Shift-drag box: the rows it meets, and whether Ctrl was held (add to the selection)."""
    mouseMoved = Signal(float, float)
    mouseLeft = Signal()
    extentChanged = Signal(list)
    """The view moved: [west, south, east, north] in WGS84."""
    painted = Signal(float)
    """The grids of the last :meth:`set_grids` are on screen: seconds since the call. The page has painted the
    frame that drew them and a grab of the view shows it (see :meth:`shows_grids`), or the check gave up after
    :data:`FRAME_WAIT_S`."""
    pageLoaded = Signal()
    pointClicked = Signal(str, int)
    """A record point was clicked: its kind and its row position in the frame given to :meth:`set_records`."""
    drawn = Signal(str, list)
    """A drawing was finished: its kind (``line`` or ``polygon``) and its vertices [[lon, lat], ...], those
    snapped to a grid vertex exactly on it."""
    drawingCancelled = Signal()
    """The user cancelled a drawing (Esc)."""
    basemapRequested = Signal()
    """The user clicked “Choose another basemap…” in the map's notice that the basemap's tiles fail to load."""
    _payloadReady = Signal(int, str)
    _overlayReady = Signal(str, int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.context = WebContext.get()
        self.setPage(self.context.new_page(self))
        self.bridge = MapBridge(self)
        self.channel = QWebChannel(self.page())
        self.channel.registerObject("bridge", self.bridge)
        self.page().setWebChannel(self.channel)
        self.setContextMenuPolicy(Qt.NoContextMenu)

        self.ready = False
        self._loads = 0
        self._queue: list[tuple[str, str]] = []
        self.grids: gpd.GeoDataFrame | None = None
        self._index: GridIndex | None = None
        self.coords = "wgs84"
        self._tracks: tuple[pd.DataFrame | None, object] = (None, None)
        self._tracks_visible = True
        self.colour_by = "district"
        self.labels = "code"
        self.grids_visible = True
        self.basemap: Basemap = NONE
        self._basemap_spec: dict | None = None
        self._origins: tuple[str, ...] = ()
        self.selection: list[int] = []
        self.drawing: str | None = None
        self.extent: list[float] | None = None
        self._legend_title = ""
        self._pushed_at: float | None = None
        self._coverage = 0.0
        self._frame_deadline = 0.0
        self._frame_timer = QTimer(self, singleShot=True, interval=FRAME_POLL_MS)
        self._frame_timer.timeout.connect(self._check_frame)
        self._generation = 0
        self._payloadReady.connect(self._on_payload)
        self._choropleth: dict | None = None
        self._records: dict[str, _Records] = {}
        self._view: View | None = None
        self._pending: set[str] = set()
        self._latest: dict[str, int] = {}
        self._overlay_generation = 0
        self._worker = worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gridmap-overlays")
        self.destroyed.connect(lambda *_: worker.shutdown(wait=False, cancel_futures=True))
        self._overlay_timer = QTimer(self, singleShot=True, interval=OVERLAY_DELAY_MS)
        self._overlay_timer.timeout.connect(self._compute_overlays)
        self._overlayReady.connect(self._on_overlay)
        self._served_found: dict[tuple[str, int], pd.DataFrame | None] = {}
        self.served_rows: dict[str, pd.DataFrame | None] = {}
        """The points of each served layer on the page (:attr:`pointClicked` rows are positions in them)."""

        b = self.bridge
        b.pageReady.connect(self._on_ready)
        b.gridClicked.connect(lambda row, ctrl, _shift: self.gridClicked.emit(row, ctrl))
        b.pointClicked.connect(self.pointClicked)
        b.mapClicked.connect(self.emptyClicked)
        b.boxSelected.connect(self._on_box)
        b.mouseMoved.connect(self._on_mouse)
        b.mouseLeft.connect(self.mouseLeft)
        b.viewChanged.connect(self._on_view)
        b.paintDone.connect(self._on_painted)
        b.drawFinished.connect(self._on_drawn)
        b.drawCancelled.connect(self._on_draw_cancelled)
        b.basemapRequested.connect(self.basemapRequested)
        self.page().renderProcessTerminated.connect(lambda *_: QTimer.singleShot(0, self._reload))
        self._load_url()
        self._send_texts()

    def _send_texts(self) -> None:
        """The page's own words, in the user's language."""
        self._send("texts", {"home": self.tr("Zoom to full extent"),
                             "tilesFailed": self.tr("Basemap tiles could not be loaded: network unreachable"),
                             "chooseBasemap": self.tr("Choose another basemap…")})

    def _reload(self) -> None:
        """Chromium's page process died (out of memory, killed): load the page again and resend everything."""
        self._load_page()
        if self.grids is not None:
            selection = self.selection
            self.set_grids(self.grids, self.extent)
            self.set_selection(selection)

    def _load_page(self) -> None:
        """Load a fresh page (nothing a page script did survives) and send it all but the grids: the page's
        texts, labels, visibility, basemap and record layers. Its Content-Security-Policy admits images from the
        current online basemap's origins."""
        self.ready = False
        self._queue = []
        self._load_url()
        self._send_texts()
        if self.drawing is not None:
            self._on_draw_cancelled()
        self._send("labels", self.labels)
        self._send("visible", self.grids_visible)
        self._send("basemap", self._basemap_spec)
        for kind, records in self._records.items():
            self._send("pointsVisible", {"kind": kind, "visible": records.visible})
        self._send("tracksVisible", self._tracks_visible)
        if self._tracks[0] is not None:
            self.set_tracks(*self._tracks)
        self._view = None  # the new page reports its view, and the record layers follow
        self._schedule(self._records)

    # --- sending -------------------------------------------------------------------------------------

    def _send(self, op: str, payload, raw: bool = False) -> None:
        """Send a command; ``payload`` is JSON text when ``raw``, else a value to encode."""
        text = payload if raw else json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        if self.ready:
            self.bridge.send.emit(op, text)
            return
        # while the page loads, a newer command replaces a queued one of its kind (the two view commands
        # replace each other; geometry updates of single grids are all kept)
        replaced = () if op in KEEP_QUEUED else VIEW_OPS if op in VIEW_OPS else (op,)
        self._queue = [(o, t) for o, t in self._queue if o not in replaced] + [(op, text)]

    def _load_url(self) -> None:
        """Load the page for the current origins; its URL numbers the load, so that a page replaced while it
        loaded cannot take the commands meant for its successor."""
        self._loads += 1
        self.load(QUrl(page_url(self._origins, self._loads)))

    def _on_ready(self, load: str) -> None:
        if load != str(self._loads):
            return  # a page that was already being replaced
        self.ready = True
        queue, self._queue = self._queue, []
        for op, text in queue:
            self.bridge.send.emit(op, text)
        self.pageLoaded.emit()

    # --- what the map shows --------------------------------------------------------------------------

    def set_grids(self, grids: gpd.GeoDataFrame | None, extent: list[float] | None = None,
                  basemap: Basemap | None = None) -> None:
        """Show ``grids`` (None clears) over ``basemap`` (default: keep the current one), zoomed to ``extent``
        (WGS84 [w, s, e, n]) or to all of them. Other grids than those shown (another project) get a fresh
        page. Raises GridMapError for a local basemap that cannot be read (nothing is changed then)."""
        fresh = self.grids is not None and grids is not self.grids
        if basemap is not None:
            self._apply_basemap(basemap, fresh)
        elif fresh:
            self._load_page()
        if grids is not self.grids:
            self._choropleth = None
        self.grids = grids
        self._index = None
        self.selection = []
        self._pushed_at = time.perf_counter()
        self._send("clear", None)
        if extent is not None:  # the view first, so that the first paint is already where it belongs
            self.set_extent(extent)
        else:
            self.zoom_to()
        self._send("selection", [])
        self._push_grids()

    def _push_grids(self) -> None:
        """Send the colours now and the geometry once it is encoded, in a thread: meanwhile the GUI thread
        stays free to serve the page its files, so a new page loads while the data are prepared."""
        grids = self.grids if self.grids is not None else gpd.GeoDataFrame(
            {"code": [], "name": []}, geometry=[], crs="EPSG:4490")
        self._push_colours()  # colours first, so that the first paint is already coloured
        self._generation += 1
        generation, coords = self._generation, self.coords

        def encode() -> None:
            text = grid_payload(grids, coords)
            try:
                self._payloadReady.emit(generation, text)
            except RuntimeError:  # the view was deleted meanwhile
                pass

        threading.Thread(target=encode, name="gridmap-map-payload", daemon=True).start()

    def _on_payload(self, generation: int, text: str) -> None:
        if generation == self._generation:  # else a newer set_grids or coordinate change superseded it
            self._send("grids", text, raw=True)

    def _push_colours(self) -> None:
        if self.grids is None:
            return
        if self._choropleth is not None:
            self._send("colours", self._choropleth)
            return
        colours = grid_colours(self.grids, self.colour_by)
        colours["title"] = self._legend_title
        self._send("colours", colours)

    def set_colour_by(self, by: str, legend_title: str = "", push: bool = True) -> None:
        """Colour grids by ``district``, ``street`` or ``none`` (ending a choropleth); ``legend_title`` heads the
        legend. With ``push=False`` the colours go with the next :meth:`set_grids`."""
        self.colour_by, self._legend_title = by, legend_title
        self._choropleth = None
        if push:
            self._push_colours()

    def set_choropleth(self, values, breaks=None, colours=None, title: str = "") -> None:
        """Colour the grids by a statistic: ``values`` has one number per grid row (NaN: no data, drawn grey),
        ``breaks`` the class upper bounds (:func:`gridmap.core.style.classify.classify`; default 5 quantile classes),
        ``colours`` one per class (default YlOrRd); the legend lists the class ranges under ``title``.
        ``values=None`` goes back to :meth:`set_colour_by`'s colouring. Raises ValueError when the numbers of
        values and grids, or of classes and colours, differ."""
        if values is None:
            self._choropleth = None
        else:
            if self.grids is None or len(values) != len(self.grids):
                raise ValueError("one value per grid is needed")
            breaks = classify(values) if breaks is None else breaks
            self._choropleth = choropleth_colours(values, breaks, colours, title)
        self._push_colours()

    def set_labels(self, mode: str) -> None:
        """Label grids with their ``code``, ``name`` or ``none`` (labels appear once they fit)."""
        if mode not in LABELS:
            raise ValueError(mode)
        self.labels = mode
        self._send("labels", mode)

    def set_selection(self, rows) -> None:
        self.selection = sorted({int(r) for r in rows})
        self._send("selection", self.selection)

    def set_grids_visible(self, visible: bool) -> None:
        self.grids_visible = bool(visible)
        self._send("visible", self.grids_visible)

    def replace_grids(self, grids: gpd.GeoDataFrame) -> None:
        """Show edited ``grids`` (rows replaced, added or removed) where the view is, coloured as chosen (a
        choropleth must be set again); the selection is cleared."""
        self.grids = grids
        self._index = None
        self._choropleth = None
        self.selection = []
        self._pushed_at = time.perf_counter()
        self._send("selection", [])
        self._push_grids()

    def update_grid(self, row: int) -> None:
        """Redraw one grid after its geometry changed, without resending the others."""
        geoms = display_geometries(self.grids.iloc[[row]], self.coords)
        label, span = label_points(geoms)
        self._index = None
        self._send("geometry", {"id": row, "shapes": encode_geometries(geoms), "label": label, "span": span})

    def set_basemap(self, basemap: Basemap) -> None:
        """Show ``basemap`` under the grids; data are shifted to GCJ-02 for a GCJ-02 basemap.

        Raises GridMapError for a local tile file that cannot be read (the current basemap stays)."""
        extent = self.extent
        if not self._apply_basemap(basemap):
            return
        if self.grids is not None:
            self._push_grids()
            self._send("selection", self.selection)
            if extent is not None:
                self.set_extent(extent)
        self._schedule(self._records)
        if self._tracks[0] is not None:
            self.set_tracks(*self._tracks)  # in the new display coordinates, on the new page

    def _apply_basemap(self, basemap: Basemap, reload: bool = False) -> bool:
        """Send ``basemap`` to the page, on a fresh page when ``reload`` or when its online origins differ from
        the current page's (its Content-Security-Policy names them); only its tile URLs may leave the machine.
        True when the display coordinates changed or the page is new (geometry must follow)."""
        spec = None
        if basemap.is_local:
            spec = basemap.page_spec(self.context.handler.add_tiles(f"t{id(self)}", open_tiles(basemap)))
        elif basemap.kind == "xyz":
            spec = basemap.page_spec()
        pattern = basemap.tile_pattern()
        self.page().guard.allowed = [pattern] if pattern is not None else []
        self.basemap, self._basemap_spec = basemap, spec
        origins = tuple(basemap.origins())
        reload = reload or origins != self._origins
        if reload:
            self._origins = origins
            self._load_page()
        else:
            self._send("basemap", spec)
        coords = basemap.coords if basemap.kind != "none" else "wgs84"
        changed, self.coords = coords != self.coords, coords
        return changed or reload

    # --- record layers ---------------------------------------------------------------------------------

    def set_records(self, kind: str, frame: pd.DataFrame | None, classes=None) -> None:
        """Show a point record layer (``incidents``, ``persons`` or ``venues``: ``lon``/``lat`` in CGCS2000
        degrees and the kind's category column, see :mod:`gridmap.core.project.kinds`), coloured by category with a
        legend (or by ``classes``, see :class:`~gridmap.map.overlays.PointLayer`); ``None`` removes it. A new frame drops the layer's filter and keeps its visibility and style.
        :attr:`pointClicked` reports row positions in ``frame``; the frame must not change while shown."""
        old = self._records.pop(kind, None)
        self._latest[kind] = self._latest.get(kind, 0) + 1  # drop results on their way
        self.served_rows.pop(kind, None)
        if frame is None:
            self._send("points", {"kind": kind, "payload": None})
            return
        self._records[kind] = _Records(PointLayer(kind, frame, classes), visible=old.visible if old else True,
                                       style=old.style if old else "points")
        self._schedule([kind])

    def set_served_records(self, kind: str, layer: ServedLayer) -> None:
        """Show a point record layer the store serves per view (see :class:`~gridmap.map.overlays.ServedLayer`),
        unfiltered, keeping its visibility and style; :attr:`pointClicked` reports positions in
        :attr:`served_rows`."""
        old = self._records.pop(kind, None)
        self._latest[kind] = self._latest.get(kind, 0) + 1
        self.served_rows[kind] = None
        self._records[kind] = _Records(layer, visible=old.visible if old else True,
                                       style=old.style if old else "points")
        self._schedule([kind])

    def set_served_filter(self, kind: str, filt: RecordFilter | None) -> None:
        """Show only the records of the served layer ``kind`` that ``filt`` passes (None: all)."""
        self._records[kind].filt = filt
        self._schedule([kind])

    def set_tracks(self, tracks: pd.DataFrame | None, day=None) -> dict | None:
        """Draw the GPS fixes of ``tracks`` (the tracks layer) on ``day`` (default the last day with fixes) as lines,
        one per patrol run, coloured by worker, under the points; None removes them. Returns the payload sent."""
        from gridmap.map.overlays import track_lines

        self._tracks = (tracks, day)
        payload = track_lines(tracks, day, self.coords)
        self._send("tracks", payload)
        return payload

    def set_tracks_visible(self, on: bool) -> None:
        """Show or hide the tracks' lines."""
        self._tracks_visible = bool(on)
        self._send("tracksVisible", self._tracks_visible)

    def set_record_filter(self, kind: str, mask) -> None:
        """Show only the records of ``kind`` where ``mask`` (booleans, one per row, as from
        :meth:`gridmap.core.records.filters.RecordFilter.mask`) is true; ``None`` shows them all. Legend counts follow."""
        records = self._records[kind]
        if mask is not None:
            mask = np.asarray(mask, dtype=bool)
            if mask.shape != (len(records.layer),):
                raise ValueError(f"the mask has {mask.size} values for {len(records.layer)} records")
        records.mask = mask
        self._schedule([kind])

    def set_layer_visible(self, kind: str, on: bool) -> None:
        """Show or hide a record layer (its legend too); a hidden layer costs nothing."""
        records = self._records[kind]
        records.visible = bool(on)
        self._send("pointsVisible", {"kind": kind, "visible": records.visible})
        self._schedule([kind])

    def layer_visible(self, kind: str) -> bool:
        """Whether a record layer is shown."""
        return kind in self._records and self._records[kind].visible

    def set_layer_style(self, kind: str, style: str) -> None:
        """Draw a record layer as ``points`` (clustered only while more than 20,000 are in view), ``clusters``
        (at every zoom; a cluster of one is its point) or ``heat`` (a heat map)."""
        if style not in STYLES:
            raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
        self._records[kind].style = style
        self._schedule([kind])

    def _schedule(self, kinds) -> None:
        """Recompute these record layers once the view, filters and styles have stopped changing."""
        self._pending.update(kinds)
        if self._pending:
            self._overlay_timer.start()

    def _compute_overlays(self) -> None:
        if self._view is None:  # the page has not reported its view yet; it will
            return
        pending, self._pending = self._pending, set()
        for kind in pending:
            records = self._records.get(kind)
            if records is None or not records.visible:
                continue
            self._overlay_generation += 1
            self._latest[kind] = generation = self._overlay_generation
            if isinstance(records.layer, ServedLayer):
                self._worker.submit(self._served_job, kind, generation, records.layer, records.filt, records.style,
                                    self._view, self.coords)
            else:
                self._worker.submit(self._overlay_job, kind, generation, records.layer, records.mask, records.style,
                                    self._view, self.coords)

    def _overlay_job(self, kind: str, generation: int, layer: PointLayer, mask, style: str, view: View,
                     coords: str) -> None:
        """Worker thread: the payload for the page, unless a newer one for the layer was asked for meanwhile."""
        if self._latest.get(kind) != generation:
            return
        payload = layer.payload(view, mask, style, coords)
        text = json.dumps({"kind": kind, "payload": payload}, ensure_ascii=False, separators=(",", ":"))
        try:
            self._overlayReady.emit(kind, generation, text)
        except RuntimeError:  # the view was deleted meanwhile
            pass

    def _served_job(self, kind: str, generation: int, layer: ServedLayer, filt, style: str, view: View,
                    coords: str) -> None:
        """Worker thread: a served layer's payload, asked of the store, unless a newer one was asked for."""
        if self._latest.get(kind) != generation:
            return
        try:
            payload, found = layer.payload(view, filt, style, coords)
        except GridMapError as exc:  # the database went away: the layer stays as drawn
            log.warning("%s", exc)
            return
        self._served_found[kind, generation] = found
        text = json.dumps({"kind": kind, "payload": payload}, ensure_ascii=False, separators=(",", ":"))
        try:
            self._overlayReady.emit(kind, generation, text)
        except RuntimeError:  # the view was deleted meanwhile
            pass

    def _on_overlay(self, kind: str, generation: int, text: str) -> None:
        found = self._served_found.pop((kind, generation), None)
        if self._latest.get(kind) == generation:
            if kind in self.served_rows:
                self.served_rows[kind] = found
            self._send("points", text, raw=True)

    # --- drawing --------------------------------------------------------------------------------------

    def start_drawing(self, kind: str) -> None:
        """Let the user draw a ``line`` or a ``polygon`` (any drawing under way is dropped): click adds a vertex,
        double-click or Enter finishes, Backspace removes the last vertex, Esc cancels; vertices snap to grid
        vertices within 10 pixels. :attr:`drawn` or :attr:`drawingCancelled` tells how it ended; a finished
        drawing stays on the map until :meth:`cancel_drawing` or the next drawing."""
        if kind not in DRAW_KINDS:
            raise ValueError(f"unknown drawing {kind!r}; expected one of {', '.join(DRAW_KINDS)}")
        self.drawing = kind
        self._send("draw", {"kind": kind})
        self.setFocus(Qt.OtherFocusReason)

    def cancel_drawing(self) -> None:
        """Drop the drawing under way (without :attr:`drawingCancelled`), or the finished one still shown."""
        self.drawing = None
        self._send("draw", None)

    def event(self, event) -> bool:
        if event.type() == QEvent.ShortcutOverride and self.drawing is not None and event.key() in DRAW_KEYS:
            event.accept()  # the key goes on to the page
            return True
        return super().event(event)

    def _on_drawn(self, kind: str, text: str) -> None:
        self.drawing = None
        coords = np.asarray(json.loads(text), float).reshape(-1, 2)
        lon, lat = self._wgs84(coords[:, 0], coords[:, 1])
        self.drawn.emit(kind, snap_to_vertices(self.grids, lon, lat))

    def _on_draw_cancelled(self) -> None:
        self.drawing = None
        self.drawingCancelled.emit()

    # --- where the map looks ---------------------------------------------------------------------------

    def zoom_to(self, rows=None) -> None:
        """Fit the view to ``rows`` (all grids when None)."""
        if self.grids is not None and len(self.grids) and (rows is None or len(rows)):
            self._send("fit", display_bounds(self.grids, rows, self.coords))

    def set_extent(self, extent: list[float]) -> None:
        """Fit the view to a WGS84 [west, south, east, north]."""
        self._send("extent", display_extent(extent, self.coords))

    # --- what the page reports -----------------------------------------------------------------------------

    def _wgs84(self, lon, lat):
        lon, lat = to_wgs84(np.atleast_1d(np.asarray(lon, float)), np.atleast_1d(np.asarray(lat, float)), self.coords)
        return lon, lat

    def _on_box(self, west: float, south: float, east: float, north: float, add: bool) -> None:
        if self.grids is None:
            return
        lon, lat = self._wgs84([west, east], [south, north])
        if self._index is None:
            self._index = GridIndex(self.grids)
        self.boxSelected.emit(self._index.in_box(lon[0], lat[0], lon[1], lat[1]), add)

    def _on_mouse(self, lon: float, lat: float) -> None:
        x, y = self._wgs84(lon, lat)
        self.mouseMoved.emit(float(x[0]), float(y[0]))

    def _on_view(self, west: float, south: float, east: float, north: float, zoom: float) -> None:
        lon, lat = self._wgs84([west, east], [south, north])
        self.extent = [round(float(v), DIGITS) for v in (lon[0], lat[0], lon[1], lat[1])]
        self._view = View(west, south, east, north, zoom)
        self._schedule(self._records)
        self.extentChanged.emit(self.extent)

    def _on_painted(self, what: str, _ms: float, coverage: float) -> None:
        """The page painted the frame that drew the grids; :attr:`painted` follows once the view shows it."""
        if what == "grids" and self._pushed_at is not None:
            self._coverage = coverage
            self._frame_deadline = time.perf_counter() + FRAME_WAIT_S
            self._check_frame()

    def _check_frame(self) -> None:
        if self._pushed_at is None:
            return
        if self.shows_grids(self.grab().toImage()) or time.perf_counter() > self._frame_deadline:
            self.painted.emit(time.perf_counter() - self._pushed_at)
            self._pushed_at = None
        else:
            self._frame_timer.start()

    def shows_grids(self, image: QImage) -> bool:
        """Whether ``image``, a grab of this view, shows the grids the page last reported painted: at least half
        as many of its pixels differ from the page's background as the page found covered by grids (a basemap
        counts too). Always true when the grids cover too little of the view to tell."""
        if self._coverage < 0.02:
            return True
        return non_background_share(image) >= self._coverage / 2

    def request_log(self) -> list[tuple[str, bool]]:
        """Every URL the page has requested so far, with whether it was blocked."""
        return list(self.page().guard.log)


def non_background_share(image: QImage) -> float:
    """The share of ``image``'s pixels (every third row and column) that differ from the map page's background
    by more than 8 in a channel: grids, their outlines, a basemap, the map's controls."""
    image = image.convertToFormat(QImage.Format_RGB32)
    if image.isNull() or not image.width() or not image.height():
        return 0.0
    pixels = np.frombuffer(image.constBits(), np.uint8, image.bytesPerLine() * image.height())
    pixels = pixels.reshape(image.height(), image.bytesPerLine() // 4, 4)[::3, :image.width():3, 2::-1]
    far = np.abs(pixels.astype(np.int16) - np.array(PAGE_BACKGROUND, np.int16)).max(axis=2) > 8
    return float(far.mean())
