"""The Leaflet page, built with folium from the vendored assets in ``resources/web`` (Leaflet, leaflet.heat; no Qt,
no CDN).

Two forms: the app page links its assets through the ``gridmap://`` URL scheme and talks to Python over
QWebChannel; the standalone page (``gridmap export-html``) inlines Leaflet, GridMap's script and the data, so
the one file opens offline in any browser.

Data reach the page only as JSON (inlined with ``<``, ``>`` and ``&`` escaped) and the page's script shows them
as text. Both forms carry a Content-Security-Policy in a ``<meta>`` at the top of the head: nothing may load but
the page's own scripts (by origin, and the inline ones by their SHA-256), its styles, and images from the
``gridmap:`` scheme, ``data:`` and the chosen online basemap's origins; no connections, frames, fonts or forms.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from gridmap.core.shipped import resources_dir

WEB_DIR = resources_dir() / "web"
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
        self.options = script_json(options)


def script_json(value) -> str:
    """``value`` as JSON that is safe inside an inline ``<script>``: no ``<``, ``>`` or ``&`` (a string such as
    ``<!--<script>`` or ``</script>`` would otherwise change how the HTML parser reads the rest of the page)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                        ("\u2029", "\\u2029")):
        text = text.replace(ch, escaped)
    return text


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def with_csp(html: str, script_origin: str = "", images: list[str] | tuple[str, ...] = ()) -> str:
    """``html`` with a Content-Security-Policy ``<meta>`` first in its head: scripts from ``script_origin`` and the
    page's inline scripts (by hash), styles from there and inline, images from ``images`` and ``data:``."""
    hashes = " ".join("'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
                      for text in _INLINE_SCRIPT.findall(html))
    origin = f"{script_origin} " if script_origin else ""
    policy = (f"default-src 'none'; script-src {origin}{hashes}; style-src {origin}'unsafe-inline'; "
              f"img-src {' '.join([*images, 'data:'])}; base-uri 'none'; form-action 'none'")
    return html.replace("<head>", f'<head>\n    <meta http-equiv="Content-Security-Policy" content="{policy}" />', 1)


def _map() -> folium.Map:
    m = folium.Map(location=list(CENTRE), zoom_start=9, tiles=None, prefer_canvas=True, control_scale=False,
                   min_zoom=3, max_zoom=20, zoom_snap=0.25, zoom_delta=0.5, wheel_px_per_zoom_level=120)
    m.default_js = []
    m.default_css = []
    return m


def app_page(origins: list[str] | tuple[str, ...] = ()) -> str:
    """The page the app loads from ``gridmap://app/map.html``; data arrives later over the bridge. Images may come
    from the ``gridmap:`` scheme and from ``origins`` (the online basemap's)."""
    m = _map()
    header = m.get_root().header
    for name in STYLES:
        header.add_child(folium.CssLink(APP_URL + "web/" + name))
    header.add_child(folium.JavascriptLink(APP_URL + "qwebchannel.js"))
    for name in SCRIPTS:
        header.add_child(folium.JavascriptLink(APP_URL + "web/" + name))
    m.add_child(_Init({"bridge": True}))
    return with_csp(m.get_root().render(), APP_URL.rstrip("/"), ["gridmap:", *origins])


def standalone_page(options: dict, origins: list[str] | tuple[str, ...] = (), title: str = "") -> str:
    """One self-contained HTML file: assets inlined, ``options`` (grids, colours, view, basemap) embedded; images
    may come from ``origins`` (the online basemap's); ``title`` (plain text, escaped) is its ``<title>``."""
    m = _map()
    header = m.get_root().header
    if title:
        header.add_child(Element(f"<title>{html.escape(title)}</title>"))
    for name in STYLES:
        header.add_child(Element(f"<style>{(WEB_DIR / name).read_text(encoding='utf-8')}</style>"))
    for name in SCRIPTS:
        text = (WEB_DIR / name).read_text(encoding="utf-8").replace("</script", "<\\/script")
        header.add_child(Element(f"<script>{text}</script>"))
    m.add_child(_Init({"bridge": False, **options}))
    return with_csp(m.get_root().render(), "", list(origins))
