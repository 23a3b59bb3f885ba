"""Issue 14 item 8: when a basemap's tiles fail to load the map says so once, as text, with a link that opens
View → Basemap… (in the real QtWebEngine page, with an XYZ basemap on a closed local port)."""

import socket

import pytest

from gridmap.map.basemaps import Basemap
from gridmap.ops import open_project
from gridmap.ui.map.basemap_dialog import BasemapDialog
from builders import run_js, show_project

NOTICES = "document.querySelectorAll('.gm-tiles-failed')"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def window(qtbot, small_project):
    window = show_project(qtbot, open_project(small_project), size=(1000, 700))
    yield window
    window.close()


def test_failed_tiles_are_reported_once_with_a_link_to_the_basemap_dialog(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(BasemapDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    view = window.map
    basemap = Basemap(name="<b>Offline</b>", kind="xyz", source=f"http://127.0.0.1:{closed_port()}/{{z}}/{{x}}/{{y}}.png")
    with qtbot.waitSignal(view.pageLoaded, timeout=30000):  # a fresh page, admitting the basemap's origin
        view.set_basemap(basemap)
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"{NOTICES}.length") == 1, timeout=20000)
    notice = run_js(qtbot, view, f"[{NOTICES}[0].textContent, {NOTICES}[0].querySelectorAll('*').length, "
                                 f"{NOTICES}[0].querySelector('a').textContent]")
    assert notice == ["Basemap tiles could not be loaded: network unreachable Choose another basemap…", 1,
                      "Choose another basemap…"]

    errors = run_js(qtbot, view, "GridMap.state().stats.tileErrors")
    run_js(qtbot, view, "(GridMap.setView({center: [121.5, 28.7], zoom: 9}), 1)")  # more tiles, all failing
    qtbot.waitUntil(lambda: run_js(qtbot, view, "GridMap.state().stats.tileErrors") > errors + 6, timeout=20000)
    assert run_js(qtbot, view, f"{NOTICES}.length") == 1  # said once

    with qtbot.waitSignal(view.basemapRequested, timeout=10000):
        run_js(qtbot, view, f"({NOTICES}[0].querySelector('a').click(), 1)")
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10000)  # View → Basemap… opened

