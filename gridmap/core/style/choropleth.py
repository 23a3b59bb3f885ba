"""Grids coloured by a statistic: the classes of :mod:`gridmap.core.style.classify` as the page's grid colours and
legend (no Qt)."""

from __future__ import annotations

import numpy as np

from gridmap.core.style.classify import bins, class_labels
from gridmap.core.i18n import tr

YLORRD = {
    3: ("#ffeda0", "#feb24c", "#f03b20"),
    4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
    5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
    6: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"),
    7: ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
    8: ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"),
    9: ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#bd0026", "#800026"),
}
"""ColorBrewer's sequential yellow-orange-red scheme, by number of classes."""
NO_DATA = "#c8c8c8"


def sequential(k: int) -> list[str]:
    """YlOrRd colours for ``k`` classes (1 to 9; fewer than 3 are taken from the 3-class scheme)."""
    if not 1 <= k <= 9:
        raise ValueError(f"a sequential palette has 1 to 9 classes, not {k}")
    return list(YLORRD[k] if k >= 3 else [YLORRD[3][i] for i in ((1,), (0, 2))[k - 1]])


def choropleth_colours(values, breaks, colours=None, title: str = "") -> dict:
    """The grid colours for the page (as :func:`gridmap.core.style.palettes.grid_colours`): each grid row's class
    colour (``colours``, default :func:`sequential`), neutral grey for NaN, and a legend of the class ranges
    headed by ``title``."""
    values, breaks = np.asarray(values, float), np.asarray(breaks, float)
    if colours is None:
        colours = sequential(len(breaks)) if len(breaks) else []  # no finite value: every grid is "no data"
    colours = list(colours)
    if len(colours) != len(breaks):
        raise ValueError(f"{len(breaks)} classes but {len(colours)} colours")
    cls = bins(values, breaks)
    finite = values[np.isfinite(values)]
    lowest = min(finite.min(), breaks[0]) if len(finite) and len(breaks) else 0.0
    legend = [[label, colour] for label, colour in zip(class_labels(breaks, lowest), colours)]
    if (cls < 0).any():
        legend.append([tr("no data"), NO_DATA])
    return {"palette": colours + [NO_DATA], "index": np.where(cls < 0, len(colours), cls).tolist(),
            "legend": legend, "title": title}
