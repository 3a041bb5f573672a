"""Collate N versions into rows of corresponding sentences.

Every base sentence heads one row (base sentences joined by a link in any pair share a row), and
each other version's linked sentences sit in the row of their base sentences. Sentences a version
adds get rows of their own, placed after that version's previous sentence; an added sentence that
matches one another version added (in order, by the same similarity) joins that row instead, so
text that several versions share but the base lacks sits on one row.
"""
from __future__ import annotations

from collections.abc import Sequence

from viewer.engine.align import best_chain
from viewer.engine.model import Pair, Row, Version
from viewer.engine.params import Params
from viewer.engine.scoring import Scorer, logit


class _Row:
    __slots__ = ("cells", "after", "owner")

    def __init__(self, versions: int, owner: int | None):
        self.cells: list[list[int]] = [[] for _ in range(versions)]
        self.after: list[_Row] = []  # rows inserted right after this one, in order
        self.owner = owner  # the version that added this row's sentence (None: a base row)


def collate(
    versions: Sequence[Version], base: int, pairs: Sequence[Pair], params: Params = Params(), embedder=None
) -> tuple[Row, ...]:
    """Rows of corresponding sentences across all versions (each sentence in exactly one row)."""
    count = len(versions)
    group_of = _base_groups(len(versions[base].sentences), pairs)
    base_rows: dict[int, _Row] = {}
    top: list[_Row] = []
    for i in range(len(versions[base].sentences)):
        root = group_of[i]
        if root not in base_rows:
            base_rows[root] = _Row(count, None)
            top.append(base_rows[root])
        base_rows[root].cells[base].append(i)

    head = _Row(count, None)  # holds rows placed before every base row
    for pair in pairs:
        v = pair.b
        row_of: dict[int, _Row] = {}
        for link in pair.links:
            row = base_rows[group_of[link.a[0]]]
            for j in link.b:
                row.cells[v].append(j)
                row_of[j] = row
        _place_unlinked(versions, v, pair, row_of, head, top, params, embedder)

    rows = [r for r in _flatten(head, top) if any(r.cells)]
    return tuple(Row(tuple(tuple(sorted(c)) for c in r.cells)) for r in rows)


def _base_groups(n: int, pairs: Sequence[Pair]) -> list[int]:
    """Union-find over base sentences that some link holds together; returns each one's root."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        for link in pair.links:
            for i in link.a[1:]:
                parent[find(i)] = find(link.a[0])
    return [find(i) for i in range(n)]


def _place_unlinked(versions, v, pair, row_of, head, top, params, embedder) -> None:
    version = versions[v]
    added = set(pair.added)
    matched = _match_earlier_additions(versions, v, list(pair.added), head, top, params, embedder)
    position = {id(row): k for k, row in enumerate(top)}
    position[id(head)] = -1
    anchor = head
    for j in range(len(version.sentences)):
        if j in row_of:
            anchor = row_of[j]
            continue
        if j in matched:
            row = matched[j]
        else:
            # Go past the base sentences this version omits here: deletions before insertions.
            k = position.get(id(anchor))
            if k is not None:
                while k + 1 < len(top) and not top[k + 1].cells[v]:
                    k += 1
                anchor = top[k] if k >= 0 else head
            row = _Row(len(versions), v if j in added else None)
            anchor.after.append(row)
        row.cells[v].append(j)
        row_of[j] = row
        anchor = row


def _match_earlier_additions(versions, v, added, head, top, params, embedder) -> dict[int, _Row]:
    """Pair this version's added sentences with rows other versions added, in order."""
    earlier = [r for r in _flatten(head, top) if r.owner is not None and r.owner != v and not r.cells[v]]
    if not earlier or not added:
        return {}
    texts_earlier = [" ".join(versions[r.owner].sentence_text(k) for k in r.cells[r.owner]) for r in earlier]
    texts_added = [versions[v].sentence_text(j) for j in added]
    scorer = Scorer(texts_earlier, texts_added, params, embedder)
    everything = (0, len(texts_earlier), 0, len(texts_added))
    scorer.prepare([everything])
    evidence = scorer.block(*everything)
    return {added[j]: earlier[i] for i, j in best_chain(evidence, logit(params.collate_threshold))}


def _flatten(head: _Row, top: list[_Row]) -> list[_Row]:
    out: list[_Row] = []
    stack = [head] if not top else [head, *top]
    # Depth-first: a row, then whatever was inserted after it.
    pending = list(reversed(stack))
    while pending:
        row = pending.pop()
        out.append(row)
        pending.extend(reversed(row.after))
    return out
