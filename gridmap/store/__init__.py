"""Where projects live: the store interface and the GeoPackage store."""
