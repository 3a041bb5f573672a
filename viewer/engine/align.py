"""Pairwise sentence alignment: which sentences of version b correspond to which of version a.

1. Score sentence pairs with calibrated evidence (``scoring``: lexical, names and numbers,
   semantic, each also relative to the sentences' best rivals).
2. Find the best in-order chain of links by dynamic programming over a dense evidence block
   (``chain``; long texts are first cut into blocks at unique identical sentences, as patience
   diff does). A link may join up to four consecutive sentences on one side where reading them
   together convinces more. The bars are read from the texts (``thresholds``).
3. Link equal gaps of up to ``context_gap`` sentences between two links pairwise at a lower
   threshold: context vouches for them (lowest for one sentence each side between sure links).
4. Grow links into splits and merges with unlinked neighbours whose words the other side holds.
5. Match what is left across the whole text: those links are out of order, so ``moved``; then
   link free sentences next to both sides of a moved or sure link: sentences travel with their
   neighbours.
Page furniture takes no part; every other sentence ends in a link, ``omitted`` or ``added``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from viewer.engine.chain import Gains, best_groups
from viewer.engine.classify import classify
from viewer.engine.facts import fact_changes
from viewer.engine.facts.changes import quote_changes
from viewer.engine.model import Kind, Link, Pair, Version
from viewer.engine.params import Params
from viewer.engine.progress import CancelCheck, Progress, check_cancelled
from viewer.engine.scoring import Rescorer, Scorer, logit
from viewer.engine.sparse import pair_products, ranges, similar_pairs
from viewer.engine.worddiff import longest_increasing, token_key, word_diff


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
    cancelled: CancelCheck | None = None,
    embedder=None,
    rescorer: Rescorer | None = None,
    progress: Progress | None = None,
) -> Pair:
    """Align version ``b`` to version ``a`` and classify every link.

    ``embedder`` is the static model (None: lexical evidence only); ``rescorer``, when given,
    re-scores the uncertain pairs (a full sentence-transformer, see ``pipeline.rescorer_for``).
    ``progress(fraction, what)`` reports the re-scoring, and the steps of a long alignment (one cut
    into blocks), as a 0-1 fraction of this alignment.
    """
    content_a = [i for i, s in enumerate(a.sentences) if not s.furniture]
    content_b = [j for j, s in enumerate(b.sentences) if not s.furniture]
    texts_a = [a.sentence_text(i) for i in content_a]
    texts_b = [b.sentence_text(j) for j in content_b]
    groups: list[_Group] = []
    scores: list[float] = []
    steps = None  # progress of the steps, reported for long texts only
    if texts_a and texts_b:
        scorer = Scorer(texts_a, texts_b, params, embedder)
        blocks = list(_blocks(texts_a, texts_b, params))
        steps = progress if len(blocks) > 1 else None
        scorer.prepare([block for block, _ in blocks], [anchor for _, anchor in blocks if anchor is not None],
                       _part(steps if rescorer is None else None, 0.0, 0.5, ALIGNING))
        if rescorer is not None:
            scorer.rescore_uncertain(rescorer, params, _part(progress, 0.0, 0.5, RESCORING), cancelled)
        bars = thresholds(scorer, params)
        groups = _in_order_links(blocks, scorer, bars, params, cancelled, _part(steps, 0.5, 0.7, ALIGNING))
        groups = _link_sandwiched(groups, scorer, bars.context, params)
        _grow_splits_and_merges(groups, scorer, params)
        groups += _moved_links(groups, scorer, params, cancelled, _part(steps, 0.7, 0.8, ALIGNING))
        scores = _scores(groups, scorer)
        found = _neighbours_of_links(groups, scores, scorer, bars.context, params)
        groups, scores = groups + found, scores + _scores(found, scorer)
    ordered = sorted(zip(groups, scores), key=lambda item: (min(item[0].b), min(item[0].a)))

    links = []
    diffing = _part(steps, 0.8, 1.0, COMPARING_WORDS)
    for k, (group, score) in enumerate(ordered):
        if k % 1000 == 999:
            check_cancelled(cancelled)
            if diffing is not None:
                diffing(k / len(ordered))
        ia = tuple(content_a[i] for i in sorted(group.a))
        jb = tuple(content_b[j] for j in sorted(group.b))
        links.append(_make_link(a, ia, b, jb, group.moved, float(score), params))
    linked_a = {i for link in links for i in link.a}
    linked_b = {j for link in links for j in link.b}
    return Pair(
        a=version_indices[0],
        b=version_indices[1],
        links=tuple(links),
        omitted=tuple(i for i in content_a if i not in linked_a),
        added=tuple(j for j in content_b if j not in linked_b),
    )


# What ``progress`` says a step does (the pipeline adds the version's name).
RESCORING = "Re-scoring uncertain pairs of"
ALIGNING = "Aligning"
COMPARING_WORDS = "Comparing the words of"


def _part(progress, start: float, stop: float, what: str):
    """``progress`` for a step that covers [start, stop] of the alignment, or None."""
    if progress is None:
        return None
    return lambda fraction: progress(start + fraction * (stop - start), what)


def _make_link(
    a: Version, ia: tuple[int, ...], b: Version, jb: tuple[int, ...], moved: bool, score: float, params: Params
) -> Link:
    spans_a = [(a.sentences[i].start, a.sentences[i].end) for i in ia]
    spans_b = [(b.sentences[j].start, b.sentences[j].end) for j in jb]
    text_a = " ".join(a.text[s:e] for s, e in spans_a)
    text_b = " ".join(b.text[s:e] for s, e in spans_b)
    kind = classify(text_a, text_b, params)
    score = 1.0 if kind is Kind.IDENTICAL else score
    ops = word_diff(a.text, spans_a, b.text, spans_b, params)
    if text_a == text_b:
        facts = ()
    elif kind is Kind.IDENTICAL:
        # Identical ignores quote style, but quotation marks put round words or taken away
        # ("difficult" -> '"difficult"') change what is quoted: the one fact such a link can hold.
        facts = quote_changes(text_a, text_b)
    else:
        facts = fact_changes(text_a, text_b)
    return Link(a=ia, b=jb, kind=kind, score=round(score, 4), moved=moved, ops=ops, facts=facts)


# --- 2. the in-order chain -------------------------------------------------------------------


def _in_order_links(blocks, scorer: Scorer, bars: Thresholds, params: Params, cancelled, progress=None) -> list[_Group]:
    """The best in-order links of each block (``_blocks``), joined across the cuts."""
    chain: list[_Group] = []
    for k, ((a0, a1, b0, b1), anchor) in enumerate(blocks):
        check_cancelled(cancelled)
        if progress is not None and k % 100 == 0:
            progress(k / len(blocks))
        if a1 > a0 and b1 > b0:
            gains = _chain_gains(scorer, (a0, a1, b0, b1), bars, params)
            chain += [_Group([a0 + i for i in ra], [b0 + j for j in rb])
                      for ra, rb in best_groups(gains, a1 - a0, b1 - b0)]
        if anchor is not None:
            chain.append(_Group([anchor[0]], [anchor[1]]))
    return chain


def _chain_gains(scorer: Scorer, block, bars: Thresholds, params: Params) -> dict[tuple[int, int], Gains]:
    """Gain of every in-order link of a block: its evidence above the threshold, per link shape.

    A link joining several sentences on one side (a retelling folds two into one, a translation
    runs three verses into one sentence) gains as a 1-1 link does, less the merge penalty: it wins
    where reading the sentences together is more convincing than the best of them alone. Every
    member must stand on its own evidence too (``merge_member_least``), or a strong pair would
    carry an unrelated neighbour in.
    """
    a0, a1, b0, b1 = block
    single = scorer.block(a0, a1, b0, b1)
    gains = {(1, 1): np.asarray(single, dtype=np.float64) - bars.link}
    # In a revision splits are found from shared words (_grow_splits_and_merges).
    if bars.revision:
        return gains
    floor = single >= logit(params.merge_member_least)
    # A member of the longer side must not match another sentence much better than this one:
    # it belongs with that one ("The 5-2 decision" with "The justices split 5-2"), not folded in here.
    own_best_a = floor & (single >= single.max(axis=1, keepdims=True) - params.merge_member_margin)
    own_best_b = floor & (single >= single.max(axis=0, keepdims=True) - params.merge_member_margin)
    for ka, kb in params.merge_shapes:
        rows, columns = (a1 - a0) - ka + 1, (b1 - b0) - kb + 1
        if rows <= 0 or columns <= 0:
            continue
        member = own_best_a if ka > 1 else own_best_b
        allowed = np.ones((rows, columns), dtype=bool)
        for da in range(ka):
            for db in range(kb):
                allowed &= member[da: da + rows, db: db + columns]
        # Few windows pass: read only those together, and list them.
        at = np.nonzero(allowed)
        if len(at[0]):
            gains[(ka, kb)] = (*at, scorer.windows(a0, a1, b0, b1, ka, kb, at) - bars.link - bars.merge_penalty)
    return gains


class Thresholds(NamedTuple):
    """The decisions' bars for one pair of texts, in log-odds."""

    link: float           # least evidence of an in-order link
    context: float        # least evidence of a link vouched for by its neighbours
    merge_penalty: float  # what a link joining several sentences on one side pays
    revision: bool        # most sentences are kept word for word


def thresholds(scorer: Scorer, params: Params) -> Thresholds:
    """The bars for this pair of texts, read from the texts themselves.

    They rise with the share of sentences kept word for word: in a revision where most sentences
    survive, a sentence with only a weak match is more likely new than rewritten, and a split is
    seen from its shared words; in a retelling or a translation, weak matches are all there is.
    The link bar also rises with the length of the texts.
    """
    kept = min(1.0, scorer.kept_share(params.kept_similarity) / max(params.revision_kept_share, 1e-9))

    def between(loose: float, strict: float) -> float:
        return loose + kept * (strict - loose)

    # In a long text a weak match has many more rivals to be mistaken for: the chain would thread
    # weak pairs through two outlets' articles that only share the topic.
    length = (max(scorer.sizes) - params.short_text) / max(params.long_text - params.short_text, 1)
    loose_link = params.link_threshold + min(1.0, max(0.0, length)) * (params.link_threshold_long - params.link_threshold)
    return Thresholds(
        link=logit(between(loose_link, params.link_threshold_kept)),
        context=logit(between(params.context_threshold, params.context_threshold_kept)),
        merge_penalty=between(params.merge_penalty, params.merge_penalty_kept),
        revision=kept >= 1.0,
    )


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
            # Whitespace runs become one space; the whole text goes through token_key once.
            key = token_key(" ".join(text.split()), params)
            out[key] = -1 if key in out else k
        return out

    keys_a, keys_b = keys(texts_a), keys(texts_b)
    pairs = sorted((i, keys_b[key]) for key, i in keys_a.items() if i >= 0 and keys_b.get(key, -1) >= 0)
    return longest_increasing(pairs)


# --- 3. context --------------------------------------------------------------------------------


def _link_sandwiched(chain: list[_Group], scorer: Scorer, least: float, params: Params) -> list[_Group]:
    """Link equal-sized gaps between two links (or a text's edge) pairwise when each pair is close enough."""
    n, m = scorer.sizes
    edge_before, edge_after = _Group([-1], [-1]), _Group([n], [m])
    bounded = [edge_before, *chain, edge_after]
    # A text's edges are as sure as a link can be.
    sure = [True, *(scorer.scores([(g.a, g.b) for g in chain]) >= params.sure_link), True] if chain else [True, True]
    out: list[_Group] = []
    for k, (before, after) in enumerate(zip(bounded, bounded[1:])):
        i0, j0, i1, j1 = max(before.a), max(before.b), min(after.a), min(after.b)
        gap = i1 - i0 - 1
        if 0 < gap <= params.context_gap and gap == j1 - j0 - 1:
            ia = np.arange(i0 + 1, i1)
            jb = np.arange(j0 + 1, j1)
            evidence = scorer.pairs(ia, jb)
            # One sentence each side between two links: the context alone nearly settles it, and
            # all the more when both links around it are sure.
            least_here = least
            if gap == 1:
                # ... provided the two share some words: a replaced sentence shares none.
                tight = sure[k] and sure[k + 1] and scorer.lexical(ia, jb)[0] >= params.least_shared_lexical
                least_here = logit(params.tight_context_threshold if tight else params.context_threshold)
            out += [_Group([int(i)], [int(j)]) for i, j, e in zip(ia, jb, evidence) if e >= least_here]
        if after is not edge_after:
            out.append(after)
    return out


# --- 4. splits and merges ------------------------------------------------------------------------


def _grow_splits_and_merges(groups: list[_Group], scorer: Scorer, params: Params) -> None:
    linked = {"a": {i for g in groups for i in g.a}, "b": {j for g in groups for j in g.b}}
    limits = dict(zip("ab", scorer.sizes))
    joined: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}  # a group's evidence, read once
    for group in groups:
        grown = True
        while grown:
            grown = False
            for side in "ab":
                own = getattr(group, side)
                for neighbour in (min(own) - 1, max(own) + 1):
                    if not 0 <= neighbour < limits[side] or neighbour in linked[side]:
                        continue
                    if _worth_joining(group, side, neighbour, scorer, params, joined):
                        own.append(neighbour)
                        linked[side].add(neighbour)
                        grown = True
                        break
                if grown:
                    break


def _worth_joining(group: _Group, side: str, neighbour: int, scorer: Scorer, params: Params,
                   joined: dict | None = None) -> bool:
    """Join a neighbour that the other side holds, when reading them together matches better.

    Either most of the neighbour's words are in the other side and the joined pair scores higher
    (a clause cut off into its own sentence), or the neighbour covers a large part of the other
    side that the group's sentences leave uncovered (each half of a split says its own part).
    """
    rows, other_rows = (scorer.rows_a, scorer.rows_b) if side == "a" else (scorer.rows_b, scorer.rows_a)
    own = group.a if side == "a" else group.b
    other = group.b if side == "a" else group.a
    coverage = _covered_share(rows, [neighbour], other_rows, other)
    grown = _Group(group.a + [neighbour], group.b) if side == "a" else _Group(group.a, group.b + [neighbour])
    if coverage >= params.join_coverage:
        return _joined(scorer, grown, joined) > _joined(scorer, group, joined)
    if coverage < params.split_coverage:
        return False
    before = _covered_share(other_rows, other, rows, own)
    after = _covered_share(other_rows, other, rows, own + [neighbour])
    return after - before >= params.split_gain


def _joined(scorer: Scorer, group: _Group, known: dict | None) -> float:
    """``scorer.joined`` of a group, remembered in ``known`` (a group is tried with each neighbour)."""
    key = (tuple(group.a), tuple(group.b))
    if known is None:
        return scorer.joined(*key)
    if key not in known:
        known[key] = scorer.joined(*key)
    return known[key]


def _covered_share(rows, members: list[int], other_rows, other: list[int]) -> float:
    """Share of the features of ``members`` (weighted) that occur in the ``other`` sentences."""
    data = np.concatenate([rows.data[rows.indptr[k]:rows.indptr[k + 1]] for k in members])
    indices = np.concatenate([rows.indices[rows.indptr[k]:rows.indptr[k + 1]] for k in members])
    total = data.sum()
    if total <= 0:
        return 0.0
    # A set, not np.isin: a handful of sentences' features, where isin's sorting costs most.
    other_features = set().union(*(other_rows.indices[other_rows.indptr[k]:other_rows.indptr[k + 1]].tolist()
                                   for k in other))
    found = np.fromiter((f in other_features for f in indices.tolist()), dtype=bool, count=len(indices))
    return float(data[found].sum() / total)


# --- 5. moves ---------------------------------------------------------------------------------------


def _moved_links(groups: list[_Group], scorer: Scorer, params: Params, cancelled=None, progress=None) -> list[_Group]:
    linked_a = {i for g in groups for i in g.a}
    linked_b = {j for g in groups for j in g.b}
    n, m = scorer.sizes
    free_a = np.array([i for i in range(n) if i not in linked_a], dtype=np.int64)
    free_b = np.array([j for j in range(m) if j not in linked_b], dtype=np.int64)
    if not len(free_a) or not len(free_b):
        return []
    found = [(np.zeros(0), free_a[:0], free_b[:0])]
    for done, (ia, jb, cosines) in _move_candidates(free_a, free_b, scorer, params):
        found.append((cosines, ia, jb))
        check_cancelled(cancelled)
        if progress is not None:
            progress(done)
    # Kept as arrays (a long text has 100,000s of candidates). Best first: by cosine, then the
    # later a sentence, then the later b one (no pair comes twice, so the order is total).
    cosines, ia, jb = (np.concatenate(part) for part in zip(*found))
    ranked = np.lexsort((jb, ia, cosines))[::-1]
    order = sorted((min(g.a), min(g.b)) for g in groups)
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for start in range(0, len(ranked), 65_536):
        piece = ranked[start:start + 65_536]
        for i, j in zip(ia[piece].tolist(), jb[piece].tolist()):
            if i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            out.append(_Group([i], [j], moved=not _fits_order(order, i, j)))
    return out


def _move_candidates(free_a: np.ndarray, free_b: np.ndarray, scorer: Scorer, params: Params):
    """Yield the share of free a sentences done and (ia, jb, lexical cosines) of the pairs of free
    sentences that may be linked out of order, a slice of a sentences at a time, each a sentence's
    best ``params.move_candidates`` only.

    Two long texts of near-copies (boilerplate lines, a template with names changed) hold millions
    of candidates; a sentence whose best few are all taken is not likely to be a move anyway.
    Pairs come from an index of the sentences' rarer features (``sparse.similar_pairs``), so time
    grows with the sentences, not their product. A feature of many free sentences
    (``params.move_word_rows``) finds no pairs, and each sentence's ``params.move_pairs_read``
    likeliest pairs are read; copies of one text are paired by their text.
    """
    rows_a, rows_b = scorer.rows_a.take(free_a), scorer.rows_b.take(free_b)
    copy_a, copy_b = _copies(scorer.text_id_a[free_a], scorer.text_id_b[free_b], params.move_candidates)
    sure_evidence = logit(params.move_probability)
    found = similar_pairs(rows_a, rows_b, params.move_candidate, params.move_word_rows, params.move_pairs_read,
                          params.move_search_cells)
    for a0, a1, at_a, at_b, cosines in found:
        extra = (copy_a >= a0) & (copy_a < a1)
        if extra.any():
            at_a, at_b = np.concatenate((at_a, copy_a[extra])), np.concatenate((at_b, copy_b[extra]))
            cosines = np.concatenate((cosines, pair_products(rows_a, rows_b, copy_a[extra], copy_b[extra])))
            _, first = np.unique(at_a * len(free_b) + at_b, return_index=True)
            at_a, at_b, cosines = at_a[first], at_b[first], cosines[first]
        close = cosines >= params.move_candidate
        ia, jb, cosines = free_a[at_a[close]], free_b[at_b[close]], cosines[close]
        # Out of order, no neighbour vouches for a link: only sentences that keep most of their words move.
        keep = (cosines >= params.move_similarity) | (scorer.pairs(ia, jb) >= sure_evidence)
        ia, jb, cosines = ia[keep], jb[keep], cosines[keep]
        # Each a sentence's candidates, best first (ties as the global order breaks them).
        ranked = np.lexsort((-jb, -cosines, ia))
        ia, jb, cosines = ia[ranked], jb[ranked], cosines[ranked]
        chosen = np.zeros(len(ia), dtype=bool)
        taken: dict[int, int] = {}
        for k in range(len(ia)):
            i = int(ia[k])
            if taken.get(i, 0) >= params.move_candidates:
                continue
            # A reworded sentence moves only whole: a partial match far away (a correction note
            # quoting the sentence it retracts) is a shared fact, not the sentence itself.
            if cosines[k] < params.move_similarity and classify(
                    scorer.texts_a[i], scorer.texts_b[jb[k]], params) is Kind.PARTIAL:
                continue
            chosen[k] = True
            taken[i] = taken.get(i, 0) + 1
        yield a1 / len(free_a), (ia[chosen], jb[chosen], cosines[chosen])


def _copies(ids_a: np.ndarray, ids_b: np.ndarray, most: int) -> tuple[np.ndarray, np.ndarray]:
    """(k, l) of the positions whose texts are the same (``ids_a[k] == ids_b[l]``), for each k the
    ``most`` largest l: the order in which equal candidates are taken."""
    order = np.lexsort((-np.arange(len(ids_b)), ids_b))
    ids = ids_b[order]
    first = np.searchsorted(ids, ids_a, side="left")
    counts = np.minimum(np.searchsorted(ids, ids_a, side="right") - first, most)
    return np.repeat(np.arange(len(ids_a)), counts), order[ranges(first, counts)]


def _scores(groups: list[_Group], scorer: Scorer) -> list[float]:
    """The calibrated probability of each group."""
    return scorer.scores([(g.a, g.b) for g in groups]).tolist() if groups else []


def _neighbours_of_links(
    groups: list[_Group], scores: list[float], scorer: Scorer, least: float, params: Params
) -> list[_Group]:
    """Link free sentences that follow (or precede) both sides of a moved or a sure link, when close enough.

    Sentences travel with their neighbours: the sentence after a moved one is likely moved too.
    Next to a weak in-order link (two outlets' articles sharing a fact) a neighbour is no more
    likely linked than the chain found it.
    """
    linked_a = {i for g in groups for i in g.a}
    linked_b = {j for g in groups for j in g.b}
    n, m = scorer.sizes
    out: list[_Group] = []
    pending = [group for group, score in zip(groups, scores) if group.moved or score >= params.sure_link]
    while pending:
        group = pending.pop()
        for i, j in ((max(group.a) + 1, max(group.b) + 1), (min(group.a) - 1, min(group.b) - 1)):
            if not (0 <= i < n and 0 <= j < m) or i in linked_a or j in linked_b:
                continue
            if scorer.pairs([i], [j])[0] >= least:
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
