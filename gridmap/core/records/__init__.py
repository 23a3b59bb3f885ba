"""Records in grids: assigning points to grids with manual overrides (:mod:`.assign`), importing record tables
(:mod:`.importing`), filters (:mod:`.filters`) and statistics per grid, community, street or district
(:mod:`.stats`)."""

__all__ = ["assign", "filters", "importing", "stats"]
