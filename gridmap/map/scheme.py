"""The ``gridmap://`` URL scheme: the map page, its vendored assets and local basemap tiles, served from
memory and disk without an HTTP server, and a request guard that keeps the page off the network.

``gridmap://app/map.html`` is the page, ``gridmap://app/web/<file>`` an asset from ``resources/web``,
``gridmap://app/qwebchannel.js`` Qt's own bridge script and ``gridmap://tiles/<source>/<z>/<x>/<y>`` a tile
from a registered MBTiles file or tile folder.
"""

from __future__ import annotations

import atexit
import mimetypes
import threading
import weakref

import shiboken6

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject
from PySide6.QtWebEngineCore import (QWebEnginePage, QWebEngineProfile, QWebEngineUrlRequestInterceptor, QWebEngineUrlRequestJob,
                                     QWebEngineUrlScheme, QWebEngineUrlSchemeHandler)

from gridmap.core.errors import GridMapError
from gridmap.map.page import WEB_DIR, app_page
from gridmap.map.tiles import TileSource, content_type

SCHEME = b"gridmap"
PAGE_URL = "gridmap://app/map.html"
LOCAL_SCHEMES = {"gridmap", "file", "data", "blob", "qrc", "about"}


def register_scheme() -> None:
    """Declare the scheme to QtWebEngine; must run before the QApplication is created (idempotent)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.LocalAccessAllowed
                    | QWebEngineUrlScheme.Flag.CorsEnabled)
    QWebEngineUrlScheme.registerScheme(scheme)


def _qt_resource(path: str) -> bytes:
    f = QFile(path)
    if not f.open(QIODevice.ReadOnly):
        raise FileNotFoundError(path)
    return bytes(f.readAll())


class SchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers ``gridmap://`` requests; tile sources are registered under a name by the map views."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._page: bytes | None = None
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
                self._reply(job, *self._app_file(parts))
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

    def _app_file(self, parts: list[str]) -> tuple[bytes, str]:
        if parts == ["map.html"]:
            if self._page is None:
                self._page = app_page().encode("utf-8")
            return self._page, "text/html"
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
    """Logs every request its page makes and blocks any that would leave the machine, except to the hosts of
    the online basemap the user chose for that page."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.allowed_hosts: set[str] = set()
        self.log: list[tuple[str, bool]] = []
        self._lock = threading.Lock()

    def interceptRequest(self, info) -> None:
        url = info.requestUrl()
        blocked = url.scheme() not in LOCAL_SCHEMES and url.host() not in self.allowed_hosts
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
