"""The GUI's project session (gridmap.ui.session) and the main window's table of actions (gridmap.ui.actions):
the session's signals fire on the changes they describe, the actions' enabled-when predicates follow the session,
and widgets reach the main window only through the session and the interfaces they are given."""

import re
from pathlib import Path

import pandas as pd
import pytest

import gridmap.ui
from gridmap.core.grids import edits
from gridmap.core.project.kinds import empty_layer, private_columns
from gridmap.core.project.meta import override
from gridmap.ui.actions import ACTIONS, can_redo, can_undo, has_project
from gridmap.ui.editing.edit_tools import GridEditCommand
from gridmap.ui.editing.record_edits import OverrideCommand
from gridmap.ui.session import ProjectSession
from builders import block, show_project

CODE = "331002001{:03d}".format
REACH_THROUGH = re.compile(r"self\.(_)?window\.")
MAX_REACH_THROUGH = 20


class Recorder:
    """Every emission of the session's signals, in order, as (signal name, arguments)."""

    SIGNALS = ("gridsReplaced", "gridsChanged", "recordsChanged", "selectionChanged", "dirtyChanged",
               "filterChanged", "privacyChanged")

    def __init__(self, session: ProjectSession):
        self.events = []
        for name in self.SIGNALS:
            getattr(session, name).connect(lambda *args, name=name: self.events.append((name, args)))

    def names(self) -> list[str]:
        return [name for name, _args in self.events]

    def take(self) -> list:
        events, self.events = self.events, []
        return events


@pytest.fixture
def session(qtbot):
    session = ProjectSession()
    session.set_project(block())
    return session


def test_a_new_project_starts_clean_and_is_announced(qtbot):
    session = ProjectSession()
    seen = Recorder(session)
    session.set_selection([1])
    session.set_modified(True)
    project = block()
    session.set_project(project)
    assert seen.take() == [("selectionChanged", ([1],)), ("dirtyChanged", (True,)), ("dirtyChanged", (False,)),
                           ("gridsReplaced", (project,))]
    assert session.project is project and session.selection == [] and not session.is_modified()


def test_selection_is_announced_once_per_change(session):
    seen = Recorder(session)
    session.set_selection([3, 1, 1])
    session.set_selection([1, 3])  # the same grids: nothing to announce
    session.set_selection(iter([4]))
    assert seen.take() == [("selectionChanged", ([1, 3],)), ("selectionChanged", ([4],))]
    assert session.selected_codes() == [CODE(5)]


def test_an_undoable_grid_edit_announces_its_grids_and_records_and_undo_redo_flip_dirty(session):
    seen = Recorder(session)
    session.set_selection([6, 7])
    seen.take()
    session.push(GridEditCommand(session, edits.merge(session.project, [CODE(7), CODE(8)])))
    assert seen.take() == [("selectionChanged", ([],)), ("gridsChanged", ([CODE(7)],)),
                           ("recordsChanged", ("incidents",)), ("recordsChanged", ("workers",)),
                           ("selectionChanged", ([6],)), ("dirtyChanged", (True,))]
    assert len(session.project.grids) == 8 and session.is_modified()

    session.undo_stack.undo()
    events = seen.take()
    assert ("gridsChanged", ([CODE(7), CODE(8)],)) in events and events[-1] == ("dirtyChanged", (False,))
    assert len(session.project.grids) == 9 and session.selection == [6, 7] and not session.is_modified()

    session.undo_stack.redo()
    assert seen.take()[-1] == ("dirtyChanged", (True,)) and len(session.project.grids) == 8


def test_a_manual_assignment_announces_its_kind(session):
    seen = Recorder(session)
    session.push(OverrideCommand(session, "incidents", ["E0"], CODE(9), "reported wrong", "assign"))
    assert seen.take() == [("recordsChanged", ("incidents",)), ("dirtyChanged", (True,))]
    assert override(session.project.meta, "incidents", "E0")["grid"] == CODE(9)
    session.undo_stack.undo()
    assert seen.take() == [("recordsChanged", ("incidents",)), ("dirtyChanged", (False,))]
    assert override(session.project.meta, "incidents", "E0") is None


def test_an_import_announces_its_kind_with_new_values(session):
    seen = Recorder(session)
    fresh = []
    session.recordsChanged.connect(lambda kind: fresh.append(session.has_new_values(kind)))
    record = pd.DataFrame({"id": ["P1"], "name": ["张三"], "家属电话": ["13800001111"]})
    frame = pd.concat([empty_layer("persons"), record], ignore_index=True)
    session.add_layer("persons", frame, ["家属电话"])
    assert seen.take() == [("dirtyChanged", (True,)), ("recordsChanged", ("persons",))]
    assert fresh == [True] and not session.has_new_values("persons")  # only while it is announced
    assert session.project.layers["persons"] is frame
    assert private_columns(session.project.meta, "persons")[-1] == "家属电话"
    session.records_changed("persons")  # an edit, not an import
    assert fresh == [True, False]


def test_revealing_is_announced_and_audited_with_its_reason(session):
    seen = Recorder(session)
    session.set_revealed(True, "a court order")
    session.set_revealed(True)
    session.audit_reveal("export", "persons", 3)
    session.set_revealed(False)
    assert seen.take() == [("privacyChanged", (True,)), ("privacyChanged", (False,))]
    assert session.project.audit[-1]["reason"] == "a court order"


def test_the_actions_predicates_follow_the_session(session):
    empty = ProjectSession()
    assert not has_project(empty) and has_project(session)
    assert not can_undo(session) and not can_redo(session)
    session.push(OverrideCommand(session, "incidents", ["E0"], CODE(9), "why", "assign"))
    assert can_undo(session) and not can_redo(session)
    session.undo_stack.undo()
    assert not can_undo(session) and can_redo(session)


def test_the_window_enables_its_actions_from_the_table(qtbot):
    from gridmap.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    actions = window.action_set.actions
    guarded = {spec.id for spec in ACTIONS if spec.enabled_when is not None}
    assert guarded == {"file.import_records", "file.watch", "file.save", "file.save_as", "file.brief", "edit.undo",
                       "edit.redo", "edit.visit_rules"}
    assert not any(actions[i].isEnabled() for i in guarded)  # no project: Save, Import, Brief and Undo are off
    assert actions["file.open"].isEnabled() and actions["file.new"].isEnabled()
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts == ["&New from Boundaries…", "Import &Records…", "&Open…", "Open &Database Project…", "&Watch Folder…",
                     "&Save", "Save &As…", "Recent &Files", "&Print Map…", "&Daily Brief…", "&Export Map as HTML…",
                     "Export &Layer…", "&Quit"]
    tools = [actions[f"edit.{name}"] for name in window.edit_tools.TOOLS]
    assert window.edit_toolbar.actions() == tools and window.edit_tools.actions["merge"] is tools[1]
    window.close()

    window = show_project(qtbot, block())
    actions = window.action_set.actions
    assert all(actions[i].isEnabled() for i in ("file.import_records", "file.save", "file.save_as", "file.brief",
                                                "edit.visit_rules"))
    assert not actions["edit.undo"].isEnabled()
    window.session.push(GridEditCommand(window.session, edits.merge(window.project, [CODE(1), CODE(2)])))
    assert actions["edit.undo"].isEnabled() and not actions["edit.redo"].isEnabled()
    assert window.isWindowModified() and window.selection == [0]
    actions["edit.undo"].trigger()
    assert not actions["edit.undo"].isEnabled() and actions["edit.redo"].isEnabled()
    assert len(window.project.grids) == 9 and not window.isWindowModified()
    actions["edit.clear_selection"].trigger()
    assert window.session.selection == []
    window.close()


def test_widgets_reach_through_the_main_window_at_most_20_times():
    folder = Path(gridmap.ui.__file__).parent
    found = {path.name: len(REACH_THROUGH.findall(path.read_text(encoding="utf-8")))
             for path in sorted(folder.rglob("*.py"))}
    assert sum(found.values()) <= MAX_REACH_THROUGH, {name: n for name, n in found.items() if n}
