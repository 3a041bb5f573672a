"""Collate N versions into rows of corresponding sentences.

Three promises, whatever links the pairwise alignments hold (their in-order chains are monotone
per pair, but links found later from context, neighbours or merges may cross, and each pair
orders the base rows its own way):

1. Every version's column reads top to bottom in its own order; only a sentence in a link marked
   ``moved`` breaks it, sitting level with its base sentence.
2. A row never holds sentences that are not linked: on a base row every other sentence is linked
   to a base sentence of that row; a row the base lacks holds one sentence, or sentences of
   several versions that share their content.
3. Every sentence of every version sits in exactly one row.

Base sentences head rows in base order; a row holds several base sentences only where one link
holds neighbours together, so the base column stays in order. Each other version keeps on the
base rows the largest set of its linked sentences whose rows run down in its own order (a
weighted longest increasing subsequence); a linked sentence that would break that order gets a
row of its own, as an added sentence does. Rows of one's own go between the version's neighbours
on base rows, after the base rows it omits there; one that shares its content with a sentence
another version put in the same stretch joins that row instead (matched in order), so text that
several versions share but the base lacks sits on one row.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from viewer.engine.chain import best_chain
from viewer.engine.model import Pair, Row, Sentence, Version
from viewer.engine.params import Params
from viewer.engine.scoring import Scorer, logit

_WORD = re.compile(r"[\w']+")


class _Row:
    __slots__ = ("cells", "owner", "first")

    def __init__(self, versions: int, owner: int | None = None, first: int = -1):
        self.cells: list[list[int]] = [[] for _ in range(versions)]
        # The version whose sentence ``first`` opened this row (None: a base row, or a row that
        # no other version may join, such as page furniture).
        self.owner = owner
        self.first = first


def collate(
    versions: Sequence[Version], base: int, pairs: Sequence[Pair], params: Params = Params(), embedder=None
) -> tuple[Row, ...]:
    """Rows of corresponding sentences across all versions (each sentence in exactly one row).

    Every column reads in its version's order except sentences of moved links; a row with base
    sentences holds only sentences linked to one of them.
    """
    count = len(versions)
    row_of_base = _base_row_numbers(versions[base].sentences, pairs)
    base_rows = [_Row(count) for _ in range(row_of_base[-1] + 1 if row_of_base else 0)]
    for i, r in enumerate(row_of_base):
        base_rows[r].cells[base].append(i)
    rows = list(base_rows)
    words = _ContentWords(versions, params.collate_shared_words)
    covered = {pair.b for pair in pairs} | {base}
    # A version without a pair has nothing linked: all of it goes on rows of its own.
    missing = [Pair(base, v, (), (), tuple(range(len(versions[v].sentences))))
               for v in range(count) if v not in covered]
    for pair in (*pairs, *missing):
        rows = _place_version(versions, pair, rows, base_rows, row_of_base, words, params, embedder)
    return tuple(Row(tuple(tuple(sorted(cell)) for cell in row.cells)) for row in rows if any(row.cells))


def _base_row_numbers(sentences: Sequence[Sentence], pairs: Sequence[Pair]) -> list[int]:
    """The row number of each base sentence: neighbours that one link holds together share a row,
    with the page furniture between them.

    Only neighbours: a link holding base sentences 3 and 7 cannot pull 7 up beside 3 without
    breaking the base's order, so its sentences stay on their rows and the other side picks one.
    """
    n = len(sentences)
    joined = [False] * n  # joined[i]: sentence i shares the row of sentence i - 1
    for pair in pairs:
        for link in pair.links:
            held = sorted(i for i in link.a if 0 <= i < n)
            for first, last in zip(held, held[1:]):
                if all(sentences[k].furniture for k in range(first + 1, last)):
                    joined[first + 1:last + 1] = [True] * (last - first)
    numbers, r = [], -1
    for i in range(n):
        if not joined[i]:
            r += 1
        numbers.append(r)
    return numbers


def _place_version(versions, pair, rows, base_rows, row_of_base, words, params, embedder) -> list[_Row]:
    """Put every sentence of version ``pair.b`` into ``rows``; returns the new list of rows."""
    v = pair.b
    version = versions[v]
    n_base = len(row_of_base)
    link_of: dict = {}
    for link in pair.links:
        if any(0 <= i < n_base for i in link.a):
            for j in link.b:
                link_of.setdefault(j, link)
    inside = _furniture_inside(version.sentences, link_of)

    # Runs of consecutive sentences that one base row can hold together (a split sentence's
    # halves); moved sentences take no part in the order, so they do not end a run.
    units: list[tuple[list[int], set[int], float]] = []
    is_open = False
    for j in range(len(version.sentences)):
        link = link_of.get(j)
        if j in inside:
            # Page furniture between two sentences of one link stays between them.
            members, shared, score = units[-1]
            units[-1] = (members + [j], shared, score)
            continue
        if link is None:
            is_open = False
            continue
        candidates = {row_of_base[i] for i in link.a if 0 <= i < n_base}
        if link.moved:
            base_rows[min(candidates)].cells[v].append(j)
            continue
        if is_open and candidates & units[-1][1]:
            members, shared, score = units[-1]
            units[-1] = (members + [j], candidates & shared, score + link.score)
        else:
            units.append(([j], candidates, link.score))
        is_open = True

    kept = _heaviest_increasing(units)
    anchor_of: dict[int, int] = {}  # sentence -> base row number, for sentences kept on base rows
    for (members, _, _), r in zip(units, kept):
        if r is not None:
            for j in members:
                anchor_of[j] = r
                base_rows[r].cells[v].append(j)

    # The stretches between consecutive kept sentences, with this version's own sentences there.
    position = {id(row): k for k, row in enumerate(rows)}
    stretches: list[tuple[int, int, list[int]]] = []  # (first row position, end position, sentences)
    start, own = 0, []
    for j in range(len(version.sentences)):
        if j in anchor_of:
            end = position[id(base_rows[anchor_of[j]])]
            if own:
                stretches.append((start, end, own))
            start, own = end + 1, []
        elif not (j in link_of and link_of[j].moved):
            own.append(j)
    if own:
        stretches.append((start, len(rows), own))

    matches = _match_in_stretches(versions, v, rows, stretches, words, params, embedder)
    before: dict[int, list[_Row]] = {}  # new rows to insert before position k
    for (_, end, own), matched in zip(stretches, matches):
        # Row positions of the matches, in this version's order (best_chain keeps both in order).
        landmarks = [matched[j] for j in own if j in matched] + [end]
        next_landmark = 0
        for j in own:
            if j in matched:
                rows[matched[j]].cells[v].append(j)
                next_landmark += 1
                continue
            # Before the next matched row, else at the stretch's end: after the base rows this
            # version omits there (deletions before insertions), and in this version's order.
            at = landmarks[next_landmark]
            furniture = version.sentences[j].furniture
            row = _Row(len(versions), None if furniture else v, j)
            row.cells[v].append(j)
            before.setdefault(at, []).append(row)
    if not before:
        return rows
    out: list[_Row] = []
    for k, row in enumerate(rows):
        out += before.get(k, ())
        out.append(row)
    out += before.get(len(rows), ())
    return out


def _furniture_inside(sentences: Sequence[Sentence], link_of: dict) -> set[int]:
    """Page furniture lying between two sentences of one in-order link, and nothing else between them."""
    inside: set[int] = set()
    previous = None  # the link of the last sentence that is not furniture
    run: list[int] = []
    for j, sentence in enumerate(sentences):
        if sentence.furniture:
            run.append(j)
            continue
        link = link_of.get(j)
        if run and link is not None and link is previous and not link.moved:
            inside.update(run)
        previous, run = link, []
    return inside


def _heaviest_increasing(units: list[tuple[list[int], set[int], float]]) -> list[int | None]:
    """For each unit the base row it keeps, or None: the heaviest chain of units whose rows strictly
    increase, weighed by sentences kept, then by link score (a Fenwick tree of prefix maxima)."""
    if not units:
        return []
    size = max(r for _, candidates, _ in units for r in candidates) + 1
    empty = ((0, 0.0), -1, -1)
    tree = [empty] * (size + 1)  # best (weight, unit, row) over rows below an index

    def best_below(r: int):
        found = empty
        while r > 0:
            if tree[r][0] > found[0]:
                found = tree[r]
            r -= r & -r
        return found

    def offer(r: int, entry) -> None:
        r += 1
        while r <= size:
            if entry[0] > tree[r][0]:
                tree[r] = entry
            r += r & -r

    back: dict[tuple[int, int], tuple[int, int]] = {}
    best = empty
    for u, (members, candidates, score) in enumerate(units):
        # All of a unit's candidates read the tree before any is written: a unit keeps one row.
        entries = []
        for r in sorted(candidates):
            (weight, score_before), pu, pr = best_below(r)
            entry = ((weight + len(members), score_before + score), u, r)
            back[(u, r)] = (pu, pr)
            entries.append(entry)
        for entry in entries:
            offer(entry[2], entry)
            if entry[0] > best[0]:
                best = entry
    kept: list[int | None] = [None] * len(units)
    u, r = best[1], best[2]
    while u >= 0:
        kept[u] = r
        u, r = back[(u, r)]
    return kept


def _match_in_stretches(versions, v, rows, stretches, words, params, embedder) -> list[dict[int, int]]:
    """Per stretch, this version's sentences that join a row another version opened there: sentence -> row
    position. In order (best_chain), at ``params.collate_threshold`` and sharing content words."""
    version = versions[v]
    out: list[dict[int, int]] = [{} for _ in stretches]
    # Only stretches where some pair shares content words are scored: most have none.
    scored = []  # (stretch number, row positions, sentences, (i, j) pairs allowed to share a row)
    for number, (start, end, own) in enumerate(stretches):
        candidates = [k for k in range(start, end) if rows[k].owner is not None]
        own = [j for j in own if not version.sentences[j].furniture]
        if candidates and own:
            allowed = words.sharing([rows[k] for k in candidates], v, own)
            if allowed:
                # Only the rows some sentence may join are scored: the others of the stretch
                # (every earlier version's additions there) would make collation grow as N^2.
                near = sorted({i for i, _ in allowed})
                renumber = {i: k for k, i in enumerate(near)}
                allowed = {(renumber[i], j) for i, j in allowed}
                scored.append((number, [candidates[i] for i in near], own, allowed))
    if not scored:
        return out
    texts_rows, texts_own, blocks = [], [], []
    for _, candidates, own, _ in scored:
        a0, b0 = len(texts_rows), len(texts_own)
        texts_rows += [versions[rows[k].owner].sentence_text(rows[k].first) for k in candidates]
        texts_own += [version.sentence_text(j) for j in own]
        blocks.append((a0, len(texts_rows), b0, len(texts_own)))
    scorer = Scorer(texts_rows, texts_own, params, embedder)
    scorer.prepare(blocks)
    least = logit(params.collate_threshold)
    for (number, candidates, own, allowed), block in zip(scored, blocks):
        evidence = np.full((len(candidates), len(own)), least - 1.0)
        i, j = np.array(sorted(allowed)).T
        evidence[i, j] = scorer.block(*block)[i, j]
        out[number] = {own[j]: candidates[i] for i, j in best_chain(evidence, least)}
    return out


class _ContentWords:
    """Lowercased words longer than three letters of each sentence, made once."""

    def __init__(self, versions: Sequence[Version], least_shared: float):
        self.versions = versions
        self.least_shared = least_shared  # least Jaccard share of content words (Params.collate_shared_words)
        self.cache: dict[tuple[int, int], frozenset[str]] = {}

    def of(self, v: int, j: int) -> frozenset[str]:
        key = (v, j)
        found = self.cache.get(key)
        if found is None:
            text = self.versions[v].sentence_text(j).lower()
            found = self.cache[key] = frozenset(w for w in _WORD.findall(text) if len(w) > 3)
        return found

    def sharing(self, rows: list[_Row], v: int, own: list[int]) -> set[tuple[int, int]]:
        """The (row, sentence) index pairs whose sentence shares enough content words with every
        sentence of the row (an index of the rows' first words finds the few worth a look)."""
        index: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            for word in self.of(row.owner, row.first):
                index.setdefault(word, []).append(i)
        out = set()
        for j, sentence in enumerate(own):
            mine = self.of(v, sentence)
            near = {i for word in mine for i in index.get(word, ())}
            out.update((i, j) for i in near if self._shares(rows[i], mine))
        return out

    def _shares(self, row: _Row, mine: frozenset[str]) -> bool:
        for w, cell in enumerate(row.cells):
            for k in cell:
                theirs = self.of(w, k)
                shared = len(mine & theirs)
                if not shared or shared < self.least_shared * len(mine | theirs):
                    return False
        return True
