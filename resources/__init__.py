"""GridMap's shipped files: the map page's assets and the translations (installed as ``gridmap._resources``)."""
