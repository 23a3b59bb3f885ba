"""Display names of the grids' and records' standard columns, shared by the tables, Identify and the import
dialogs."""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ROLE_LABELS = {
    "code": QT_TRANSLATE_NOOP("RoleLabels", "Grid code"),
    "name": QT_TRANSLATE_NOOP("RoleLabels", "Grid name"),
    "district": QT_TRANSLATE_NOOP("RoleLabels", "District"),
    "street": QT_TRANSLATE_NOOP("RoleLabels", "Street / town"),
    "community": QT_TRANSLATE_NOOP("RoleLabels", "Community / village"),
    "households": QT_TRANSLATE_NOOP("RoleLabels", "Households"),
}


def role_labels() -> dict[str, str]:
    """Translated header/label for each field role (``code``, ``name``, … ``households``)."""
    return {role: QCoreApplication.translate("RoleLabels", text) for role, text in ROLE_LABELS.items()}

RECORD_LABELS = {
    "id": QT_TRANSLATE_NOOP("RecordLabels", "ID"),
    "lon": QT_TRANSLATE_NOOP("RecordLabels", "Longitude"),
    "lat": QT_TRANSLATE_NOOP("RecordLabels", "Latitude"),
    "category": QT_TRANSLATE_NOOP("RecordLabels", "Category"),
    "reported_at": QT_TRANSLATE_NOOP("RecordLabels", "Reported at"),
    "status": QT_TRANSLATE_NOOP("RecordLabels", "Status"),
    "source": QT_TRANSLATE_NOOP("RecordLabels", "Source"),
    "address": QT_TRANSLATE_NOOP("RecordLabels", "Address"),
    "description": QT_TRANSLATE_NOOP("RecordLabels", "Description"),
    "name": QT_TRANSLATE_NOOP("RecordLabels", "Name"),
    "id_number": QT_TRANSLATE_NOOP("RecordLabels", "ID number"),
    "phone": QT_TRANSLATE_NOOP("RecordLabels", "Phone"),
    "risk_level": QT_TRANSLATE_NOOP("RecordLabels", "Risk level"),
    "type": QT_TRANSLATE_NOOP("RecordLabels", "Type"),
    "owner": QT_TRANSLATE_NOOP("RecordLabels", "Responsible person"),
    "role": QT_TRANSLATE_NOOP("RecordLabels", "Role"),
    "grid_code": QT_TRANSLATE_NOOP("RecordLabels", "Grid code"),
}


def record_labels() -> dict[str, str]:
    """Translated header/label for each standard record column (``id``, ``lon``, … ``grid_code``)."""
    return {column: QCoreApplication.translate("RecordLabels", text) for column, text in RECORD_LABELS.items()}
