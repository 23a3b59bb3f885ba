"""The main window's menus and toolbar as one table of actions: each record says what the action is called, where
it goes (menu, toolbar), its shortcuts, what it does (a handler taking the window) and when it is enabled (a
predicate over the :class:`~gridmap.ui.session.ProjectSession`). :class:`ActionSet` builds the menus and toolbars
from :data:`ACTIONS` and keeps the enabling in step with the session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

if TYPE_CHECKING:
    from gridmap.ui.main_window import MainWindow
    from gridmap.ui.session import ProjectSession

WINDOW = "MainWindow"
"""The translation context of the texts (unless an action names another)."""


@dataclass(frozen=True)
class Action:
    """One entry of a menu (and toolbar). ``kind`` is "action", "separator" or "submenu" (the menu ``id`` placed
    in ``menu``). ``handler(window)`` runs when it is triggered (``handler(window, checked)`` for a checkable
    action outside a ``group``; a group's actions are exclusive). ``make(window)`` returns an action Qt provides
    (undo, a dock's toggle) instead of a new one. ``enabled_when(session)``: enabled only then."""

    id: str
    text: str = ""
    menu: str = ""
    handler: Callable | None = None
    shortcuts: tuple = ()
    enabled_when: Callable[[ProjectSession], bool] | None = None
    checkable: bool = False
    checked: bool = False
    group: str = ""
    tip: str = ""
    toolbar: str = ""
    context: str = WINDOW
    make: Callable[[MainWindow], QAction] | None = None
    kind: str = "action"


def separator(menu: str) -> Action:
    return Action(f"{menu}/-", menu=menu, kind="separator")


def submenu(menu_id: str, text: str, parent: str) -> Action:
    return Action(menu_id, text, parent, kind="submenu")


def has_project(session: ProjectSession) -> bool:
    return session.project is not None


def can_undo(session: ProjectSession) -> bool:
    return session.undo_stack.canUndo()


def can_redo(session: ProjectSession) -> bool:
    return session.undo_stack.canRedo()


def _undo(window: MainWindow) -> QAction:
    action = window.session.undo_stack.createUndoAction(window, QCoreApplication.translate("MainWindow", "&Undo"))
    action.setShortcut(QKeySequence.Undo)
    return action


def _redo(window: MainWindow) -> QAction:
    action = window.session.undo_stack.createRedoAction(window, QCoreApplication.translate("MainWindow", "&Redo"))
    # Ctrl+Y once: where it is also the platform's Redo (Windows), a repeated shortcut is ambiguous and dead
    action.setShortcuts(list(dict.fromkeys([QKeySequence(Qt.CTRL | Qt.Key_Y), QKeySequence(QKeySequence.Redo)])))
    return action


def _toggle(attribute: str) -> Callable[[MainWindow], QAction]:
    """The show/hide action of the window's dock or toolbar ``attribute``."""
    return lambda window: getattr(window, attribute).toggleViewAction()


def _tool(name: str, text: str, tip: str) -> Action:
    """A grid edit tool: in the Edit menu and the Edit Grids toolbar."""
    return Action(f"edit.{name}", text, "edit", lambda w: w.edit_tools.start(name), tip=tip, toolbar="edit",
                  context="EditTools")


MENUS = {"file": QT_TRANSLATE_NOOP("MainWindow", "&File"), "edit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
         "view": QT_TRANSLATE_NOOP("MainWindow", "&View"), "help": QT_TRANSLATE_NOOP("MainWindow", "&Help")}
"""The menu bar's menus, in order (submenus are placed by their ``submenu`` entry)."""

ACTIONS: tuple[Action, ...] = (
    Action("file.new", QT_TRANSLATE_NOOP("MainWindow", "&New from Boundaries…"), "file",
           lambda w: w.new_from_boundaries(), (QKeySequence.New,)),
    Action("file.import_records", QT_TRANSLATE_NOOP("MainWindow", "Import &Records…"), "file",
           lambda w: w.import_records(), enabled_when=has_project),
    Action("file.open", QT_TRANSLATE_NOOP("MainWindow", "&Open…"), "file", lambda w: w.open_dialog(),
           (QKeySequence.Open,)),
    Action("file.open_database", QT_TRANSLATE_NOOP("MainWindow", "Open &Database Project…"), "file",
           lambda w: w.open_database_dialog()),
    Action("file.watch", QT_TRANSLATE_NOOP("MainWindow", "&Watch Folder…"), "file",
           lambda w, on: w.watch_toggled(on), enabled_when=has_project, checkable=True,
           tip=QT_TRANSLATE_NOOP("MainWindow", "Import every CSV or XLSX file dropped into a folder")),
    Action("file.save", QT_TRANSLATE_NOOP("MainWindow", "&Save"), "file", lambda w: w.save(), (QKeySequence.Save,),
           enabled_when=has_project),
    Action("file.save_as", QT_TRANSLATE_NOOP("MainWindow", "Save &As…"), "file", lambda w: w.save_as(),
           (QKeySequence.SaveAs,), enabled_when=has_project),
    separator("file"),
    submenu("file/recent", QT_TRANSLATE_NOOP("MainWindow", "Recent &Files"), "file"),
    separator("file"),
    Action("file.print", QT_TRANSLATE_NOOP("MainWindow", "&Print Map…"), "file", lambda w: w.print_map_dialog(),
           (QKeySequence.Print,)),
    Action("file.brief", QT_TRANSLATE_NOOP("MainWindow", "&Daily Brief…"), "file", lambda w: w.brief_dialog(),
           enabled_when=has_project),
    Action("file.export_html", QT_TRANSLATE_NOOP("MainWindow", "&Export Map as HTML…"), "file",
           lambda w: w.export_html_dialog()),
    Action("file.export_layer", QT_TRANSLATE_NOOP("MainWindow", "Export &Layer…"), "file",
           lambda w: w.export_layer_dialog()),
    separator("file"),
    Action("file.quit", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "file", lambda w: w.close(), (QKeySequence.Quit,)),

    Action("edit.undo", menu="edit", make=_undo, enabled_when=can_undo),
    Action("edit.redo", menu="edit", make=_redo, enabled_when=can_redo),
    separator("edit"),
    Action("edit.find", QT_TRANSLATE_NOOP("MainWindow", "&Find Grid…"), "edit", lambda w: w.search.focus_search(),
           (QKeySequence.Find,)),
    Action("edit.select_all", QT_TRANSLATE_NOOP("MainWindow", "Select &All Grids"), "edit",
           lambda w: w.select_all(), (QKeySequence.SelectAll,)),
    Action("edit.clear_selection", QT_TRANSLATE_NOOP("MainWindow", "&Clear Selection"), "edit",
           lambda w: w.session.set_selection([]), (Qt.CTRL | Qt.SHIFT | Qt.Key_A, Qt.Key_Escape)),
    separator("edit"),
    _tool("split", QT_TRANSLATE_NOOP("EditTools", "Split Grid"),
          QT_TRANSLATE_NOOP("EditTools", "Split the selected grid along a line drawn across it")),
    _tool("merge", QT_TRANSLATE_NOOP("EditTools", "Merge Selected Grids"),
          QT_TRANSLATE_NOOP("EditTools", "Merge the selected adjacent grids into one")),
    _tool("transfer", QT_TRANSLATE_NOOP("EditTools", "Transfer Area"),
          QT_TRANSLATE_NOOP("EditTools", "Move the part of a drawn area inside some grids to a neighbouring grid")),
    _tool("reshape", QT_TRANSLATE_NOOP("EditTools", "Reshape Outer Boundary"),
          QT_TRANSLATE_NOOP("EditTools", "Draw a new outline for the selected grid; only boundaries it shares with "
                                         "no other grid may move")),
    _tool("create", QT_TRANSLATE_NOOP("EditTools", "Create Grid"),
          QT_TRANSLATE_NOOP("EditTools", "A new grid from a polygon drawn in unassigned area")),
    _tool("delete", QT_TRANSLATE_NOOP("EditTools", "Delete Grid"),
          QT_TRANSLATE_NOOP("EditTools", "Delete the selected grid; its area and records become unassigned")),
    _tool("recode", QT_TRANSLATE_NOOP("EditTools", "Rename / Recode…"),
          QT_TRANSLATE_NOOP("EditTools", "Change the selected grid's code or name")),
    Action("edit.validate", QT_TRANSLATE_NOOP("ValidationPanel", "&Validate Grids"), "edit",
           lambda w: w.show_validation(), context="ValidationPanel"),
    Action("edit.plans", QT_TRANSLATE_NOOP("MainWindow", "Grid &Plans…"), "edit", lambda w: w.show_plans()),
    Action("edit.visit_rules", QT_TRANSLATE_NOOP("MainWindow", "&Visit Rules…"), "edit",
           lambda w: w.show_visit_rules(), enabled_when=has_project),

    Action("view.zoom_full", QT_TRANSLATE_NOOP("MainWindow", "Zoom to &Full Extent"), "view",
           lambda w: w.map.zoom_to(), (Qt.CTRL | Qt.SHIFT | Qt.Key_F,)),
    Action("view.zoom_selection", QT_TRANSLATE_NOOP("MainWindow", "Zoom to &Selection"), "view",
           lambda w: w.zoom_to_selection(), (Qt.CTRL | Qt.Key_J,)),
    separator("view"),
    submenu("view/colour", QT_TRANSLATE_NOOP("MainWindow", "&Colour Grids By"), "view"),
    Action("view.colour.district", QT_TRANSLATE_NOOP("MainWindow", "District"), "view/colour",
           lambda w: w.change_view(lambda: w.set_colour_by("district")), checkable=True, checked=True, group="colour"),
    Action("view.colour.street", QT_TRANSLATE_NOOP("MainWindow", "Street / town"), "view/colour",
           lambda w: w.change_view(lambda: w.set_colour_by("street")), checkable=True, group="colour"),
    Action("view.colour.none", QT_TRANSLATE_NOOP("MainWindow", "One colour"), "view/colour",
           lambda w: w.change_view(lambda: w.set_colour_by("none")), checkable=True, group="colour"),
    separator("view/colour"),
    Action("view.choropleth", QT_TRANSLATE_NOOP("MainWindow", "&Statistic…"), "view/colour",
           lambda w: w.choose_choropleth()),
    submenu("view/labels", QT_TRANSLATE_NOOP("MainWindow", "Grid &Labels"), "view"),
    Action("view.labels.code", QT_TRANSLATE_NOOP("MainWindow", "Code"), "view/labels",
           lambda w: w.change_view(lambda: w.map.set_labels("code")), checkable=True, checked=True, group="labels"),
    Action("view.labels.name", QT_TRANSLATE_NOOP("MainWindow", "Name"), "view/labels",
           lambda w: w.change_view(lambda: w.map.set_labels("name")), checkable=True, group="labels"),
    Action("view.labels.none", QT_TRANSLATE_NOOP("MainWindow", "None"), "view/labels",
           lambda w: w.change_view(lambda: w.map.set_labels("none")), checkable=True, group="labels"),
    Action("view.grids", QT_TRANSLATE_NOOP("MainWindow", "Show &Grids"), "view",
           lambda w, on: w.set_grids_visible(on), checkable=True, checked=True),
    Action("view.basemap", QT_TRANSLATE_NOOP("MainWindow", "&Basemap…"), "view", lambda w: w.choose_basemap()),
    Action("view.reveal", QT_TRANSLATE_NOOP("MainWindow", "&Reveal ID and Phone Numbers"), "view",
           lambda w, on: w.reveal_toggled(on), checkable=True),
    separator("view"),
    *(Action(f"view.{name}", menu="view", make=_toggle(name))
      for name in ("layer_dock", "search_dock", "identify_dock", "table_dock", "stats_dock", "filter_toolbar",
                   "edit_toolbar", "validation_dock", "balance_dock", "visits_dock")),

    Action("help.guide", QT_TRANSLATE_NOOP("MainWindow", "&User Guide"), "help", lambda w: w.user_guide(),
           (QKeySequence.HelpContents,)),
    Action("help.shortcuts", QT_TRANSLATE_NOOP("MainWindow", "&Keyboard Shortcuts"), "help",
           lambda w: w.keyboard_shortcuts()),
    separator("help"),
    Action("help.audit_log", QT_TRANSLATE_NOOP("MainWindow", "Audit &Log…"), "help",
           lambda w: w.audit_log_dialog()),
    separator("help"),
    Action("help.about", QT_TRANSLATE_NOOP("MainWindow", "&About GridMap"), "help", lambda w: w.about()),
)


class ActionSet(QObject):
    """The window's menus and actions built from ``specs``, the actions that name a toolbar added to
    ``toolbars`` (by id); :meth:`update` enables each action whose ``enabled_when`` holds (run whenever the
    session changes)."""

    def __init__(self, window: MainWindow, session: ProjectSession, toolbars: dict[str, QToolBar],
                 specs: tuple[Action, ...] = ACTIONS):
        super().__init__(window)
        self.session, self.specs = session, specs
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {key: window.menuBar().addMenu(QCoreApplication.translate(WINDOW, text))
                                        for key, text in MENUS.items()}
        groups: dict[str, QActionGroup] = {}
        for spec in specs:
            menu = self.menus[spec.menu]
            if spec.kind == "separator":
                menu.addSeparator()
            elif spec.kind == "submenu":
                self.menus[spec.id] = menu.addMenu(QCoreApplication.translate(spec.context, spec.text))
            else:
                action = self.actions[spec.id] = self._action(window, spec, groups)
                if spec.menu:
                    menu.addAction(action)
                if spec.toolbar:
                    toolbars[spec.toolbar].addAction(action)
        stack = session.undo_stack
        for signal in (session.gridsReplaced, session.selectionChanged, session.dirtyChanged,
                       stack.canUndoChanged, stack.canRedoChanged):
            signal.connect(self.update)
        self.update()

    @staticmethod
    def _action(window: MainWindow, spec: Action, groups: dict[str, QActionGroup]) -> QAction:
        if spec.make is not None:
            return spec.make(window)
        action = QAction(QCoreApplication.translate(spec.context, spec.text), window)
        if len(spec.shortcuts) == 1:
            action.setShortcut(QKeySequence(spec.shortcuts[0]))
        elif spec.shortcuts:
            action.setShortcuts([QKeySequence(key) for key in spec.shortcuts])
        if spec.tip:
            tip = QCoreApplication.translate(spec.context, spec.tip)
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(spec.checkable)
        if spec.group:
            group = groups.get(spec.group) or groups.setdefault(spec.group, QActionGroup(window))
            group.addAction(action)
            action.setChecked(spec.checked)
            action.triggered.connect(lambda checked=False: spec.handler(window))
        elif spec.checkable:
            action.setChecked(spec.checked)  # the window starts in that state: no handler yet
            action.toggled.connect(lambda checked: spec.handler(window, checked))
        else:
            action.triggered.connect(lambda checked=False: spec.handler(window))
        return action

    def update(self, *_args) -> None:
        """Enable the actions whose ``enabled_when`` holds for the session (and disable the others)."""
        if not shiboken6.isValid(self.session.undo_stack):  # the window goes
            return
        for spec in self.specs:
            if spec.enabled_when is not None:
                self.actions[spec.id].setEnabled(bool(spec.enabled_when(self.session)))
