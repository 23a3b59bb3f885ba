"""Render the main window with a project's map to a PNG, offscreen (``gridmap snapshot``)."""

from __future__ import annotations

import os
from pathlib import Path

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr
from gridmap.core.outputs import refuse_project, staging

BLANK_RETRY_S = 10.0
"""How long a snapshot whose map area is still blank after the map reported painted is grabbed again."""


def snapshot(project_path: Path, out: Path, size: tuple[int, int] = (1600, 1000), lang: str | None = None,
             timeout_s: float = 60.0, debug: bool = False) -> dict:
    """Open ``project_path`` in a main window of ``size`` pixels, wait until the map has drawn the grids, and
    save the window to ``out``. Returns ``{"first_paint_s", "grids", "out", "size"}``; first_paint_s is the time
    from the loaded project being handed to the map until its grids are on screen. As in the app, the project is
    read while the window and its map page start."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from gridmap.ops import open_project
    from gridmap.ui.app import create_application
    from gridmap.ui.main_window import MainWindow
    from gridmap.ui.tasks import run_in_thread

    out = Path(out)
    if not out.parent.is_dir():
        raise GridMapError(tr("the folder does not exist"), out.parent)
    refuse_project(out)
    create_application(lang=lang, debug=debug)  # a command's stderr carries only its own messages
    window = MainWindow()
    window.ask_before_online = False  # an online basemap the user has not confirmed is not contacted
    window.setWindowState(Qt.WindowNoState)  # the size asked for, not the user's saved (maximised) layout
    window.resize(*size)
    window.show()
    project = run_in_thread(lambda: open_project(project_path), window)  # as the app opens a project
    loop = QEventLoop()
    result: dict = {}

    def painted(seconds: float) -> None:
        result["first_paint_s"] = round(seconds, 3)
        QTimer.singleShot(400, loop.quit)  # let the labels and the legend settle

    window.map.painted.connect(painted)
    window.set_project(project, None)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    try:
        if "first_paint_s" not in result:
            raise GridMapError(tr("the map did not draw within {seconds} s", seconds=int(timeout_s)), project_path)
        image = _grab_drawn(window, loop)
        if image is None:
            raise GridMapError(tr("the map stayed blank for {seconds} s; nothing was written",
                                  seconds=int(BLANK_RETRY_S)), project_path)
        with staging(out.parent) as folder:
            if not image.save(str(folder / out.name)):
                raise GridMapError(tr("cannot write the image"), out)
            os.replace(folder / out.name, out)
    finally:
        window.hide()  # not close(): closing saves the window layout, which is the user's GUI setting
        window.deleteLater()
    return {**result, "grids": len(project.grids), "out": str(out), "size": [image.width(), image.height()]}


def _grab_drawn(window, loop):
    """The window grabbed once its map area shows the drawn grids (:meth:`MapView.shows_grids`), trying again
    for up to :data:`BLANK_RETRY_S`; None if the map stays blank."""
    import time

    from PySide6.QtCore import QPoint, QRect, QTimer

    deadline = time.perf_counter() + BLANK_RETRY_S
    while True:
        image = window.grab().toImage()
        ratio = image.devicePixelRatio()
        area = QRect(window.map.mapTo(window, QPoint(0, 0)) * ratio, window.map.size() * ratio)
        if window.map.shows_grids(image.copy(area)):
            return image
        if time.perf_counter() > deadline:
            return None
        QTimer.singleShot(200, loop.quit)
        loop.exec()
