"""Making the text of Qt's PDFs copy and search as written.

CJK fonts such as Noto Sans CJK draw 网 and the Kangxi radical ⽹ (U+2F79) with one glyph. Qt's PDF writer maps
each embedded glyph back to the lowest code point that uses it, so 网格 comes out of the PDF as ⽹格 (and 门,
日, 金… as radicals): it looks right, but copying, searching and ``pdftotext`` get the wrong characters.
:func:`fix_to_unicode` rewrites the PDF's ToUnicode maps to the unified ideographs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QRawFont

from gridmap.print.fonts import page_font

RADICALS = range(0x2E80, 0x2FE0)
"""CJK Radicals Supplement and Kangxi Radicals."""
UNIFIED = range(0x4E00, 0xA000)


@lru_cache(maxsize=1)
def radical_map() -> dict[int, int]:
    """Radical code point -> the unified ideograph drawn with the same glyph in the page font (else its
    compatibility decomposition)."""
    raw = QRawFont.fromFont(page_font(10))
    out = {}
    if raw.isValid():
        unified = raw.glyphIndexesForString("".join(map(chr, UNIFIED)))
        first: dict[int, int] = {}
        for code, glyph in zip(UNIFIED, unified):
            if glyph:
                first.setdefault(glyph, code)
        radicals = raw.glyphIndexesForString("".join(map(chr, RADICALS)))
        out = {code: first[glyph] for code, glyph in zip(RADICALS, radicals) if glyph in first}
    for code in RADICALS:
        plain = unicodedata.normalize("NFKC", chr(code))
        if code not in out and len(plain) == 1 and ord(plain) in UNIFIED:
            out[code] = ord(plain)
    return out


_STREAM = re.compile(rb"\n(\d+) 0 obj\n<< /Length (\d+) >>\nstream\n")
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _fix_cmap(cmap: bytes, fix: dict[int, int]) -> bytes:
    """A ToUnicode CMap with the radicals among its destinations replaced (a run of consecutive
    destinations holding one becomes a list)."""

    def code(token: bytes) -> bytes:
        value = int(token, 16)
        return b"<%04X>" % fix.get(value, value)

    out, section = [], None
    for line in cmap.split(b"\n"):
        if line.endswith((b"beginbfrange", b"beginbfchar")):
            section = line.split()[-1]
        elif line in (b"endbfrange", b"endbfchar"):
            section = None
        elif section == b"beginbfchar" and len(_HEX.findall(line)) == 2:
            glyph, dest = _HEX.findall(line)
            line = b"<%s> %s" % (glyph, code(dest))
        elif section == b"beginbfrange" and b"[" in line:
            at = line.index(b"[")
            line = line[:at] + b"[" + b" ".join(code(t) for t in _HEX.findall(line[at:])) + b" ]"
        elif section == b"beginbfrange" and len(_HEX.findall(line)) == 3:
            first, last, dest = (int(t, 16) for t in _HEX.findall(line))
            run = range(dest, dest + last - first + 1)
            if any(c in fix for c in run):
                line = b"<%04X> <%04X> [%s]" % (first, last, b" ".join(b"<%04X>" % fix.get(c, c) for c in run))
        out.append(line)
    return b"\n".join(out)


def fix_to_unicode(path: Path) -> None:
    """Rewrite the ToUnicode maps of the Qt-written PDF ``path`` in place (a classic xref table is renumbered)."""
    fix = radical_map()
    data = Path(path).read_bytes()
    wanted = {int(n) for n in re.findall(rb"/ToUnicode (\d+) 0 R", data)}
    if not wanted or not fix:
        return
    pieces, shifts, pos = [], [], 0
    for match in _STREAM.finditer(data):
        number, length = int(match.group(1)), int(match.group(2))
        if number not in wanted:
            continue
        start = match.end()
        cmap = data[start:start + length]
        fixed = _fix_cmap(cmap, fix)
        if fixed == cmap:
            continue
        header = b"\n%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(fixed))
        pieces += [data[pos:match.start()], header, fixed]
        shifts.append((match.start(), len(header) + len(fixed) - (start + length - match.start())))
        pos = start + length
    if not shifts:
        return
    body = b"".join(pieces) + data[pos:]

    def moved(offset: int) -> int:
        return offset + sum(delta for at, delta in shifts if at < offset)

    xref_at = int(re.search(rb"startxref\s+(\d+)", data[-200:]).group(1))
    new_xref = moved(xref_at)
    xref = body[new_xref:]
    table = re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (moved(int(m.group(1))), m.group(2)),
                   xref[:xref.find(b"trailer")])
    tail = xref[xref.find(b"trailer"):]
    tail = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % new_xref, tail)
    Path(path).write_bytes(body[:new_xref] + table + tail)
