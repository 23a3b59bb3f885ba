"""Printed maps without Qt: paper, templates and layout geometry (:mod:`.layout`, with :class:`PrintSpec`) and
what a page shows (:mod:`.model`); drawing it with QtGui is :mod:`gridmap.print`'s job."""

from gridmap.core.printing.layout import PrintSpec, Template

__all__ = ["PrintSpec", "Template", "layout", "model"]
