"""Core's messages (errors, problems, CRS notes, progress) in Chinese in the GUI, English everywhere else."""

import ast
import string
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

import gridmap.core
from gridmap.core import i18n
from gridmap.core.geo.crs import infer_crs
from gridmap.core.errors import GridMapError
from gridmap.core.problems import rows_text
from gridmap.core.project.model import ImportOptions, import_grids
from gridmap.ui.app import TRANSLATIONS_DIR, create_application
from gridmap.ui.dialogs.import_dialog import ImportDialog

CORE = Path(gridmap.core.__file__).resolve().parent


def tr_calls():
    """``(first argument node, "file:line")`` of every call to a function named ``tr`` in gridmap/core."""
    calls = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name == "tr":
                    calls.append((node.args[0] if node.args else None, f"{path.name}:{node.lineno}"))
    return calls


def templates() -> set[str]:
    return {arg.value for arg, _ in tr_calls() if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def chinese_app(qapp):
    """The application as ``gridmap --lang zh`` creates it; afterwards English again for the other tests."""
    names = qapp.applicationName(), qapp.organizationName(), qapp.applicationDisplayName()
    font = qapp.font()
    app = create_application(lang="zh")
    translators = list(app._gridmap_translators)
    assert app is qapp and translators, "gridmap_zh_CN.qm was not installed"
    yield app
    for translator in translators:
        QApplication.removeTranslator(translator)
    app._gridmap_translators = []
    i18n.set_translator(None)
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])
    qapp.setApplicationDisplayName(names[2])
    qapp.setFont(font)


@pytest.fixture
def english():
    i18n.set_translator(None)
    yield
    i18n.set_translator(None)


# (a) every template core can produce is in the compiled translation


def test_tr_templates_are_string_literals():
    calls = tr_calls()
    assert len(calls) > 50
    bad = [where for arg, where in calls if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str))]
    assert not bad, f"tr() needs a plain string literal as template (else it cannot be extracted): {bad}"


def test_every_core_template_translated_in_qm():
    translator = QTranslator()
    assert translator.load(str(Path(TRANSLATIONS_DIR) / "gridmap_zh_CN.qm"))
    found = templates()
    assert {"file not found", "row {rows}", "rows {rows}", "{rows}: duplicate codes in {field} ({values})",
            "Reading {name}"} <= found
    untranslated, wrong_placeholders = [], []
    for source in sorted(found):
        translated = translator.translate("core", source)
        if not translated or translated == source or not has_chinese(translated):
            untranslated.append(source)
        elif placeholders(translated) != placeholders(source):
            wrong_placeholders.append((source, translated))
    assert not untranslated, f"run resources/translations/update.py; untranslated: {untranslated}"
    assert not wrong_placeholders


def test_given_translations():
    translator = QTranslator()
    assert translator.load(str(Path(TRANSLATIONS_DIR) / "gridmap_zh_CN.qm"))
    assert translator.translate("core", "file not found") == "找不到文件"
    assert translator.translate("core", "already exists; use --force to overwrite it") == "已存在;如需覆盖请使用 --force"
    assert (translator.translate("core", "{rows}: duplicate codes in {field} ({values})")
            == "{rows}:{field} 字段中的编码重复({values})")
    assert translator.translate("core", "row {rows}") == "第 {rows} 行"


# (b) in the Chinese GUI


def test_missing_file_in_chinese(chinese_app, tmp_path):
    with pytest.raises(GridMapError) as err:
        import_grids(ImportOptions(tmp_path / "缺失.shp"))
    assert "找不到文件" in str(err.value)
    assert "not found" not in str(err.value)


def test_rows_and_crs_notes_in_chinese(chinese_app):
    assert rows_text([3]) == "第 3 行"
    assert rows_text([3, 7, 9]) == "第 3, 7, 9 行"
    assert rows_text(list(range(1, 13))) == "第 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 等行(共 12 行)"
    note = infer_crs((40_500_000, 3_100_000, 40_520_000, 3_120_000)).note
    assert "带号 40" in note and "EPSG:4528" in note and has_chinese(note)


def test_progress_in_chinese_from_a_worker_thread(chinese_app, gbk_shapefile):
    messages = []
    thread = threading.Thread(target=lambda: import_grids(ImportOptions(gbk_shapefile),
                                                          progress=lambda f, m: messages.append(m)))
    thread.start()
    thread.join()
    assert messages == [f"正在读取 {gbk_shapefile.name}", "正在检查网格"]


def test_duplicate_codes_in_chinese_dialog(qtbot, chinese_app, gbk_shapefile, tmp_path):
    dialog = ImportDialog(source=gbk_shapefile)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.role_combos["code"].setCurrentIndex(dialog.role_combos["code"].findData("区县"))  # duplicate codes
    listed = [dialog.problems_list.item(i).text() for i in range(dialog.problems_list.count())]
    assert any("区县 字段中的编码重复" in text and text.startswith("第 ") for text in listed), listed
    dialog.output_edit.setText(str(tmp_path / "bad.gpkg"))
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20000)
    # Delete the finished Task and its progress dialog now: left to pytest-qt's event processing after the
    # test, these deferred deletes often crash in QObject::~QObject (as in test_failed_import_keeps_dialog_open).
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    texts = [b.text() for b in dialog.findChildren(QMessageBox) if b.isVisible()]
    assert texts
    text = texts[0].removeprefix(f"{gbk_shapefile}: ")
    assert text.startswith("第 1, 2, 3,") and "区县 字段中的编码重复" in text, text
    assert "duplicate" not in text and "rows" not in text
    assert not (tmp_path / "bad.gpkg").exists()


# (c) without a translator (the CLI, scripts, English GUI)


def test_english_without_translator(english, tmp_path):
    with pytest.raises(GridMapError) as err:
        import_grids(ImportOptions(tmp_path / "missing.shp"))
    assert str(err.value) == f"{tmp_path / 'missing.shp'}: file not found"
    assert rows_text([3]) == "row 3"
    assert rows_text([3, 7, 9]) == "rows 3, 7, 9"
    assert rows_text(list(range(1, 13))) == "rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … (12 in all)"
    assert i18n.tr("Reading {name}", name="a.shp") == "Reading a.shp"


def test_english_app_leaves_core_english(qapp, chinese_app):
    assert i18n.tr("file not found") == "找不到文件"
    create_application(lang="en")
    assert i18n.tr("file not found") == "file not found"


def test_set_translator():
    try:
        i18n.set_translator(lambda s: "» " + s)
        assert i18n.tr("row {rows}", rows="a") == "» row a"
    finally:
        i18n.set_translator(None)
    assert i18n.tr("row {rows}", rows="a") == "row a"
