"""What the reader sees while a comparison arrives: "Done" only once its rows are painted."""
from __future__ import annotations

import threading

import pytest

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


def test_the_window_shows_before_the_engine_is_built_then_opens_the_sample(qtbot, settings):
    from viewer.gui.application import open_window

    window = open_window([], open_sample=True, settings=settings)
    qtbot.addWidget(window)
    try:
        # Only the shell so far: the drop screen, with no page, document or menus.
        assert not window.ready and window.stack.currentWidget() is window.empty
        assert not hasattr(window, "document") and window.menuBar().actions() == []
        with qtbot.waitSignal(window.shellPainted, timeout=5000):
            pass
        with qtbot.waitSignal(window.comparisonShown, timeout=10000) as shown:
            pass
        assert window.ready and len(shown.args[0].versions) == 4
        assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Edit"]
    finally:
        if window.ready:
            window.document.worker.shutdown()


CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QSettings
from viewer.gui.application import create_application, open_window

app = create_application(["storydiff"])
window = open_window([], False, QSettings(sys.argv[1], QSettings.Format.IniFormat))
seen = {}


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = {"ready": window.ready, "engine": "viewer.engine.pipeline" in sys.modules,
                               "numpy": "numpy" in sys.modules}
        return False


def built():
    seen["built"] = {"engine": "viewer.engine.pipeline" in sys.modules}
    app.quit()


probe = FirstPaint()
window.empty.installEventFilter(probe)
window.built.connect(built)
app.exec()
print(json.dumps(seen))
"""


@pytest.mark.slow
def test_the_first_paint_comes_before_the_engine_is_imported(tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "s.ini")], capture_output=True, text=True,
                         env=env, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"painted": {"ready": False, "engine": False, "numpy": False}, "built": {"engine": True}}


def test_the_job_builds_every_cell_so_showing_builds_none(qtbot, window, monkeypatch):
    from viewer.report.grid import Grid

    built = []  # the thread of each cell built
    real = Grid._make_cell
    monkeypatch.setattr(Grid, "_make_cell",
                        lambda grid, *args: built.append(threading.current_thread()) or real(grid, *args))
    drop(window, sorted(SAMPLE.glob("*.txt")), qtbot)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Done", timeout=5000)
    grid = window.view.grid_model.grid
    assert grid.comparison is window.comparison
    assert len(built) == grid.row_count * grid.column_count
    assert threading.main_thread() not in built
