"""Display names of the grids' standard columns, shared by the attribute table and the import dialog."""

from PySide6.QtCore import QCoreApplication


def role_labels() -> dict[str, str]:
    """Translated header/label for each field role (``code``, ``name``, … ``households``)."""
    return {
        "code": QCoreApplication.translate("RoleLabels", "Grid code"),
        "name": QCoreApplication.translate("RoleLabels", "Grid name"),
        "district": QCoreApplication.translate("RoleLabels", "District"),
        "street": QCoreApplication.translate("RoleLabels", "Street / town"),
        "community": QCoreApplication.translate("RoleLabels", "Community / village"),
        "households": QCoreApplication.translate("RoleLabels", "Households"),
    }
