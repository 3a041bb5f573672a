"""Pairwise alignment: exact links and kinds on small texts, splits, merges, moves and invariants."""
from pathlib import Path

import pytest

from viewer.engine.align import align
from viewer.engine.loading import load_file, load_text
from viewer.engine.model import Kind
from viewer.engine.params import Params
from viewer.engine.pipeline import compare

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire"


def summary(pair):
    return [(link.a, link.b, link.kind, link.moved) for link in pair.links]


def test_small_pair_links_kinds_omissions_additions_and_a_move():
    pair = align(load_file(DATA / "pair_a.txt"), load_file(DATA / "pair_b.txt"))
    assert summary(pair) == [
        ((0,), (0,), Kind.IDENTICAL, False),
        ((1,), (1,), Kind.EDITED, False),
        ((2,), (2,), Kind.PARAPHRASE, False),
        # Two identical sentences swap places: the one naming a month carries more evidence, so
        # it stays in the in-order chain and the other is the move.
        ((5,), (4,), Kind.IDENTICAL, False),
        ((4,), (5,), Kind.IDENTICAL, True),
    ]
    assert pair.omitted == (3,)
    assert pair.added == (3,)


def test_split_sentence_links_both_parts():
    a = load_text("The mayor opened the new library on Friday, and she praised the volunteers who built it.\n"
                  "Rain fell all day.", "a")
    b = load_text("The mayor opened the new library on Friday.\nShe praised the volunteers who built it.\n"
                  "Rain fell all day.", "b")
    pair = align(a, b)
    assert [(link.a, link.b) for link in pair.links] == [((0,), (0, 1)), ((1,), (2,))]
    assert pair.omitted == () and pair.added == ()


def test_merged_sentences_link_to_one():
    a = load_text("Fire crews arrived at the harbour warehouse at dawn.\nThey fought the blaze for six hours.\n"
                  "Nobody was hurt.", "a")
    b = load_text("Fire crews arrived at the harbour warehouse at dawn and fought the blaze for six hours.\n"
                  "Nobody was hurt.", "b")
    pair = align(a, b)
    assert [(link.a, link.b) for link in pair.links] == [((0, 1), (0,)), ((2,), (1,))]


def test_unrelated_texts_share_no_links():
    a = load_text("The orchestra played Brahms to a full hall.\nTickets sold out in an hour.", "a")
    b = load_text("Wheat prices fell for a third week.\nFarmers blamed the dry spring.", "b")
    pair = align(a, b)
    assert pair.links == () and pair.omitted == (0, 1) and pair.added == (0, 1)


def test_furniture_is_neither_linked_omitted_nor_added():
    a = load_text("Skip to main content\nThe bridge reopened on Monday.", "a")
    b = load_text("The bridge reopened on Monday.\nFollow us on Facebook for breaking news", "b")
    pair = align(a, b)
    assert summary(pair) == [((1,), (0,), Kind.IDENTICAL, False)]
    assert pair.omitted == () and pair.added == ()


@pytest.mark.parametrize("other", ["02-trimmed.txt", "03-reworded.txt", "04-correction.txt"])
def test_every_sentence_is_accounted_for_exactly_once(other):
    a, b = load_file(SAMPLE / "01-wire.txt"), load_file(SAMPLE / other)
    pair = align(a, b)
    seen_a = [i for link in pair.links for i in link.a] + list(pair.omitted)
    seen_b = [j for link in pair.links for j in link.b] + list(pair.added)
    seen_a += [i for i, s in enumerate(a.sentences) if s.furniture]
    seen_b += [j for j, s in enumerate(b.sentences) if s.furniture]
    assert sorted(seen_a) == list(range(len(a.sentences)))
    assert sorted(seen_b) == list(range(len(b.sentences)))
    for link in pair.links:
        assert 0.0 <= link.score <= 1.0
        text_a = "".join(a.text[op.a_start:op.a_end] for op in link.ops if op.tag in "=-")
        text_b = "".join(b.text[op.b_start:op.b_end] for op in link.ops if op.tag in "=+")
        assert text_a == a.text[a.sentences[link.a[0]].start:a.sentences[link.a[-1]].end]
        assert text_b == b.text[b.sentences[link.b[0]].start:b.sentences[link.b[-1]].end]


def test_sample_trimmed_version_omits_the_evacuees_paragraph():
    a, b = load_file(SAMPLE / "01-wire.txt"), load_file(SAMPLE / "02-trimmed.txt")
    pair = align(a, b)
    omitted = [a.sentence_text(i) for i in pair.omitted]
    assert any(t.startswith("It is owned by Achterberg Marine") for t in omitted)
    assert pair.added == ()
    assert all(not link.moved for link in pair.links)


def test_long_inputs_are_cut_into_blocks_with_the_same_result():
    lines = [f"Sentence number {k} talks about topic {k * 7 % 13} and item {k}." for k in range(60)]
    edited = lines[:20] + ["A brand new sentence about something else entirely."] + lines[21:]
    a, b = load_text("\n".join(lines), "a"), load_text("\n".join(edited), "b")
    whole = align(a, b)
    blocked = align(a, b, Params(dense_cells=100))
    assert summary(blocked) == summary(whole)
    assert len(whole.links) == 59 and whole.omitted == (20,) and whole.added == (20,)


def test_a_long_alignment_reports_its_steps_and_a_short_one_does_not():
    lines = [f"Sentence number {k} talks about topic {k * 7 % 13} and item {k}." for k in range(60)]
    edited = lines[:20] + ["A brand new sentence about something else entirely."] + lines[21:]
    a, b = load_text("\n".join(lines), "a"), load_text("\n".join(edited), "b")
    seen = []
    align(a, b, Params(dense_cells=100), progress=lambda fraction, what: seen.append((fraction, what)))
    fractions = [f for f, _ in seen]
    assert len(seen) >= 2 and fractions == sorted(fractions) and 0 <= fractions[0] and fractions[-1] <= 1
    assert {what for _, what in seen} <= {"Aligning", "Comparing the words of"}
    # Scoring the blocks (Scorer.prepare) reports in the first half, the chain and moves after.
    assert (0.0, "Aligning") in seen and any(0.5 <= f < 0.8 and what == "Aligning" for f, what in seen)
    quiet = []
    align(a, b, progress=lambda fraction, what: quiet.append(fraction))
    assert quiet == []  # one block: the pipeline's report per version is enough


def test_moves_are_found_among_near_copies_too():
    # Each free sentence keeps only its best move candidates (Params.move_candidates), here one
    # of the twelve near-copies: each still moves to its own copy.
    filler = [f"Report {k} of the harbour board lists repairs to quay {k}." for k in range(12)]
    a = load_text("\n".join(["The warehouse fire started in an electrical cabinet on Monday night."] + filler), "a")
    b = load_text("\n".join(filler[::-1] + ["The warehouse fire started in an electrical cabinet on Monday night."]), "b")
    few = align(a, b, Params(move_candidates=1))
    assert summary(few) == summary(align(a, b))
    assert len(few.links) == 13 and all(link.kind is Kind.IDENTICAL for link in few.links)


def test_a_lone_rewrite_between_two_sure_links_is_linked_but_a_replacement_is_not():
    before = ("Every morning thousands of people sit alone in their cars.\nThe buses drive past half empty.\n"
              "Free transport would reduce traffic.\nCars cause much of the air pollution in cities.\n"
              "Some people say that free buses would cost the city too much money.")
    after = ("In conclusion, the council should try free buses for one year.\nOther towns have done it.\n"
             "Students would ride to school.\nThe shops in the centre would gain customers.")
    rewrite_a = "It is true that the city would lose the money from tickets, but it would save on road repairs."
    rewrite_b = "The city would give up its ticket income, but fewer cars mean fewer potholes to fix."
    replaced_b = "My aunt walks forty minutes to her job every day."
    a = load_text(f"{before}\n{rewrite_a}\n{after}\n", "a")
    pair = align(a, load_text(f"{before}\n{rewrite_b}\n{after}\n", "b"))
    assert [(link.a, link.b) for link in pair.links] == [((k,), (k,)) for k in range(10)]
    assert pair.links[5].kind is Kind.PARAPHRASE
    pair = align(a, load_text(f"{before}\n{replaced_b}\n{after}\n", "b"))
    assert [(link.a, link.b) for link in pair.links] == [((k,), (k,)) for k in range(10) if k != 5]
    assert (pair.omitted, pair.added) == ((5,), (5,))


def test_long_texts_cut_into_blocks_align_like_one_block():
    # Texts too large for one dense block are cut at identical unique sentences; the links and
    # their score must not depend on where the cut falls. Eight stories under headings that
    # both texts share make two long texts.
    gold = DATA / "gold"
    cases = ["news-edit", "rewrite", "other-outlet", "retold", "translation", "essay-revision", "correction"]

    def long_text(side):
        return load_text("\n\n".join(f"Story number {k} begins here\n\n" + (gold / f"{case}_{side}.txt").read_text(
            encoding="utf-8") for k, case in enumerate(cases)), side)

    a, b = long_text("a"), long_text("b")
    whole = align(a, b)
    cut = align(a, b, Params(dense_cells=2_000))
    links_whole = {(link.a, link.b) for link in whole.links}
    links_cut = {(link.a, link.b) for link in cut.links}
    assert len(links_whole) > 60
    assert len(links_whole ^ links_cut) <= len(links_whole) // 20
    sure_whole = sum(link.score >= 0.9 for link in whole.links)
    sure_cut = sum(link.score >= 0.9 for link in cut.links)
    assert abs(sure_whole - sure_cut) <= len(whole.links) // 10


def test_a_reworded_paragraph_that_moved_is_linked_as_moved():
    wire = load_file(SAMPLE / "01-wire.txt")
    pair = align(wire, load_file(SAMPLE / "03-reworded.txt"))
    shed = next(link for link in pair.links if "Shed 7" in wire.sentence_text(link.a[0]))
    assert shed.moved and shed.kind in (Kind.EDITED, Kind.PARAPHRASE)
    # Its neighbour travelled with it.
    after = next(link for link in pair.links if link.a == (shed.a[0] + 1,))
    assert after.moved and after.b == (shed.b[0] + 1,)
    assert pair.omitted == ()


def test_the_sample_storys_split_lede_links_both_halves():
    wire = load_file(SAMPLE / "01-wire.txt")
    reworded = load_file(SAMPLE / "03-reworded.txt")
    pair = align(wire, reworded)
    lede = next(link for link in pair.links if wire.sentence_text(link.a[0]).startswith("SALTMERE"))
    assert len(lede.b) == 2
    assert reworded.sentence_text(lede.b[1]).startswith("Thick black smoke")
    assert not [f for f in lede.facts if f.type == "number"]  # the 23 homes are still there


def test_thresholds_do_not_depend_on_which_version_is_the_base():
    from viewer.engine.align import thresholds
    from viewer.engine.scoring import Scorer, embedder_for

    wire = load_file(SAMPLE / "01-wire.txt")
    story = [wire.sentence_text(i) for i, s in enumerate(wire.sentences) if not s.furniture]
    # A short excerpt: all of it is kept from the story, little of the story is kept in it.
    texts = [story, story[:5]]
    found = []
    for first, second in (texts, texts[::-1]):
        scorer = Scorer(first, second, Params(), embedder_for(Params()))
        scorer.prepare([(0, len(first), 0, len(second))])
        found.append(thresholds(scorer, Params()))
    assert found[0] == pytest.approx(found[1])


def test_sentences_without_content_words_still_align():
    # Only stopwords: no lexical feature at all, yet copies of a sentence belong together.
    pair = align(load_text("It was.\n", "a"), load_text("It is.\n", "b"))
    assert pair.links == () and (pair.omitted, pair.added) == ((0,), (0,))
    a = load_text("The storm hit the coast on Monday.\nIt was over.\nCrews cleared the roads.\n", "a")
    b = load_text("The storm hit the coast on Monday night.\nIt was over.\nCrews cleared the roads.\n", "b")
    pair = align(a, b)
    assert [(link.a, link.b, link.kind) for link in pair.links][1] == ((1,), (1,), Kind.IDENTICAL)


def test_a_reworded_sentence_moved_far_is_a_move_whether_or_not_the_text_is_cut():
    filler = [f"Item {k} of the council agenda covers the {word} budget."
              for k, word in enumerate("road school river park library tax harbour bridge".split() * 5)]
    moved_a = "The harbour authority said on Monday that the old customs house would reopen as a museum in 2025."
    moved_b = moved_a.replace("Monday", "Tuesday")
    a = load_text("\n".join(filler[:10] + [moved_a] + filler[10:]) + "\n", "a")
    b = load_text("\n".join(filler[:30] + [moved_b] + filler[30:]) + "\n", "b")
    for cells in (10**9, 50):
        link = align(a, b, Params(dense_cells=cells)).link_of_a[10]
        assert (link.b, link.kind, link.moved) == ((30,), Kind.EDITED, True)


def test_the_chain_itself_folds_two_sentences_into_one_when_reading_them_together_convinces_more():
    versions = [load_file(DATA / "proverb_a.txt"), load_file(DATA / "proverb_b.txt")]
    # The coverage rules that grow splits and merges afterwards are switched off: the chain alone.
    chain_only = Params(join_coverage=2.0, split_coverage=2.0)
    pair = compare(versions, chain_only).pairs[0]
    assert [(link.a, link.b) for link in pair.links] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,)),
                                                         ((5,), (4,))]
    assert (pair.omitted, pair.added) == ((), ())
    b = versions[1]
    assert b.sentence_text(1).startswith("Never cross the river") and b.sentence_text(1).endswith("mist away.")
    # Without joined links in the chain the third sentence would read as omitted.
    pair = compare(versions, chain_only.with_changes(merge_shapes=())).pairs[0]
    assert (1, 2) not in [link.a for link in pair.links] and pair.omitted == (2,)


def test_a_strong_pair_does_not_fold_in_neighbours_that_match_something_else_better():
    # Two outlets' reports of one ruling: "The 5-2 decision reverses ..." follows the lede, and
    # "The justices were split 5-2." follows the quote of a host; neither is part of its neighbour's link.
    versions = [load_file(DATA / "gold" / "other-outlet_a.txt"), load_file(DATA / "gold" / "other-outlet_b.txt")]
    links = [(link.a, link.b) for link in compare(versions).pairs[0].links]
    assert ((0,), (0,)) in links and all(len(a) == 1 and len(b) == 1 for a, b in links)
    # Without the rule both would be folded in.
    links = [(link.a, link.b) for link in compare(versions, Params(merge_member_margin=100.0)).pairs[0].links]
    assert ((0, 1), (0,)) in links and ((4,), (3, 4)) in links


def test_the_link_bar_rises_with_the_length_of_texts_that_keep_no_sentence():
    from viewer.engine.align import thresholds
    from viewer.engine.scoring import Scorer, logit

    def bars(n):
        first = [f"Reporters counted {k} boats in harbour number {k}." for k in range(n)]
        second = [f"Officials said {k} ferries sailed from pier {k} at dawn." for k in range(n)]
        scorer = Scorer(first, second, Params())
        scorer.prepare([(0, n, 0, n)])
        return thresholds(scorer, Params())

    params = Params()
    assert bars(10).link == pytest.approx(logit(params.link_threshold))
    assert bars(70).link == pytest.approx(logit(params.link_threshold_long))
    halfway = (params.short_text + params.long_text) // 2
    assert bars(halfway).link == pytest.approx(logit((params.link_threshold + params.link_threshold_long) / 2))
    assert not bars(70).revision


@pytest.mark.parametrize("a, b", [
    ("The talks were difficult, she said.", "The talks were difficult, she said."),
    ("The talks were difficult, she said.", 'The talks were "difficult", she said.'),
    ('He called it "a farce".', "He called it a farce."),
    ("“Go,” he said.", '"Go," he said.'),
    ("The 40 homes, Smith said, were empty.", 'The 60 homes, Jones said, were "empty".'),
])
def test_quote_changes_are_the_quotation_facts_of_fact_changes(a, b):
    """An identical link reads only the quotations (align._make_link): the same facts as the full
    reading gives of that type."""
    from viewer.engine.facts import fact_changes
    from viewer.engine.facts.changes import quote_changes
    from viewer.engine.model import FactType

    expected = tuple(f for f in fact_changes(a, b) if f.type is FactType.QUOTE)
    assert quote_changes(a, b) == expected
    assert quote_changes(a, a) == ()
