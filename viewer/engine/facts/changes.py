"""The facts that differ between two linked texts: each text's facts extracted once, then compared type by type.

Fact-checkers act on every flag, so the rules lean towards what a reader would call a change; the
per-type modules say what counts as the same fact.
"""
from __future__ import annotations

from functools import lru_cache

from viewer.engine.facts import attribution, dates, hedges, names, negation, numbers, quotes
from viewer.engine.facts.base import DIGIT_CHAR_RE, FOLD, WORD_RE, TextFacts, ascii_words, canonical
from viewer.engine.facts.words import ATTRIBUTION_WORDS, DATE_WORDS, HEDGE_WORDS, NEGATION_WORDS, NUMBER_WORDS
from viewer.engine.model import Fact


def fact_changes(text_a: str, text_b: str) -> tuple[Fact, ...]:
    """The facts that differ between two linked texts, as ``Fact(type, a, b)`` in type order."""
    if canonical(text_a) == canonical(text_b):
        return ()
    a, b = extract(text_a), extract(text_b)
    facts: list[Fact] = []
    numbers_a, dates_a = dates.years_as_dates(a.numbers, a.dates, b)
    numbers_b, dates_b = dates.years_as_dates(b.numbers, b.dates, a)
    facts += numbers.diff(numbers_a, numbers_b, a, b)
    facts += dates.diff(dates_a, dates_b)
    facts += names.diff(a, b)
    facts += quotes.diff(a, b)
    facts += attribution.diff(a, b)
    negations = negation.diff(a, b)
    # "cannot" dropped is one change, told once as a negation.
    negated = {(f.a, f.b) for f in negations}
    facts += [f for f in hedges.diff(a, b) if (f.a, f.b) not in negated]
    facts += negations
    return tuple(dict.fromkeys(facts))


def quote_changes(text_a: str, text_b: str) -> tuple[Fact, ...]:
    """The quotation facts of ``fact_changes`` alone, without reading the other facts: all that two
    texts the same but for quote style and punctuation can differ in (quotation marks put round
    words or taken away)."""
    if canonical(text_a) == canonical(text_b):
        return ()
    return tuple(dict.fromkeys(quotes.diff(_quotes_of(text_a), _quotes_of(text_b))))


def _quotes_of(text: str) -> TextFacts:
    """A text's facts with its quotations only (what ``quotes.diff`` reads)."""
    folded = text.translate(FOLD)
    quote_items, quoted_spans = quotes.extract(text, folded)
    return TextFacts(text=text, folded=folded, numbers=(), dates=(), names=(), quotes=quote_items, attributions=(),
                     hedges=(), copulas=(), negations=(), words=frozenset(), quote_spans=tuple(quoted_spans))


@lru_cache(maxsize=4096)
def extract(text: str) -> TextFacts:
    """Every fact of one text, with the word set and spans the comparisons need."""
    # Cached: a base sentence is compared with its counterpart in every other version.
    folded = text if text.isascii() else text.translate(FOLD)  # FOLD maps only non-ASCII characters
    runs = ascii_words(folded)
    word_matches = tuple(WORD_RE.finditer(folded))
    tokens = [m.group() for m in word_matches]
    words = names.word_set(tokens)
    # The long alternations are the slow part; a text without a digit or trigger word skips them.
    digits = bool(DIGIT_CHAR_RE.search(folded))
    spelled = not words.isdisjoint(NUMBER_WORDS)
    if digits or not words.isdisjoint(DATE_WORDS):
        date_items, masked = dates.extract(text, folded, runs)
    else:
        date_items, masked = (), folded
    quote_items, quoted_spans = quotes.extract(text, folded)
    return TextFacts(
        text=text,
        folded=folded,
        # Blanking a date may split a word ("5 MarchHALF"): the runs of what is left.
        numbers=numbers.extract(text, masked, digits, spelled, ascii_words(masked) if date_items else runs),
        dates=date_items,
        names=names.extract(text, folded, word_matches, tokens),
        quotes=quote_items,
        attributions=attribution.extract(text, folded, runs) if not words.isdisjoint(ATTRIBUTION_WORDS) else (),
        hedges=hedges.extract(text, folded, not words.isdisjoint(HEDGE_WORDS), runs),
        copulas=hedges.copulas(text, folded, runs),
        negations=negation.extract(text, folded, runs) if "n't" in folded or not words.isdisjoint(NEGATION_WORDS) else (),
        words=words,
        quote_spans=tuple(quoted_spans),
    )
