"""The widget tests: every one needs Qt, and the map view QtWebEngine with GridMap's URL scheme."""

import pytest

from qt_setup import set_up

set_up()


@pytest.fixture
def window(qtbot):
    """An empty main window (no project); a test module may define its own."""
    from gridmap.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    yield window
    window.close()


def _translators(qapp, lang):
    """GridMap's translators for ``lang`` installed for one test, removed afterwards."""
    from PySide6.QtWidgets import QApplication

    from gridmap.ui.app import install_translators

    translators = install_translators(qapp, lang)
    yield translators
    for translator in translators:
        QApplication.removeTranslator(translator)


@pytest.fixture
def chinese(qapp):
    """The Chinese translation installed for the test."""
    yield from _translators(qapp, "zh")


@pytest.fixture
def english(qapp):
    """The English plural forms installed for the test."""
    yield from _translators(qapp, "en")
