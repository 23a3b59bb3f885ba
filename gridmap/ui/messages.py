"""Text from files shown as typed, never as rich text: message boxes, labels and tooltips.

Qt guesses rich text (``Qt.mightBeRichText``) in QLabel, QMessageBox and tooltips, so a column named
``<img src="/dev/zero">`` would be loaded as an image. Every message box, data label and data tooltip comes from
here."""

from __future__ import annotations

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(parent: QWidget, text: str = "") -> QLabel:
    """A QLabel showing ``text`` (and whatever is set later) as plain text."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip showing it as typed: text Qt would take for HTML is escaped (and wrapped in <p>)."""
    return Qt.convertFromPlainText(text) if Qt.mightBeRichText(text) else text


def message_box(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Warning,
                buttons: QMessageBox.StandardButton = QMessageBox.Ok, details: str = "") -> QMessageBox:
    """A plain-text message box (not shown yet)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.PlainText)
    if details:
        box.setDetailedText(details)
    return box


def show_message(parent: QWidget | None, title: str, text: str, details: str = "",
                 icon: QMessageBox.Icon = QMessageBox.Warning) -> QMessageBox:
    """Show a window-modal message box without blocking the caller (tests can find and close it)."""
    box = message_box(parent, title, text, icon, details=details)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box


def ask(parent: QWidget | None, title: str, text: str,
        buttons: QMessageBox.StandardButton = QMessageBox.Yes | QMessageBox.No,
        default: QMessageBox.StandardButton = QMessageBox.NoButton) -> QMessageBox.StandardButton:
    """Ask ``text`` in a plain-text box and wait for the answer: the button chosen."""
    box = message_box(parent, title, text, QMessageBox.Question, buttons)
    if default != QMessageBox.NoButton:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())
