"""Evidence and scores of sentence pairs, with and without the semantic model."""
from __future__ import annotations

import functools
import warnings

import numpy as np
import pytest

from viewer.engine.loading import load_text
from viewer.engine.model import Kind
from viewer.engine.params import Params
from viewer.engine.pipeline import LEXICAL_ONLY, compare
from viewer.engine.scoring import Scorer, embedder_for, probability
from viewer.engine.sparse import product
from viewer.engine.transformer import rescore

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
    scores = probability(_scorer(WIRE, RETOLD, semantic=semantic).block(0, 4, 0, 4))
    assert list(scores.argmax(axis=1)) == [0, 1, 2, 3]
    assert list(scores.argmax(axis=0)) == [0, 1, 2, 3]


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


def test_scores_match_single_pair_and_joined_evidence():
    scorer = _scorer(WIRE, RETOLD)
    scores = scorer.scores([([0], [0]), ([1, 2], [1, 2])])
    assert scores[0] == pytest.approx(float(probability(scorer.pairs([0], [0])[0])))
    assert scores[1] == pytest.approx(float(probability(scorer.joined([1, 2], [1, 2]))))
    assert np.all((0 < scores) & (scores < 1))


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


class FakeTransformer:
    """Stands in for a sentence-transformer: sentences of one group get the same unit vector."""

    def __init__(self, groups: list[list[str]]):
        self.group_of = {text: g for g, texts in enumerate(groups) for text in texts}
        self.dims = len(groups) + 1
        self.seen: list[str] = []

    def encode(self, sentences, progress=None, cancelled=None):
        self.seen += list(sentences)
        out = np.zeros((len(sentences), self.dims), dtype=np.float32)
        for k, text in enumerate(sentences):
            out[k, self.group_of.get(text, self.dims - 1)] = 1.0
        if progress is not None:
            progress(1.0)
        return out


def test_only_uncertain_pairs_are_rescored_and_a_confirmed_pair_rises():
    texts_a = [WIRE[0], "No one was inside the building when the fire started."]
    texts_b = [WIRE[0], "The building was empty when the blaze began."]
    scorer = _scorer(texts_a, texts_b)
    before = scorer.pairs([0, 1], [0, 1])
    fake = FakeTransformer([[texts_a[1], texts_b[1]]])
    assert scorer.rescore_uncertain(functools.partial(rescore, encoder=fake), Params()) >= 1
    after = scorer.pairs([0, 1], [0, 1])
    assert after[0] == before[0]            # identical pair: sure already, never sent
    assert WIRE[0] not in fake.seen
    assert after[1] > before[1]             # the transformer vouches for the paraphrase
    assert scorer.block(0, 2, 0, 2)[1, 1] == pytest.approx(after[1])


def test_the_pipeline_uses_a_transformer_only_when_asked(monkeypatch):
    from viewer.engine import pipeline

    fake = FakeTransformer([[WIRE[i], RETOLD[i]] for i in range(4)])
    monkeypatch.setattr(pipeline, "rescorer_for",
                        lambda params, progress=None: functools.partial(rescore, encoder=fake) if params.transformer else None)
    versions = [load_text("\n".join(WIRE) + "\n", "a"), load_text("\n".join(RETOLD) + "\n", "b")]
    alone = {(link.a, link.b): link.score for link in compare(versions).pairs[0].links}
    assert fake.seen == []
    messages = []
    comparison = compare(versions, Params(transformer=True), progress=lambda f, m: messages.append(m))
    assert fake.seen
    assert any(m.startswith("Re-scoring uncertain pairs of b") for m in messages)
    helped = {(link.a, link.b): link.score for link in comparison.pairs[0].links}
    # The sure pair is never sent; the uncertain ones the transformer vouches for rise.
    assert helped[(0,), (0,)] == alone[(0,), (0,)]
    rescored = [pair for pair in alone if pair != ((0,), (0,))]
    assert rescored and all(helped[pair] > alone[pair] for pair in rescored)


@pytest.mark.parametrize(
    "a, b",
    [("The mayor said 141 homes burned.", "The mayor said 123 homes burned."),
     ("The mayor spoke.", "The mayor spoke today.")],
)
def test_one_sentence_texts_get_a_confident_link(a, b):
    # A lone candidate is no rival evidence either way: the pair's own words decide.
    link, = compare([load_text(a + "\n", "a"), load_text(b + "\n", "b")]).pairs[0].links
    assert link.kind is Kind.EDITED
    assert link.score > 0.9


def test_two_sentences_merged_into_one_short_one():
    pair = compare([load_text("A fire burned. It was big.\n", "a"), load_text("A big fire burned.\n", "b")]).pairs[0]
    assert [(link.a, link.b) for link in pair.links] == [((0, 1), (0,))]


def test_an_identical_one_sentence_text_scores_the_same_read_alone_or_joined():
    scorer = _scorer(["The quay is closed."], ["The quay is closed."])
    assert scorer.joined([0], [0]) == pytest.approx(scorer.pairs([0], [0])[0])
    assert scorer.block(0, 1, 0, 1)[0, 0] == pytest.approx(scorer.pairs([0], [0])[0])


def test_asking_for_a_missing_transformer_says_so(monkeypatch):
    from viewer.engine import pipeline

    monkeypatch.setattr(pipeline, "rescorer_for", lambda params, progress=None: None)
    versions = [load_text("\n".join(WIRE) + "\n", "a"), load_text("\n".join(RETOLD) + "\n", "b")]
    assert compare(versions, Params(transformer=True)).notes == (pipeline.NO_TRANSFORMER,)
    assert compare(versions).notes == ()


@pytest.mark.parametrize("semantic", [True, False])
def test_windows_read_consecutive_sentences_together_as_joined_does(semantic):
    scorer = _scorer(WIRE, RETOLD[:3], semantic=semantic)
    for ka, kb in ((1, 1), (2, 1), (1, 2), (3, 1), (1, 3)):
        shape = (4 - ka + 1, 3 - kb + 1)
        everywhere = tuple(k.ravel() for k in np.indices(shape))
        windows = scorer.windows(0, 4, 0, 3, ka, kb, everywhere).reshape(shape)
        for i, j in np.ndindex(*shape):
            expected = scorer.joined(range(i, i + ka), range(j, j + kb))
            if ka == kb == 1:
                expected = scorer.block(0, 4, 0, 3)[i, j]
            assert windows[i, j] == pytest.approx(expected, abs=1e-4)
    # A part of a block: window starts count from its first sentences.
    assert scorer.windows(1, 3, 1, 3, 2, 1, (np.array([0]), np.array([1])))[0] == pytest.approx(
        scorer.joined([1, 2], [2]), abs=1e-4)
    assert scorer.windows(0, 4, 0, 3, 2, 1, (np.array([], dtype=int), np.array([], dtype=int))).shape == (0,)


def test_two_sentences_a_retelling_folds_into_one_score_higher_together():
    wire = ["The council met on Tuesday.", "It approved a budget of 4.2 million dollars.",
            "The vote was seven to two.", "The mayor will sign it next week."]
    retold = ["On Tuesday the council said yes to spending 4.2 million dollars.",
              "Seven backed it and two did not.", "Next week the mayor puts her name to it."]
    scorer = _scorer(wire, retold)
    joined = scorer.windows(0, 4, 0, 3, 2, 1, (np.array([0]), np.array([0])))[0]
    assert joined > max(scorer.block(0, 4, 0, 3)[0, 0], scorer.block(0, 4, 0, 3)[1, 0])


def test_joined_cosine_is_the_cosine_of_the_joined_rows():
    from viewer.engine.similarity import Vectorizer, join_rows, joined_cosine

    rows_a, rows_b = Vectorizer(0.5).fit_transform(WIRE, RETOLD)
    weights = np.array([1.0, 2.0, 1.5, 3.0])
    for group_a, group_b in (([0], [0]), ([0, 1], [0]), ([1, 2, 3], [1, 2]), ([3], [0, 3])):
        expected = product(join_rows(rows_a, [group_a], weights), join_rows(rows_b, [group_b], weights))[0, 0]
        assert joined_cosine(rows_a, group_a, rows_b, group_b, weights, weights) == pytest.approx(expected, abs=1e-9)
    # Rows with nothing in them (no content word) are at cosine 0, not a division by zero.
    empty_a, empty_b = Vectorizer(0.5).fit_transform(["It was."], ["It is."])
    assert joined_cosine(empty_a, [0], empty_b, [0]) == 0.0


@pytest.mark.parametrize("semantic", [True, False])
def test_blocks_not_kept_from_prepare_are_scored_again_to_the_bit(semantic):
    """Params.kept_block_cells bounds memory only: a block given up after prepare is read again
    from the same window, with the same evidence and the same uncertain pairs."""
    blocks = [(0, 2, 0, 2), (2, 4, 2, 4)]
    scorers = []
    for kept in (10**6, 0):
        scorer = Scorer(WIRE, RETOLD, Params(kept_block_cells=kept), embedder_for(Params()) if semantic else None)
        scorer.prepare(blocks)
        scorers.append(scorer)
    kept, dropped = scorers
    assert len(kept._blocks) == 2 and not dropped._blocks
    for a, b in zip(kept.uncertain_pairs((0.0, 1.0)), dropped.uncertain_pairs((0.0, 1.0))):
        assert a.tolist() == b.tolist() and len(a) == 8
    for block in blocks:
        assert np.array_equal(kept.block(*block), dropped.block(*block))
    assert not kept._blocks  # read once, then given up


def test_cells_split_gives_each_region_its_own_cells():
    from viewer.engine.scoring import Cells

    dense = np.array([[0.0, 0.5, 0.0, 0.2], [0.3, 0.0, 0.0, 0.0], [0.0, 0.0, 0.7, 0.1], [0.4, 0.0, 0.0, 0.9]])
    row, col = np.nonzero(dense)
    cells = Cells(row, col, dense[row, col], dense.shape)
    assert cells.split([]) == {}
    for regions in ([(0, 2, 0, 2), (2, 4, 2, 4)], [(0, 1, 1, 4), (1, 3, 0, 3), (3, 4, 0, 0)], [(2, 4, 0, 4), (0, 3, 0, 4)]):
        split = cells.split(regions)
        assert list(split) == regions
        for (r0, r1, c0, c1), part in split.items():
            assert part.shape == (r1 - r0, c1 - c0)
            assert part.toarray().tolist() == dense[r0:r1, c0:c1].tolist()
