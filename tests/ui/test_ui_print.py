"""The print dialog with real widgets (offscreen) on a small real project with grid workers: the form, the live
preview's page shape, the extents, PDF / image / printer output and batches, masking, remembered settings."""

import re
import subprocess

import pandas as pd
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from gridmap.ops import open_project
from gridmap.ui.dialogs.print_dialog import SETTINGS_KEY, PrintDialog

DISTRICTS = ["椒江区", "黄岩区", "路桥区"]
STREETS = {"椒江区": ["海门街道"], "黄岩区": ["东城街道"], "路桥区": ["路南街道"]}
VIEW = (121.30, 28.60, 121.35, 28.64)


@pytest.fixture(autouse=True)
def no_remembered_spec():
    QSettings().remove(SETTINGS_KEY)
    yield
    QSettings().remove(SETTINGS_KEY)


@pytest.fixture
def project(small_project):
    project = open_project(small_project)
    project.layers["workers"] = pd.DataFrame({
        "id": ["W1", "W2"], "name": ["钱九", "孙十"], "phone": ["13800009999", "13900001111"],
        "role": ["专职网格员", "兼职网格员"], "grid_code": ["331002001001", "331003001002;331004001003"]})
    return project


@pytest.fixture
def make_dialog(qtbot, project):
    dialogs = []

    def make(**kwargs) -> PrintDialog:
        dialog = PrintDialog(project, **kwargs)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        rendered(qtbot, dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.wait()


def rendered(qtbot, dialog: PrintDialog) -> QImage:
    """The preview once it has caught up with the form."""
    qtbot.waitUntil(lambda: not dialog.is_rendering(), timeout=30000)
    return dialog.preview_image()


def choose(combo, key) -> None:
    index = combo.findData(key)
    assert index >= 0 and combo.model().item(index).isEnabled(), key
    combo.setCurrentIndex(index)


def exported(qtbot, dialog, start):
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        assert start() is not None
    return blocker.args[0]


def pdfinfo(path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    info = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    width, height = map(float, re.match(r"\s*([\d.]+) x ([\d.]+) pts", info["Page size"]).groups())
    return {"pages": int(info["Pages"]), "mm": (width / 72 * 25.4, height / 72 * 25.4)}


def test_opens_with_the_projects_districts_and_streets(make_dialog):
    dialog = make_dialog()
    assert dialog.preview_image() is not None and dialog.status_label.text() == "1 page"
    assert [dialog.district_combo.itemText(i) for i in range(dialog.district_combo.count())] == DISTRICTS
    choose(dialog.extent_combo, "street")
    for district in DISTRICTS:
        choose(dialog.district_combo, district)
        assert [dialog.street_combo.itemText(i) for i in range(dialog.street_combo.count())] == STREETS[district]
    assert dialog.status_label.text() == "Rendering…"
    assert (dialog.spec().district, dialog.spec().street) == ("路桥区", "路南街道")


def test_paper_and_orientation_shape_the_preview(qtbot, make_dialog):
    dialog = make_dialog()
    choose(dialog.paper_combo, "A3")
    choose(dialog.orientation_combo, "landscape")
    image = rendered(qtbot, dialog)
    assert image.width() / image.height() == pytest.approx(420 / 297, abs=0.01)
    assert image.width() == pytest.approx(420 / 25.4 * 50, abs=2)  # about 50 dpi
    assert dialog.preview.pixmap().width() / dialog.preview.pixmap().height() == pytest.approx(1.414, abs=0.02)
    choose(dialog.orientation_combo, "portrait")
    image = rendered(qtbot, dialog)
    assert image.height() / image.width() == pytest.approx(1.414, abs=0.01)
    choose(dialog.paper_combo, "A0")  # big paper: a coarser preview, the same shape
    image = rendered(qtbot, dialog)
    assert image.height() / image.width() == pytest.approx(1189 / 841, abs=0.01) and image.height() <= 1400


def test_a_stale_preview_is_dropped(qtbot, make_dialog):
    dialog = make_dialog()
    choose(dialog.paper_combo, "A4")
    choose(dialog.orientation_combo, "portrait")
    dialog._render_preview()  # render now, then change again before it is done
    choose(dialog.orientation_combo, "landscape")
    image = rendered(qtbot, dialog)
    assert image.width() > image.height()


def test_extents_make_the_expected_spec(make_dialog):
    dialog = make_dialog(selection=[1, 4], view=VIEW)
    assert dialog.spec().extent == "all" and dialog.spec().rows == () and dialog.spec().bbox is None
    choose(dialog.extent_combo, "district")
    choose(dialog.district_combo, "黄岩区")
    spec = dialog.spec()
    assert (spec.extent, spec.district, spec.street) == ("district", "黄岩区", None)
    assert not dialog.street_combo.isEnabled()
    choose(dialog.extent_combo, "street")
    spec = dialog.spec()
    assert (spec.extent, spec.district, spec.street) == ("street", "黄岩区", "东城街道")
    choose(dialog.extent_combo, "selection")
    spec = dialog.spec()
    assert (spec.extent, spec.rows, spec.district) == ("selection", (1, 4), None)
    choose(dialog.extent_combo, "view")
    assert (dialog.spec().extent, dialog.spec().bbox) == ("view", VIEW)


def test_selection_and_view_are_offered_only_when_there_are_some(make_dialog):
    dialog = make_dialog()
    combo = dialog.extent_combo
    assert not combo.model().item(combo.findData("selection")).isEnabled()
    assert not combo.model().item(combo.findData("view")).isEnabled()


def test_export_pdf_page_size(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    choose(dialog.paper_combo, "A3")
    choose(dialog.orientation_combo, "landscape")
    dialog.title_edit.setText("台州市网格总览图")
    out = tmp_path / "总览.pdf"
    assert exported(qtbot, dialog, lambda: dialog.export_pdf(out)) == [out]
    info = pdfinfo(out)
    assert info["pages"] == 1
    assert info["mm"] == (pytest.approx(420, abs=1), pytest.approx(297, abs=1))
    assert out.name in dialog.status_label.text()


def test_export_png_at_the_chosen_dpi(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    choose(dialog.paper_combo, "A4")
    choose(dialog.orientation_combo, "portrait")
    dialog.dpi_spin.setValue(100)
    out = tmp_path / "map.png"
    assert exported(qtbot, dialog, lambda: dialog.export_image(out)) == [out]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (pytest.approx(827, abs=2), pytest.approx(1169, abs=2))


def test_batch_per_street_makes_one_page_per_street(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    choose(dialog.paper_combo, "A4")
    choose(dialog.batch_combo, "street")
    rendered(qtbot, dialog)
    assert dialog.pages() == 3 and "3" in dialog.status_label.text()
    out = tmp_path / "streets.pdf"
    assert exported(qtbot, dialog, lambda: dialog.export_pdf(out)) == [out]
    assert pdfinfo(out)["pages"] == 3 and "3 pages" in dialog.status_label.text()


def test_batch_as_one_pdf_file_per_district(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    assert not dialog.separate_check.isEnabled()
    choose(dialog.batch_combo, "district")
    dialog.separate_check.setChecked(True)
    paths = exported(qtbot, dialog, lambda: dialog.export_pdf(tmp_path / "区.pdf"))
    assert [p.name for p in paths] == [f"区-{d}.pdf" for d in DISTRICTS]
    assert all(pdfinfo(p)["pages"] == 1 for p in paths)
    assert "3" in dialog.status_label.text()


def test_print_to_a_printer(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    choose(dialog.paper_combo, "A4")
    choose(dialog.orientation_combo, "landscape")
    choose(dialog.batch_combo, "district")
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    from gridmap.ui.dialogs.print_dialog import setup_printer

    setup_printer(printer, dialog.spec())
    exported(qtbot, dialog, lambda: dialog.print_to(printer))
    info = pdfinfo(out)
    assert info["pages"] == 3 and "3 page" in dialog.status_label.text()
    assert info["mm"] == (pytest.approx(297, abs=1), pytest.approx(210, abs=1))


def test_turning_masking_off_asks(make_dialog, monkeypatch):
    from gridmap.ui.dialogs.privacy_dialogs import RevealDialog

    asked, answer = [], [None]
    monkeypatch.setattr(RevealDialog, "ask", lambda *args: asked.append(1) or answer[0])
    dialog = make_dialog()
    assert dialog.spec().mask_private and not dialog.mask_check.isEnabled()
    choose(dialog.template_combo, "workers")
    assert dialog.mask_check.isEnabled()
    dialog.mask_check.setChecked(False)
    assert len(asked) == 1 and dialog.mask_check.isChecked() and dialog.spec().mask_private
    answer[0] = "张贴公示"
    dialog.mask_check.setChecked(False)
    assert len(asked) == 2 and not dialog.spec().mask_private
    dialog.mask_check.setChecked(True)  # masking again asks nothing
    assert len(asked) == 2 and dialog.spec().mask_private


def test_period_and_heat_only_for_the_incidents_template(make_dialog):
    dialog = make_dialog()
    assert not dialog.start_edit.isEnabled() and dialog.spec().start is None
    choose(dialog.template_combo, "incidents")
    assert dialog.start_edit.isEnabled()
    spec = dialog.spec()
    assert spec.start and spec.end and spec.start <= spec.end and not spec.heat
    choose(dialog.heat_combo, "heat")
    choose(dialog.lang_combo, "en")
    assert dialog.spec().heat and dialog.spec().lang == "en"
    choose(dialog.template_combo, "venues")
    assert not dialog.spec().heat and dialog.spec().start is None


def test_remembers_the_last_spec_but_not_the_title(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    choose(dialog.paper_combo, "A2")
    choose(dialog.orientation_combo, "portrait")
    choose(dialog.labels_combo, "name")
    choose(dialog.extent_combo, "district")
    choose(dialog.district_combo, "路桥区")
    choose(dialog.batch_combo, "street")
    dialog.title_edit.setText("路桥区网格图")
    dialog.author_edit.setText("路桥区综治中心")
    dialog.reject()
    again = make_dialog()
    spec = again.spec()
    assert (spec.paper, spec.landscape, spec.labels, spec.extent, spec.district) == ("A2", False, "name",
                                                                                     "district", "路桥区")
    assert spec.author == "路桥区综治中心" and spec.title == "" and again.batch() == "street"


def test_file_menu_opens_the_print_dialog(qtbot, small_project, tmp_path):
    from PySide6.QtGui import QKeySequence

    from gridmap.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(small_project)
    action = next(a for a in window.file_menu.actions() if a.shortcut() == QKeySequence.Print)
    window.set_selection([0, 3])
    action.trigger()
    dialog = window.findChild(PrintDialog)
    assert dialog is not None and dialog.isVisible()
    rendered(qtbot, dialog)
    choose(dialog.extent_combo, "selection")
    assert dialog.spec().rows == (0, 3)
    exported(qtbot, dialog, lambda: dialog.export_image(tmp_path / "selection.jpg"))
    assert "selection.jpg" in window.statusBar().currentMessage()
    assert QImage(str(tmp_path / "selection.jpg")).width() == round(420 / 25.4 * 300)
    dialog.reject()
    window.close()
