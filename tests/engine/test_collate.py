"""Collating N versions into rows."""
from pathlib import Path

from viewer.engine.loading import load_file, load_text
from viewer.engine.pipeline import compare

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire"


def test_two_versions_rows_follow_the_base_with_additions_in_place():
    a = load_text("One fish swam.\nTwo birds flew.\nThree cats slept.", "a")
    b = load_text("One fish swam.\nA dog barked loudly.\nThree cats slept.", "b")
    rows = [row.cells for row in compare([a, b]).rows]
    assert rows == [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]


def test_every_sentence_sits_in_exactly_one_row_and_base_keeps_its_order():
    versions = [load_file(p) for p in sorted(SAMPLE.glob("*.txt"))]
    comparison = compare(versions)
    for v, version in enumerate(versions):
        placed = [k for row in comparison.rows for k in row.cells[v]]
        assert sorted(placed) == list(range(len(version.sentences)))
    base_order = [k for row in comparison.rows for k in row.cells[0]]
    assert base_order == sorted(base_order)


def test_linked_sentences_share_the_row_of_their_base_sentence():
    versions = [load_file(p) for p in sorted(SAMPLE.glob("*.txt"))]
    comparison = compare(versions)
    row_of = {}
    for r, row in enumerate(comparison.rows):
        for v, cell in enumerate(row.cells):
            for k in cell:
                row_of[(v, k)] = r
    for pair in comparison.pairs:
        for link in pair.links:
            assert {row_of[(pair.a, i)] for i in link.a} == {row_of[(pair.b, j)] for j in link.b}


_OWN_ADDITIONS = ("Gulls nested under the pier all summer.", "A bakery on Quay Street reopened.",
                  "Rain flooded three basements overnight.", "Schoolchildren painted a mural downtown.",
                  "The ferry timetable changed in March.", "Firefighters rescued a kitten yesterday.",
                  "Cyclists asked for wider lanes.")


def test_additions_are_scored_only_against_rows_they_may_join(monkeypatch):
    # Seven versions add the same sentence and one of their own at the same place. Each version's
    # shared sentence joins the row the first opened; its own addition shares no word with the
    # other additions, so it is never scored against them (collation stays linear in versions).
    from viewer.engine import collate

    sizes = []

    class Spy(collate.Scorer):
        def __init__(self, texts_a, texts_b, *args, **kwargs):
            sizes.append(len(texts_a))
            super().__init__(texts_a, texts_b, *args, **kwargs)

    monkeypatch.setattr(collate, "Scorer", Spy)
    base = "The council met on Tuesday.\nMembers voted on the bridge.\nThe meeting ended late."
    shared = "The mayor promised a new footbridge by spring."
    versions = [load_text(base, "base")]
    for k, own in enumerate(_OWN_ADDITIONS):
        lines = base.split("\n")
        versions.append(load_text("\n".join([*lines[:2], own, shared, lines[2]]), f"v{k}"))
    comparison = compare(versions)
    shared_rows = [row.cells for row in comparison.rows if row.cells[1] == (3,)]
    assert shared_rows == [((),) + ((3,),) * len(_OWN_ADDITIONS)]
    own_rows = [row.cells for row in comparison.rows if not row.cells[0] and row.cells[1] != (3,)]
    assert len(own_rows) == len(_OWN_ADDITIONS)
    assert all(sum(bool(cell) for cell in cells) == 1 for cells in own_rows)
    assert sizes and max(sizes) == 1
