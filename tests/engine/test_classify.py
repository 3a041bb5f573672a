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
    assert classify(a, b)[0] is kind


def test_case_counts_unless_ignored():
    assert classify("BEIJING is cold.", "Beijing is cold.")[0] is Kind.EDITED
    assert classify("BEIJING is cold.", "Beijing is cold.", Params(ignore_case=True))[0] is Kind.IDENTICAL


def test_punctuation_counts_when_asked():
    assert classify("Yes, he said.", "Yes he said.")[0] is Kind.IDENTICAL
    assert classify("Yes, he said.", "Yes he said.", Params(ignore_punctuation=False))[0] is Kind.EDITED


def test_scores_are_between_0_and_1_and_order_by_closeness():
    close = classify("The bridge reopens on Monday.", "The bridge reopens on Tuesday.")[1]
    far = classify("The bridge reopens on Monday.", "On Monday, traffic may cross the repaired span again.")[1]
    assert 0.0 <= far < close < 1.0
    assert classify("Same.", "Same.")[1] == 1.0
