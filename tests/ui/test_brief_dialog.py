"""File → Daily Brief…: the dialog writes the PDF (and XLSX) of the chosen morning on a worker thread."""

from __future__ import annotations

import pandas as pd

from builders import brief_project
from gridmap.ui.actions import ACTIONS


def test_daily_brief_action_and_dialog(qtbot, tmp_path):
    from PySide6.QtCore import QDate

    from gridmap.ui.dialogs.brief_dialog import BriefDialog

    assert any(a.id == "file.brief" for a in ACTIONS)
    dialog = BriefDialog(brief_project(tmp_path), lang="zh")
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate(2026, 3, 15))
    dialog.district.setCurrentIndex(dialog.district.findData("椒江区"))
    dialog.out.setText(str(tmp_path / "简报"))
    dialog.xlsx.setChecked(True)
    options = dialog.options()
    assert (options.date, options.district, options.out.name) == (pd.Timestamp("2026-03-15"), "椒江区", "简报.pdf")
    with qtbot.waitSignal(dialog.written, timeout=30000) as done:
        task = dialog.write()
    assert task is not None
    assert done.args[0] == [tmp_path / "简报.pdf", tmp_path / "简报.xlsx"]
    assert (tmp_path / "简报.pdf").read_bytes().startswith(b"%PDF")
