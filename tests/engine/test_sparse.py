"""viewer.engine.sparse: numpy-only sparse rows, checked by hand and against scipy's CSR results.

The engine's figures must not move when scipy leaves its path, so the products are compared
with scipy's bit for bit (skipped where scipy is not installed).
"""
from __future__ import annotations

import numpy as np
import pytest

from viewer.engine.sparse import (
    Rows,
    cells,
    count_rows,
    from_entries,
    hstack,
    multiply,
    normalize_rows,
    pair_products,
    product,
)


def random_rows(seed: int, n: int, columns: int, per_row: int = 6) -> Rows:
    rng = np.random.default_rng(seed)
    rows, cols = [], []
    for i in range(n):
        chosen = rng.choice(columns, size=rng.integers(0, per_row + 1), replace=False)
        rows += [i] * len(chosen)
        cols += chosen.tolist()
    return from_entries(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), rng.random(len(rows)), (n, columns))


def test_null_cases():
    empty = count_rows([], 3)
    assert empty.shape == (0, 3) and empty.nnz == 0
    assert product(empty, empty).shape == (0, 0)
    assert pair_products(empty, empty, [], []).shape == (0,)
    one = count_rows([()], 1)  # a document without words: one empty row
    assert one.shape == (1, 1) and one.nnz == 0 and one.toarray().tolist() == [[0.0]]
    assert normalize_rows(one).toarray().tolist() == [[0.0]]  # a zero row stays zero, not NaN
    i, j, v = cells(one, one)
    assert len(i) == len(j) == len(v) == 0


def test_count_rows_sums_repeats_and_sorts_columns():
    rows = count_rows([(2, 0, 2), (), (1,)], 3)
    assert rows.indptr.tolist() == [0, 2, 2, 3]
    assert rows.indices.tolist() == [0, 2, 1]
    assert rows.data.tolist() == [1.0, 2.0, 1.0]
    assert rows.toarray().tolist() == [[1, 0, 2], [0, 0, 0], [0, 1, 0]]


def test_slices_take_and_hstack():
    rows = count_rows([(0,), (1, 1), (2,), (0, 2)], 3)
    assert rows[1:3].toarray().tolist() == [[0, 2, 0], [0, 0, 1]]
    assert rows[3:1].shape == (0, 3)
    assert rows.take(np.array([3, 0, 3])).toarray().tolist() == [[1, 0, 1], [1, 0, 0], [1, 0, 1]]
    assert rows[2].toarray().tolist() == [[0, 0, 1]]
    both = hstack(rows[1:3], count_rows([(1,), ()], 2))
    assert both.shape == (2, 5)
    assert both.toarray().tolist() == [[0, 2, 0, 0, 1], [0, 0, 1, 0, 0]]
    assert both.indices.tolist() == [1, 4, 2]


def test_normalize_rows_and_multiply_by_hand():
    rows = from_entries(np.array([0, 0, 1]), np.array([0, 1, 1]), np.array([3.0, 4.0, 2.0]), (2, 2))
    # Scaled by the reciprocal of the norm, as scipy.sparse.diags(1 / norms) @ rows: 3 * (1 / 5) is not 0.6 exactly.
    assert normalize_rows(rows).toarray() == pytest.approx(np.array([[0.6, 0.8], [0.0, 1.0]]), abs=1e-15)
    by = count_rows([(0, 1), (1,)], 2)  # column 0 -> features 0 and 1; column 1 -> feature 1
    assert multiply(rows, by).toarray().tolist() == [[3.0, 7.0], [0.0, 2.0]]


def test_product_cells_and_pair_products_agree_to_the_bit():
    a, b = random_rows(1, 40, 30), random_rows(2, 25, 30)
    dense = product(a, b)
    assert dense == pytest.approx(a.toarray() @ b.toarray().T, abs=1e-12)
    for step in (1, 7, 100):  # any slicing gives the same sums
        assert np.array_equal(product(a, b, step=step), dense)
    i, j, v = cells(a, b, step=5)
    expected_i, expected_j = np.nonzero(dense)
    assert i.tolist() == expected_i.tolist() and j.tolist() == expected_j.tolist()
    assert np.array_equal(v, dense[expected_i, expected_j])
    ia, jb = np.meshgrid(np.arange(40), np.arange(25), indexing="ij")
    assert np.array_equal(pair_products(a, b, ia.ravel(), jb.ravel()), dense.ravel())


def test_products_are_scipys_to_the_bit():
    sp = pytest.importorskip("scipy.sparse")
    a, b = random_rows(3, 60, 50, 12), random_rows(4, 45, 50, 12)
    scipy_a = sp.csr_matrix((a.data, a.indices, a.indptr), shape=a.shape)
    scipy_b = sp.csr_matrix((b.data, b.indices, b.indptr), shape=b.shape)
    assert np.array_equal(product(a, b), (scipy_a @ scipy_b.T.tocsc()).toarray())
    ia, jb = np.array([0, 5, 59, 7]), np.array([44, 5, 0, 7])
    # The pairs' sums are the product's (scipy's own row sums of ``multiply`` may differ in the last bit).
    assert np.array_equal(pair_products(a, b, ia, jb), (scipy_a @ scipy_b.T).toarray()[ia, jb])
    assert pair_products(a, b, ia, jb) == pytest.approx(np.asarray(scipy_a[ia].multiply(scipy_b[jb]).sum(axis=1)).ravel())
    by = random_rows(5, 50, 20, 4)
    scipy_by = sp.csr_matrix((by.data, by.indices, by.indptr), shape=by.shape)
    assert np.array_equal(multiply(a, by).toarray(), (scipy_a @ scipy_by).toarray())


def test_token_sums_are_scipys_float32_sums_to_the_bit():
    """The sentence embedding's token sums (embedding.StaticEmbedder) left scipy's count matrix."""
    from types import SimpleNamespace

    from viewer.engine.embedding import StaticEmbedder

    rng = np.random.default_rng(7)
    table = SimpleNamespace(vectors=rng.standard_normal((30, 8)).astype(np.float32), dims=8)
    ids = [[3, 3, 29, 0], [], [5], [7, 1, 2, 9, 9, 4, 11]]
    lengths = np.array([len(i) for i in ids])
    sums = StaticEmbedder._token_sums(table, ids, lengths)
    assert sums.dtype == np.float32 and sums.shape == (4, 8)
    assert sums[1].tolist() == [0.0] * 8 and np.array_equal(sums[2], table.vectors[5])
    sp = pytest.importorskip("scipy.sparse")
    flat = np.concatenate([np.array(i, dtype=np.int64) for i in ids])
    counts = sp.csr_matrix((np.ones(len(flat), dtype=np.float32), flat, np.concatenate(([0], np.cumsum(lengths)))),
                           shape=(4, 30))
    assert np.array_equal(sums, np.asarray(counts @ table.vectors))


def test_similar_pairs_finds_every_close_pair_within_its_bounds():
    from viewer.engine.sparse import _products_by_row, similar_pairs

    a, b = normalize_rows(random_rows(8, 700, 40, 8)), normalize_rows(random_rows(9, 90, 40, 8))
    rng = np.random.default_rng(10)
    ia, jb = np.sort(rng.integers(0, 700, 900)), rng.integers(0, 90, 900)
    assert np.array_equal(_products_by_row(a, b, ia, jb), pair_products(a, b, ia, jb))
    dense = product(a, b)
    for least in (0.3, 0.6):
        expected = {(int(i), int(j)) for i, j in zip(*np.nonzero(dense >= least))}
        found = {}
        for a0, a1, i, j, values in similar_pairs(a, b, least, most_rows=10**6, most_pairs=10**6, step=500):
            assert ((i >= a0) & (i < a1)).all()
            found.update({(int(x), int(y)): v for x, y, v in zip(i, j, values)})
        assert set(found) == expected and expected
        assert all(found[pair] == dense[pair] for pair in expected)
    # Bounded: at most ``most_pairs`` pairs of each a row are read.
    few = [i for _, _, i, _, _ in similar_pairs(a, b, 0.3, most_rows=10**6, most_pairs=1)]
    assert np.bincount(np.concatenate(few)).max() == 1


def test_large_products_through_scipy_are_the_same_to_the_bit(monkeypatch):
    pytest.importorskip("scipy.sparse")
    import viewer.engine.sparse as sparse

    a, b = random_rows(11, 80, 30, 10), random_rows(12, 70, 30, 10)
    by = random_rows(13, 30, 25, 5)
    small_product, small_multiply = product(a, b), multiply(a, by)
    monkeypatch.setattr(sparse, "_COMPILED_FROM", 0)  # every product goes to scipy
    monkeypatch.setattr(sparse, "_IMPORT_FROM", 0)
    assert np.array_equal(product(a, b), small_product)
    assert np.array_equal(product(a, b, step=50), small_product)
    large = multiply(a, by)
    assert np.array_equal(large.indptr, small_multiply.indptr) and np.array_equal(large.indices, small_multiply.indices)
    assert np.array_equal(large.data, small_multiply.data)


@pytest.mark.slow
def test_comparing_two_articles_does_not_import_scipy():
    """scipy.sparse costs ~0.2 s to import: only book-length products are worth it."""
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire"
    code = ("import sys; from pathlib import Path; from viewer.engine.loading import load_file; "
            "from viewer.engine.pipeline import compare; "
            f"compare([load_file(p) for p in sorted(Path({str(sample)!r}).glob('*.txt'))]); "
            "print(sorted(m for m in sys.modules if m.startswith('scipy')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("values", [[3, 1, 3, 2, 1], [], [7], [5, 5, 5]])
def test_sorted_unique_is_np_unique(values):
    from viewer.engine.sparse import _sorted_unique

    array = np.array(values, dtype=np.int32)
    assert _sorted_unique(array).tolist() == np.unique(array).tolist()
    assert _sorted_unique(array).dtype == np.int32


def test_similar_pairs_finds_the_same_pairs_whatever_its_step():
    """The step (Params.move_search_cells) bounds memory only: each row's pairs are chosen within the row."""
    from viewer.engine.sparse import similar_pairs

    a, b = normalize_rows(random_rows(5, 120, 40)), normalize_rows(random_rows(6, 90, 40))

    def found(step):
        return sorted(triple for _, _, i, j, v in similar_pairs(a, b, 0.3, most_rows=30, most_pairs=3, step=step)
                      for triple in zip(i.tolist(), j.tolist(), v.tolist()))

    whole = found(10**7)
    assert len(whole) > 50
    assert found(40) == whole and found(700) == whole


def test_take_gathers_rows_in_order_with_repeats_across_its_slices():
    from viewer.engine import sparse

    rows = random_rows(9, 300, 50)
    picked = np.random.default_rng(3).integers(0, 300, size=3 * sparse._TAKE_ROWS + 17)
    taken = rows.take(picked)
    dense = rows.toarray()
    assert taken.shape == (len(picked), 50)
    assert np.array_equal(taken.toarray(), dense[picked])
    assert taken.indices.dtype == rows.indices.dtype
    assert rows.take(np.zeros(0, dtype=np.int64)).shape == (0, 50)


def test_pair_products_of_many_pairs_are_those_of_each_pair_alone():
    """pair_products works through long lists a step at a time; no pair's value may depend on it."""
    a, b = random_rows(11, 300, 50), random_rows(12, 200, 50)
    rng = np.random.default_rng(4)
    ia, jb = rng.integers(0, 300, size=90_000), rng.integers(0, 200, size=90_000)
    together = pair_products(a, b, ia, jb)
    alone = np.concatenate([pair_products(a, b, ia[k:k + 7], jb[k:k + 7]) for k in range(0, 2_100, 7)])
    assert together[:2_100].tobytes() == alone.tobytes()
    assert np.allclose(together, np.einsum("ij,ij->i", a.toarray()[ia], b.toarray()[jb]))
