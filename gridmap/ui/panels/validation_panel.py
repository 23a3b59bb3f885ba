"""The Validation dock: checks the grids with :func:`gridmap.core.grids.validate.validate` on a worker thread and lists
the findings, errors first; clicking one selects its grids and zooms the map there. Once run, it checks again
after every change on the session's undo stack (an edit, its undo, a manual assignment)."""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING

import numpy as np
import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDoubleSpinBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyle,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from gridmap.core.project.meta import all_overrides, with_overrides
from gridmap.core.project.model import Project
from gridmap.core.grids.validate import Finding, Report, validate
from gridmap.ui.messages import plain_label, plain_tooltip

if TYPE_CHECKING:
    from gridmap.ui.map.view import MapView
    from gridmap.ui.session import ProjectSession

AROUND_DEGREES = 0.003
"""Half the side of the view shown around a finding without grids (about 300 m)."""
SHOWN_CODES = 4
"""Grid codes listed in the Grids column before "…"."""


class ValidationPanel(QWidget):
    """Run / Re-check with a tolerance, the findings and a summary line for the project of ``session``;
    a finding is shown on ``map_view``."""

    checked = Signal()
    """A check ended and its findings (or its error) are shown."""
    _done = Signal(int, object, str)

    def __init__(self, session: ProjectSession, map_view: MapView, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.map = session, map_view
        self.report: Report | None = None
        self.findings: list[Finding] = []
        self._token = 0
        self._running = False
        self._again = False

        self.run_button = QPushButton(self.tr("Run"), self)
        self.run_button.clicked.connect(self.run)
        self.tolerance = QDoubleSpinBox(self)
        self.tolerance.setRange(0, 1e6)
        self.tolerance.setDecimals(2)
        self.tolerance.setValue(1.0)
        self.tolerance.setSuffix(self.tr(" m²"))
        self.tolerance.setToolTip(self.tr("Overlaps, gaps and parts up to this area are noise of shared edges, "
                                          "not findings"))
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels([self.tr("Kind"), self.tr("Grids"), self.tr("Area (m²)"), self.tr("Message")])
        self.list.header().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)
        self.summary = plain_label(self, self.tr("Not checked yet."))
        self.summary.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(QLabel(self.tr("Tolerance:"), self))
        top.addWidget(self.tolerance)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)

        session.undo_stack.indexChanged.connect(self._on_edited)
        session.gridsReplaced.connect(self.set_project)
        self._done.connect(self._on_done)
        self.set_project(session.project)

    def title(self) -> str:
        """The title of the panel's dock."""
        return self.tr("Validation")

    def kind_words(self) -> dict[str, str]:
        return {"overlap": self.tr("Overlap"), "gap": self.tr("Gap"), "invalid_geometry": self.tr("Invalid geometry"),
                "duplicate_code": self.tr("Duplicate code"), "district_gap": self.tr("Gap between districts"),
                "multipart": self.tr("Several parts"), "sliver": self.tr("Sliver"),
                "outside_grids": self.tr("Records outside grids"), "no_worker": self.tr("No worker")}

    def set_project(self, project) -> None:
        """Forget the findings of the previous project (a check under way is dropped)."""
        self._token += 1
        self._again = False
        self.report = None
        self.findings = []
        self.list.clear()
        self.run_button.setText(self.tr("Run"))
        self.run_button.setEnabled(project is not None)
        self.summary.setText(self.tr("Not checked yet.") if project is not None else "")

    def run(self) -> None:
        """Check the grids on a worker thread (a check under way finishes first, then this one runs)."""
        project = self.session.project
        if project is None:
            return
        if self._running:
            self._again = True
            return
        self._running, self._again = True, False
        # a snapshot: edits replace the grids and record columns rather than change them in place
        snapshot = Project(project.grids, with_overrides(copy.deepcopy(all_overrides(project.meta))),
                           layers={kind: layer.copy(deep=False) for kind, layer in project.layers.items()})
        token, tolerance = self._token, self.tolerance.value()

        def work() -> None:
            try:
                report, error = validate(snapshot, tolerance_m2=tolerance), ""
            except Exception as exc:  # shown in the summary line
                report, error = None, str(exc) or type(exc).__name__
            try:
                self._done.emit(token, report, error)
            except RuntimeError:  # the panel was deleted meanwhile
                pass

        self.summary.setText(self.tr("Checking…"))
        threading.Thread(target=work, name="gridmap-validate", daemon=True).start()

    def _on_done(self, token: int, report: Report | None, error: str) -> None:
        self._running = False
        if token != self._token:  # another project meanwhile
            if self._again:
                self.run()
            return
        if self._again:
            self.run()
            return
        self.report = report
        self._show(report, error)
        self.checked.emit()

    def _show(self, report: Report | None, error: str) -> None:
        self.list.clear()
        self.findings = []
        self.run_button.setText(self.tr("Re-check"))
        if report is None:
            self.summary.setText(self.tr("The check failed: {error}").format(error=error))
            return
        words = self.kind_words()
        style = self.style()
        for is_error, findings in ((True, report.errors), (False, report.warnings)):
            icon = style.standardIcon(QStyle.SP_MessageBoxCritical if is_error else QStyle.SP_MessageBoxWarning)
            for finding in findings:
                codes = list(dict.fromkeys(finding.grids))
                shown = ", ".join(codes[:SHOWN_CODES]) + (", …" if len(codes) > SHOWN_CODES else "")
                area = "" if finding.area_m2 is None else f"{finding.area_m2:,.1f}"
                item = QTreeWidgetItem([words.get(finding.kind, finding.kind), shown, area, finding.message])
                item.setIcon(0, icon)
                item.setToolTip(0, self.tr("Error") if is_error else self.tr("Warning"))
                item.setToolTip(1, plain_tooltip(", ".join(codes)))
                item.setToolTip(3, plain_tooltip(finding.message))
                item.setTextAlignment(2, Qt.AlignRight | Qt.AlignVCenter)
                item.setData(0, Qt.UserRole, len(self.findings))
                self.findings.append(finding)
                self.list.addTopLevelItem(item)
        if self.findings:
            self.summary.setText(self.tr("{errors} errors, {warnings} warnings; click one to see it on the map.")
                                 .format(errors=len(report.errors), warnings=len(report.warnings)))
        else:
            self.summary.setText(self.tr("No problems found."))

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.show_finding(self.findings[item.data(0, Qt.UserRole)])

    def show_finding(self, finding: Finding) -> None:
        """Select the finding's grids and zoom to them, or (no grids) to a small view around its location."""
        codes = self.session.project.grids["code"].astype(str)
        rows = np.flatnonzero(codes.isin(finding.grids).to_numpy()).tolist()
        self.session.set_selection(rows)
        if rows:
            self.map.zoom_to(rows)
        elif finding.location is not None:
            lon, lat = finding.location
            self.map.set_extent([lon - AROUND_DEGREES, lat - AROUND_DEGREES,
                                   lon + AROUND_DEGREES, lat + AROUND_DEGREES])

    def _on_edited(self, _index: int) -> None:
        """Check again after an edit or its undo (not when the stack is cleared for a new project or plan, nor when
        the window goes)."""
        stack = self.session.undo_stack
        if shiboken6.isValid(stack) and stack.count() and (self.report is not None or self._running):
            self.run()
