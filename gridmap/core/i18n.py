"""Translating the messages core produces (errors, problems, CRS notes, progress) without importing Qt.

Core messages are English templates with ``{named}`` placeholders, always written as a plain string literal
in the call, ``tr("cannot read layer {layer}: {error}", layer=..., error=...)``, so that
``resources/translations/update.py`` can extract them into the ``core`` context of the Qt translation.
The GUI installs ``QCoreApplication.translate("core", template)`` with :func:`set_translator` (Qt's
translate is thread-safe, and messages are built in worker threads); the CLI installs :func:`core_translator`,
which reads the same translations from ``core_zh_CN.json`` (written by update.py next to the .ts) without Qt.
"""

from __future__ import annotations

import json
import os
from typing import Callable

from gridmap.core.shipped import resources_dir



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


LANGS = ("zh", "en")
"""The languages of GridMap's own words in files and on pages (``--lang``)."""


def system_lang() -> str:
    """``"zh"`` when the system's language for messages is Chinese, else ``"en"``: the first of LC_ALL,
    LC_MESSAGES and LANG that is set (as Qt reads them on Unix), else on Windows the user's UI language."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if os.name == "nt":
        import ctypes

        return "zh" if ctypes.windll.kernel32.GetUserDefaultUILanguage() & 0x3FF == 0x04 else "en"
    return "en"


def core_translator(lang: str) -> Callable[[str], str] | None:
    """A translator of core messages into ``lang`` ("zh" or "en") for :func:`set_translator`, read from the
    core context of the Chinese translation; None (English) for "en" or when the file is missing."""
    if not lang.lower().startswith("zh"):
        return None
    try:
        table = json.loads((resources_dir() / "translations" / "core_zh_CN.json").read_text(encoding="utf-8"))
    except OSError:
        return None
    return lambda template: table.get(template, template)
