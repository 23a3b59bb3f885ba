"""Printed maps without Qt: paper and layout, and what a page shows."""
