"""The detail pane on its own: one row in full, each version's word diff, links to other rows."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor

from viewer.gui import palette
from viewer.gui.detail import DetailPane
from viewer.report.grid import Grid

from gui_helpers import row_where, show_alone

LEGEND_LINE = "struck = only in the base, underlined = only in that version."


@pytest.fixture
def grid(pair_comparison) -> Grid:
    return Grid(pair_comparison)


@pytest.fixture
def pane(qtbot):
    return show_alone(qtbot, DetailPane(), 700, 400)


def fragments(pane: DetailPane):
    """(text, format) of every run of the pane's text."""
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            yield fragment, fragment.charFormat()
            it += 1
        block = block.next()


def test_no_row_leaves_the_pane_empty(pane, grid):
    pane.show_row(None, -1)
    assert pane.toPlainText() == ""
    pane.show_row(grid, grid.row_count)
    assert pane.toPlainText() == ""


def test_an_omitted_sentence(pane, grid):
    row = row_where(grid, "Two members voted against the plan.")
    pane.show_row(grid, row)
    assert pane.toPlainText() == (f"Row {row + 1} of 7. {LEGEND_LINE}\npair_a.txt (base)\n\n"
                                  "Two members voted against the plan.\npair_b.txt\n− Omitted\n"
                                  "omitted: this version has no counterpart\n")


def test_an_added_sentence(pane, grid):
    row = row_where(grid, "Local shop owners welcomed the decision.", column=1)
    pane.show_row(grid, row)
    assert pane.toPlainText() == (f"Row {row + 1} of 7. {LEGEND_LINE}\npair_a.txt (base)\n\nno sentence here\n"
                                  "pair_b.txt\n+ Added\nLocal shop owners welcomed the decision.\n")


def test_an_edited_sentence_strikes_the_old_word_and_underlines_the_new(pane, grid):
    pane.show_row(grid, row_where(grid, "Members voted to repair the old footbridge."))
    struck = [f.text() for f, fmt in fragments(pane) if fmt.fontStrikeOut()]
    underlined = [f.text() for f, fmt in fragments(pane) if fmt.fontUnderline()]
    assert struck == ["struck", "old"] and underlined == ["underlined", "historic"]
    assert "pair_b.txt\n~ Edited\nMembers voted to repair the old historic footbridge. \nscore " in pane.toPlainText()


def test_a_moved_sentence_links_to_its_place(qtbot, pane, grid):
    row = row_where(grid, "A public meeting is planned for next month.")
    target = grid.cell(row, 1).counterpart_row
    pane.show_row(grid, row)
    assert f"{palette.MOVED_GLYPH} moved (its place: after row {target + 1})" in pane.toPlainText()
    anchors = [(f, fmt) for f, fmt in fragments(pane) if fmt.isAnchor()]
    assert [fmt.anchorHref() for _, fmt in anchors] == [f"row:{target + 1}"]
    cursor = QTextCursor(pane.document())
    cursor.setPosition(anchors[0][0].position() + 2)
    with qtbot.waitSignal(pane.rowRequested, timeout=1000) as blocker:
        qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=pane.cursorRect(cursor).center())
    assert blocker.args == [target]


def test_links_that_are_not_rows_are_ignored(qtbot, pane):
    with qtbot.assertNotEmitted(pane.rowRequested):
        pane.anchorClicked.emit(QUrl("row:seven"))
        pane.anchorClicked.emit(QUrl("https://example.org/"))


def test_refresh_shows_the_same_row_again(pane, grid):
    pane.show_row(grid, 0)
    before = pane.toPlainText()
    pane.clear()
    pane.refresh()
    assert pane.toPlainText() == before and before.startswith("Row 1 of 7.")
