"""Starting the window: without a display, one line saying what is missing (never Qt's abort); on first run, the
sample city's progress shown at once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog

from gridmap.ui.display import missing_libraries

ROOT = Path(__file__).resolve().parents[2]


def _gui(env_changes: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(env_changes, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "gridmap", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are Linux's")
def test_no_display_is_one_line_and_exit_2():
    result = _gui({})
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "gridmap: no display: set DISPLAY, or run with QT_QPA_PLATFORM=offscreen for commands"]
    assert "Aborted" not in result.stderr and "core dump" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are Linux's")
def test_no_display_in_chinese():
    result = _gui({}, "--lang", "zh")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "gridmap: 没有显示器:请设置 DISPLAY,或以 QT_QPA_PLATFORM=offscreen 运行命令"]


def test_missing_library_found_by_the_loader():
    assert missing_libraries({"libgridmap-no-such-lib.so.7": "x", "libxcb.so.1": "libxcb1"}) == [
        "libgridmap-no-such-lib.so.7"]


@pytest.mark.skipif(not sys.platform.startswith("linux") or not missing_libraries(),
                    reason="needs a Linux machine missing some of the X11 plugin's libraries")
def test_missing_xcb_libraries_named_with_their_package():
    result = _gui({"DISPLAY": ":99"})
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("gridmap: Qt's X11 plugin cannot load ") and "apt-get install libxcb" in line
    assert all(name in line for name in missing_libraries())


def test_first_run_shows_progress_at_once(qapp, tmp_path, monkeypatch, qtbot):
    from gridmap.ui.app import start

    monkeypatch.setenv("GRIDMAP_DATA_DIR", str(tmp_path))
    window = start(lang="en")
    qtbot.addWidget(window)
    try:
        dialogs = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        assert [d.labelText() for d in dialogs] == ["Building the sample city…"]
        assert window.project is None  # still building
        QApplication.processEvents()
        qtbot.waitUntil(lambda: window.project is not None, timeout=60000)
        assert (tmp_path / "sample" / "taizhou.gpkg").exists()
    finally:
        window.ask_before_online = False
        window.session.undo_stack.clear()
