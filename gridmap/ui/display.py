"""Before the window's QApplication exists on Linux: is there a display, and can Qt's X11 (xcb) plugin load? Qt
itself aborts with a core dump and a message naming the wrong library; GridMap says what is missing in one line.
No Qt import here: the check runs before Qt is loaded."""

from __future__ import annotations

import ctypes
import os
import sys
from importlib.util import find_spec
from pathlib import Path

from gridmap.core.i18n import tr

XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1", "libX11-xcb.so.1": "libx11-xcb1", "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-sync.so.1": "libxcb-sync1", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-util.so.1": "libxcb-util1",
}
"""The libraries Qt's xcb platform plugin links (``ldd libqxcb.so``), and the Debian/Ubuntu package of each."""


def _loads(name: str, folders: list[Path]) -> bool:
    for candidate in [name, *(str(folder / name) for folder in folders)]:
        try:
            ctypes.CDLL(candidate)
            return True
        except OSError:
            continue
    return False


def missing_libraries(libraries: dict[str, str] = XCB_LIBRARIES) -> list[str]:
    """The names in ``libraries`` that neither the system's loader nor Qt's own library folder can load."""
    spec = find_spec("PySide6")
    folders = [Path(location) / "Qt" / "lib" for location in (spec.submodule_search_locations or [])] if spec else []
    return [name for name in libraries if not _loads(name, folders)]


def display_problem(environ=os.environ, platform: str = sys.platform) -> str | None:
    """One line saying why the window cannot open on Linux (no display; the xcb plugin's libraries missing, with
    the ``apt-get`` line installing them), or None when it can (or another platform plugin was chosen)."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM", "xcb") not in ("", "xcb"):
        return None
    x11, wayland = environ.get("DISPLAY"), environ.get("WAYLAND_DISPLAY")
    if not x11 and not wayland:
        return tr("no display: set DISPLAY, or run with QT_QPA_PLATFORM=offscreen for commands")
    if x11 and (not wayland or environ.get("QT_QPA_PLATFORM") == "xcb"):
        missing = missing_libraries()
        if missing:
            packages = " ".join(dict.fromkeys(XCB_LIBRARIES[name] for name in missing))
            return tr("Qt's X11 plugin cannot load {libraries}: install with apt-get install {packages}",
                      libraries=", ".join(missing), packages=packages)
    return None
