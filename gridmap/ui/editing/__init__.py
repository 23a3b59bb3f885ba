"""Redrawing grids and editing records: tools, their dialogs, the impact preview, plans, undo commands."""
