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
