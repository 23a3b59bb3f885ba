"""Issue 14 item 7: a view setting saved with the project (basemap, colouring, labels) changed by the user marks
the project modified, so Quit asks and Save keeps it; panning (the saved extent) does not."""

import pytest
from PySide6.QtWidgets import QMessageBox

from gridmap.map.basemaps import Basemap
from gridmap.ops import open_project
from gridmap.ui.map.basemap_dialog import BasemapDialog, save_user_basemaps
from gridmap.ui.map.basemap_settings import TRUSTED_SETTINGS_KEY, settings
from builders import show_project

LOCAL_XYZ = Basemap(name="Local XYZ", kind="xyz", source="http://127.0.0.1:9/{z}/{x}/{y}.png")
"""An online basemap on a closed local port: nothing leaves the machine."""


@pytest.fixture
def window(qtbot, small_project):
    window = show_project(qtbot, open_project(small_project), size=(1000, 700))
    window.project.path = small_project  # show_project opens it without a lock: mark it as the file it is
    yield window
    window.session.set_modified(False)
    window.close()


@pytest.fixture
def choose_local(monkeypatch):
    """The basemap dialog, answered by adding an XYZ basemap and OK."""
    def exec_(dialog):
        dialog.add_basemap(LOCAL_XYZ)
        dialog.accept()
        return 1

    monkeypatch.setattr(BasemapDialog, "exec", exec_)
    yield
    save_user_basemaps([])
    settings().remove(TRUSTED_SETTINGS_KEY)


def test_choosing_a_basemap_marks_the_project_modified_and_quit_asks(qtbot, window, choose_local):
    assert not window.is_modified()
    with qtbot.waitSignal(window.session.dirtyChanged):
        window.action_set.actions["view.basemap"].trigger()
    assert window.map.basemap.name == LOCAL_XYZ.name
    assert window.is_modified() and window.isWindowModified()
    assert window.map_state()["basemap"]["name"] == LOCAL_XYZ.name
    window.close()  # Quit asks before the choice is lost
    assert window.isVisible() and window._save_prompt is not None
    window._save_prompt.button(QMessageBox.Cancel).click()


@pytest.mark.parametrize("action", ["view.colour.street", "view.colour.none", "view.labels.name",
                                    "view.labels.none"])
def test_colouring_and_labels_mark_the_project_modified(window, action):
    window.action_set.actions[action].trigger()
    assert window.is_modified()


def test_the_same_setting_again_and_panning_do_not(qtbot, window):
    window.action_set.actions["view.colour.district"].trigger()  # already chosen
    window.action_set.actions["view.labels.code"].trigger()
    extent = window.map.extent
    with qtbot.waitSignal(window.map.extentChanged, timeout=10000):
        window.map.set_extent([extent[0] + 0.01, extent[1], extent[2] + 0.01, extent[3]])
    assert not window.is_modified()
