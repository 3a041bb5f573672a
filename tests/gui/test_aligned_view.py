"""The aligned view on its own: rows of a comparison, selection, the moved marker, its header."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMenu

from viewer.engine.model import Kind
from viewer.gui.aligned_model import BASE_ROLE, KIND_ROLE
from viewer.gui.aligned_view import AlignedView

from gui_helpers import compare, row_where, show_alone

MOVED = "A public meeting is planned for next month."
EDITED = "Members voted to repair the old footbridge."


@pytest.fixture
def view(qtbot, pair_comparison):
    widget = show_alone(qtbot, AlignedView())
    widget.set_comparison(pair_comparison)
    return widget


def centre(view: AlignedView, row: int, column: int) -> QPoint:
    return view.visualRect(view.grid_model.index(row, column)).center()


def test_rows_and_columns_follow_the_comparison(view):
    model = view.grid_model
    assert (model.rowCount(), model.columnCount()) == (7, 2)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["pair_a.txt", "pair_b.txt"]
    assert [model.headerData(c, Qt.Orientation.Horizontal, BASE_ROLE) for c in range(2)] == [True, False]
    row = row_where(model.grid, EDITED)
    assert model.data(model.index(row, 1)) == "Members voted to repair the historic footbridge."
    assert model.data(model.index(row, 1), KIND_ROLE) is Kind.EDITED
    # Equal columns that share the viewport, and rows as tall as their text.
    assert view.columnWidth(0) == view.columnWidth(1) >= 260
    assert all(view.rowHeight(r) > 0 for r in range(7))
    assert view.visible_rows() == (0, 6)


def test_without_a_comparison_the_view_is_empty(view):
    view.set_comparison(None)
    assert (view.grid_model.rowCount(), view.grid_model.columnCount()) == (0, 0)
    assert view.current_row() == -1 and view.visible_rows() == (-1, -1)


def test_go_to_row_selects_it_and_keeps_the_column(view):
    view.go_to_row(3, 1)
    assert (view.current_row(), view.current_column()) == (3, 1)
    view.go_to_row(5)
    assert (view.current_row(), view.current_column()) == (5, 1)
    view.go_to_row(7)  # no such row: nothing changes
    assert (view.current_row(), view.current_column()) == (5, 1)


def test_clicking_a_cell_of_another_version_shows_its_deletions_in_the_base(qtbot):
    view = show_alone(qtbot, AlignedView(), 1200)
    view.set_comparison(compare("pair_a.txt", "pair_b.txt", "plain.txt"))
    assert view.grid_model.focus == 1
    with qtbot.waitSignal(view.focusVersionChanged, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, 0, 2))
    assert blocker.args == [2] and view.grid_model.focus == 2
    with qtbot.assertNotEmitted(view.focusVersionChanged):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, 1, 2))


def test_double_clicking_a_moved_sentence_asks_for_its_place(qtbot, view):
    row = row_where(view.grid_model.grid, MOVED)
    with qtbot.waitSignal(view.counterpartRequested, timeout=1000) as blocker:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, row, 1))
    assert blocker.args == [row, 1]


def test_double_clicking_a_sentence_that_did_not_move_asks_nothing(qtbot, view):
    with qtbot.assertNotEmitted(view.counterpartRequested):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                          pos=centre(view, row_where(view.grid_model.grid, EDITED), 1))


def test_clicking_the_moved_marker_asks_for_its_place(qtbot, view):
    grid = view.grid_model.grid
    row = row_where(grid, MOVED)
    index = view.grid_model.index(row, 1)
    badge = view.delegate.badge_rect(view.visualRect(index), grid.cell(row, 1), grid.opens_paragraph(row))
    assert badge is not None
    with qtbot.waitSignal(view.counterpartRequested, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=badge.center().toPoint())
    assert blocker.args == [row, 1]
    assert view.delegate.badge_rect(view.visualRect(index.siblingAtColumn(0)), grid.cell(row, 0), False) is None


def test_the_find_term_is_highlighted_in_every_cell_holding_it(view):
    grid = view.grid_model.grid
    row = row_where(grid, EDITED)
    view.set_find_term("FOOTBRIDGE")
    layout, _, _ = view.delegate.layout(row, 0, view.grid_model.cell(row, 0), view.columnWidth(0))
    find = view.delegate._formats["find"]
    assert [(r.start, r.length) for r in layout.formats() if r.format == find] == [(EDITED.index("footbridge"), 10)]
    view.set_find_term("")
    layout, _, _ = view.delegate.layout(row, 0, view.grid_model.cell(row, 0), view.columnWidth(0))
    assert not [r for r in layout.formats() if r.format == find]


def test_a_larger_font_makes_every_row_taller(view):
    heights = [view.rowHeight(r) for r in range(7)]
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() + 4)
    view.set_zoom_font(font)
    assert all(view.rowHeight(r) > h for r, h in enumerate(heights))
    assert view.header.font().pointSizeF() == font.pointSizeF()


def test_dragging_a_header_asks_for_a_reorder_and_keeps_the_order(qtbot, view):
    with qtbot.waitSignal(view.header.moveRequested, timeout=1000) as blocker:
        view.header.moveSection(0, 1)
    assert blocker.args == [0, 1]
    assert [view.header.visualIndex(c) for c in range(2)] == [0, 1]


def test_the_read_as_menu_is_for_files_only(qtbot, view):
    from viewer.engine import loading, pipeline

    menu = QMenu()
    sub = view.header._encoding_menu(menu, 1)
    assert sub.isEnabled() and [a.text() for a in sub.actions() if a.isChecked()] == ["UTF-8"]
    with qtbot.waitSignal(view.header.encodingRequested, timeout=1000) as blocker:
        sub.actions()[0].trigger()  # Detect Automatically
    assert blocker.args == [1, ""]
    pasted = loading.load_text("The city council met on Tuesday evening.", "Pasted text 1")
    view.set_comparison(pipeline.compare([view.grid_model.comparison.versions[0], pasted]))
    sub = view.header._encoding_menu(menu, 1)
    assert not sub.isEnabled() and not [a for a in sub.actions() if a.isChecked()]


# ----------------------------------------------------------------------------- lazy layout
WORDS = ("council harbour fire homes minister police bridge school budget water workers union market "
         "prices energy border talks statement spokesman hospital court election vote").split()


def long_comparison(versions: int = 3, sentences: int = 120):
    """Versions of one made-up story, long enough that most rows are off screen."""
    import random

    from viewer.engine import loading, pipeline

    rng = random.Random(3)
    base = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 40))).capitalize() + "."
            for _ in range(sentences)]
    texts = [base]
    for _ in range(versions - 1):
        texts.append([s.replace("council", "city council") if rng.random() < 0.3 else s for s in base])
    return pipeline.compare([loading.load_text("\n\n".join(" ".join(t[k:k + 3]) for k in range(0, len(t), 3)),
                                               f"v{n}.txt") for n, t in enumerate(texts)])


def laid_out_heights(view: AlignedView) -> list[int]:
    """Each row's height as a full layout at the current widths gives it."""
    delegate, model = view.delegate, view.grid_model
    widths = [view.columnWidth(c) for c in range(model.columnCount())]
    return [delegate.row_height(r, model, widths, model.grid.opens_paragraph(r)) for r in range(model.rowCount())]


@pytest.fixture(scope="module")
def long_story():
    return long_comparison()


def on_screen(view: AlignedView) -> range:
    top, bottom = view.visible_rows()
    return range(top, bottom + 1)


def test_only_the_rows_on_screen_are_laid_out_at_first(qtbot, long_story):
    view = show_alone(qtbot, AlignedView(), 900, 400)
    view.set_comparison(long_story)
    view.viewport().repaint()
    exact = laid_out_heights(view)
    rows = on_screen(view)
    assert len(rows) < view.grid_model.rowCount() // 3
    assert [view.rowHeight(r) for r in rows] == [exact[r] for r in rows]
    assert not view.all_rows_exact()
    # Idle moments lay out the rest, and every row ends as tall as its text.
    qtbot.waitUntil(view.all_rows_exact, timeout=5000)
    assert [view.rowHeight(r) for r in range(len(exact))] == exact


def test_estimated_heights_are_near_the_laid_out_ones(qtbot, long_story):
    view = show_alone(qtbot, AlignedView(), 900, 400)
    view.set_comparison(long_story)
    widths = [view.columnWidth(c) for c in range(3)]
    estimates = view.delegate.estimate_rows(view.delegate.measures(view.grid_model), widths, view.row_opens())
    exact = laid_out_heights(view)
    assert len(estimates) == len(exact) == view.grid_model.rowCount()
    # Within two lines either way, and the total within a few per cent: the scroll bar barely moves.
    line = view.delegate.line_height
    assert all(abs(e - x) <= 2 * line + 1 for e, x in zip(estimates, exact))
    assert abs(sum(estimates) - sum(exact)) < 0.05 * sum(exact)


def test_scrolled_to_rows_are_laid_out_before_they_are_painted(qtbot, long_story):
    view = show_alone(qtbot, AlignedView(), 900, 400)
    view.set_comparison(long_story)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    view.viewport().repaint()
    exact = laid_out_heights(view)
    rows = on_screen(view)
    assert rows[0] > 10
    assert [view.rowHeight(r) for r in rows] == [exact[r] for r in rows]


def test_the_rows_on_screen_stay_put_while_the_rest_are_laid_out(qtbot, long_story):
    view = show_alone(qtbot, AlignedView(), 900, 400)
    view.set_comparison(long_story)
    view.go_to_row(80)
    view.viewport().repaint()
    top = view.rowAt(0)
    offset = view.rowViewportPosition(top)
    assert top > 40
    qtbot.waitUntil(view.all_rows_exact, timeout=5000)
    assert (view.rowAt(0), view.rowViewportPosition(top)) == (top, offset)


def test_a_new_width_lays_out_the_rows_on_screen_and_an_old_one_is_remembered(qtbot, long_story):
    view = show_alone(qtbot, AlignedView(), 900, 400)
    view.set_comparison(long_story)
    qtbot.waitUntil(view.all_rows_exact, timeout=5000)
    wide = laid_out_heights(view)
    view.resize(1300, 400)
    view.viewport().repaint()
    assert view.columnWidth(0) > 280 and not view.all_rows_exact()
    exact = laid_out_heights(view)
    assert [view.rowHeight(r) for r in on_screen(view)] == [exact[r] for r in on_screen(view)]
    view.resize(900, 400)
    assert view.all_rows_exact()  # back at the first width: every height known
    assert [view.rowHeight(r) for r in range(len(wide))] == wide


def fully_visible(view: AlignedView, row: int) -> bool:
    top = view.rowViewportPosition(row)
    return top >= 0 and top + view.rowHeight(row) <= view.viewport().height()


def test_going_to_a_row_not_yet_laid_out_shows_all_of_it(qtbot, long_story):
    view = show_alone(qtbot, AlignedView(), 900, 400)
    view.delegate.char_width *= 0.5  # estimates far too short: the rows it lays out push the target down
    view.set_comparison(long_story)
    exact = laid_out_heights(view)
    for row in (100, 7, 118, 60):
        view.go_to_row(row)
        assert view.current_row() == row and fully_visible(view, row)
        assert view.rowHeight(row) == exact[row]


def test_hidden_rows_neither_move_the_screen_nor_show_at_a_guessed_height(qtbot, long_story):
    view = show_alone(qtbot, AlignedView(), 900, 400)
    view.set_comparison(long_story)
    for row in range(0, view.grid_model.rowCount(), 3):
        view.setRowHidden(row, True)
    view.go_to_row(80)
    view.viewport().repaint()
    top = view.rowAt(0)
    offset = view.rowViewportPosition(top)
    qtbot.waitUntil(view.all_rows_exact, timeout=5000)
    assert (view.rowAt(0), view.rowViewportPosition(top)) == (top, offset)
    exact = laid_out_heights(view)
    for row in range(0, view.grid_model.rowCount(), 3):
        view.setRowHidden(row, False)
    assert [view.rowHeight(r) for r in range(len(exact))] == exact


def test_only_the_latest_widths_keep_their_row_heights(qtbot, long_story):
    from viewer.gui.aligned_view import KEPT_WIDTHS

    view = show_alone(qtbot, AlignedView(), 900, 400)
    view.set_comparison(long_story)
    for step in range(KEPT_WIDTHS + 4):
        view.resize(900 + 40 * (step + 1), 400)
    assert len(view._exact) == KEPT_WIDTHS
    assert tuple(view.columnWidth(c) for c in range(3)) == list(view._exact)[-1]


def test_a_grid_built_by_the_job_is_shown_only_for_its_comparison_and_with_the_dismissals_of_now(
        qtbot, pair_comparison):
    from viewer.gui.aligned_model import AlignedModel
    from viewer.report.facts_list import changed_facts
    from viewer.report.grid import Grid

    model = AlignedModel()
    other = Grid(compare("pair_a.txt", "plain.txt"))
    model.set_comparison(pair_comparison, other)
    assert model.grid is not other and model.grid.comparison is pair_comparison
    entry = changed_facts(pair_comparison)[0]
    built = Grid(pair_comparison)  # before the reader dismissed a fact
    assert built.cell(entry.row, entry.version).facts
    model.set_dismissed(frozenset({entry.key}))
    model.set_comparison(pair_comparison, built)
    assert model.grid is built and built.dismissed == {entry.key}
    every = Grid(pair_comparison).cell(entry.row, entry.version).facts
    assert len(model.cell(entry.row, entry.version).facts) == len(every) - 1


def test_a_cell_keeps_its_layout_while_its_lines_break_where_a_new_one_would(view):
    from viewer.gui.aligned_view import CellDelegate

    model = view.grid_model
    row, column = max(((r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                       if not model.cell(r, c).moved), key=lambda rc: len(model.cell(*rc).text))
    cell = model.cell(row, column)

    def breaks(layout):
        return [(layout.lineAt(i).textStart(), layout.lineAt(i).textLength()) for i in range(layout.lineCount())]

    view.delegate.clear_cache()
    previous, kept, made = None, 0, 0
    for width in range(260, 420, 3):
        layout, _, height = view.delegate.layout(row, column, cell, width)
        fresh, _, fresh_height = CellDelegate(view).layout(row, column, cell, width)
        assert breaks(layout) == breaks(fresh) and height == fresh_height
        kept, made = kept + (layout is previous), made + (layout is not previous)
        previous = layout
    assert len(breaks(layout)) > 1 and kept > 5 and made > 5
