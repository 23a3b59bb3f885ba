"""The grids as a partition: building, validating, editing, plans, balance, search and lookup."""
