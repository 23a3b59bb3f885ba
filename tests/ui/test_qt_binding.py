"""The Qt binding GridMap runs on must not corrupt Python's reference counts (PySide6 6.12.0 on Python 3.11
dropped one reference to None per Qt call returning nothing, and a long session aborted with none_dealloc)."""

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_qt_calls_keep_the_reference_count_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("网格")
    assert sys.getrefcount(None) - before > -50
