"""Kinds of links on small pairs."""
import pytest

from viewer.engine.classify import classify
from viewer.engine.model import Kind
from viewer.engine.params import Params


@pytest.mark.parametrize(
    "a, b, kind",
    [
        ("He said “no” on Monday.", 'He said "no" on Monday', Kind.IDENTICAL),
        ("The  council met.", "The council met.", Kind.IDENTICAL),
        ("Members voted to repair the old footbridge.", "Members voted to repair the historic footbridge.",
         Kind.EDITED),
        ("The work will cost about 80,000 dollars and take four months.",
         "Repairs are expected to take four months and cost roughly 80,000 dollars.", Kind.PARAPHRASE),
        ("The meeting gives Putin and Xi a chance to show they have powerful partners at a time of strained "
         "relations with Washington, said Joseph Torigian, an expert in Chinese-Russian relations at American "
         "University in Washington.",
         "Torigian is an expert at American University.", Kind.PARTIAL),
    ],
)
def test_kinds(a, b, kind):
    assert classify(a, b) is kind


def test_case_counts_unless_ignored():
    assert classify("BEIJING is cold.", "Beijing is cold.") is Kind.EDITED
    assert classify("BEIJING is cold.", "Beijing is cold.", Params(ignore_case=True)) is Kind.IDENTICAL


def test_punctuation_counts_when_asked():
    assert classify("Yes, he said.", "Yes he said.") is Kind.IDENTICAL
    assert classify("Yes, he said.", "Yes he said.", Params(ignore_punctuation=False)) is Kind.EDITED


# Kind calibration on pairs like those of the development gold (our own sentences).
@pytest.mark.parametrize(
    "a, b, kind",
    [
        # A short phrase moved to the front: few words change, still an edit.
        ("The mayor opened the bridge last week, but residents said it was too narrow.",
         "Last week, the mayor opened the bridge, but residents said it was too narrow.", Kind.EDITED),
        # Honorifics dropped and a verb swapped: an edit.
        ("The Danish government said Mr. Holm was due to land at noon and speak later with Ms. Berg.",
         "The Danish government stated that Holm would land at noon and speak with Berg later.", Kind.EDITED),
        # A long clause moved to the other end plus new words: most words survive in order, yet it
        # reads as a rewrite, and the gold calls such pairs paraphrases.
        ("In a show of strength, the union marched through the old harbour and the occupied square of the "
         "town hall to mark the tenth anniversary of the strike that closed the shipyard.",
         "The union marched through the old harbour and the occupied square of the town hall over the weekend "
         "in a show of strength to commemorate the tenth anniversary of the shipyard closing strike.",
         Kind.PARAPHRASE),
        # One side keeps two thirds of the other and drops the attribution: partial.
        ("The vote gives the council a chance to show it can govern at a time of strained budgets, said Ana "
         "Ruiz, a lecturer in public finance at the University of Leeds.",
         "The vote gives the council a chance to show it can govern at a time of strained budgets.",
         Kind.PARTIAL),
    ],
)
def test_calibrated_kinds(a, b, kind):
    assert classify(a, b) is kind
    assert classify(b, a) is kind


def test_a_long_sentence_with_a_few_local_edits_is_edited():
    # Fifteen changed words are many for a short sentence but few in a long one.
    a = ("The regional council voted on Tuesday evening to approve a plan that would repair the old harbour wall, "
         "widen the coastal road between Saltmere and Brenton, build two new bus shelters near the market square, "
         "and set aside money for a study of flood risks along the river over the next three years.")
    b = ("The regional council voted on Wednesday night to approve a scheme that would repair the historic harbour "
         "wall, widen the coast road between Saltmere and Brenton, build three new bus shelters close to the market "
         "square, and set aside funds for a survey of flood risks along the river over the coming three years.")
    assert classify(a, b) is Kind.EDITED
