"""The filter bar: which record kind, which days, which categories and statuses are shown and counted. The map
overlays and the statistics follow its ``filterChanged`` signal, so they always agree."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QMenu, QPushButton, QSlider, QWidget

from gridmap.core.records.filters import RecordFilter
from gridmap.core.project.kinds import KINDS
from gridmap.core.records.stats import WORKFLOW, category_values, day_filter, status_values, totals_values

DEBOUNCE_MS = 250
"""Quiet time after the last change before ``filterChanged`` is emitted."""
TOTALS_ONLY = RecordFilter(categories=frozenset(), statuses=frozenset())
"""What the bar asks a store's ``record_counts`` for a layer it serves: a filter no record passes, answered
without a scan, for the layer's totals per category and status."""

_KIND_LABELS = {"incidents": QT_TRANSLATE_NOOP("RecordKinds", "Incidents"),
                "persons": QT_TRANSLATE_NOOP("RecordKinds", "Key persons"),
                "venues": QT_TRANSLATE_NOOP("RecordKinds", "Key venues"),
                "workers": QT_TRANSLATE_NOOP("RecordKinds", "Grid workers"),
                "visits": QT_TRANSLATE_NOOP("RecordKinds", "Visits"),
                "tracks": QT_TRANSLATE_NOOP("RecordKinds", "GPS tracks")}


def kind_labels() -> dict[str, str]:
    """Each record kind's name in the interface language."""
    return {kind: QCoreApplication.translate("RecordKinds", text) for kind, text in _KIND_LABELS.items()}


class _StayOpenMenu(QMenu):
    """A menu that stays open while its check boxes are toggled."""

    def mouseReleaseEvent(self, event) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class CheckList(QPushButton):
    """A drop-down of check boxes, one per value, with All / None; ``changed`` when the choice changes."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._title = title
        self._actions = []
        self.setMenu(_StayOpenMenu(self))
        self.set_values([])

    def set_values(self, values: list[str], checked: frozenset[str] | None = None) -> None:
        """List ``values``, those in ``checked`` checked (None: all)."""
        menu = self.menu()
        menu.clear()
        menu.addAction(self.tr("All"), lambda: self._check_all(True))
        menu.addAction(self.tr("None"), lambda: self._check_all(False))
        menu.addSeparator()
        self._actions = []
        for value in values:
            action = menu.addAction(value)
            action.setData(value)  # the text may gain "&" mnemonics
            action.setCheckable(True)
            action.setChecked(checked is None or value in checked)
            action.toggled.connect(self._on_toggled)
            self._actions.append(action)
        self._update_text()

    def values(self) -> list[str]:
        return [a.data() for a in self._actions]

    def checked(self) -> frozenset[str] | None:
        """The checked values; None when all are (no restriction)."""
        chosen = frozenset(a.data() for a in self._actions if a.isChecked())
        return None if len(chosen) == len(self._actions) else chosen

    def set_checked(self, values: frozenset[str] | None) -> None:
        for action in self._actions:
            action.blockSignals(True)
            action.setChecked(values is None or action.data() in values)
            action.blockSignals(False)
        self._on_toggled()

    def _check_all(self, on: bool) -> None:
        self.set_checked(None if on else frozenset())

    def _on_toggled(self, *_args) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = self.checked()
        count = self.tr("all") if chosen is None else f"{len(chosen)}/{len(self._actions)}"
        self.setText(f"{self._title}: {count}")


@dataclass(frozen=True)
class _Offer:
    """What the bar offers of one record layer: its categories and statuses, whether it has a time column and
    its first and last time (None: no timed record)."""

    categories: list[str]
    statuses: list[str]
    timed: bool
    span: tuple[pd.Timestamp, pd.Timestamp] | None


def _offer(layers, kind: str) -> _Offer:
    """The offer of layer ``kind``: from the layer, or, for a layer the store serves (not read into memory), from
    the store's totals and time range."""
    spec = KINDS[kind]
    if layers.serves_points(kind):
        counts = layers.record_counts(kind, TOTALS_ONLY)
        totals = counts.attrs.get("totals") if counts is not None else None
        if totals is None:
            totals = pd.DataFrame({"column": [], "value": [], "n": []})
        span = layers.time_range(kind)
        return _Offer(totals_values(totals, "category"),
                      totals_values(totals, "status", WORKFLOW) if spec.status else [], span is not None, span)
    frame = layers[kind]
    timed = spec.time is not None and spec.time in frame.columns
    times = frame[spec.time].dropna() if timed else ()
    return _Offer(category_values(frame, kind), status_values(frame) if spec.status else [], timed,
                  (times.min(), times.max()) if len(times) else None)


class FilterBar(QWidget):
    """Kind chooser, a day range (two sliders, each with a date box), category and status lists and Reset.

    ``filterChanged(kind, RecordFilter)`` is emitted a moment after the last change (at once on a new project).
    The day range applies to every kind with a time (incidents); categories and statuses are kept per kind."""

    filterChanged = Signal(str, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._offers: dict[str, _Offer] = {}
        self._choices: dict[str, tuple[frozenset[str] | None, frozenset[str] | None]] = {}
        self._day0 = pd.Timestamp("2026-01-01")
        self._kind: str | None = None
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.from_edit, self.to_edit = QDateEdit(self), QDateEdit(self)
        self.from_slider, self.to_slider = QSlider(Qt.Horizontal, self), QSlider(Qt.Horizontal, self)
        for edit, slider in ((self.from_edit, self.from_slider), (self.to_edit, self.to_slider)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            slider.setMinimumWidth(240)
            slider.setMaximumWidth(480)
            slider.valueChanged.connect(self._on_slider)
            edit.dateChanged.connect(self._on_date)
        self.categories = CheckList(self.tr("Categories"), self)
        self.statuses = CheckList(self.tr("Statuses"), self)
        self.categories.changed.connect(self._changed)
        self.statuses.changed.connect(self._changed)
        self.reset_button = QPushButton(self.tr("Reset"), self)
        self.reset_button.clicked.connect(self.reset)

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel(self.tr("Records"), self), 0, 0)
        grid.addWidget(self.kind_combo, 1, 0)
        grid.addWidget(QLabel(self.tr("From"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("To"), self), 1, 1)
        grid.addWidget(self.from_edit, 0, 2)
        grid.addWidget(self.to_edit, 1, 2)
        grid.addWidget(self.from_slider, 0, 3)
        grid.addWidget(self.to_slider, 1, 3)
        grid.addWidget(self.categories, 0, 4)
        grid.addWidget(self.statuses, 1, 4)
        grid.addWidget(self.reset_button, 0, 5)
        grid.setColumnStretch(6, 1)
        self.set_project(None)

    # --- state ---------------------------------------------------------------------------------------

    def set_project(self, project) -> None:
        """Offer the project's record layers (a layer the store serves is not read: its time range and values
        come from the store), every filter reset; emits ``filterChanged`` for the first kind."""
        layers = project.layers if project is not None else {}
        self._offers = {k: _offer(layers, k) for k in KINDS if k in layers}
        self._choices = {}
        self._kind = None
        spans = [o.span for o in self._offers.values() if o.span is not None]
        self._day0 = min(s[0] for s in spans).normalize() if spans else pd.Timestamp("2026-01-01")
        days = int((max(s[1] for s in spans).normalize() - self._day0).days) if spans else 0
        for widget in (self.from_slider, self.to_slider, self.from_edit, self.to_edit):
            widget.blockSignals(True)
        for slider in (self.from_slider, self.to_slider):
            slider.setRange(0, days)
        for edit in (self.from_edit, self.to_edit):
            edit.setDateRange(self._qdate(0), self._qdate(days))
        for widget in (self.from_slider, self.to_slider, self.from_edit, self.to_edit):
            widget.blockSignals(False)
        self._set_days(0, days)
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        labels = kind_labels()
        for kind in self._offers:
            self.kind_combo.addItem(labels[kind], kind)
        self.kind_combo.blockSignals(False)
        self.setEnabled(bool(self._offers))
        if self._offers:
            self._on_kind(0)
            self._emit()
        else:
            self.categories.set_values([])
            self.statuses.set_values([])

    def kind(self) -> str | None:
        return self._kind

    def set_kind(self, kind: str) -> None:
        index = self.kind_combo.findData(kind)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    def days(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """First and last day of the range (both included)."""
        return (self._day0 + pd.Timedelta(days=self.from_slider.value()),
                self._day0 + pd.Timedelta(days=self.to_slider.value()))

    def set_days(self, first, last) -> None:
        """Set the range to the days ``first`` to ``last`` (dates or Timestamps; clamped to the data's span)."""
        offset = [int((pd.Timestamp(d).normalize() - self._day0).days) for d in (first, last)]
        self._set_days(*offset)

    def filter_for(self, kind: str) -> RecordFilter:
        """The filter for ``kind``: the day range and that kind's categories and statuses."""
        if kind == self._kind:
            self._store_choices()
        categories, statuses = self._choices.get(kind, (None, None))
        first, last = self.days()
        open_start = self.from_slider.value() == self.from_slider.minimum()
        open_end = self.to_slider.value() == self.to_slider.maximum()
        return day_filter(None if open_start else first, None if open_end else last, categories=categories,
                          statuses=statuses)

    def reset(self) -> None:
        """All days, categories and statuses of the current kind."""
        self._set_days(self.from_slider.minimum(), self.to_slider.maximum())
        self.categories.set_checked(None)
        self.statuses.set_checked(None)

    # --- reacting ------------------------------------------------------------------------------------

    def _qdate(self, offset: int) -> QDate:
        day = self._day0 + pd.Timedelta(days=offset)
        return QDate(day.year, day.month, day.day)

    def _set_days(self, first: int, last: int) -> None:
        self.from_slider.setValue(first)
        self.to_slider.setValue(last)

    def _on_slider(self, _value: int) -> None:
        if self.sender() is self.from_slider and self.from_slider.value() > self.to_slider.value():
            self.to_slider.setValue(self.from_slider.value())
        elif self.sender() is self.to_slider and self.to_slider.value() < self.from_slider.value():
            self.from_slider.setValue(self.to_slider.value())
        for edit, slider in ((self.from_edit, self.from_slider), (self.to_edit, self.to_slider)):
            edit.blockSignals(True)
            edit.setDate(self._qdate(slider.value()))
            edit.blockSignals(False)
        self._changed()

    def _on_date(self, date: QDate) -> None:
        slider = self.from_slider if self.sender() is self.from_edit else self.to_slider
        slider.setValue(self._qdate(0).daysTo(date))

    def _on_kind(self, index: int) -> None:
        if self._kind is not None:
            self._store_choices()
        kind = self.kind_combo.itemData(index)
        if kind is None:
            return
        self._kind = kind
        offer = self._offers[kind]
        categories, statuses = self._choices.get(kind, (None, None))
        self.categories.set_values(offer.categories, categories)
        self.statuses.set_values(offer.statuses, statuses)
        for widget in (self.from_edit, self.to_edit, self.from_slider, self.to_slider):
            widget.setEnabled(offer.timed)
        self.statuses.setEnabled(KINDS[kind].status is not None)
        self._changed()

    def _store_choices(self) -> None:
        self._choices[self._kind] = (self.categories.checked(), self.statuses.checked())

    def _changed(self, *_args) -> None:
        if self._kind is not None:
            self._timer.start()

    def _emit(self) -> None:
        self._timer.stop()
        if self._kind is not None:
            self.filterChanged.emit(self._kind, self.filter_for(self._kind))
