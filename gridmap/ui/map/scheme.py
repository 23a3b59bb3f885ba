"""The ``gridmap://`` URL scheme: the map page, its vendored assets and local basemap tiles, served from
memory and disk without an HTTP server, and a request guard that keeps the page off the network.

``gridmap://app/map.html`` is the page, ``gridmap://app/web/<file>`` an asset from ``resources/web``,
``gridmap://app/qwebchannel.js`` Qt's own bridge script and ``gridmap://tiles/<source>/<z>/<x>/<y>`` a tile
from a registered MBTiles file or tile folder.

The page is kept to itself: the scheme has no access to ``file:`` URLs, every page's :class:`RequestGuard` lets
through only ``gridmap:``/``data:`` URLs and the tiles of the online basemap chosen for it (matched against the
basemap's URL template), WebRTC (which would bypass the guard) is switched off, and the page carries a
Content-Security-Policy (see :mod:`gridmap.map.page`).
"""

from __future__ import annotations

import atexit
import mimetypes
import os
import re
import threading
import weakref

import shiboken6

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject, QUrl, QUrlQuery
from PySide6.QtWebEngineCore import (QWebEnginePage, QWebEngineProfile, QWebEngineScript, QWebEngineSettings,
                                     QWebEngineUrlRequestInterceptor, QWebEngineUrlRequestJob, QWebEngineUrlScheme,
                                     QWebEngineUrlSchemeHandler)

from gridmap.core.errors import GridMapError
from gridmap.map.page import WEB_DIR, app_page
from gridmap.map.tiles import TileSource, content_type

SCHEME = b"gridmap"
PAGE_URL = "gridmap://app/map.html"
LOCAL_SCHEMES = {"gridmap", "data"}
"""Schemes a page may always load from: GridMap's own and inline data (never ``file:``)."""
WEBRTC_FLAG = "--force-webrtc-ip-handling-policy=disable_non_proxied_udp"
"""Chromium sends no WebRTC (STUN/TURN) traffic except through a proxy, and the app has none."""
NO_WEBRTC = """(function () {
  ["RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel", "RTCRtpSender", "RTCRtpReceiver",
   "RTCIceCandidate", "RTCSessionDescription"].forEach(function (name) {
    try { Object.defineProperty(window, name, { value: undefined, writable: false, configurable: false }); }
    catch (e) {}
  });
})();"""
"""Runs before any script of every page and frame: WebRTC's constructors are gone."""
_ORIGIN = re.compile(r"https?://[a-z0-9.-]+(:[0-9]{1,5})?")


def register_scheme() -> None:
    """Declare the scheme to QtWebEngine and turn WebRTC's network use off; must run before the QApplication is
    created (idempotent)."""
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if WEBRTC_FLAG not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} {WEBRTC_FLAG}".strip()
    if QWebEngineUrlScheme.schemeByName(SCHEME).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


def page_url(origins: list[str] | tuple[str, ...] = (), load: int = 0) -> str:
    """The map page's URL for a page that may show images from ``origins`` (an online basemap's); ``load``
    numbers the view's page loads (the page reports it when ready)."""
    query = QUrlQuery()
    if origins:
        query.addQueryItem("img", " ".join(origins))
    if load:
        query.addQueryItem("load", str(load))
    if query.isEmpty():
        return PAGE_URL
    url = QUrl(PAGE_URL)
    url.setQuery(query)
    return url.toString(QUrl.FullyEncoded)


def _qt_resource(path: str) -> bytes:
    f = QFile(path)
    if not f.open(QIODevice.ReadOnly):
        raise FileNotFoundError(path)
    return bytes(f.readAll())


class SchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers ``gridmap://`` requests; tile sources are registered under a name by the map views."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pages: dict[tuple[str, ...], bytes] = {}
        self._sources: dict[str, TileSource] = {}

    def add_tiles(self, name: str, source: TileSource) -> str:
        """Serve ``source`` and return its URL template for Leaflet."""
        self._sources[name] = source
        return f"gridmap://tiles/{name}/{{z}}/{{x}}/{{y}}"

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        host, parts = url.host(), [p for p in url.path().split("/") if p]
        try:
            if host == "app":
                self._reply(job, *self._app_file(parts, QUrlQuery(url).queryItemValue("img", QUrl.FullyDecoded)))
            elif host == "tiles" and len(parts) == 4:
                source = self._sources.get(parts[0])
                data = source.tile(int(parts[1]), int(parts[2]), int(parts[3])) if source else None
                if data is None:
                    job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
                else:
                    self._reply(job, data, content_type(data))
            else:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        except (FileNotFoundError, ValueError, GridMapError):
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _app_file(self, parts: list[str], images: str = "") -> tuple[bytes, str]:
        if parts == ["map.html"]:
            origins = tuple(o for o in images.split() if _ORIGIN.fullmatch(o))
            if origins not in self._pages:
                self._pages[origins] = app_page(origins).encode("utf-8")
            return self._pages[origins], "text/html"
        if parts == ["qwebchannel.js"]:
            return _qt_resource(":/qtwebchannel/qwebchannel.js"), "application/javascript"
        if parts[:1] == ["web"] and len(parts) > 1:
            path = WEB_DIR.joinpath(*parts[1:]).resolve()
            if not path.is_relative_to(WEB_DIR.resolve()) or not path.is_file():
                raise FileNotFoundError(path)
            return path.read_bytes(), mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        raise FileNotFoundError("/".join(parts))

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, data: bytes, mime: str) -> None:
        buffer = QBuffer(parent=job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.ReadOnly)
        job.reply(mime.encode("ascii"), buffer)


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Logs every request its page makes and blocks all but ``gridmap:`` and ``data:`` URLs and those that
    match one of :attr:`allowed` (the tile URL pattern of the online basemap the user chose for that page,
    :meth:`gridmap.map.basemaps.Basemap.tile_pattern`)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.allowed: list[re.Pattern] = []
        self.log: list[tuple[str, bool]] = []
        self._lock = threading.Lock()

    def allows(self, url: QUrl) -> bool:
        """Whether the page may load ``url``."""
        if url.scheme().lower() in LOCAL_SCHEMES:
            return True
        text = bytes(url.toEncoded()).decode("ascii", "replace")
        return any(pattern.fullmatch(text) for pattern in self.allowed)

    def interceptRequest(self, info) -> None:
        url = info.requestUrl()
        blocked = not self.allows(url)
        if blocked:
            info.block(True)
        with self._lock:
            self.log.append((url.toString(), blocked))
            del self.log[:-2000]


class WebContext(QObject):
    """The off-the-record profile every map view shares, with the scheme handler; each page gets its own
    request guard.

    It lives as long as the application; the pages made with :meth:`new_page` are deleted before it at exit
    (a profile deleted under a live page is a Qt error)."""

    _instance: WebContext | None = None

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.profile = QWebEngineProfile(self)
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        settings = self.profile.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.WebRTCPublicInterfacesOnly, True)
        script = QWebEngineScript()
        script.setName("gridmap-no-webrtc")
        script.setSourceCode(NO_WEBRTC)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        script.setRunsOnSubFrames(True)
        self.profile.scripts().insert(script)
        self.handler = SchemeHandler(self)
        self.profile.installUrlSchemeHandler(SCHEME, self.handler)
        self._pages: weakref.WeakSet[QWebEnginePage] = weakref.WeakSet()
        atexit.register(self._delete_pages)

    def new_page(self, parent: QObject) -> QWebEnginePage:
        """A page on the shared profile with its own :class:`RequestGuard` (``page.guard``)."""
        page = QWebEnginePage(self.profile, parent)
        page.guard = RequestGuard(page)
        page.setUrlRequestInterceptor(page.guard)
        self._pages.add(page)
        return page

    def _delete_pages(self) -> None:
        for page in list(self._pages):
            if shiboken6.isValid(page):
                shiboken6.delete(page)

    @classmethod
    def get(cls) -> WebContext:
        from PySide6.QtCore import QCoreApplication

        if cls._instance is None:
            cls._instance = cls(QCoreApplication.instance())
        return cls._instance
