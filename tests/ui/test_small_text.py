"""Issue 14 item 15: small text. The window title names GridMap once, counts have singular and plural forms,
long search results stay readable, ``gridmap info`` prints text (not a Python dict), a second Ctrl+C exits
quietly, and GUI commands keep Qt's and Chromium's log noise off stderr unless ``--debug``."""

import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QGuiApplication

from gridmap.ops import open_project
from gridmap.ui.app import TRANSLATIONS_DIR
from builders import run_cli, show_project


@pytest.fixture
def window(qtbot, small_project):
    window = show_project(qtbot, open_project(small_project), size=(1000, 700))
    yield window
    window.session.set_modified(False)
    window.close()


def shown_title(window) -> str:
    """The title as the window system shows it: Qt appends the application's display name unless the title
    already ends with it (QPlatformWindow::formatWindowTitle)."""
    title, name = window.windowHandle().title(), QGuiApplication.applicationDisplayName()
    return title if title.endswith(name) else f"{title} — {name}" if title else name


def test_the_title_names_gridmap_once(qtbot, window, small_project):
    old = QGuiApplication.applicationDisplayName()
    QGuiApplication.setApplicationDisplayName("GridMap")
    try:
        assert shown_title(window) == f"{small_project.name} — GridMap"
        window.action_set.actions["view.labels.name"].trigger()  # modified
        assert shown_title(window) == f"{small_project.name}* — GridMap"
    finally:
        QGuiApplication.setApplicationDisplayName(old)


def test_selected_grids_singular_and_plural(window, english):
    window.set_selection([0])
    assert window.statusBar().currentMessage() == "1 grid selected"
    window.set_selection([0, 1, 2])
    assert window.statusBar().currentMessage() == "3 grids selected"
    chinese = QTranslator()
    assert chinese.load("gridmap_zh_CN", str(TRANSLATIONS_DIR))
    assert chinese.translate("MainWindow", "%n grids selected", "", 1) == "已选 %n 个网格"


def test_long_search_results_are_readable(qtbot, window):
    grids = window.project.grids.copy()
    long_name = "海门街道高岸村第一网格" * 4
    grids.loc[grids.index[0], "name"] = long_name
    window.search.set_grids(grids)
    window.search.edit.setText(grids["code"].iloc[0])
    window.search.update_results()
    item = window.search.results.item(0)
    assert long_name in item.toolTip()  # the whole line, however narrow the dock
    results = window.search.results
    assert results.wordWrap() and results.textElideMode() == Qt.ElideNone  # wrapped, never cut with "…"


def test_info_prints_readable_text(capsys, small_project):
    code, out, _ = run_cli(capsys, "info", small_project)
    assert code == 0
    layers = next(line for line in out.splitlines() if line.startswith("layers:"))
    assert layers == "layers: grids 12" and "{" not in out and "[" not in out


@pytest.mark.skipif(os.name == "nt", reason="SIGINT to a child process is POSIX")
def test_a_second_ctrl_c_exits_quietly(tmp_path):
    sample = tmp_path / "sample"
    run = subprocess.Popen([sys.executable, "-m", "gridmap", "demo", str(sample)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not sample.exists() and time.monotonic() < deadline:  # building (its folder made)
        time.sleep(0.05)
    time.sleep(0.5)
    run.send_signal(signal.SIGINT)
    time.sleep(0.2)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert run.returncode in (130, -signal.SIGINT)  # 130, or ended by the signal itself (a shell shows 130)


def test_snapshot_stderr_is_empty(tmp_path, small_project):
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "gridmap", "snapshot", str(small_project), "--out",
                             str(tmp_path / "s.png"), "--size", "800x600"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0 and result.stderr == ""


def gui_stderr(project, *options) -> str:
    """stderr of the GUI on ``project`` (offscreen), ended after it has started and shown the map."""
    run = subprocess.Popen([sys.executable, "-m", "gridmap", str(project), *options], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    time.sleep(8)
    run.terminate()
    return run.communicate(timeout=60)[1]


@pytest.mark.skipif(os.name == "nt", reason="ended with SIGTERM")
def test_the_gui_starts_quietly_unless_debug(small_project):
    assert gui_stderr(small_project) == ""
    assert gui_stderr(small_project, "--debug") != ""  # the messages are there to keep
