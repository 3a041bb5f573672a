"""Names: runs of capitalised words that name a person, place or organisation.

A name counts as present on the other side if its words occur there in any case, with or without
diacritics ("Oberstäfeln" ~ "Oberstaefeln"), as a part of a hyphen compound ("Muslim-majority"),
as the demonym of a place ("Ukrainian" for "Ukraine"; "American" for "US") or as its acronym
("ICC"). A dropped and an added name are paired as one change only where they stand in the same
place of the word alignment. A dateline ("BEIJING -") is not a name, nor is a common word opening
a sentence, a quote, a bracket or what follows a dash ("A", "The"), nor what stands before a
title ("Chinese leader Xi Jinping" is Xi Jinping). A hyphenated adjective ("Chinese-Russian
relations") dropped with a phrase that holds another dropped name is left to that name; a
one-word speaker ("Mr. Wang said") against a "he said" on the other side is the same person.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from viewer.engine.facts.base import Item, LazyPattern, TextFacts, starts_sentence, surface, word_range, word_spans
from viewer.engine.facts.words import (
    ALIASES,
    ARABIC_PREFIXES,
    ATTRIBUTION_VERBS,
    COMMON_NOUNS,
    COMMON_WORDS,
    CONNECTORS,
    DEMONYM_ENDINGS,
    FIGURE_CHARS,
    FRACTIONS,
    HEDGE_ADVERBS,
    IRREGULAR_DEMONYMS,
    MEASURE_NAMES,
    MONTHS,
    NAMES_IN_VERBS,
    NAME_ABBREVIATIONS,
    ORDINALS,
    PLACE_ENDINGS,
    SCALES,
    SPELLING_VARIANTS,
    SUBJECT_PRONOUNS,
    TITLES,
    UMLAUTS,
    UNITS,
    WEEKDAYS,
    WEEKDAY_ABBREVIATIONS,
)
from viewer.engine.model import Fact, FactType

# A headline capitalises most of its words of four letters or more; a sentence, with names,
# rarely this share, and a short line says too little to tell.
TITLE_CASE_SHARE = 0.8
TITLE_CASE_WORDS = 4

_COMMON_SUFFIX = re.compile(
    r"(?:ly|ing|ed|ers|ors|ists|ants|ents|ians|ions|tion|sion|ity|ities|ies|ency|ancy|ness|ments?|als|ives|sses)$"
)

_LOWER_WORD_AFTER_RE = LazyPattern(r"\s+[a-z]")
# "BEIJING -", "KYIV, Ukraine (AP) -": place and agency of the story, not names in the sentence.
_DATELINE_RE = re.compile(r"""
    \s*[A-Z][A-Z.']+[A-Z.](?:-[A-Z]+)*(?:\s+[A-Z][A-Z.']*[A-Z.](?:-[A-Z]+)*)*
    (?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*)?
    \s*(?:\([^()]{1,40}\)\s*)?(?:-+|:)
""", re.VERBOSE)
_ARABIC_PREFIX_RE = LazyPattern(rf"(?:{'|'.join(ARABIC_PREFIXES)})-[A-Z]")


def word_set(tokens: list[str]) -> frozenset[str]:
    """A text's words (``WORD_RE``) in the forms a name may take: dotted, possessive, accented,
    aliased, hyphenated."""
    lowered = {token.lower() for token in tokens}
    plain = {token for token in lowered if token.isalpha() and token.isascii()}  # the common case, as they are
    words = set(plain)
    for token in plain & ALIASES.keys():
        words.update(ALIASES[token])
    for token in lowered - plain:
        if "." in token or "'" in token:
            token = _name_token(token)
        words.add(token)
        if not token.isascii():
            words.update(_spellings(token))
        if token in ALIASES:
            words.update(ALIASES[token])
        if "-" in token:
            words.update(token.split("-"))  # "Muslim-majority" still names Muslims
    return frozenset(words)


@lru_cache(maxsize=4096)
def _stem_sets(words: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of a text's words read as demonyms and as places, for ``_token_present``."""
    demonyms, places = set(), set()
    for word in words:
        demonyms |= _demonym_stems(word)
        places |= _place_stems(word)
    return frozenset(demonyms), frozenset(places)


def _demonym_stems(word: str) -> set[str]:
    stems = {word[:-len(e)] for e in DEMONYM_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4}
    if word in IRREGULAR_DEMONYMS:
        stems.add(IRREGULAR_DEMONYMS[word])
    return stems


def _place_stems(word: str) -> set[str]:
    stems = {word[:-len(e)] for e in PLACE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4}
    stems.add(word)
    return stems


def _name_token(token: str) -> str:
    return token.lower().replace(".", "").removesuffix("'s").rstrip("'")


def _name_core(token: str) -> str:
    """The capitalised parts of a compound: "Muslim-majority" names "muslim"."""
    if "-" in token:
        parts = [part for part in token.split("-") if part and not part[0].islower()]
        if parts:
            return _name_token("-".join(parts))
    return _name_token(token)


def _is_capitalised(token: str) -> bool:
    return token[0].isupper() or ("-" in token and bool(_ARABIC_PREFIX_RE.match(token)))


def _is_title_case(folded: str, words: list[str]) -> bool:
    """Headline-style text, where capitals say nothing about names (a headline has no full stop)."""
    if folded.rstrip().endswith("."):
        return False
    long_words = [w for w in words if len(w) >= 4 and w.lower() not in CONNECTORS]
    if len(long_words) < TITLE_CASE_WORDS:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= TITLE_CASE_SHARE


def extract(text: str, folded: str, word_matches: tuple[re.Match, ...], words: list[str]) -> tuple[Item, ...]:
    """The names of a text: runs of capitalised words, without titles, datelines and sentence-initial
    common words (``words``: the text of each of ``word_matches``)."""
    if _is_title_case(folded, words):
        return ()
    lowercase_words = {w for w in words if w[0].islower()}
    dateline = _DATELINE_RE.match(folded)
    first = dateline.end() if dateline else 0
    runs: list[list[re.Match]] = []
    run: list[re.Match] = []
    previous_end = -1
    for m, token in zip(word_matches, words):
        if first and m.start() < first:
            continue
        if not run and token[0].islower() and ("-" not in token or not _ARABIC_PREFIX_RE.match(token)):
            previous_end = m.end()
            continue  # the common case, kept cheap
        if m.start() and folded[m.start() - 1] in FIGURE_CHARS:
            token = token.lower()  # a unit glued to its figure: "35C", "20°C"
        gap = folded[previous_end:m.start()] if previous_end >= 0 else " "
        joined = run and (gap.isspace() or (gap.strip() == "." and _is_initial_or_title(run[-1].group())))
        if joined and run[-1].group().endswith(("'s", "'")):
            joined = False  # "Xi Jinping's Russia visit": a possessive ends the name
        if not joined and run:
            runs.append(run)
            run = []
        if _is_capitalised(token) and not _is_non_name(_name_token(token)):
            run.append(m)
        elif run and (token in CONNECTORS or token in TITLES):
            run.append(m)  # "Chinese leader Xi Jinping": the title still leads to the name
        elif run:
            runs.append(run)
            run = []
        previous_end = m.end()
    if run:
        runs.append(run)

    items: dict[tuple[str, ...], Item] = {}
    for run in runs:
        while run and run[-1].group().islower():
            run = run[:-1]  # "the Texas governor": no name follows the title, Texas stays
        run = _trim_run(_after_titles(run), folded, lowercase_words)
        if not run:
            continue
        start, end = run[0].start(), run[-1].end()
        last = run[-1].group()
        if last.endswith("'s"):
            end -= 2
        elif last.endswith("'"):
            end -= 1
        tokens = (_name_core(m.group()) for m in run if m.group().lower() not in CONNECTORS)
        key = tuple(word for token in tokens for word in ALIASES.get(token, (token,)))
        items.setdefault(key, Item(key, surface(text, start, end), start, end))
    return tuple(items.values())


def _after_titles(run: list[re.Match]) -> list[re.Match]:
    """The name after its title: "Chinese President Xi Jinping" is Xi Jinping."""
    for i in range(len(run) - 1, -1, -1):
        if _name_token(run[i].group()) in TITLES:
            return run[i + 1:]
    return run


def _is_initial_or_title(token: str) -> bool:
    return (len(token) == 1 and token.isupper()) or _name_token(token) in TITLES


def _is_non_name(lower: str) -> bool:
    """Capitalised words that are never names: dates, numbers, the pronoun I."""
    return (
        lower in MONTHS or lower.rstrip("s") in WEEKDAYS or lower in WEEKDAY_ABBREVIATIONS
        or lower in UNITS or lower in ORDINALS or lower in SCALES or lower in ("i", "no")
        or lower in MEASURE_NAMES
        or ("-" in lower and all(part in UNITS or part in FRACTIONS for part in lower.split("-")))  # "Two-thirds"
    )


def _trim_run(run: list[re.Match], folded: str, lowercase_words: set[str]) -> list[re.Match]:
    """Drop titles, leading connectors and sentence-initial common words from a name run."""
    while run:
        token = run[0].group()
        lower = _name_token(token)
        if lower in TITLES or (lower in CONNECTORS and token.islower()):
            run = run[1:]
            continue
        if starts_sentence(folded, run[0].start()) and not (token.isupper() and len(token) > 1):
            common = lower in COMMON_WORDS or lower in ATTRIBUTION_VERBS or lower in HEDGE_ADVERBS
            alone = len(run) == 1 and (
                _COMMON_SUFFIX.search(lower) or lower in lowercase_words or lower in COMMON_NOUNS
            )
            if common or alone:
                run = run[1:]
                continue
        break
    return run


def diff(a: TextFacts, b: TextFacts) -> list[Fact]:
    """Names dropped, added or replaced, where no other form of the name stands on the other side."""
    left_a = [n for n in a.names if not _name_present(n, b)]
    left_b = [n for n in b.names if not _name_present(n, a)]
    if not left_a and not left_b:
        return []
    words_a, starts_a = word_spans(a.folded)
    words_b, starts_b = word_spans(b.folded)
    ranges_a = [word_range(starts_a, n) for n in left_a]
    ranges_b = [word_range(starts_b, n) for n in left_b]
    opcodes = None
    paired: list[Fact] = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    if left_a and left_b:
        # A dropped and an added name are one change only where they replace each other in the
        # word alignment ("in Paris" -> "in London"); elsewhere they are a drop and an add.
        opcodes = SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in opcodes:
            if tag != "replace":
                continue
            in_a = [i for i, (s, e) in enumerate(ranges_a) if i not in taken_a and s < i2 and i1 < e]
            in_b = [j for j, (s, e) in enumerate(ranges_b) if j not in taken_b and s < j2 and j1 < e]
            for i, j in zip(in_a, in_b, strict=False):
                paired.append(Fact(FactType.NAME, left_a[i].surface, left_b[j].surface))
                taken_a.add(i)
                taken_b.add(j)
    rest_a = [i for i in range(len(left_a)) if i not in taken_a]
    rest_b = [j for j in range(len(left_b)) if j not in taken_b]
    adjectives_a = {i for i in rest_a if _is_compound_adjective(left_a[i], a.folded)}
    adjectives_b = {j for j in rest_b if _is_compound_adjective(left_b[j], b.folded)}
    if adjectives_a or adjectives_b:
        if opcodes is None:
            opcodes = SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
        rest_a = _without_compound_adjectives(rest_a, adjectives_a, ranges_a, [(o[1], o[2]) for o in opcodes])
        rest_b = _without_compound_adjectives(rest_b, adjectives_b, ranges_b, [(o[3], o[4]) for o in opcodes])
    rest_a = _without_pronoun_speakers(rest_a, left_a, a, words_a, words_b)
    rest_b = _without_pronoun_speakers(rest_b, left_b, b, words_b, words_a)
    dropped = [Fact(FactType.NAME, left_a[i].surface, "") for i in rest_a]
    added = [Fact(FactType.NAME, "", left_b[j].surface) for j in rest_b]
    return paired + dropped + added


def _is_compound_adjective(name: Item, folded: str) -> bool:
    """A hyphen compound of capitalised parts used before a noun: "Chinese-Russian relations"."""
    parts = name.surface.split("-")
    return (
        len(name.key) == 1 and len(parts) > 1 and all(part[:1].isupper() for part in parts)
        and parts[0].lower() not in ARABIC_PREFIXES  # "Al-Qaeda"
        and bool(_LOWER_WORD_AFTER_RE.match(folded, name.end))
    )


def _without_compound_adjectives(rest, adjectives, ranges, blocks) -> list[int]:
    """Leave out a compound adjective dropped (or added) with a whole phrase that has a name of its own.

    "said Joseph Torigian, an expert in Chinese-Russian relations": flagging Joseph Torigian says
    it; "Chinese-Russian" on its own would be noise. Alone ("US-China relations" -> "relations")
    it stays.
    """
    def block_of(i: int) -> int:
        start = ranges[i][0]
        return next((k for k, (lo, hi) in enumerate(blocks) if lo <= start < hi), -1)
    blocks_with_names = {block_of(i) for i in rest if i not in adjectives}
    return [i for i in rest if not (i in adjectives and block_of(i) in blocks_with_names)]


def _without_pronoun_speakers(rest, names, facts_of: TextFacts, words, other_words) -> list[int]:
    """Leave out a speaker named by surname where the other side says "he" or "she".

    News names a person in full once, then by surname or pronoun: "Mr. Wang said" and "he said"
    are the same speaker. Conservative: only a one-word name standing next to its reporting verb
    ("Torigian said", "according to Torigian"), and no more of them than the other side's extra
    "he" and "she".
    """
    speakers = [
        i for i in rest
        if len(names[i].key) == 1 and not names[i].surface.isupper() and _is_speaker(names[i], facts_of)
    ]
    if not speakers:
        return rest
    surplus = sum(w in SUBJECT_PRONOUNS for w in other_words) - sum(w in SUBJECT_PRONOUNS for w in words)
    if surplus < len(speakers):
        return rest
    return [i for i in rest if i not in speakers]


def _is_speaker(name: Item, facts_of: TextFacts) -> bool:
    return any(
        0 <= verb.start - name.end <= 2 or 0 <= name.start - verb.end <= 2 for verb in facts_of.attributions
    )


def _name_present(name: Item, other: TextFacts) -> bool:
    """Its words occur on the other side in some form, or a shorter form or its acronym does."""
    tokens = set(name.key)
    if tokens <= other.words or any(set(n.key) <= tokens for n in other.names):
        return True
    if all(_token_present(token, other) for token in tokens):
        return True
    if len(name.key) == 1 and name.surface.isupper() and 2 <= len(name.surface) <= 6:
        return any(_initials(n.key) == name.key[0] for n in other.names)
    return len(name.key) >= 3 and _initials(name.key) in other.words


def _token_present(token: str, other: TextFacts) -> bool:
    if token in other.words or (not token.isascii() and not _spellings(token).isdisjoint(other.words)):
        return True
    if "-" in token:
        return all(_token_present(part, other) for part in token.split("-") if part)
    # "Organisation" ~ "Organization", "St." ~ "Saint", "said on Twitter" ~ "tweeted".
    if _american(token) in _american_words(other.words):
        return True
    if not other.words.isdisjoint(NAME_ABBREVIATIONS.get(token, ())):
        return True
    if not other.words.isdisjoint(_ABBREVIATIONS_OF.get(token, ())):
        return True
    if not other.words.isdisjoint(NAMES_IN_VERBS.get(token, ())):
        return True
    demonyms, places = _stem_sets(other.words)
    return bool(_demonym_stems(token) & places or _place_stems(token) & demonyms)


_ABBREVIATIONS_OF: dict[str, set[str]] = {}
for _short, _longs in NAME_ABBREVIATIONS.items():
    for _long in _longs:
        _ABBREVIATIONS_OF.setdefault(_long, set()).add(_short)


def _american(word: str) -> str:
    """The American spelling of a word with a British ending: "organisation" -> "organization"."""
    for british, american in SPELLING_VARIANTS:
        if word.endswith(british) and len(word) - len(british) >= 3:
            return word[: -len(british)] + american
    return word


@lru_cache(maxsize=1024)
def _american_words(words: frozenset[str]) -> frozenset[str]:
    return frozenset(_american(w) for w in words)


def _spellings(word: str) -> set[str]:
    """A word with its diacritics written out and dropped: "oberstäfeln", "oberstaefeln", "oberstafeln"."""
    return {word, _without_accents(word.translate(UMLAUTS)), _without_accents(word)}


def _without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _initials(key: tuple[str, ...]) -> str:
    return "".join(word[0] for word in key if word)
