"""GridMap's domain: files, coordinates, projects. Never imports Qt."""
