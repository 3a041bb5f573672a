"""The overview strip on its own, beside an aligned view: one lane per version, a mark per change."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from viewer.engine.model import Kind
from viewer.gui.aligned_view import AlignedView
from viewer.gui.overview import LANE_WIDTH, MOVED, Overview

from gui_helpers import compare, row_where, show_alone


@pytest.fixture
def strip(qtbot, pair_comparison):
    """An overview beside a view of pair_a/pair_b, laid out as the window lays them out."""
    box = QWidget()
    layout = QHBoxLayout(box)
    view = AlignedView(box)
    overview = Overview(view, box)
    layout.addWidget(view, 1)
    layout.addWidget(overview)
    show_alone(qtbot, box)
    view.set_comparison(pair_comparison)
    overview.reset()
    yield overview  # (not return: the box must outlive the test)


def y_of(overview: Overview, row: int) -> int:
    """The strip's height for the middle of ``row``."""
    vh = overview.view.verticalHeader()
    scale, top = overview._scale()
    return int(top + (vh.sectionPosition(row) + vh.sectionSize(row) / 2) * scale)


def test_one_mark_per_change_in_the_lane_of_its_version(strip):
    grid = strip.view.grid_model.grid
    edited = row_where(grid, "Members voted to repair the old footbridge.")
    paraphrase = row_where(grid, "The work will cost about 80,000 dollars and take four months.")
    omitted = row_where(grid, "Two members voted against the plan.")
    moved = row_where(grid, "A public meeting is planned for next month.")
    added = row_where(grid, "Local shop owners welcomed the decision.", column=1)
    assert strip.lanes() == [1]
    # A moved sentence that is otherwise identical has a mark of its own.
    assert sorted(strip.marks()) == sorted([(0, edited, Kind.EDITED), (0, paraphrase, Kind.PARAPHRASE),
                                            (0, omitted, Kind.OMITTED), (0, moved, MOVED),
                                            (0, added, Kind.ADDED)])


def test_lanes_leave_out_the_base(qtbot, strip):
    strip.view.set_comparison(compare("pair_a.txt", "pair_b.txt", "plain.txt", base=1))
    strip.reset()
    assert strip.lanes() == [0, 2]
    assert {lane for lane, _, _ in strip.marks()} == {0, 1}
    assert strip.sizeHint().width() == 3 * LANE_WIDTH + 8


def test_clicking_a_mark_asks_for_its_row(qtbot, strip):
    omitted = row_where(strip.view.grid_model.grid, "Two members voted against the plan.")
    with qtbot.waitSignal(strip.rowRequested, timeout=1000) as blocker:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(6, y_of(strip, omitted)))
    assert blocker.args == [omitted]


def test_clicking_beside_the_marks_asks_for_nothing(qtbot, strip):
    first = row_where(strip.view.grid_model.grid, "The city council met on Tuesday evening.")
    with qtbot.assertNotEmitted(strip.rowRequested):
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(6, y_of(strip, first) - 4))


def test_a_hidden_row_is_not_a_target(qtbot, strip):
    omitted = row_where(strip.view.grid_model.grid, "Two members voted against the plan.")
    following = omitted + 1
    assert following in [row for _, row, _ in strip.marks()]
    strip.view.setRowHidden(omitted, True)
    # Where the hidden row's mark would be, the next row's mark now starts.
    vh = strip.view.verticalHeader()
    scale, top = strip._scale()
    y = int(top + vh.sectionPosition(omitted) * scale) + 1
    with qtbot.waitSignal(strip.rowRequested, timeout=1000) as blocker:
        qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(6, y))
    assert blocker.args == [following]


def test_without_a_comparison_there_is_nothing(strip):
    strip.view.set_comparison(None)
    strip.reset()
    assert strip.lanes() == [] and strip.marks() == []
