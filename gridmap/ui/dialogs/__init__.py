"""Dialogs for importing boundaries and records, printing, and privacy (reveal reasons, audit log)."""
