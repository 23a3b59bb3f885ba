"""Issue 11 item 9: a basemap key (Tianditu's tk) lives in the user's settings, never in the project file, and
exported HTML leaves it out unless --include-key is given."""

from dataclasses import replace

import pytest

from gridmap.store.gpkg import GpkgStore
from gridmap.ui.map.basemap_settings import KEYS_SETTINGS_KEY, key_for, save_keys, settings
from gridmap.map.basemaps import PRESETS
from builders import reopen, run_cli

KEY = "5ec2e7d0a1b2c3d4e5f60718293a4b5c"
TIANDITU = PRESETS[1]


@pytest.fixture(autouse=True)
def no_keys():
    settings().remove(KEYS_SETTINGS_KEY)
    yield
    settings().remove(KEYS_SETTINGS_KEY)


def save(qtbot, window):
    window.save()
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=20000)


def old_project(path):
    """The project as an older GridMap saved it: the Tianditu basemap with its key in ``gridmap_meta``."""
    store = GpkgStore(path)
    project = store.load()
    project.meta["map"] = {"basemap": replace(TIANDITU, key=KEY).to_dict()}
    store.save(project)
    assert KEY.encode() in path.read_bytes()
    return path


def test_a_saved_project_holds_no_key_and_gets_it_back_from_the_settings(qtbot, small_project):
    save_keys({TIANDITU.name: KEY})
    window = reopen(qtbot, small_project, (900, 600))
    window.map.set_basemap(replace(TIANDITU, key=KEY))
    save(qtbot, window)
    window.close()
    assert KEY.encode() not in small_project.read_bytes()
    saved = GpkgStore(small_project).load().meta["map"]["basemap"]
    assert saved["source"] == TIANDITU.source and saved["key"] == ""

    again = reopen(qtbot, small_project, (900, 600))
    assert again.map.basemap.key == KEY and again.map.basemap.url_template().endswith("tk=" + KEY)
    again.close()


def test_an_old_projects_key_moves_to_the_settings_and_leaves_at_the_next_save(qtbot, small_project):
    old_project(small_project)
    window = reopen(qtbot, small_project, (900, 600))
    assert window.map.basemap.key == KEY
    assert key_for(TIANDITU) == KEY
    save(qtbot, window)
    window.close()
    assert KEY.encode() not in small_project.read_bytes()


def test_export_html_leaves_the_key_out_unless_asked(tmp_path, small_project, capsys):
    old_project(small_project)
    out = tmp_path / "m.html"
    code, _, err = run_cli(capsys, "export-html", small_project, "--out", out)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert KEY not in html and "tianditu.gov.cn" not in html
    assert "needs a key, which was left out of this file" in html

    code, _, err = run_cli(capsys, "export-html", small_project, "--out", out, "--include-key")
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "tk=" + KEY in html and "img-src https://t0.tianditu.gov.cn" in html

    code, _, err = run_cli(capsys, "export-html", small_project, "--out", out, "--include-key", "--key", "other1")
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "tk=other1" in html and KEY not in html


def test_export_from_the_window_leaves_the_key_out(qtbot, tmp_path, small_project, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    save_keys({TIANDITU.name: KEY})
    window = reopen(qtbot, small_project, (900, 600))
    window.map.set_basemap(replace(TIANDITU, key=KEY))
    out = tmp_path / "m.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(out), "")))
    window.export_html_dialog()
    window.close()
    html = out.read_text(encoding="utf-8")
    assert KEY not in html and "needs a key" in html
