"""Personal data: which columns hold ID and phone numbers, and the audit log of every reveal.

:func:`detect_private` tells, at import, which columns of a record file hold personal numbers, by their name
(身份证, 电话, phone…) or by their content: a meaningful share of ID numbers (18 digits with a valid GB 11643
check digit, or 15 digits with a birth date) or mainland mobile and landline numbers. The project remembers
them per layer (:func:`gridmap.core.project.kinds.private_columns`), and every place that masks masks them.

Every time numbers are shown or written in full (View → Reveal ID and Phone Numbers, ``--reveal``) a row is
appended to the project's ``audit_log`` table: when, who (OS user and host), what, which layer, how many
records, which file, and the reason the user typed (:func:`reveal_entry`; written by
:func:`gridmap.ops.record_reveal`, listed by :func:`gridmap.ops.audit`).
"""

from __future__ import annotations

import functools
import getpass
import re
import socket
from datetime import datetime

import numpy as np
import pandas as pd

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr

SAMPLE = 1000
"""Non-empty values of a column looked at to tell whether it holds numbers."""
SHARE = 0.3
"""Share of the sampled values that must be ID or phone numbers for a column to be private."""
NAME_PATTERN = re.compile(
    r"身份证|身份号|证件|电话|手机|联系方式|联系号码|phone|mobile|id_?card|id_?no\b|"
    r"(?<![a-z])(tel|cell|sfzh?m?|lxdh|sjhm?|zjhm)(?![a-z])", re.IGNORECASE)
"""Column names that say they hold ID or phone numbers."""
_PHONE = r"(?:(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}|(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{7,8})"
PHONES = re.compile(rf"{_PHONE}(?:\s*[,;/、，；]\s*{_PHONE})*")
"""One or more mainland mobile or landline numbers (with optional +86, spaces and dashes)."""
ID15 = re.compile(r"[1-8]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}")
ID18 = re.compile(r"[1-8]\d{16}[\dXx]")
_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_CHECK = np.frombuffer(b"10X98765432", dtype=np.uint8)

AUDIT_TABLE = "audit_log"
AUDIT_COLUMNS = ("at", "user", "host", "action", "layer", "records", "output", "reason")


def private_name(column: str) -> bool:
    """Whether a column's name says it holds ID or phone numbers."""
    return bool(NAME_PATTERN.search(str(column)))


def id_numbers(values: pd.Series) -> np.ndarray:
    """Which text values are Chinese ID numbers: 18 characters with a valid GB 11643 check digit, or 15 digits
    with a birth date."""
    text = values.astype("str").str.strip()
    out = text.str.fullmatch(ID15).to_numpy(dtype=bool)
    long = text.str.fullmatch(ID18).to_numpy(dtype=bool)
    if long.any():
        raw = np.frombuffer("".join(text[long].str.upper()).encode("ascii"), dtype=np.uint8).reshape(-1, 18)
        expected = _CHECK[((raw[:, :17] - ord("0")).astype(np.int64) @ _WEIGHTS) % 11]
        out[np.flatnonzero(long)] = raw[:, 17] == expected
    return out


def phone_numbers(values: pd.Series) -> np.ndarray:
    """Which text values are one or more mainland mobile or landline numbers."""
    return values.astype("str").str.strip().str.fullmatch(PHONES).to_numpy(dtype=bool)


def detect_private(frame: pd.DataFrame, columns=None) -> list[str]:
    """The ``columns`` of ``frame`` (default all) holding ID or phone numbers: by name, or because at least
    :data:`SHARE` of a sample of their non-empty values are such numbers."""
    found = []
    for column in frame.columns if columns is None else columns:
        if private_name(column):
            found.append(column)
            continue
        values = frame[column]
        if not (pd.api.types.is_string_dtype(values) or pd.api.types.is_object_dtype(values)
                or pd.api.types.is_integer_dtype(values)):
            continue
        values = values.dropna().astype("str").str.strip()
        values = values[values != ""]
        if len(values) > SAMPLE:
            values = values.iloc[_sample_positions(len(values))]
        if len(values) and (id_numbers(values) | phone_numbers(values)).mean() >= SHARE:
            found.append(column)
    return found


@functools.lru_cache(maxsize=4)
def _sample_positions(n: int) -> np.ndarray:
    """The positions ``Series.sample(SAMPLE, random_state=0)`` takes of ``n`` values: they depend on ``n``
    only, so the columns of a file (mostly of one length) draw them once."""
    return pd.RangeIndex(n).to_series().sample(SAMPLE, random_state=0).to_numpy()


def mask_text(text: str, values) -> str:
    """``text`` (a message) with each of the private ``values`` it quotes masked."""
    from gridmap.core.project.kinds import mask_private

    values = [str(v) for v in values if v is not None and str(v)]
    for value, shown in zip(values, mask_private(pd.Series(values, dtype="str")).tolist()):
        text = text.replace(value, shown)
    return text


# --- the audit log ---------------------------------------------------------------------------------------


def reveal_entry(action: str, layer: str, records: int, output: str | None, reason: str) -> dict:
    """An audit row for a reveal now, by this OS user on this host; a reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise GridMapError(tr("a reveal needs a reason"))
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        user = ""
    return {"at": datetime.now().astimezone().isoformat(timespec="seconds"), "user": user,
            "host": socket.gethostname(), "action": action, "layer": layer, "records": int(records),
            "output": str(output or ""), "reason": reason}

