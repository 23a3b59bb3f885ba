"""The impact preview of a planned grid edit: what changes grid before anything does, then Apply or Cancel."""

from __future__ import annotations

import html

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from gridmap.core.grids.edits import Edit
from gridmap.core.project.kinds import GRID, worker_grids
from gridmap.ui.panels.filter_bar import kind_labels
from gridmap.ui.messages import plain_label

ORDER = ("persons", "venues", "incidents", "workers")
"""Record kinds in the order the preview names them."""
NONE = "—"


def grid_counts(project, edit: Edit) -> pd.DataFrame:
    """Per changed grid (index: code), households and the records of each kind before and after the edit
    (columns ``households``, ``persons``, … each with a ``before`` and an ``after`` level; NaN where the grid
    does not exist)."""
    codes = edit.changed_grids
    before, after = set(edit.before["code"]), set(edit.after["code"])
    households = edit.impact()["households"]
    columns = {("households", "before"): [households["before"].get(c) for c in codes],
               ("households", "after"): [households["after"].get(c) for c in codes]}
    for kind in (k for k in ORDER if k in project.layers):
        old = project.layers[kind][GRID].to_numpy(object)
        new = old.copy()
        moves = edit.moves.get(kind)
        if moves is not None and len(moves):
            new[moves["row"].to_numpy()] = moves["to"].to_numpy(object)
        for side, values, exists in (("before", old, before), ("after", new, after)):
            listed = [c for v in values for c in worker_grids(v)] if kind == "workers" else values
            counts = pd.Series(listed, dtype=object).value_counts()
            columns[(kind, side)] = [int(counts.get(c, 0)) if c in exists else None for c in codes]
    return pd.DataFrame(columns, index=codes)


def move_pairs(edit: Edit) -> dict[tuple[str, str], dict[str, int]]:
    """{(from, to): {kind: count}} of the records that change grid; a worker moves from the grids dropped
    from their list to the grids added to it."""
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    for kind in ORDER:
        moves = edit.moves.get(kind)
        if moves is None or not len(moves):
            continue
        if kind == "workers":
            sides = [(";".join(sorted(set(worker_grids(a)) - set(worker_grids(b)))),
                      ";".join(sorted(set(worker_grids(b)) - set(worker_grids(a)))))
                     for a, b in zip(moves["from"], moves["to"])]
        else:
            sides = list(zip(moves["from"].astype(str), moves["to"].astype(str)))
        for pair, count in pd.Series(sides, dtype=object).value_counts(sort=False).items():
            pairs.setdefault(pair, {})[kind] = int(count)
    return pairs


class ImpactDialog(QDialog):
    """Shows a planned :class:`~gridmap.core.grids.edits.Edit`: the changed grids with households and records
    before → after, the records that move as sentences, and warnings. Accepting it means Apply."""

    def __init__(self, project, edit: Edit, parent=None):
        super().__init__(parent)
        self.edit = edit
        self.setWindowTitle(self.tr("Impact of the Edit"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{html.escape(edit.description[:1].upper() + edit.description[1:])}</b>", self)
        heading.setTextFormat(Qt.RichText)
        layout.addWidget(heading)
        self.table = self._table(grid_counts(project, edit))
        layout.addWidget(self.table)
        self.moves_label = plain_label(self, "\n".join(self.sentences()) or self.tr("No records change grid."))
        self.moves_label.setWordWrap(True)
        self.moves_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.moves_label)
        self.warnings_label = plain_label(self, "\n".join(self.tr("Warning: {text}").format(text=w)
                                                         for w in edit.warnings))
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #b35900;")
        self.warnings_label.setVisible(bool(edit.warnings))
        layout.addWidget(self.warnings_label)
        buttons = QDialogButtonBox(QDialogButtonBox.Apply | QDialogButtonBox.Cancel, self)
        self.apply_button = buttons.button(QDialogButtonBox.Apply)
        self.apply_button.setText(self.tr("Apply"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _table(self, counts: pd.DataFrame) -> QTableWidget:
        kinds = list(dict.fromkeys(kind for kind, _ in counts.columns))
        titles = {"households": self.tr("Households"), **kind_labels()}
        table = QTableWidget(len(counts), len(kinds) + 2, self)
        table.setHorizontalHeaderLabels([self.tr("Grid"), self.tr("Name")] + [titles[k] for k in kinds])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.NoSelection)
        table.setFocusPolicy(Qt.NoFocus)
        impact = self.edit.impact()
        removed, added = set(impact["removed"]), set(impact["added"])
        names = dict(zip(self.edit.before["code"], self.edit.before["name"])) | \
            dict(zip(self.edit.after["code"], self.edit.after["name"]))
        for r, code in enumerate(counts.index):
            mark = self.tr(" (removed)") if code in removed else self.tr(" (new)") if code in added else ""
            table.setItem(r, 0, QTableWidgetItem(code + mark))
            table.setItem(r, 1, QTableWidgetItem(str(names[code])))
            for c, kind in enumerate(kinds, start=2):
                old, new = counts.at[code, (kind, "before")], counts.at[code, (kind, "after")]
                item = QTableWidgetItem(f"{_number(old)} → {_number(new)}")
                item.setTextAlignment(Qt.AlignCenter)
                if old != new:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        table.setMaximumHeight(table.horizontalHeader().height() + 8 + sum(table.rowHeight(r)
                                                                           for r in range(min(len(counts), 8))))
        return table

    def sentences(self) -> list[str]:
        """One sentence per pair of grids records move between: "This moves 37 key persons and 2 key venues
        from A to B."."""
        out = []
        for (source, target), counts in move_pairs(self.edit).items():
            amounts = [self._amount(kind, n) for kind, n in counts.items()]
            what = amounts[0] if len(amounts) == 1 else \
                self.tr(", ").join(amounts[:-1]) + self.tr(" and ") + amounts[-1]
            out.append(self.tr("This moves {what} from {source} to {target}.").format(
                what=what, source=source or self.tr("no grid"), target=target or self.tr("no grid")))
        return out

    def _amount(self, kind: str, n: int) -> str:
        if n == 1:
            return {"persons": self.tr("1 key person"), "venues": self.tr("1 key venue"),
                    "incidents": self.tr("1 incident"), "workers": self.tr("1 grid worker"),
                    "tracks": self.tr("1 GPS fix")}[kind]
        return {"persons": self.tr("{count} key persons"), "venues": self.tr("{count} key venues"),
                "incidents": self.tr("{count} incidents"), "workers": self.tr("{count} grid workers"),
                "tracks": self.tr("{count} GPS fixes")}[kind].format(
            count=f"{n:,}")


def _number(value) -> str:
    return NONE if value is None or pd.isna(value) else f"{int(value):,}"
