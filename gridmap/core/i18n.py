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


LANGS = ("zh", "en")
"""The languages of GridMap's own words in files and on pages (``--lang``)."""


def system_lang() -> str:
    """"zh" when the system's locale is Chinese, else "en" (the default of ``--lang``): $LANGUAGE, $LC_ALL,
    $LC_MESSAGES or $LANG where set, else the platform's locale (on Windows, its user interface language)."""
    import locale
    import os

    names = [os.environ.get(v, "") for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]
    name = next((n for n in names if n and n not in ("C", "POSIX")), "")
    if not name and os.name == "nt":
        import ctypes

        name = locale.windows_locale.get(ctypes.windll.kernel32.GetUserDefaultUILanguage(), "")
    if not name:
        name = locale.getlocale()[0] or ""
    return "zh" if name.lower().startswith(("zh", "chinese")) else "en"
