"""Start the GridMap desktop application: translations, a CJK-capable font (or a banner saying how to get one),
the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (QCoreApplication, QLibraryInfo, QLocale, Qt, QtMsgType, QTimer, QTranslator,
                            qInstallMessageHandler)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QToolBar

from gridmap.core.i18n import set_translator
from gridmap.core.shipped import resources_dir
from gridmap.ui.map.scheme import register_scheme
from gridmap.print.fonts import missing_chinese
from gridmap.ui.main_window import MainWindow
from gridmap.ui.messages import plain_label
from gridmap.ui.tasks import Task

TRANSLATIONS_DIR = resources_dir() / "translations"
PLACE_WORDS = "网格地图省市区县街道镇乡社区村"
"""Chinese every window shows: GridMap's name and the words of place names (the grids' districts and streets)."""
CJK_FONTS = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
             "SimHei")


def wants_chinese(lang: str | None) -> bool:
    """``lang`` "zh" asks for Chinese; ``None`` follows the system locale."""
    if lang is not None:
        return lang.lower().startswith("zh")
    return QLocale.system().language() == QLocale.Chinese


def install_translators(app: QApplication, lang: str | None) -> list[QTranslator]:
    """Load GridMap's and Qt's own Chinese translations when wanted, else GridMap's English singular and plural
    forms (``tr(text, "", n)``); returns the installed translators."""
    installed = []
    if not wants_chinese(lang):
        translator = QTranslator(app)
        if translator.load("gridmap_en", str(TRANSLATIONS_DIR)):
            app.installTranslator(translator)
            installed.append(translator)
        return installed
    for name, directory in (("gridmap_zh_CN", TRANSLATIONS_DIR),
                            ("qtbase_zh_CN", Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath)))):
        translator = QTranslator(app)
        if translator.load(name, str(directory)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def translate_core(template: str) -> str:
    """A core message template in the current language (Qt's translate is safe in worker threads)."""
    return QCoreApplication.translate("core", template)


def set_cjk_font(app: QApplication) -> None:
    """Prefer a font that has Chinese glyphs, keeping the platform's point size."""
    families = set(QFontDatabase.families())
    available = [family for family in CJK_FONTS if family in families]
    if available:
        font = QFont(app.font())
        font.setFamilies(available + [app.font().family()])
        app.setFont(font)


def font_banner(window: MainWindow) -> QLabel | None:
    """When no font can draw the Chinese the window shows (its menus, place names), a one-line banner at the top
    of ``window`` saying how to get one; else None."""
    text = PLACE_WORDS + window.windowTitle() + "".join(a.text() for a in window.menuBar().actions())
    if not missing_chinese(text, QApplication.font()):
        return None
    bar = QToolBar(window)
    bar.setObjectName("fontBanner")
    bar.setMovable(False)
    # English whatever the language: without a Chinese font, a Chinese banner would be boxes too.
    label = plain_label(bar, "No font on this computer can draw Chinese, so it shows as boxes: install one "
                             "(Debian/Ubuntu: apt-get install fonts-noto-cjk) and restart GridMap; to print, choose a "
                             "font file in File > Print Map... > Font.")
    label.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 4px;")
    bar.addWidget(label)
    window.addToolBarBreak(Qt.TopToolBarArea)
    window.addToolBar(Qt.TopToolBarArea, bar)
    return label


def prepare_web_engine(debug: bool = False) -> None:
    """Before the QApplication exists: declare the ``gridmap://`` scheme, and let Chromium run as root (as in
    containers and CI), which it refuses to do with its sandbox on. Unless ``debug``, Chromium's and Qt's log
    messages (missing GPU, Vulkan, D-Bus on every start) are silenced; Qt's critical messages still show."""
    register_scheme()
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in flags:
        flags.append("--no-sandbox")
    if not debug:
        flags += [flag for flag in ("--log-level=3", "--disable-logging") if flag not in flags]
        qInstallMessageHandler(_critical_only)
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)


def _critical_only(kind, _context, message: str) -> None:
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(message, file=sys.stderr)


def create_application(argv: list[str] | None = None, lang: str | None = None, debug: bool = False) -> QApplication:
    """The QApplication (reused if one exists) with names, translators and font set (``debug``: see
    :func:`prepare_web_engine`). In Chinese, core's messages (errors, problems, progress) are translated too,
    from the ``core`` context; else they stay English."""
    if QApplication.instance() is None:
        prepare_web_engine(debug)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("GridMap")
    app.setOrganizationName("GridMap")
    app.setApplicationDisplayName("GridMap")
    app._gridmap_translators = install_translators(app, lang)
    set_translator(translate_core if wants_chinese(lang) else None)
    set_cjk_font(app)
    return app


def open_sample(window: MainWindow, directory: Path | None = None) -> Task:
    """Open the sample city in ``window``, building it in a worker on first run (in ``directory`` if given),
    behind a progress dialog shown at once."""
    from gridmap.ops.demo import build_demo, sample_project_path

    first_run = not sample_project_path(directory).exists()
    title = (QCoreApplication.translate("GridMapApp", "Building the sample city…") if first_run
             else QCoreApplication.translate("GridMapApp", "Preparing the sample city"))
    task = Task(window, title, lambda progress: build_demo(directory, progress=progress), announced=first_run)
    task.finished.connect(lambda path: window.open_path(Path(path)))
    return task.start()


def start(project: Path | str | None = None, lang: str | None = None, debug: bool = False) -> MainWindow:
    """The main window shown with ``project`` (a file, or a database URL as text) opening, or the sample city (its progress shown at once when it
    is built on first run); ``debug`` keeps Qt's and Chromium's log messages."""
    create_application(lang=lang, debug=debug)
    window = MainWindow()
    font_banner(window)
    window.show()
    if isinstance(project, str):  # a database URL
        QTimer.singleShot(0, lambda: window.open_url(project))
    elif project is not None:
        QTimer.singleShot(0, lambda: window.open_path(Path(project)))
    else:
        open_sample(window)
    return window


def run(project: Path | str | None = None, lang: str | None = None, debug: bool = False) -> int:
    """:func:`start` and run the event loop."""
    window = start(project, lang, debug)  # noqa: F841 (kept alive while the loop runs)
    return QApplication.instance().exec()
