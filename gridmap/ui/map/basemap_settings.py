"""What the user's settings (QSettings, on this machine only) hold about basemaps: the keys of online services
and the URL templates the user chose or confirmed. Keys never go into a project file; a project's online basemap
whose template is not among the confirmed ones is not used until the user agrees."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QSettings

from gridmap.map.basemaps import PRESETS, Basemap

SETTINGS_KEY = "map/basemaps"
KEYS_SETTINGS_KEY = "map/keys"
TRUSTED_SETTINGS_KEY = "map/trustedTemplates"


def settings() -> QSettings:
    """GridMap's settings, also from the command line where no application has named itself."""
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName("GridMap")
        QCoreApplication.setApplicationName("GridMap")
    return QSettings()


def load_json(key: str, default):
    """The JSON value stored under ``key``, or ``default`` when missing, unreadable or of another type."""
    try:
        value = json.loads(settings().value(key, "") or "null")
    except (TypeError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


def save_json(key: str, value) -> None:
    settings().setValue(key, json.dumps(value, ensure_ascii=False))


def keys() -> dict:
    """The keys the user typed, by basemap name."""
    return {str(k): str(v) for k, v in load_json(KEYS_SETTINGS_KEY, {}).items()}


def save_keys(by_name: dict) -> None:
    save_json(KEYS_SETTINGS_KEY, by_name)


def key_for(basemap: Basemap) -> str:
    """The user's key for ``basemap`` (by its name, or that of the user's own basemap with its template)."""
    key = keys().get(basemap.name, "")
    if key:
        return key
    for d in load_json(SETTINGS_KEY, []):
        if isinstance(d, dict) and d.get("source") == basemap.source and d.get("key"):
            return str(d["key"])
    return ""


def remember_key(basemap: Basemap) -> None:
    """Keep ``basemap``'s key in the settings (a project of an older GridMap held it) unless one is there."""
    if basemap.key.strip() and not key_for(basemap):
        save_keys({**keys(), basemap.name: basemap.key.strip()})


def is_trusted(basemap: Basemap) -> bool:
    """Whether ``basemap`` may be fetched without asking: offline, a preset, or a template the user chose or
    confirmed on this machine."""
    if not basemap.is_online:
        return True
    return basemap.source in {p.source for p in PRESETS} | set(load_json(TRUSTED_SETTINGS_KEY, []))


def trust(basemap: Basemap) -> None:
    """Remember that the user chose or confirmed ``basemap``'s URL template."""
    if basemap.is_online and not is_trusted(basemap):
        save_json(TRUSTED_SETTINGS_KEY, [*load_json(TRUSTED_SETTINGS_KEY, []), basemap.source])
