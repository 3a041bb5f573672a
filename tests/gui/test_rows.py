"""Row filters, Next Change and find as pure functions of a grid (no window, no Qt)."""
from __future__ import annotations

import pytest

from viewer.engine import loading, pipeline
from viewer.engine.model import Comparison, Kind, Link, Pair, Row, Sentence, Version
from viewer.report import rows
from viewer.report.grid import Grid

from gui_helpers import DATA


def version(name: str, sentences: list[tuple[str, bool]]) -> Version:
    """A version of one paragraph from ``(text, furniture)`` sentences."""
    text, spans = "", []
    for words, furniture in sentences:
        start = len(text)
        text += words + " "
        spans.append(Sentence(start, start + len(words), 0, furniture))
    return Version(name, text.rstrip(), tuple(spans))


# Row by row: 0 identical, 1 edited, 2 omitted, 3 furniture in both, 4 added, 5 identical,
# 6 a base sentence whose counterpart is furniture (neither a change nor a furniture row).
BASE = version("base.txt", [("Fire at the harbour.", False), ("Ten boats burned.", False),
                            ("Nobody was hurt.", False), ("Menu | Home", True),
                            ("Police are investigating.", False), ("Read more.", False)])
OTHER = version("other.txt", [("Fire at the harbour.", False), ("Twelve boats burned.", False),
                              ("Menu | Home", True), ("A crowd watched the FIRE.", False),
                              ("Police are investigating.", False), ("Read more.", True)])
LINKS = (Link((0,), (0,), Kind.IDENTICAL, 1.0), Link((1,), (1,), Kind.EDITED, 0.9),
         Link((3,), (2,), Kind.IDENTICAL, 1.0), Link((4,), (4,), Kind.IDENTICAL, 1.0),
         Link((5,), (5,), Kind.IDENTICAL, 1.0))
ROWS = tuple(Row(cells) for cells in (((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((), (3,)),
                                      ((4,), (4,)), ((5,), (5,))))
EVERY_ROW = frozenset(range(len(ROWS)))


@pytest.fixture
def grid() -> Grid:
    pair = Pair(0, 1, LINKS, omitted=(2,), added=(3,))
    return Grid(Comparison((BASE, OTHER), 0, (pair,), ROWS))


def test_the_hand_built_grid_is_what_the_tests_say(grid):
    assert [sorted(k.value for k in grid.row_kinds[r]) for r in range(grid.row_count)] == [
        ["identical"], ["edited"], ["omitted"], ["furniture"], ["added"], ["identical"], ["furniture"]]
    assert [r for r in range(grid.row_count) if grid.is_change(r)] == [1, 2, 4]
    assert [r for r in range(grid.row_count) if grid.is_furniture(r)] == [3]


def test_no_filter_hides_nothing(grid):
    assert rows.hidden_rows(grid, frozenset(), show_furniture=True) == frozenset()


def test_hiding_furniture_hides_only_furniture_rows(grid):
    assert rows.hidden_rows(grid, frozenset(), show_furniture=False) == {3}


@pytest.mark.parametrize("kinds, shown", [
    ({Kind.OMITTED}, {2}),
    ({Kind.EDITED, Kind.ADDED}, {1, 4}),
    ({Kind.PARAPHRASE}, set()),
    # Unchanged rows count as identical, furniture rows do not: row 6 holds no identical cell.
    ({Kind.IDENTICAL}, {0, 5, 6}),
    ({Kind.IDENTICAL, Kind.OMITTED}, {0, 2, 5, 6}),
    ({Kind.FURNITURE}, {3, 6}),
])
def test_a_kind_filter_shows_the_rows_holding_its_kinds(grid, kinds, shown):
    assert rows.hidden_rows(grid, frozenset(kinds), show_furniture=True) == EVERY_ROW - shown
    assert [r for r in range(grid.row_count) if rows.row_has_kinds(grid, r, kinds)] == sorted(shown)


def test_a_kind_filter_and_hidden_furniture_add_up(grid):
    assert rows.hidden_rows(grid, frozenset({Kind.FURNITURE}), show_furniture=False) == EVERY_ROW - {6}


def test_next_change_stops_at_changes_or_at_the_filtered_kinds(grid):
    def stops(kinds):
        return [r for r in range(grid.row_count) if rows.is_stop(grid, r, frozenset(kinds))]

    assert stops(()) == [1, 2, 4]
    assert stops({Kind.IDENTICAL}) == [0, 5, 6]
    assert stops({Kind.ADDED}) == [4]
    assert [r for r in range(grid.row_count) if rows.has_omission(grid, r)] == [2]


def test_next_row_skips_hidden_rows_and_stops_at_either_end(grid):
    assert rows.next_row(grid, -1, 1) == 0
    assert rows.next_row(grid, grid.row_count, -1) == grid.row_count - 1
    assert rows.next_row(grid, 0, 1, hidden={1, 2}) == 3
    assert rows.next_row(grid, 5, -1, hidden={1, 2, 3, 4}) == 0
    assert rows.next_row(grid, 0, 1, accept=rows.has_omission) == 2
    assert rows.next_row(grid, 2, 1, accept=rows.has_omission) is None
    assert rows.next_row(grid, 0, -1) is None
    assert rows.next_row(grid, grid.row_count - 1, 1) is None


def test_rows_containing_ignores_case_and_looks_in_every_version(grid):
    assert rows.rows_containing(grid, "") == []
    assert rows.rows_containing(grid, "fire") == [0, 4]
    assert rows.rows_containing(grid, "TWELVE") == [1]
    assert rows.rows_containing(grid, "no such words") == []


def test_next_match_wraps_around():
    assert rows.next_match([], 3) is None
    assert rows.next_match([2, 5, 8], -1) == 2
    assert rows.next_match([2, 5, 8], 5) == 8
    assert rows.next_match([2, 5, 8], 8) == 2
    assert rows.next_match([2, 5, 8], 5, forward=False) == 2
    assert rows.next_match([2, 5, 8], 2, forward=False) == 8


def test_next_change_on_the_pair_story_visits_every_change_once():
    versions = [loading.load_file(DATA / name) for name in ("pair_a.txt", "pair_b.txt")]
    grid = Grid(pipeline.compare(versions))
    texts = {r: grid.row_text(r) for r in range(grid.row_count)}
    visited, row = [], -1
    while (row := rows.next_row(grid, row, 1, accept=lambda g, r: rows.is_stop(g, r, ()))) is not None:
        visited.append(row)
    # Edited, paraphrase, omitted, added and the moved sentence; not the identical rows.
    assert len(visited) == 5
    assert not any("Tuesday evening" in texts[r] or "closed since January" in texts[r] for r in visited)
    assert any("historic footbridge" in texts[r] for r in visited)
    assert any("Two members voted against" in texts[r] for r in visited)
    assert any("shop owners" in texts[r] for r in visited)


def test_copying_a_cell_and_a_row(grid):
    assert rows.cell_to_copy(grid, 1, 1) == "Twelve boats burned."
    assert rows.cell_to_copy(grid, 2, 1) == "[omitted] Nobody was hurt."
    assert rows.cell_to_copy(grid, 4, 0) == ""
    assert rows.row_to_copy(grid, 2).splitlines() == ["base.txt [base]: Nobody was hurt.",
                                                      "other.txt [omitted]: (omitted)"]
    assert rows.row_to_copy(grid, 4).splitlines() == ["base.txt [base]: ", "other.txt [added]: A crowd watched the FIRE."]
