"""GridMap's main window: the map in the centre; layers, search, identify and attribute-table docks; menus and
status bar. The window owns the grid selection and keeps the map and the table in step with it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from pyproj import Transformer
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import (QAction, QActionGroup, QCloseEvent, QCursor, QDragEnterEvent, QDropEvent, QGuiApplication,
                           QKeySequence, QUndoStack)
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox, QToolBar, QWidget

import gridmap
from gridmap.core.errors import GridMapError, ProjectLocked
from gridmap.core.records.filters import RecordFilter
from gridmap.core.io.export import export_layer
from gridmap.core.project.privacy import reveal_entry
from gridmap.ops import open_project, record_reveal
from gridmap.core.project.kinds import private_columns
from gridmap.store.gpkg import GpkgStore
from gridmap.ui.basemap_settings import is_trusted, key_for, remember_key, trust
from gridmap.map.basemaps import NONE, Basemap
from gridmap.map.export import export_html
from gridmap.ui.map_view import MapView
from gridmap.ui.attribute_table import AttributeTable
from gridmap.ui.balance_dock import BalancePanel
from gridmap.ui.basemap_dialog import BasemapDialog
from gridmap.ui.choropleth_dialog import ChoroplethDialog
from gridmap.ui.edit_tools import EditTools
from gridmap.ui.filter_bar import FilterBar
from gridmap.ui.identify_panel import IdentifyPanel
from gridmap.ui.import_dialog import SOURCE_SUFFIXES, ImportDialog
from gridmap.ui.labels import role_labels
from gridmap.ui.layer_panel import LayerPanel
from gridmap.ui.messages import ask, message_box, plain_label, plain_tooltip, show_message
from gridmap.ui.plans_dialog import PlansDialog
from gridmap.ui.privacy_dialogs import AuditLogDialog, RevealDialog
from gridmap.ui.record_edits import RecordActions
from gridmap.ui.record_import_dialog import RECORD_SUFFIXES
from gridmap.ui.record_overlays import RecordOverlays
from gridmap.ui.record_table import LayerTables
from gridmap.ui.search_panel import SearchPanel
from gridmap.ui.stats_dock import StatsPanel
from gridmap.ui.tasks import Task, run_in_thread
from gridmap.ui.validation_panel import ValidationPanel

MAX_RECENT = 10
RECENT_KEY = "recentFiles"


class MainWindow(QMainWindow):
    """One open project at a time, held under the project file's lock while open."""

    selectionChanged = Signal(list)
    """The selected grids' row positions changed."""

    filterChanged = Signal(str, object)
    """The filter bar's record kind or its RecordFilter changed: (kind, filter); also on a new project."""

    privacyChanged = Signal(bool)
    """View → Reveal ID and Phone Numbers turned on (True) or off: show ID and phone numbers in full or masked."""

    recordsChanged = Signal(str)
    """A record layer changed (imported, assigned by hand, workers edited): its kind."""

    projectChanged = Signal(object)
    """Another project (or None) is shown, or the open one again after its grids were replaced."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = None
        self.selection: list[int] = []
        self._lock = None
        self._task: Task | None = None
        self._to_gk: Transformer | None = None
        self._gk_epsg: int | None = None
        self.undo_stack = QUndoStack(self)
        self._dirty = False
        self._revealed = False
        self._reveal_reason = ""
        self._save_prompt: QMessageBox | None = None
        self.ask_before_online = True
        """Whether a project's online basemap the user has not confirmed is asked about (False: not shown)."""
        self.setAcceptDrops(True)
        self.resize(1280, 820)

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
        self.overlays = RecordOverlays(self)
        self.layer_panel.recordLayerToggled.connect(self.overlays.set_visible)
        self.layer_panel.styleRequested.connect(self.overlays.set_style)
        self.recordsChanged.connect(self.overlays.records_changed)

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
        self.table.rowsSelected.connect(lambda rows: self.set_selection(rows, source=self.table))
        self.search.activated.connect(self._select_and_zoom)
        self.layer_panel.zoomRequested.connect(self.map.zoom_to)
        self.layer_panel.selectRequested.connect(self._select_and_zoom)

        self._build_menus()
        self._build_record_editing()
        self.edit_tools = EditTools(self)
        self.validation = ValidationPanel(self)
        self.balance = BalancePanel(self)
        self._add_action(self.edit_menu, self.tr("Grid &Plans…"), lambda: PlansDialog.show_for(self))
        self._restore_geometry()
        self._show_project()

    def _dock(self, widget: QWidget, title: str, name: str, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # --- menus ---------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu = file_menu
        self._add_action(file_menu, self.tr("&New from Boundaries…"), self.new_from_boundaries, QKeySequence.New)
        self.import_records_action = self._add_action(file_menu, self.tr("Import &Records…"), self.import_records)
        self._add_action(file_menu, self.tr("&Open…"), self.open_dialog, QKeySequence.Open)
        self.save_action = self._add_action(file_menu, self.tr("&Save"), self.save, QKeySequence.Save)
        self.save_as_action = self._add_action(file_menu, self.tr("Save &As…"), self.save_as, QKeySequence.SaveAs)
        file_menu.addSeparator()
        self.recent_menu = file_menu.addMenu(self.tr("Recent &Files"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self._add_action(file_menu, self.tr("&Quit"), self.close, QKeySequence.Quit)

        file_menu.insertAction(file_menu.actions()[-1], self._action(
            self.tr("&Print Map…"), self.print_map_dialog, QKeySequence.Print))
        file_menu.insertAction(file_menu.actions()[-1], self._action(
            self.tr("&Export Map as HTML…"), self.export_html_dialog))
        file_menu.insertAction(file_menu.actions()[-1], self._action(
            self.tr("Export &Layer…"), self.export_layer_dialog))
        file_menu.insertSeparator(file_menu.actions()[-1])

        edit_menu = self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        # Ctrl+Y once: where it is also the platform's Redo (Windows), a repeated shortcut is ambiguous and dead
        redo.setShortcuts(list(dict.fromkeys([QKeySequence(Qt.CTRL | Qt.Key_Y), QKeySequence(QKeySequence.Redo)])))
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        self._add_action(edit_menu, self.tr("&Find Grid…"), self.search.focus_search, QKeySequence.Find)
        self._add_action(edit_menu, self.tr("Select &All Grids"), self.select_all, QKeySequence.SelectAll)
        clear = self._add_action(edit_menu, self.tr("&Clear Selection"), lambda: self.set_selection([]))
        clear.setShortcuts([QKeySequence(Qt.CTRL | Qt.SHIFT | Qt.Key_A), QKeySequence(Qt.Key_Escape)])

        view_menu = self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self._add_action(view_menu, self.tr("Zoom to &Full Extent"), lambda: self.map.zoom_to(),
                         QKeySequence(Qt.CTRL | Qt.SHIFT | Qt.Key_F))
        self._add_action(view_menu, self.tr("Zoom to &Selection"), self.zoom_to_selection,
                         QKeySequence(Qt.CTRL | Qt.Key_J))
        view_menu.addSeparator()
        colour_menu = view_menu.addMenu(self.tr("&Colour Grids By"))
        self.colour_actions = self._choice_menu(colour_menu, {
            "district": self.tr("District"), "street": self.tr("Street / town"), "none": self.tr("One colour")},
            "district", self.set_colour_by)
        colour_menu.addSeparator()
        self._add_action(colour_menu, self.tr("&Statistic…"), self.choose_choropleth)
        self.label_actions = self._choice_menu(view_menu.addMenu(self.tr("Grid &Labels")), {
            "code": self.tr("Code"), "name": self.tr("Name"), "none": self.tr("None")}, "code", self.map.set_labels)
        self.grids_visible_action = self._action(self.tr("Show &Grids"), self.set_grids_visible, checkable=True)
        self.grids_visible_action.setChecked(True)
        self.layer_panel.gridsVisibilityChanged.connect(self.grids_visible_action.setChecked)
        view_menu.addAction(self.grids_visible_action)
        self._add_action(view_menu, self.tr("&Basemap…"), self.choose_basemap)
        self.reveal_action = self._action(self.tr("&Reveal ID and Phone Numbers"), self._on_reveal_toggled,
                                          checkable=True)
        view_menu.addAction(self.reveal_action)
        view_menu.addSeparator()
        for dock in (self.layer_dock, self.search_dock, self.identify_dock, self.table_dock, self.stats_dock,
                     self.filter_toolbar):
            view_menu.addAction(dock.toggleViewAction())

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._add_action(help_menu, self.tr("Audit &Log…"), self.audit_log_dialog)
        self._add_action(help_menu, self.tr("&About GridMap"), self.about)

    def _action(self, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda checked=False: slot())
        return action

    def _add_action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = self._action(text, slot, shortcut)
        menu.addAction(action)
        return action

    def _choice_menu(self, menu, choices: dict[str, str], current: str, slot) -> dict[str, QAction]:
        """Radio actions in ``menu``, one per choice; choosing one calls ``slot(key)``."""
        group = QActionGroup(self)
        actions = {}
        for key, text in choices.items():
            action = QAction(text, self, checkable=True, checked=key == current)
            action.triggered.connect(lambda checked=False, k=key: slot(k))
            group.addAction(action)
            menu.addAction(action)
            actions[key] = action
        return actions

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
            action.setToolTip(plain_tooltip(entry))
            action.triggered.connect(lambda checked=False, p=entry: self.open_path(Path(p)))
        if not recent:
            self.recent_menu.addAction(self.tr("(empty)")).setEnabled(False)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About GridMap"), self.tr(
            "<h3>GridMap {version}</h3><p>Desktop GIS for grid-based community governance (全科网格).</p>"
        ).format(version=gridmap.__version__))

    def audit_log_dialog(self) -> AuditLogDialog:
        """Help → Audit Log…: every reveal of ID and phone numbers recorded in the project (non-blocking)."""
        dialog = AuditLogDialog(self.project.audit if self.project is not None else [], self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def audit_reveal(self, action: str, layer: str, records: int, output=None) -> None:
        """Record in the project's audit log that numbers were shown or written in full (with the reason given
        when they were revealed); raises GridMapError when the row cannot be written."""
        record_reveal(self.project, reveal_entry(action, layer, records, output, self._reveal_reason))

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
        if self.is_modified() and ask(
                self, self.tr("Unsaved Changes"),
                self.tr("The project has unsaved changes. Discard them and open {name}?").format(name=path.name),
                QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel) != QMessageBox.Discard:
            return False
        store = GpkgStore(path)
        title = self.tr("Open Project")
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            # reading is safe while another process saves (saves are atomic renames); meanwhile the window keeps
            # painting and the map page finishes loading
            project = run_in_thread(lambda: open_project(store), self)
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
        """Show ``project``, holding ``lock`` until another project replaces it or the window closes (no lock:
        only looking, as ``gridmap snapshot`` does; the project is then not added to the recent files)."""
        self.set_privacy_revealed(False)  # a reveal is for one project, with its reason in its log
        self._release_lock()
        self.project, self._lock = project, lock
        if project.path is not None and lock is not None:
            self._remember(project.path)
        self.show_project()

    def show_project(self) -> None:
        """Show the project everywhere as when it was opened (also after its grids were replaced by another plan)
        and emit :attr:`projectChanged`."""
        self._show_project()
        self.projectChanged.emit(self.project)

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _show_project(self) -> None:
        project = self.project
        self.save_action.setEnabled(project is not None)
        self.save_as_action.setEnabled(project is not None)
        self.layer_panel.set_project(project)
        self.overlays.set_project(project)
        self.refresh_records(project)
        self._show_record_layers(project)
        self.selection = []
        self.identify.show_grid(None, None)
        self.search.set_grids(project.grids if project is not None else None)
        if project is None:
            self.setWindowTitle("GridMap")
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
        self.path_label.setText(str(project.path) if project.path is not None else "")

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
        self.filter_bar.filterChanged.connect(self.filterChanged)
        self.stats.unitActivated.connect(self.map.zoom_to)

    def refresh_records(self, project) -> None:
        """Show the record layers of ``project`` in the filter bar and the statistics (call again after a layer
        was added or changed)."""
        self.stats.set_project(project)
        self.filter_bar.set_project(project)  # emits filterChanged for the first record kind

    def record_filter(self, kind: str) -> RecordFilter:
        """The filter bar's current filter for ``kind`` records (time window, categories, statuses)."""
        return self.filter_bar.filter_for(kind)

    # --- records: tables, Identify, privacy, editing -------------------------------------------------------

    def _build_record_editing(self) -> None:
        """Record import and editing (undoable), and what the record tables and Identify ask for."""
        self.record_actions = RecordActions(self)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_title())
        self.tables.recordActivated.connect(self.show_record)
        self.tables.assignRequested.connect(self.record_actions.assign_dialog)
        self.tables.clearRequested.connect(self.record_actions.clear)
        self.tables.gridMenuRequested.connect(self.record_actions.show_grid_menu)
        self.identify.recordActivated.connect(self.show_record)
        self.identify.gridActivated.connect(self._identify_grid)
        self.identify.assignWorkerRequested.connect(self.record_actions.worker_dialog)
        self.identify.unassignWorkerRequested.connect(self.record_actions.unassign_worker)
        self.filterChanged.connect(lambda *_args: self.identify.refresh())
        self.map.pointClicked.connect(self.show_record)

    def _show_record_layers(self, project) -> None:
        self.undo_stack.clear()
        self._dirty = False
        self.import_records_action.setEnabled(project is not None)
        self.tables.set_project(project)
        self.identify.set_project(project, self.record_filter)

    def import_records(self, source: Path | None = None):
        """File → Import Records…: the record import dialog for the open project (returned; None without one)."""
        if self.project is None:
            self.statusBar().showMessage(self.tr("Open or create a project before importing records."), 5000)
            return None
        return self.record_actions.import_dialog(source)

    def records_changed(self, kind: str, new_values: bool = False) -> None:
        """The project's ``kind`` layer changed: refresh its table, Identify and the statistics, then emit
        :attr:`recordsChanged` (the map hooks there). With ``new_values`` (an import: new categories or dates),
        or when the layer came or went, the filter bar starts over too."""
        layer = self.project.layers.get(kind)
        start_over = new_values or (layer is None) == (kind in self.tables.tables)
        self.tables.update_layer(kind, layer, self.project.meta.get("overrides", {}).get(kind, {}),
                                 private_columns(self.project.meta, kind))
        self.recordsChanged.emit(kind)
        if start_over:
            self.refresh_records(self.project)
        else:
            self.stats.refresh()
        self.identify.refresh()

    def show_record(self, kind: str, row: int) -> None:
        """Identify the ``kind`` record at row position ``row`` of its layer and select it in its table."""
        self.identify.show_record(kind, row)
        self.tables.show_record(kind, row)

    def _identify_grid(self, code: str) -> None:
        rows = np.flatnonzero(self.project.grids["code"].astype(str).to_numpy() == code).tolist()
        if rows:
            self._select_and_zoom(rows)
            self.identify.show_grid(self.project.grids, rows[0])

    def privacy_revealed(self) -> bool:
        """Whether ID and phone numbers are shown in full (off at start, never saved)."""
        return self._revealed

    def set_privacy_revealed(self, revealed: bool) -> None:
        """Reveal ID and phone numbers (once the user confirms) or mask them again."""
        self.reveal_action.setChecked(revealed)

    def _on_reveal_toggled(self, on: bool) -> None:
        if on and not self._revealed and not self._ask_reveal():
            self.reveal_action.blockSignals(True)
            self.reveal_action.setChecked(False)
            self.reveal_action.blockSignals(False)
            return
        if on != self._revealed:
            self._revealed = on
            self.tables.set_revealed(on)
            self.identify.set_revealed(on)
            self.privacyChanged.emit(on)

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
        self._reveal_reason = reason
        records = sum(len(frame) for frame in self.project.layers.values())
        try:
            self.audit_reveal("reveal", ", ".join(self.project.layers) or "-", records)
        except GridMapError as exc:
            show_message(self, self.tr("Reveal ID and Phone Numbers"), str(exc))
            return False
        return True

    def is_modified(self) -> bool:
        """Whether the project has changes not saved yet."""
        return self._dirty or not self.undo_stack.isClean()

    def set_modified(self, modified: bool = True) -> None:
        """Mark the project changed, or saved (False: the undo stack's current state is the saved one)."""
        self._dirty = modified
        if not modified:
            self.undo_stack.setClean()
        self._update_title()

    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowTitle("GridMap")
            return
        name = self.project.path.name if self.project.path is not None else self.tr("untitled")
        self.setWindowTitle(f"GridMap — {name}{' *' if self.is_modified() else ''}")

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
            self.overlays.set_choropleth(dialog.spec())

    def choose_basemap(self) -> None:
        dialog = BasemapDialog(self.map.basemap, self)
        if dialog.exec():
            try:
                self.map.set_basemap(dialog.basemap())
            except GridMapError as exc:
                show_message(self, self.tr("Basemap"), str(exc))

    def print_map_dialog(self) -> None:
        """File → Print Map…: the print dialog for the open project, its selection and the map's view."""
        from gridmap.ui.print_dialog import PrintDialog  # the print renderer loads when first needed

        if self.project is None:
            return
        dialog = PrintDialog(self.project, self, selection=self.selection, view=self.map.extent)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()

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
                        legend_title=self._legend_title(self.map.colour_by),
                        field_labels=role_labels())
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
        rows = sorted({int(r) for r in rows})
        if rows == self.selection:
            return
        self.selection = rows
        self.map.set_selection(rows)
        if source is not self.table:
            self.table.select_rows(rows)
        if len(rows) == 1:
            self.identify.show_grid(self.project.grids, rows[0])
        n = len(rows)
        self.statusBar().showMessage(self.tr("{count} grids selected").format(count=f"{n:,}") if n else "", 5000)
        self.selectionChanged.emit(rows)

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
            lock = GpkgStore(path).lock(new=True)
        except GridMapError as exc:
            show_message(self, self.tr("Save Project As"), str(exc))
            return
        self._save_to(path, lock)

    def _save_to(self, path: Path, new_lock) -> None:
        """Save in a worker; with ``new_lock`` the project moves to ``path`` once written."""
        project = self.project
        project.meta["map"] = self.map_state()
        self._task = Task(self, self.tr("Saving project"),
                          lambda progress: GpkgStore(path).save(project, progress=progress))

        def done(_result) -> None:
            self._task = None
            self.set_modified(False)
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
        if self.is_modified():
            event.ignore()
            self._ask_to_save()
            return
        if self._task is not None:
            self._task.wait()
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        self._release_lock()
        super().closeEvent(event)
