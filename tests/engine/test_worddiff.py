"""Word diffs inside a link: exact ops, normalisation, and the rebuild invariant."""
import random

import pytest

from viewer.engine.model import Op
from viewer.engine.params import Params
from viewer.engine.worddiff import anchored_diff, rebuild, word_diff


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


def test_text_between_a_links_sentences_is_in_no_op():
    # Page furniture between the two sentences of a merge: the ops read the sentences and the
    # whitespace after the first, never the furniture.
    text_a = "One fire.\nAdvertisement\nTwo crews."
    text_b = "One fire and two crews."
    ops = word_diff(text_a, [(0, 9), (24, 34)], text_b, [(0, 23)])
    assert rebuild(text_a, text_b, ops) == ("One fire.\nTwo crews.", text_b)
    assert all(op.a_end <= 10 or op.a_start >= 24 for op in ops)
    assert not ops.coarse


def test_long_texts_are_not_given_up_on_and_not_coarse():
    words = [f"w{k}" for k in range(6000)]
    a = " ".join(words)
    b = " ".join(words[:3000] + ["changed"] + words[3001:])
    assert not diff(a, b).coarse


def test_a_very_long_sentence_against_a_reordering_of_its_words_is_diffed_coarsely():
    # diff-match-patch took minutes here (time grows with length times differences).
    rng = random.Random(16)
    words = [rng.choice(["fire", "harbour", "crews", "night", "the", "smoke", "town", "homes"]) for _ in range(16_000)]
    a = " ".join(words)
    rng.shuffle(words)
    b = " ".join(words)
    ops = diff(a, b)
    assert ops.coarse
    assert rebuild(a, b, ops) == (a, b)


def test_a_long_shuffle_of_distinct_words_is_cut_at_them_not_coarse():
    rng = random.Random(4)
    words = [f"w{k}" for k in range(4000)]
    a = " ".join(words)
    rng.shuffle(words)
    b = " ".join(words)
    ops = diff(a, b)
    assert not ops.coarse
    assert rebuild(a, b, ops) == (a, b)
    assert sum(op.tag == "=" and op.a_end - op.a_start > 1 for op in ops) > 50  # words kept, not spaces only


@pytest.mark.parametrize("seed", range(30))
def test_anchored_diff_rebuilds_both_strings(seed):
    rng = random.Random(seed)
    a = "".join(rng.choice("abcdefgh") for _ in range(rng.randint(0, 60)))
    b = "".join(rng.choice("abcdefghij") for _ in range(rng.randint(0, 60)))
    diffs, _ = anchored_diff(a, b, piece=rng.randint(1, 8), depth=rng.randint(0, 4))
    assert "".join(t for op, t in diffs if op <= 0) == a
    assert "".join(t for op, t in diffs if op >= 0) == b
    assert all(t for _, t in diffs) and all(x[0] != y[0] for x, y in zip(diffs, diffs[1:]))


def test_anchored_diff_cuts_at_codes_found_once_on_each_side():
    diffs, coarse = anchored_diff("xAyyBz", "qAwwBz", piece=2)
    assert diffs == [(-1, "x"), (1, "q"), (0, "A"), (-1, "yy"), (1, "ww"), (0, "Bz")]
    assert not coarse
    # Nothing found once on each side: the piece is replaced whole, coarse where they share a code.
    assert anchored_diff("aabb", "bbaa", piece=2) == ([(-1, "aabb"), (1, "bbaa")], True)
    assert anchored_diff("aabb", "ccdd", piece=2) == ([(-1, "aabb"), (1, "ccdd")], False)


def _edited_codes(rng: random.Random) -> tuple[str, str]:
    """A string of private-use codes (as word_diff makes) and an edit of it: deletions,
    insertions and reversed stretches (clauses moved), at lengths up to a long sentence's."""
    alphabet = [chr(0xE000 + i) for i in range(rng.choice([4, 20, 200]))]
    a = [rng.choice(alphabet) for _ in range(rng.randint(1, rng.choice([3, 10, 30, 120])))]
    b = list(a)
    for _ in range(rng.randint(0, len(a))):
        roll = rng.random()
        if roll < 0.3 and b:
            del b[rng.randrange(len(b))]
        elif roll < 0.6:
            b.insert(rng.randint(0, len(b)), rng.choice(alphabet))
        elif len(b) > 1:
            i, j = sorted(rng.sample(range(len(b) + 1), 2))
            b[i:j] = b[i:j][::-1]
    return "".join(a), "".join(b)


def test_the_compiled_diff_gives_the_pure_python_diffs():
    """fast_diff_match_patch (the C++ port) stands in for diff-match-patch only if every diff is the same."""
    pytest.importorskip("fast_diff_match_patch")
    from viewer.engine.worddiff import _dmp_diff

    rng = random.Random(13)
    for _ in range(400):
        a, b = _edited_codes(rng)
        if a and b:
            assert [tuple(d) for d in _dmp_diff(a, b, fast=False)] == _dmp_diff(a, b), (a, b)
