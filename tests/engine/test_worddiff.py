"""Word diffs inside a link: exact ops, normalisation, and the rebuild invariant."""
import pytest

from viewer.engine.model import Op
from viewer.engine.params import Params
from viewer.engine.worddiff import rebuild, word_diff


def diff(a, b, params=Params()):
    return word_diff(a, [(0, len(a))], b, [(0, len(b))], params)


def test_identical_text_is_one_equal_op():
    assert diff("Same words.", "Same words.") == (Op("=", 0, 11, 0, 11),)


def test_one_word_replaced():
    a, b = "Members voted to repair the old footbridge.", "Members voted to repair the historic footbridge."
    assert diff(a, b) == (
        Op("=", 0, 28, 0, 28),
        Op("-", 28, 31, 28, 28),
        Op("+", 31, 31, 28, 36),
        Op("=", 31, 43, 36, 48),
    )


def test_whole_words_never_half_words():
    a, b = "The council said yes.", "The councillor said yes."
    changed = [(op.tag, (a if op.tag == "-" else b)[op.a_start if op.tag == "-" else op.b_start:
                                                       op.a_end if op.tag == "-" else op.b_end])
               for op in diff(a, b) if op.tag != "="]
    assert changed == [("-", "council"), ("+", "councillor")]


def test_quote_style_is_equal_when_ignored():
    a, b = "He said “no” today.", 'He said "no" today.'
    assert [op.tag for op in diff(a, b)] == ["="]
    assert [op.tag for op in diff(a, b, Params(ignore_quotes=False))] == ["=", "-", "+", "="]


def test_case_is_equal_only_when_ignored():
    assert [op.tag for op in diff("BEIJING said", "Beijing said", Params(ignore_case=True))] == ["="]
    assert [op.tag for op in diff("BEIJING said", "Beijing said")] == ["-", "+", "="]


def test_several_sentences_per_side_use_absolute_offsets():
    text_a = "xx One. Two. yy"
    text_b = "One. Two and three."
    ops = word_diff(text_a, [(3, 7), (8, 12)], text_b, [(0, 19)])
    assert rebuild(text_a, text_b, ops) == ("One. Two.", "One. Two and three.")
    assert ops[0] == Op("=", 3, 11, 0, 8)


@pytest.mark.parametrize(
    "a, b",
    [
        ("", "Added from nothing."),
        ("Dropped to nothing.", ""),
        ("Beijing called for a cease-fire last month.", "Last month, Beijing called for a cease-fire."),
        ("A  double  space,\tand a tab.", "A double space, and no tab!"),
        ("Prices rose 12% — the third rise.", "Prices rose 15%, the fourth rise this year."),
    ],
)
def test_ops_rebuild_both_texts(a, b):
    ops = diff(a, b)
    assert rebuild(a, b, ops) == (a, b)
    for op in ops:
        assert op.a_start <= op.a_end and op.b_start <= op.b_end
        if op.tag == "-":
            assert op.b_start == op.b_end
        if op.tag == "+":
            assert op.a_start == op.a_end


def test_long_texts_are_not_given_up_on():
    # diff-match-patch's default 1 s timeout would return "delete all, insert all" here.
    words = [f"w{k}" for k in range(6000)]
    a = " ".join(words)
    b = " ".join(words[:3000] + ["changed"] + words[3001:])
    ops = diff(a, b)
    assert [op.tag for op in ops] == ["=", "-", "+", "="]
