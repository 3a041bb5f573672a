"""Sparse rows (compressed sparse rows) with numpy: the few operations the engine needs.

``import scipy.sparse`` costs about 230 ms, a third of a small comparison, so small products are
made with numpy alone; a product of millions of terms (a book-length text) goes to scipy's
compiled one when it is installed, imported then. Rows are kept canonical: column indices
sorted and unique within a row. Every sum over the features two rows share runs in increasing
feature order and starts from 0, as scipy's CSR product does with sorted rows, so ``product``,
``cells`` and ``pair_products`` agree to the last bit, with scipy or without.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np

# Expanded (row, column, value) products held at once by one step of a product.
_STEP_PRODUCTS = 1_000_000
# Values of the rows ``pair_products`` gathers at once: a step holds ~12 arrays of that length, and
# it runs over every link of a long text at once (1M: ~100 MB at the 64k-sentence pair's peak).
_PAIR_STEP_VALUES = 250_000
# Rows ``_products_by_row`` spreads out densely at once: rows x their features x 8 bytes (256 rows
# of long sentences made 50 MB at the 64k-sentence pair's peak).
_DENSE_ROWS = 64
# From this many products on scipy's compiled product is used (same sums, several times faster),
# once imported; it is imported for a product of ``_IMPORT_FROM`` (the import takes ~0.2 s).
_COMPILED_FROM = 500_000
_IMPORT_FROM = 5_000_000
# Rows gathered at once by Rows.take (memory only).
_TAKE_ROWS = 8192


def _compiled(terms: int, eager: bool = False):
    """scipy.sparse for a product of ``terms`` products when worth it and installed, else None;
    ``eager``: import it for any product worth it (more such products are coming)."""
    if terms < _COMPILED_FROM or (terms < _IMPORT_FROM and not eager and "scipy.sparse" not in sys.modules):
        return None
    try:
        import scipy.sparse
    except ImportError:
        return None
    return scipy.sparse


def _terms(rows: Rows, columns: Rows) -> int:
    """How many products ``rows`` times ``columns`` (one column row per feature) makes."""
    return int(np.diff(columns.indptr)[rows.indices].sum()) if rows.nnz else 0


def _to_scipy(sp, rows: Rows):
    return sp.csr_matrix((rows.data, rows.indices, rows.indptr), shape=rows.shape)


class Rows:
    """A matrix of sparse rows: ``indptr``, ``indices`` (sorted within a row), ``data``."""

    __slots__ = ("indptr", "indices", "data", "shape")

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, shape: tuple[int, int]):
        self.indptr = np.asarray(indptr, dtype=np.int64)
        # int32 column numbers where they fit: a book's rows hold tens of millions of values.
        self.indices = np.asarray(indices, dtype=np.int32 if shape[1] < 2**31 else np.int64)
        self.data = np.asarray(data, dtype=np.float64)
        self.shape = (int(shape[0]), int(shape[1]))

    @property
    def nnz(self) -> int:
        return int(self.indptr[-1] - self.indptr[0])

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, key) -> Rows:
        """Rows by a slice (step 1: views) or by an array of row numbers."""
        if isinstance(key, slice):
            start, stop, step = key.indices(self.shape[0])
            if step == 1:
                stop = max(start, stop)
                pointers = self.indptr[start:stop + 1]
                first, last = pointers[0], pointers[-1]
                return Rows(pointers - first, self.indices[first:last], self.data[first:last], (stop - start, self.shape[1]))
            key = np.arange(start, stop, step)
        if isinstance(key, (int, np.integer)):
            key = [key]
        return self.take(np.asarray(key, dtype=np.int64))

    def take(self, rows: np.ndarray) -> Rows:
        """The listed rows, in the order listed (repeats allowed)."""
        rows = np.asarray(rows, dtype=np.int64)
        starts, lengths = self.indptr[rows], self.indptr[rows + 1] - self.indptr[rows]
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        indices, data = np.empty(indptr[-1], dtype=self.indices.dtype), np.empty(indptr[-1])
        # A slice of rows at a time: the positions of a whole text's values would be three arrays
        # of 8 bytes a value (300 MB on a 64k-sentence pair).
        for k in range(0, len(rows), _TAKE_ROWS):
            positions = ranges(starts[k:k + _TAKE_ROWS], lengths[k:k + _TAKE_ROWS])
            first, last = indptr[k], indptr[min(k + _TAKE_ROWS, len(rows))]
            indices[first:last], data[first:last] = self.indices[positions], self.data[positions]
        return Rows(indptr, indices, data, (len(rows), self.shape[1]))

    def row_ids(self) -> np.ndarray:
        """The row number of every stored value."""
        return np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))

    def scaled(self, factor: float) -> Rows:
        return Rows(self.indptr, self.indices, self.data * factor, self.shape)

    def toarray(self) -> np.ndarray:
        out = np.zeros(self.shape)
        out[self.row_ids(), self.indices] = self.data
        return out

    def by_column(self) -> Rows:
        """The transpose, as rows (one per column, row numbers ascending within each)."""
        order = np.argsort(self.indices, kind="stable")
        counts = np.bincount(self.indices, minlength=self.shape[1])
        return Rows(np.concatenate(([0], np.cumsum(counts))), self.row_ids()[order], self.data[order],
                    (self.shape[1], self.shape[0]))


def from_entries(rows: np.ndarray, columns: np.ndarray, values: np.ndarray, shape: tuple[int, int]) -> Rows:
    """Rows from (row, column, value) entries; repeated cells are summed in the order given."""
    rows, columns = np.asarray(rows, dtype=np.int64), np.asarray(columns, dtype=np.int64)
    keys = rows * max(shape[1], 1) + columns
    unique, inverse = np.unique(keys, return_inverse=True)
    summed = np.bincount(inverse.ravel(), weights=values, minlength=len(unique))
    cell_rows = unique // max(shape[1], 1)
    counts = np.bincount(cell_rows, minlength=shape[0])
    return Rows(np.concatenate(([0], np.cumsum(counts))), unique % max(shape[1], 1), summed, shape)


def count_rows(documents: Sequence[Sequence[int]], columns: int) -> Rows:
    """How often each column id occurs in each document (documents are sequences of column ids)."""
    lengths = np.fromiter((len(d) for d in documents), dtype=np.int64, count=len(documents))
    flat = np.fromiter((c for d in documents for c in d), dtype=np.int64, count=int(lengths.sum()))
    row_ids = np.repeat(np.arange(len(documents)), lengths)
    return from_entries(row_ids, flat, np.ones(len(flat)), (len(documents), max(columns, 1)))


def hstack(left: Rows, right: Rows) -> Rows:
    """Each row of ``left`` followed by the same row of ``right`` (its columns shifted)."""
    lengths_left, lengths_right = np.diff(left.indptr), np.diff(right.indptr)
    indptr = np.concatenate(([0], np.cumsum(lengths_left + lengths_right)))
    starts = indptr[:-1]
    at_left = ranges(starts, lengths_left)
    at_right = ranges(starts + lengths_left, lengths_right)
    columns = left.shape[1] + right.shape[1]
    indices = np.empty(indptr[-1], dtype=np.int32 if columns < 2**31 else np.int64)  # as Rows keeps them
    data = np.empty(indptr[-1])
    indices[at_left], data[at_left] = left.indices[left.indptr[0]:left.indptr[-1]], left.data[left.indptr[0]:left.indptr[-1]]
    indices[at_right] = right.indices[right.indptr[0]:right.indptr[-1]] + left.shape[1]
    data[at_right] = right.data[right.indptr[0]:right.indptr[-1]]
    return Rows(indptr, indices, data, (left.shape[0], columns))


def row_sums(rows: Rows, values: np.ndarray | None = None) -> np.ndarray:
    """Per row, the sum of its stored values (or of ``values``, one per stored value), in order."""
    values = rows.data[rows.indptr[0]:rows.indptr[-1]] if values is None else values
    return np.bincount(rows.row_ids(), weights=values, minlength=rows.shape[0])


def normalize_rows(rows: Rows) -> Rows:
    """Rows scaled to unit length (a zero row stays zero)."""
    data = rows.data[rows.indptr[0]:rows.indptr[-1]]
    norms = np.sqrt(row_sums(rows, data * data))
    norms[norms == 0] = 1.0
    scaled = np.repeat(1.0 / norms, np.diff(rows.indptr))
    scaled *= data  # in place (the same products as data * scale): one array a value fewer
    return Rows(rows.indptr - rows.indptr[0], rows.indices[rows.indptr[0]:rows.indptr[-1]], scaled, rows.shape)


def multiply(rows: Rows, by: Rows) -> Rows:
    """The matrix product ``rows @ by`` (by: columns x new columns), as rows."""
    sp = _compiled(_terms(rows, by))
    if sp is not None:
        found = _to_scipy(sp, rows) @ _to_scipy(sp, by)
        found.sum_duplicates()  # sorts the indices of each row
        return Rows(found.indptr, found.indices, found.data, found.shape)
    out_rows, columns, values = [], [], []
    for a0, a1, start, stop in _steps(rows, by, _STEP_PRODUCTS):
        r, c, v = _expand(rows, by, a0, a1, start, stop)
        out_rows.append(r + a0)
        columns.append(c)
        values.append(v)
    if not out_rows:
        return Rows(np.zeros(rows.shape[0] + 1, dtype=np.int64), [], [], (rows.shape[0], by.shape[1]))
    return from_entries(np.concatenate(out_rows), np.concatenate(columns), np.concatenate(values),
                        (rows.shape[0], by.shape[1]))


def product(rows_a: Rows, rows_b: Rows, out: np.ndarray | None = None, step: int = _STEP_PRODUCTS,
            eager: bool = False) -> np.ndarray:
    """Dense ``rows_a @ rows_b.T``: every (i, j) sum of the features the two rows share.

    Made a slice of rows at a time, each with at most about ``step`` products and cells.
    ``eager``: many large products are coming (a long text), worth importing scipy for.
    """
    n, m = rows_a.shape[0], rows_b.shape[0]
    if out is None:
        out = np.empty((n, m))
    columns = rows_b.by_column()
    sp = _compiled(_terms(rows_a, columns), eager)
    if sp is not None:
        matrix_a, matrix_b = _to_scipy(sp, rows_a), _to_scipy(sp, columns)
        rows_per_step = max(1, step // max(m, 1))
        for a0 in range(0, n, rows_per_step):
            out[a0:a0 + rows_per_step] = (matrix_a[a0:a0 + rows_per_step] @ matrix_b).toarray()
        return out
    for a0, a1, start, stop in _steps(rows_a, columns, step, cells=m):
        r, c, v = _expand(rows_a, columns, a0, a1, start, stop)
        out[a0:a1] = np.bincount(r * m + c, weights=v, minlength=(a1 - a0) * m).reshape(a1 - a0, m)
    return out


def cells(rows_a: Rows, rows_b: Rows, step: int = _STEP_PRODUCTS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, value) of the nonzero cells of ``rows_a @ rows_b.T``, row-major (for a sparse product)."""
    m = rows_b.shape[0]
    columns = rows_b.by_column()
    found = [(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))]
    for a0, a1, start, stop in _steps(rows_a, columns, step, cells=m):
        r, c, v = _expand(rows_a, columns, a0, a1, start, stop)
        # Within ``step`` cells: summed densely, as ``product`` does, then the nonzero ones kept.
        summed = np.bincount(r * m + c, weights=v, minlength=(a1 - a0) * m)
        keep = np.flatnonzero(summed)
        found.append((keep // m + a0, keep % m, summed[keep]))
    return tuple(np.concatenate(parts) for parts in zip(*found))


def pair_products(rows_a: Rows, rows_b: Rows, ia: np.ndarray, jb: np.ndarray) -> np.ndarray:
    """``rows_a[ia[k]] . rows_b[jb[k]]`` for each k (the features they share, in increasing order)."""
    ia, jb = np.asarray(ia, dtype=np.int64), np.asarray(jb, dtype=np.int64)
    out = np.zeros(len(ia))
    if not len(ia):
        return out
    columns = max(rows_a.shape[1], rows_b.shape[1], 1)
    per_pair = (rows_a.nnz + rows_b.nnz) // max(1, rows_a.shape[0] + rows_b.shape[0]) + 1
    step = max(1, _PAIR_STEP_VALUES // per_pair)
    for k0 in range(0, len(ia), step):
        a, b = rows_a.take(ia[k0:k0 + step]), rows_b.take(jb[k0:k0 + step])
        if not a.nnz or not b.nnz:
            continue
        # (pair, feature) keys: sorted on both sides, as rows are canonical; b's looked up in a's.
        keys_a = a.row_ids() * columns + a.indices
        pair_b = b.row_ids()
        keys_b = pair_b * columns + b.indices
        at = np.minimum(np.searchsorted(keys_a, keys_b), len(keys_a) - 1)
        shared = keys_a[at] == keys_b
        out[k0:k0 + step] = np.bincount(pair_b[shared], weights=a.data[at[shared]] * b.data[shared], minlength=len(a))
    return out


def similar_pairs(rows_a: Rows, rows_b: Rows, least: float, most_rows: int, most_pairs: int,
                  step: int = _STEP_PRODUCTS):
    """Yield (a0, a1, i, j, product) of the row pairs whose product is at least ``least``, for
    a slice a0:a1 of a rows at a time; rows of at most unit length (cosines).

    Prefix filtering, as in all-pairs similarity search: with features in order of rarity, a row's
    prefix is all but its commonest features, as many as leave a norm under ``least``. Two rows
    that share no feature of both prefixes cannot reach ``least``, so only pairs found through an
    index of the prefixes are scored. Two bounds keep the time growing with the rows, not their
    product: a feature in the prefixes of more than ``most_rows`` rows of either side finds no
    pairs, and of each a row only the ``most_pairs`` pairs sharing the most prefix weight are
    scored. Within them the pairs found are all there are.
    """
    n, m = rows_a.shape[0], rows_b.shape[0]
    features = max(rows_a.shape[1], rows_b.shape[1], 1)
    if n == 0 or m == 0:
        return
    frequency = np.bincount(rows_a.indices, minlength=features) + np.bincount(rows_b.indices, minlength=features)
    rank = np.empty(features, dtype=np.int64)
    rank[np.lexsort((np.arange(features), frequency))] = np.arange(features)
    prefix_a, prefix_b = _prefix(rows_a, rank, least), _prefix(rows_b, rank, least)
    common = (np.bincount(prefix_a.indices, minlength=features) > most_rows) | (
        np.bincount(prefix_b.indices, minlength=features) > most_rows)
    index = _without_columns(prefix_b, common).by_column()
    for a0, a1, start, stop in _steps(prefix_a, index, step):
        r, c, v = _expand(prefix_a, index, a0, a1, start, stop)
        keys, inverse = np.unique(r * m + c, return_inverse=True)
        shared = np.bincount(inverse.ravel(), weights=v, minlength=len(keys))
        i, j = keys // m, keys % m
        # Per a row, its pairs by shared weight (then by b row), the first ``most_pairs`` only.
        order = np.lexsort((j, -shared, i))
        first_of_row = np.searchsorted(i[order], i[order], side="left")
        order = order[np.arange(len(order)) - first_of_row < most_pairs]
        i, j = i[np.sort(order)] + a0, j[np.sort(order)]
        values = _products_by_row(rows_a, rows_b, i, j)
        close = values >= least
        yield a0, a1, i[close], j[close], values[close]


def _products_by_row(rows_a: Rows, rows_b: Rows, ia: np.ndarray, jb: np.ndarray) -> np.ndarray:
    """``pair_products`` for pairs sorted by ``ia``: a slice of a rows at a time is spread out
    densely over its own features, and each b row's values look theirs up there."""
    out = np.zeros(len(ia))
    if not len(ia):
        return out
    where = np.full(max(rows_a.shape[1], rows_b.shape[1], 1), -1, dtype=np.int64)
    bounds = np.append(np.searchsorted(ia, np.arange(ia[0], ia[-1] + 1, _DENSE_ROWS)), len(ia))
    for k0, k1 in zip(bounds[:-1], bounds[1:]):
        if k1 <= k0:
            continue
        r0 = int(ia[k0])
        own = rows_a[r0:int(ia[k1 - 1]) + 1]
        features = _sorted_unique(own.indices)
        where[features] = np.arange(len(features))
        dense = np.zeros((own.shape[0], len(features) + 1))  # the last column: features it lacks
        dense[own.row_ids(), where[own.indices]] = own.data
        b = rows_b.take(jb[k0:k1])
        pair = b.row_ids()
        column = where[b.indices]
        column[column < 0] = len(features)
        # b's values in increasing feature order: the same sums as ``product``.
        out[k0:k1] = np.bincount(pair, weights=dense[ia[k0:k1][pair] - r0, column] * b.data, minlength=k1 - k0)
        where[features] = -1
    return out


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` without its import of numpy.ma (~17 ms of a small comparison's start-up)."""
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def _prefix(rows: Rows, rank: np.ndarray, least: float) -> Rows:
    """Each row's features but the commonest ones (by ``rank``) whose norm together is under ``least``."""
    ids = rows.row_ids()
    order = np.lexsort((-rank[rows.indices], ids))  # per row, commonest feature first
    squares = rows.data[order] ** 2
    running = np.cumsum(squares)
    before_row = np.concatenate(([0.0], running))[rows.indptr[:-1]]
    # Norm of each feature and every commoner one of its row; a margin for the running sums' rounding.
    tail = running - before_row[ids]
    keep = np.zeros(len(order), dtype=bool)
    keep[order] = tail >= least * least - 1e-6
    return _without_columns(rows, None, keep)


def _without_columns(rows: Rows, dropped: np.ndarray | None, keep: np.ndarray | None = None) -> Rows:
    """The rows without the stored values of ``dropped`` columns (or only those marked in ``keep``)."""
    if keep is None:
        keep = ~dropped[rows.indices]
    counts = np.bincount(rows.row_ids()[keep], minlength=rows.shape[0])
    return Rows(np.concatenate(([0], np.cumsum(counts))), rows.indices[keep], rows.data[keep], rows.shape)


def _steps(rows: Rows, columns: Rows, step: int, cells: int = 0):
    """(a0, a1, first, last) slices of ``rows`` with at most about ``step`` expanded products (and
    ``cells`` per row times rows), at least one row each."""
    n = rows.shape[0]
    if n == 0:
        return
    base = rows.indptr[0]
    per_value = np.diff(columns.indptr)[rows.indices[base:rows.indptr[-1]]]
    # Expanded products up to each row's end.
    totals = np.concatenate(([0], np.cumsum(per_value)))[rows.indptr - base]
    a0 = 0
    per_row_cells = max(cells, 1)
    while a0 < n:
        a1 = int(np.searchsorted(totals, totals[a0] + step, side="right")) - 1
        a1 = min(max(a1, a0 + 1), n, a0 + max(1, step // per_row_cells))
        yield a0, a1, rows.indptr[a0], rows.indptr[a1]
        a0 = a1


def _expand(rows: Rows, columns: Rows, a0: int, a1: int, start: int, stop: int):
    """(row - a0, column, product) of every stored value of rows a0:a1 times every value of the
    ``columns`` row its index names, in the order of the stored values."""
    features = rows.indices[start:stop]
    firsts = columns.indptr[features]
    lengths = columns.indptr[features + 1] - firsts
    at = ranges(firsts, lengths)
    # Products per row: the lengths of its values' column rows, summed.
    running = np.concatenate(([0], np.cumsum(lengths)))[rows.indptr[a0:a1 + 1] - start]
    row = np.repeat(np.arange(a1 - a0), np.diff(running))
    return row, columns.indices[at], np.repeat(rows.data[start:stop], lengths) * columns.data[at]


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of range(start, start + length) for each pair."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    offsets = np.repeat(np.asarray(starts, dtype=np.int64) - (ends - lengths), lengths)
    return np.arange(total, dtype=np.int64) + offsets
