"""What the reader sees while a comparison arrives: "Done" only once its rows are painted."""
from __future__ import annotations

from gui_helpers import SAMPLE, drop


def test_done_is_said_only_once_the_rows_are_painted(qtbot, window):
    seen = []  # (message, the page on show, rows in the view) at each status bar message
    window.statusBar().messageChanged.connect(
        lambda text: seen.append((text, window.stack.currentWidget() is window.page,
                                  window.view.grid_model.rowCount())))
    drop(window, sorted(SAMPLE.glob("*.txt")), qtbot)
    qtbot.waitUntil(lambda: any(text == "Done" for text, _, _ in seen), timeout=5000)
    done = [(page, rows) for text, page, rows in seen if text == "Done"]
    assert done == [(True, window.view.grid_model.rowCount())] and done[0][1] > 10
    # Before it, while the empty drop screen still showed, the bar said something else.
    assert ("Showing the result…", False, 0) in seen or ("Comparing…", False, 0) in seen
    assert window.view.visible_rows()[0] == 0


def test_a_recomparison_says_done_again_after_painting(qtbot, window):
    drop(window, sorted(SAMPLE.glob("*.txt")), qtbot)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Done", timeout=5000)
    window.statusBar().clearMessage()
    seen = []
    window.statusBar().messageChanged.connect(lambda text: seen.append(text))
    with qtbot.waitSignal(window.comparisonShown, timeout=10000):
        window.document.set_base(1)
    qtbot.waitUntil(lambda: "Done" in seen, timeout=5000)
    assert window.comparison.base == 1 and seen[-1] == "Done"
