"""Negation: only a change of polarity is flagged (one side negated where the other is not).

"gave no indication" and "did not say" are both negated; "nothing but", "for nothing" and "no
fewer than" are not negations.
"""
from __future__ import annotations

import re

from viewer.engine.facts.base import Item, LazyPattern, TextFacts, facts_from, make_item, matches_at, unmatched, word_starts
from viewer.engine.facts.words import NEGATION_WORDS
from viewer.engine.model import Fact, FactType

_NEGATION_RE = LazyPattern(r"""
    \b(?:not(?!\s+only\b)|never|without|none(?!\s+other\s+than\b)|nobody|(?<!\bfor\s)nothing(?!\s+but\b)
        |neither|nor|cannot|no(?!\.?\s*\d)(?!\s+(?:fewer|less|more)\s+than\b)|\w+n't
        |(?P<verb>(?:(?<=\bhas\s)|(?<=\bhave\s)|(?<=\bhad\s)|(?<=\bis\s)|(?<=\bare\s)|(?<=\bwas\s)
                |(?<=\bwere\s))yet\s+to
            |fail(?:s|ed|ing)?\s+to|refus(?:e|es|ed|ing)\s+to
            |declin(?:e|es|ed|ing)\s+to(?!\s*(?:[$£€¥\d]|(?:a|an|the|its|their|his|her|record|about
                |around|nearly|almost|just|only|roughly)\b))))\b
""", re.VERBOSE | re.IGNORECASE)
# Words that negate without a negation word: "lost power" is "without power", "unvaccinated" is
# "not vaccinated", "unable" is "could not", "the building was empty" is "no one was inside". They never make a flag themselves (too many senses:
# "lost the match"); they only answer a negation word the other side has over.
_PRIVATIVE_RE = LazyPattern(r"""
    \b(?:un(?!der|til|it|ion|iqu|ifor|anim|veil|leash|fold|less|ivers|ited|ify|ific|ison|load|lock|rest|earth|cover
            |pack|wrap|dergo)[a-z]{4,}
        |in(?:capable|ability|effective|valid|sufficient|complete|accurate|correct|active)
        |non-?[a-z]{4,}
        |los[et]|loses|losing|lack(?:s|ed|ing)?|absent|absence|missing|deprived|devoid|zero|empty|vacant|deserted
        |ruled?\s+out|rules\s+out|excluded|free\s+of|short\s+of|too\s+\w+\s+to
        |avoid(?:s|ed|ing)?|refrain(?:s|ed|ing)?|abstain(?:s|ed|ing)?)\b
""", re.VERBOSE | re.IGNORECASE)
# "not likely" is the hedge "unlikely", not a negation of its own.
_LIKELY_AFTER_RE = LazyPattern(r"\s+likely\b", re.IGNORECASE)


def extract(text: str, folded: str, runs: frozenset[str] | None) -> tuple[Item, ...]:
    """The negating words of a text ("not", "never", "no", "without", "failed to", ...); ``runs``:
    its ``ascii_words``."""
    items = []
    for m in _matches(folded, runs):
        word = m.group().lower()
        if word == "nor" and any(item.key == "neither" for item in items):
            continue  # "neither ... nor" negates once
        if (word == "not" or word.endswith("n't")) and _LIKELY_AFTER_RE.match(folded, m.end()):
            continue
        key = "not" if m.group("verb") or word in ("not", "cannot") or word.endswith("n't") else word
        items.append(make_item(text, m, key))
    return tuple(items)


def _matches(folded: str, runs: frozenset[str] | None):
    """``_NEGATION_RE.finditer(folded)``, tried only where a negation can open in an ASCII text: at
    one of the ``NEGATION_WORDS``, or at the start of the word of an "n't"."""
    if runs is None:
        return _NEGATION_RE.finditer(folded)
    starts = set(word_starts(folded, runs, NEGATION_WORDS))
    lower = folded.lower()
    i = lower.find("n't")
    while i >= 0:
        start = i
        while start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "_"):
            start -= 1
        starts.add(start)
        i = lower.find("n't", i + 1)
    return matches_at(_NEGATION_RE, folded, sorted(starts))


def diff(a: TextFacts, b: TextFacts) -> list[Fact]:
    """Only a change in polarity: "no" -> "not" keeps it, and so does "not vaccinated" -> "unvaccinated"."""
    left_a, left_b = unmatched(a.negations, b.negations)
    same = min(len(left_a), len(left_b))
    extra_a, extra_b = left_a[same:], left_b[same:]
    if extra_a or extra_b:
        privatives_a, privatives_b = _privatives(a.folded), _privatives(b.folded)
        extra_a = extra_a[max(0, privatives_b - privatives_a):]
        extra_b = extra_b[max(0, privatives_a - privatives_b):]
    return facts_from(FactType.NEGATION, extra_a, extra_b)


def _privatives(folded: str) -> int:
    return sum(1 for _ in _PRIVATIVE_RE.finditer(folded))
