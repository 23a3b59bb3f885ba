"""The docks around the map: layers, search, Identify, tables, statistics, filters, validation, workload."""
