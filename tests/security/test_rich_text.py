"""Issue 11, item 8: text from files (column names, values, file names, error messages) is shown as typed in
labels, message boxes, progress dialogs and tooltips, never as rich text: a header ``<img src="/dev/zero">`` must
not make Qt read /dev/zero, an ``<h1>`` header must not paint a big red notice."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextDocument, Qt  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QProgressDialog

import gridmap
from gridmap.core.errors import GridMapError
from gridmap.ui.main_window import RECENT_KEY, MainWindow
from gridmap.ui.messages import show_message

from builders import checked, opened_window as window  # noqa: F401 - the window fixture
from gridmap.ui.tasks import Task

NOTICE = "<h1 style='color:red'>注意</h1>"
BOLD = "<b>粗体</b>"
IMAGE = "<img src='x.png'>"
LINK = "<a href='https://example.com'>点这里</a>"
MARKUP = ("<h1", "<img", "<a href", "<b>粗体")  # raw, as in the files: never in a label laid out as HTML


def renders_rich(label: QLabel) -> bool:
    """Whether Qt lays ``label`` out as HTML."""
    return label.textFormat() == Qt.RichText or (label.textFormat() == Qt.AutoText and Qt.mightBeRichText(label.text()))


def assert_labels_plain(widget, *literals: str) -> list[QLabel]:
    """No label under ``widget`` lays out data as HTML; the labels showing one of ``literals`` (at least one) show it
    as typed."""
    labels = widget.findChildren(QLabel)
    rich = [label.text() for label in labels if renders_rich(label) and any(m in label.text() for m in MARKUP)]
    assert not rich, f"labels showing data as HTML: {rich}"
    showing = [label for label in labels if any(text in label.text() for text in literals)]
    assert showing and all(label.textFormat() == Qt.PlainText for label in showing)
    return showing


def tooltip_shows(tip: str) -> str:
    """The text a tooltip ``tip`` shows (Qt takes text that might be HTML for HTML)."""
    if not Qt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def model_tooltips(model, header: str) -> list[str]:
    column = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index(header)
    return [tooltip_shows(model.data(model.index(r, column), Qt.ToolTipRole)) for r in range(model.rowCount())]


@pytest.fixture
def hostile_csv(tmp_path):
    """Persons whose extra column names and values are HTML."""
    path = tmp_path / "人员.csv"
    path.write_text(f"人员编号,姓名,经度,纬度,{NOTICE},{BOLD}\n"
                    f"P001,{IMAGE},121.31,28.61,{LINK},x\n"
                    f"P002,李四,121.33,28.61,{BOLD},y\n", encoding="utf-8")
    return path


def test_import_records_shows_html_headers_as_typed(qtbot, window, hostile_csv):
    dialog = checked(qtbot, window.import_records(hostile_csv))
    dialog.set_kind("workers")  # no grid code column: the message lists every column
    checked(qtbot, dialog)
    assert NOTICE in dialog.check_label.text()
    assert assert_labels_plain(dialog, NOTICE) == [dialog.check_label]
    for combo in dialog.role_combos.values():
        assert [combo.itemText(i) for i in range(1, combo.count())] == ["人员编号", "姓名", "经度", "纬度", NOTICE, BOLD]


def test_table_tooltips_show_html_values_as_typed(qtbot, window, hostile_csv):
    dialog = checked(qtbot, window.import_records(hostile_csv))
    assert model_tooltips(dialog.preview_model, "姓名") == [IMAGE, "李四"]
    assert model_tooltips(dialog.preview_model, NOTICE) == [LINK, BOLD]
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: "persons" in window.project.layers, timeout=20000)
    for box in window.findChildren(QMessageBox):
        box.close()
    model = window.tables.tables["persons"].model
    assert model_tooltips(model, "Name") == [IMAGE, "李四"]
    assert model_tooltips(model, NOTICE) == [LINK, BOLD]


CHILD = """
import json, os, sys
if os.name != "nt":
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # the unfixed dialog reads /dev/zero until it fails
from pathlib import Path
from PySide6.QtWidgets import QApplication
from gridmap.store.gpkg import GpkgStore
from gridmap.ui.dialogs.record_import_dialog import RecordImportDialog


def rss_mb():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS")) // 1024


app = QApplication([])
project = GpkgStore(Path(sys.argv[1])).load()
dialog = RecordImportDialog(project)
dialog.show()
app.processEvents()
before = rss_mb()
dialog.set_source(Path(sys.argv[2]))
while dialog.is_checking():
    app.processEvents()
dialog.grab()  # paint every label
app.processEvents()
print(json.dumps({"before": before, "after": rss_mb(), "text": dialog.check_label.text(),
                  "plain": dialog.check_label.textFormat() == dialog.check_label.textFormat().PlainText}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmRSS from /proc")
def test_image_header_is_not_loaded(small_project, tmp_path):
    """A column named <img src="/dev/zero"> in a record file: memory stays bounded (the unfixed dialog grew to
    8 GB reading /dev/zero as an image). In a child process so a failure cannot exhaust the machine."""
    header = '<img src="/dev/zero">'
    source = tmp_path / "incidents.csv"
    source.write_text(f"{header},名称\n{header},v\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(Path(gridmap.__file__).parents[1]), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.run([sys.executable, "-c", CHILD, str(small_project), str(source)], env=env,
                           capture_output=True, text=True, timeout=600)
    assert child.returncode == 0, child.stderr[-2000:]
    shown = json.loads(child.stdout.strip().splitlines()[-1])
    assert header in shown["text"] and shown["plain"]
    assert shown["after"] - shown["before"] < 200, shown


HOSTILE_NAMES = pytest.mark.skipif(os.name == "nt", reason="< and > cannot be in a Windows file name")


@pytest.fixture
def hostile_folder(tmp_path):
    folder = tmp_path / NOTICE.replace("/", "／")
    folder.mkdir()
    return folder


@HOSTILE_NAMES
def test_questions_naming_a_file_are_plain(qtbot, window, small_project, hostile_folder, confirm, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kwargs: pytest.fail("a rich-text question"))
    hostile = hostile_folder / f"{BOLD.replace('/', '／')}.gpkg"
    hostile.write_bytes(small_project.read_bytes())
    window.set_modified(True)
    confirm.answer = QMessageBox.Cancel
    assert not window.open_path(hostile)
    assert confirm.asked == 1 and hostile.name in confirm.texts[0]  # the fixture checks the box is plain text


@HOSTILE_NAMES
def test_window_shows_a_project_path_as_typed(qtbot, window, small_project, hostile_folder):
    hostile = hostile_folder / f"{BOLD.replace('/', '／')}.gpkg"
    hostile.write_bytes(small_project.read_bytes())
    assert window.open_path(hostile)
    assert assert_labels_plain(window, str(hostile)) == [window.path_label]


@HOSTILE_NAMES
def test_open_error_and_recent_tooltip_name_the_file_as_typed(qtbot, window, hostile_folder):
    broken = hostile_folder / f"{IMAGE}.gpkg"
    broken.write_text("not a GeoPackage")
    assert not window.open_path(broken)
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.PlainText and broken.name in boxes[0].text()
    boxes[0].close()
    QSettings().setValue(RECENT_KEY, [str(broken)])
    window.recent_menu.aboutToShow.emit()
    assert [tooltip_shows(a.toolTip()) for a in window.recent_menu.actions()] == [str(broken)]


def test_task_progress_and_error_are_plain(qtbot):
    """Progress messages and errors of a task name files and columns: shown as typed."""
    window = MainWindow()
    qtbot.addWidget(window)
    go = threading.Event()

    def work(progress):
        progress(0.5, f"读取 {NOTICE}")
        go.wait(20)
        raise GridMapError(f"{LINK}: 无法读取")

    task = Task(window, "GridMap", work)
    dialog = window.findChildren(QProgressDialog)[-1]
    failed = []
    task.failed.connect(failed.append)
    task.start()
    qtbot.waitUntil(lambda: any(NOTICE in label.text() for label in dialog.findChildren(QLabel)), timeout=20000)
    try:
        assert assert_labels_plain(dialog, NOTICE)
    finally:
        go.set()
        qtbot.waitUntil(lambda: len(failed) == 1, timeout=20000)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.PlainText and boxes[0].text() == f"{LINK}: 无法读取"
    boxes[0].close()


def test_show_message_is_plain(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    box = show_message(window, "GridMap", f"{IMAGE} {NOTICE}")
    assert box.textFormat() == Qt.PlainText and box.text() == f"{IMAGE} {NOTICE}"
    box.close()
