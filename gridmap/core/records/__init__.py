"""Records in grids: assignment, importing, filters and statistics."""
