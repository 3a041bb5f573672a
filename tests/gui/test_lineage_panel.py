"""The Lineage pane: one node per version, arrows to parents, a click makes a version the base."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from gui_helpers import show_alone, wait_shown
from viewer.gui.lineage_panel import LineagePanel

LINEAGE = Path(__file__).resolve().parents[1] / "data" / "lineage"


def open_story(window, qtbot, *names):
    wait_shown(window, qtbot, lambda: window.open_paths([LINEAGE / f"{n}.txt" for n in names]))


def click_node(qtbot, graph, version):
    centre = graph.rects[version].center()
    qtbot.mouseClick(graph, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y())))


def test_hidden_until_asked_then_one_node_per_version_and_an_arrow_per_parent(window, qtbot):
    open_story(window, qtbot, "a", "b", "c", "unrelated")
    assert not window.lineage.isVisible() and not window.act_lineage.isChecked()
    assert window.act_lineage.shortcut().toString() == "F7"
    assert window.act_lineage in window.menuBar().actions()[2].menu().actions()  # View
    window.act_lineage.trigger()
    qtbot.waitUntil(window.lineage.isVisible)
    graph = window.lineage.graph
    assert sorted(graph.rects) == [0, 1, 2, 3]
    assert graph.edges() == [(1, 0, False), (2, 1, False)]
    assert graph.links() == []
    # The chain runs down the levels; the unrelated report is a root beside a.
    rects = graph.rects
    assert rects[0].top() == rects[3].top() < rects[1].top() < rects[2].top()
    assert not any(rects[i].intersects(rects[j]) for i in rects for j in rects if i < j)


def test_clicking_a_node_makes_that_version_the_base(window, qtbot):
    open_story(window, qtbot, "a", "b", "c", "unrelated")
    window.act_lineage.trigger()
    qtbot.waitUntil(window.lineage.isVisible)
    graph = window.lineage.graph
    assert window.comparison.base == 0
    with qtbot.waitSignal(window.comparisonShown, timeout=10000) as shown:
        click_node(qtbot, graph, 2)
    assert shown.args[0].base == 2 and window.comparison.base == 2
    # The same lineage with another base; the pane follows the new comparison.
    assert graph.comparison is window.comparison
    assert graph.edges() == [(1, 0, False), (2, 1, False)]
    assert window.base_combo.currentIndex() == 2


def test_siblings_with_a_common_source_get_dashed_arrows_and_a_line(window, qtbot):
    open_story(window, qtbot, "a", "sib1", "sib2")
    window.act_lineage.setChecked(True)
    qtbot.waitUntil(window.lineage.isVisible)
    graph = window.lineage.graph
    assert graph.edges() == [(1, 0, True), (2, 0, True)]
    assert graph.links() == [(1, 2)]


def test_the_line_below_explains_the_version_under_the_mouse(qtbot):
    from gui_helpers import compare

    comparison = compare("lineage/a.txt", "lineage/b.txt")
    panel = show_alone(qtbot, LineagePanel(), 420, 320)
    panel.set_comparison(comparison)
    graph = panel.graph
    assert panel.why.text() == "Click a version to make it the base."
    graph.hovered.emit(1)
    assert panel.why.text().startswith("<b>b.txt ← a.txt (0.85)</b><br>keeps 9 of a&#x27;s 10 sentences")
    with qtbot.waitSignal(graph.baseRequested) as asked:
        click_node(qtbot, graph, 1)
    assert asked.args == [1]
    with qtbot.assertNotEmitted(graph.baseRequested):
        qtbot.mouseClick(graph, Qt.MouseButton.LeftButton, pos=QPoint(2, graph.height() - 2))


def test_nodes_read_in_a_dark_palette(qtbot):
    from gui_helpers import compare

    panel = show_alone(qtbot, LineagePanel(), 420, 320)
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#2b2b2b"),
                         (QPalette.ColorRole.Text, "#eeeeee"), (QPalette.ColorRole.WindowText, "#eeeeee")):
        dark.setColor(role, QColor(colour))
    panel.graph.setPalette(dark)
    panel.set_comparison(compare("lineage/a.txt", "lineage/b.txt"))
    image = QImage(panel.graph.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#202124"))
    panel.graph.render(image)
    rect = panel.graph.rects[1].toRect()
    colours = {image.pixelColor(x, y).lightness() for x in range(rect.left() + 3, rect.right() - 3)
               for y in range(rect.top() + 3, rect.bottom() - 3)}
    assert min(colours) < 60 and max(colours) > 180  # dark fill, light text
