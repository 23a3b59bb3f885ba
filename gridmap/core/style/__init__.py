"""How grids are coloured: classes and palettes, shared by the map and printing."""
