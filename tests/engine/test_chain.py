"""The in-order chain search (chain.py): exact links for 1-1 and joined shapes, and its invariants."""
import itertools

import numpy as np

from viewer.engine.chain import best_chain, best_groups

NO = -np.inf


def _shape_gains(n, m, shapes, value=NO):
    return {shape: np.full((n - shape[0] + 1, m - shape[1] + 1), value) for shape in shapes}


def test_no_sentences_and_no_gain_give_no_links():
    assert best_groups({(1, 1): np.zeros((0, 4))}, 0, 4) == []
    assert best_groups({(1, 1): np.full((2, 2), -1.0)}, 2, 2) == []
    # A gain of exactly 0 is not worth a link: ties go to skipping.
    assert best_groups({(1, 1): np.zeros((2, 2))}, 2, 2) == []


def test_a_joined_link_wins_only_where_it_gains_more_than_the_one_to_one_it_replaces():
    gains = _shape_gains(3, 2, [(1, 1), (2, 1)])
    gains[(1, 1)][0, 0] = 2.0
    gains[(1, 1)][2, 1] = 1.0
    gains[(2, 1)][0, 0] = 2.5  # a[0:2] with b[0]: more than a[0]-b[0] alone
    assert best_groups(gains, 3, 2) == [(range(0, 2), range(0, 1)), (range(2, 3), range(1, 2))]
    gains[(2, 1)][0, 0] = 1.5
    assert best_groups(gains, 3, 2) == [(range(0, 1), range(0, 1)), (range(2, 3), range(1, 2))]


def test_one_sentence_split_in_three_on_the_other_side():
    gains = _shape_gains(2, 4, [(1, 1), (1, 3)])
    gains[(1, 1)][0, 0] = 1.0
    gains[(1, 3)][0, 1] = 3.5   # a[0] against b[1:4]
    gains[(1, 1)][1, 3] = 3.0   # ... but a[1]-b[3] and a[0]-b[0] together gain as much and more
    assert best_groups(gains, 2, 4) == [(range(0, 1), range(0, 1)), (range(1, 2), range(3, 4))]
    gains[(1, 3)][0, 1] = 5.0
    assert best_groups(gains, 2, 4) == [(range(0, 1), range(1, 4))]


def test_links_never_cross_nor_share_a_sentence_and_find_the_best_total():
    shapes = [(1, 1), (2, 1), (1, 2)]
    rng = np.random.default_rng(7)
    for _ in range(40):
        n, m = rng.integers(1, 5, size=2)
        gains = {s: rng.normal(size=(n - s[0] + 1, m - s[1] + 1)) for s in shapes if s[0] <= n and s[1] <= m}
        links = best_groups(gains, n, m)
        ends = [(ra.stop, rb.stop) for ra, rb in links]
        starts = [(ra.start, rb.start) for ra, rb in links]
        assert all(e[0] <= s[0] and e[1] <= s[1] for e, s in zip(ends, starts[1:]))
        total = sum(gains[(len(ra), len(rb))][ra.start, rb.start] for ra, rb in links)
        assert total == max(_all_totals(gains, n, m))


def _all_totals(gains, n, m):
    """Every in-order set of links, by brute force (small n, m)."""
    candidates = [(i, j, k, l) for (k, l), g in gains.items() for i in range(g.shape[0]) for j in range(g.shape[1])]
    for size in range(0, min(n, m) + 1):
        for chosen in itertools.combinations(candidates, size):
            ordered = sorted(chosen)
            if all(p[0] + p[2] <= q[0] and p[1] + p[3] <= q[1] for p, q in zip(ordered, ordered[1:])):
                yield sum(gains[(k, l)][i, j] for i, j, k, l in chosen)


def test_best_chain_null_and_simple_cases():
    assert best_chain(np.zeros((0, 3), dtype=np.float32), 0.3) == []
    assert best_chain(np.array([[0.1, 0.2]], dtype=np.float32), 0.3) == []
    scores = np.array([[0.9, 0.1, 0.0], [0.0, 0.2, 0.8], [0.0, 0.7, 0.1]], dtype=np.float32)
    # (1, 2) and (2, 1) cross; the chain keeps the in-order pair with the larger total.
    assert best_chain(scores, 0.3) == [(0, 0), (1, 2)]
    # Any dtype of scores: a float32 running total once hid a link scored in float64.
    assert best_chain(np.array([[0.5]]), 0.4) == [(0, 0)]


def test_listed_gains_choose_as_the_same_gains_written_densely():
    rng = np.random.default_rng(3)
    for _ in range(30):
        n, m = rng.integers(2, 7, size=2)
        dense = {(1, 1): rng.normal(size=(n, m))}
        listed = dict(dense)
        for shape in ((2, 1), (1, 2), (3, 1)):
            rows, columns = n - shape[0] + 1, m - shape[1] + 1
            if rows <= 0 or columns <= 0:
                continue
            gain = np.where(rng.random((rows, columns)) < 0.3, rng.normal(size=(rows, columns)) + 1, -np.inf)
            dense[shape] = gain
            at = np.nonzero(np.isfinite(gain))
            listed[shape] = (*at, gain[at])
        assert best_groups(listed, n, m) == best_groups(dense, n, m)
