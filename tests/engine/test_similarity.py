"""viewer.engine.similarity on tiny inputs, each expected value worked out by hand.

For each public function: the null case first (no text, no sentence, one sentence), then exact values.
TF-IDF as the module defines it: IDF = ln((N + 1) / (df + 1)) + 1 over the N sentences of both
texts, TF = 1 + ln(count), rows L2-normalised. Word and 4-gram rows are each unit length, so
the lexical cosine of two sentences is ``w * word cosine + (1 - w) * n-gram cosine``.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from viewer.engine.similarity import (
    Vectorizer,
    anchor_rows,
    anchors,
    containment,
    content_stems,
    dense_scores,
    distinct_texts,
    fold,
    join_rows,
    joined_cosine,
    pair_scores,
    stem,
    words,
)
from viewer.engine.sparse import product

# IDF of a feature found in one of two sentences (N = 2, df = 1); one found in both has IDF 1.
RARE = math.log(3 / 2) + 1


def cosine(rows_a, rows_b) -> np.ndarray:
    return product(rows_a, rows_b)


def lexical(texts_a, texts_b, **kwargs) -> np.ndarray:
    return cosine(*Vectorizer(**kwargs).fit_transform(texts_a, texts_b))


# fold, words, stem, content_stems


def test_fold_lowers_straightens_apostrophes_and_drops_accents():
    assert fold("") == ""
    assert fold("The MAYOR's") == "the mayor's"
    assert fold("Café’s ÉTÉ in Zürich") == "cafe's ete in zurich"
    assert fold("naïve façade") == "naive facade"


@pytest.mark.parametrize("text", ["Ǆemal ﬁled ½ of ①", "a\u0301\u0323 ṩ Å Ω", "한국어 Ĳssel", "ÉTÉ’S naïve"])
def test_fold_character_by_character_is_the_whole_texts_decomposition(text):
    import unicodedata

    whole = "".join(c for c in unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
                    if not unicodedata.combining(c))
    assert fold(text) == whole


def test_words_keeps_apostrophes_inside_a_word_and_splits_at_everything_else():
    assert words("") == []
    assert words("...!") == []
    assert words("Don’t stop—it’s 4.2 km") == ["don't", "stop", "it's", "4", "2", "km"]
    assert words("'Quoted' words") == ["quoted", "words"]


def test_stem_is_the_snowball_stem_with_a_possessive_dropped():
    assert stem("") == ""
    assert stem("running") == "run"
    assert stem("council's") == "council"
    assert stem("relations") == "relat"
    assert stem("relationships") == "relationship"


def test_content_stems_drop_stopwords_and_keep_order_and_repeats():
    assert content_stems("") == ()
    assert content_stems("It was over.") == ()  # stopwords only
    assert content_stems("The cats were running after cats") == ("cat", "run", "cat")
    assert content_stems("Mr Smith’s dogs") == ("smith", "dog")


# distinct_texts


def test_distinct_texts_in_order_of_first_sight_with_each_text_s_row():
    distinct, rows = distinct_texts([])
    assert distinct == [] and rows.shape == (0,)
    distinct, rows = distinct_texts(["b", "a", "b", "c", "a"])
    assert distinct == ["b", "a", "c"]
    assert rows.tolist() == [0, 1, 0, 2, 1]
    assert [distinct[k] for k in rows] == ["b", "a", "b", "c", "a"]


# Vectorizer.fit_transform


def test_vectorizer_null_cases():
    rows_a, rows_b = Vectorizer().fit_transform([], [])
    assert rows_a.shape[0] == 0 and rows_b.shape[0] == 0
    # One sentence: one unit row, and none on the other side.
    rows_a, rows_b = Vectorizer().fit_transform(["Cats"], [])
    assert rows_a.shape[0] == 1 and rows_b.shape[0] == 0
    assert np.linalg.norm(rows_a.toarray()) == pytest.approx(1.0)
    # No content word at all: empty rows, cosine 0 (not NaN).
    rows_a, rows_b = Vectorizer().fit_transform(["It was."], ["It is."])
    assert rows_a.nnz == 0 and rows_b.nnz == 0
    assert cosine(rows_a, rows_b)[0, 0] == 0.0


def test_identical_sentences_score_one_and_disjoint_ones_zero():
    scores = lexical(["Cats sleep."], ["Cats sleep.", "Dogs bark."])
    assert scores[0, 0] == pytest.approx(1.0)
    assert scores[0, 1] == 0.0  # no shared stem, no shared 4-gram


def test_case_punctuation_stopwords_accents_and_curly_apostrophes_do_not_count():
    scores = lexical(["The cat sat."], ["CAT SAT!!", "“cat,” sat", "a cat – sat"])
    assert scores[0] == pytest.approx([1.0, 1.0, 1.0])
    assert lexical(["Café"], ["cafe"])[0, 0] == pytest.approx(1.0)
    assert lexical(["Council’s plan"], ["council's plan"])[0, 0] == pytest.approx(1.0)


def test_lexical_cosine_by_hand_one_shared_word_of_two():
    # "cats" in both (IDF 1), "dogs" in one (IDF RARE). Words: a = (1, 0), b = (1, RARE), cosine
    # 1 / sqrt(1 + RARE^2). 4-grams: <cat cats ats> shared, <dog dogs ogs> in b only, the same cosine.
    expected = 1 / math.sqrt(1 + RARE ** 2)
    for word_weight in (0.0, 0.5, 1.0):
        assert lexical(["Cats"], ["Cats dogs"], word_weight=word_weight)[0, 0] == pytest.approx(expected)


def test_word_and_gram_evidence_mix_by_word_weight():
    # Stems "relat" and "relationship" differ: word cosine 0. 4-grams of "<relations>" (8) and
    # "<relationships>" (12) share 7 (<rel rela elat lati atio tion ions), IDF 1; "ons>" and the
    # five of b's tail are rare. n-gram cosine = 7 / sqrt((7 + RARE^2)(7 + 5 RARE^2)).
    grams = 7 / math.sqrt((7 + RARE ** 2) * (7 + 5 * RARE ** 2))
    for word_weight in (0.0, 0.25, 0.5, 1.0):
        score = lexical(["relations"], ["relationships"], word_weight=word_weight)[0, 0]
        assert score == pytest.approx((1 - word_weight) * grams)
    # Stems equal, 4-grams not: "council's" ends in "l's>", "council" in "cil>".
    assert lexical(["council's"], ["council"], word_weight=1.0)[0, 0] == pytest.approx(1.0)
    assert lexical(["council's"], ["council"], word_weight=0.0)[0, 0] < 1.0


def test_n_grams_are_of_the_padded_word():
    # "<ox>" is no longer than 4: one gram, so a two-letter word still has a row of its own.
    assert lexical(["ox"], ["ox"], word_weight=0.0)[0, 0] == pytest.approx(1.0)
    # 4-grams: "<ox>" against <oxe oxen xen>: nothing shared.
    assert lexical(["ox"], ["oxen"], word_weight=0.0)[0, 0] == 0.0
    # 3-grams: <ox ox> against <ox oxe xen en>: "<ox" shared (IDF 1), the rest rare.
    expected = 1 / math.sqrt((1 + RARE ** 2) * (1 + 3 * RARE ** 2))
    assert lexical(["ox"], ["oxen"], word_weight=0.0, gram_size=3)[0, 0] == pytest.approx(expected)


def test_term_frequency_is_sublinear():
    # a: cats twice (TF 1 + ln 2, IDF RARE), dogs once (IDF 1); b: dogs. Words and 4-grams alike:
    # cosine 1 / sqrt(((1 + ln 2) RARE)^2 + 1).
    expected = 1 / math.sqrt(((1 + math.log(2)) * RARE) ** 2 + 1)
    assert lexical(["Cats cats dogs"], ["Dogs"])[0, 0] == pytest.approx(expected)


def test_idf_counts_every_copy_of_a_repeated_sentence():
    # Three sentences (N = 3): "cats" in all three (IDF 1), "dogs" in one (IDF ln(4/2) + 1).
    rows_a, rows_b = Vectorizer().fit_transform(["Cats", "Cats"], ["Cats dogs"])
    assert (rows_a[0].toarray() == rows_a[1].toarray()).all()
    expected = 1 / math.sqrt(1 + (math.log(2) + 1) ** 2)
    assert cosine(rows_a, rows_b)[:, 0] == pytest.approx([expected, expected])


def test_lexical_cosine_is_symmetric_and_rows_are_unit_length():
    texts_a = ["The council approved the budget.", "Opponents said libraries lose hours.", "It was."]
    texts_b = ["Councillors approved a budget on Tuesday.", "Libraries will open less often."]
    forward = lexical(texts_a, texts_b)
    backward = lexical(texts_b, texts_a)
    assert forward == pytest.approx(backward.T)
    rows_a, rows_b = Vectorizer().fit_transform(texts_a, texts_b)
    norms = np.linalg.norm(np.vstack([rows_a.toarray(), rows_b.toarray()]), axis=1)
    assert norms == pytest.approx([1.0, 1.0, 0.0, 1.0, 1.0])
    assert 0 < forward[0, 0] < 1 and forward[0, 0] > forward[0, 1]


# join_rows, joined_cosine


ROWS_A, ROWS_B = Vectorizer().fit_transform(
    ["Oslo", "The harbour authority closed the pier.", "A crane collapsed on Monday.", "It was."],
    ["OSLO — The harbour authority closed the pier after a crane collapsed.", "Nobody was hurt."],
)
WEIGHTS_A = np.array([1.0, 2.5, 2.0, 1.5])
WEIGHTS_B = np.array([3.0, 1.7])


def summed(rows, group, weights=None) -> np.ndarray:
    dense = rows.toarray()
    return sum((1.0 if weights is None else weights[k]) * dense[k] for k in group) + np.zeros(dense.shape[1])


def plain_cosine(x: np.ndarray, y: np.ndarray) -> float:
    norm = np.linalg.norm(x) * np.linalg.norm(y)
    return 0.0 if norm == 0 else float(x @ y / norm)


def test_join_rows_null_cases():
    assert join_rows(ROWS_A, []).shape == (0, ROWS_A.shape[1])
    assert join_rows(ROWS_A, [[]]).nnz == 0  # an empty group is a zero row, not NaN
    assert join_rows(ROWS_A, [[3]]).nnz == 0  # a row without content words stays zero
    # One row alone is itself (already unit length).
    assert join_rows(ROWS_A, [[1]]).toarray() == pytest.approx(ROWS_A[1].toarray())


def test_join_rows_is_the_normalised_weighted_sum_of_the_group():
    groups = [[0, 1], [1, 2, 3], [2]]
    for weights in (None, WEIGHTS_A):
        joined = join_rows(ROWS_A, groups, weights).toarray()
        for row, group in zip(joined, groups):
            expected = summed(ROWS_A, group, weights)
            assert row == pytest.approx(expected / np.linalg.norm(expected))


def test_joined_cosine_null_cases():
    assert joined_cosine(ROWS_A, [], ROWS_B, [0]) == 0.0
    assert joined_cosine(ROWS_A, [3], ROWS_B, [0]) == 0.0  # no content word: 0, not a division by zero
    # One sentence each side: the plain cosine of the two rows, whatever the weights.
    single = cosine(ROWS_A, ROWS_B)
    assert joined_cosine(ROWS_A, [1], ROWS_B, [0]) == pytest.approx(single[1, 0])
    assert joined_cosine(ROWS_A, [1], ROWS_B, [0], WEIGHTS_A, WEIGHTS_B) == pytest.approx(single[1, 0])


@pytest.mark.parametrize("group_a, group_b", [([0, 1], [0]), ([1, 2], [0]), ([0, 1, 2, 3], [0, 1]), ([2], [0, 1])])
@pytest.mark.parametrize("weighted", [False, True])
def test_joined_cosine_is_the_cosine_of_the_summed_rows(group_a, group_b, weighted):
    weights_a, weights_b = (WEIGHTS_A, WEIGHTS_B) if weighted else (None, None)
    expected = plain_cosine(summed(ROWS_A, group_a, weights_a), summed(ROWS_B, group_b, weights_b))
    assert joined_cosine(ROWS_A, group_a, ROWS_B, group_b, weights_a, weights_b) == pytest.approx(expected, abs=1e-12)
    assert joined_cosine(ROWS_B, group_b, ROWS_A, group_a, weights_b, weights_a) == pytest.approx(expected, abs=1e-12)


def test_reading_the_dateline_with_the_lede_scores_higher_against_the_joined_sentence():
    alone = joined_cosine(ROWS_A, [1], ROWS_B, [0])
    together = joined_cosine(ROWS_A, [0, 1, 2], ROWS_B, [0])
    assert together > alone
    # Order within a group does not matter, and a repeated member counts twice.
    assert joined_cosine(ROWS_A, [2, 0, 1], ROWS_B, [0]) == pytest.approx(together)
    twice = plain_cosine(summed(ROWS_A, [1, 1, 2]), summed(ROWS_B, [0]))
    assert joined_cosine(ROWS_A, [1, 1, 2], ROWS_B, [0]) == pytest.approx(twice)


# anchors, anchor_rows


def test_anchors_null_cases():
    assert anchors("") == []
    assert anchors("The vote was close.") == []  # the first word is no name
    assert anchors("Oslo") == []


def test_anchors_are_numbers_as_written_then_names_folded():
    assert anchors("Talks in Oslo ended 5-2 at 10:42 after 1,200 votes and 4.2 hours in 2024.") == [
        "5-2", "10:42", "1,200", "4.2", "2024", "oslo"]
    # Stopwords, single letters and the sentence's first word (even after a quote) are no names;
    # a possessive is dropped, accents and curly apostrophes are folded.
    assert anchors("Then I met Mr Smith and Plan B in Zürich with Lindqvist’s team.") == [
        "smith", "plan", "zurich", "lindqvist"]
    assert anchors("“Nobody,” said O'Brien's aide to The Times.") == ["o'brien", "times"]


def test_anchor_rows_null_cases():
    rows_a, rows_b = anchor_rows([], [])
    assert rows_a.shape[0] == 0 and rows_b.shape[0] == 0
    rows_a, rows_b = anchor_rows(["Nothing to see here."], ["Nothing at all."])
    assert rows_a.nnz == 0 and rows_b.nnz == 0
    assert cosine(rows_a, rows_b)[0, 0] == 0.0


def test_anchor_rows_by_hand():
    # a: {bergen, oslo}, b: {oslo}. oslo in both (IDF 1), bergen in one (IDF RARE): 1 / sqrt(1 + RARE^2).
    rows_a, rows_b = anchor_rows(["Talks in Oslo and Bergen."], ["Talks in Oslo."])
    assert cosine(rows_a, rows_b)[0, 0] == pytest.approx(1 / math.sqrt(1 + RARE ** 2))
    # Counts are binary: a name said twice is one anchor; case does not matter.
    rows_a, rows_b = anchor_rows(["Talks in Oslo, then Oslo again."], ["Ministers met in OSLO."])
    assert cosine(rows_a, rows_b)[0, 0] == pytest.approx(1.0)
    # A shared number anchors, a different one does not. N = 3: a {5-2, friday}, b {5-2}, {4-2};
    # IDF of 5-2 (df 2) is ln(4/3) + 1, of friday (df 1) ln(4/2) + 1.
    rows_a, rows_b = anchor_rows(["It won 5-2 on Friday."], ["The score: 5-2.", "The score: 4-2."])
    shared, friday = math.log(4 / 3) + 1, math.log(2) + 1
    assert cosine(rows_a, rows_b)[0].tolist() == pytest.approx([shared / math.hypot(shared, friday), 0.0])


# dense_scores, pair_scores


TEXTS_A = ["Cats sleep.", "Dogs bark loudly.", "Birds sing at dawn.", "It was."]
TEXTS_B = ["The dogs barked.", "Cats sleep all day.", "A fox."]


def test_dense_scores_null_cases():
    rows_a, rows_b = Vectorizer().fit_transform([], TEXTS_B)
    scores = dense_scores(rows_a, rows_b)
    assert scores.shape == (0, 3) and scores.dtype == np.float32
    rows_a, rows_b = Vectorizer().fit_transform(TEXTS_A, [])
    assert dense_scores(rows_a, rows_b).shape == (4, 0)


def test_dense_scores_are_every_cosine_in_any_chunk_size():
    rows_a, rows_b = Vectorizer().fit_transform(TEXTS_A, TEXTS_B)
    expected = rows_a.toarray() @ rows_b.toarray().T
    for chunk_cells in (1, 3, 7, 1_000_000):
        scores = dense_scores(rows_a, rows_b, chunk_cells=chunk_cells)
        assert scores.dtype == np.float32
        assert scores == pytest.approx(expected.astype(np.float32), abs=1e-6)
    assert scores.argmax(axis=1)[:2].tolist() == [1, 0]
    assert scores[3].tolist() == [0.0, 0.0, 0.0] and scores[:, 2].tolist() == [0.0] * 4


def test_pair_scores_null_case_and_listed_pairs():
    rows_a, rows_b = Vectorizer().fit_transform(TEXTS_A, TEXTS_B)
    assert pair_scores(rows_a, rows_b, np.array([], dtype=int), np.array([], dtype=int)).shape == (0,)
    ia, jb = np.array([0, 1, 1, 3, 0]), np.array([1, 0, 1, 0, 1])
    full = rows_a.toarray() @ rows_b.toarray().T
    assert pair_scores(rows_a, rows_b, ia, jb) == pytest.approx(full[ia, jb], abs=1e-12)


# containment


def test_containment_null_cases():
    assert containment("", "") == 0.0
    assert containment("", "Cats sleep.") == 0.0
    assert containment("Cats sleep.", "") == 0.0
    # Stopwords only: 1 when every word occurs in the whole, else 0.
    assert containment("It was.", "It was over.") == 1.0
    assert containment("It was.", "She is.") == 0.0


def test_containment_is_the_length_weighted_share_of_stems_found():
    # Stems cat (3), chase (5), mice (4); only cat is in the whole: 3 / 12.
    assert containment("Cats chase mice", "The cat sleeps") == 0.25
    # The other way: cat (3), sleep (5); cat found: 3 / 8.
    assert containment("The cat sleeps", "Cats chase mice") == 3 / 8
    assert containment("Cats chase mice", "mice chased by a CAT") == 1.0
    # A repeated stem counts each time it occurs in the part.
    assert containment("Cats cats dogs", "cat") == 6 / 9


def test_the_vectorizer_counts_the_words_of_each_distinct_text_in_order_of_first_sight():
    vectorizer = Vectorizer()
    vectorizer.fit_transform(["Cats and dogs.", "It's late", "Cats and dogs."], ["", "It's late"])
    assert vectorizer.word_counts.tolist() == [3, 2, 0]  # stopwords count: sentences weigh by length
