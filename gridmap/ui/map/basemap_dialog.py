"""Choosing the map's basemap: none, an online preset, or a user-added XYZ service, MBTiles file or tile folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QPushButton, QSpinBox, QStyle, QVBoxLayout, QWidget)

from gridmap.core.errors import GridMapError
from gridmap.ui.map.basemap_settings import (KEYS_SETTINGS_KEY, SETTINGS_KEY, keys, load_json, save_json, save_keys,
                                          trust)
from gridmap.map.basemaps import MAX_ZOOM, NONE, PRESETS, Basemap
from gridmap.map.tiles import local_basemap, open_tiles
from gridmap.ui.messages import plain_label, plain_tooltip, show_message


def user_basemaps() -> list[Basemap]:
    """The basemaps the user added (entries that no longer validate are skipped)."""
    result = []
    for d in load_json(SETTINGS_KEY, []):
        try:
            result.append(Basemap.from_dict(d))
        except GridMapError:
            continue
    return result


def save_user_basemaps(basemaps: list[Basemap]) -> None:
    """Remember the user's basemaps (as a JSON list of dicts)."""
    save_json(SETTINGS_KEY, [b.to_dict() for b in basemaps])


class BasemapDialog(QDialog):
    """Pick the basemap, and add, edit or remove the user's own; :meth:`basemap` is the choice."""

    def __init__(self, current: Basemap = NONE, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Basemap"))
        self.resize(760, 440)
        self._loading = False
        preset_names = {"OpenStreetMap": self.tr("OpenStreetMap"), "Tianditu vector": self.tr("Tianditu vector"),
                        "Tianditu imagery": self.tr("Tianditu imagery"), "Amap streets": self.tr("Amap streets")}
        self._labels = {NONE.name: self.tr("None (no basemap)"), **preset_names}
        saved_keys = load_json(KEYS_SETTINGS_KEY, {})
        # one entry per list row: the editor's values (a Basemap dict), whether the user added it, its problem
        self._entries: list[dict] = [{"draft": NONE.to_dict(), "user": False}]
        self._entries += [{"draft": replace(p, key=str(saved_keys.get(p.name, ""))).to_dict(), "user": False}
                          for p in PRESETS]
        self._entries += [{"draft": b.to_dict(), "user": True} for b in user_basemaps()]

        self.list = QListWidget(self)
        add_xyz = QPushButton(self.tr("Add XYZ…"), self)
        add_xyz.clicked.connect(self._add_xyz)
        add_mbtiles = QPushButton(self.tr("Add MBTiles…"), self)
        add_mbtiles.clicked.connect(self._add_mbtiles)
        add_folder = QPushButton(self.tr("Add tile folder…"), self)
        add_folder.clicked.connect(self._add_folder)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (add_xyz, add_mbtiles, add_folder, self.remove_button):
            buttons.addWidget(button)

        self.name_edit = QLineEdit(self)
        self.source_edit = QLineEdit(self)
        self.source_edit.setToolTip(self.tr("For example https://tile.openstreetmap.org/{z}/{x}/{y}.png; "
                                            "{s} stands for a subdomain, {key} for the key"))
        self.subdomains_edit = QLineEdit(self)
        self.subdomains_edit.setPlaceholderText(self.tr("e.g. abc or 01234567"))
        self.key_edit = QLineEdit(self)
        self.key_edit.setPlaceholderText(self.tr("Your key for this service (Tianditu: tk)"))
        self.coords_combo = QComboBox(self)
        self.coords_combo.addItem(self.tr("WGS84 / CGCS2000"), "wgs84")
        self.coords_combo.addItem(self.tr("GCJ-02 (Amap, Tencent)"), "gcj02")
        self.attribution_edit = QLineEdit(self)
        self.max_zoom_spin = QSpinBox(self)
        self.max_zoom_spin.setRange(0, MAX_ZOOM)
        for edit in (self.name_edit, self.source_edit, self.subdomains_edit, self.key_edit, self.attribution_edit):
            edit.textChanged.connect(self._edited)
        self.coords_combo.currentIndexChanged.connect(self._edited)
        self.max_zoom_spin.valueChanged.connect(self._edited)

        self.source_label = QLabel(self)
        self.editor = QWidget(self)
        self.form = QFormLayout(self.editor)
        self.form.addRow(self.tr("Name:"), self.name_edit)
        self.form.addRow(self.source_label, self.source_edit)
        self.form.addRow(self.tr("Subdomains:"), self.subdomains_edit)
        self.form.addRow(self.tr("Key:"), self.key_edit)
        self.form.addRow(self.tr("Coordinates:"), self.coords_combo)
        self.form.addRow(self.tr("Attribution:"), self.attribution_edit)
        self.form.addRow(self.tr("Max zoom:"), self.max_zoom_spin)

        self.error_label = plain_label(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")

        self.button_box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(self.list)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.editor)
        right.addWidget(self.error_label)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.button_box)

        self.list.addItems([""] * len(self._entries))
        for row in range(len(self._entries)):
            self._validate(row)
        self.list.setCurrentRow(self._row_of(current))
        self.list.currentRowChanged.connect(self._show_entry)
        self._show_entry(self.list.currentRow())

    def _row_of(self, current: Basemap) -> int:
        """The row showing ``current`` (a preset matches whatever its key); added as the user's if missing."""
        for row, entry in enumerate(self._entries):
            draft = entry["draft"]
            same = replace(current, key=draft["key"]).to_dict() == draft
            if same and (not entry["user"] or draft["key"] == current.key):
                if current.key and not entry["user"]:
                    draft["key"] = current.key
                    self._validate(row)
                return row
        if current.kind == "none":
            return 0
        self.add_basemap(current)
        return len(self._entries) - 1

    def basemap(self) -> Basemap:
        """The chosen basemap."""
        return Basemap.from_dict(self._entries[max(self.list.currentRow(), 0)]["draft"])

    def add_basemap(self, basemap: Basemap) -> None:
        """Add ``basemap`` to the user's basemaps and select it (kept when the dialog is accepted)."""
        self._add_entry(basemap.to_dict())

    def remove_selected(self) -> None:
        """Forget the selected user-added basemap."""
        row = self.list.currentRow()
        if row < 0 or not self._entries[row]["user"]:
            return
        del self._entries[row]
        self.list.takeItem(row)
        for other in range(len(self._entries)):  # a duplicate name may have gone
            self._validate(other)
        self.list.setCurrentRow(min(row, len(self._entries) - 1))
        self._update_ok()

    def accept(self) -> None:
        """Remember the user's basemaps, the keys typed for presets and that the user chose this basemap, then
        close."""
        save_user_basemaps([Basemap.from_dict(e["draft"]) for e in self._entries if e["user"]])
        presets = {p.name for p in PRESETS}
        kept = {name: key for name, key in keys().items() if name not in presets}  # moved from old projects
        save_keys({**kept, **{e["draft"]["name"]: e["draft"]["key"] for e in self._entries
                              if not e["user"] and e["draft"]["key"]}})
        trust(self.basemap())
        super().accept()

    def _add_entry(self, draft: dict) -> None:
        self._entries.append({"draft": draft, "user": True})
        self.list.addItem("")
        self._validate(len(self._entries) - 1)
        self.list.setCurrentRow(len(self._entries) - 1)

    def _unique_name(self, base: str) -> str:
        names = {e["draft"]["name"] for e in self._entries}
        return next(name for name in (base if i == 1 else f"{base} {i}" for i in range(1, len(names) + 2))
                    if name not in names)

    def _add_xyz(self) -> None:
        self._add_entry({**NONE.to_dict(), "name": self._unique_name(self.tr("My basemap")), "kind": "xyz"})
        self.source_edit.setFocus()

    def _add_mbtiles(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add MBTiles"), "",
                                              self.tr("MBTiles files (*.mbtiles);;All files (*)"))
        if path:
            self._add_local(Path(path))

    def _add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add Tile Folder ({z}/{x}/{y}.png)"))
        if path:
            self._add_local(Path(path))

    def _add_local(self, path: Path) -> None:
        try:
            basemap = local_basemap(path)
        except GridMapError as err:
            show_message(self, self.tr("Cannot Add Basemap"), str(err))
            return
        self.add_basemap(replace(basemap, name=self._unique_name(basemap.name)))

    def _problem(self, row: int) -> tuple[str, bool]:
        """Why the entry in ``row`` cannot be used as it is ("" if it can), and whether it cannot even be saved
        (a bad template or a duplicate name; a missing file or key can be saved)."""
        draft = self._entries[row]["draft"]
        try:
            basemap = Basemap.from_dict(draft)
        except GridMapError as err:
            return str(err), True
        if any(e["draft"]["name"] == draft["name"] for i, e in enumerate(self._entries) if i != row):
            return self.tr("Another basemap is already called {name}").format(name=draft["name"]), True
        try:
            basemap.url_template()
            if basemap.is_local:
                open_tiles(basemap).close()
        except GridMapError as err:
            shown = self._labels.get(draft["name"], draft["name"]) if not self._entries[row]["user"] else draft["name"]
            return str(err).replace(draft["name"], shown, 1), False  # a preset by its translated name
        return "", False

    def _validate(self, row: int) -> None:
        entry = self._entries[row]
        entry["error"], entry["blocking"] = self._problem(row)
        item = self.list.item(row)
        item.setText(self._labels.get(entry["draft"]["name"], entry["draft"]["name"]) if not entry["user"]
                     else entry["draft"]["name"])
        item.setIcon(self.style().standardIcon(QStyle.SP_MessageBoxWarning) if entry["error"] else QIcon())
        item.setToolTip(plain_tooltip(entry["error"]))

    def _show_entry(self, row: int) -> None:
        if row < 0:
            return
        entry = self._entries[row]
        draft, user = entry["draft"], entry["user"]
        self._loading = True
        self.name_edit.setText(draft["name"] if user else self._labels.get(draft["name"], draft["name"]))
        self.source_edit.setText(draft["source"])
        self.source_edit.setCursorPosition(0)
        self.subdomains_edit.setText(draft["subdomains"])
        self.key_edit.setText(draft["key"])
        self.coords_combo.setCurrentIndex(max(self.coords_combo.findData(draft["coords"]), 0))
        self.attribution_edit.setText(draft["attribution"])
        self.max_zoom_spin.setValue(draft["max_zoom"])
        self._loading = False
        for edit in (self.name_edit, self.source_edit, self.subdomains_edit, self.attribution_edit):
            edit.setReadOnly(not user)
        self.coords_combo.setEnabled(user)
        self.max_zoom_spin.setEnabled(user)
        self.remove_button.setEnabled(user)
        self.editor.setVisible(draft["kind"] != "none")
        self.source_label.setText({"mbtiles": self.tr("MBTiles file:"), "folder": self.tr("Tile folder:")}.get(
            draft["kind"], self.tr("URL template:")))
        self._update_rows()
        self._update_ok()

    def _update_rows(self) -> None:
        xyz = self._entries[self.list.currentRow()]["draft"]["kind"] == "xyz"
        self.form.setRowVisible(self.subdomains_edit, xyz)
        self.form.setRowVisible(self.key_edit, xyz and "{key}" in self.source_edit.text())

    def _edited(self) -> None:
        row = self.list.currentRow()
        if self._loading or row < 0:
            return
        entry = self._entries[row]
        renamed = entry["draft"]["name"] != self.name_edit.text()
        if entry["user"]:
            entry["draft"].update(name=self.name_edit.text(), source=self.source_edit.text(),
                                  subdomains=self.subdomains_edit.text(), coords=self.coords_combo.currentData(),
                                  attribution=self.attribution_edit.text(), max_zoom=self.max_zoom_spin.value())
        entry["draft"]["key"] = self.key_edit.text()
        # names must stay unique, so a rename may mend or break the others
        for other in range(len(self._entries)) if renamed else [row]:
            self._validate(other)
        self._update_rows()
        self._update_ok()

    def _update_ok(self) -> None:
        row = self.list.currentRow()
        error = self._entries[row]["error"] if row >= 0 else ""
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        broken = any(e["user"] and e["blocking"] for e in self._entries)
        self.button_box.button(QDialogButtonBox.Ok).setEnabled(row >= 0 and not error and not broken)
