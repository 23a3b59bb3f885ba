"""Class breaks for choropleth maps: quantile, natural breaks (Jenks / Fisher) and equal interval (no Qt).

Breaks are the classes' upper bounds, ascending, the last one the largest value: class 0 holds the values up to
``breaks[0]``, class ``i`` those in ``(breaks[i - 1], breaks[i]]``. NaN values are left out; with fewer distinct
values than classes every distinct value is a class of its own.
"""

from __future__ import annotations

import numpy as np

METHODS = ("quantile", "natural_breaks", "equal_interval")
SAMPLE = 2000
"""Natural breaks are computed on at most this many values (a random sample with a fixed seed)."""


def classify(values, k: int = 5, method: str = "quantile") -> np.ndarray:
    """The upper bounds of at most ``k`` classes of ``values`` (float array; empty when no value is finite)."""
    if method not in METHODS:
        raise ValueError(f"unknown classification {method!r}; expected one of {', '.join(METHODS)}")
    if k < 1:
        raise ValueError("k must be at least 1")
    v = np.asarray(values, dtype=float)
    v = np.sort(v[np.isfinite(v)])
    unique = np.unique(v)
    if len(unique) <= k:
        return unique
    if method == "quantile":
        breaks = np.quantile(v, np.arange(1, k + 1) / k)
    elif method == "equal_interval":
        breaks = v[0] + (v[-1] - v[0]) * np.arange(1, k + 1) / k
    else:
        breaks = _fisher_jenks(_sample(v), k)
    breaks[-1] = v[-1]  # exact, whatever rounding or sampling did
    return np.unique(breaks)


def bins(values, breaks) -> np.ndarray:
    """The class of each value (int array): the first break not below it; values above the last break fall in
    the last class, NaN gets -1."""
    v = np.asarray(values, dtype=float)
    breaks = np.asarray(breaks, dtype=float)
    if len(breaks) == 0:
        return np.full(v.shape, -1, dtype=int)
    out = np.minimum(np.searchsorted(breaks, v, side="left"), len(breaks) - 1)
    return np.where(np.isnan(v), -1, out)


def class_labels(breaks, lowest: float) -> list[str]:
    """``"lowest – b0"``, ``"b0 – b1"``, … (one number when a class's bounds are equal), with as many decimals
    as it takes to tell the bounds apart."""
    bounds = np.concatenate([[lowest], np.asarray(breaks, dtype=float)])
    text = _format(bounds)
    return [text[i + 1] if bounds[i] == bounds[i + 1] else f"{text[i]} – {text[i + 1]}"
            for i in range(len(bounds) - 1)]


def _format(values: np.ndarray) -> list[str]:
    if np.all(values == np.round(values)):
        return [f"{v:,.0f}" for v in values]
    digits = 1 if np.abs(values).max() >= 10 else 2
    while digits < 6 and len(set(np.round(values, digits))) < len(set(values)):
        digits += 1
    return [f"{v:,.{digits}f}" for v in values]


def _sample(v: np.ndarray) -> np.ndarray:
    if len(v) <= SAMPLE:
        return v
    keep = np.random.default_rng(0).choice(len(v), SAMPLE, replace=False)
    return np.sort(np.concatenate([v[keep], v[[0, -1]]]))


def _fisher_jenks(v: np.ndarray, k: int) -> np.ndarray:
    """Fisher's optimal partition of sorted ``v`` into ``k`` classes (least total squared deviation from the
    class means), by dynamic programming over the distinct values weighted by their counts."""
    u, w = np.unique(v, return_counts=True)
    n = len(u)
    cw = np.concatenate([[0.0], np.cumsum(w)])
    s1 = np.concatenate([[0.0], np.cumsum(w * u)])
    s2 = np.concatenate([[0.0], np.cumsum(w * u * u)])
    # ssd[b, a]: squared deviation of the values u[a:b] (a < b) from their mean
    with np.errstate(divide="ignore", invalid="ignore"):
        ssd = (s2[:, None] - s2[None, :]) - (s1[:, None] - s1[None, :]) ** 2 / (cw[:, None] - cw[None, :])
    ssd[np.triu_indices(n + 1)] = np.inf
    cost = ssd[:, 0].copy()  # best cost of u[:b] in one class
    start = np.zeros((k, n + 1), dtype=int)
    for j in range(1, k):
        total = ssd + cost[None, :]  # last class u[a:b] after the best j classes of u[:a]
        start[j] = np.argmin(total, axis=1)
        cost = total[np.arange(n + 1), start[j]]
    ends, b = [], n
    for j in range(k - 1, -1, -1):
        ends.append(b)
        b = start[j][b]
    return u[np.array(ends[::-1]) - 1]
