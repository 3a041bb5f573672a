"""The legend on its own: one chip per kind with its count; checked chips ask for a row filter."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from viewer.engine.model import Kind
from viewer.gui import palette
from viewer.gui.legend import LEGEND_KINDS, Legend
from viewer.report.grid import Grid

from gui_helpers import show_alone


@pytest.fixture
def legend(qtbot, pair_comparison):
    widget = show_alone(qtbot, Legend(), 900, 40)
    grid = Grid(pair_comparison)
    widget.set_counts(grid.counts(), grid.moved_count())
    return widget


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_empty_legend_offers_nothing(qtbot):
    widget = Legend()
    qtbot.addWidget(widget)
    assert [chip.text() for chip in widget.chips.values()] == [f"{kind.label} 0" for kind in LEGEND_KINDS]
    assert not any(chip.isEnabled() for chip in widget.chips.values())
    assert widget.moved_label.text() == "" and widget.kinds() == frozenset()


def test_each_chip_counts_its_kind(legend):
    assert {kind: chip.text() for kind, chip in legend.chips.items()} == {
        Kind.IDENTICAL: "Identical 3", Kind.EDITED: "Edited 1", Kind.PARAPHRASE: "Paraphrase 1",
        Kind.PARTIAL: "Partial 0", Kind.OMITTED: "Omitted 1", Kind.ADDED: "Added 1", Kind.FURNITURE: "Furniture 0"}
    assert [kind for kind, chip in legend.chips.items() if chip.isEnabled()] == [
        Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE, Kind.OMITTED, Kind.ADDED]
    assert legend.moved_label.text() == f"{palette.MOVED_GLYPH} Moved 1"
    assert not legend.show_all.isVisible()


def test_clicking_chips_asks_for_rows_of_those_kinds(qtbot, legend):
    with qtbot.waitSignal(legend.filterRequested, timeout=1000) as blocker:
        click(qtbot, legend.chips[Kind.OMITTED])
    assert blocker.args == [frozenset({Kind.OMITTED})]
    assert legend.show_all.isVisible()
    with qtbot.waitSignal(legend.filterRequested, timeout=1000) as blocker:
        click(qtbot, legend.chips[Kind.PARAPHRASE])
    assert blocker.args == [frozenset({Kind.OMITTED, Kind.PARAPHRASE})]
    with qtbot.waitSignal(legend.filterRequested, timeout=1000) as blocker:
        click(qtbot, legend.chips[Kind.OMITTED])
    assert blocker.args == [frozenset({Kind.PARAPHRASE})]


def test_show_all_unchecks_every_chip(qtbot, legend):
    click(qtbot, legend.chips[Kind.EDITED])
    with qtbot.waitSignal(legend.filterRequested, timeout=1000) as blocker:
        click(qtbot, legend.show_all)
    assert blocker.args == [frozenset()]
    assert legend.kinds() == frozenset() and not legend.show_all.isVisible()


def test_a_chip_out_of_reach_cannot_be_clicked(qtbot, legend):
    with qtbot.assertNotEmitted(legend.filterRequested):
        click(qtbot, legend.chips[Kind.PARTIAL])
    assert legend.kinds() == frozenset()


def test_set_kinds_checks_exactly_those_and_asks_once(legend):
    asked = []
    legend.filterRequested.connect(asked.append)
    legend.set_kinds(frozenset({Kind.ADDED, Kind.EDITED}))
    assert asked == [frozenset({Kind.ADDED, Kind.EDITED})]
    assert [kind for kind, chip in legend.chips.items() if chip.isChecked()] == [Kind.EDITED, Kind.ADDED]


def test_a_checked_chip_stays_clickable_when_its_kind_is_gone(legend):
    legend.set_kinds(frozenset({Kind.OMITTED}))
    legend.set_counts({Kind.EDITED: 2}, 0)
    assert legend.chips[Kind.OMITTED].text() == "Omitted 0" and legend.chips[Kind.OMITTED].isEnabled()
    assert [kind for kind, chip in legend.chips.items() if chip.isEnabled()] == [Kind.EDITED, Kind.OMITTED]
    assert legend.moved_label.text() == ""
