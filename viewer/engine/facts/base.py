"""What the per-type modules share: a fact item with its key and span, a text's facts, pairing.

Each text is reduced to lists of items with a comparison key; items whose keys match on both sides
are unchanged, the rest are paired in order of appearance or reported as dropped or added.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from viewer.engine.model import Fact

# How far back the word before a match is looked for: a few words, past spaces and hyphens.
LOOK_BACK = 30

# Typographic variants folded one character for one, so spans stay valid in the original text.
FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u2013": "-", "\u2014": "-",
    "\u2212": "-",
    # Letters the patterns' IGNORECASE matches as ASCII ones (long s, dotless i, Kelvin sign, dotted
    # capital I): folded, so that a word matched is also one the word tables know.
    "\u017f": "s", "\u0131": "i", "\u212a": "K", "\u0130": "I",
})


class Item(NamedTuple):
    """One fact found in a text: its comparison key, its words as written, its span."""

    key: object
    surface: str
    start: int
    end: int


class LazyPattern:
    """A regular expression compiled on its first use, once: start-up pays only for the patterns
    that a run reads (most wait for a digit or a trigger word), not for all of them."""

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        # Reached only before the first use: the compiled pattern's methods then become this
        # object's own attributes, found without this call.
        compiled = re.compile(*self._source)
        for attribute in ("match", "search", "finditer", "findall", "fullmatch", "sub", "split", "pattern", "flags"):
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


DIGITS_RE = re.compile(r"[0-9]+")
_PREVIOUS_TOKEN_RE = re.compile(r"(\w+(?:'\w+)?)\s+$")
DIGIT_CHAR_RE = re.compile(r"\d")
_PREVIOUS_WORD_RE = re.compile(r"([A-Za-z]+)[\s-]*$")
# The first run of letters is possessive ("++"): a dotted word needs all of it before its dot, so
# giving letters back could never match and only cost time.
WORD_RE = re.compile(r"[^\W\d_]++(?:\.[^\W\d_]+)+\.?|[^\W\d_](?:[\w'\-]*[^\W_])?")
PLAIN_WORD_RE = re.compile(r"\w+(?:'\w+)*")


# Upper-case ASCII letters to lower case, every other byte to a space (``ascii_words``).
_LETTER_RUNS = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))


def ascii_words(folded: str) -> frozenset[str] | None:
    """The runs of letters of an ASCII text, lower-cased; None for any other text.

    A pattern that needs a whole word ("\\bsaid\\b", in any case) cannot match an ASCII text whose
    runs lack that word, so its scan may be skipped. Outside ASCII no test is made: other letters
    stand inside words there, and the letters that match ASCII ones ignoring case (a long s) are
    folded only where ``FOLD`` was applied.
    """
    if not folded.isascii():
        return None
    return frozenset(folded.encode().translate(_LETTER_RUNS).decode().split())


def may_hold(runs: frozenset[str] | None, words) -> bool:
    """False only where ``runs`` (``ascii_words``) proves that none of ``words`` stands in the text."""
    return runs is None or not runs.isdisjoint(words)


def word_starts(folded: str, runs: frozenset[str], words) -> list[int]:
    """Every place where one of ``words`` that is among ``runs`` (the ``ascii_words`` of ``folded``)
    starts, inside other words too: a superset of where those words stand."""
    lower = folded.lower()
    starts = set()
    for word in runs.intersection(words):
        i = lower.find(word)
        while i >= 0:
            starts.add(i)
            i = lower.find(word, i + 1)
    return sorted(starts)


def matches_at(pattern: re.Pattern, text: str, starts) -> list[re.Match]:
    """``pattern.finditer(text)`` where every match can only begin at one of ``starts`` (ascending):
    the pattern is tried there alone instead of at every position. For patterns without empty matches."""
    found = []
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m:
                found.append(m)
                end = m.end()
    return found


def canonical(text: str) -> str:
    """The text as compared for "nothing changed": typography folded, whitespace collapsed."""
    return " ".join((text if text.isascii() else text.translate(FOLD)).split())


class TextFacts(NamedTuple):
    """Every fact of one text, by type, with what the comparisons look up in it."""

    text: str
    folded: str
    numbers: tuple[Item, ...]
    dates: tuple[Item, ...]
    names: tuple[Item, ...]
    quotes: tuple[Item, ...]
    attributions: tuple[Item, ...]
    hedges: tuple[Item, ...]
    copulas: tuple[Item, ...]
    negations: tuple[Item, ...]
    words: frozenset[str]
    quote_spans: tuple[tuple[int, int], ...]


def make_item(text: str, match: re.Match, key: object, group: int | str = 0) -> Item:
    """An item for a match (or one of its groups) with ``key``."""
    start, end = match.span(group)
    return Item(key, surface(text, start, end), start, end)


def surface(text: str, start: int, end: int) -> str:
    """The words of ``text[start:end]`` with their whitespace collapsed, as a reader sees them."""
    return " ".join(text[start:end].split())


def unmatched(items_a, items_b) -> tuple[list[Item], list[Item]]:
    """The items of each side whose key the other side lacks, counting repeats."""
    if [item.key for item in items_a] == [item.key for item in items_b]:
        return [], []  # the common case: nothing of this type changed
    count_a = Counter(item.key for item in items_a)
    count_b = Counter(item.key for item in items_b)
    left_a = [item for item in items_a if _take(count_b, item.key)]
    left_b = [item for item in items_b if _take(count_a, item.key)]
    return left_a, left_b


def _take(counts: Counter, key) -> bool:
    """True when ``key`` has no counterpart left in ``counts`` (else use one up)."""
    if counts[key] > 0:
        counts[key] -= 1
        return False
    return True


def facts_from(fact_type: str, left_a, left_b, fact=None) -> list[Fact]:
    """The items paired in order; what one side has over is dropped or added."""
    if not left_a and not left_b:
        return []
    fact = fact or (lambda x, y: Fact(fact_type, x.surface, y.surface))
    facts = [fact(x, y) for x, y in zip(left_a, left_b, strict=False)]
    facts += [Fact(fact_type, x.surface, "") for x in left_a[len(left_b):]]
    facts += [Fact(fact_type, "", y.surface) for y in left_b[len(left_a):]]
    return facts


def blank(text: str, items: list[Item]) -> str:
    """``text`` with the items blanked out, so that a later scan does not read them again."""
    if not items:
        return text
    chars = list(text)
    for item in items:
        chars[item.start:item.end] = " " * (item.end - item.start)
    return "".join(chars)


def previous_word(text: str, start: int) -> str:
    """The word (letters only) just before ``start``, lower-cased, or ""."""
    m = _PREVIOUS_WORD_RE.search(text, max(0, start - LOOK_BACK), start)
    return m.group(1).lower() if m else ""


def pair_alike(fact_type: str, left_a: list[Item], left_b: list[Item], distance, fact=None) -> list[Fact]:
    """Alike items paired first (``_close_pairs``); between those pairs the rest pair in order."""
    if not left_a or not left_b:
        return facts_from(fact_type, left_a, left_b)
    facts = []
    done_a = done_b = 0
    for i, j in [*_close_pairs(left_a, left_b, distance), (len(left_a), len(left_b))]:
        facts += facts_from(fact_type, left_a[done_a:i], left_b[done_b:j], fact)
        if i < len(left_a):
            facts += facts_from(fact_type, left_a[i:i + 1], left_b[j:j + 1], fact)
        done_a, done_b = i + 1, j + 1
    return facts


def _close_pairs(left_a: list[Item], left_b: list[Item], distance) -> list[tuple[int, int]]:
    """The most pairs with a distance that keep their order on both sides, closest first (a tiny LCS)."""
    n, m = len(left_a), len(left_b)
    cost = [[distance(x, y) for y in left_b] for x in left_a]
    # best[i][j]: (pairs, -total distance) over left_a[i:], left_b[j:]
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1])
            if cost[i][j] is not None:
                count, closeness = best[i + 1][j + 1]
                best[i][j] = max(best[i][j], (count + 1, closeness - cost[i][j]))
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        after = best[i + 1][j + 1]
        if cost[i][j] is not None and best[i][j] == (after[0] + 1, after[1] - cost[i][j]):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def starts_sentence(folded: str, start: int) -> bool:
    """At the start of a sentence, a quote or a bracket, or after a dash (a dateline ends in one)."""
    i = start - 1
    while i >= 0 and folded[i] in " \t\r":
        i -= 1
    return i < 0 or folded[i] in ".!?:;\n\"'([-"


@lru_cache(maxsize=1024)
def word_spans(folded: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The lower-cased words of a folded text and where each starts."""
    matches = list(PLAIN_WORD_RE.finditer(folded))
    return tuple(m.group().lower() for m in matches), tuple(m.start() for m in matches)


def word_range(starts: tuple[int, ...], item: Item) -> tuple[int, int]:
    """The range of word indexes (from ``word_spans``) that an item covers."""
    return bisect_right(starts, item.start) - 1, bisect_left(starts, item.end)


def previous_token(before: str) -> str:
    """The word just before, with "didn't" read as "not"."""
    m = _PREVIOUS_TOKEN_RE.search(before)
    if not m:
        return ""
    token = m.group(1).lower()
    return "not" if token.endswith("n't") else token
