"""Helpers shared by the GUI tests: drop files on the window, wait for a comparison."""
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
