"""Export the map as one standalone HTML file (folium page, Leaflet and data inlined) that opens offline."""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.outputs import refuse_project, staging
from gridmap.core.style.choices import ColourBy, GridLabel
from gridmap.core.style.palettes import grid_colours
from gridmap.map.basemaps import NONE, Basemap
from gridmap.map.layers import display_bounds, display_extent, grid_payload
from gridmap.map.page import standalone_page

POPUP_FIELDS = ("district", "street", "community", "households")
LEGEND_TITLES = {"en": {"district": "Districts", "street": "Streets / towns"},
                 "zh": {"district": "区县", "street": "乡镇/街道"}}
"""The legend's title per language (``gridmap export-html --lang``) and colouring."""


def page_title(lang: str, place: str) -> str:
    """The exported page's ``<title>`` in ``lang``: the place (data, as the project names it) and "grid map"."""
    if lang == "zh":
        return f"{place}网格地图"
    return f"Grid map: {place}" if place else "Grid map"


def _props(grids: gpd.GeoDataFrame, labels: dict[str, str]) -> dict:
    columns = [c for c in POPUP_FIELDS if c in grids]
    frame = grids[columns].astype(object).where(grids[columns].notna(), "")
    return {"columns": [labels.get(c, c) for c in columns], "rows": frame.astype(str).values.tolist()}


def export_html(grids: gpd.GeoDataFrame, out: Path, colour_by: str = ColourBy.DISTRICT, labels: str = GridLabel.CODE,
                basemap: Basemap = NONE, extent: list[float] | None = None, legend_title: str = "",
                field_labels: dict[str, str] | None = None, include_key: bool = False, title: str = "") -> Path:
    """Write the grids as a self-contained web map to ``out`` (atomically) and return the path.

    ``extent`` (WGS84 [w, s, e, n]) is the view to open at, else all grids. An online basemap is kept (the
    browser fetches its tiles, and the page's Content-Security-Policy admits images from its hosts only); one
    that needs a key is left out, with a note on the map saying so, unless ``include_key`` (the key is then in
    the file in clear). A local MBTiles file or tile folder cannot travel inside a web page and is left out.
    Clicking a grid opens a popup with its attributes. ``title`` is the page's ``<title>`` (plain text)."""
    out = Path(out)
    if not out.parent.is_dir():
        raise GridMapError(tr("the folder does not exist"), out.parent)
    refuse_project(out)
    online = basemap.kind == "xyz"
    notice = ""
    if online and "{key}" in basemap.source and not include_key:
        notice = tr("The basemap {name} needs a key, which was left out of this file.", name=basemap.name)
        basemap, online = NONE, False
    coords = basemap.coords if online else "wgs84"
    data = json.loads(grid_payload(grids, coords))
    data["props"] = _props(grids, field_labels or {})
    colours = grid_colours(grids, colour_by)
    colours["title"] = legend_title
    view = display_extent(extent, coords) if extent is not None else display_bounds(grids, None, coords)
    options = {"grids": data, "colours": colours, "labels": labels, "view": view}
    if online:
        options["basemap"] = basemap.page_spec()
    if notice:
        options["notice"] = notice
    html = standalone_page(options, basemap.origins() if online else [], title)
    try:
        with staging(out.parent) as folder:
            (folder / out.name).write_text(html, encoding="utf-8")
            os.replace(folder / out.name, out)
    except OSError as exc:
        raise GridMapError(tr("cannot write the HTML file: {error}", error=exc.strerror or exc), out) from None
    return out
