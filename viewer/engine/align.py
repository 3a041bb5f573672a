"""Pairwise sentence alignment: which sentences of version b correspond to which of version a.

1. Score sentence pairs with sparse TF-IDF cosines (``similarity``).
2. Find the best in-order chain of 1-1 links by dynamic programming over a dense score block
   (long texts are first cut into blocks at unique identical sentences, as patience diff does).
3. Link a lone pair sandwiched between two links at a lower threshold: context vouches for it.
4. Grow links into splits and merges with unlinked neighbours whose words the other side holds.
5. Match what is left across the whole text: those links are out of order, so ``moved``.
Page furniture takes no part; every other sentence ends in a link, ``omitted`` or ``added``.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from viewer.engine.classify import classify
from viewer.engine.facts import fact_changes
from viewer.engine.model import Kind, Link, Pair, Version
from viewer.engine.params import Params
from viewer.engine.similarity import Vectorizer, dense_scores, join_rows, pair_scores
from viewer.engine.worddiff import token_key, word_diff


@dataclass
class _Group:
    """A link under construction, in content-sentence indices of both sides."""

    a: list[int]
    b: list[int]
    moved: bool = False


def align(
    a: Version,
    b: Version,
    params: Params = Params(),
    version_indices: tuple[int, int] = (0, 1),
    cancelled: Callable[[], bool] | None = None,
) -> Pair:
    """Align version ``b`` to version ``a`` and classify every link."""
    content_a = [i for i, s in enumerate(a.sentences) if not s.furniture]
    content_b = [j for j, s in enumerate(b.sentences) if not s.furniture]
    texts_a = [a.sentence_text(i) for i in content_a]
    texts_b = [b.sentence_text(j) for j in content_b]
    groups: list[_Group] = []
    if texts_a and texts_b:
        rows_a, rows_b = Vectorizer(params.word_weight).fit_transform(texts_a, texts_b)
        chain = _in_order_links(texts_a, texts_b, rows_a, rows_b, params, cancelled)
        chain = _link_sandwiched(chain, rows_a, rows_b, params)
        groups = [_Group([i], [j]) for i, j in chain]
        _grow_splits_and_merges(groups, rows_a, rows_b, params)
        groups += _moved_links(groups, rows_a, rows_b, params)
        groups += _neighbours_of_links(groups, rows_a, rows_b, params)
        groups.sort(key=lambda g: (min(g.b), min(g.a)))

    links = []
    for group in groups:
        ia = tuple(content_a[i] for i in sorted(group.a))
        jb = tuple(content_b[j] for j in sorted(group.b))
        links.append(_make_link(a, ia, b, jb, group.moved, params))
    linked_a = {i for link in links for i in link.a}
    linked_b = {j for link in links for j in link.b}
    return Pair(
        a=version_indices[0],
        b=version_indices[1],
        links=tuple(links),
        omitted=tuple(i for i in content_a if i not in linked_a),
        added=tuple(j for j in content_b if j not in linked_b),
    )


def _make_link(a: Version, ia: tuple[int, ...], b: Version, jb: tuple[int, ...], moved: bool, params: Params) -> Link:
    spans_a = [(a.sentences[i].start, a.sentences[i].end) for i in ia]
    spans_b = [(b.sentences[j].start, b.sentences[j].end) for j in jb]
    text_a = " ".join(a.text[s:e] for s, e in spans_a)
    text_b = " ".join(b.text[s:e] for s, e in spans_b)
    kind, score = classify(text_a, text_b, params)
    ops = word_diff(a.text, spans_a, b.text, spans_b, params)
    facts = () if kind is Kind.IDENTICAL else fact_changes(text_a, text_b)
    return Link(a=ia, b=jb, kind=kind, score=round(score, 4), moved=moved, ops=ops, facts=facts)


# --- 2. the in-order chain -------------------------------------------------------------------


def _in_order_links(texts_a, texts_b, rows_a, rows_b, params, cancelled) -> list[tuple[int, int]]:
    chain: list[tuple[int, int]] = []
    for (a0, a1, b0, b1), anchor in _blocks(texts_a, texts_b, params):
        if cancelled is not None and cancelled():
            from viewer.engine.pipeline import Cancelled

            raise Cancelled()
        if a1 > a0 and b1 > b0:
            scores = dense_scores(rows_a[a0:a1], rows_b[b0:b1])
            chain += [(a0 + i, b0 + j) for i, j in best_chain(scores, params.link_threshold)]
        if anchor is not None:
            chain.append(anchor)
    return chain


def best_chain(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """The in-order 1-1 links maximising the sum of (score - threshold): a vectorised DP."""
    n, m = scores.shape
    gains = np.asarray(scores, dtype=np.float64) - threshold  # one dtype: mixed ones break the ties below
    previous = np.zeros(m + 1, dtype=np.float64)
    back = np.zeros((n, m), dtype=np.int8)  # 0: skip the a sentence, 1: link, 2: skip the b sentence
    current = np.zeros(m + 1, dtype=np.float64)
    for i in range(n):
        diagonal = previous[:-1] + gains[i]
        up = previous[1:]
        best = np.maximum(up, diagonal)
        current[0] = 0.0
        current[1:] = best
        # Skipping b sentences costs nothing, so a running maximum carries the best value rightwards.
        np.maximum.accumulate(current, out=current)
        back[i] = np.where(current[1:] > best, 2, np.where(diagonal > up, 1, 0))
        previous, current = current, previous
    chain = []
    i, j = n, m
    while i > 0 and j > 0:
        step = back[i - 1, j - 1]
        if step == 1:
            chain.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif step == 0:
            i -= 1
        else:
            j -= 1
    chain.reverse()
    return chain


def _blocks(texts_a, texts_b, params):
    """Yield ((a0, a1, b0, b1), anchor) blocks small enough for the dense DP.

    Small inputs are one block. Long ones are cut at sentences that occur once in each text,
    identically, and in order (the longest increasing run of such pairs, as patience diff does).
    """
    n, m = len(texts_a), len(texts_b)
    if n * m <= params.dense_cells:
        yield (0, n, 0, m), None
        return
    anchors = _unique_matches_in_order(texts_a, texts_b, params)
    a0 = b0 = 0
    for i, j in anchors + [(n, m)]:
        yield from _bounded(a0, i, b0, j, params)
        if i < n:
            yield (i, i, j, j), (i, j)
        a0, b0 = i + 1, j + 1


def _bounded(a0, a1, b0, b1, params):
    """Split a block that is still too large into diagonal pieces (rare: long unanchored rewrites)."""
    rows, cols = a1 - a0, b1 - b0
    if rows * cols <= params.dense_cells or rows == 0 or cols == 0:
        yield (a0, a1, b0, b1), None
        return
    side = max(1, int(params.dense_cells ** 0.5))
    pieces = max((rows + side - 1) // side, (cols + side - 1) // side)
    for k in range(pieces):
        yield (a0 + rows * k // pieces, a0 + rows * (k + 1) // pieces,
               b0 + cols * k // pieces, b0 + cols * (k + 1) // pieces), None


def _unique_matches_in_order(texts_a, texts_b, params) -> list[tuple[int, int]]:
    def keys(texts):
        out = {}
        for k, text in enumerate(texts):
            key = " ".join(token_key(w, params) for w in text.split())
            out[key] = -1 if key in out else k
        return out

    keys_a, keys_b = keys(texts_a), keys(texts_b)
    pairs = sorted((i, keys_b[key]) for key, i in keys_a.items() if i >= 0 and keys_b.get(key, -1) >= 0)
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of pairs increasing in both coordinates (pairs sorted by the first)."""
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        parent[k] = tail_index[pos - 1] if pos else -1
    out = []
    k = tail_index[-1] if tail_index else -1
    while k != -1:
        out.append(pairs[k])
        k = parent[k]
    return out[::-1]


# --- 3. context --------------------------------------------------------------------------------


def _link_sandwiched(chain, rows_a, rows_b, params) -> list[tuple[int, int]]:
    """Link equal-sized gaps between two links (or a text's edge) pairwise when each pair is close enough."""
    n, m = rows_a.shape[0], rows_b.shape[0]
    bounded = [(-1, -1)] + chain + [(n, m)]
    out = []
    for (i0, j0), (i1, j1) in zip(bounded, bounded[1:]):
        gap = i1 - i0 - 1
        if 0 < gap <= params.context_gap and gap == j1 - j0 - 1:
            ia = np.arange(i0 + 1, i1)
            jb = np.arange(j0 + 1, j1)
            scores = pair_scores(rows_a, rows_b, ia, jb)
            out += [(int(i), int(j)) for i, j, s in zip(ia, jb, scores) if s >= params.context_threshold]
        if i1 < n:
            out.append((i1, j1))
    return out


# --- 4. splits and merges ------------------------------------------------------------------------


def _grow_splits_and_merges(groups: list[_Group], rows_a, rows_b, params) -> None:
    linked_a = {i for g in groups for i in g.a}
    linked_b = {j for g in groups for j in g.b}
    n, m = rows_a.shape[0], rows_b.shape[0]
    for group in groups:
        grown = True
        while grown:
            grown = False
            for side, rows, other_rows, limit, linked in (
                ("a", rows_a, rows_b, n, linked_a),
                ("b", rows_b, rows_a, m, linked_b),
            ):
                own = getattr(group, side)
                other = group.b if side == "a" else group.a
                for neighbour in (min(own) - 1, max(own) + 1):
                    if not 0 <= neighbour < limit or neighbour in linked:
                        continue
                    if _worth_joining(neighbour, own, other, rows, other_rows, params):
                        own.append(neighbour)
                        linked.add(neighbour)
                        grown = True
                        break
                if grown:
                    break


def _worth_joining(neighbour, own, other, rows, other_rows, params) -> bool:
    """Join a neighbour when the other side holds most of its words and the joined pair scores higher."""
    row = rows[neighbour]
    total = row.data.sum()
    if total <= 0:
        return False
    other_features = np.concatenate([other_rows[k].indices for k in other])
    coverage = row.data[np.isin(row.indices, other_features)].sum() / total
    if coverage < params.join_coverage:
        return False
    other_vector = join_rows(other_rows, [other])
    before = float((join_rows(rows, [own]) @ other_vector.T).toarray()[0, 0])
    after = float((join_rows(rows, [own + [neighbour]]) @ other_vector.T).toarray()[0, 0])
    return after > before


# --- 5. moves ---------------------------------------------------------------------------------------


def _moved_links(groups: list[_Group], rows_a, rows_b, params) -> list[_Group]:
    linked_a = {i for g in groups for i in g.a}
    linked_b = {j for g in groups for j in g.b}
    free_a = np.array([i for i in range(rows_a.shape[0]) if i not in linked_a], dtype=np.int64)
    free_b = np.array([j for j in range(rows_b.shape[0]) if j not in linked_b], dtype=np.int64)
    if not len(free_a) or not len(free_b):
        return []
    scores = (rows_a[free_a] @ rows_b[free_b].T).tocoo()
    candidates = sorted(
        ((s, int(free_a[r]), int(free_b[c])) for r, c, s in zip(scores.row, scores.col, scores.data)
         if s >= params.move_threshold),
        reverse=True,
    )
    order = sorted((min(g.a), min(g.b)) for g in groups)
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(_Group([i], [j], moved=not _fits_order(order, i, j)))
    return out


def _neighbours_of_links(groups: list[_Group], rows_a, rows_b, params) -> list[_Group]:
    """Link free sentences that follow (or precede) both sides of a link, when close enough.

    Sentences travel with their neighbours: the sentence after a moved one is likely moved too.
    """
    linked_a = {i for g in groups for i in g.a}
    linked_b = {j for g in groups for j in g.b}
    n, m = rows_a.shape[0], rows_b.shape[0]
    out: list[_Group] = []
    pending = list(groups)
    while pending:
        group = pending.pop()
        for i, j in ((max(group.a) + 1, max(group.b) + 1), (min(group.a) - 1, min(group.b) - 1)):
            if not (0 <= i < n and 0 <= j < m) or i in linked_a or j in linked_b:
                continue
            if pair_scores(rows_a, rows_b, np.array([i]), np.array([j]))[0] >= params.context_threshold:
                found = _Group([i], [j], moved=group.moved)
                linked_a.add(i)
                linked_b.add(j)
                out.append(found)
                pending.append(found)
    return out


def _fits_order(order: Sequence[tuple[int, int]], i: int, j: int) -> bool:
    """True when the link (i, j) sits between its in-order neighbours on both sides."""
    import bisect

    k = bisect.bisect_left(order, (i, j))
    before_ok = k == 0 or order[k - 1][1] < j
    after_ok = k == len(order) or order[k][1] > j
    return before_ok and after_ok
