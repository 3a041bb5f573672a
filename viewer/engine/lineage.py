"""Lineage inside a story cluster: which version each version derives from.

Interface (used by ``storydiff batch`` and the reports; stable)::

    lineage(comparison, published=None, params=None) -> tuple[Derivation, ...]   # one per version, in order

    Derivation(version, parent, common_source, via, confidence, shared, shared_additions, reason)
      version           index into comparison.versions
      parent            index of the version it derives from; None = derives from nothing known
      common_source     True when it shares wording with ``via`` that neither got from a known
                        ancestor: both come from an unseen source (e.g. a later wire version)
      via               that sibling (None unless common_source)
      confidence        0..1 (for parent None: how sure it is that nothing known is its source)
      shared            its sentences on rows where the parent has sentences (0 without a parent)
      shared_additions  of those, sentences on rows where the base has none
      reason            one plain line

``published`` gives each version's publication time (ISO 8601 strings, None where unknown). A
version derives only from versions published before it; without times, version order is taken as
the order of publication (the CLI and the batch put the earliest first).

How: the collated rows say which sentences of two versions correspond. A version's *coverage* by
an earlier one is the share of its content words (stems) found in that version's sentences on the
same rows (or in a near-copy of the sentence anywhere in it), so an edit carried over counts for
the version that made it. The parent is the earlier
version covering it most (on a tie the earlier one: nothing shows it saw the later). Under
``Params.lineage_min_coverage`` it derives from nothing known. A common source is said when a
version shares sentences with another that neither its ancestors nor the base hold, or when it
keeps sentences its chosen parent dropped from the parent's own source while sharing the parent's
additions (it cannot have got both from the parent).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import chain
from pathlib import PurePath

from viewer.engine.model import Comparison
from viewer.engine.params import Params
from viewer.engine.similarity import content_stems


@dataclass(frozen=True)
class Derivation:
    """Where one version comes from (see the module docstring)."""

    version: int
    parent: int | None
    common_source: bool
    via: int | None
    confidence: float
    shared: int
    shared_additions: int
    reason: str


def lineage(comparison: Comparison, published: Sequence[str | None] | None = None,
            params: Params | None = None) -> tuple[Derivation, ...]:
    """One ``Derivation`` per version of ``comparison``, in version order."""
    params = params or comparison.params or Params()
    facts = _Facts(comparison, params)
    count = len(comparison.versions)
    order = _order(count, published)
    rank = {v: i for i, v in enumerate(order)}

    parents: dict[int, int | None] = {}
    closest: dict[int, int | None] = {}
    choice: dict[int, float] = {}
    for v in range(count):
        earlier = sorted((p for p in range(count) if rank[p] < rank[v]), key=rank.get)
        scored = sorted(((facts.coverage(v, p), -rank[p], p) for p in earlier), reverse=True)
        closest[v] = scored[0][2] if scored else None
        # max() keeps the earlier version on an exact tie (-rank is larger for it).
        if scored and scored[0][0] >= params.lineage_min_coverage:
            best = scored[0][0]
            second = scored[1][0] if len(scored) > 1 else 0.0
            parents[v] = scored[0][2]
            choice[v] = min(1.0, 0.5 + (best - second) / (2 * params.lineage_margin))
        else:
            parents[v] = None

    least = params.lineage_common_sentences
    via: dict[int, int] = {}
    # A version that keeps what its parent dropped from the parent's own source, and carries the
    # parent's additions too, got neither from the parent alone: both come from a fuller source.
    for v in sorted(range(count), key=rank.get):
        p = parents[v]
        if p is None or parents[p] is None:
            continue
        source = _ancestors(p, parents)
        kept = facts.rows_of(v, with_any=source, without=[p])
        carried = facts.rows_of(v, with_any=[p], without=source + [comparison.base])
        if facts.count(v, kept) >= least and facts.count(v, carried) >= least:
            parents[v] = source[0]
            via[v] = p
            choice[v] = 1.0
    # Wording two versions share that no ancestor of either (nor the base) holds: an unseen source.
    for v in range(count):
        if v in via:
            continue
        known = _ancestors(v, parents) + [comparison.base]
        best = (0, -count, None)
        for s in range(count):
            if s == v or s in known or v in _ancestors(s, parents):
                continue
            rows = facts.rows_of(v, with_any=[s], without=known)
            best = max(best, (facts.count(v, rows), -rank[s], s))
        if best[0] >= least:
            via[v] = best[2]

    return tuple(_derivation(v, parents[v], via.get(v), choice.get(v, 1.0), closest[v], facts, comparison)
                 for v in range(count))


def _order(count: int, published: Sequence[str | None] | None) -> list[int]:
    """Versions from earliest to latest: known times first, by time; version order otherwise."""
    if published is None:
        return list(range(count))
    if len(published) != count:
        raise ValueError(f"published has {len(published)} times for {count} versions")
    times = [_time(t, v) if t else None for v, t in enumerate(published)]
    return sorted(range(count), key=lambda v: (0, times[v], v) if times[v] else (1, 0.0, v))


def _time(text: str, version: int) -> float:
    """An ISO 8601 time as seconds since the epoch; a time without a zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"published time {text!r} of version {version} is not ISO 8601") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _ancestors(v: int, parents: dict[int, int | None]) -> list[int]:
    """Parent, grandparent, ... of ``v`` (nearest first)."""
    chain = []
    p = parents.get(v)
    while p is not None and p not in chain and p != v:
        chain.append(p)
        p = parents.get(p)
    return chain


class _Facts:
    """What the rows say about each version (content stems and sentences per row), with near-copies.

    Rows place a version's sentences by their links to the base, so two versions the base does not
    cover (an unrelated report and its copy) share rows only where both happen to link to the same
    base sentence. A sentence also counts as found in another version that holds a near-copy of it
    (content-stem Jaccard >= ``Params.lineage_same_sentence``), wherever that copy sits.
    """

    def __init__(self, comparison: Comparison, params: Params):
        self.comparison = comparison
        self.least = params.lineage_same_sentence
        self.row_words = params.lineage_row_words
        self.cells = params.lineage_copy_pairs
        count = len(comparison.versions)
        self.sentences: list[dict[int, int]] = [{} for _ in range(count)]   # row -> sentences
        # row -> its sentences' content stems. Versions repeat most sentences: each text is stemmed
        # once, and a row of one sentence holds that text's own tuple, shared by every version with it.
        self.stems: list[dict[int, tuple[str, ...]]] = [{} for _ in range(count)]
        self.each: list[list[tuple[int, tuple[str, ...]]]] = [[] for _ in range(count)]  # (row, stems) per sentence
        known: dict[str, tuple[str, ...]] = {}
        for v, version in enumerate(comparison.versions):
            text, spans = version.text, version.sentences
            sentences, by_row, each = self.sentences[v], self.stems[v], self.each[v]
            for r, row in enumerate(comparison.rows):
                group = []
                for i in row.cells[v]:
                    span = spans[i]
                    if span.furniture:
                        continue
                    sentence = text[span.start:span.end]
                    stems = known.get(sentence)
                    if stems is None:
                        stems = known[sentence] = content_stems(sentence)
                    group.append(stems)
                    each.append((r, stems))
                if group:
                    sentences[r] = len(group)
                    by_row[r] = group[0] if len(group) == 1 else tuple(s for stems in group for s in stems)
        self.words = [sum(map(len, rows.values())) for rows in self.stems]
        # Keyed by id() of two stem tuples above, which live as long as this object: a pair of texts
        # is compared once however many versions and rows hold it.
        self._common: dict[tuple[int, int], int] = {}
        self._sets: dict[int, list[tuple[int, frozenset]]] = {}
        self._index: dict[int, tuple[set[frozenset], dict[str, list[frozenset]]]] = {}
        self._nearest: dict[int, dict[frozenset, tuple[float, int]]] = {}
        self._overlap: dict[tuple[int, int], dict[int, int]] = {}
        self._coverage: dict[tuple, float] = {}
        self._copies: dict[tuple[int, int], dict[int, int]] = {}
        self._matched: dict[tuple[int, int], set[int]] = {}

    def sets(self, v: int) -> list[tuple[int, frozenset]]:
        """(row, content stems as a set) per sentence of v."""
        if v not in self._sets:
            self._sets[v] = [(r, frozenset(stems)) for r, stems in self.each[v]]
        return self._sets[v]

    def nearest(self, stems: frozenset, p: int) -> tuple[float, int]:
        """(Jaccard, shared stems) of the sentence of p closest to ``stems``; (0.0, 0) when none shares one."""
        if p not in self._index:
            held = {other for _, other in self.sets(p)}
            index: dict[str, list[frozenset]] = {}
            for other in held:
                for s in other:
                    index.setdefault(s, []).append(other)
            self._index[p] = held, index
        held, index = self._index[p]
        if stems and stems in held:  # a copy word for word: nothing can beat it
            return 1.0, len(stems)
        best = 0.0, 0
        # Only sentences sharing a stem can score: the stem index finds them without an all-pairs loop.
        for other, shared in Counter(chain.from_iterable(index[s] for s in stems if s in index)).items():
            best = max(best, (shared / (len(stems) + len(other) - shared), shared))
        return best

    def copies(self, v: int, p: int) -> dict[int, int]:
        """Rows of v holding sentences with a near-copy in p: row -> content stems they share."""
        if (v, p) not in self._copies:
            found: dict[int, int] = {}
            if len(self.each[v]) * len(self.each[p]) <= self.cells:  # a work bound: long texts keep to the rows
                closest = self._nearest.setdefault(p, {})
                for r, stems in self.sets(v):
                    best = closest.get(stems)
                    if best is None:
                        best = closest[stems] = self.nearest(stems, p)
                    if best[0] >= self.least:
                        found[r] = found.get(r, 0) + best[1]
            self._copies[(v, p)] = found
        return self._copies[(v, p)]

    def common(self, mine: tuple[str, ...], theirs: tuple[str, ...]) -> int:
        """How many of ``mine`` (counted with repeats) are in ``theirs``: the size of the multisets' intersection."""
        key = id(mine), id(theirs)
        if key not in self._common:
            distinct, other = set(mine), set(theirs)
            if len(distinct) == len(mine) or len(other) == len(theirs):  # a side without repeats: shared stems count once
                self._common[key] = len(distinct & other)
            else:
                counts, other_counts = Counter(mine), Counter(theirs)
                self._common[key] = sum(min(n, other_counts[s]) for s, n in counts.items() if s in other_counts)
        return self._common[key]

    def overlap(self, v: int, p: int) -> dict[int, int]:
        """Rows of v where p has content stems: row -> v's stems found among them (counted with repeats)."""
        if (v, p) not in self._overlap:
            # Stems in common are as many either way: both directions at once.
            found: dict[int, int] = {}
            back: dict[int, int] = {}
            theirs_by_row = self.stems[p]
            for r, mine in self.stems[v].items():
                theirs = theirs_by_row.get(r)
                if theirs is None:
                    continue
                # The usual case: the row's sentences kept word for word.
                n = len(mine) if mine is theirs or mine == theirs else self.common(mine, theirs)
                if theirs:
                    found[r] = n
                if mine:
                    back[r] = n
            self._overlap[(v, p)] = found
            self._overlap[(p, v)] = back
        return self._overlap[(v, p)]

    def matched(self, v: int, p: int) -> set[int]:
        """Rows of v where p's sentences hold some of its words, or where p has a near-copy of one."""
        if (v, p) not in self._matched:
            rows = set(self.copies(v, p))
            stems = self.stems[v]
            rows.update(r for r, found in self.overlap(v, p).items() if found >= self.row_words * len(stems[r]))
            self._matched[(v, p)] = rows
        return self._matched[(v, p)]

    def coverage(self, v: int, p: int, also: int | None = None) -> float:
        """Share of v's content words found in p's (or ``also``'s) corresponding sentences."""
        key = (v, p) if also is None else (v, p, also)
        if key not in self._coverage:
            # Per row of v, the most found: on p's sentences there, or in near-copies anywhere in p.
            best = dict(self.overlap(v, p))
            others = [self.copies(v, p)]
            if also is not None:
                others += [self.overlap(v, also), self.copies(v, also)]
            for found_in in others:
                for r, n in found_in.items():
                    if n > best.get(r, 0):
                        best[r] = n
            self._coverage[key] = sum(best.values()) / self.words[v] if self.words[v] else 0.0
        return self._coverage[key]

    def rows_of(self, v: int, with_any: Sequence[int], without: Sequence[int]) -> list[int]:
        """Rows of v matched in one of ``with_any`` and in none of ``without``."""
        given = set().union(*(self.matched(v, q) for q in with_any))
        gone = set().union(*(self.matched(v, q) for q in without))
        return sorted(given - gone)

    def count(self, v: int, rows) -> int:
        """v's sentences on ``rows``."""
        return sum(self.sentences[v][r] for r in rows)


def _derivation(v: int, parent: int | None, via: int | None, choice: float, best: int | None, facts: _Facts,
                comparison: Comparison) -> Derivation:
    names = [PurePath(version.name).stem or version.name for version in comparison.versions]
    base = comparison.base
    own = sum(facts.sentences[v].values())
    if parent is None:
        share = facts.coverage(v, best) if best is not None else 0.0
        if via is not None:
            rows = facts.rows_of(v, with_any=[via], without=[base])
            reason = (f"shares {facts.count(v, rows)} sentences with {names[via]} that {names[base]} lacks, "
                      f"and little else with an earlier version: a common source with {names[via]}")
            confidence = facts.coverage(v, via)
        elif best is None:
            reason, confidence = "the earliest version: nothing known came before it", 1.0
        elif share == 0.0:
            reason, confidence = "shares no wording with another version: derives from nothing known", 1.0
        else:
            reason = (f"only {share:.0%} of its wording is found in {names[best]}, its closest earlier version: "
                      f"its own report")
            confidence = 1.0 - share
        shared = shared_additions = 0
        if via is not None:
            shared = facts.count(v, facts.rows_of(v, with_any=[via], without=[]))
            shared_additions = facts.count(v, facts.rows_of(v, with_any=[via], without=[base]))
        return Derivation(v, None, via is not None, via, round(confidence, 3), shared, shared_additions,
                          reason)
    shared_rows = facts.rows_of(v, with_any=[parent], without=[])
    shared = facts.count(v, shared_rows)
    shared_additions = facts.count(v, facts.rows_of(v, with_any=[parent], without=[base]))
    parent_sentences = sum(facts.sentences[parent].values())
    kept = facts.count(parent, facts.matched(parent, v))
    share = facts.coverage(v, parent)
    reason = (f"keeps {kept} of {names[parent]}'s {parent_sentences} sentences ({share:.0%} of its wording "
              f"is {names[parent]}'s) and adds {own - shared} of its own")
    if via is None:
        confidence = share * choice
    else:
        unseen = facts.rows_of(v, with_any=[via], without=[parent, base])
        reason += (f"; shares {facts.count(v, unseen)} sentences with {names[via]} that {names[parent]} lacks: "
                   f"both come from a source later than {names[parent]}")
        confidence = facts.coverage(v, parent, via)
    return Derivation(v, parent, via is not None, via, round(min(1.0, confidence), 3), shared, shared_additions,
                      reason)
