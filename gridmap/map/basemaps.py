"""Basemaps for the map: online XYZ tile services, local MBTiles files and tile folders (no Qt)."""

from __future__ import annotations

import re
import string
from dataclasses import asdict, dataclass, fields
from urllib.parse import quote, urlsplit

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr

KINDS = ("none", "xyz", "mbtiles", "folder")
COORDS = ("wgs84", "gcj02")
MAX_ZOOM = 24
PLACEHOLDERS = {"s", "z", "x", "y", "-y", "r", "key"}


@dataclass(frozen=True)
class Basemap:
    """One basemap; constructing it validates it (bad values raise GridMapError).

    ``source`` is the URL template (xyz), the .mbtiles file (mbtiles) or the ``{z}/{x}/{y}.png`` folder
    (folder). ``coords`` is "wgs84" (WGS84 / CGCS2000 tiles) or "gcj02" (Amap, Tencent shifted tiles).
    ``subdomains`` are the characters ``{s}`` stands for; ``key`` replaces ``{key}`` (e.g. Tianditu's tk).
    """

    name: str
    kind: str
    source: str = ""
    coords: str = "wgs84"
    attribution: str = ""
    min_zoom: int = 0
    max_zoom: int = 18
    subdomains: str = ""
    key: str = ""

    def __post_init__(self):
        if not self.name.strip():
            raise GridMapError(tr("a basemap needs a name"))
        if self.kind not in KINDS:
            raise GridMapError(tr("{name}: unknown basemap kind '{kind}' (expected one of {kinds})",
                                  name=self.name, kind=self.kind, kinds=", ".join(KINDS)))
        if self.coords not in COORDS:
            raise GridMapError(tr("{name}: unknown coordinate system '{coords}' (expected wgs84 or gcj02)",
                                  name=self.name, coords=self.coords))
        if not 0 <= self.min_zoom <= self.max_zoom <= MAX_ZOOM:
            raise GridMapError(tr("{name}: zoom levels must satisfy 0 ≤ min zoom ({min}) ≤ max zoom ({max}) ≤ {limit}",
                                  name=self.name, min=self.min_zoom, max=self.max_zoom, limit=MAX_ZOOM))
        if self.kind in ("mbtiles", "folder") and not self.source.strip():
            raise GridMapError(tr("{name}: no file or folder given", name=self.name))
        if self.kind == "xyz":
            self._check_template()

    def _check_template(self) -> None:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(self.source) if name is not None}
        except ValueError as err:
            raise GridMapError(tr("{name}: malformed URL template ({error})", name=self.name, error=err)) from None
        unknown = names - PLACEHOLDERS
        if unknown:
            raise GridMapError(tr("{name}: unknown placeholder {placeholder} in the URL template (allowed: {allowed})",
                                  name=self.name, placeholder="{" + sorted(unknown)[0] + "}",
                                  allowed="{s} {z} {x} {y} {-y} {r} {key}"))
        if not {"z", "x"} <= names or not names & {"y", "-y"}:
            raise GridMapError(tr("{name}: the URL template needs {{z}}, {{x}} and {{y}} (or {{-y}})", name=self.name))
        if "s" in names and not self.subdomains:
            raise GridMapError(tr("{name}: the URL template uses {{s}} but no subdomains are given", name=self.name))
        if "{" in urlsplit(self.source.replace("{s}", "a")).netloc:
            raise GridMapError(tr("{name}: only {{s}} may appear in the host name of the URL template",
                                  name=self.name))

    def to_dict(self) -> dict:
        """A JSON-ready dict that :meth:`from_dict` reads back."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Basemap:
        """The basemap described by ``d`` (as written by :meth:`to_dict`; unknown keys are ignored)."""
        if not isinstance(d, dict):
            raise GridMapError(tr("a basemap must be a mapping, not {type}", type=type(d).__name__))
        values = {f.name: d[f.name] for f in fields(cls) if f.name in d}
        for required in ("name", "kind"):
            if required not in values:
                raise GridMapError(tr("a basemap needs a {field}", field=required))
        for zoom in ("min_zoom", "max_zoom"):
            if zoom in values:
                try:
                    values[zoom] = int(values[zoom])
                except (TypeError, ValueError):
                    raise GridMapError(tr("{name}: {field} must be a whole number, not '{value}'",
                                          name=values["name"], field=zoom, value=values[zoom])) from None
        for key, value in values.items():
            if key not in ("min_zoom", "max_zoom"):
                values[key] = "" if value is None else str(value)
        return cls(**values)

    @property
    def is_online(self) -> bool:
        """An XYZ service fetched over http(s)."""
        return self.kind == "xyz" and urlsplit(self.source).scheme.lower() in ("http", "https")

    @property
    def is_local(self) -> bool:
        """An MBTiles file or a tile folder on disk."""
        return self.kind in ("mbtiles", "folder")

    def url_template(self) -> str:
        """The XYZ template with ``{key}`` filled in (Leaflet fills the rest); empty for other kinds."""
        if self.kind != "xyz":
            return ""
        if "{key}" in self.source and not self.key.strip():
            raise GridMapError(tr("{name} needs a key (the URL template contains {{key}})", name=self.name))
        return self.source.replace("{key}", quote(self.key.strip(), safe=""))

    def page_spec(self, url: str | None = None) -> dict:
        """What the map page needs to show this basemap: its tile URL (by default :meth:`url_template`; a local
        basemap's is the URL it is served at), subdomains, native zoom range and attribution."""
        return {"url": url if url is not None else self.url_template(), "subdomains": self.subdomains or "abc",
                "min_zoom": self.min_zoom, "max_zoom": self.max_zoom, "attribution": self.attribution}

    def hosts(self) -> set[str]:
        """The host names the template reaches, with ``{s}`` expanded over the subdomains (empty if offline)."""
        if not self.is_online:
            return set()
        subdomains = self.subdomains if "{s}" in self.source else ""
        urls = [self.source.replace("{s}", s) for s in subdomains] or [self.source]
        return {urlsplit(url).hostname for url in urls} - {None}

    def origins(self) -> list[str]:
        """The ``scheme://host[:port]`` origins the template reaches, sorted (empty if offline)."""
        if not self.is_online:
            return []
        subdomains = self.subdomains if "{s}" in self.source else ""
        urls = [self.source.replace("{s}", s) for s in subdomains] or [self.source]
        return sorted({f"{urlsplit(url).scheme.lower()}://{urlsplit(url).netloc.lower()}" for url in urls})

    def tile_pattern(self, key: str | None = None) -> re.Pattern | None:
        """The tile URLs this online basemap's template can produce, as a regular expression to ``fullmatch``
        (scheme and host lower case, as browsers send them); ``{key}`` is ``key`` (default the basemap's own)
        and ``{s}`` one of the subdomains. None for a basemap that is not online."""
        if not self.is_online:
            return None
        scheme, rest = self.source.split("://", 1)
        host, slash, path = rest.partition("/")
        template = f"{scheme.lower()}://{host.lower()}{slash}{path}"
        key = self.key.strip() if key is None else key
        parts = []
        for literal, name, _, _ in string.Formatter().parse(template):
            parts.append(re.escape(literal))
            if name in ("z", "x", "y", "-y"):
                parts.append(r"-?\d{1,9}")
            elif name == "s":
                parts.append("[" + re.escape(self.subdomains) + "]")
            elif name == "r":
                parts.append("(?:@2x)?")
            elif name == "key":
                parts.append(re.escape(quote(key, safe="")))
        return re.compile("".join(parts))


NONE = Basemap(name="None", kind="none")

_TIANDITU = ("https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
             "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}"
             "&TILECOL={{x}}&tk={{key}}")

PRESETS = (
    Basemap(name="OpenStreetMap", kind="xyz", source="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            attribution="© OpenStreetMap contributors", max_zoom=19),
    Basemap(name="Tianditu vector", kind="xyz", source=_TIANDITU.format(layer="vec"), subdomains="01234567",
            attribution="© 天地图 Tianditu", min_zoom=1, max_zoom=18),
    Basemap(name="Tianditu imagery", kind="xyz", source=_TIANDITU.format(layer="img"), subdomains="01234567",
            attribution="© 天地图 Tianditu", min_zoom=1, max_zoom=18),
    Basemap(name="Amap streets", kind="xyz", coords="gcj02", subdomains="1234",
            source="https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
            attribution="© 高德地图 AutoNavi", max_zoom=18),
)
