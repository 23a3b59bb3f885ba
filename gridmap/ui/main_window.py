"""GridMap's main window: menus, layer panel, attribute table, status bar and the overview in the centre."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

import gridmap
from gridmap.core.errors import GridMapError, ProjectLocked
from gridmap.core.store import GpkgStore
from gridmap.ui.attribute_table import AttributeTable
from gridmap.ui.import_dialog import SOURCE_SUFFIXES, ImportDialog
from gridmap.ui.labels import role_labels
from gridmap.ui.layer_panel import LayerPanel
from gridmap.ui.overview import OverviewWidget
from gridmap.ui.tasks import Task, show_message

MAX_RECENT = 10
RECENT_KEY = "recentFiles"


class MainWindow(QMainWindow):
    """One open project at a time, held under the project file's lock while open."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = None
        self._lock = None
        self._task: Task | None = None
        self.setAcceptDrops(True)
        self.resize(1280, 820)

        self.overview = OverviewWidget(self)
        self.setCentralWidget(self.overview)

        self.layer_panel = LayerPanel(self)
        self.layer_dock = QDockWidget(self.tr("Layers"), self)
        self.layer_dock.setObjectName("layerDock")
        self.layer_dock.setWidget(self.layer_panel)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.layer_dock)

        self.table = AttributeTable(self)
        self.table_dock = QDockWidget(self.tr("Attribute Table"), self)
        self.table_dock.setObjectName("tableDock")
        self.table_dock.setWidget(self.table)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.table_dock)
        self.resizeDocks([self.layer_dock], [240], Qt.Horizontal)
        self.resizeDocks([self.table_dock], [260], Qt.Vertical)

        self.crs_label = QLabel(self)
        self.count_label = QLabel(self)
        self.admin_label = QLabel(self)
        self.path_label = QLabel(self)
        for label in (self.path_label, self.admin_label, self.count_label, self.crs_label):
            label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addWidget(self.path_label, 1)
        for label in (self.count_label, self.admin_label, self.crs_label):
            self.statusBar().addPermanentWidget(label)

        self._build_menus()
        self._restore_geometry()
        self._show_project()

    # --- menus ---------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu = file_menu
        self._add_action(file_menu, self.tr("&New from Boundaries…"), self.new_from_boundaries, QKeySequence.New)
        self._add_action(file_menu, self.tr("&Open…"), self.open_dialog, QKeySequence.Open)
        self.save_action = self._add_action(file_menu, self.tr("&Save"), self.save, QKeySequence.Save)
        self.save_as_action = self._add_action(file_menu, self.tr("Save &As…"), self.save_as, QKeySequence.SaveAs)
        file_menu.addSeparator()
        self.recent_menu = file_menu.addMenu(self.tr("Recent &Files"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self._add_action(file_menu, self.tr("&Quit"), self.close, QKeySequence.Quit)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.layer_dock.toggleViewAction())
        view_menu.addAction(self.table_dock.toggleViewAction())

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._add_action(help_menu, self.tr("&About GridMap"), self.about)

    def _add_action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda checked=False: slot())
        menu.addAction(action)
        return action

    def recent_files(self) -> list[str]:
        value = QSettings().value(RECENT_KEY, [])
        return [value] if isinstance(value, str) else list(value or [])

    def _remember(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        recent = [entry] + [p for p in self.recent_files() if p != entry]
        QSettings().setValue(RECENT_KEY, recent[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for entry in recent:
            action = self.recent_menu.addAction(Path(entry).name)
            action.setToolTip(entry)
            action.triggered.connect(lambda checked=False, p=entry: self.open_path(Path(p)))
        if not recent:
            self.recent_menu.addAction(self.tr("(empty)")).setEnabled(False)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About GridMap"), self.tr(
            "<h3>GridMap {version}</h3><p>Desktop GIS for grid-based community governance (全科网格).</p>"
        ).format(version=gridmap.__version__))

    # --- opening -------------------------------------------------------------------------------------

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open Project"), self._last_directory(),
                                              self.tr("GridMap projects (*.gpkg)"))
        if name:
            self.open_path(Path(name))

    def _last_directory(self) -> str:
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def open_path(self, path: Path) -> bool:
        """Lock and load the project at ``path``; on failure tell the user and keep the current project."""
        path = Path(path)
        if self.project is not None and self.project.path is not None and path.resolve() == self.project.path.resolve():
            return True
        store = GpkgStore(path)
        title = self.tr("Open Project")
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            project = store.load()  # reading is safe while another process saves: saves are atomic renames
            lock = store.lock()
        except ProjectLocked as exc:
            show_message(self, title, self.tr("{name} is open in another GridMap window.").format(name=path.name),
                         str(exc))
            return False
        except GridMapError as exc:
            show_message(self, title, str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.set_project(project, lock)
        return True

    def set_project(self, project, lock) -> None:
        """Show ``project``, holding ``lock`` until another project replaces it or the window closes."""
        self._release_lock()
        self.project, self._lock = project, lock
        if project.path is not None:
            self._remember(project.path)
        self._show_project()

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _show_project(self) -> None:
        project = self.project
        self.save_action.setEnabled(project is not None)
        self.save_as_action.setEnabled(project is not None)
        self.layer_panel.set_project(project)
        if project is None:
            self.setWindowTitle("GridMap")
            self.overview.set_grids(None)
            self.table.set_frame(None)
            for label in (self.crs_label, self.count_label, self.admin_label, self.path_label):
                label.clear()
            return
        name = project.path.name if project.path is not None else self.tr("untitled")
        self.setWindowTitle(f"GridMap — {name}")
        self.overview.set_grids(project.grids)
        self.table.set_frame(project.grids.drop(columns=project.grids.geometry.name), role_labels())
        summary = project.summary()
        self.crs_label.setText(self.tr("CRS: {crs}").format(crs=summary.get("crs", "")))
        self.count_label.setText(self.tr("{count} grids").format(count=f"{summary.get('grids', 0):,}"))
        self.admin_label.setText(self.tr("{districts} districts · {streets} streets").format(
            districts=summary.get("districts", 0), streets=summary.get("streets", 0)))
        self.path_label.setText(str(project.path) if project.path is not None else "")

    # --- importing -----------------------------------------------------------------------------------

    def new_from_boundaries(self, source: Path | None = None) -> ImportDialog:
        """Open the import dialog (window-modal, non-blocking); the created project is opened here."""
        dialog = ImportDialog(self, source)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.project_created.connect(self._on_project_created)
        dialog.open()
        return dialog

    def _on_project_created(self, project, problems: list) -> None:
        try:
            lock = GpkgStore(project.path).lock()
        except GridMapError as exc:
            show_message(self, self.tr("Open Project"), str(exc))
            return
        self.set_project(project, lock)
        if problems:
            self.statusBar().showMessage(
                self.tr("Project created with {count} warnings.").format(count=len(problems)), 10000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_source(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        source = self._dropped_source(event)
        if source is not None:
            event.acceptProposedAction()
            self.new_from_boundaries(source)

    @staticmethod
    def _dropped_source(event) -> Path | None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SOURCE_SUFFIXES:
                return Path(url.toLocalFile())
        return None

    # --- saving --------------------------------------------------------------------------------------

    def save(self) -> None:
        if self.project is None:
            return
        if self.project.path is None:
            self.save_as()
            return
        self._save_to(self.project.path, None)

    def save_as(self) -> None:
        if self.project is None:
            return
        start = str(self.project.path) if self.project.path is not None else self._last_directory()
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save Project As"), start,
                                              self.tr("GridMap projects (*.gpkg)"))
        if not name:
            return
        path = Path(name if name.lower().endswith(".gpkg") else f"{name}.gpkg")
        if self.project.path is not None and path.resolve() == self.project.path.resolve():
            self.save()
            return
        try:
            lock = GpkgStore(path).lock()
        except GridMapError as exc:
            show_message(self, self.tr("Save Project As"), str(exc))
            return
        self._save_to(path, lock)

    def _save_to(self, path: Path, new_lock) -> None:
        """Save in a worker; with ``new_lock`` the project moves to ``path`` once written."""
        project = self.project
        self._task = Task(self, self.tr("Saving project"),
                          lambda progress: GpkgStore(path).save(project, progress=progress))

        def done(_result) -> None:
            self._task = None
            if new_lock is not None:
                project.path = path
                self.set_project(project, new_lock)
            self.statusBar().showMessage(self.tr("Saved {name}").format(name=path.name), 5000)

        def not_done(*_args) -> None:
            self._task = None
            if new_lock is not None:
                new_lock.release()

        self._task.finished.connect(done)
        self._task.failed.connect(not_done)
        self._task.cancelled.connect(not_done)
        self._task.start()

    def is_busy(self) -> bool:
        return self._task is not None

    # --- window state --------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        state = settings.value("mainWindow/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._task is not None:
            self._task.wait()
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        self._release_lock()
        super().closeEvent(event)
