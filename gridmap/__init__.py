"""GridMap: desktop GIS for grid-based community governance (全科网格)."""

__version__ = "0.1.0"
