"""Issue 11 item 2: the map page cannot read the disk or reach the network on its own: no ``file:``, no host
but the chosen basemap's tile URLs, no WebRTC, a Content-Security-Policy on the app page and on exported HTML,
a fresh page for another project, and a question before a project's unknown online basemap is used."""

import shutil
import subprocess

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox

from gridmap.store.gpkg import GpkgStore
from gridmap.ui.map.basemap_settings import TRUSTED_SETTINGS_KEY, is_trusted, settings, trust
from gridmap.map.basemaps import PRESETS, Basemap
from gridmap.ui.map.scheme import RequestGuard
from builders import reopen, run_cli, run_js

LOCAL_XYZ = Basemap(name="<b>Local</b> XYZ", kind="xyz", source="http://127.0.0.1:9/{z}/{x}/{y}.png")
"""An online basemap on a closed local port: the page's requests to it are logged, nothing leaves the machine."""


@pytest.fixture(autouse=True)
def nothing_confirmed():
    """No online basemap confirmed on this machine (the test settings are shared by the session)."""
    settings().remove(TRUSTED_SETTINGS_KEY)
    yield
    settings().remove(TRUSTED_SETTINGS_KEY)


@pytest.fixture
def window(qtbot, small_project):
    window = reopen(qtbot, small_project, (1000, 700))
    yield window
    window.close()


def outcomes(qtbot, view, script: str, count: int) -> list[str]:
    """Run ``script`` (which pushes ``count`` results onto ``__r``) in the page and return them."""
    run_js(qtbot, view, f"(window.__r = [], {script}, 1)")
    qtbot.waitUntil(lambda: len(run_js(qtbot, view, "__r")) == count, timeout=10000)
    return run_js(qtbot, view, "__r")


def attempts(target: str) -> str:
    """fetch, XHR and an image of ``target``, each pushing 'ok' or 'refused'."""
    return (f"fetch('{target}').then(r => r.text()).then(() => __r.push('ok'), () => __r.push('refused')), "
            f"(() => {{ const x = new XMLHttpRequest(); x.onload = () => __r.push(x.responseText ? 'ok' : 'refused'); "
            f"x.onerror = () => __r.push('refused'); try {{ x.open('GET', '{target}'); x.send(); }} "
            f"catch (e) {{ __r.push('refused'); }} }})(), "
            f"Object.assign(new Image(), {{onload: () => __r.push('ok'), onerror: () => __r.push('refused')}})"
            f".src = '{target}'")


def test_page_script_cannot_read_files_or_reach_a_host(qtbot, window, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    for target in ("file:///etc/passwd", QUrl.fromLocalFile(str(secret)).toString(),
                   QUrl.fromLocalFile(str(window.project.path)).toString(), "http://127.0.0.1:9/x.png"):
        assert outcomes(qtbot, window.map, attempts(target), 3) == ["refused"] * 3, target
    assert all(blocked for url, blocked in window.map.request_log() if not url.startswith("gridmap:"))


def test_webrtc_is_unavailable_in_the_page(qtbot, window):
    assert run_js(qtbot, window.map, "typeof RTCPeerConnection + typeof webkitRTCPeerConnection") == \
        "undefinedundefined"
    assert run_js(qtbot, window.map, "window.open('about:blank')") is None  # no fresh window to take it from


def test_the_app_page_has_a_content_security_policy(qtbot, window):
    policy = run_js(qtbot, window.map,
                    "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "img-src gridmap: data:" in policy
    # an inline script that is not the page's own does not run
    run_js(qtbot, window.map, "(() => { const s = document.createElement('script'); s.textContent = "
                              "'window.__injected = 1'; document.body.appendChild(s); return 1; })()")
    assert run_js(qtbot, window.map, "window.__injected || 0") == 0


def test_the_guard_lets_through_only_the_chosen_basemaps_tiles():
    guard = RequestGuard()
    tianditu = PRESETS[1]
    guard.allowed = [tianditu.tile_pattern("0123abcd")]
    tile = ("https://t3.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default"
            "&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX=7&TILEROW=52&TILECOL=109&tk=0123abcd")
    assert guard.allows(QUrl(tile))
    assert guard.allows(QUrl("gridmap://app/map.html")) and guard.allows(QUrl("gridmap://tiles/t1/0/0/0"))
    for url in (tile + "&leak=331002199001011234",  # data appended to a real tile
                tile.replace("TILEROW=52", "TILEROW=PWNED"),
                tile.replace("t3.", "t9."),  # not one of the subdomains
                "https://t3.tianditu.gov.cn/upload?data=x",  # the basemap's host, another path
                "https://evil.example/vec_w/wmts", "file:///etc/passwd", "qrc:///x", "blob:null/1", "about:blank"):
        assert not guard.allows(QUrl(url)), url
    guard.allowed = [PRESETS[0].tile_pattern()]
    assert guard.allows(QUrl("https://tile.openstreetmap.org/12/3425/1700.png"))
    assert not guard.allows(QUrl("https://tile.openstreetmap.org/12/3425/1700.png?x=1"))
    assert not guard.allows(QUrl(tile))


def test_the_page_loads_the_chosen_tiles_and_nothing_else_from_their_host(qtbot, window):
    trust(LOCAL_XYZ)
    window.map.set_basemap(LOCAL_XYZ)
    qtbot.waitUntil(lambda: any(url.startswith("http://127.0.0.1:9/") and not blocked
                                for url, blocked in window.map.request_log()), timeout=15000)
    policy = run_js(qtbot, window.map,
                    "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert "http://127.0.0.1:9" in policy
    outcomes(qtbot, window.map, "Object.assign(new Image(), {onload: () => __r.push('ok'), "
                                "onerror: () => __r.push('refused')}).src = 'http://127.0.0.1:9/upload?id=1'", 1)
    log = dict(window.map.request_log())
    assert log["http://127.0.0.1:9/upload?id=1"] is True  # blocked
    tiles = [url for url, blocked in window.map.request_log() if url.endswith(".png") and "127.0.0.1" in url]
    assert tiles and all(not log[url] for url in tiles)


def test_another_project_gets_a_fresh_page(qtbot, window, tmp_path):
    other = tmp_path / "other.gpkg"
    shutil.copy(window.project.path, other)
    run_js(qtbot, window.map, "(window.__left = 'by the last project', 1)")
    with qtbot.waitSignal(window.map.painted, timeout=30000):
        assert window.open_path(other)
    assert run_js(qtbot, window.map, "window.__left || null") is None
    assert run_js(qtbot, window.map, "GridMap.state().grids") == 12


def answering(monkeypatch, answer):
    """Answer the next message boxes with ``answer``; returns the list of (text, format) they showed."""
    shown = []

    def exec_(box):
        shown.append((box.text(), box.textFormat()))
        return answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def test_an_unknown_online_basemap_from_a_project_is_asked_about(qtbot, small_project, monkeypatch):
    from PySide6.QtCore import Qt

    store = GpkgStore(small_project)
    project = store.load()
    project.meta["map"] = {"basemap": LOCAL_XYZ.to_dict()}
    store.save(project)
    assert not is_trusted(LOCAL_XYZ)

    shown = answering(monkeypatch, QMessageBox.No)
    window = reopen(qtbot, small_project, (1000, 700))
    assert len(shown) == 1 and "127.0.0.1" in shown[0][0] and LOCAL_XYZ.name in shown[0][0]
    assert shown[0][1] == Qt.PlainText
    assert window.map.basemap.kind == "none"
    qtbot.wait(500)
    assert not any("127.0.0.1" in url for url, _ in window.map.request_log())
    window.close()

    shown = answering(monkeypatch, QMessageBox.Yes)
    window = reopen(qtbot, small_project, (1000, 700))
    assert len(shown) == 1 and window.map.basemap == LOCAL_XYZ
    qtbot.waitUntil(lambda: any("127.0.0.1" in url and not blocked for url, blocked in window.map.request_log()),
                    timeout=15000)
    window.close()

    shown = answering(monkeypatch, QMessageBox.No)  # confirmed once: not asked again
    window = reopen(qtbot, small_project, (1000, 700))
    assert shown == [] and window.map.basemap == LOCAL_XYZ
    window.close()


def test_snapshot_does_not_contact_an_unconfirmed_host(qtbot, small_project, tmp_path):
    import os
    import socket
    import sys

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    store = GpkgStore(small_project)
    project = store.load()
    project.meta["map"] = {"basemap": Basemap(name="Tiles", kind="xyz",
                                              source=f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png").to_dict()}
    store.save(project)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "gridmap", "snapshot", str(small_project), "--out",
                             str(tmp_path / "s.png"), "--size", "600x400"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr  # no question blocks it; the basemap is left out
    with pytest.raises(TimeoutError):  # the page never connected for a tile
        server.accept()
    server.close()


def test_exported_html_has_a_content_security_policy(tmp_path, small_project, capsys):
    trust(LOCAL_XYZ)
    store = GpkgStore(small_project)
    project = store.load()
    project.meta["map"] = {"basemap": LOCAL_XYZ.to_dict()}
    store.save(project)
    out = tmp_path / "m.html"
    code, _, err = run_cli(capsys, "export-html", small_project, "--out", out)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    head = html.split("<head>")[1][:2000]
    assert '<meta http-equiv="Content-Security-Policy"' in head
    policy = head.split('content="')[1].split('"')[0]
    assert "default-src 'none'" in policy and "img-src http://127.0.0.1:9 data:" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    if shutil.which("chromium"):  # the policy lets the page's own scripts run: the map is there
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
                              "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120).stdout
        assert "leaflet-container" in dom and "gm-legend" in dom
