"""Edit → Visit Rules…: how often key persons (by risk level or category) and venues (by type) must be visited,
as an editable table with the defaults restorable. OK makes the change with the same operation as ``gridmap
rules`` (:func:`gridmap.ops.visits.change_rules`) as an undoable edit."""

from __future__ import annotations

import copy
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from gridmap.core.errors import GridMapError
from gridmap.core.visits.rules import DEFAULT_RULES, KEY, MAX_DAYS, VisitRule, VisitRules, visit_rules
from gridmap.ops.visits import RulesChange, change_rules
from gridmap.ui.messages import plain_label

if TYPE_CHECKING:
    from gridmap.ui.session import ProjectSession

FIELD_ORDER = ("risk_level", "category", "type")


class RulesCommand(QUndoCommand):
    """Change the project's visit rules with :func:`~gridmap.ops.visits.change_rules`; undo puts the stored
    rules back as they were (also "none stored": the defaults)."""

    def __init__(self, session: ProjectSession, change: RulesChange, text: str):
        super().__init__(text)
        self.session, self.project, self.change = session, session.project, change
        self.before = copy.deepcopy(self.project.meta.get(KEY))

    def redo(self) -> None:
        change_rules(self.project, self.change)
        self.session.visitRulesChanged.emit()

    def undo(self) -> None:
        if self.before is None:
            self.project.meta.pop(KEY, None)
        else:
            self.project.meta[KEY] = copy.deepcopy(self.before)
        self.session.visitRulesChanged.emit()


def rules_change(rules: VisitRules) -> RulesChange:
    """The change that turns any rules into ``rules``: back to the defaults, every default rule removed, then
    each of ``rules`` set."""
    return RulesChange(set=[f"{r.field}:{r.value}={r.days}" for r in rules.rules]
                       + [f"default:{kind}={days}" for kind, days in rules.default.items()],
                       remove=[f"{r.field}:{r.value}" for r in DEFAULT_RULES.rules], reset=True,
                       far_m=rules.far_m, soon_days=rules.soon_days)


class RulesDialog(QDialog):
    """The rules of ``session``'s project as a table (applies to, value, days), the days for targets no rule
    matches, the due-soon window and the far check-in distance; Restore Defaults fills in :data:`DEFAULT_RULES`."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Visit Rules"))
        self.resize(520, 560)
        intro = plain_label(self, self.tr(
            "Days allowed between visits. A target matching several rules takes the fewest days; one matching "
            "none takes its kind's default."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Applies to"), self.tr("Value"), self.tr("Days")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().hide()
        add = QPushButton(self.tr("Add Rule"), self)
        add.clicked.connect(lambda: self.add_rule(VisitRule("risk_level", "", 30)))
        remove = QPushButton(self.tr("Remove Rule"), self)
        remove.clicked.connect(self.remove_selected)
        restore = QPushButton(self.tr("Restore Defaults"), self)
        restore.clicked.connect(lambda: self.set_rules(DEFAULT_RULES))
        self.persons = self._spin(1, MAX_DAYS)
        self.venues = self._spin(1, MAX_DAYS)
        self.soon = self._spin(0, MAX_DAYS)
        self.far = self._spin(1, 100_000)
        self.far.setSuffix(" m")
        self.error = plain_label(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        for button in (add, remove):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(restore)
        form = QFormLayout()
        form.addRow(self.tr("Key persons matching no rule:"), self.persons)
        form.addRow(self.tr("Key venues matching no rule:"), self.venues)
        form.addRow(self.tr("Due soon from (days before due):"), self.soon)
        form.addRow(self.tr("Check-in far from the target beyond:"), self.far)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.set_rules(visit_rules(session.project.meta))

    def field_labels(self) -> dict[str, str]:
        return {"risk_level": self.tr("Key persons: risk level"), "category": self.tr("Key persons: category"),
                "type": self.tr("Key venues: type")}

    def _spin(self, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        return spin

    def set_rules(self, rules: VisitRules) -> None:
        """Show ``rules`` in the table and the fields."""
        self.table.setRowCount(0)
        for rule in rules.rules:
            self.add_rule(rule)
        self.persons.setValue(int(rules.default.get("persons", 30)))
        self.venues.setValue(int(rules.default.get("venues", 90)))
        self.soon.setValue(int(rules.soon_days))
        self.far.setValue(int(round(rules.far_m)))
        self.error.clear()

    def add_rule(self, rule: VisitRule) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        field = QComboBox(self.table)
        for key, text in self.field_labels().items():
            field.addItem(text, key)
        field.setCurrentIndex(max(0, field.findData(rule.field)))
        self.table.setCellWidget(row, 0, field)
        self.table.setItem(row, 1, QTableWidgetItem(rule.value))
        days = self._spin(1, MAX_DAYS)
        days.setValue(rule.days)
        self.table.setCellWidget(row, 2, days)
        if not rule.value:
            self.table.setCurrentCell(row, 1)
            self.table.editItem(self.table.item(row, 1))

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()} or {self.table.currentRow()},
                          reverse=True):
            if row >= 0:
                self.table.removeRow(row)

    def rules(self) -> VisitRules:
        """The rules as edited; GridMapError naming the first row without a value."""
        rules = []
        for row in range(self.table.rowCount()):
            value = (self.table.item(row, 1).text() if self.table.item(row, 1) else "").strip()
            if not value:
                raise GridMapError(self.tr("Row {row}: type the risk level, category or type the rule is for.")
                                   .format(row=row + 1))
            rules.append(VisitRule(self.table.cellWidget(row, 0).currentData(), value,
                                   self.table.cellWidget(row, 2).value()))
        return VisitRules(tuple(rules), {"persons": self.persons.value(), "venues": self.venues.value()},
                          float(self.far.value()), self.soon.value())

    def change(self) -> tuple[RulesChange, bool]:
        """The change OK makes and whether it changes anything, tried on a copy of the project's rules first
        (GridMapError if it cannot be made)."""
        change = rules_change(self.rules())
        project = self.session.project
        return change, change_rules(SimpleNamespace(meta=dict(project.meta), layers=project.layers), change).changed

    def accept(self) -> None:
        try:
            change, changed = self.change()
        except GridMapError as exc:
            self.error.setText(str(exc))
            return
        if changed:
            self.session.push(RulesCommand(self.session, change, self.tr("Change visit rules")))
        super().accept()
