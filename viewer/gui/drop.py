"""Files and web addresses dragged onto the window: a veil while they hover, then a request to add them."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QMainWindow, QWidget

from viewer.gui import palette


class DropOverlay(QWidget):
    """A veil over the window while files are dragged over it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.text = ""
        self.hide()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        c = palette.colours(self.palette())
        veil = QColor(c.highlight)
        veil.setAlpha(40)
        p.fillRect(self.rect(), veil)
        pen = p.pen()
        pen.setColor(c.highlight)
        pen.setWidth(3)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawRoundedRect(self.rect().adjusted(8, 8, -9, -9), 12, 12)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        p.setFont(font)
        p.setPen(c.text)
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text)


class DropTarget(QObject):
    """Watches a window's drag events: local files and http(s) links show the veil, and dropping them asks to add them."""

    filesDropped = Signal(list)   # local paths and http(s) addresses

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.overlay = DropOverlay(window.centralWidget())
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.DragLeave:
            self.overlay.hide()
            return True
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        files = _local_paths(event)
        if kind == QEvent.Type.Drop:
            self.overlay.hide()
        if not files:
            event.ignore()
            return True
        event.acceptProposedAction()
        if kind == QEvent.Type.DragEnter:
            self.overlay.text = f"Drop to add {len(files)} version{'s' if len(files) != 1 else ''}"
            self.overlay.setGeometry(self.window.centralWidget().rect())
            self.overlay.raise_()
            self.overlay.show()
        elif kind == QEvent.Type.Drop:
            self.filesDropped.emit(files)
        return True


def _local_paths(event) -> list[str]:
    """The local files and web addresses dropped (a link dragged from a browser is an address to fetch)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() if u.isLocalFile() else u.toString() for u in mime.urls()
            if u.isLocalFile() or u.scheme() in ("http", "https")]
