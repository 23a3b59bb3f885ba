"""Coordinate systems used in China: CGCS2000, Gauss-Krüger zones, GCJ-02 and BD-09."""
