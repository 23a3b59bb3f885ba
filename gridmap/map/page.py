"""The Leaflet page, built with folium from the vendored assets in ``resources/web`` (Leaflet, leaflet.heat; no Qt,
no CDN).

Two forms: the app page links its assets through the ``gridmap://`` URL scheme and talks to Python over
QWebChannel; the standalone page (``gridmap export-html``) inlines Leaflet, GridMap's script and the data, so
the one file opens offline in any browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

WEB_DIR = Path(__file__).resolve().parents[2] / "resources" / "web"
APP_URL = "gridmap://app/"
SCRIPTS = ("leaflet/leaflet.js", "leaflet.heat/leaflet-heat.js", "gridmap.js")
STYLES = ("leaflet/leaflet.css", "gridmap.css")
CENTRE = (28.66, 121.1)
"""Where an empty map looks before a project arrives: Taizhou."""


class _Init(MacroElement):
    """Starts GridMap's script on folium's map object once the map exists."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        GridMap.init({{ this._parent.get_name() }}, {{ this.options }});
        {% endmacro %}
    """)

    def __init__(self, options: dict):
        super().__init__()
        self._name = "GridMapInit"
        self.options = json.dumps(options, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _map() -> folium.Map:
    m = folium.Map(location=list(CENTRE), zoom_start=9, tiles=None, prefer_canvas=True, control_scale=False,
                   min_zoom=3, max_zoom=20, zoom_snap=0.25, zoom_delta=0.5, wheel_px_per_zoom_level=120)
    m.default_js = []
    m.default_css = []
    return m


def app_page() -> str:
    """The page the app loads from ``gridmap://app/map.html``; data arrives later over the bridge."""
    m = _map()
    header = m.get_root().header
    for name in STYLES:
        header.add_child(folium.CssLink(APP_URL + "web/" + name))
    header.add_child(folium.JavascriptLink(APP_URL + "qwebchannel.js"))
    for name in SCRIPTS:
        header.add_child(folium.JavascriptLink(APP_URL + "web/" + name))
    m.add_child(_Init({"bridge": True}))
    return m.get_root().render()


def standalone_page(options: dict) -> str:
    """One self-contained HTML file: assets inlined, ``options`` (grids, colours, view, basemap) embedded."""
    m = _map()
    header = m.get_root().header
    for name in STYLES:
        header.add_child(Element(f"<style>{(WEB_DIR / name).read_text(encoding='utf-8')}</style>"))
    for name in SCRIPTS:
        text = (WEB_DIR / name).read_text(encoding="utf-8").replace("</script", "<\\/script")
        header.add_child(Element(f"<script>{text}</script>"))
    m.add_child(_Init({"bridge": False, **options}))
    return m.get_root().render()
