"""Keeps the map's record overlays and choropleth in step with the project, the layer panel's check boxes
and styles, and the filter bar, so that the map and the statistics always show the same records."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from gridmap.core.style.choropleth import sequential
from gridmap.core.style.classify import classify
from gridmap.core.records.filters import RecordFilter
from gridmap.core.project.kinds import KINDS, TARGET_KINDS
from gridmap.core.records.stats import HIGHER_IS_BETTER, grid_statistic
from gridmap.map.overlays import ServedLayer, status_classes

if TYPE_CHECKING:
    from gridmap.ui.panels.layer_panel import LayerPanel
    from gridmap.ui.map.view import MapView
    from gridmap.ui.session import ProjectSession

POINT_KINDS = tuple(k for k, spec in KINDS.items() if spec.points and k != "tracks")
"""The layers drawn as points; the GPS tracks are drawn as lines (:meth:`MapView.set_tracks`)."""
SHOWN_AT_START = ("incidents",)
"""Record layers shown when a project opens (the others are a tick away in the layer panel)."""


@dataclass(frozen=True)
class ChoroplethSpec:
    """Grids coloured by ``statistic`` (a key of :data:`gridmap.core.records.stats.STATISTICS`) in ``classes``
    classes by ``method`` (quantile, natural_breaks, equal_interval); ``title`` heads the legend; ``day`` is the
    day of a visit statistic (None: :func:`gridmap.core.visits.history.default_day`)."""

    statistic: str
    method: str = "quantile"
    classes: int = 5
    title: str = ""
    day: object = None


class RecordOverlays(QObject):
    """The record overlays on ``map_view``: which layers are shown, in which style, filtered how (the session's
    filters); and the choropleth, recomputed whenever the filters change. ``layer_panel`` shows the layers'
    check boxes and counts."""

    def __init__(self, session: ProjectSession, map_view: MapView, layer_panel: LayerPanel,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.map, self.layer_panel = map_view, layer_panel
        self.project = None
        self.choropleth: ChoroplethSpec | None = None
        self.filters: dict[str, RecordFilter] = {}
        self.visit_status = None
        """A :func:`gridmap.core.visits.due.visit_status` table: key persons and venues are drawn by visit status
        (None: by category)."""
        session.filterChanged.connect(self.set_filter)

    def set_project(self, project) -> None:
        """Show ``project``'s point layers (None clears them)."""
        self.project = project
        self.filters = {}
        self.choropleth = None
        self.visit_status = None
        tracks = project.layers.get("tracks") if project is not None else None
        self.map.set_tracks(tracks)
        if tracks is not None:
            self.layer_panel.set_record_visible("tracks", True)
        for kind in POINT_KINDS:
            if self._served(kind):  # not read: the store gives the records in view
                self.map.set_served_records(kind, _served_layer(project, kind))
                shown = True
            else:
                frame = project.layers.get(kind) if project is not None else None
                self.map.set_records(kind, frame)
                shown = frame is not None
            if shown:
                self.map.set_layer_style(kind, "clusters")  # a city's records read as clusters, points up close
                self.map.set_layer_visible(kind, kind in SHOWN_AT_START)
                self.layer_panel.set_record_visible(kind, kind in SHOWN_AT_START)

    def records_changed(self, kind: str) -> None:
        """A record layer was imported or edited: show its new records with the current filter and its new
        count in the layer panel."""
        if self.project is None:
            return
        if self._served(kind):
            self.map.set_served_records(kind, _served_layer(self.project, kind))
            self.layer_panel.update_record_layer(kind, self.project.layers.count(kind))
            if kind in self.filters:
                self.set_filter(kind, self.filters[kind])
            return
        frame = self.project.layers.get(kind)
        if kind in POINT_KINDS:
            self.map.set_records(kind, frame, self._classes(kind, frame))
        if kind == "tracks":
            self.map.set_tracks(frame)
        self.layer_panel.update_record_layer(kind, None if frame is None else len(frame))
        if kind in self.filters and frame is not None:
            self.set_filter(kind, self.filters[kind])
        else:
            self._refresh_choropleth()

    def set_filter(self, kind: str, filt: RecordFilter) -> None:
        """Show only the ``kind`` records ``filt`` passes (and recount the choropleth)."""
        self.filters[kind] = filt
        if self._served(kind):
            self.map.set_served_filter(kind, None if filt.is_empty else filt)
            self._refresh_choropleth()
            return
        frame = self.project.layers.get(kind) if self.project is not None else None
        if frame is not None and kind in POINT_KINDS:
            self.map.set_record_filter(kind, None if filt.is_empty else filt.mask(frame, kind))
        self._refresh_choropleth()

    def set_visible(self, kind: str, on: bool) -> None:
        if kind == "tracks":
            self.map.set_tracks_visible(on)
        elif kind in POINT_KINDS and self.project is not None and kind in self.project.layers:
            self.map.set_layer_visible(kind, on)

    def set_style(self, kind: str, style: str) -> None:
        if kind in POINT_KINDS and self.project is not None and kind in self.project.layers:
            self.map.set_layer_style(kind, style)

    def set_visit_status(self, status) -> None:
        """Draw key persons and venues by their visit status in ``status`` (a
        :func:`gridmap.core.visits.due.visit_status` table), or (None) by category again."""
        self.visit_status = status
        if self.project is None:
            return
        for kind in TARGET_KINDS:
            if kind in POINT_KINDS and kind in self.project.layers and not self._served(kind):
                self.map.set_records(kind, self.project.layers[kind], self._classes(kind, self.project.layers[kind]))
                if kind in self.filters:  # a new layer on the map starts unfiltered
                    self.set_filter(kind, self.filters[kind])

    def _served(self, kind: str) -> bool:
        """Whether the map asks the store for the ``kind`` records in view (a point layer not in memory)."""
        return self.project is not None and kind in POINT_KINDS and self.project.layers.serves_points(kind)

    def _classes(self, kind: str, frame):
        if self.visit_status is None or frame is None or kind not in TARGET_KINDS:
            return None
        return status_classes(frame, kind, self.visit_status)

    def set_choropleth(self, spec: ChoroplethSpec | None) -> None:
        """Colour the grids by a statistic, or (None) go back to the colouring chosen in the View menu."""
        self.choropleth = spec
        if spec is None:
            self.map.set_choropleth(None)
        else:
            self._refresh_choropleth()

    def _refresh_choropleth(self) -> None:
        spec = self.choropleth
        if spec is None or self.project is None:
            return
        values = grid_statistic(self.project, spec.statistic, self.filters, spec.day)
        breaks = classify(values, spec.classes, spec.method)
        colours = sequential(len(breaks))[::-1] if spec.statistic in HIGHER_IS_BETTER and len(breaks) else None
        self.map.set_choropleth(values, breaks, colours, title=spec.title)


def _served_layer(project, kind: str) -> ServedLayer:
    """The map's view of the ``kind`` layer ``project``'s store serves (zoomed out: clusters at its grids)."""
    layers = project.layers
    return ServedLayer(kind, partial(layers.points_in, kind), partial(layers.record_counts, kind),
                       lambda: project.grids)
