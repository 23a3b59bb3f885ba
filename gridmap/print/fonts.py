"""Fonts for printed maps: a CJK sans-serif on every platform, sized in points for the device drawn on."""

from __future__ import annotations

from PySide6.QtGui import QFont

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "Microsoft YaHei",
                "PingFang SC", "SimHei", "WenQuanYi Micro Hei", "SimSun")
"""Tried in order for every character: Linux (Noto, Source Han, WenQuanYi), Windows (YaHei, SimHei, SimSun),
macOS (PingFang)."""


def page_font(points: float, bold: bool = False) -> QFont:
    """A CJK-capable font of ``points`` size, unhinted so that its measures scale with the resolution."""
    font = QFont()
    font.setFamilies(list(CJK_FAMILIES))
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setHintingPreference(QFont.PreferNoHinting)
    # Shaping Latin runs with Noto Sans CJK picks digit glyphs outside the font's character map, which a PDF
    # then cannot map back to text (CGCS2000 extracts as "CGCS"). Maps need no shaping: plain glyphs it is.
    font.setStyleStrategy(QFont.PreferNoShaping)
    return font
