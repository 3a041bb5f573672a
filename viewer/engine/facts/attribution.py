"""Attribution: who asserts a claim and with which reporting verb.

"say", "tell", "add", "write", "note" and "according to" are neutral reporting and count as one
verb; any other verb ("state", "claim", "allege", "insist", "admit", "deny", "complain", ...)
says something about the speaker's stance and is flagged when it replaces or is replaced by
another. "did not say", "has not said", "claims to the land", "was announced" and "according to
estimates" (a hedge) are not attributions. A neutral attribution that names no new source is not
flagged: "according to Russian news reports" where the other side says "Russian news reports
showed", or a "she said" added to a quote that both sides carry or repeating a "said" the other
side has.
"""
from __future__ import annotations

import re

from viewer.engine.facts.base import (
    LazyPattern,
    PLAIN_WORD_RE,
    Item,
    TextFacts,
    facts_from,
    make_item,
    matches_at,
    previous_token,
    starts_sentence,
    surface,
    unmatched,
    word_spans,
    word_starts,
)
from viewer.engine.facts.words import (
    ATTRIBUTION_VERBS,
    ATTRIBUTION_WORDS,
    AUXILIARIES,
    BARE_VERBS,
    DETERMINERS,
    ESTIMATES_PATTERN,
    OBJECT_VERBS,
    REPORTING_VERB_PATTERN,
    REPORTS_PATTERN,
    SOURCE_SYNONYMS,
    SPEAKER_PRONOUNS,
)
from viewer.engine.model import Fact, FactType

# How far back a passive ("was announced") or a determiner ("the claims") is looked for.
LOOK_BACK = 30
# A source is a few words: longer, the words before a verb are a clause, not who spoke.
SOURCE_WORDS = 5
# How far back the pronoun of "she said" may stand: one short word.
PRONOUN_LOOK_BACK = 12

_ATTRIBUTION_RE = LazyPattern(rf"\b(?:according\s+to|{REPORTING_VERB_PATTERN})\b", re.IGNORECASE)
_ESTIMATES_AFTER_RE = LazyPattern(r"\s+" + ESTIMATES_PATTERN, re.IGNORECASE)
_REPORTS_RE = LazyPattern(REPORTS_PATTERN, re.IGNORECASE)
_PASSIVE_BEFORE_RE = LazyPattern(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# A determiner or possessive makes the verb form a noun: "Russia's claims", "the reports".
# ("he's said" is "he has said", not a possessive.)
_NOUN_WORDS = ("the|a|an|his|her|its|their|our|your|my|these|those|such|any|no|earlier"
               "|previous|similar|false|new|territorial")
_NOUN_BEFORE_RE = LazyPattern(
    r"(?:\w(?<!\bhe)(?<!\bshe)(?<!\bit)(?<!\bwho)(?<!\bthat)(?<!\bthere)'s|s'"
    rf"|\b(?:{_NOUN_WORDS}))\s+$",
    re.IGNORECASE,
)
# A match of _NOUN_BEFORE_RE ends in the trailing white space: it opens at most this far before it.
_NOUN_LOOK_BACK = max(3, *map(len, _NOUN_WORDS.split("|")))

_CLAUSE_START_RE = LazyPattern(r"""[,.;:!?"()\[\]-](?=[^,.;:!?"()\[\]-]*$)""")
_OTHER_PRONOUNS = frozenset("i it you who which that one someone".split())
_LINK_WORDS = frozenset("of for from at in on to with by and".split())
_CLAUSE_AFTER_RE = LazyPattern(r"\s*(?:that\b|[.,;:!?\"')\]]|$)", re.IGNORECASE)
# The source after "according to", up to the end of its clause (at most six words).
_SOURCE_AFTER_RE = LazyPattern(r"\s+((?:[\w'-]+\s+){0,5}?[\w'-]+)\s*(?=[,.;:!?)\"]|$|(?:that|who|which)\b)")


def extract(text: str, folded: str, runs: frozenset[str] | None) -> tuple[Item, ...]:
    """The reporting verbs and "according to" of a text that attribute a claim (``runs``: its
    ``ascii_words``; each match is one of the ``ATTRIBUTION_WORDS``, tried only where they stand)."""
    items = []
    if runs is None:
        found = _ATTRIBUTION_RE.finditer(folded)
    else:
        found = matches_at(_ATTRIBUTION_RE, folded, word_starts(folded, runs, ATTRIBUTION_WORDS))
    for m in found:
        word = " ".join(m.group().lower().split())
        before = folded[max(0, m.start() - LOOK_BACK):m.start()]
        if word == "according to":
            if _ESTIMATES_AFTER_RE.match(folded, m.end()) or _REPORTS_RE.match(folded, m.start()):
                continue  # a hedge
        else:
            if m.group()[0].isupper() and not starts_sentence(folded, m.start()):
                continue  # "the United States"
            # Both end in white space: without it at the end, neither can match.
            words_end = len(before.rstrip())
            if words_end < len(before) and (
                _PASSIVE_BEFORE_RE.search(before)
                or _NOUN_BEFORE_RE.search(before, max(0, words_end - _NOUN_LOOK_BACK))
            ):
                continue
            previous = previous_token(before)
            if previous in ("not", "never") or (word in BARE_VERBS and previous in AUXILIARIES):
                continue  # "has not said how much", "did not say when"
            if word in OBJECT_VERBS and not _CLAUSE_AFTER_RE.match(folded, m.end()):
                continue
        items.append(make_item(text, m, ATTRIBUTION_VERBS[word]))
    return tuple(items)


def diff(a: TextFacts, b: TextFacts) -> list[Fact]:
    """Attributions dropped, added or changed, leaving out a neutral one that names no new source."""
    left_a, left_b = unmatched(a.attributions, b.attributions)
    if len(left_a) != len(left_b):
        left_a = [x for x in left_a if not _same_source(x, a, b)]
        left_b = [y for y in left_b if not _same_source(y, b, a)]
    return facts_from(FactType.ATTRIBUTION, left_a, left_b) + _changed_sources(a, b)


def _changed_sources(a: TextFacts, b: TextFacts) -> list[Fact]:
    """The same reporting verb with another source: "police said" -> "witnesses said".

    Only sources told by common nouns: a named source is the names' to flag, a pronoun ("she
    said") names nobody new, and sources of one kind ("police", "officers") are the same.
    """
    facts = []
    for verb in {x.key for x in a.attributions} & {y.key for y in b.attributions}:
        items_a = [x for x in a.attributions if x.key == verb]
        items_b = [y for y in b.attributions if y.key == verb]
        if len(items_a) != len(items_b):
            continue
        for x, y in zip(items_a, items_b, strict=True):
            source_a, source_b = _source(x, a), _source(y, b)
            if source_a and source_b and source_a[0].isdisjoint(source_b[0]):
                facts.append(Fact(FactType.ATTRIBUTION, source_a[1], source_b[1]))
    return facts


def _source(item: Item, facts_of: TextFacts) -> tuple[frozenset[str], str] | None:
    """Who the attribution names, as its kinds of source, and the attribution with its source as written."""
    folded = facts_of.folded
    after = item.surface.lower().startswith("according")
    if not after:
        clause = _CLAUSE_START_RE.search(folded, max(0, item.start - LOOK_BACK), item.start)
        start = clause.end() if clause else max(0, item.start - LOOK_BACK)
        words = list(PLAIN_WORD_RE.finditer(folded, start, item.start))
        after = not words  # '"...," said the mayor'
        span = (words[0].start(), item.end) if words else None
    if after:
        m = _SOURCE_AFTER_RE.match(folded, item.end)
        if not m:
            return None
        words = list(PLAIN_WORD_RE.finditer(folded, m.start(1), m.end(1)))
        span = (item.start, m.end(1))
    if not words or len(words) > SOURCE_WORDS:
        return None
    if any(n.start < span[1] and span[0] < n.end for n in facts_of.names):
        return None
    kinds = set()
    for w in words:
        word = w.group().lower().removesuffix("'s")
        if word in SPEAKER_PRONOUNS or word in _OTHER_PRONOUNS:
            return None
        if word in DETERMINERS or word in _LINK_WORDS:
            continue
        stem = word.removesuffix("s") if len(word) > 3 and not word.endswith("ss") else word
        kinds.add(SOURCE_SYNONYMS.get(stem, stem))
    return (frozenset(kinds), surface(facts_of.text, *span)) if kinds else None


def _same_source(item: Item, facts_of: TextFacts, other: TextFacts) -> bool:
    """A neutral attribution that names no new source: the other side already gives it.

    "Russian news reports showed ..." -> "..., according to Russian news reports" is one source
    re-worded; '"It is over."' -> '"It is over," she said.' names the speaker of a quote that
    both sides carry; "X said A. She said B." -> "X said A and B." repeats the speaker.
    """
    if item.key != "say":
        return False
    folded = facts_of.folded
    if item.surface.lower().startswith("according"):
        source = _SOURCE_AFTER_RE.match(folded, item.end)
        words = [w.lower() for w in PLAIN_WORD_RE.findall(source.group(1))] if source else []
        words = [w for w in words if w not in DETERMINERS]
        return bool(words) and _contains_run(word_spans(other.folded)[0], words)
    before = folded[max(0, item.start - PRONOUN_LOOK_BACK):item.start]
    if previous_token(before) not in SPEAKER_PRONOUNS:
        return False
    return bool(facts_of.quotes and other.quotes) or any(x.key == "say" for x in other.attributions)


def _contains_run(words: tuple[str, ...], run: list[str]) -> bool:
    n = len(run)
    return any(list(words[i:i + n]) == run for i in range(len(words) - n + 1))
