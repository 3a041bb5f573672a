"""Negation: only a change of polarity is flagged (one side negated where the other is not).

"gave no indication" and "did not say" are both negated; "nothing but", "for nothing" and "no
fewer than" are not negations.
"""
from __future__ import annotations

import re

from viewer.engine.facts.base import Item, TextFacts, facts_from, make_item, unmatched
from viewer.engine.model import Fact, FactType

_NEGATION_RE = re.compile(r"""
    \b(?:not(?!\s+only\b)|never|without|none(?!\s+other\s+than\b)|nobody|(?<!\bfor\s)nothing(?!\s+but\b)
        |neither|nor|cannot|no(?!\.?\s*\d)(?!\s+(?:fewer|less|more)\s+than\b)|\w+n't
        |(?P<verb>(?:(?<=\bhas\s)|(?<=\bhave\s)|(?<=\bhad\s)|(?<=\bis\s)|(?<=\bare\s)|(?<=\bwas\s)
                |(?<=\bwere\s))yet\s+to
            |fail(?:s|ed|ing)?\s+to|refus(?:e|es|ed|ing)\s+to
            |declin(?:e|es|ed|ing)\s+to(?!\s*(?:[$£€¥\d]|(?:a|an|the|its|their|his|her|record|about
                |around|nearly|almost|just|only|roughly)\b))))\b
""", re.VERBOSE | re.IGNORECASE)
# "not likely" is the hedge "unlikely", not a negation of its own.
_LIKELY_AFTER_RE = re.compile(r"\s+likely\b", re.IGNORECASE)


def extract(text: str, folded: str) -> tuple[Item, ...]:
    """The negating words of a text ("not", "never", "no", "without", "failed to", ...)."""
    items = []
    for m in _NEGATION_RE.finditer(folded):
        word = m.group().lower()
        if word == "nor" and any(item.key == "neither" for item in items):
            continue  # "neither ... nor" negates once
        if (word == "not" or word.endswith("n't")) and _LIKELY_AFTER_RE.match(folded, m.end()):
            continue
        key = "not" if m.group("verb") or word in ("not", "cannot") or word.endswith("n't") else word
        items.append(make_item(text, m, key))
    return tuple(items)


def diff(a: TextFacts, b: TextFacts) -> list[Fact]:
    """Only a change in how often a text negates: "no" -> "not" keeps the polarity."""
    left_a, left_b = unmatched(a.negations, b.negations)
    same = min(len(left_a), len(left_b))
    return facts_from(FactType.NEGATION, left_a[same:], left_b[same:])
