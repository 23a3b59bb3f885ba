"""The map widget: a QWebEngineView on the Leaflet page, driven over QWebChannel.

Python owns the state (grids, colours, selection, basemap, labels) and pushes it to the page as small JSON
commands; the page reports gestures back (clicks, box selections, the mouse position, the view). Geometry is
pushed once per project and again only when the display coordinates change (a GCJ-02 basemap) or one grid is
edited; everything else is an incremental update. Positions reported to Python are converted back to WGS84.
"""

from __future__ import annotations

import json
import threading
import time

import geopandas as gpd
import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineWidgets import QWebEngineView

from gridmap.core.chinacoords import to_wgs84
from gridmap.core.query import GridIndex
from gridmap.map.basemaps import NONE, Basemap
from gridmap.map.layers import (DIGITS, display_bounds, display_extent, display_geometries, encode_geometries,
                                grid_colours, grid_payload, label_points)
from gridmap.map.scheme import PAGE_URL, WebContext
from gridmap.map.tiles import open_tiles

LABELS = ("code", "name", "none")
VIEW_OPS = ("fit", "extent")


class MapBridge(QObject):
    """The object the page knows as ``bridge``: ``send`` carries commands to the page, the slots carry
    gestures from it."""

    send = Signal(str, str)
    pageReady = Signal()
    gridClicked = Signal(int, bool, bool)
    mapClicked = Signal(bool)
    boxSelected = Signal(float, float, float, float, bool)
    mouseMoved = Signal(float, float)
    mouseLeft = Signal()
    viewChanged = Signal(float, float, float, float, float)
    paintDone = Signal(str, float)

    @Slot()
    def ready(self) -> None:
        self.pageReady.emit()

    @Slot(int, bool, bool)
    def gridClick(self, row: int, ctrl: bool, shift: bool) -> None:
        self.gridClicked.emit(row, ctrl, shift)

    @Slot(bool)
    def mapClick(self, ctrl: bool) -> None:
        self.mapClicked.emit(ctrl)

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

    @Slot(str, float)
    def painted(self, what: str, ms: float) -> None:
        self.paintDone.emit(what, ms)


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
    """The grids of the last :meth:`set_grids` are on screen: seconds since the call."""
    pageLoaded = Signal()
    _payloadReady = Signal(int, str)

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
        self._queue: list[tuple[str, str]] = []
        self.grids: gpd.GeoDataFrame | None = None
        self._index: GridIndex | None = None
        self.coords = "wgs84"
        self.colour_by = "district"
        self.labels = "code"
        self.grids_visible = True
        self.basemap: Basemap = NONE
        self.selection: list[int] = []
        self.extent: list[float] | None = None
        self._legend_title = ""
        self._pushed_at: float | None = None
        self._generation = 0
        self._payloadReady.connect(self._on_payload)

        b = self.bridge
        b.pageReady.connect(self._on_ready)
        b.gridClicked.connect(lambda row, ctrl, _shift: self.gridClicked.emit(row, ctrl))
        b.mapClicked.connect(self.emptyClicked)
        b.boxSelected.connect(self._on_box)
        b.mouseMoved.connect(self._on_mouse)
        b.mouseLeft.connect(self.mouseLeft)
        b.viewChanged.connect(self._on_view)
        b.paintDone.connect(self._on_painted)
        self.page().renderProcessTerminated.connect(lambda *_: QTimer.singleShot(0, self._reload))
        self.load(QUrl(PAGE_URL))
        self._send_texts()

    def _send_texts(self) -> None:
        """The page's own words, in the user's language."""
        self._send("texts", {"home": self.tr("Zoom to full extent")})

    def _reload(self) -> None:
        """Chromium's page process died (out of memory, killed): load the page again and resend everything."""
        self.ready = False
        self._queue = []
        self.load(QUrl(PAGE_URL))
        self._send_texts()
        self._send("labels", self.labels)
        self._send("visible", self.grids_visible)
        if self.grids is not None:
            selection = self.selection
            self.set_grids(self.grids, self.extent, self.basemap)
            self.set_selection(selection)
        else:
            self._apply_basemap(self.basemap)

    # --- sending -------------------------------------------------------------------------------------

    def _send(self, op: str, payload, raw: bool = False) -> None:
        """Send a command; ``payload`` is JSON text when ``raw``, else a value to encode."""
        text = payload if raw else json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        if self.ready:
            self.bridge.send.emit(op, text)
            return
        # while the page loads, a newer command replaces a queued one of its kind (the two view commands
        # replace each other; geometry updates of single grids are all kept)
        replaced = () if op == "geometry" else VIEW_OPS if op in VIEW_OPS else (op,)
        self._queue = [(o, t) for o, t in self._queue if o not in replaced] + [(op, text)]

    def _on_ready(self) -> None:
        self.ready = True
        queue, self._queue = self._queue, []
        for op, text in queue:
            self.bridge.send.emit(op, text)
        self.pageLoaded.emit()

    # --- what the map shows --------------------------------------------------------------------------

    def set_grids(self, grids: gpd.GeoDataFrame | None, extent: list[float] | None = None,
                  basemap: Basemap | None = None) -> None:
        """Show ``grids`` (None clears) over ``basemap`` (default: keep the current one), zoomed to ``extent``
        (WGS84 [w, s, e, n]) or to all of them. Raises GridMapError for a local basemap that cannot be read
        (nothing is changed then)."""
        if basemap is not None:
            self._apply_basemap(basemap)
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
        colours = grid_colours(self.grids, self.colour_by)
        colours["title"] = self._legend_title
        self._send("colours", colours)

    def set_colour_by(self, by: str, legend_title: str = "", push: bool = True) -> None:
        """Colour grids by ``district``, ``street`` or ``none``; ``legend_title`` heads the legend. With
        ``push=False`` the colours go with the next :meth:`set_grids`."""
        self.colour_by, self._legend_title = by, legend_title
        if push:
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
        if self._apply_basemap(basemap) and self.grids is not None:
            self._push_grids()
            self._send("selection", self.selection)
            if extent is not None:
                self.set_extent(extent)

    def _apply_basemap(self, basemap: Basemap) -> bool:
        """Send ``basemap`` to the page; True when the display coordinates changed (geometry must follow)."""
        spec = None
        if basemap.is_local:
            spec = basemap.page_spec(self.context.handler.add_tiles(f"t{id(self)}", open_tiles(basemap)))
        elif basemap.kind == "xyz":
            self.context.guard.allowed_hosts |= basemap.hosts()
            spec = basemap.page_spec()
        self.basemap = basemap
        self._send("basemap", spec)
        coords = basemap.coords if basemap.kind != "none" else "wgs84"
        changed, self.coords = coords != self.coords, coords
        return changed

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

    def _on_view(self, west: float, south: float, east: float, north: float, _zoom: float) -> None:
        lon, lat = self._wgs84([west, east], [south, north])
        self.extent = [round(float(v), DIGITS) for v in (lon[0], lat[0], lon[1], lat[1])]
        self.extentChanged.emit(self.extent)

    def _on_painted(self, what: str, _ms: float) -> None:
        if what == "grids" and self._pushed_at is not None:
            self.painted.emit(time.perf_counter() - self._pushed_at)
            self._pushed_at = None

    def request_log(self) -> list[tuple[str, bool]]:
        """Every URL the page has requested so far, with whether it was blocked."""
        return list(self.context.guard.log)
