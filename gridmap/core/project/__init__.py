"""The project model: grids, record layers and metadata, the record kinds, typed meta accessors."""
