"""The Leaflet map without Qt: page building, grid and record payloads, basemaps and tiles, HTML export.

The QtWebEngine view and its bridge are widgets, in :mod:`gridmap.ui.map.view`."""
