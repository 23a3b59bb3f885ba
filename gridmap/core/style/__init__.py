"""How grids are coloured and labelled, shared by the map and printing: the choices (:mod:`.choices`), palette
colours by district or street (:mod:`.palettes`), class breaks (:mod:`.classify`) and a statistic's colours
and legend (:mod:`.choropleth`)."""

from gridmap.core.style.choices import ColourBy, GridLabel

__all__ = ["ColourBy", "GridLabel", "choices", "choropleth", "classify", "palettes"]
