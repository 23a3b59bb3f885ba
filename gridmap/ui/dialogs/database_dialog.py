"""File → Open Database Project…: host, port, database, user, password and schema of a project on PostgreSQL/
PostGIS. Everything but the password is remembered in the settings; the password is used for connecting only
(without one, libpq reads ``PGPASSWORD`` or the user's ``.pgpass``)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from gridmap.core.errors import GridMapError
from gridmap.store.dburl import DEFAULT_PORT, DbUrl
from gridmap.ui.messages import plain_label, show_message

SETTINGS = "databaseProject"


def db_title(url: DbUrl) -> str:
    """A database project as the window title and the recent projects name it: ``schema@host/db``."""
    return f"{url.schema}@{url.host}/{url.dbname}"


class DatabaseDialog(QDialog):
    """Asks where a database project is; :meth:`url` is the URL to open (with the password typed, if any)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open Database Project"))
        settings = QSettings()
        self.host = QLineEdit(settings.value(f"{SETTINGS}/host", "localhost"), self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(int(settings.value(f"{SETTINGS}/port", DEFAULT_PORT)))
        self.database = QLineEdit(settings.value(f"{SETTINGS}/database", ""), self)
        self.user = QLineEdit(settings.value(f"{SETTINGS}/user", ""), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(self.tr("not saved; empty: PGPASSWORD or .pgpass"))
        self.schema = QLineEdit(settings.value(f"{SETTINGS}/schema", ""), self)
        form = QFormLayout()
        for text, field in ((self.tr("Host:"), self.host), (self.tr("Port:"), self.port),
                            (self.tr("Database:"), self.database), (self.tr("User:"), self.user),
                            (self.tr("Password:"), self.password), (self.tr("Schema (project):"), self.schema)):
            form.addRow(plain_label(self, text), field)
        buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self, self.tr("A GridMap project in a PostgreSQL database with PostGIS "
                                                   "(one schema per project).")))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def url(self) -> DbUrl:
        """The URL the fields make; GridMapError says what is missing or wrong."""
        url = DbUrl(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                    self.user.text().strip() or None, self.password.text() or None, self.schema.text().strip())
        return DbUrl.parse(url.url(password=True))

    def accept(self) -> None:
        try:
            url = self.url()
        except GridMapError as exc:
            show_message(self, self.windowTitle(), exc.message)
            return
        settings = QSettings()
        for key, value in (("host", url.host), ("port", url.port), ("database", url.dbname),
                           ("user", url.user or ""), ("schema", url.schema)):
            settings.setValue(f"{SETTINGS}/{key}", value)
        super().accept()
