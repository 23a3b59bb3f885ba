"""Display names of the grids' standard columns, shared by the attribute table and the import dialog."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ENGLISH_LABELS = {
    "code": QT_TRANSLATE_NOOP("RoleLabels", "Grid code"),
    "name": QT_TRANSLATE_NOOP("RoleLabels", "Grid name"),
    "district": QT_TRANSLATE_NOOP("RoleLabels", "District"),
    "street": QT_TRANSLATE_NOOP("RoleLabels", "Street / town"),
    "community": QT_TRANSLATE_NOOP("RoleLabels", "Community / village"),
    "households": QT_TRANSLATE_NOOP("RoleLabels", "Households"),
}
"""The labels untranslated (output that does not go through Qt, such as ``gridmap export-html``)."""


def role_labels() -> dict[str, str]:
    """Translated header/label for each field role (``code``, ``name``, … ``households``)."""
    return {role: QCoreApplication.translate("RoleLabels", text) for role, text in ENGLISH_LABELS.items()}
