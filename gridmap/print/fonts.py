"""Fonts for printed maps: a CJK sans-serif on every platform (or a font file the user gives), sized in points for
the device drawn on; and the check that a font can draw the Chinese of a page, so that no map of empty boxes is
ever written."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "Microsoft YaHei",
                "PingFang SC", "SimHei", "WenQuanYi Micro Hei", "SimSun")
"""Tried in order for every character: Linux (Noto, Source Han, WenQuanYi), Windows (YaHei, SimHei, SimSun),
macOS (PingFang)."""
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
"""What must be drawable: CJK punctuation, the unified ideographs and full-width forms (rarer ideographs from the
extension blocks may be missing from a good font and do not make a page unprintable)."""
_chosen: list[str] = []
"""The families of the font file given by the user (:func:`use_font_file`), tried before :data:`CJK_FAMILIES`."""


def use_font_file(path: str | Path | None) -> str | None:
    """Load the font file ``path`` (TrueType, OpenType or a collection) and print with it from now on; returns the
    family used (of a collection, a Simplified Chinese one if there is one). None goes back to the installed fonts.
    Needs a Qt GUI application."""
    if path is None:
        _chosen.clear()
        return None
    path = Path(path)
    if path.suffix.lower() not in FONT_SUFFIXES:
        raise GridMapError(tr("not a font file; expected one of {expected}", expected=", ".join(FONT_SUFFIXES)),
                           path)
    if not path.is_file():
        raise GridMapError(tr("no such font file"), path)
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise GridMapError(tr("cannot read this font file"), path)
    simplified = [f for f in families if re.search(r"\b(SC|CN|GB)\b|Hans", f)]
    _chosen[:] = simplified[:1] + [f for f in families if f not in simplified[:1]]
    return _chosen[0]


def page_font(points: float, bold: bool = False) -> QFont:
    """A CJK-capable font of ``points`` size, unhinted so that its measures scale with the resolution."""
    font = QFont()
    font.setFamilies(_chosen + [f for f in CJK_FAMILIES if f not in _chosen])
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setHintingPreference(QFont.PreferNoHinting)
    # Shaping Latin runs with Noto Sans CJK picks digit glyphs outside the font's character map, which a PDF
    # then cannot map back to text (CGCS2000 extracts as "CGCS"). Maps need no shaping: plain glyphs it is.
    font.setStyleStrategy(QFont.PreferNoShaping)
    return font


def missing_chinese(text: str, font: QFont | None = None) -> str:
    """The Chinese characters of ``text`` that ``font`` (default the page font), with Qt's fallback fonts, cannot
    draw, each once in order."""
    metrics = QFontMetrics(font or page_font(10))
    return "".join(ch for ch in dict.fromkeys(CHINESE.findall(text)) if not metrics.inFontUcs4(ord(ch)))


def require_chinese_font(text: str) -> None:
    """Refuse (GridMapError) to draw ``text`` when no font at hand has its Chinese: the page would show boxes."""
    missing = missing_chinese(text)
    if missing:
        raise GridMapError(tr("no font on this computer can draw Chinese (such as {chars}); install one "
                              "(Debian/Ubuntu: apt-get install fonts-noto-cjk) or choose a font file "
                              "(--font FILE.ttf|otf|ttc)", chars=missing[:6]))
