"""Qt for the tests that use it, set up while they are collected (before pytest-qt creates the QApplication): the
map page's URL scheme registered, and QSettings (recent files, window geometry, basemap keys) kept in a temporary
folder, out of the user's real settings. Imported only when such tests are collected."""

from __future__ import annotations

import tempfile

from PySide6.QtCore import QCoreApplication, QSettings

from gridmap.ui.map.scheme import register_scheme

_settings: tempfile.TemporaryDirectory | None = None


def set_up() -> None:
    """Register the scheme and isolate QSettings, once."""
    global _settings
    if _settings is not None:
        return
    register_scheme()
    _settings = tempfile.TemporaryDirectory(prefix="gridmap-test-settings-")
    QCoreApplication.setOrganizationName("GridMapTests")
    QCoreApplication.setApplicationName("GridMapTests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, _settings.name)
