"""The kind of a link: identical, edited, paraphrase or partial.

Thresholds (``Params``) were set on the hand-labelled links of ../shared/eval/seeds and our own
gold in tests/data/gold; ``benchmarks/quality.py`` prints the confusion of kinds they give.
"Edited" needs both most words in order and few changed words: a clause moved to the other end of a
sentence leaves a high in-order ratio but many changed words, and readers call that a paraphrase.
"""
from __future__ import annotations

from difflib import SequenceMatcher

from viewer.engine.model import Kind
from viewer.engine.params import Params
from viewer.engine.similarity import fold, mutual_containment
from viewer.engine.worddiff import TOKEN, token_key


def comparable_words(text: str, params: Params) -> list[str]:
    """The tokens that "identical" compares: whitespace never, punctuation unless asked to."""
    out = []
    for token in TOKEN.findall(text):
        if token.isspace():
            continue
        if params.ignore_punctuation and not (token[0].isalnum() or token[0] == "_"):
            continue
        out.append(token_key(token, params))
    return out


def classify(text_a: str, text_b: str, params: Params = Params()) -> Kind:
    """Kind of two linked texts (each the joined sentences of one side)."""
    if text_a == text_b:
        return Kind.IDENTICAL
    words_a, words_b = comparable_words(text_a, params), comparable_words(text_b, params)
    if words_a == words_b:
        return Kind.IDENTICAL
    folded_a = [fold(w) for w in words_a]
    folded_b = [fold(w) for w in words_b]
    matcher = SequenceMatcher(None, folded_a, folded_b, autojunk=False)
    in_order = matcher.ratio()
    changed = len(folded_a) + len(folded_b) - 2 * sum(block.size for block in matcher.get_matching_blocks())
    covered_a, covered_b = mutual_containment(text_a, text_b)
    low, high = sorted((covered_a, covered_b))
    if low <= params.partial_coverage and high >= low + params.partial_margin:
        return Kind.PARTIAL
    allowed = max(params.edited_changes, params.edited_change_share * (len(folded_a) + len(folded_b)))
    if in_order >= params.edited_ratio and changed <= allowed:
        return Kind.EDITED
    return Kind.PARAPHRASE
