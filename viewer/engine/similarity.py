"""Lexical sentence similarity: sparse TF-IDF vectors of stemmed content words and character n-grams.

Every sentence becomes one L2-normalised sparse row (``sparse.Rows``); the cosine of two rows
mixes word and n-gram evidence, so inflected or respelled words still match ("relations" /
"relationships"). Scores for many pairs come from one sparse product, never from a Python loop
over pairs.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import snowballstemmer

from viewer.engine.sparse import Rows, count_rows, hstack, multiply, normalize_rows, pair_products, product

WORD = re.compile(r"\w+(?:['’]\w+)*")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can could did didn't do does doesn't doing don't down
    during each few for from further had has have having he her here hers herself him himself his
    how i if in into is isn't it it's its itself just let's me more most my myself no nor not of
    off on once only or other our ours ourselves out over own same she should so some such than
    that that's the their theirs them themselves then there these they this those through to too
    under until up very was wasn't we were what when where which while who whom why will with
    would you your yours yourself yourselves s t mr mrs ms dr""".split()
)

_stemmer = snowballstemmer.stemmer("english")


class _Unaccented(dict):
    """str.translate table: each character's compatibility decomposition without combining marks,
    worked out on first sight. Character by character this is the NFKD of the whole text with the
    marks dropped: NFKD only reorders combining marks, and those are dropped."""

    def __missing__(self, code: int) -> str:
        folded = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        self[code] = folded
        return folded


_UNACCENTED = _Unaccented()


def fold(text: str) -> str:
    """Lower case, curly apostrophes made straight and accents removed, for matching only."""
    text = text.lower().replace("’", "'")
    if text.isascii():
        return text
    return text.translate(_UNACCENTED)


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of one folded word (possessive 's dropped)."""
    if word.endswith("'s"):
        word = word[:-2]
    return _stemmer.stemWord(word)


@lru_cache(maxsize=1 << 17)
def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the words that carry content (stopwords dropped).

    Remembered: a comparison asks for a sentence's stems when it classifies the sentence's link
    and again when lineage reads the rows (~20 MB for 100,000 sentences).
    """
    return tuple(stem(w) for w in words(text) if w not in STOPWORDS)


@lru_cache(maxsize=200_000)
def _grams(word: str, n: int) -> tuple[str, ...]:
    padded = f"<{word}>"
    if len(padded) <= n:
        return (padded,)
    return tuple(padded[k:k + n] for k in range(len(padded) - n + 1))


class Vectorizer:
    """TF-IDF rows for the sentences of two texts, fitted on both so rare shared words weigh most."""

    def __init__(self, word_weight: float = 0.5, gram_size: int = 4):
        self.word_weight = word_weight
        self.gram_size = gram_size
        self.word_counts = np.zeros(0, dtype=np.int64)  # set by fit_transform

    def fit_transform(self, texts_a: Sequence[str], texts_b: Sequence[str]) -> tuple[Rows, Rows]:
        """Rows for ``texts_a`` and ``texts_b``: cosine of a row pair = mixed word and n-gram cosine."""
        # Documents x distinct words, then words x stems and words x n-grams: stems and n-grams
        # are worked out once per distinct word, and the counts come from two sparse products.
        vocabulary = _Columns()
        # Each distinct sentence is read once (a revision repeats most of them); IDF still counts every copy.
        distinct, rows_of = distinct_texts((*texts_a, *texts_b))
        counts_of_words: list[int] = []

        def content_ids(text: str) -> tuple[int, ...]:
            found = words(text)
            counts_of_words.append(len(found))
            return vocabulary.ids([w for w in found if w not in STOPWORDS])

        documents = [content_ids(t) for t in distinct]
        # Words per distinct text (in order of first sight), for whoever weighs sentences by length.
        self.word_counts = np.array(counts_of_words, dtype=np.int64)
        counts = count_rows(documents, len(vocabulary))
        stems, grams = _Columns(), _Columns()
        # With no content word at all, one empty row matches the one padding column of ``counts``.
        known = list(vocabulary.index)
        word_stems = count_rows([stems.ids((stem(w),)) for w in known] or [()], len(stems))
        word_grams = count_rows([grams.ids(_grams(w, self.gram_size)) for w in known] or [()], len(grams))
        # Weighed and joined once per distinct text, then repeated for its copies (row by row the
        # same values as weighing every copy: a third of the memory and time on a 64k-sentence pair).
        copies = np.bincount(rows_of, minlength=len(distinct))
        word_rows = _tfidf(multiply(counts, word_stems), copies)
        gram_rows = _tfidf(multiply(counts, word_grams), copies)
        rows = hstack(word_rows.scaled(math.sqrt(self.word_weight)),
                      gram_rows.scaled(math.sqrt(1 - self.word_weight))).take(rows_of)
        n = len(texts_a)
        return rows[:n], rows[n:]


class _Columns:
    """Numbers features (stems or n-grams) in order of first sight."""

    def __init__(self):
        self.index: dict[str, int] = {}

    def ids(self, features: Sequence[str]) -> tuple[int, ...]:
        return tuple(self.index.setdefault(f, len(self.index)) for f in features)

    def __len__(self) -> int:
        return len(self.index)


def distinct_texts(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in order of first sight, and for each text the row of its distinct text."""
    index: dict[str, int] = {}
    rows = np.fromiter((index.setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts))
    return list(index), rows


def _tfidf(counts: Rows, copies: np.ndarray) -> Rows:
    """Sublinear TF times smoothed IDF, rows L2-normalised; ``copies``: how many texts each row
    stands for (the document frequencies count every copy)."""
    df = np.bincount(counts.indices, weights=copies[counts.row_ids()], minlength=counts.shape[1])
    idf = np.log((int(copies.sum()) + 1) / (df + 1)) + 1.0
    weights = np.log(counts.data)  # (1 + log tf) * idf, in place: a long text's values are 100s of MB
    weights += 1.0
    weights *= idf[counts.indices]
    return normalize_rows(Rows(counts.indptr, counts.indices, weights, counts.shape))


def join_rows(rows: Rows, groups: Sequence[Sequence[int]], weights: np.ndarray | None = None) -> Rows:
    """One normalised row per group of rows (the vector of sentences read together).

    ``weights`` (one per row) keep a one-word line from counting as much as a long sentence.
    """
    members = np.fromiter((k for group in groups for k in group), dtype=np.int64)
    sizes = np.fromiter((len(group) for group in groups), dtype=np.int64, count=len(groups))
    values = np.ones(len(members)) if weights is None else np.asarray(weights, dtype=float)[members]
    picker = Rows(np.concatenate(([0], np.cumsum(sizes))), members, values, (len(groups), rows.shape[0]))
    return normalize_rows(multiply(picker, rows))


def joined_cosine(rows_a: Rows, group_a: Sequence[int], rows_b: Rows, group_b: Sequence[int],
                  weights_a: np.ndarray | None = None, weights_b: np.ndarray | None = None) -> float:
    """Cosine of two groups of rows each read together (as ``join_rows`` makes them), without
    building rows: one group is a handful of sentences."""
    indices_a, values_a = _summed_row(rows_a, group_a, weights_a)
    indices_b, values_b = _summed_row(rows_b, group_b, weights_b)
    norm = np.sqrt(values_a @ values_a) * np.sqrt(values_b @ values_b)
    if norm == 0:
        return 0.0
    _, at_a, at_b = np.intersect1d(indices_a, indices_b, assume_unique=True, return_indices=True)
    return float(values_a[at_a] @ values_b[at_b] / norm)


def _summed_row(rows: Rows, members: Sequence[int], weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """(column indices, values) of the weighted sum of some rows, indices sorted and unique."""
    pieces = [slice(rows.indptr[k], rows.indptr[k + 1]) for k in members]
    indices = np.concatenate([rows.indices[p] for p in pieces]) if pieces else np.zeros(0, dtype=np.int64)
    scale = [1.0 if weights is None else float(weights[k]) for k in members]
    values = np.concatenate([rows.data[p] * w for p, w in zip(pieces, scale)]) if pieces else np.zeros(0)
    unique, position = np.unique(indices, return_inverse=True)
    return unique, np.bincount(position, weights=values, minlength=len(unique))


# Numbers as written ("5-2", "4.2", "1,200", "10:42") and capitalised words inside a sentence.
NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
CAPITALISED = re.compile(r"(?<![\w'’])[^\W\d_][\w'’-]*")  # any letter; upper case is checked after
ASCII_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*")


def anchors(text: str) -> list[str]:
    """The words of a text that pin down a fact: numbers and names (not the sentence's first word).

    Two sentences sharing "5-2" or "Lindqvist" likely report the same fact; sharing "court" or
    "rental" only shows they are on the same topic.
    """
    out = NUMBER.findall(text)
    # Where the sentence's first word starts: a capitalised word there is no name.
    first = next((k for k, c in enumerate(text) if c.isalnum()), len(text))
    for match in (ASCII_CAPITALISED if text.isascii() else CAPITALISED).finditer(text):
        word = match.group().rstrip("'’-")
        if not word[0].isupper():
            continue
        lowered = fold(word)
        if lowered.endswith("'s"):
            lowered = lowered[:-2]
        if match.start() > first and lowered not in STOPWORDS and len(lowered) > 1:
            out.append(lowered)
    return out


def anchor_rows(texts_a: Sequence[str], texts_b: Sequence[str]) -> tuple[Rows, Rows]:
    """TF-IDF rows of the anchors of each sentence (binary counts): names and numbers shared by few weigh most."""
    columns = _Columns()
    distinct, rows_of = distinct_texts((*texts_a, *texts_b))
    documents = [columns.ids(sorted(set(anchors(t)))) for t in distinct]
    rows = _tfidf(count_rows(documents, len(columns)), np.bincount(rows_of, minlength=len(distinct))).take(rows_of)
    return rows[: len(texts_a)], rows[len(texts_a):]


def dense_scores(rows_a: Rows, rows_b: Rows, chunk_cells: int = 1_000_000, eager: bool = False) -> np.ndarray:
    """All cosines between two row sets, as a dense float32 array.

    Large products are made a slice of rows at a time (about ``chunk_cells`` cells and products
    each): the product of two long texts is nearly dense.
    """
    out = np.empty((rows_a.shape[0], rows_b.shape[0]), dtype=np.float32)
    return product(rows_a, rows_b, out=out, step=chunk_cells, eager=eager)


def pair_scores(rows_a: Rows, rows_b: Rows, ia: np.ndarray, jb: np.ndarray) -> np.ndarray:
    """Cosines of the listed row pairs only."""
    return pair_products(rows_a, rows_b, ia, jb)


def containment(part: str, whole: str) -> float:
    """Share of the content words of ``part`` (weighted by length) that also occur in ``whole``."""
    return _contained(part, content_stems(part), whole, set(content_stems(whole)))


def mutual_containment(text_a: str, text_b: str) -> tuple[float, float]:
    """``containment(text_a, text_b)`` and ``containment(text_b, text_a)``, each text's stems found once."""
    stems_a, stems_b = content_stems(text_a), content_stems(text_b)
    return _contained(text_a, stems_a, text_b, set(stems_b)), _contained(text_b, stems_b, text_a, set(stems_a))


def _contained(part: str, part_stems: Sequence[str], whole: str, whole_stems: set[str]) -> float:
    if not part_stems:
        return 1.0 if words(part) and set(words(part)) <= set(words(whole)) else 0.0
    total = sum(len(s) for s in part_stems)
    return sum(len(s) for s in part_stems if s in whole_stems) / total
