"""Helpers shared by the GUI tests: compare small texts, drop files on the window, wait for a comparison."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-fire"


def drop(window, paths, qtbot, wait: bool = True):
    """Drag ``paths`` onto the window and drop them, as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert window.drop.overlay.isVisible() and "Drop to add" in window.drop.overlay.text
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    if wait:
        with qtbot.waitSignal(window.comparisonShown, timeout=10000):
            QApplication.sendEvent(window, event)
    else:
        QApplication.sendEvent(window, event)
    return event


def wait_shown(window, qtbot, action):
    """Run ``action`` and wait until the window shows the resulting comparison."""
    with qtbot.waitSignal(window.comparisonShown, timeout=10000) as blocker:
        action()
    return blocker.args[0] if blocker.args else None


def compare(*names: str, base: int = 0):
    """The comparison of files of tests/data, e.g. ``compare("pair_a.txt", "pair_b.txt")``."""
    from viewer.engine import loading, pipeline

    return pipeline.compare([loading.load_file(DATA / name) for name in names], base=base)


def row_where(grid, text: str, column: int = 0) -> int:
    """The one row whose cell in ``column`` reads ``text``."""
    rows = [r for r in range(grid.row_count) if grid.cell(r, column).text == text]
    assert len(rows) == 1, (text, rows)
    return rows[0]


def show_alone(qtbot, widget, width: int = 900, height: int = 600):
    """Show ``widget`` as a window of its own, offscreen, closed after the test."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
