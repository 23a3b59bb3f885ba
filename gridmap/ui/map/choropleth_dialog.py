"""The dialog that colours grids by a statistic: which one, the classification method and the classes."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from gridmap.core.records.stats import STATISTICS
from gridmap.ui.map.record_overlays import ChoroplethSpec


class ChoroplethDialog(QDialog):
    """Choose a per-grid statistic, quantile / natural breaks / equal interval and 3–9 classes."""

    def __init__(self, current: ChoroplethSpec | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Colour Grids by Statistic"))
        names = self.statistic_names()
        self.statistic = QComboBox(self)
        for key in STATISTICS:
            self.statistic.addItem(names[key], key)
        self.method = QComboBox(self)
        for key, text in (("quantile", self.tr("Quantiles (equal counts)")),
                          ("natural_breaks", self.tr("Natural breaks (Jenks)")),
                          ("equal_interval", self.tr("Equal intervals"))):
            self.method.addItem(text, key)
        self.classes = QSpinBox(self)
        self.classes.setRange(3, 9)
        self.classes.setValue(5)
        if current is not None:
            self.statistic.setCurrentIndex(max(0, self.statistic.findData(current.statistic)))
            self.method.setCurrentIndex(max(0, self.method.findData(current.method)))
            self.classes.setValue(current.classes)
        form = QFormLayout(self)
        form.addRow(self.tr("Statistic:"), self.statistic)
        form.addRow(self.tr("Classes by:"), self.method)
        form.addRow(self.tr("Number of classes:"), self.classes)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def statistic_names(self) -> dict[str, str]:
        """Each statistic's name in the interface language (it heads the legend too)."""
        return {"incidents": self.tr("Incidents (filtered)"), "open_incidents": self.tr("Open incidents"),
                "resolution_rate": self.tr("Resolution rate"), "persons": self.tr("Key persons"),
                "venues": self.tr("Key venues"), "workers": self.tr("Grid workers"),
                "households": self.tr("Households"), "visit_coverage": self.tr("Visit coverage (%)"),
                "visit_overdue": self.tr("Overdue targets")}

    def spec(self) -> ChoroplethSpec:
        key = self.statistic.currentData()
        return ChoroplethSpec(key, self.method.currentData(), self.classes.value(), self.statistic_names()[key])
