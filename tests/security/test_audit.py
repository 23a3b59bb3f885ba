"""Item 5: every reveal of ID and phone numbers needs a reason and appends a row to the project's audit_log."""

import getpass
import json
import socket

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gridmap.ops import open_project
from builders import run_cli


@pytest.fixture
def with_persons(small_project, tmp_path, capsys):
    source = tmp_path / "人员.csv"
    source.write_text("姓名,身份证号,联系电话,经度,纬度\n张三,331002199001011234,13812345678,121.305,28.605\n"
                      "李四,33100219900103123X,13812345679,121.306,28.606\n", encoding="utf-8")
    assert run_cli(capsys, "add", small_project, "--kind", "persons", source)[0] == 0
    return small_project


def read_audit(path):
    from gridmap.ops import audit

    return audit(path).rows


def test_reveal_without_a_reason_is_refused(with_persons, tmp_path, capsys):
    out = tmp_path / "全.csv"
    code, _, err = run_cli(capsys, "export", with_persons, "--layer", "persons", "--out", out, "--reveal")
    assert code == 2 and "--reason" in err and err.count("\n") == 1 and not out.exists()
    code, _, err = run_cli(capsys, "plan", with_persons, "export-assignment", tmp_path / "a.csv", "--reveal")
    assert code == 2 and "--reason" in err and not (tmp_path / "a.csv").exists()
    assert read_audit(with_persons) == []


def test_revealed_export_is_recorded_and_listed(with_persons, tmp_path, capsys):
    out = tmp_path / "全.csv"
    code, _, _ = run_cli(capsys, "export", with_persons, "--layer", "persons", "--out", out, "--reveal",
                         "--reason", "公安协查 2026-17")
    assert code == 0 and "331002199001011234" in out.read_text(encoding="utf-8-sig")
    code, _, _ = run_cli(capsys, "plan", with_persons, "export-assignment", tmp_path / "a.csv", "--reveal",
                         "--reason", "核对")
    assert code == 0
    code, text, _ = run_cli(capsys, "audit", with_persons, "--json")
    rows = json.loads(text)["audit"]
    assert [r["action"] for r in rows] == ["export", "export-assignment"]
    first = rows[0]
    assert first["user"] == getpass.getuser() and first["host"] == socket.gethostname()
    assert first["layer"] == "persons" and first["records"] == 2 and first["output"] == str(out.resolve())
    assert first["reason"] == "公安协查 2026-17" and first["at"][:4].isdigit()
    code, text, _ = run_cli(capsys, "audit", with_persons)
    assert code == 0 and "公安协查 2026-17" in text
    # the log is not a layer, and a later save keeps it
    project = open_project(with_persons)
    assert set(project.layers) == {"persons"}
    source = tmp_path / "事件.csv"
    source.write_text("事件编号,经度,纬度,上报时间\nA1,121.305,28.605,2026-01-05 08:00\n", encoding="utf-8")
    assert run_cli(capsys, "add", with_persons, "--kind", "incidents", source)[0] == 0
    assert [r["reason"] for r in read_audit(with_persons)] == ["公安协查 2026-17", "核对"]


def test_gui_reveal_asks_a_reason_and_records_it(qtbot, with_persons):
    from gridmap.ui.main_window import MainWindow
    from gridmap.ui.dialogs.privacy_dialogs import AuditLogDialog, RevealDialog

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(with_persons)
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RevealDialog):
            QTimer.singleShot(50, answer)
            return
        ok = dialog.buttons.button(QDialogButtonBox.Ok)
        seen.append(ok.isEnabled())
        dialog.reason_edit.setText("   ")
        seen.append(ok.isEnabled())
        dialog.reason_edit.setText("入户走访核实")
        ok.click()

    QTimer.singleShot(0, answer)
    window.reveal_action.trigger()
    assert seen == [False, False] and window.privacy_revealed()
    rows = read_audit(with_persons)  # written at once, not on the next save
    assert len(rows) == 1 and rows[0]["action"] == "reveal" and rows[0]["reason"] == "入户走访核实"
    assert rows[0]["records"] == 2
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "Audit &Log…").trigger()
    dialog = window.findChild(AuditLogDialog)
    assert dialog is not None and any("入户走访核实" in cell for cell in dialog.texts()[0])
    dialog.close()
    window.close()
