"""Quotes: the words inside quotation marks; a reworded quote pairs with its most similar quote.

A quote dropped on one side is shown against the other side's unquoted words that repeat it
(indirect speech), where there are such words.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from viewer.engine.facts.base import PLAIN_WORD_RE, Item, LazyPattern, TextFacts, surface, unmatched
from viewer.engine.model import Fact, FactType

# Two quotes are one quote reworded when their words match at least this well (difflib ratio).
QUOTE_PAIR_RATIO = 0.5
# Unquoted words repeat a quote when they hold this share of its words (indirect speech shifts
# pronouns and tenses: "we are" -> "they were") ...
INDIRECT_SHARE = 0.5
# ... spread over at most this many times its length.
INDIRECT_SPREAD = 2

_QUOTE_SINGLE_RE = LazyPattern(r"(?:^|(?<=[\s(\[]))'(?=\w)((?:[^'\n]|(?<=\w)'(?=\w))+?)(?<=[\w.,!?])'(?!\w)")


def extract(text: str, folded: str) -> tuple[tuple[Item, ...], list[tuple[int, int]]]:
    """The quotations of a text (words inside double or single quotation marks), and their spans."""
    spans = []
    marks = [i for i, c in enumerate(folded) if c == '"'] if '"' in folded else []
    for i in range(0, len(marks), 2):
        start = marks[i]
        # An unclosed quote runs to the end: a quotation that continues in the next paragraph.
        end = marks[i + 1] + 1 if i + 1 < len(marks) else len(folded)
        spans.append((start, end))
    for m in _QUOTE_SINGLE_RE.finditer(folded) if "'" in folded else ():
        if not any(s <= m.start() < e for s, e in spans):
            spans.append(m.span())
    if not spans:
        return (), spans
    spans.sort()
    items = []
    for start, end in spans:
        words = tuple(w.lower() for w in PLAIN_WORD_RE.findall(folded, start, end))
        if words:
            items.append(Item(words, surface(text, start, end), start, end))
    return tuple(items), spans


def diff(a: TextFacts, b: TextFacts) -> list[Fact]:
    """Quotes reworded, dropped or added; a dropped quote shows the words that repeat it indirectly."""
    left_a, left_b = unmatched(a.quotes, b.quotes)
    if not left_a and not left_b:
        return []
    # Reworded quotes: pair the most similar first.
    scored = sorted(
        ((SequenceMatcher(None, qa.key, qb.key, autojunk=False).ratio(), i, j)
         for i, qa in enumerate(left_a) for j, qb in enumerate(left_b)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    partner_of_a: dict[int, int] = {}
    taken_b: set[int] = set()
    for ratio, i, j in scored:
        if ratio < QUOTE_PAIR_RATIO:
            break
        if i not in partner_of_a and j not in taken_b:
            partner_of_a[i] = j
            taken_b.add(j)
    facts = []
    for i, qa in enumerate(left_a):
        if i in partner_of_a:
            facts.append(Fact(FactType.QUOTE, qa.surface, left_b[partner_of_a[i]].surface))
        else:
            facts.append(Fact(FactType.QUOTE, qa.surface, _unquoted_survivor(qa, b)))
    for j, qb in enumerate(left_b):
        if j not in taken_b:
            facts.append(Fact(FactType.QUOTE, _unquoted_survivor(qb, a), qb.surface))
    return facts


def _unquoted_survivor(quote: Item, other: TextFacts) -> str:
    """The other side's unquoted words that repeat the quote (indirect speech), or ""."""
    words = quote.key
    unquoted = _unquoted(other.folded, other.quote_spans)
    if len(words) < 3 or not unquoted:
        return ""
    other_words = [w for w, _, _ in unquoted]
    matcher = SequenceMatcher(None, words, other_words, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    matched = sum(blk.size for blk in blocks)
    if matched < max(2, INDIRECT_SHARE * len(words)):
        return ""
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size
    if last - first > INDIRECT_SPREAD * len(words):
        return ""
    return surface(other.text, unquoted[first][1], unquoted[last - 1][2])


@lru_cache(maxsize=1024)
def _unquoted(folded: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[str, int, int], ...]:
    """The words outside quotation marks, with their spans (only needed for indirect speech)."""
    return tuple(
        (m.group().lower(), m.start(), m.end())
        for m in PLAIN_WORD_RE.finditer(folded)
        if not any(s <= m.start() < e for s, e in spans)
    )
