"""The kind of a link: identical, edited, paraphrase or partial, and a 0-1 score."""
from __future__ import annotations

from difflib import SequenceMatcher

from viewer.engine.model import Kind
from viewer.engine.params import Params
from viewer.engine.similarity import containment, fold
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


def classify(text_a: str, text_b: str, params: Params = Params()) -> tuple[Kind, float]:
    """Kind and score of two linked texts (each the joined sentences of one side)."""
    if text_a == text_b:
        return Kind.IDENTICAL, 1.0
    words_a, words_b = comparable_words(text_a, params), comparable_words(text_b, params)
    if words_a == words_b:
        return Kind.IDENTICAL, 1.0
    folded_a = [fold(w) for w in words_a]
    folded_b = [fold(w) for w in words_b]
    in_order = SequenceMatcher(None, folded_a, folded_b, autojunk=False).ratio()
    covered_a, covered_b = containment(text_a, text_b), containment(text_b, text_a)
    score = max(in_order, (covered_a + covered_b) / 2)
    if min(covered_a, covered_b) < params.partial_coverage and max(covered_a, covered_b) >= min(
        covered_a, covered_b
    ) + params.partial_margin:
        return Kind.PARTIAL, score
    if in_order >= params.edited_ratio:
        return Kind.EDITED, score
    return Kind.PARAPHRASE, score
