"""GridMap's main window: the map in the centre; layers, search, identify and attribute-table docks; menus and
status bar. The open project and its selection are the :class:`~gridmap.ui.session.ProjectSession`'s; the window
lays out the panels and shows the session's changes in the map, the tables and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from pyproj import Transformer
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QCursor, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox, QToolBar, QWidget

from gridmap.core.errors import BoundaryFileGiven, GridMapError, ProjectLocked
from gridmap.core.records.filters import RecordFilter
from gridmap.core.io.export import export_layer
from gridmap.ops import open_project
from gridmap.core.project.kinds import private_columns
from gridmap.core.project.meta import overrides as kind_overrides
from gridmap.store.dburl import DbUrl, is_db_url
from gridmap.store.gpkg import GpkgStore, check_project_file
from gridmap.store.postgis import PostgisStore
from gridmap.ui.dialogs.database_dialog import DatabaseDialog, db_title
from gridmap.ui.map.basemap_settings import is_trusted, key_for, remember_key, trust
from gridmap.map.basemaps import NONE, Basemap
from gridmap.map.export import export_html
from gridmap.ui.map.view import MapView
from gridmap.ui.actions import ActionSet
from gridmap.ui.panels.attribute_table import AttributeTable
from gridmap.ui.panels.balance_dock import BalancePanel
from gridmap.ui.map.basemap_dialog import BasemapDialog
from gridmap.ui.map.choropleth_dialog import ChoroplethDialog
from gridmap.ui.editing.edit_tools import EditTools
from gridmap.ui.panels.filter_bar import FilterBar
from gridmap.ui.folder_feed import FolderFeed
from gridmap.ui.desk_sync import DeskSync
from gridmap.ui.panels.identify_panel import IdentifyPanel
from gridmap.ui.dialogs.import_dialog import SOURCE_SUFFIXES, ImportDialog
from gridmap.ui.labels import role_labels
from gridmap.ui.panels.layer_panel import LayerPanel
from gridmap.ui.messages import ask, message_box, plain_label, plain_tooltip, show_message
from gridmap.ui.editing.plans_dialog import PlansDialog
from gridmap.ui.dialogs.help_dialogs import AboutDialog, ShortcutsDialog, UserGuide
from gridmap.ui.dialogs.privacy_dialogs import AuditLogDialog, RevealDialog
from gridmap.ui.editing.record_edits import RecordActions
from gridmap.ui.dialogs.record_import_dialog import RECORD_SUFFIXES
from gridmap.ui.map.record_overlays import POINT_KINDS, RecordOverlays
from gridmap.ui.panels.record_table import LayerTables
from gridmap.ui.panels.search_panel import SearchPanel
from gridmap.ui.session import ProjectSession, held_store
from gridmap.ui.panels.stats_dock import StatsPanel
from gridmap.ui.tasks import Task, run_in_thread
from gridmap.ui.panels.validation_panel import ValidationPanel
from gridmap.ui.panels.visits_dock import VISIT_STATISTICS, VisitsPanel

MAX_RECENT = 10
RECENT_KEY = "recentFiles"


class MainWindow(QMainWindow):
    """One open project at a time, held under the project file's lock while open. The project, selection, undo
    stack and dirty flag are the :attr:`session`'s; the window lays out the panels, builds the menus from
    :data:`gridmap.ui.actions.ACTIONS` and shows the session's changes in its own widgets."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = ProjectSession(self)
        self._lock = None
        self.store = None
        """Where the open project is stored (None: a project only looked at, or not stored yet)."""
        self._task: Task | None = None
        self._to_gk: Transformer | None = None
        self._gk_epsg: int | None = None
        self._from_table = False
        self._save_prompt: QMessageBox | None = None
        self.feed: FolderFeed | None = None
        self.desks: DeskSync | None = None
        """Other desks' commits to the open database project, listened to (None for a file)."""
        """The folder being watched (File → Watch Folder…), or None."""
        self.ask_before_online = True
        """Whether a project's online basemap the user has not confirmed is asked about (False: not shown)."""
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        session = self.session
        session.gridsReplaced.connect(self._show_project)
        session.gridsChanged.connect(self._show_edited_grids)
        session.selectionChanged.connect(self._show_selection)
        session.recordsChanged.connect(self._show_records)
        session.privacyChanged.connect(self._show_revealed)
        session.dirtyChanged.connect(lambda _dirty: self._update_title())

        self.map = MapView(self)
        self.setCentralWidget(self.map)

        self.layer_panel = LayerPanel(self)
        self.layer_dock = self._dock(self.layer_panel, self.tr("Layers"), "layerDock", Qt.LeftDockWidgetArea)
        self.search = SearchPanel(self)
        self.search_dock = self._dock(self.search, self.tr("Search"), "searchDock", Qt.LeftDockWidgetArea)
        self.identify = IdentifyPanel(self)
        self.identify_dock = self._dock(self.identify, self.tr("Identify"), "identifyDock", Qt.RightDockWidgetArea)
        self.table = AttributeTable(self)
        self.tables = LayerTables(self.table, self)
        self.table_dock = self._dock(self.tables, self.tr("Attribute Table"), "tableDock", Qt.BottomDockWidgetArea)
        self.resizeDocks([self.layer_dock, self.identify_dock], [260, 260], Qt.Horizontal)
        self.resizeDocks([self.table_dock], [220], Qt.Vertical)
        self._build_stats()
        self.overlays = RecordOverlays(session, self.map, self.layer_panel, self)
        self.layer_panel.recordLayerToggled.connect(self.overlays.set_visible)
        self.layer_panel.styleRequested.connect(self.overlays.set_style)

        self.position_label = plain_label(self)
        self.crs_label = plain_label(self)
        self.count_label = plain_label(self)
        self.admin_label = plain_label(self)
        self.path_label = plain_label(self)
        for label in (self.path_label, self.position_label, self.admin_label, self.count_label, self.crs_label):
            label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addWidget(self.path_label, 1)
        for label in (self.position_label, self.count_label, self.admin_label, self.crs_label):
            self.statusBar().addPermanentWidget(label)

        self.map.gridClicked.connect(self._on_grid_clicked)
        self.map.emptyClicked.connect(lambda toggle: None if toggle else self.set_selection([]))
        self.map.boxSelected.connect(
            lambda rows, add: self.set_selection(sorted(set(self.selection) | set(rows)) if add else rows))
        self.map.mouseMoved.connect(self._show_position)
        self.map.mouseLeft.connect(self.position_label.clear)
        # queued: the dialog runs its own event loop, not inside the page's call
        self.map.basemapRequested.connect(self.choose_basemap, Qt.QueuedConnection)
        self.table.rowsSelected.connect(lambda rows: self.set_selection(rows, source=self.table))
        self.search.activated.connect(self._select_and_zoom)
        self.layer_panel.zoomRequested.connect(self.map.zoom_to)
        self.layer_panel.selectRequested.connect(self._select_and_zoom)

        self._build_record_editing()
        self.edit_tools = EditTools(session, self.map, self.statusBar(), self)
        self.edit_toolbar = QToolBar(self.edit_tools.title(), self)
        self.edit_toolbar.setObjectName("editToolBar")
        self.addToolBar(Qt.TopToolBarArea, self.edit_toolbar)
        self.validation = ValidationPanel(session, self.map, self)
        self.validation_dock = self._dock(self.validation, self.validation.title(), "validationDock",
                                          Qt.RightDockWidgetArea)
        self.tabifyDockWidget(self.identify_dock, self.validation_dock)
        self.identify_dock.raise_()
        self.balance = BalancePanel(session, self.map, self.overlays, self)
        self.balance_dock = self._dock(self.balance, self.balance.title(), "balanceDock", Qt.BottomDockWidgetArea)
        self.tabifyDockWidget(self.stats_dock, self.balance_dock)
        self.visits = VisitsPanel(session, self.map, self.overlays, self)
        self.visits_dock = self._dock(self.visits, self.visits.title(), "visitsDock", Qt.BottomDockWidgetArea)
        self.tabifyDockWidget(self.balance_dock, self.visits_dock)
        self.visits.targetActivated.connect(self.show_record)
        self.identify.visit_status = lambda: self.visits.status
        self.table_dock.raise_()
        self._build_menus()
        self._restore_geometry()
        self._show_project(None)

    # --- the session's state, as the window's (for callers that hold the window) -----------------------

    @property
    def project(self):
        return self.session.project

    @property
    def selection(self) -> list[int]:
        return self.session.selection

    @property
    def undo_stack(self):
        return self.session.undo_stack

    @property
    def selectionChanged(self):
        """The session's :attr:`~gridmap.ui.session.ProjectSession.selectionChanged`."""
        return self.session.selectionChanged

    @property
    def filterChanged(self):
        """The session's :attr:`~gridmap.ui.session.ProjectSession.filterChanged`."""
        return self.session.filterChanged

    @property
    def privacyChanged(self):
        """The session's :attr:`~gridmap.ui.session.ProjectSession.privacyChanged`."""
        return self.session.privacyChanged

    @property
    def recordsChanged(self):
        """The session's :attr:`~gridmap.ui.session.ProjectSession.recordsChanged`."""
        return self.session.recordsChanged

    @property
    def projectChanged(self):
        """The session's :attr:`~gridmap.ui.session.ProjectSession.gridsReplaced`."""
        return self.session.gridsReplaced

    def _dock(self, widget: QWidget, title: str, name: str, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # --- menus ---------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        """Menus and the Edit Grids toolbar from :data:`gridmap.ui.actions.ACTIONS`."""
        self.action_set = ActionSet(self, self.session, {"edit": self.edit_toolbar})
        actions, menus = self.action_set.actions, self.action_set.menus
        self.file_menu, self.edit_menu, self.view_menu = menus["file"], menus["edit"], menus["view"]
        self.recent_menu = menus["file/recent"]
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.edit_tools.actions = {name: actions[f"edit.{name}"] for name in EditTools.TOOLS}
        self.save_action, self.save_as_action = actions["file.save"], actions["file.save_as"]
        self.import_records_action = actions["file.import_records"]
        self.colour_actions = {key: actions[f"view.colour.{key}"] for key in ("district", "street", "none")}
        self.label_actions = {key: actions[f"view.labels.{key}"] for key in ("code", "name", "none")}
        self.grids_visible_action = actions["view.grids"]
        self.layer_panel.gridsVisibilityChanged.connect(self.grids_visible_action.setChecked)
        self.reveal_action = actions["view.reveal"]
        self.watch_action = actions["file.watch"]

    def recent_files(self) -> list[str]:
        value = QSettings().value(RECENT_KEY, [])
        return [value] if isinstance(value, str) else list(value or [])

    def _remember(self, entry: str) -> None:
        """Put a project (a path, or a database URL without its password) first in the recent files."""
        recent = [entry] + [p for p in self.recent_files() if p != entry]
        QSettings().setValue(RECENT_KEY, recent[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for entry in recent:
            action = self.recent_menu.addAction(db_title(DbUrl.parse(entry)) if is_db_url(entry) else Path(entry).name)
            action.setToolTip(plain_tooltip(entry))
            action.triggered.connect(lambda checked=False, e=entry: self.open_url(e) if is_db_url(e)
                                     else self.open_path(Path(e)))
        if not recent:
            self.recent_menu.addAction(self.tr("(empty)")).setEnabled(False)

    def about(self) -> AboutDialog:
        """Help → About GridMap: versions and the licences of the bundled data (non-blocking)."""
        return self._open_help(AboutDialog(self))

    def user_guide(self) -> UserGuide:
        """Help → User Guide: the guide in the interface's language (non-blocking)."""
        return self._open_help(UserGuide(self))

    def keyboard_shortcuts(self) -> ShortcutsDialog:
        """Help → Keyboard Shortcuts (non-blocking)."""
        return self._open_help(ShortcutsDialog(self))

    @staticmethod
    def _open_help(dialog):
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def audit_log_dialog(self) -> AuditLogDialog:
        """Help → Audit Log…: every reveal of ID and phone numbers recorded in the project (non-blocking)."""
        dialog = AuditLogDialog(self.project.audit if self.project is not None else [], self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def audit_reveal(self, action: str, layer: str, records: int, output=None) -> None:
        """The session's :meth:`~gridmap.ui.session.ProjectSession.audit_reveal`."""
        self.session.audit_reveal(action, layer, records, output)

    # --- opening -------------------------------------------------------------------------------------

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open Project"), self._last_directory(),
                                              self.tr("GridMap projects (*.gpkg)"))
        if name:
            self.open_path(Path(name))

    def _last_directory(self) -> str:
        recent = [entry for entry in self.recent_files() if not is_db_url(entry)]
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def open_path(self, path: Path) -> bool:
        """Lock and load the project at ``path``; on failure tell the user and keep the current project. A
        boundary file opens the New from Boundaries dialog with it."""
        path = Path(path)
        if self.project is not None and self.project.path is not None and path.resolve() == self.project.path.resolve():
            return True
        try:
            check_project_file(path)
        except BoundaryFileGiven:
            self.new_from_boundaries(path)
            return False
        except GridMapError:
            pass  # reported below, after the question about unsaved changes
        if self.is_modified() and ask(
                self, self.tr("Unsaved Changes"),
                self.tr("The project has unsaved changes. Discard them and open {name}?").format(name=path.name),
                QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel) != QMessageBox.Discard:
            return False
        return self._open_store(GpkgStore(path), path.name)

    def open_database_dialog(self) -> DatabaseDialog:
        """File → Open Database Project…: the connection dialog (window-modal, non-blocking); the project it
        names is opened here."""
        dialog = DatabaseDialog(self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.open_url(dialog.url()))
        dialog.open()
        return dialog

    def open_url(self, url: str | DbUrl) -> bool:
        """Load the database project at ``url`` (``postgresql://…?schema=NAME``); on failure tell the user and keep
        the current project."""
        title = self.tr("Open Database Project")
        try:
            url = url if isinstance(url, DbUrl) else DbUrl.parse(url)
        except GridMapError as exc:
            show_message(self, title, str(exc))
            return False
        if self.is_modified() and ask(
                self, self.tr("Unsaved Changes"),
                self.tr("The project has unsaved changes. Discard them and open {name}?").format(name=db_title(url)),
                QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel) != QMessageBox.Discard:
            return False
        return self._open_store(PostgisStore(url), db_title(url))

    def _open_store(self, store, name: str) -> bool:
        """Load the project in ``store`` (a file or a database schema, called ``name``) and show it, holding the
        store's lock; on failure tell the user and keep the current project."""
        title = self.tr("Open Project")
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            # reading is safe while another process saves (saves are atomic renames or transactions); meanwhile
            # the window keeps painting and the map page finishes loading
            project = run_in_thread(lambda: open_project(store), self)
            lock = store.lock()
        except ProjectLocked as exc:
            show_message(self, title, self.tr("{name} is open in another GridMap window.").format(name=name),
                         str(exc))
            return False
        except BoundaryFileGiven:
            self.new_from_boundaries(store.path)
            return False
        except GridMapError as exc:
            show_message(self, title, str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        held = project.layers.hold()  # the grids are painted first; the record layers follow, read off this thread
        self.set_project(project, lock, store)
        if held:
            QGuiApplication.setOverrideCursor(Qt.BusyCursor)
            try:
                served = [kind for kind in held if kind in POINT_KINDS and project.layers.serves_points(kind)]

                def read() -> None:
                    project.layers.read_held(skip=served)  # the map asks the store for those
                    for kind in served:  # counted here, kept for the filter bar, the map and the statistics
                        project.layers.record_counts(kind)

                run_in_thread(read, self)
            except GridMapError as exc:
                show_message(self, title, str(exc))
            finally:
                QGuiApplication.restoreOverrideCursor()
            project.layers.release()
            if self.project is project:
                self._show_record_layers(project, read_later=True)
        return True

    def set_project(self, project, lock, store=None) -> None:
        """Show ``project``, holding ``lock`` until another project replaces it or the window closes (no lock:
        only looking, as ``gridmap snapshot`` does; the project is then not added to the recent files).
        ``store``: where it is stored (default: its file, when locked)."""
        self.set_privacy_revealed(False)  # a reveal is for one project, with its reason in its log
        if project is not self.project:
            self.stop_watching()
        self._release_lock()
        self._lock = lock
        if store is None and project.path is not None and lock is not None:
            store = GpkgStore(project.path)
        self.store = store
        self._stop_listening()
        url = getattr(store, "url", None)
        if url is not None:
            self.desks = DeskSync(self.session, store, self)
            self.desks.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        if url is not None:
            self._remember(url.saved())
        elif project.path is not None and lock is not None:
            self._remember(str(Path(project.path).resolve()))
        self.session.set_project(project)

    def show_project(self) -> None:
        """Show the project everywhere as when it was opened (also after its grids were replaced by another plan)
        and emit :attr:`projectChanged`."""
        self.session.set_project(self.project)

    def _stop_listening(self) -> None:
        if self.desks is not None:
            self.desks.stop()
            self.desks.deleteLater()
            self.desks = None

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.__exit__(None, None, None)  # a file's lock, or a database store's context that holds none
            self._lock = None

    def _show_record_layers(self, project, read_later: bool = False) -> None:
        """The layer panel, the map's record overlays, the filters, the tables and Identify show ``project``'s
        layers (``read_later``: read after its grids were shown: the map gets them before the panel's ticks)."""
        if read_later:
            self.overlays.set_project(project)
        self.layer_panel.set_project(project)
        self.overlays.set_project(project)
        self.refresh_records(project)
        self.tables.set_project(project, self.session.record_filter)
        self.identify.set_project(project, self.session.record_filter)
        if read_later:
            self.visits.records_read()

    def _show_project(self, project) -> None:
        """The session shows ``project`` (another one, or the open one after its grids were replaced)."""
        self._show_record_layers(project)
        self.identify.show_grid(None, None)
        self.search.set_grids(project.grids if project is not None else None)
        if project is None:
            self._update_title()
            self.map.set_grids(None)
            self.table.set_frame(None)
            for label in (self.crs_label, self.count_label, self.admin_label, self.path_label):
                label.clear()
            return
        self._restore_map_state(project.meta.get("map") or {})  # first: the map's data are prepared in a thread
        self.set_grids_visible(True)
        self._update_title()
        self._gk_epsg = project.gk_epsg()
        self._to_gk = Transformer.from_crs(4490, self._gk_epsg, always_xy=True)
        self.table.set_frame(project.grids.drop(columns=project.grids.geometry.name), role_labels())
        summary = project.summary()
        self.crs_label.setText(self.tr("CRS: {crs}").format(crs=summary.get("crs", "")))
        self.count_label.setText(self.tr("{count} grids").format(count=f"{summary.get('grids', 0):,}"))
        self.admin_label.setText(self.tr("{districts} districts · {streets} streets").format(
            districts=summary.get("districts", 0), streets=summary.get("streets", 0)))
        self.path_label.setText(self.store.label if getattr(self.store, "url", None) is not None
                                else str(project.path) if project.path is not None else "")

    # --- records: filter bar and statistics ------------------------------------------------------------

    def _build_stats(self) -> None:
        """The record filter bar (a toolbar) and the statistics dock (tabbed with the attribute table)."""
        self.filter_bar = FilterBar(self)
        self.filter_toolbar = QToolBar(self.tr("Record Filter"), self)
        self.filter_toolbar.setObjectName("filterToolBar")
        self.filter_toolbar.addWidget(self.filter_bar)
        self.addToolBar(Qt.TopToolBarArea, self.filter_toolbar)
        self.stats = StatsPanel(self)
        self.stats_dock = self._dock(self.stats, self.tr("Statistics"), "statsDock", Qt.BottomDockWidgetArea)
        self.tabifyDockWidget(self.table_dock, self.stats_dock)
        self.table_dock.raise_()
        self.filter_bar.filterChanged.connect(self.stats.set_filter)
        self.filter_bar.filterChanged.connect(self.session.filterChanged)
        self.session.set_filter_source(self.filter_bar.filter_for)
        self.stats.unitActivated.connect(self.map.zoom_to)

    def refresh_records(self, project) -> None:
        """Show the record layers of ``project`` in the filter bar and the statistics (call again after a layer
        was added or changed)."""
        self.stats.set_project(project)
        self.filter_bar.set_project(project)  # emits filterChanged for the first record kind

    def record_filter(self, kind: str) -> RecordFilter:
        """The filter bar's current filter for ``kind`` records (time window, categories, statuses)."""
        return self.session.record_filter(kind)

    # --- records: tables, Identify, privacy, editing -------------------------------------------------------

    def _build_record_editing(self) -> None:
        """Record import and editing (undoable), and what the record tables and Identify ask for."""
        self.record_actions = RecordActions(self.session, self)
        self.tables.recordActivated.connect(self.show_record)
        self.tables.servedActivated.connect(lambda kind, frame: self.identify.show_record(kind, 0, frame))
        self.session.filterChanged.connect(self.tables.set_filter)
        self.tables.assignRequested.connect(self.record_actions.assign_dialog)
        self.tables.clearRequested.connect(self.record_actions.clear)
        self.tables.gridMenuRequested.connect(self.record_actions.show_grid_menu)
        self.identify.recordActivated.connect(self.show_record)
        self.identify.gridActivated.connect(self._identify_grid)
        self.identify.assignWorkerRequested.connect(self.record_actions.worker_dialog)
        self.identify.unassignWorkerRequested.connect(self.record_actions.unassign_worker)
        self.session.filterChanged.connect(lambda *_args: self.identify.refresh())
        self.map.pointClicked.connect(self.show_record)

    def import_records(self, source: Path | None = None):
        """File → Import Records…: the record import dialog for the open project (returned; None without one)."""
        if self.project is None:
            self.statusBar().showMessage(self.tr("Open or create a project before importing records."), 5000)
            return None
        held = held_store(self.store) if self.store is not None and self._lock is not None else None
        return self.record_actions.import_dialog(source, held)

    def records_changed(self, kind: str, new_values: bool = False) -> None:
        """The session's :meth:`~gridmap.ui.session.ProjectSession.records_changed`."""
        self.session.records_changed(kind, new_values)

    def _show_records(self, kind: str) -> None:
        """The project's ``kind`` layer changed: refresh its table, the map's overlays, Identify and the
        statistics. With new values (an import: new categories or dates), or when the layer came or went, the
        filter bar starts over too."""
        layers = self.project.layers
        served = kind in POINT_KINDS and layers.serves_points(kind)
        layer = None if served else layers.get(kind)
        start_over = self.session.has_new_values(kind) or (layer is None and not served) == (kind in self.tables.tables)
        if served:  # not read: its table pages it from the store
            self.tables.show_served(kind, layers, self.session.record_filter(kind),
                                    private_columns(self.project.meta, kind))
        else:
            self.tables.update_layer(kind, layer, kind_overrides(self.project.meta, kind),
                                     private_columns(self.project.meta, kind))
        self.overlays.records_changed(kind)
        if start_over:
            self.refresh_records(self.project)
        else:
            self.stats.refresh()
        self.identify.refresh()

    def show_record(self, kind: str, row: int) -> None:
        """Identify the ``kind`` record at row position ``row`` of its layer and select it in its table (of
        a layer the store serves: the point at ``row`` of those on the map)."""
        served = self.map.served_rows.get(kind)
        if served is not None:
            self.identify.show_record(kind, row, served)
            return
        self.identify.show_record(kind, row)
        self.tables.show_record(kind, row)

    def _identify_grid(self, code: str) -> None:
        rows = np.flatnonzero(self.project.grids["code"].astype(str).to_numpy() == code).tolist()
        if rows:
            self._select_and_zoom(rows)
            self.identify.show_grid(self.project.grids, rows[0])

    def privacy_revealed(self) -> bool:
        """Whether ID and phone numbers are shown in full (off at start, never saved)."""
        return self.session.revealed

    def set_privacy_revealed(self, revealed: bool) -> None:
        """Reveal ID and phone numbers (once the user confirms) or mask them again."""
        self.reveal_action.setChecked(revealed)

    def reveal_toggled(self, on: bool) -> None:
        """View → Reveal ID and Phone Numbers checked or unchecked: reveal (once confirmed) or mask."""
        if on and not self.session.revealed and not self._ask_reveal():
            self.reveal_action.blockSignals(True)
            self.reveal_action.setChecked(False)
            self.reveal_action.blockSignals(False)
            return
        self.session.set_revealed(on)

    def _show_revealed(self, on: bool) -> None:
        self.tables.set_revealed(on)
        self.identify.set_revealed(on)

    def _ask_reveal(self) -> bool:
        """Ask why numbers are to be revealed and record it in the project's audit log (written to the project
        file at once); False when the user cancelled or the row could not be written."""
        reason = RevealDialog.ask(self, self.tr("Reveal ID and Phone Numbers"), self.tr(
            "Show ID and phone numbers in full? They are personal data; make sure nobody who should not see them "
            "can see the screen. Type why they are needed: the reveal is recorded in the project's audit log."))
        if reason is None:
            return False
        if self.project is None:
            return True  # nothing to reveal; a project opened later starts masked
        self.session.reveal_reason = reason
        records = sum(self.project.layers.count(kind) for kind in self.project.layers)  # none read for this
        try:
            self.audit_reveal("reveal", ", ".join(self.project.layers) or "-", records)
        except GridMapError as exc:
            show_message(self, self.tr("Reveal ID and Phone Numbers"), str(exc))
            return False
        return True

    def is_modified(self) -> bool:
        """Whether the project has changes not saved yet."""
        return self.session.is_modified()

    def set_modified(self, modified: bool = True) -> None:
        """Mark the project changed, or saved (False: the undo stack's current state is the saved one)."""
        self.session.set_modified(modified)
        self._update_title()

    def _update_title(self) -> None:
        """The project's file name, with ``*`` when modified; Qt adds the application's display name (“taizhou.gpkg*
        — GridMap”), and shows that alone without a project."""
        if self.project is None:
            self.setWindowTitle("")
            self.setWindowModified(False)
            return
        url = getattr(self.store, "url", None)
        name = (db_title(url) if url is not None else self.project.path.name if self.project.path is not None
                else self.tr("untitled"))
        self.setWindowTitle(f"{name}[*]")
        self.setWindowModified(self.is_modified())

    def _ask_to_save(self) -> None:
        """Ask (window-modal, without blocking) whether to save before closing: Save closes once saved, Discard
        closes at once, Cancel keeps the window open."""
        if self._save_prompt is not None:
            return
        box = message_box(self, self.tr("Unsaved Changes"), self.tr("Save the changes to the project before closing?"),
                          QMessageBox.Question, QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
        box.setAttribute(Qt.WA_DeleteOnClose)
        self._save_prompt = box

        def answered(button) -> None:
            self._save_prompt = None
            choice = box.standardButton(button)
            if choice == QMessageBox.Discard:
                self.set_modified(False)
                self.close()
            elif choice == QMessageBox.Save:
                self.save()
                if self._task is not None:
                    self._task.finished.connect(lambda _result: self.close())

        box.buttonClicked.connect(answered)
        box.open()

    # --- map state saved with the project ------------------------------------------------------------------

    def _restore_map_state(self, state: dict) -> None:
        """Colouring, labels, basemap and extent as last saved; a basemap that cannot be read is dropped with a
        message in the status bar."""
        self.set_colour_by(state.get("colour_by", "district"), push=False)
        labels = state.get("labels", "code")
        labels = labels if labels in self.label_actions else "code"
        self.label_actions[labels].setChecked(True)
        self.map.set_labels(labels)
        extent = state.get("extent")
        extent = extent if isinstance(extent, list) and len(extent) == 4 else None
        if state.get("basemap"):
            try:
                basemap = self._project_basemap(Basemap.from_dict(state["basemap"]))
                self.map.set_grids(self.project.grids, extent, basemap)
                return
            except GridMapError as exc:
                self.statusBar().showMessage(self.tr("Basemap not shown: {error}").format(error=exc), 15000)
        self.map.set_grids(self.project.grids, extent, NONE)

    def _project_basemap(self, basemap: Basemap) -> Basemap:
        """The basemap a project names, with the user's key (a key an older project held moves to the settings
        and leaves the project at the next save). An online basemap the user has not chosen or confirmed on this
        machine is asked about first (never when :attr:`ask_before_online` is False); not confirmed, it is
        dropped (GridMapError)."""
        remember_key(basemap)
        if "{key}" in basemap.source:
            basemap = replace(basemap, key=key_for(basemap))
        if is_trusted(basemap):
            return basemap
        hosts = ", ".join(sorted(basemap.hosts()))
        if self.ask_before_online:
            box = QMessageBox(QMessageBox.Question, self.tr("Online Basemap"), self.tr(
                "This project shows the online basemap “{name}”, whose tiles come from {hosts}. Loading them "
                "tells that server where you are looking on the map. Load this basemap?").format(
                    name=basemap.name, hosts=hosts), QMessageBox.Yes | QMessageBox.No, self)
            box.setTextFormat(Qt.PlainText)
            box.setDefaultButton(QMessageBox.No)
            if box.exec() == QMessageBox.Yes:
                trust(basemap)
                return basemap
        raise GridMapError(self.tr("{hosts} was not confirmed as a tile server").format(hosts=hosts))

    def change_view(self, change: Callable[[], None]) -> None:
        """Run ``change`` of a view setting saved with the project (basemap, colouring, labels): if it changed
        one, the project is modified (Save keeps it, Quit asks). The view's extent is saved with the project too
        but never marks it modified: every pan would."""
        before = self._saved_view()
        change()
        if self.project is not None and self._saved_view() != before:
            self.session.set_modified(True)

    def _saved_view(self) -> dict:
        state = self.map_state()
        state.pop("extent", None)
        return state

    def map_state(self) -> dict:
        """What :meth:`_restore_map_state` restores, for saving in the project's metadata."""
        state = {"colour_by": self.map.colour_by, "labels": self.map.labels}
        if self.map.basemap.kind != "none":
            state["basemap"] = replace(self.map.basemap, key="").to_dict()  # keys stay in the user's settings
        if self.map.extent is not None:
            state["extent"] = self.map.extent
        return state

    def set_grids_visible(self, visible: bool) -> None:
        """Show or hide the grid layer; the View menu and the layer panel's check box follow."""
        self.grids_visible_action.setChecked(visible)
        self.layer_panel.set_grids_visible(visible)
        self.map.set_grids_visible(visible)

    def set_colour_by(self, by: str, push: bool = True) -> None:
        """Colour the grids by ``district``, ``street`` or ``none``; ``push=False`` leaves the sending to the
        next :meth:`MapView.set_grids`."""
        by = by if by in self.colour_actions else "district"
        self.colour_actions[by].setChecked(True)
        self.overlays.choropleth = None
        self.map.set_colour_by(by, self._legend_title(by), push)

    def choose_choropleth(self) -> None:
        """View → Colour Grids By → Statistic…: a choropleth of a per-grid statistic, following the filters."""
        if self.project is None:
            return
        dialog = ChoroplethDialog(self.overlays.choropleth, self)
        if dialog.exec():
            spec = dialog.spec()
            if spec.statistic in VISIT_STATISTICS:  # for the Visits dock's day
                spec = replace(spec, day=self.visits.day(), title=self.tr("{statistic} on {day}").format(
                    statistic=spec.title, day=self.visits.day().strftime("%Y-%m-%d")))
            self.overlays.set_choropleth(spec)

    def show_visit_rules(self):
        """Edit → Visit Rules…: the rules dialog (window-modal, non-blocking); None without a project."""
        from gridmap.ui.dialogs.rules_dialog import RulesDialog

        if self.project is None:
            return None
        dialog = RulesDialog(self.session, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_visits(self) -> None:
        """Show the Visits dock."""
        self.visits_dock.show()
        self.visits_dock.raise_()

    def show_plans(self) -> PlansDialog | None:
        """Edit → Grid Plans…: the plans dialog (window-modal, not blocking); None without a project."""
        return PlansDialog.show_for(self)

    def show_validation(self) -> None:
        """Edit → Validate Grids: show the Validation dock and check."""
        self.validation_dock.show()
        self.validation_dock.raise_()
        self.validation.run()

    def choose_basemap(self) -> None:
        dialog = BasemapDialog(self.map.basemap, self)
        if dialog.exec():
            try:
                self.change_view(lambda: self.map.set_basemap(dialog.basemap()))
            except GridMapError as exc:
                show_message(self, self.tr("Basemap"), str(exc))

    def print_map_dialog(self) -> None:
        """File → Print Map…: the print dialog for the open project, its selection and the map's view."""
        from gridmap.ui.dialogs.print_dialog import PrintDialog  # the print renderer loads when first needed

        if self.project is None:
            return
        dialog = PrintDialog(self.project, self, selection=self.selection, view=self.map.extent)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()

    def brief_dialog(self):
        """File → Daily Brief…: the morning brief of the open project as an A4 PDF (see :class:`BriefDialog`)."""
        from gridmap.ui.dialogs.brief_dialog import BriefDialog

        if self.project is None:
            return None
        dialog = BriefDialog(self.project, self, "zh" if self.locale().language() == self.locale().Language.Chinese
                             else "en")
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.written.connect(lambda paths: self.statusBar().showMessage(
            self.tr("Wrote {path}").format(path=", ".join(str(p) for p in paths)), 10000))
        dialog.open()
        return dialog

    def export_html_dialog(self) -> None:
        if self.project is None:
            return
        start = str(self.project.path.with_suffix(".html")) if self.project.path else self._last_directory()
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export Map as HTML"), start,
                                              self.tr("Web pages (*.html)"))
        if not name:
            return
        path = Path(name if name.lower().endswith((".html", ".htm")) else f"{name}.html")
        try:
            export_html(self.project.grids, path, colour_by=self.map.colour_by, labels=self.map.labels,
                        basemap=self.map.basemap, extent=self.map.extent,
                        legend_title=self._legend_title(self.map.colour_by), field_labels=role_labels(),
                        title=self.tr("Grid map: {place}").format(
                            place=self.project.meta.get("city") or path.stem))
        except (GridMapError, OSError) as exc:
            show_message(self, self.tr("Export Map as HTML"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Exported {name}").format(name=path.name), 5000)

    def export_layer_dialog(self) -> None:
        """File → Export Layer…: the layer of the attribute table's current tab as CSV, GeoPackage, Shapefile or
        GeoJSON; ID and phone numbers stay masked unless they are revealed."""
        if self.project is None:
            return
        layer = self.tables.current_layer()
        folder = self.project.path.parent if self.project.path else Path(self._last_directory())
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export Layer"), str(folder / f"{layer}.csv"),
            self.tr("CSV for Excel (*.csv);;GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson)"))
        if name:
            self.export_layer(layer, Path(name))

    def export_layer(self, layer: str, path: Path) -> bool:
        """Write ``layer`` to ``path`` (the same function as ``gridmap export``), off the GUI thread."""
        reveal = self.privacy_revealed() and layer != "grids"
        try:
            run_in_thread(lambda: export_layer(self.project, layer, path, reveal=reveal), self)
            if reveal:
                self.audit_reveal("export", layer, len(self.project.layers[layer]), path.resolve())
        except (GridMapError, OSError) as exc:
            show_message(self, self.tr("Export Layer"), str(exc))
            return False
        self.statusBar().showMessage(self.tr("Exported {name}").format(name=path.name), 5000)
        return True

    def _legend_title(self, colour_by: str) -> str:
        return {"district": self.tr("Districts"), "street": self.tr("Streets / towns")}.get(colour_by, "")

    # --- selection ----------------------------------------------------------------------------------------

    def set_selection(self, rows, source=None) -> None:
        """Select grids by row position; the map, the table (unless it is the ``source``) and the identify
        panel follow."""
        self._from_table = source is self.table
        try:
            self.session.set_selection(rows)
        finally:
            self._from_table = False

    def _show_selection(self, rows: list[int]) -> None:
        self.map.set_selection(rows)
        if not self._from_table:
            self.table.select_rows(rows)
        if len(rows) == 1:
            self.identify.show_grid(self.project.grids, rows[0])
        n = len(rows)
        self.statusBar().showMessage(self.tr("%n grids selected", "", n) if n else "", 5000)

    def _show_edited_grids(self, codes: list[str]) -> None:
        """The project's grids changed by an edit (applied or undone): show them everywhere, Identify the first
        of ``codes`` (unless it shows a record)."""
        grids = self.project.grids
        self.map.replace_grids(grids)
        self.table.set_frame(grids.drop(columns=grids.geometry.name), role_labels())
        self.search.set_grids(grids)
        self.layer_panel.set_grids(grids)
        self.count_label.setText(self.tr("{count} grids").format(count=f"{len(grids):,}"))
        self.stats.refresh()
        if self.overlays.choropleth is not None:
            self.overlays.set_choropleth(self.overlays.choropleth)
        rows = np.flatnonzero(grids["code"].isin(codes).to_numpy()).tolist()
        if self.identify.record is None:
            self.identify.show_grid(grids if rows else None, rows[0] if rows else None)

    def select_all(self) -> None:
        if self.project is not None:
            self.set_selection(range(len(self.project.grids)))

    def zoom_to_selection(self) -> None:
        if self.selection:
            self.map.zoom_to(self.selection)

    def _select_and_zoom(self, rows: list) -> None:
        self.set_selection(rows)
        self.map.zoom_to(rows)

    def _on_grid_clicked(self, row: int, toggle: bool) -> None:
        self.set_selection(set(self.selection) ^ {row} if toggle else [row])
        if self.selection != [row]:  # else set_selection has shown it already
            self.identify.show_grid(self.project.grids, row)

    def _show_position(self, lon: float, lat: float) -> None:
        """Lon/lat, then easting and northing in the project's Gauss-Krüger zone (E/N rather than the
        surveyors' X/Y, whose axis order differs between disciplines)."""
        text = f"{lon:.6f}°E {lat:.6f}°N"
        if self._to_gk is not None:
            east, north = self._to_gk.transform(lon, lat)
            text += "  ·  " + self.tr("E {east} N {north} (EPSG:{epsg})").format(
                east=f"{east:,.1f}", north=f"{north:,.1f}", epsg=self._gk_epsg)
        self.position_label.setText(text)

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
            self.open_dropped(source)

    def open_dropped(self, source: Path) -> None:
        """A dropped table imports records; a boundary file makes a new project, unless a project is open and the
        user picks importing its points as records."""
        if source.suffix.lower() in RECORD_SUFFIXES:
            self.import_records(source)
        elif self.project is not None:
            menu = QMenu(self)
            menu.setAttribute(Qt.WA_DeleteOnClose)
            menu.addAction(self.tr("New Project from Boundaries…"), lambda: self.new_from_boundaries(source))
            menu.addAction(self.tr("Import Records…"), lambda: self.import_records(source))
            menu.popup(QCursor.pos())
        else:
            self.new_from_boundaries(source)

    @staticmethod
    def _dropped_source(event) -> Path | None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SOURCE_SUFFIXES + RECORD_SUFFIXES:
                return Path(url.toLocalFile())
        return None

    # --- the live feed -------------------------------------------------------------------------------

    def watch_toggled(self, on: bool) -> None:
        """File → Watch Folder… checked (choose the folder and start) or unchecked (stop)."""
        if not on:
            self.stop_watching()
            return
        start = str(self.project.path.parent) if self.project is not None and self.project.path else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Watch Folder"), start)
        if not folder or self.watch_folder(Path(folder)) is None:
            self._check_watch_action(False)

    def watch_folder(self, folder: Path, interval_ms: int | None = None) -> FolderFeed | None:
        """Import every CSV or XLSX dropped into ``folder`` into the open project (see
        :class:`~gridmap.ui.folder_feed.FolderFeed`) until :meth:`stop_watching`; None when it cannot start."""
        self.stop_watching()
        title = self.tr("Watch Folder")
        if self.project is None or self.store is None or self._lock is None:
            show_message(self, title, self.tr("Save the project before watching a folder for it."))
            return None
        try:
            self.feed = FolderFeed(self.session, self.store, folder, self,
                                   **({"interval_ms": interval_ms} if interval_ms else {}))
        except GridMapError as exc:
            show_message(self, title, str(exc))
            return None
        self.feed.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self._check_watch_action(True)
        self.statusBar().showMessage(self.tr("Watching {folder}").format(folder=folder), 5000)
        return self.feed

    def stop_watching(self) -> None:
        """Stop the live feed (an import under way finishes first)."""
        if self.feed is not None:
            self.feed.stop()
            self.feed.deleteLater()
            self.feed = None
        self._check_watch_action(False)

    def _check_watch_action(self, on: bool) -> None:
        self.watch_action.blockSignals(True)
        self.watch_action.setChecked(on)
        self.watch_action.blockSignals(False)

    # --- saving --------------------------------------------------------------------------------------

    def save(self) -> None:
        if self.project is None:
            return
        if self.project.path is None:
            if self.store is None:
                self.save_as()
            else:
                self._save_to(None, None, self.store)
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
            lock = GpkgStore(path).lock(new=True)
        except GridMapError as exc:
            show_message(self, self.tr("Save Project As"), str(exc))
            return
        self._save_to(path, lock)

    def _save_to(self, path: Path | None, new_lock, store=None) -> None:
        """Save in a worker (to the file ``path``, or to ``store``); with ``new_lock`` the project moves to
        ``path`` once written."""
        project = self.project
        project.meta["map"] = self.map_state()
        store = store if store is not None else GpkgStore(path)
        name = path.name if path is not None else db_title(store.url)
        self._task = Task(self, self.tr("Saving project"), lambda progress: store.save(project, progress=progress))

        def done(_result) -> None:
            self._task = None
            self.set_modified(False)
            if new_lock is not None:
                project.path = path
                self.set_project(project, new_lock)
            self.statusBar().showMessage(self.tr("Saved {name}").format(name=name), 5000)

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
        if self.is_modified():
            event.ignore()
            self._ask_to_save()
            return
        if self._task is not None:
            self._task.wait()
        self.stop_watching()
        self._stop_listening()
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        self._release_lock()
        super().closeEvent(event)
