"""Translating the messages core produces (errors, problems, CRS notes, progress) without importing Qt.

Core messages are English templates with ``{named}`` placeholders, always written as a plain string literal
in the call, ``tr("cannot read layer {layer}: {error}", layer=..., error=...)``, so that
``resources/translations/update.py`` can extract them into the ``core`` context of the Qt translation.
The GUI installs ``QCoreApplication.translate("core", template)`` with :func:`set_translator` (Qt's
translate is thread-safe, and messages are built in worker threads); the CLI installs nothing and keeps
English, which stays stable for scripts.
"""

from __future__ import annotations

from typing import Callable


def _identity(template: str) -> str:
    return template


_translator: Callable[[str], str] = _identity


def set_translator(fn: Callable[[str], str] | None) -> None:
    """Translate core messages with ``fn(template) -> translated template``; None restores English."""
    global _translator
    _translator = fn or _identity


def tr(template: str, **values) -> str:
    """The translated ``template`` with its ``{placeholders}`` filled from ``values``."""
    return _translator(template).format(**values)
