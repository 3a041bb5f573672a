"""The best in-order alignment of two sentence lists under a gain per link: dynamic programmes.

``best_chain`` links sentences one to one (a vectorised DP over one evidence block).
``best_groups`` also lets a link join consecutive sentences on one side ("shapes" such as 2-1
or 1-3), as Gale-Church and Vecalign align sentences: a retelling folds two sentences into one,
a translation splits one verse in two. Skipping a sentence costs nothing on either side.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def best_chain(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """The in-order 1-1 links maximising the sum of (score - threshold)."""
    n, m = scores.shape
    gains = np.asarray(scores, dtype=np.float64) - threshold  # one dtype: mixed ones break the ties below
    return [(a[0], b[0]) for a, b in best_groups({(1, 1): gains}, n, m)]


# A shape's gains: dense, or listed as (i, j, gain) where few links of that shape are possible.
Gains = np.ndarray | tuple[np.ndarray, np.ndarray, np.ndarray]


def best_groups(gains: dict[tuple[int, int], Gains], n: int, m: int) -> list[tuple[range, range]]:
    """The in-order links maximising the sum of their gains; each link is (a range, b range).

    ``gains[(k, l)]`` gives the gain of linking a[i:i+k] with b[j:j+l]: a dense array of shape
    ``(n - k + 1, m - l + 1)`` (``-inf`` forbids a link), or, when few links of that shape are
    possible, a triple ``(i, j, gain)`` of arrays listing only those. Ties go to skipping, then to
    the earlier shape.
    """
    shapes: Sequence[tuple[int, int]] = list(gains)
    by_row = {shape: _rows_of(value) for shape, value in gains.items() if isinstance(value, tuple)}
    skip_b = len(shapes) + 1
    values = np.zeros((n + 1, m + 1), dtype=np.float64)
    back = np.zeros((n, m), dtype=np.int8)  # 0: skip the a sentence, s: shape s - 1, skip_b: skip the b sentence
    for i in range(1, n + 1):
        best = values[i - 1, 1:].copy()
        choice = np.zeros(m, dtype=np.int8)
        for s, (k, l) in enumerate(shapes, start=1):
            if i < k or m < l:
                continue
            if (k, l) in by_row:
                columns, gain = by_row[(k, l)].get(i - k, _NONE)
                ends = columns + l - 1  # index into best: the link's last b sentence
                candidate = values[i - k, columns] + gain
                better = candidate > best[ends]
                best[ends[better]] = candidate[better]
                choice[ends[better]] = s
                continue
            candidate = values[i - k, : m - l + 1] + gains[(k, l)][i - k]
            better = candidate > best[l - 1:]
            best[l - 1:][better] = candidate[better]
            choice[l - 1:][better] = s
        row = values[i]
        row[1:] = best
        # Skipping b sentences costs nothing, so a running maximum carries the best value rightwards.
        np.maximum.accumulate(row, out=row)
        choice[row[1:] > best] = skip_b
        back[i - 1] = choice
    links = []
    i, j = n, m
    while i > 0 and j > 0:
        step = back[i - 1, j - 1]
        if step == 0:
            i -= 1
        elif step == skip_b:
            j -= 1
        else:
            k, l = shapes[step - 1]
            links.append((range(i - k, i), range(j - l, j)))
            i, j = i - k, j - l
    links.reverse()
    return links


_NONE = (np.zeros(0, dtype=np.int64), np.zeros(0))


def _rows_of(listed: tuple[np.ndarray, np.ndarray, np.ndarray]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Listed gains grouped by row: {i: (columns, gains)}; a column appears once per row."""
    rows, columns, gain = (np.asarray(v) for v in listed)
    order = np.lexsort((columns, rows))
    rows, columns, gain = rows[order], columns[order].astype(np.int64), gain[order].astype(np.float64)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else np.zeros(0, dtype=np.int64)
    stops = np.r_[starts[1:], len(rows)]
    return {int(rows[a]): (columns[a:b], gain[a:b]) for a, b in zip(starts, stops)}
