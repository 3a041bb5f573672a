"""Collated rows a reader can trust, for any pairwise links: every column reads in its version's
order (moved links apart), a row holds only linked sentences, every sentence sits in one row."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from viewer.engine.collate import collate
from viewer.engine.invariants import collation_violations, violations
from viewer.engine.loading import load_file, load_text
from viewer.engine.model import Kind, Link, Pair, Sentence, Version
from viewer.engine.params import Params
from viewer.engine.pipeline import compare

DATA = Path(__file__).resolve().parent.parent / "data" / "collate"
LEXICAL = Params(semantic=False)


def make_version(name: str, texts: list[str], furniture: set[int] = frozenset()) -> Version:
    """A version with one sentence per text (no segmenter: the test decides the sentences)."""
    sentences, start = [], 0
    for k, text in enumerate(texts):
        sentences.append(Sentence(start, start + len(text), k, k in furniture))
        start += len(text) + 1
    return Version(name, "\n".join(texts), tuple(sentences))


def make_pair(base: Version, version: Version, a: int, b: int, links) -> Pair:
    """A pair from (base sentences, version sentences, moved[, score]) tuples; the rest omitted or added."""
    made = []
    for entry in links:
        ia, jb, moved, *score = entry
        made.append(Link(tuple(ia), tuple(jb), Kind.EDITED, score[0] if score else 0.8, moved))
    linked_a = {i for link in made for i in link.a}
    linked_b = {j for link in made for j in link.b}
    return Pair(a, b, tuple(made),
                tuple(i for i, s in enumerate(base.sentences) if i not in linked_a and not s.furniture),
                tuple(j for j, s in enumerate(version.sentences) if j not in linked_b and not s.furniture))


def assert_trustworthy(versions, base, pairs, rows):
    """The three promises of collate(), checked from the outside."""
    assert collation_violations(versions, base, pairs, rows) == []


def cells(rows):
    return [row.cells for row in rows]


# --- exact rows on hand-made links ---------------------------------------------------------------

BASE5 = make_version("base", [f"Base sentence number {w} here." for w in ("zero", "one", "two", "three", "four")])
OTHER5 = make_version("other", [f"Other sentence number {w} there." for w in ("zero", "one", "two", "three", "four")])


def test_a_crossing_link_not_marked_moved_gets_its_own_row_in_order():
    # The version's first sentence is linked to the base's last one, yet not marked moved.
    pair = make_pair(BASE5, OTHER5, 0, 1, [((4,), (0,), False), ((0,), (1,), False), ((1,), (2,), False),
                                           ((2,), (3,), False), ((3,), (4,), False)])
    rows = collate([BASE5, OTHER5], 0, [pair], LEXICAL)
    assert cells(rows) == [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), ())]
    assert_trustworthy([BASE5, OTHER5], 0, [pair], rows)


def test_a_moved_link_sits_level_with_its_base_sentence():
    pair = make_pair(BASE5, OTHER5, 0, 1, [((4,), (0,), True), ((0,), (1,), False), ((1,), (2,), False),
                                           ((2,), (3,), False), ((3,), (4,), False)])
    rows = collate([BASE5, OTHER5], 0, [pair], LEXICAL)
    assert cells(rows) == [((0,), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (0,))]


def test_the_longest_in_order_run_stays_on_the_base_rows():
    # Sentences 0-1 point far down, 2-4 point at the top: the run of three keeps its rows.
    pair = make_pair(BASE5, OTHER5, 0, 1, [((3,), (0,), False), ((4,), (1,), False), ((0,), (2,), False),
                                           ((1,), (3,), False), ((2,), (4,), False)])
    rows = collate([BASE5, OTHER5], 0, [pair], LEXICAL)
    assert cells(rows) == [((), (0,)), ((), (1,)), ((0,), (2,)), ((1,), (3,)), ((2,), (4,)), ((3,), ()), ((4,), ())]


def test_a_link_holding_base_sentences_apart_keeps_the_base_in_order():
    # Base sentences 1 and 3 in one link: 2 between them stays on its own row between them.
    pair = make_pair(BASE5, OTHER5, 0, 1, [((0,), (0,), False), ((1, 3), (1,), False), ((2,), (2,), False),
                                           ((4,), (3,), False)])
    rows = collate([BASE5, OTHER5], 0, [pair], LEXICAL)
    assert cells(rows) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,)), ((), (4,))]


def test_a_merge_in_one_pair_joins_neighbouring_base_rows_for_all():
    third = make_version("third", [f"Line {w} of the third." for w in ("zero", "one", "two", "three")])
    merged = make_pair(BASE5, OTHER5, 0, 1, [((0,), (0,), False), ((1, 2), (1,), False), ((3,), (2,), False),
                                             ((4,), (3,), False)])
    # The third version keeps both halves but adds a sentence between them: only one half can
    # share the joined row, the better-scored one; the rest follows on rows of its own, after
    # the base rows the third version omits (deletions before insertions).
    split = make_pair(BASE5, third, 0, 2, [((0,), (0,), False), ((1,), (1,), False, 0.9), ((2,), (3,), False, 0.4)])
    versions = [BASE5, OTHER5, third]
    rows = collate(versions, 0, [merged, split], LEXICAL)
    assert cells(rows) == [((0,), (0,), (0,)), ((1, 2), (1,), (1,)), ((3,), (2,), ()), ((4,), (3,), ()),
                           ((), (4,), ()), ((), (), (2,)), ((), (), (3,))]
    assert_trustworthy(versions, 0, [merged, split], rows)


@pytest.mark.parametrize("second_addition, expected", [
    # Both versions add the sentence in the same place: it sits on one row.
    ("The mayor opened the library.\nChildren from the town sang at the opening ceremony.\nIt cost two million.",
     [((0,), (0,), (0,)), ((), (1,), (1,)), ((1,), (2,), (2,))]),
    # "two" adds it after "It cost two million.": sharing one row would put its last sentence above its second.
    ("The mayor opened the library.\nIt cost two million.\nChildren from the town sang at the opening ceremony.",
     [((0,), (0,), (0,)), ((), (1,), ()), ((1,), (2,), (1,)), ((), (), (2,))]),
])
def test_additions_share_a_row_only_where_both_versions_read_in_order(second_addition, expected):
    base = load_text("The mayor opened the library.\nIt cost two million.", "base")
    one = load_text("The mayor opened the library.\nLocal children sang at the opening ceremony.\n"
                    "It cost two million.", "one")
    two = load_text(second_addition, "two")
    comparison = compare([base, one, two])
    assert cells(comparison.rows) == expected
    assert_trustworthy(comparison.versions, 0, comparison.pairs, comparison.rows)

def test_additions_without_shared_content_words_stay_apart():
    base = make_version("base", ["The summit ended on Tuesday.", "Trade was the main topic."])
    one = make_version("one", ["The summit ended on Tuesday.", "Xi heads to Russia for talks.",
                               "Trade was the main topic."])
    two = make_version("two", ["The summit ended on Tuesday.", "He welcomed China's proposals for peace.",
                               "Trade was the main topic."])
    pairs = [make_pair(base, one, 0, 1, [((0,), (0,), False), ((1,), (2,), False)]),
             make_pair(base, two, 0, 2, [((0,), (0,), False), ((1,), (2,), False)])]
    # Even with the most permissive threshold the two do not share a row: they share no content word.
    rows = collate([base, one, two], 0, pairs, Params(collate_threshold=1e-6))
    assert cells(rows) == [((0,), (0,), (0,)), ((), (1,), ()), ((), (), (1,)), ((1,), (2,), (2,))]


def test_furniture_and_a_version_without_a_pair_still_get_rows():
    base = make_version("base", ["Home | World", "The bridge reopened."], furniture={0})
    one = make_version("one", ["Home | World", "The bridge reopened.", "Advertisement"], furniture={0, 2})
    lonely = make_version("lonely", ["Nothing alike."])
    pairs = [make_pair(base, one, 0, 1, [((1,), (1,), False)])]
    rows = collate([base, one, lonely], 0, pairs, LEXICAL)
    # Furniture never shares a row with another version's; the pairless version comes last.
    assert cells(rows) == [((0,), (), ()), ((), (0,), ()), ((1,), (1,), ()), ((), (2,), ()), ((), (), (0,))]


# --- any links at all -----------------------------------------------------------------------------

VOCABULARY = ("harbour fire crews warehouse dawn blaze hours mayor council budget river bridge "
              "school teachers strike weather storm flood market prices farmers police arrest").split()


def random_version(rng: random.Random, name: str, size: int) -> Version:
    texts = [" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 7))).capitalize() + "."
             for _ in range(size)]
    return make_version(name, texts, furniture={k for k in range(size) if rng.random() < 0.05})


def random_links(rng: random.Random, base: Version, version: Version) -> list:
    """An in-order chain with splits and merges, then crossing links (some marked moved), merges
    of sentences far apart and a few links to furniture-free sentences out of order."""
    free_a = [i for i, s in enumerate(base.sentences) if not s.furniture]
    free_b = [j for j, s in enumerate(version.sentences) if not s.furniture]
    links, i, j = [], 0, 0
    while i < len(free_a) and j < len(free_b):
        step = rng.random()
        if step < 0.15:
            i += 1
        elif step < 0.3:
            j += 1
        else:
            width_a = 2 if step > 0.9 else 1
            width_b = 2 if 0.8 < step <= 0.9 else 1
            links.append((free_a[i:i + width_a], free_b[j:j + width_b], False, round(rng.random(), 3)))
            i, j = i + width_a, j + width_b
    used_a = {x for link in links for x in link[0]}
    used_b = {x for link in links for x in link[1]}
    rest_a = [x for x in free_a if x not in used_a]
    rest_b = [x for x in free_b if x not in used_b]
    rng.shuffle(rest_a)
    rng.shuffle(rest_b)
    while rest_a and rest_b and rng.random() < 0.8:
        ia = [rest_a.pop()]
        if rest_a and rng.random() < 0.2:
            ia.append(rest_a.pop())  # two base sentences, maybe far apart
        jb = [rest_b.pop()]
        if rest_b and rng.random() < 0.2:
            jb.append(rest_b.pop())
        links.append((sorted(ia), sorted(jb), rng.random() < 0.3, round(rng.random(), 3)))
    rng.shuffle(links)
    return links


@pytest.mark.parametrize("seed", range(60))
def test_any_links_give_rows_a_reader_can_trust(seed):
    rng = random.Random(seed)
    count = rng.randint(2, 5)
    versions = [random_version(rng, f"v{v}", rng.randint(0, 25)) for v in range(count)]
    base = rng.randrange(count)
    pairs = [make_pair(versions[base], versions[v], base, v, random_links(rng, versions[base], versions[v]))
             for v in range(count) if v != base]
    rows = collate(versions, base, pairs, Params(semantic=False, collate_threshold=0.05))
    assert_trustworthy(versions, base, pairs, rows)
    row_of = {(v, k): r for r, row in enumerate(rows) for v, cell in enumerate(row.cells) for k in cell}
    for pair in pairs:
        # A one-to-one link wholly before or after every other link of its pair, on a row of one
        # base sentence, keeps that row: dropping it could never let more links stay.
        def clear_of(link, other):
            return ((max(other.a) < link.a[0] and max(other.b) < link.b[0])
                    or (min(other.a) > link.a[0] and min(other.b) > link.b[0]))

        in_order = [link for link in pair.links if len(link.a) == 1 and len(link.b) == 1 and not link.moved
                    and all(clear_of(link, other) for other in pair.links if other is not link)]
        for link in in_order:
            if len(rows[row_of[(base, link.a[0])]].cells[base]) == 1:
                assert row_of[(pair.b, link.b[0])] == row_of[(base, link.a[0])]


# --- end to end: another outlet's story -------------------------------------------------------


def test_another_outlet_opening_sits_above_the_shared_paragraph():
    wire = load_file(DATA / "wire.txt")
    outlet = load_file(DATA / "outlet.txt")
    comparison = compare([wire, outlet])
    assert len(wire.sentences) == 6 and len(outlet.sentences) == 9
    # The wire's own lede, then the outlet's unrelated opening, then the paragraph they share.
    assert cells(comparison.rows) == [
        ((0,), ()), ((1,), ()),
        ((), (0,)), ((), (1,)), ((), (2,)), ((), (3,)), ((), (4,)),
        ((2,), (5,)), ((3,), (6,)), ((4,), (7,)), ((5,), (8,)),
    ]
    assert_trustworthy(comparison.versions, 0, comparison.pairs, comparison.rows)


def test_two_outlets_share_their_opening_and_every_base_reads_in_order():
    versions = [load_file(DATA / name) for name in ("wire.txt", "outlet.txt", "outlet-later.txt")]
    for base in range(3):
        comparison = compare(versions, base=base)
        assert_trustworthy(comparison.versions, base, comparison.pairs, comparison.rows)
    comparison = compare(versions)
    # The opening both outlets print, the base lacks: one row per sentence, shared.
    assert ((), (0,), (0,)) in cells(comparison.rows)
    assert ((), (4,), (3,)) in cells(comparison.rows)


# --- page furniture inside a link ----------------------------------------------------------------


def test_a_merge_across_page_furniture_sits_on_one_row_and_its_ops_leave_the_furniture_out():
    base = load_text("Xi Jinping met Vladimir Putin in Moscow on Monday.\nAdvertisement\n"
                     "He pledged support for Russia in the war.\n", "base")
    other = load_text("Xi Jinping met Vladimir Putin in Moscow on Monday and pledged support for Russia "
                      "in the war.\n", "other")
    comparison = compare([base, other])
    assert [s.furniture for s in base.sentences] == [False, True, False]
    # The furniture stays between the two halves of the merge, on their row (the base reads in order).
    assert cells(comparison.rows) == [((0, 1, 2), (0,))]
    (link,) = comparison.pairs[0].links
    assert (link.a, link.b) == ((0, 2), (0,))
    ops = [(op.tag, base.text[op.a_start:op.a_end] if op.tag == "-" else other.text[op.b_start:op.b_end])
           for op in link.ops]
    assert ops == [("=", "Xi Jinping met Vladimir Putin in Moscow on Monday"), ("-", ".\n"), ("-", "He"),
                   ("+", " and"), ("=", " pledged support for Russia in the war.")]
    assert_trustworthy(comparison.versions, 0, comparison.pairs, comparison.rows)
    assert violations(comparison) == []
    # From the other side: the split's furniture sits between its halves too.
    reverse = compare([other, base])
    assert cells(reverse.rows) == [((0,), (0, 1, 2))]


def test_furniture_between_a_links_sentences_in_another_version_joins_their_row():
    base = make_version("base", ["The bridge reopened after repairs on Monday.", "Traffic was light."])
    other = make_version("other", ["The bridge reopened on Monday.", "Share this article",
                                   "The repairs took a month.", "Traffic was light."], furniture={1})
    pair = make_pair(base, other, 0, 1, [((0,), (0, 2), False), ((1,), (3,), False)])
    rows = collate([base, other], 0, [pair], LEXICAL)
    assert cells(rows) == [((0,), (0, 1, 2)), ((1,), (3,))]
    assert_trustworthy([base, other], 0, [pair], rows)
