"""Which text encoding a shapefile's DBF uses: its ``.cpg``, else the language-driver byte, else detection.

Chinese shapefiles often carry neither a ``.cpg`` nor a language-driver ID, and GDAL then assumes ISO-8859-1
and produces mojibake (``½·½­ÇøÍø¸ñ`` for 椒江区网格). Detection tries strict UTF-8 first, then GBK, then
GB18030, on every text value of the file.
"""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from gridmap.core.i18n import tr

# DBF language-driver IDs (header byte 29) to code pages, after GDAL's shapefile driver.
# 0 (none) and 0x57 ("ANSI", the writing system's code page) say nothing and lead to detection.
LDID_CODEPAGES = {
    0x01: "CP437", 0x02: "CP850", 0x03: "CP1252", 0x04: "MAC_ROMAN", 0x08: "CP865", 0x09: "CP437",
    0x0A: "CP850", 0x0B: "CP437", 0x0D: "CP437", 0x0E: "CP850", 0x0F: "CP437", 0x10: "CP850",
    0x11: "CP437", 0x12: "CP850", 0x13: "CP932", 0x14: "CP850", 0x15: "CP437", 0x16: "CP850",
    0x17: "CP865", 0x18: "CP437", 0x19: "CP437", 0x1A: "CP850", 0x1B: "CP437", 0x1C: "CP863",
    0x1D: "CP850", 0x1F: "CP852", 0x22: "CP852", 0x23: "CP852", 0x24: "CP860", 0x25: "CP850",
    0x26: "CP866", 0x37: "CP850", 0x40: "CP852", 0x4D: "CP936", 0x4E: "CP949", 0x4F: "CP950",
    0x50: "CP874", 0x58: "CP1252", 0x59: "CP1252", 0x64: "CP852", 0x65: "CP866", 0x66: "CP865",
    0x67: "CP861", 0x6A: "CP737", 0x6B: "CP857", 0x6C: "CP863", 0x78: "CP950", 0x79: "CP949",
    0x7A: "CP936", 0x7B: "CP932", 0x7C: "CP874", 0x86: "CP737", 0x87: "CP852", 0x88: "CP857",
    0xC8: "CP1250", 0xC9: "CP1251", 0xCA: "CP1254", 0xCB: "CP1253", 0xCC: "CP1257",
}

# Non-ASCII values per field that detection looks at: plenty to tell UTF-8 from GBK, and bounded in time.
DETECT_VALUES = 2000

_CPG_ALIASES = {"65001": "UTF-8", "UTF8": "UTF-8", "UTF-8": "UTF-8", "936": "CP936", "GBK": "GBK",
                "GB2312": "GBK", "GB18030": "GB18030", "54936": "GB18030", "950": "CP950", "BIG5": "BIG5"}


@dataclass(frozen=True)
class EncodingInfo:
    """The encoding used to decode a file, and where it came from (cpg, ldid, detected, user, ascii)."""

    name: str
    source: str

    @property
    def detected(self) -> bool:
        return self.source in ("detected", "ascii")

    def to_json(self) -> dict:
        return {"name": self.name, "detected": self.detected, "source": self.source}


def normalize_encoding(name: str) -> str:
    """Canonical name for an encoding given by a user or a ``.cpg``; LookupError if unknown."""
    text = name.strip().upper().replace("ANSI ", "").replace("CP ", "CP")
    text = _CPG_ALIASES.get(text, text)
    if text.isdigit():
        text = "CP" + text
    codecs.lookup(text)
    "".encode(text)  # LookupError for codecs that are not text encodings (rot13, hex, base64…)
    return text


def check_encoding(name: str) -> str:
    """Like :func:`normalize_encoding`, raising ValueError with a readable message."""
    try:
        return normalize_encoding(name)
    except LookupError:
        raise ValueError(tr("unknown encoding {encoding}", encoding=repr(name))) from None


def _dbf_table(data: bytes) -> tuple[list[bytes], list[tuple[int, int]], np.ndarray]:
    """A DBF's raw field names, its character fields as (offset in the record, length), and its records as a
    byte matrix (one row per record, the deletion flag byte first)."""
    header_len, record_len = struct.unpack("<HH", data[8:12])
    names, fields, offset, pos = [], [], 1, 32  # each record starts with a deletion flag byte
    while pos + 32 <= min(header_len, len(data)) and data[pos] != 0x0D:
        desc = data[pos:pos + 32]
        names.append(desc[:11].split(b"\0", 1)[0])
        if desc[11:12] in (b"C", b"M"):
            fields.append((offset, desc[16]))
        offset += desc[16]
        pos += 32
    count = max(0, (len(data) - header_len) // record_len) if record_len > 0 else 0
    return names, fields, np.frombuffer(data, np.uint8, count * record_len, header_len).reshape(count, record_len)


def dbf_text_values(data: bytes) -> list[bytes]:
    """The raw bytes of the DBF's field names and of the character field values that are not plain ASCII
    (the first :data:`DETECT_VALUES` of each field)."""
    values, fields, records = _dbf_table(data)
    for field_offset, length in fields:
        block = records[:, field_offset:field_offset + length]
        for row in np.flatnonzero((block >= 0x80).any(axis=1))[:DETECT_VALUES]:
            values.append(block[row].tobytes().rstrip(b" \0"))
    return values


def undecodable_rows(data: bytes, encoding: str) -> list[int]:
    """1-based rows (deleted records skipped, as GDAL does) of a DBF with a character value that does not decode
    in ``encoding``. A multi-byte character cut at the end of a full fixed-width field counts as decoding."""
    _, fields, records = _dbf_table(data)
    records = records[records[:, 0] != ord("*")]
    bad = np.zeros(len(records), bool)
    for field_offset, length in fields:
        block = records[:, field_offset:field_offset + length]
        rows = np.flatnonzero((block >= 0x80).any(axis=1))
        separated = np.zeros((len(rows), length + 1), np.uint8)  # NUL never continues a multi-byte character
        separated[:, :length] = block[rows]
        try:
            separated.tobytes().decode(encoding)
            continue  # fast path: every value decodes whole
        except UnicodeDecodeError:
            pass
        for row in rows:
            raw = block[row].tobytes()
            value = raw.rstrip(b" \0")
            try:
                value.decode(encoding)
            except UnicodeDecodeError as err:
                cut = len(value) == len(raw) and err.end == len(value) and len(value) - err.start <= 3
                bad[row] |= not cut
    return [int(r) + 1 for r in np.flatnonzero(bad)]


def _decodes(values: list[bytes], encoding: str) -> bool:
    """True when every value decodes; a multi-byte character cut at the end of a fixed-width field counts."""
    try:
        b"\0".join(values).decode(encoding)  # fast path: NUL never continues a multi-byte character
        return True
    except UnicodeDecodeError:
        pass
    for value in values:
        try:
            value.decode(encoding)
        except UnicodeDecodeError as err:
            if err.end < len(value) or len(value) - err.start > 3:
                return False
    return True


def detect_encoding(values: Iterable[bytes]) -> EncodingInfo:
    """Detect the encoding of text values: ASCII, strict UTF-8, GBK, then GB18030 (which decodes any byte run
    a Chinese file is likely to hold); falls back to GB18030 since Chinese data is this program's business."""
    non_ascii = [v for v in values if not v.isascii()]
    if not non_ascii:
        return EncodingInfo("UTF-8", "ascii")
    for name in ("UTF-8", "GBK", "GB18030"):
        if _decodes(non_ascii, name):
            return EncodingInfo(name, "detected")
    return EncodingInfo("GB18030", "detected")


def shapefile_encoding(dbf: Path, override: str | None = None) -> EncodingInfo:
    """The encoding of a shapefile's attributes: ``override``, the ``.cpg``, the LDID byte, else detected."""
    if override:
        return EncodingInfo(check_encoding(override), "user")
    cpg = next((p for p in (dbf.with_suffix(".cpg"), dbf.with_suffix(".CPG")) if p.exists()), None)
    if cpg is not None:
        text = cpg.read_bytes().decode("ascii", "replace").strip()
        try:
            return EncodingInfo(normalize_encoding(text), "cpg")
        except LookupError:
            pass  # an unreadable .cpg is ignored, like GDAL does
    data = dbf.read_bytes()
    if len(data) > 29 and data[29] in LDID_CODEPAGES:
        return EncodingInfo(LDID_CODEPAGES[data[29]], "ldid")
    return detect_encoding(dbf_text_values(data))
