"""Evidence and confidence of sentence pairs, with and without the semantic model."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from viewer.engine.loading import load_text
from viewer.engine.model import Kind
from viewer.engine.params import Params
from viewer.engine.pipeline import LEXICAL_ONLY, compare
from viewer.engine.scoring import Scorer, embedder_for, probability

WIRE = [
    "The city council approved a budget of 4.2 million dollars on Tuesday.",
    "The vote was seven to two.",
    "Opponents said the plan cuts library hours.",
    "The mayor will sign the budget next week.",
]
RETOLD = [
    "On Tuesday, councillors said yes to spending 4.2 million dollars.",
    "Seven members backed it and two were against.",
    "People who voted no warned that libraries would open less often.",
    "Next week the mayor is expected to put her name to the plan.",
]


def _scorer(texts_a, texts_b, params=Params(), semantic=True):
    scorer = Scorer(texts_a, texts_b, params, embedder_for(params) if semantic else None)
    scorer.prepare([(0, len(texts_a), 0, len(texts_b))])
    return scorer


@pytest.mark.parametrize("semantic", [True, False])
def test_a_retelling_scores_each_sentence_highest_with_its_counterpart(semantic):
    chances = probability(_scorer(WIRE, RETOLD, semantic=semantic).block(0, 4, 0, 4))
    assert list(chances.argmax(axis=1)) == [0, 1, 2, 3]
    assert list(chances.argmax(axis=0)) == [0, 1, 2, 3]


def test_probabilities_run_from_near_certain_to_unlikely():
    scorer = _scorer(WIRE, [WIRE[0], "The zoo bought penguins from Chile.", WIRE[2], WIRE[3]])
    same, unrelated = probability(scorer.pairs([0, 1], [0, 1]))
    assert same > 0.95
    assert unrelated < 0.2


def test_reading_sentences_together_weighs_them_by_length():
    # A one-word dateline joined to a long lede must not swamp the lede's words.
    texts_a = ["Oslo", "The harbour authority closed the northern pier after a crane collapsed on Monday."]
    texts_b = ["OSLO — The harbour authority closed the northern pier after a crane collapsed on Monday."]
    scorer = _scorer(texts_a, texts_b)
    assert scorer.joined([0, 1], [0]) > scorer.joined([1], [0])


def test_confidences_match_single_pair_and_joined_evidence():
    scorer = _scorer(WIRE, RETOLD)
    chances = scorer.confidences([([0], [0]), ([1, 2], [1, 2])])
    assert chances[0] == pytest.approx(float(probability(scorer.pairs([0], [0])[0])))
    assert chances[1] == pytest.approx(float(probability(scorer.joined([1, 2], [1, 2]))))
    assert np.all((0 < chances) & (chances < 1))


def test_without_the_model_the_engine_matches_on_words_and_says_so(no_model):
    # A missing model file: one warning, a note on the comparison, and a lexical alignment.
    versions = [load_text("\n".join(WIRE) + "\n", "wire"),
                load_text("\n".join(WIRE[:2] + ["The vote was not close."] + WIRE[3:]) + "\n", "copy")]
    with pytest.warns(RuntimeWarning, match="semantic model unavailable"):
        comparison = compare(versions)
    assert comparison.notes == (LEXICAL_ONLY,)
    pair = comparison.pairs[0]
    assert [(link.a, link.b, link.kind) for link in pair.links if link.kind is Kind.IDENTICAL] == [
        ((0,), (0,), Kind.IDENTICAL), ((1,), (1,), Kind.IDENTICAL), ((3,), (3,), Kind.IDENTICAL)]


def test_switching_the_model_off_gives_no_note_and_no_warning():
    versions = [load_text("\n".join(WIRE) + "\n", "a"), load_text("\n".join(RETOLD) + "\n", "b")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        comparison = compare(versions, Params(semantic=False))
    assert comparison.notes == ()


def test_the_shipped_model_gives_no_note():
    versions = [load_text("\n".join(WIRE) + "\n", "a"), load_text("\n".join(RETOLD) + "\n", "b")]
    assert compare(versions).notes == ()
