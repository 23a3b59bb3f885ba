"""Coordinate systems used in China: CGCS2000 and its Gauss-Krüger zones (:mod:`.crs`: parsing, guessing and
reconciling a file's CRS), and the shifted web-map coordinates GCJ-02 and BD-09 (:mod:`.chinacoords`)."""

__all__ = ["chinacoords", "crs"]
