"""How likely two sentences (or groups of sentences) are to be linked: lexical plus semantic evidence.

The evidence for a pair is a log-odds, a weighted sum of

- ``lexical``: the TF-IDF cosine of ``similarity`` (stems and character n-grams; rare words count most);
- ``anchors``: the cosine of the names and numbers the two share (``similarity.anchors``);
- the CSLS of the lexical cosine and of the semantic cosine, ``2 cos - r_a - r_b``, where ``r`` is a
  sentence's mean cosine with its ``Params.rivals`` best matches (as in bilingual word alignment). A pair
  that is each other's clear best match counts even when a retelling shares few words, and a
  sentence near to everything (a topic sentence) counts for less. The boost only goes to pairs
  that share something (``Params.least_shared_*``): in a short text, a cut sentence and an added
  one are otherwise each other's "best" match by default.

The semantic cosine comes from static sentence embeddings after the two texts' mean embedding is
taken away: every sentence of a story shares its topic, and raw cosines between unrelated
sentences of one story run high (0.8 is common).

The weights are a logistic regression fitted on development data (``benchmarks/calibrate.py``),
so ``probability(evidence)`` is a link's score: a calibrated 0-1 probability that a person would link the pair on
its own words and meaning. Without the embedding model the lexical-only fit is used.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from viewer.engine.params import Params
from viewer.engine.similarity import (
    Vectorizer,
    anchor_rows,
    dense_scores,
    distinct_texts,
    join_rows,
    joined_cosine,
    pair_scores,
)
from viewer.engine.sparse import cells

# Cosines of (a text, b text) pairs from a full sentence-transformer, with optional
# progress(fraction) and cancelled(); the pipeline builds one (pipeline.rescorer_for).
Rescorer = Callable[..., np.ndarray]

# The least log-odds of a pair of identical texts, whatever else the features say ("It was over."
# has no content word, yet two copies of it belong together): a probability of 0.99.
IDENTICAL_EVIDENCE = 4.6
# Sentences from which a text is long: its block products go to scipy when installed (speed only).
LONG_TEXT = 2_000
# Pairs whose semantic cosines are worked out at once (memory only: 4096 pairs' vectors are ~8 MB).
_PAIRS_AT_ONCE = 4096


def logit(probability: float) -> float:
    """Log-odds of a probability (thresholds are given as probabilities, compared as log-odds)."""
    probability = min(max(probability, 1e-9), 1 - 1e-9)
    return math.log(probability / (1 - probability))


def probability(evidence: np.ndarray | float) -> np.ndarray | float:
    """The score of a log-odds evidence: a calibrated 0-1 probability."""
    return 1.0 / (1.0 + np.exp(-np.asarray(evidence, dtype=np.float64)))


def embedder_for(params: Params):
    """The static embedding model when ``params.semantic`` asks for it, else None.

    A missing or broken model file is not an error: comparisons go on with lexical evidence only
    and ``load_model`` has warned once. Callers report that through ``Comparison.notes``.
    """
    if not params.semantic:
        return None
    from viewer.engine.embedding import default_model

    return default_model()


class Scorer:
    """Evidence for sentence pairs of two texts, from one fit of both texts.

    ``prepare(blocks)`` scores the blocks the aligner will search (for short texts: everything)
    and learns each sentence's rivals from them; call it before any other method.
    """

    def __init__(self, texts_a: Sequence[str], texts_b: Sequence[str], params: Params, embedder=None):
        self.texts_a, self.texts_b = list(texts_a), list(texts_b)
        # The same text on both sides is the surest evidence there is, whatever its words.
        # Each distinct text once: its row in ``distinct``, also the row of its sentence vector.
        distinct, text_ids = distinct_texts((*texts_a, *texts_b))
        self.text_id_a, self.text_id_b = text_ids[: len(texts_a)], text_ids[len(texts_a):]
        vectorizer = Vectorizer(params.word_weight)
        self.rows_a, self.rows_b = vectorizer.fit_transform(texts_a, texts_b)
        self.anchors_a, self.anchors_b = anchor_rows(texts_a, texts_b)
        # Sentences read together weigh by length, as the words of one longer sentence would.
        lengths = np.sqrt(np.maximum(1, vectorizer.word_counts))  # its texts are ``distinct``, in order
        self.weights_a, self.weights_b = lengths[self.text_id_a], lengths[self.text_id_b]
        self.semantic = embedder is not None
        if self.semantic:
            self.coefficients = params.evidence_weights
            # One vector per distinct text (revisions repeat most sentences), found by text id.
            self.vectors = np.asarray(embedder.encode(distinct), dtype=np.float32).reshape(len(distinct), embedder.dims)
            # The topic is the mean over every sentence of both texts, copies included.
            copies = np.bincount(text_ids, minlength=len(distinct)).astype(np.float32)
            self.topic = (copies @ self.vectors) / max(len(text_ids), 1)
        else:
            self.coefficients = params.lexical_only_weights
        self.rivals = params.rivals
        self.pair_coefficients = params.pair_only_weights
        self.least_shared = (params.least_shared_lexical, params.least_shared_semantic)
        n, m = self.sizes
        # Per sentence: the rival means (r of CSLS) of the lexical and the semantic cosine, and how
        # far to trust them (column 2: the candidates it had, as a share of ``rival_pool``).
        self.rival_pool = params.rival_pool
        self.rival_window = params.rival_window
        self.rivals_a = np.ones((n, 3))
        self.rivals_b = np.ones((m, 3))
        self.best_lexical_a = np.zeros(n)
        self.best_lexical_b = np.zeros(m)
        self._blocks: dict[tuple[int, int, int, int], tuple[list[np.ndarray], np.ndarray]] = {}
        # Every prepared block, with the window its scores were read from (scored again from it).
        self._prepared: dict[tuple[int, int, int, int], tuple[int, int, int, int]] = {}
        self.kept_block_cells = params.kept_block_cells
        # Window features of the block being chained (windows), by (side, size).
        self._window_block: tuple[int, int, int, int] | None = None
        self._window_cache: dict = {}
        # Evidence of pairs a full transformer re-scored (rescore_uncertain), by (i, j).
        self._rescored: dict[tuple[int, int], float] = {}

    @property
    def sizes(self) -> tuple[int, int]:
        return self.rows_a.shape[0], self.rows_b.shape[0]

    def prepare(self, blocks: Sequence[tuple[int, int, int, int]], anchors: Sequence[tuple[int, int]] = (),
                progress=None) -> None:
        """Score each (a0, a1, b0, b1) block and set the rivals of its sentences.

        A sentence's rivals are its best matches in its block widened by ``rival_window`` sentences
        on every side, so a short block between two cuts judges its pairs as a whole text would.
        ``anchors`` are the identical, unique sentence pairs long texts are cut at: kept word for
        word, and each other's only close match (rival mean 0.5: the pair itself and nothing).
        ``progress(fraction)``, when given, hears how much is done.
        """
        n, m = self.sizes
        for i, j in anchors:
            self.best_lexical_a[i] = 1.0
            self.best_lexical_b[j] = 1.0
            self.rivals_a[i] = (0.5, 0.5, 1.0)
            self.rivals_b[j] = (0.5, 0.5, 1.0)
        # A block with one empty side (a pure cut or addition between two anchors) is scored too:
        # its sentences still need rivals, from the window around it.
        runs = _runs_of_blocks([block for block in blocks if block[1] > block[0] or block[3] > block[2]])
        for number, group in enumerate(runs):
            if progress is not None and number % 20 == 0:
                progress(number / len(runs))
            # One product for a run of small blocks and the sentences around them.
            wa0, wa1 = max(0, group[0][0] - self.rival_window), min(n, group[-1][1] + self.rival_window)
            wb0, wb1 = max(0, group[0][2] - self.rival_window), min(m, group[-1][3] + self.rival_window)
            if wa1 <= wa0 or wb1 <= wb0:
                continue  # the other text is empty: nothing to rival
            cosines, shared = self._cosines_block(wa0, wa1, wb0, wb1)
            shared_of = shared.split([(a0 - wa0, a1 - wa0, b0 - wb0, b1 - wb0) for a0, a1, b0, b1 in group])
            for a0, a1, b0, b1 in group:
                rows, columns = slice(a0 - wa0, a1 - wa0), slice(b0 - wb0, b1 - wb0)
                near_a = slice(max(a0 - self.rival_window, wa0) - wa0, min(a1 + self.rival_window, wa1) - wa0)
                near_b = slice(max(b0 - self.rival_window, wb0) - wb0, min(b1 + self.rival_window, wb1) - wb0)
                if a1 > a0:
                    self.best_lexical_a[a0:a1] = cosines[0][rows, near_b].max(axis=1)
                    for k, values in enumerate(cosines):
                        self.rivals_a[a0:a1, k] = _top_mean(values[rows, near_b], axis=1, count=self.rivals)
                    # Being the best of two candidates says little; the best of ten, a lot.
                    self.rivals_a[a0:a1, 2] = min(1.0, (near_b.stop - near_b.start) / self.rival_pool)
                if b1 > b0:
                    self.best_lexical_b[b0:b1] = cosines[0][near_a, columns].max(axis=0)
                    for k, values in enumerate(cosines):
                        self.rivals_b[b0:b1, k] = _top_mean(values[near_a, columns], axis=0, count=self.rivals)
                    self.rivals_b[b0:b1, 2] = min(1.0, (near_a.stop - near_a.start) / self.rival_pool)
                if a1 > a0 and b1 > b0:
                    self._prepared[(a0, a1, b0, b1)] = (wa0, wa1, wb0, wb1)
                    if (a1 - a0) * (b1 - b0) > self.kept_block_cells:
                        continue  # scored again when block() asks: memory, not time, is short
                    # Kept (float32) until block() asks: a view where the block is the whole window,
                    # else a copy, so that a small block does not hold its window's arrays.
                    whole = (a1 - a0, b1 - b0) == cosines[0].shape
                    kept = [c[rows, columns] if whole else c[rows, columns].copy() for c in cosines]
                    self._blocks[(a0, a1, b0, b1)] = kept, shared_of[(a0 - wa0, a1 - wa0, b0 - wb0, b1 - wb0)]

    def kept_share(self, least: float) -> float:
        """Share of both texts' sentences whose best match keeps their words (lexical cosine >= ``least``).

        Both sides count, so the share (and the thresholds it sets) does not depend on which
        version is the base.
        """
        best = np.concatenate([self.best_lexical_a, self.best_lexical_b])
        return float((best >= least).mean()) if len(best) else 0.0

    def block(self, a0: int, a1: int, b0: int, b1: int) -> np.ndarray:
        """Evidence of every pair of a[a0:a1] x b[b0:b1], dense (a prepared block)."""
        cosines, shared = self._scored((a0, a1, b0, b1))
        evidence = self._evidence(cosines, shared, self.rivals_a[a0:a1, None, :], self.rivals_b[None, b0:b1, :])
        _floor_identical(evidence, self.text_id_a[a0:a1, None], self.text_id_b[None, b0:b1])
        for (i, j), value in self._rescored.items():
            if a0 <= i < a1 and b0 <= j < b1:
                evidence[i - a0, j - b0] = value
        return evidence

    def pairs(self, ia: Sequence[int], jb: Sequence[int]) -> np.ndarray:
        """Evidence of the listed pairs (ia[k], jb[k]) only."""
        ia, jb = np.asarray(ia, dtype=np.int64), np.asarray(jb, dtype=np.int64)
        if not len(ia):
            return np.zeros(0)
        cosines = [pair_scores(self.rows_a, self.rows_b, ia, jb)]
        if self.semantic:
            cosines.append(self._paired_semantic(ia, jb))
        shared = pair_scores(self.anchors_a, self.anchors_b, ia, jb)
        evidence = self._evidence(cosines, shared, self.rivals_a[ia], self.rivals_b[jb])
        _floor_identical(evidence, self.text_id_a[ia], self.text_id_b[jb])
        if self._rescored:
            for k, pair in enumerate(zip(ia.tolist(), jb.tolist())):
                evidence[k] = self._rescored.get(pair, evidence[k])
        return evidence

    def features(self) -> np.ndarray:
        """The fitted features of every pair, one row per (i, j) in row-major order: lexical cosine,
        names-and-numbers cosine, lexical CSLS, semantic CSLS (``benchmarks/calibrate.py`` fits on
        these; call after ``prepare`` over the whole text)."""
        n, m = self.sizes
        cosines, shared = self._cosines_block(0, n, 0, m)
        columns = [cosines[0], shared.toarray()]
        columns += [2 * c - self.rivals_a[:, k, None] - self.rivals_b[None, :, k] for k, c in enumerate(cosines)]
        return np.stack([c.ravel() for c in columns], axis=1)

    def lexical(self, ia: Sequence[int], jb: Sequence[int]) -> np.ndarray:
        """Lexical cosines of the listed pairs."""
        return pair_scores(self.rows_a, self.rows_b, np.asarray(ia, dtype=np.int64), np.asarray(jb, dtype=np.int64))

    def uncertain_pairs(self, band: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        """(ia, jb) of the prepared blocks' pairs whose probability lies within ``band``."""
        low, high = logit(band[0]), logit(band[1])
        found_a, found_b = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for a0, a1, b0, b1 in self._prepared:
            cosines, shared = self._scored((a0, a1, b0, b1), keep=True)
            evidence = self._evidence(cosines, shared, self.rivals_a[a0:a1, None, :], self.rivals_b[None, b0:b1, :])
            rows, columns = np.nonzero((evidence >= low) & (evidence <= high))
            found_a.append(rows + a0)
            found_b.append(columns + b0)
        return np.concatenate(found_a), np.concatenate(found_b)

    def rescore_uncertain(self, rescorer: Rescorer, params: Params, progress=None, cancelled=None) -> int:
        """Re-score the uncertain pairs with a full sentence-transformer; returns how many.

        The new evidence is ``c0 + c1 * evidence + c2 * cosine`` with the transformer's cosine,
        weights fitted by ``benchmarks/calibrate.py`` on the same band of development pairs.
        """
        ia, jb = self.uncertain_pairs(params.rescore_band)
        if not len(ia):
            return 0
        cosines = rescorer([self.texts_a[i] for i in ia], [self.texts_b[j] for j in jb],
                           progress=progress, cancelled=cancelled)
        evidence = self.pairs(ia, jb)
        c0, c1, c2 = params.transformer_weights
        self._rescored.update(zip(zip(ia.tolist(), jb.tolist()), (c0 + c1 * evidence + c2 * cosines).tolist()))
        return len(ia)

    def windows(self, a0: int, a1: int, b0: int, b1: int, ka: int, kb: int,
                at: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """Evidence of ``ka`` consecutive a sentences read together against ``kb`` consecutive b
        sentences, for the windows of the block starting at ``at`` (offsets from a0 and b0).

        The same reading as ``joined``, for many windows at once (the aligner's 2-1 and 1-2 links).
        """
        if self._window_block != (a0, a1, b0, b1):
            self._window_block, self._window_cache = (a0, a1, b0, b1), {}
        rows_a, vectors_a, anchors_a, rivals_a = self._windows_of("a", a0, a1, ka)
        rows_b, vectors_b, anchors_b, rivals_b = self._windows_of("b", b0, b1, kb)
        ia, jb = (np.asarray(k, dtype=np.int64) for k in at)
        if not len(ia):
            return np.zeros(0)
        cosines = [pair_scores(rows_a, rows_b, ia, jb)]
        if self.semantic:
            cosines.append(np.einsum("ij,ij->i", vectors_a[ia], vectors_b[jb]))
        return self._evidence(cosines, pair_scores(anchors_a, anchors_b, ia, jb), rivals_a[ia], rivals_b[jb])

    def _windows_of(self, side: str, start: int, stop: int, size: int):
        """Lexical rows, centred vectors, anchor rows and mean rivals of every run of ``size``
        consecutive sentences of one side in [start, stop); kept for the other shapes of the block."""
        key = (side, size)
        if key in self._window_cache:
            return self._window_cache[key]
        rows, anchors, weights, rivals, text_ids = (
            (self.rows_a, self.anchors_a, self.weights_a, self.rivals_a, self.text_id_a) if side == "a"
            else (self.rows_b, self.anchors_b, self.weights_b, self.rivals_b, self.text_id_b))
        if size == 1:
            found = (rows[start:stop], self._centred(text_ids[start:stop]) if self.semantic else None,
                     anchors[start:stop], rivals[start:stop])
        else:
            groups = [range(k, k + size) for k in range(start, stop - size + 1)]
            vectors = None
            if self.semantic and groups:
                vectors = _centre(_read_together(self.vectors[text_ids[start:stop]], weights[start:stop], size), self.topic)
            found = (join_rows(rows, groups, weights), vectors, join_rows(anchors, groups),
                     _window_sums(rivals[start:stop], size) / size)
        self._window_cache[key] = found
        return found

    def joined(self, group_a: Sequence[int], group_b: Sequence[int]) -> float:
        """Evidence of several sentences read together against several of the other text."""
        group_a, group_b = list(group_a), list(group_b)
        cosines = [np.array([joined_cosine(self.rows_a, group_a, self.rows_b, group_b, self.weights_a, self.weights_b)])]
        shared = np.array([joined_cosine(self.anchors_a, group_a, self.anchors_b, group_b)])
        if self.semantic:
            a = _centre(_read_together(self.vectors[self.text_id_a[group_a]], self.weights_a[group_a]), self.topic)
            b = _centre(_read_together(self.vectors[self.text_id_b[group_b]], self.weights_b[group_b]), self.topic)
            cosines.append((a @ b.T)[0])
        rivals_a = self.rivals_a[group_a].mean(axis=0, keepdims=True)
        rivals_b = self.rivals_b[group_b].mean(axis=0, keepdims=True)
        evidence = float(self._evidence(cosines, shared, rivals_a, rivals_b)[0])
        if list(self.text_id_a[group_a]) == list(self.text_id_b[group_b]):
            evidence = max(evidence, IDENTICAL_EVIDENCE)
        return evidence

    def scores(self, groups: Sequence[tuple[Sequence[int], Sequence[int]]]) -> np.ndarray:
        """Calibrated probability of each (a sentences, b sentences) group; one-to-one ones in one batch."""
        out = np.empty(len(groups))
        single = [k for k, (ga, gb) in enumerate(groups) if len(ga) == 1 and len(gb) == 1]
        if single:
            ia = [groups[k][0][0] for k in single]
            jb = [groups[k][1][0] for k in single]
            out[single] = probability(self.pairs(ia, jb))
        for k, (ga, gb) in enumerate(groups):
            if len(ga) != 1 or len(gb) != 1:
                out[k] = probability(self.joined(ga, gb))
        return out

    def _scored(self, block: tuple[int, int, int, int], keep: bool = False) -> tuple[list[np.ndarray], Cells]:
        """The cosines of a block: kept from ``prepare`` (given up unless ``keep``), else read again
        from the same window (the same products, so the same values to the bit)."""
        kept = self._blocks.get(block) if keep else self._blocks.pop(block, None)
        if kept is not None:
            return kept
        wa0, wa1, wb0, wb1 = self._prepared.get(block, block)
        a0, a1, b0, b1 = block
        cosines, shared = self._cosines_block(wa0, wa1, wb0, wb1)
        rows, columns = slice(a0 - wa0, a1 - wa0), slice(b0 - wb0, b1 - wb0)
        return [c[rows, columns] for c in cosines], shared[rows, columns]

    def _cosines_block(self, a0, a1, b0, b1) -> tuple[list[np.ndarray], Cells]:
        """The lexical (and semantic) cosines of a block, and the cosine of its shared names and numbers."""
        # A long text makes many large products: worth scipy's compiled one (same sums).
        cosines = [dense_scores(self.rows_a[a0:a1], self.rows_b[b0:b1], eager=max(self.sizes) > LONG_TEXT)]
        if self.semantic:
            cosines.append(self._centred(self.text_id_a[a0:a1]) @ self._centred(self.text_id_b[b0:b1]).T)
        # Few sentences share a name or number: the product stays sparse.
        return cosines, Cells(*cells(self.anchors_a[a0:a1], self.anchors_b[b0:b1]), (a1 - a0, b1 - b0))

    def _paired_semantic(self, ia: np.ndarray, jb: np.ndarray) -> np.ndarray:
        """Semantic cosines of the listed pairs, a slice at a time: a whole text's links at once
        would make tables of vectors as large as the text's (each pair's value is the same)."""
        out = np.empty(len(ia), dtype=np.float32)
        for k in range(0, len(ia), _PAIRS_AT_ONCE):
            a = self._centred(self.text_id_a[ia[k:k + _PAIRS_AT_ONCE]])
            b = self._centred(self.text_id_b[jb[k:k + _PAIRS_AT_ONCE]])
            out[k:k + _PAIRS_AT_ONCE] = np.einsum("ij,ij->i", a, b)
        return out

    def _centred(self, text_ids: np.ndarray) -> np.ndarray:
        """The centred unit vectors of these texts: made when asked (row by row the same values as
        centring all at once), as a second table of every sentence's vector would cost as much
        memory as the first (80 MB on a 64k-sentence pair)."""
        return _centre(self.vectors[text_ids], self.topic)

    def _evidence(self, cosines, shared, rivals_a, rivals_b) -> np.ndarray:
        """bias + w_lex lexical + w_anchor shared + sum over cosines of w_k (2 cos - r_a - r_b),
        blended with the pair-only fit where a sentence had few candidates.

        Written with in-place steps: for a large block each temporary is the size of the block.
        """
        bias, raw_lexical, anchors, *relative = self.coefficients
        lexical = np.asarray(cosines[0])
        evidence = lexical * raw_lexical
        evidence += bias
        _add_shared(evidence, shared, anchors)
        shares = lexical >= self.least_shared[0]
        if self.semantic:
            shares |= np.asarray(cosines[1]) >= self.least_shared[1]
        for k, (values, weight) in enumerate(zip(cosines, relative)):
            gain = np.asarray(values) * 2
            gain -= rivals_a[..., k]
            gain -= rivals_b[..., k]
            np.minimum(gain, 0.0, out=gain, where=~shares)
            gain *= weight
            evidence += gain
        # With few candidates, lean on the pair's own cosines (a fit without the relative terms).
        if np.any(rivals_a[..., 2] < 1.0) or np.any(rivals_b[..., 2] < 1.0):
            trust = np.minimum(rivals_a[..., 2], rivals_b[..., 2])
            bias, raw_lexical, anchors = self.pair_coefficients
            alone = bias + raw_lexical * lexical
            _add_shared(alone, shared, anchors)
            evidence = trust * evidence + (1.0 - trust) * alone
        return evidence


class Cells:
    """The nonzero cells (row, column, value) of a mostly empty block, row-major."""

    __slots__ = ("row", "col", "data", "shape")

    def __init__(self, row: np.ndarray, col: np.ndarray, data: np.ndarray, shape: tuple[int, int]):
        self.row, self.col, self.data, self.shape = row, col, data, shape

    def __getitem__(self, key: tuple[slice, slice]) -> Cells:
        """The cells of a sub-block (two slices of step 1)."""
        (r0, r1, _), (c0, c1, _) = (k.indices(n) for k, n in zip(key, self.shape))
        first, last = np.searchsorted(self.row, (r0, r1))  # cells are row-major
        row, col, data = self.row[first:last], self.col[first:last], self.data[first:last]
        inside = (col >= c0) & (col < c1)
        return Cells(row[inside] - r0, col[inside] - c0, data[inside], (max(0, r1 - r0), max(0, c1 - c0)))

    def split(self, regions: Sequence[tuple[int, int, int, int]]) -> dict[tuple[int, int, int, int], Cells]:
        """The cells of each (r0, r1, c0, c1) region, by region; regions in row order, rows apart
        (the blocks of one run), read in one pass."""
        regions = [region for region in regions if region[1] > region[0]]
        starts = np.array([r0 for r0, _, _, _ in regions], dtype=np.int64)
        if len(regions) < 2 or np.any(np.diff(starts) < 0) or any(
                a[1] > b[0] for a, b in zip(regions, regions[1:])):
            return {region: self[region[0]:region[1], region[2]:region[3]] for region in regions}
        stops, col_starts, col_stops = (np.array([region[k] for region in regions], dtype=np.int64) for k in (1, 2, 3))
        k = np.searchsorted(starts, self.row, side="right") - 1
        inside = k >= 0
        k = np.maximum(k, 0)
        inside &= (self.row < stops[k]) & (self.col >= col_starts[k]) & (self.col < col_stops[k])
        k, row, col, data = k[inside], self.row[inside], self.col[inside], self.data[inside]
        bounds = np.searchsorted(k, np.arange(len(regions) + 1))  # row-major: each region's cells in a run
        return {(r0, r1, c0, c1): Cells(row[x:y] - r0, col[x:y] - c0, data[x:y], (r1 - r0, c1 - c0))
                for (r0, r1, c0, c1), x, y in zip(regions, bounds[:-1], bounds[1:])}

    def toarray(self) -> np.ndarray:
        out = np.zeros(self.shape)
        out[self.row, self.col] = self.data
        return out


def _add_shared(evidence: np.ndarray, shared, weight: float) -> None:
    """``evidence += weight * shared`` for a dense ``shared`` or its ``Cells``."""
    if isinstance(shared, Cells):
        evidence[shared.row, shared.col] += weight * shared.data
    else:
        evidence += weight * np.asarray(shared)


def _runs_of_blocks(blocks: Sequence[tuple[int, int, int, int]], span: int = 400) -> list[list[tuple[int, int, int, int]]]:
    """Consecutive blocks (in text order) gathered into runs spanning at most about ``span`` sentences.

    Only how many products are made depends on ``span``; every block's rivals come from its own
    window, so the scores do not.
    """
    runs: list[list[tuple[int, int, int, int]]] = []
    for block in blocks:
        if runs and block[1] - runs[-1][0][0] <= span and block[3] - runs[-1][0][2] <= span:
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def _top_mean(values: np.ndarray, axis: int, count: int) -> np.ndarray:
    """Mean of the ``count`` largest values along ``axis``; missing candidates count as cosine 0.

    With fewer candidates than ``count`` (a one-sentence text), the pair itself must not be its
    own only rival, or every relative term would be 0.
    """
    size = values.shape[axis]
    taken = min(count, size)
    top = np.partition(values, size - taken, axis=axis)
    top = top[:, size - taken:] if axis == 1 else top[size - taken:, :]
    return top.sum(axis=axis) / count


def _floor_identical(evidence: np.ndarray, ids_a: np.ndarray, ids_b: np.ndarray) -> None:
    """Raise the evidence of pairs whose two texts are the same (ids broadcast to its shape)."""
    same = ids_a == ids_b
    evidence[same] = np.maximum(evidence[same], IDENTICAL_EVIDENCE)


def _window_sums(values: np.ndarray, size: int) -> np.ndarray:
    """Sums of every run of ``size`` consecutive rows."""
    totals = np.cumsum(np.concatenate([np.zeros((1, values.shape[1]), values.dtype), values]), axis=0)
    return totals[size:] - totals[:-size]


def _read_together(vectors: np.ndarray, weights: np.ndarray, size: int | None = None) -> np.ndarray:
    """One unit vector for each run of ``size`` consecutive sentences read together (default: all
    of them, one row), each sentence weighing by its length."""
    weighted = vectors * (weights[:, None] ** 2).astype(np.float32)
    total = weighted.sum(axis=0, keepdims=True) if size is None else _window_sums(weighted, size)
    norms = np.linalg.norm(total, axis=1, keepdims=True)
    np.divide(total, norms, out=total, where=norms > 0)
    return total


def _centre(vectors: np.ndarray, topic: np.ndarray) -> np.ndarray:
    """Unit rows of ``vectors - topic``; a row that is the topic itself (up to rounding) becomes zero."""
    centred = vectors - topic
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    tiny = norms[:, 0] <= 1e-4
    np.divide(centred, norms, out=centred, where=~tiny[:, None])
    centred[tiny] = 0.0
    return centred
