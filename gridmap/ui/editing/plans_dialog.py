"""Edit → Grid Plans…: the project's grid plans (see :mod:`gridmap.core.grids.plans`): save the layout as a named plan,
switch to another (re-assigning the records), compare two, export one as Shapefile (UTF-8 or GBK), GeoPackage or
GeoJSON, and write or read an assignment table (record id → grid code).

Saving or switching a plan changes what the edits on the undo stack were made on, so it clears the stack; an
imported assignment table is undoable like any manual assignment."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QUndoCommand
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QHBoxLayout,
                               QInputDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit,
                               QPushButton, QStatusBar, QVBoxLayout, QWidget)

from gridmap.core.grids import plans
from gridmap.core.errors import GridMapError
from gridmap.core.project.meta import override
from gridmap.ui.panels.filter_bar import kind_labels
from gridmap.ui.messages import ask, show_message
from gridmap.ui.tasks import run_in_thread

if TYPE_CHECKING:
    from gridmap.ui.session import ProjectSession

FORMATS = {".shp": "Shapefile", ".gpkg": "GeoPackage", ".geojson": "GeoJSON"}
NONE = "—"


class AssignmentImportCommand(QUndoCommand):
    """An imported assignment table (already applied when pushed): undo puts the replaced manual assignments
    back, redo the imported ones."""

    def __init__(self, session: ProjectSession, result: plans.AssignmentImport, text: str):
        super().__init__(text)
        self.session, self.project = session, session.project
        self.before = copy.deepcopy(result.previous)
        self.after = {kind: copy.deepcopy({i: override(self.project.meta, kind, i) for i in ids})
                      for kind, ids in result.previous.items()}
        self._applied = True

    def redo(self) -> None:
        self._set(self.after, not self._applied)
        self._applied = False

    def undo(self) -> None:
        self._set(self.before, True)

    def _set(self, overrides: dict, restore: bool) -> None:
        from gridmap.core.records.assign import restore_overrides

        for kind, previous in overrides.items():
            if restore:
                restore_overrides(self.project, kind, copy.deepcopy(previous))
            self.session.records_changed(kind)


class PlansDialog(QDialog):
    """The plans (the one in use marked) with Save As Plan…, Switch To, Export… and the assignment table;
    Compare below; what the last action did in the text box at the bottom."""

    @classmethod
    def show_for(cls, window) -> PlansDialog | None:
        """Open the dialog (window-modal, not blocking) for the main window's project."""
        if window.session.project is None:
            window.statusBar().showMessage(QCoreApplication.translate("PlansDialog", "Open a project first."), 5000)
            return None
        dialog = cls(window.session, window.statusBar(), window.map_state, window)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def __init__(self, session: ProjectSession, status: QStatusBar, map_state: Callable[[], dict],
                 parent: QWidget | None = None):
        """``status`` shows what the last action did; ``map_state()`` is the view and colouring kept in the
        project when switching plans."""
        super().__init__(parent)
        self.session, self.status, self._map_state = session, status, map_state
        self.setWindowTitle(self.tr("Grid Plans"))
        self.setMinimumSize(640, 520)
        self.list = QListWidget(self)
        buttons = QVBoxLayout()
        for text, slot in ((self.tr("Save As Plan…"), self._ask_save), (self.tr("Switch To"), self._switch_selected),
                           (self.tr("Export…"), self._ask_export),
                           (self.tr("Export Assignment CSV…"), self._ask_export_assignment),
                           (self.tr("Import Assignment CSV…"), self._ask_import_assignment)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.format = QComboBox(self)
        for suffix, name in FORMATS.items():
            self.format.addItem(name, suffix)
        self.encoding = QComboBox(self)
        self.encoding.addItems(["UTF-8", "GBK"])
        self.encoding.setToolTip(self.tr("The Shapefile's attribute encoding (written to its .cpg)"))
        self.format.currentIndexChanged.connect(lambda: self.encoding.setEnabled(self.format.currentData() == ".shp"))
        options = QGridLayout()
        options.addWidget(QLabel(self.tr("Export as"), self), 0, 0)
        options.addWidget(self.format, 0, 1)
        options.addWidget(QLabel(self.tr("Encoding"), self), 1, 0)
        options.addWidget(self.encoding, 1, 1)
        buttons.addLayout(options)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(buttons)

        self.compare_a, self.compare_b = QComboBox(self), QComboBox(self)
        compare_button = QPushButton(self.tr("Compare"), self)
        compare_button.clicked.connect(lambda: self.compare(self.compare_a.currentText(),
                                                            self.compare_b.currentText()))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Compare"), self))
        row.addWidget(self.compare_a, 1)
        row.addWidget(QLabel("→", self))
        row.addWidget(self.compare_b, 1)
        row.addWidget(compare_button)
        self.result = QPlainTextEdit(self)
        self.result.setReadOnly(True)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(row)
        layout.addWidget(self.result, 1)
        layout.addWidget(close)
        self.refresh()

    @property
    def project(self):
        return self.session.project

    def refresh(self) -> None:
        """List the plans again (after saving or switching)."""
        listed = plans.list_plans(self.project)
        self.list.clear()
        for plan in listed:
            text = self.tr("{name} — {count} grids").format(name=plan["name"], count=f"{plan['grids']:,}")
            item = QListWidgetItem(text + (self.tr(" (in use)") if plan["in_use"] else ""))
            item.setData(Qt.UserRole, plan["name"])
            self.list.addItem(item)
            if plan["in_use"]:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                self.list.setCurrentItem(item)
        names = [plan["name"] for plan in listed]
        for combo, pick in ((self.compare_a, 0), (self.compare_b, 1)):
            combo.clear()
            combo.addItems(names)
            combo.setCurrentIndex(min(pick, len(names) - 1))
        if not listed:
            self.result.setPlainText(self.tr("The grids are not saved as a plan yet: Save As Plan… names them."))

    def selected(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def _report(self, text: str) -> None:
        self.result.setPlainText(text)
        self.status.showMessage(text.splitlines()[0], 8000)

    def _changed(self) -> None:
        """The plans changed: earlier edits cannot be undone across that; the project needs saving."""
        self.session.undo_stack.clear()
        self.session.set_modified(True)
        self.refresh()

    # --- actions -------------------------------------------------------------------------------------------

    def save_plan(self, name: str, replace: bool = False) -> bool:
        """Save the layout as plan ``name`` (then in use)."""
        try:
            data = plans.save_plan(self.project, name, replace=replace)
        except GridMapError as exc:
            show_message(self, self.tr("Save As Plan"), str(exc))
            return False
        self._changed()
        self._report(self.tr("Saved the grids as plan {name} ({count} grids); it is in use: edits change it.").format(
            name=data["plan"], count=f"{data['grids']:,}"))
        return True

    def switch_to(self, name: str) -> bool:
        """Use plan ``name``: the records are re-assigned and every view shows its grids."""
        if name == self.project.meta.get(plans.CURRENT):
            self._report(self.tr("Plan {name} is already in use.").format(name=name))
            return False
        try:
            data = run_in_thread(lambda: plans.use_plan(self.project, name), self)
        except GridMapError as exc:
            show_message(self, self.tr("Switch Plan"), str(exc))
            return False
        self.project.meta["map"] = self._map_state()  # keep the view and colouring
        self.session.set_project(self.project)
        self._changed()
        kinds = kind_labels()
        moved = ", ".join(f"{kinds.get(kind, kind)} {count:,}" for kind, count in data["moved"].items()) or NONE
        self._report(self.tr("Using plan {name} ({count} grids). Records that changed grid: {moved}").format(
            name=data["plan"], count=f"{data['grids']:,}", moved=moved))
        return True

    def compare(self, a: str, b: str) -> dict | None:
        """Show what changes from plan ``a`` to plan ``b``."""
        try:
            data = run_in_thread(lambda: plans.compare_plans(self.project, a, b), self)
        except GridMapError as exc:
            show_message(self, self.tr("Compare Plans"), str(exc))
            return None
        self.result.setPlainText(self.comparison_text(data))
        return data

    def comparison_text(self, data: dict) -> str:
        def codes(key: str) -> str:
            return f"({len(data[key])}) " + (", ".join(data[key]) or NONE)

        kinds = kind_labels()
        lines = [self.tr("Plan {a} → plan {b}: {na} → {nb} grids").format(
                     a=data["a"], b=data["b"], na=f"{data['grids']['a']:,}", nb=f"{data['grids']['b']:,}"),
                 self.tr("Changed grids: {codes}").format(codes=codes("changed_grids")),
                 self.tr("Added: {codes}").format(codes=codes("added")),
                 self.tr("Removed: {codes}").format(codes=codes("removed")),
                 self.tr("Boundaries changed: {codes}").format(codes=codes("geometry_changed")),
                 self.tr("Attributes changed: {codes}").format(codes=codes("attributes_changed")),
                 self.tr("Records moved:")]
        for kind, count in data["moved"].items():
            pairs = "; ".join(f"{p['from'] or NONE} → {p['to'] or NONE}: {p['count']:,}" for p in data["moves"][kind])
            lines.append(f"  {kinds.get(kind, kind)} {count:,}" + (f" ({pairs})" if pairs else ""))
        return "\n".join(lines)

    def export_plan(self, name: str, path: Path | str, encoding: str = "UTF-8") -> Path | None:
        """Write plan ``name``'s grids to ``path`` (its suffix gives the format)."""
        try:
            out = run_in_thread(lambda: plans.export_plan(self.project, name, path, encoding), self)
        except GridMapError as exc:
            show_message(self, self.tr("Export Plan"), str(exc))
            return None
        extra = f" ({encoding})" if Path(out).suffix.lower() == ".shp" else ""
        self._report(self.tr("Exported plan {name} to {file}").format(name=name, file=Path(out).name) + extra)
        return out

    def export_assignment(self, path: Path | str) -> int | None:
        """Write the assignment table (ID numbers masked unless revealed)."""
        reveal = self.session.revealed
        try:
            rows = run_in_thread(lambda: plans.export_assignment(self.project, path, reveal=reveal), self)
            if reveal:
                self.session.audit_reveal("export-assignment", "records", rows, Path(path).resolve())
        except GridMapError as exc:
            show_message(self, self.tr("Export Assignment"), str(exc))
            return None
        self._report(self.tr("Exported the assignment of {rows} records to {file}").format(
            rows=f"{rows:,}", file=Path(path).name))
        return rows

    def import_assignment(self, path: Path | str) -> plans.AssignmentImport | None:
        """Assign records by hand from an assignment table (one undoable step) and list what it did, rejected
        rows with their row number and reason."""
        path = Path(path)
        try:
            result = run_in_thread(lambda: plans.import_assignment(self.project, path), self)
        except GridMapError as exc:
            show_message(self, self.tr("Import Assignment"), str(exc))
            return None
        if result.applied:
            self.session.push(AssignmentImportCommand(
                self.session, result, self.tr("Import assignment from {file}").format(file=path.name)))
        lines = [self.tr("{file}: {rows} rows; {applied} applied, {unchanged} unchanged, {rejected} rejected").format(
            file=path.name, rows=f"{result.rows:,}", applied=f"{result.applied:,}",
            unchanged=f"{result.unchanged:,}", rejected=f"{len(result.rejected_rows):,}")]
        lines += [self.tr("Row {row}: {reason}").format(row=row, reason=reason)
                  for row, reason in result.rejected_rows]
        self._report("\n".join(lines))
        return result

    # --- asking ------------------------------------------------------------------------------------------

    def _folder(self) -> Path:
        return self.project.path.parent if self.project.path is not None else Path.home()

    def _ask_save(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save As Plan"), self.tr("Plan name:"))
        name = name.strip()
        if not ok or not name:
            return
        replace = name in self.project.plans
        if replace and ask(
                self, self.tr("Save As Plan"),
                self.tr("A plan named {name} exists. Replace it with the current grids?").format(name=name)
        ) != QMessageBox.Yes:
            return
        self.save_plan(name, replace=replace)

    def _switch_selected(self) -> None:
        if self.selected():
            self.switch_to(self.selected())

    def _ask_export(self) -> None:
        name = self.selected() or self.project.meta.get(plans.CURRENT)
        if not name:
            show_message(self, self.tr("Export Plan"), self.tr("Save the grids as a plan first."))
            return
        suffix = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Plan"), str(self._folder() / f"{name}{suffix}"),
                                              f"{self.format.currentText()} (*{suffix})")
        if path:
            self.export_plan(name, path if path.lower().endswith(suffix) else path + suffix,
                             self.encoding.currentText())

    def _ask_export_assignment(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Assignment"),
                                              str(self._folder() / "assignment.csv"), self.tr("CSV files (*.csv)"))
        if path:
            self.export_assignment(path if path.lower().endswith(".csv") else path + ".csv")

    def _ask_import_assignment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import Assignment"), str(self._folder()),
                                              self.tr("Assignment tables (*.csv *.xlsx)"))
        if path:
            self.import_assignment(path)
