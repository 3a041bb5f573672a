"""Promises a comparison keeps for any input, checked from the outside.

Used by the tests and by ``benchmarks/fuzz.py``; each check returns ``(kind, detail)`` pairs, an
empty list when the promise holds. The kinds name the promise broken.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from viewer.engine.model import Comparison, Pair, Row, Version
from viewer.engine.worddiff import rebuild

Violation = tuple[str, str]

_SPACE = re.compile(r"\s*")
_WORD = re.compile(r"[\w']+")


def violations(comparison: Comparison, least_shared: float = 0.2) -> list[Violation]:
    """Every broken promise of a comparison: its pairs, then its rows."""
    versions = comparison.versions
    found: list[Violation] = []
    for pair in comparison.pairs:
        found += pair_violations(versions[pair.a], versions[pair.b], pair)
    return found + collation_violations(versions, comparison.base, comparison.pairs, comparison.rows, least_shared)


def linked_text(version: Version, indices: Sequence[int]) -> str:
    """The sentences of one side of a link as its word ops read them: each with the whitespace after it."""
    out = []
    for k, i in enumerate(indices):
        sentence = version.sentences[i]
        out.append(version.text[sentence.start:sentence.end])
        if k + 1 < len(indices):
            stop = max(version.sentences[indices[k + 1]].start, sentence.end)
            out.append(_SPACE.match(version.text, sentence.end, stop).group())
    return "".join(out)


def pair_violations(a: Version, b: Version, pair: Pair) -> list[Violation]:
    """Links, omitted and added sentences share out the content sentences; word ops are sound."""
    found: list[Violation] = []
    for side, version, listed in (("a", a, pair.omitted), ("b", b, pair.added)):
        linked = [i for link in pair.links for i in getattr(link, side)]
        content = [i for i, s in enumerate(version.sentences) if not s.furniture]
        if sorted(linked + list(listed)) != content:
            found.append(("pair sentences", f"pair {pair.a}-{pair.b}: side {side} does not share out its content "
                                            f"sentences once each"))
    for link in pair.links:
        name = f"pair {pair.a}-{pair.b} link {list(link.a)}-{list(link.b)}"
        if not link.a or not link.b or list(link.a) != sorted(set(link.a)) or list(link.b) != sorted(set(link.b)):
            found.append(("link shape", name))
            continue
        last_a = last_b = 0
        for op in link.ops:
            inside = 0 <= op.a_start <= op.a_end <= len(a.text) and 0 <= op.b_start <= op.b_end <= len(b.text)
            shaped = op.tag in "=-+" and (op.tag != "-" or op.b_start == op.b_end) and (
                op.tag != "+" or op.a_start == op.a_end)
            if not inside or not shaped or op.a_start < last_a or op.b_start < last_b:
                found.append(("op spans", f"{name}: {op}"))
                break
            last_a, last_b = op.a_end, op.b_end
        else:
            if rebuild(a.text, b.text, link.ops) != (linked_text(a, link.a), linked_text(b, link.b)):
                found.append(("ops rebuild", name))
    return found


def collation_violations(
    versions: Sequence[Version], base: int, pairs: Sequence[Pair], rows: Sequence[Row], least_shared: float = 0.2
) -> list[Violation]:
    """The three promises of ``collate``: each sentence on one row; every column in its version's
    order (sentences of moved links apart); a row holds only sentences linked to its base
    sentences (and the page furniture between two of them), or, without base sentences, one
    sentence of each version that share content words."""
    found: list[Violation] = []
    by_version = {pair.b: pair for pair in pairs}
    for r, row in enumerate(rows):
        if not any(row.cells):
            found.append(("empty row", f"row {r}"))
        if any(list(cell) != sorted(cell) for cell in row.cells):
            found.append(("cell order", f"row {r}"))
    for v, version in enumerate(versions):
        placed = [k for row in rows for k in row.cells[v]]
        if sorted(placed) != list(range(len(version.sentences))):
            found.append(("sentence placement", f"version {v}: not every sentence on exactly one row"))
        pair = by_version.get(v)
        moved = {j for link in pair.links if link.moved for j in link.b} if pair is not None else set()
        in_order = [k for k in placed if k not in moved]
        if in_order != sorted(in_order):
            found.append(("base order" if v == base else "version order", f"version {v} reads {in_order}"))
    for r, row in enumerate(rows):
        base_cell = set(row.cells[base])
        others = [(v, k) for v in range(len(versions)) if v != base for k in row.cells[v]]
        if base_cell:
            for v, k in others:
                if not _linked_here(versions[v], by_version.get(v), k, base_cell):
                    found.append(("unlinked on a base row", f"row {r}: version {v} sentence {k}"))
            continue
        members = [(v, cell) for v, cell in enumerate(row.cells) if cell]
        if any(len(cell) != 1 for _, cell in members):
            found.append(("several sentences on a row without base", f"row {r}"))
            continue
        words = [_content_words(versions[v].sentence_text(cell[0])) for v, cell in members]
        for x in range(len(words)):
            for y in range(x + 1, len(words)):
                union = words[x] | words[y]
                if not union or len(words[x] & words[y]) < least_shared * len(union):
                    found.append(("unrelated sentences share a row", f"row {r}"))
    return found


def _linked_here(version: Version, pair: Pair | None, k: int, base_cell: set[int]) -> bool:
    if pair is None:
        return False
    link = pair.link_of_b.get(k)
    if link is not None:
        return bool(base_cell & set(link.a))
    if not version.sentences[k].furniture:
        return False
    # Page furniture between two sentences of one link sits with them.
    return any(min(link.b) < k < max(link.b) and base_cell & set(link.a) for link in pair.links)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3}
