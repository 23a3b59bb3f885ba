"""First paint of the sample city's 6,917 grids: GridMap's MapView vs geopandas.explore() in a QWebEngineView.

GridMap, as in the app: the main window's map page loads with the window, while the project file is read, so
opening a project costs ``set_grids`` until the view's ``painted`` signal (the frame that drew the grids has
been painted and a grab of the view shows it; colours and the zoom go to the page first, so that frame is the
finished view). Also a new
MapView, from its creation (the page loading included) to painted.
explore(): from calling ``grids.explore(column="district")`` and saving the HTML until a plain QWebEngineView
of the same size has every GeoJSON path and two animation frames have passed (its first frame is finished).

The machine is offline, so the explore page is rewritten to use GridMap's vendored Leaflet (file:// URLs) and its
other CDN files (jQuery, jQuery UI, Bootstrap, Font Awesome, awesome-markers) are left out, with the jQuery-only
script that makes the legend draggable; the polygons and legend render without them (checked: no console errors,
one path per grid; see the screenshots). Leaving them out only makes explore faster. Its OpenStreetMap tiles are
not fetched: Qt keeps file:// pages off remote URLs, and a request interceptor would block and count any others.

Goals (issue): GridMap at least 10x faster than explore; first paint under 1.5 s after the project is loaded.
Prints best and median wall times of N fresh views each and where screenshots were saved; asserts no timing.
Imports and Chromium's start-up are paid before timing, for both. Needs ``pip install matplotlib mapclassify``
(explore()'s own requirements) besides GridMap.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "--no-sandbox" not in os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""):
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
                                                + " --no-sandbox").strip()

import argparse  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QEvent, QEventLoop, QTimer, QUrl  # noqa: E402
from PySide6.QtWebEngineCore import (QWebEnginePage, QWebEngineProfile,  # noqa: E402
                                     QWebEngineUrlRequestInterceptor)
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import folium  # noqa: E402, F401  (explore()'s imports, so its first run does not pay for them)
import mapclassify  # noqa: E402, F401
import matplotlib.pyplot  # noqa: E402, F401

from gridmap.core.sample.city import build_grids  # noqa: E402
from gridmap.map.page import WEB_DIR  # noqa: E402
from gridmap.ui.map.scheme import register_scheme  # noqa: E402
from gridmap.ui.map.view import MapView  # noqa: E402

SIZE = (1200, 800)
TIMEOUT_S = 120.0
LEAFLET_JS = (WEB_DIR / "leaflet" / "leaflet.js").resolve()
LEAFLET_CSS = (WEB_DIR / "leaflet" / "leaflet.css").resolve()
# Polled every few ms once the explore page has loaded: how many GeoJSON paths exist; once all are there, arm a
# flag two animation frames later (the same "painted" rule as GridMap's page).
PROBE = """(function () {
  var n = document.querySelectorAll('path.leaflet-interactive').length;
  if ((%s) && !window.__benchArmed) {
    window.__benchArmed = true;
    requestAnimationFrame(function () { requestAnimationFrame(function () { window.__benchPainted = true; }); });
  }
  return n + ' ' + (window.__benchPainted ? 1 : 0);  // a string: Qt does not convert arrays here
})()"""


def wait_until(done, timeout: float = TIMEOUT_S, what: str = "") -> None:
    """Run the event loop until ``done()`` is true; fail after ``timeout`` seconds."""
    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit(f"bench_map: timed out after {timeout:.0f} s waiting for {what}")
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)


def wait_painted(page: QWebEnginePage, condition: str) -> int:
    """Poll ``page`` until the JS ``condition`` holds (``n`` is the number of GeoJSON paths) and two animation
    frames have passed since; returns ``n``."""
    state = {"paths": 0, "painted": False, "pending": False}

    def on_probe(value) -> None:
        state["pending"] = False
        parts = str(value).split()
        if len(parts) == 2:  # else the page was navigating and the probe did not run
            state["paths"], state["painted"] = int(parts[0]), state["painted"] or parts[1] == "1"

    def poll() -> None:
        if not state["pending"] and not state["painted"]:
            state["pending"] = True
            page.runJavaScript(PROBE % condition, 0, on_probe)

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(5)
    poll()
    wait_until(lambda: state["painted"], what=f"the page to paint ({condition})")
    timer.stop()
    return state["paths"]


def dispose(view: QWebEngineView) -> None:
    view.hide()
    view.deleteLater()
    for _ in range(20):
        QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# --- GridMap -----------------------------------------------------------------------------------------------


def gridmap_run(grids, shots: Path | None) -> tuple[float, float]:
    """(seconds from MapView() to painted, seconds spent in Python in set_grids) for a new view."""
    painted: list[float] = []
    start = time.perf_counter()
    view = MapView()
    view.resize(*SIZE)
    view.show()
    view.painted.connect(lambda _seconds: painted.append(time.perf_counter()) if not painted else None)
    t = time.perf_counter()
    view.set_grids(grids)
    in_python = time.perf_counter() - t
    wait_until(lambda: bool(painted), what="GridMap's painted signal")
    if shots is not None:
        shot_after_a_moment(view, shots / "gridmap.png")
    dispose(view)
    return painted[0] - start, in_python


def shot_after_a_moment(view: QWebEngineView, path: Path) -> None:
    """Save the view 20 ms after its painted signal (which a grab of the view showing the grids precedes; the
    explore page's frame reaches the Qt widget through the event loop, within 10 ms on a quiet machine)."""
    loop = QEventLoop()
    QTimer.singleShot(20, loop.quit)
    loop.exec()
    view.grab().save(str(path))


class OfflineGuard(QWebEngineUrlRequestInterceptor):
    """Blocks and counts every request that would leave the machine."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info) -> None:
        url = info.requestUrl()
        if url.scheme() not in ("file", "data", "blob", "about"):
            info.block(True)
            self.blocked.append(url.toString())


class ConsolePage(QWebEnginePage):
    """Keeps the page's console errors and warnings."""

    def __init__(self, profile, parent=None):
        super().__init__(profile, parent)
        self.errors: list[str] = []

    def javaScriptConsoleMessage(self, level, message, line, source) -> None:
        if level != QWebEnginePage.JavaScriptConsoleMessageLevel.InfoMessageLevel:
            self.errors.append(f"{source}:{line}: {message}")


def offline_html(html: str) -> tuple[str, list[str]]:
    """explore()'s HTML with Leaflet from the vendored files and the other CDN files left out; also the URLs
    left out."""
    dropped: list[str] = []

    def script(match: re.Match) -> str:
        url = match.group(1)
        if url.endswith("/leaflet.js"):
            return f'<script src="{LEAFLET_JS.as_uri()}"></script>'
        dropped.append(url)
        return ""

    def link(match: re.Match) -> str:
        url = match.group(1)
        if url.endswith("/leaflet.css"):
            return f'<link rel="stylesheet" href="{LEAFLET_CSS.as_uri()}"/>'
        dropped.append(url)
        return ""

    html = re.sub(r'<script src="(https?://[^"]+)"></script>', script, html)
    html = re.sub(r'<link rel="stylesheet" href="(https?://[^"]+)"\s*/?>', link, html)
    # The legend's "draggable" needs jQuery UI; without it the legend stays where it is.
    html, n = re.subn(r"<script>\$\( function\(\) \{.*?</script>", "", html, count=1, flags=re.S)
    if n:
        dropped.append("inline jQuery UI script making the legend draggable")
    return html, dropped


def explore_run(grids, profile: QWebEngineProfile, folder: Path, shot: Path | None) -> dict:
    """One explore() run from the call to the painted page; returns times, path count, errors, dropped URLs."""
    start = time.perf_counter()
    m = grids.explore(column="district")
    html, dropped = offline_html(m.get_root().render())
    path = folder / "explore.html"
    path.write_text(html, encoding="utf-8")
    built = time.perf_counter()

    view = QWebEngineView()
    page = ConsolePage(profile, view)
    view.setPage(page)
    view.resize(*SIZE)
    view.show()
    loaded: list[bool] = []
    page.loadFinished.connect(loaded.append)
    view.load(QUrl.fromLocalFile(str(path)))
    wait_until(lambda: bool(loaded), what="the explore page to load")
    if not loaded[0]:
        raise SystemExit("bench_map: the explore page failed to load")
    paths = wait_painted(page, f"n >= {len(grids)}")
    end = time.perf_counter()
    if shot is not None:
        shot_after_a_moment(view, shot)
    errors = list(page.errors)
    dispose(view)
    return {"total": end - start, "build": built - start, "browser": end - built, "paths": paths,
            "errors": errors, "dropped": dropped, "html_mb": path.stat().st_size / 1e6}


# --- report ------------------------------------------------------------------------------------------------


def stats(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


def gridmap_warm(grids, repeat: int) -> list[float]:
    """Seconds from ``set_grids`` to painted on a view whose page has already loaded: opening a project in the
    running app, where the page loads with the window, while the project is still being read."""
    view = MapView()
    view.resize(*SIZE)
    view.show()
    wait_until(lambda: view.ready, what="the map page")
    times = []
    for _ in range(repeat + 1):
        painted: list[float] = []
        view.painted.connect(painted.append)
        start = time.perf_counter()
        view.set_grids(grids)
        wait_until(lambda: bool(painted), what="GridMap's painted signal")
        times.append(time.perf_counter() - start)
        view.painted.disconnect()
    dispose(view)
    return times[1:]  # the first also pays for the page's first canvas and code warm-up


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh views per side (default 3)")
    parser.add_argument("--shots", type=Path, help="folder for the screenshots (default: a temporary folder)")
    args = parser.parse_args()

    register_scheme()
    app = QApplication(sys.argv[:1])
    shots = args.shots or Path(tempfile.mkdtemp(prefix="gridmap-bench-map-"))
    shots.mkdir(parents=True, exist_ok=True)

    t = time.perf_counter()
    grids = build_grids()
    t_grids = time.perf_counter() - t

    # Start Chromium once (its processes are shared by every profile), so neither side pays for it.
    t = time.perf_counter()
    warm = QWebEngineView()
    warm.resize(*SIZE)
    warm.show()
    warm_loaded: list[bool] = []
    warm.loadFinished.connect(warm_loaded.append)
    warm.setHtml("<html><body>warm-up</body></html>")
    wait_until(lambda: bool(warm_loaded), what="the warm-up page")
    t_chromium = time.perf_counter() - t
    dispose(warm)

    gm_cold, gm_python = [], []
    for _ in range(args.repeat):
        cold, in_python = gridmap_run(grids, None)
        gm_cold.append(cold)
        gm_python.append(in_python)
    gridmap_run(grids, shots)  # screenshots, untimed
    gm_warm = gridmap_warm(grids, args.repeat)

    profile = QWebEngineProfile(app)  # off the record
    guard = OfflineGuard(profile)
    profile.setUrlRequestInterceptor(guard)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            runs.append(explore_run(grids, profile, Path(tmp), shots / "explore.png" if i == 0 else None))

    ex_total = [r["total"] for r in runs]
    ex_build = [r["build"] for r in runs]
    ex_browser = [r["browser"] for r in runs]
    errors = sorted({e for r in runs for e in r["errors"]})

    print(f"grids: {len(grids)} (sample city built in {t_grids:.1f} s, not timed); view {SIZE[0]}x{SIZE[1]}, "
          f"{args.repeat} fresh views per side; Chromium start-up {t_chromium:.2f} s, excluded from both")
    left_out = ", ".join(d.rsplit("/", 1)[-1] for d in runs[0]["dropped"])
    print(f"explore page: {runs[0]['html_mb']:.1f} MB of HTML, {runs[0]['paths']} GeoJSON paths, Leaflet from "
          f"resources/web; left out (offline): {left_out}; remote requests: {len(guard.blocked)}")
    print(f"explore page console errors/warnings: {len(errors)}")
    for e in errors[:10]:
        print(f"  {e}")
    print()
    rows = [
        ("GridMap, project loaded -> painted, as in the app (page up with the window)", gm_warm),
        ("GridMap, new map view incl. loading the page -> painted", gm_cold),
        ("  of which Python on the GUI thread: set_grids", gm_python),
        ("geopandas.explore() total (explore() -> painted)", ex_total),
        ("  of which Python: explore() + render + save HTML", ex_build),
        ("  of which browser: load + paint", ex_browser),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'':{width}}  {'best':>8}  {'median':>8}")
    for label, values in rows:
        b, med = stats(values)
        print(f"{label:{width}}  {b:7.2f}s  {med:7.2f}s   ({', '.join(f'{v:.2f}' for v in values)})")
    ratio_warm = statistics.median(ex_total) / statistics.median(gm_warm)
    ratio_cold = statistics.median(ex_total) / statistics.median(gm_cold)
    print(f"{'ratio explore / GridMap as in the app (medians)':{width}}  {ratio_warm:7.1f}x")
    print(f"{'ratio explore / GridMap new map view (medians)':{width}}  {ratio_cold:7.1f}x")
    print()
    warm_med = statistics.median(gm_warm)
    print(f"goal: GridMap at least 10x faster than explore: {'met' if ratio_warm >= 10 else 'NOT met'} "
          f"({ratio_warm:.1f}x as in the app; {ratio_cold:.1f}x for a new view that also loads the page)")
    print(f"goal: first paint under 1.5 s after the project is loaded: {'met' if warm_med < 1.5 else 'NOT met'} "
          f"({warm_med:.2f} s median; {statistics.median(gm_cold):.2f} s for a new view)")
    print()
    print(f"screenshots, 20 ms after the painted signal (check both show the grids): {shots / 'gridmap.png'}  "
          f"{shots / 'explore.png'}")
    if errors or min(r["paths"] for r in runs) < len(grids):
        print("WARNING: the explore page had console errors or too few paths; its figures may not be valid")


if __name__ == "__main__":
    main()
